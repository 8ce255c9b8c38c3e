"""What the assistant can do, said truthfully.

The help answer is built from this list and from the corpus actually loaded,
so it never promises a capability that is not there. Each capability names
the issue-level feature it belongs to; a feature lands by adding its entry
with ``ready=True`` and an example question that really works.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional

from assistant.knowledge.corpus import CorpusError, GuidanceDocument, load_manifest


@dataclass(frozen=True)
class Capability:
    name: str
    summary: str
    example: str
    ready: bool


CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        "guidance_library",
        "tell you which councils' CIN guidance I hold and where it comes from",
        "what can you do?",
        ready=True,
    ),
    Capability(
        "procedure",
        "answer CIN procedure questions (thresholds, consent, meetings, plans, "
        "timescales) by quoting your council's guidance with the section",
        "how soon after the assessment must the CIN meeting be?",
        ready=False,
    ),
    Capability(
        "caseload",
        "tell you what is due or overdue on your caseload (visits, reviews, "
        "plans, supervision) and when a child's next review is",
        "what's due this week?",
        ready=False,
    ),
)


@dataclass(frozen=True)
class HelpAnswer:
    """A help reply: the text a worker reads and the payload a page renders."""

    text: str
    payload: Dict[str, Any]


def _guidance_lines(documents: List[GuidanceDocument]) -> List[str]:
    return [f"- {d.authority_name}: {d.title}" for d in documents]


def describe_capabilities(documents: Optional[List[GuidanceDocument]] = None) -> HelpAnswer:
    """Build the help answer from the capability list and the loaded corpus."""
    if documents is None:
        try:
            documents = load_manifest()
        except CorpusError:
            documents = []
    ready = [c for c in CAPABILITIES if c.ready]
    coming = [c for c in CAPABILITIES if not c.ready]
    lines = ["I'm the CIN Practice Assistant, for Child in Need (section 17) work. Right now I can:"]
    lines += [f'- {c.summary} (try: "{c.example}")' for c in ready]
    if documents:
        lines.append(f"The guidance I hold ({len(documents)} documents):")
        lines += _guidance_lines(documents)
    else:
        lines.append("No guidance documents are loaded at the moment.")
    if coming:
        lines.append("Still being added, so not yet available: " + "; ".join(c.summary for c in coming) + ".")
    payload = {
        "type": "help",
        "capabilities": [asdict(c) for c in CAPABILITIES],
        "guidance": [
            {"document": d.file, "authority": d.authority, "title": d.title, "kind": d.kind} for d in documents
        ],
    }
    return HelpAnswer(text="\n".join(lines), payload=payload)

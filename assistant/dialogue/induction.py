"""Induction mode: the Child in Need journey, one short spoken step at a time (ASYE).

A newly qualified social worker says "start induction" and hears ten steps in
order (``knowledge/induction.yml``): referral, allocation, assessment, plan and
first meeting, visits, reviews, supervision, step-up, step-down, closure. Each
step is three parts:

* what happens at this point, in plain words written for the walk-through
  (the YAML carries no timescale and no number: a timescale a worker acts on
  must come from the council's own guidance, never from a paraphrase);
* the council's rule for it, quoted with its citation, from
  :func:`assistant.knowledge.answering.answer` for the step's topics - the same
  answer the worker gets when they ask the question directly;
* "Say next, back or stop."

Which guidance: the worker's council. The first of a step's topics that the
council's guidance covers is quoted; a timescale topic it is silent on is said
out loud first ("Kent's guidance in this assistant does not say when the
initial CIN meeting must be held."), and a step none of whose topics it covers
says so and quotes nothing, rather than passing another council's rule off as
the worker's. Where the guidance contradicts itself (Medway's reviews: twelve
weeks in 9.2, eight in 13.2) both passages are quoted and the worker is told to
check with their manager. With no council known the England general guide is
quoted, labelled as general guidance and not a council procedure.

Quotes are cut at a word boundary (:data:`MAX_QUOTE_CHARS`) so a step stays
short enough to listen to; the payload keeps the full quote for the page.
The Rasa action keeps the step number in the ``induction_step`` slot and calls
:func:`induction_step` with it plus or minus one: this module clamps, so the
action never has to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR
from assistant.dialogue.reply import Reply
from assistant.domain.phrasing import GENERAL_LABEL, possessive, section_label
from assistant.knowledge.answering import Answer, answer
from assistant.knowledge.corpus import load_manifest
from assistant.knowledge.passages import collapse_ws, display_text
from assistant.knowledge.topics import Taxonomy, default_topics
from assistant.rules import policies

INDUCTION_FILE = KNOWLEDGE_DIR / "induction.yml"
MAX_QUOTE_CHARS = 280  # about twenty seconds read aloud
MAX_CONFLICT_QUOTE_CHARS = 200
SHORT_QUOTE_CHARS = 80  # a first quote this short is a lead-in: the next one is read too
PROMPT = "Say next, back or stop."

_STEP_KEYS = {"id", "title", "explanation", "topics"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|forty\w*|fortnight\w*|weekly|monthly|quarterly|yearly|annual\w*)\b",
    re.IGNORECASE,
)


class InductionError(ValueError):
    """induction.yml cannot be used; the message names the file, the step and the reason."""


@dataclass(frozen=True)
class InductionStep:
    """One stage of the CIN journey: what it is, and which topics hold the council's rule."""

    id: str
    title: str
    explanation: str
    topics: Tuple[str, ...]


# --------------------------------------------------------------------------- loading


def load_induction(path: Path = INDUCTION_FILE, taxonomy: Optional[Taxonomy] = None) -> Tuple[InductionStep, ...]:
    """Read and check the journey; any fault is an InductionError naming the step.

    Strict because a typo in a topic id would otherwise surface as a worker
    hearing nothing for that step; and an explanation that states a timescale
    would bypass the curated, cited rules, so digits and duration words are refused.
    """
    path = Path(path)
    name = path.name
    taxonomy = taxonomy or default_topics()
    known = set(taxonomy.ids())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InductionError(f"{path}: the induction file is missing") from None
    except yaml.YAMLError as exc:
        raise InductionError(f"{name}: not valid YAML: {exc}") from None
    raw_steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(raw_steps, list) or not raw_steps:
        raise InductionError(f"{name}: expected a mapping with a non-empty 'steps' list")
    steps: List[InductionStep] = []
    seen: set = set()
    for n, raw in enumerate(raw_steps, start=1):
        steps.append(_step(raw, n, name, seen, known))
    return tuple(steps)


def _step(raw: Any, n: int, name: str, seen: set, known: set) -> InductionStep:
    """Step ``n``, checked against the ids ``seen`` before it (this one is added) and the ``known`` topics."""
    if not isinstance(raw, dict):
        raise InductionError(f"{name}: step #{n}: each step must be a mapping")
    sid = raw.get("id")
    label = f"step {sid!r}" if isinstance(sid, str) and sid else f"step #{n}"
    if not isinstance(sid, str) or not _ID.match(sid):
        raise InductionError(f"{name}: {label}: 'id' must be lower_case letters, digits and underscores")
    if sid in seen:
        raise InductionError(f"{name}: {label}: duplicate id")
    seen.add(sid)
    unknown_keys = sorted(str(k) for k in raw if k not in _STEP_KEYS)
    if unknown_keys:
        raise InductionError(
            f"{name}: {label}: unknown field(s) {', '.join(unknown_keys)} (allowed: {', '.join(sorted(_STEP_KEYS))})"
        )
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InductionError(f"{name}: {label}: missing 'title'")
    explanation = raw.get("explanation")
    if not isinstance(explanation, str) or not explanation.strip():
        raise InductionError(f"{name}: {label}: missing 'explanation'")
    explanation = collapse_ws(explanation)
    bad = _DIGIT.search(explanation) or _NUMBER_WORDS.search(explanation)
    if bad:
        raise InductionError(
            f"{name}: {label}: the explanation says {bad.group(0)!r}; timescales and numbers must come "
            "from the council's cited rules, not the explanation"
        )
    topics = raw.get("topics")
    if isinstance(topics, str):
        topics = [topics]
    if not isinstance(topics, list) or not topics or not all(isinstance(t, str) for t in topics):
        raise InductionError(f"{name}: {label}: 'topics' must be a non-empty list of topic ids")
    for t in topics:
        if t not in known:
            raise InductionError(f"{name}: {label}: unknown topic {t!r} (known topics: {', '.join(sorted(known))})")
    return InductionStep(sid, title.strip(), explanation, tuple(topics))


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> Tuple[InductionStep, ...]:
    return load_induction(Path(path))


def induction_steps() -> Tuple[InductionStep, ...]:
    """The shipped journey, cached until the file changes."""
    return _cached(str(INDUCTION_FILE), INDUCTION_FILE.stat().st_mtime)


# --------------------------------------------------------------------------- speaking citations


@lru_cache(maxsize=1)
def general_authorities() -> frozenset:
    """Authorities whose documents are general guides, not a council's procedure (England)."""
    return frozenset(d.authority for d in load_manifest() if d.kind == "general_guidance")


def source_phrase(authority: str, section: str) -> str:
    """Who says it and where: "Medway's guidance, section 10.1" - the general guide labelled as such."""
    if authority in general_authorities():
        return f"The England general guide ({GENERAL_LABEL}), {section_label(section)}"
    return f"{possessive(authority)} guidance, {section_label(section)}"


def clip_quote(quote: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """The quote as shown to a person, cut at a word boundary with an ellipsis when too long.

    The cut text is always the start of the quote, so what is heard is still
    the guidance's own words.
    """
    shown = display_text(quote)
    if len(shown) <= limit:
        return shown
    cut = shown[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def citation_dict(c: Mapping[str, Any]) -> Dict[str, str]:
    """The payload's citation: document, section and the verbatim quote."""
    return {"document": str(c["document"]), "section": str(c["section"]), "quote": collapse_ws(str(c["quote"]))}


# --------------------------------------------------------------------------- one step


def _first_sentence(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    m = re.match(r"(.+?[.!?])(\s|$)", line)
    return m.group(1) if m else line


def _conflict_for(authority: str, ans: Answer, rule_quote: str) -> Optional[Dict[str, Any]]:
    """The answer's citation that contradicts its rule (from the rule's curated conflicts)."""
    policy = policies().get(authority)
    if policy is None:
        return None
    for rule in policy.rules:
        if rule.authority != authority or collapse_ws(rule.citation.quote) != rule_quote:
            continue
        for conflict in rule.conflicts:
            cq = collapse_ws(conflict.citation.quote)
            for c in ans.citations:
                if c["document"] == conflict.citation.document and collapse_ws(c["quote"]) == cq:
                    return c
    return None


def _silence_for(authority: str, topic_id: str) -> Optional[Dict[str, Any]]:
    """A documented silence (Camden's visits live in a policy we do not hold), as a citation."""
    policy = policies().get(authority)
    topic = default_topics().get(topic_id)
    if policy is None or not topic.item:
        return None
    silence = policy.silent_on(topic.item)
    if silence is None:
        return None
    c = silence.citation
    return {"document": c.document, "section": c.section, "quote": c.quote, "authority": authority}


def _reads_on(first: Mapping[str, Any], follow: Mapping[str, Any], speaker: Optional[str]) -> bool:
    """Should the next citation be read straight after the first?

    Yes when it is the same council's same document and either the first is a
    lead-in ("... a Child in Need if:") or both sit in the same section and fit
    together (Camden's first review, then its later reviews, both section 5).
    """
    if follow.get("authority", speaker) != speaker or follow["document"] != first["document"]:
        return False
    a, b = display_text(first["quote"]), display_text(follow["quote"])
    if len(a) < SHORT_QUOTE_CHARS:
        return True
    return follow["section"] == first["section"] and len(a) + len(b) <= MAX_QUOTE_CHARS


def _guidance_authority(authority: Optional[str]) -> Optional[str]:
    """Whose guidance to quote: the worker's council, else the general guide."""
    if authority is not None:
        return authority
    general = sorted(a for a in general_authorities() if a in policies())
    return general[0] if general else None


def _rule_part(step: InductionStep, authority: Optional[str]) -> Tuple[str, List[Dict[str, str]], str]:
    """What the council's guidance says for this step: (spoken text, citations, status)."""
    target = _guidance_authority(authority)
    said_silent: List[str] = []
    first_silent: Optional[Answer] = None
    for topic_id in step.topics:
        ans = answer(topic_id, target)
        if ans.status == "silent" or not ans.citations:
            if first_silent is None:
                first_silent = ans
            if default_topics().get(topic_id).item and target is not None:
                said_silent.append(_first_sentence(ans.text))
            continue
        c0 = ans.citations[0]
        parts = list(said_silent)
        cits = [citation_dict(c0)]
        speaker = str(c0.get("authority") or target or "")
        if target is not None and speaker != target and target not in general_authorities():
            parts.append(
                f"{possessive(target)} guidance sets no timescale of its own here, so the statutory baseline applies."
            )
        status = ans.status
        other = None
        if ans.status == "conflict" and target is not None:
            other = _conflict_for(target, ans, collapse_ws(c0["quote"]))
        spoken = f'"{clip_quote(c0["quote"])}"'
        follow = ans.citations[1] if len(ans.citations) > 1 else None
        if follow is not None and follow is not other and _reads_on(c0, follow, speaker):
            spoken += f' and "{clip_quote(follow["quote"], MAX_QUOTE_CHARS - len(spoken))}"'
            cits.append(citation_dict(follow))
        parts.append(f"{source_phrase(speaker, c0['section'])}, says: {spoken}")
        if other is not None:
            parts.append(
                f"But {section_label(other['section'])} of the same guidance says: "
                f'"{clip_quote(other["quote"], MAX_CONFLICT_QUOTE_CHARS)}" '
                "Check with your manager which one your team works to."
            )
            cits.append(citation_dict(other))
        if authority is None:
            parts.append("Your council's own procedure may differ: tell me which council you work for.")
        return " ".join(parts), cits, status
    # no topic of this step is covered by the council's guidance
    assert first_silent is not None
    parts = [_first_sentence(first_silent.text)]
    cits = []
    silence = _silence_for(target, step.topics[0]) if target is not None else None
    if silence is not None and target is not None:
        parts.append(f'{source_phrase(target, silence["section"])}, says: "{clip_quote(silence["quote"])}"')
        cits.append(citation_dict(silence))
    parts.append("Ask your manager or practice educator where your council sets this out.")
    return " ".join(parts), cits, "silent"


def induction_step(step: int, authority: Optional[str]) -> Reply:
    """Step ``step`` (1-based) of the journey for the worker's council, as a Reply.

    Out of range is clamped: below 1 gives step 1 and says it is the first
    step (the action calls this with step - 1 for "back"); past the last step
    gives the end-of-induction summary with ``status: finished`` and a nudge
    to try the quiz, so "next" can never fall off the end.
    """
    steps = induction_steps()
    total = len(steps)
    if step > total:
        return _finished(steps, authority)
    note = ""
    if step < 1:
        step = 1
        note = "You're already at the first step. "
    s = steps[step - 1]
    rule_text, cits, status = _rule_part(s, authority)
    text = f"{note}Step {step} of {total}: {s.title}. {s.explanation} {rule_text} {PROMPT}"
    payload: Dict[str, Any] = {
        "type": "induction",
        "step": step,
        "of": total,
        "stage": s.id,
        "title": s.title,
        "authority": authority,
        "citations": cits,
        "status": status,
    }
    return Reply(text, payload)


def _finished(steps: Sequence[InductionStep], authority: Optional[str]) -> Reply:
    """The end of the walk-through: the journey in one breath, and the quiz to try next."""
    titles = [s.title[0].lower() + s.title[1:] if not s.title.startswith("CIN") else s.title for s in steps]
    journey = ", ".join(titles[:-1]) + f" and {titles[-1]}" if len(titles) > 1 else titles[0]
    whose = f"{possessive(authority)} guidance" if authority else "the guidance"
    text = (
        f"That's the end of the induction. You've been through the CIN journey: {journey}. "
        f'To check what you remember of {whose}, say "start the quiz". '
        "Say back to hear the last step again."
    )
    payload: Dict[str, Any] = {
        "type": "induction",
        "step": len(steps),
        "of": len(steps),
        "stage": None,
        "title": "Induction complete",
        "authority": authority,
        "citations": [],
        "status": "finished",
    }
    return Reply(text, payload)


__all__ = [
    "INDUCTION_FILE",
    "InductionError",
    "InductionStep",
    "MAX_QUOTE_CHARS",
    "clip_quote",
    "induction_step",
    "induction_steps",
    "load_induction",
    "source_phrase",
]

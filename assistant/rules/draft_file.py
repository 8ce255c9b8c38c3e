"""A draft written out as a rule file a person can read, check and confirm.

The file is ordinary ``knowledge/policies`` YAML (schema in its README.md) with
``status: draft`` on every rule and comments saying what to check: the
duration's unit (working or calendar days), what it counts from, any other
draft for the same item. It is written as text, not dumped, so the comments
survive and ``rules confirm`` can flip one line without disturbing the rest;
it is checked by the loader before it replaces anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import List, Optional

from assistant.rules.draft import Draft, DraftRule, UnmappedSentence
from assistant.rules.loader import RuleError, read_policy_file
from assistant.rules.mapping import ANCHOR_MEANINGS, duration_words
from assistant.rules.sources import IndexLoader


class DraftFileError(RuntimeError):
    """The draft cannot be written; the message says why and what to do."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _header(draft: Draft, today: dt.date) -> List[str]:
    key = draft.authority
    return [
        f"# {draft.name}: due-date rules DRAFTED from the council's own guidance",
        f"# by `cin-assistant rules draft --authority {key}` on {today.isoformat()}",
        f"# from {', '.join(draft.documents)}.",
        "#",
        "# Every rule is `status: draft`: the due engine does not use it until a person has read it",
        "# against its quote and confirmed it, with",
        f"#   cin-assistant rules confirm --authority {key} --item ITEM     (or --id RULE_ID, or --all)",
        "# or by changing `status: draft` to `status: confirmed` below. For each rule check the item,",
        "# the duration (working days or calendar days), the anchor (what it counts from) and the",
        "# conditions (category, route, occurrence); delete a draft that is wrong.",
        "# `unmapped:` at the end lists the sentences that state a timescale no rule item fits.",
        "# Schema: knowledge/policies/README.md. `cin-assistant rules check` shows what is left to do.",
        f"authority: {key}",
        f"name: {_q(draft.name)}",
        "",
    ]


def _rule(rule: DraftRule) -> List[str]:
    slot = rule.slot
    lines = [f"  # {note}" for note in rule.notes]
    lines += [f"  - id: {rule.id}", "    status: draft", f"    item: {slot.item}"]
    for key in ("occurrence", "category", "route"):
        value = getattr(slot, key)
        if value:
            lines.append(f"    {key}: {value}")
    lines.append(f"    duration: {_q(rule.duration.phrase):<24} # {duration_words(rule.duration)}")
    counts = f"the sentence: {rule.anchor_text!r}" if rule.anchor_text else "the sentence names none: the default"
    anchor = f"{slot.anchor:<20} # {ANCHOR_MEANINGS[slot.anchor]} ({counts})"
    if slot.item == "cin_review" and slot.occurrence is None:
        anchor = f"{slot.anchor:<20} # the last review; the first counts from the CIN start ({counts})"
    lines.append(f"    anchor: {anchor}")
    if slot.item == "oversight":
        lines.append(f"    who: {_q(rule.who or '')}")
    lines += [
        f"    rule: {_q(rule.rule)}",
        "    citation:",
        f"      document: {_q(rule.citation.document)}",
        f"      section: {_q(rule.citation.section)}",
        f"      quote: {_q(rule.citation.quote)}",
    ]
    return lines


def _unmapped(entry: UnmappedSentence) -> List[str]:
    lines = [
        f"  - quote: {_q(entry.citation.quote)}",
        f"    document: {_q(entry.citation.document)}",
        f"    section: {_q(entry.citation.section)}",
    ]
    if entry.phrase:
        lines.append(f"    phrase: {_q(entry.phrase)}")
    lines.append(f"    reason: {_q(entry.reason)}")
    return lines


def render_draft(draft: Draft, today: Optional[dt.date] = None) -> str:
    """The rule file's text."""
    lines = _header(draft, today or dt.date.today())
    lines.append("rules:" if draft.rules else "rules: []")
    for rule in draft.rules:
        lines += _rule(rule) + [""]
    if not draft.rules:
        lines.append("")
    lines.append("unmapped:" if draft.unmapped else "unmapped: []")
    for entry in draft.unmapped:
        lines += _unmapped(entry)
    return "\n".join(lines).rstrip() + "\n"


def write_draft(
    draft: Draft,
    path: Path,
    *,
    force: bool = False,
    index: Optional[IndexLoader] = None,
    today: Optional[dt.date] = None,
) -> Path:
    """Write the draft to ``path`` (named ``<authority>.yml``), checked by the loader first.

    An existing file is kept unless ``force``: it may hold rules someone confirmed.
    """
    path = Path(path)
    if path.name != f"{draft.authority}.yml":
        raise DraftFileError(f"{path}: a rule file must be named {draft.authority}.yml (its authority key)")
    if path.exists() and not force:
        raise DraftFileError(
            f"{path} already exists (it may hold confirmed rules): edit it, "
            "or pass --force to replace it with a new draft, or --out to write elsewhere"
        )
    text = render_draft(draft, today)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / path.name
        trial.write_text(text, encoding="utf-8")
        try:
            read_policy_file(trial, index=index)
        except RuleError as exc:  # a drafting bug: never leave a file the assistant refuses to load
            raise DraftFileError(f"the draft does not pass the rule-file check, nothing written: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".yml.tmp", dir=str(path.parent))
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)  # guidance, not case data: readable like the shipped rule files
    os.replace(tmp, path)
    return path


__all__ = ["DraftFileError", "render_draft", "write_draft"]

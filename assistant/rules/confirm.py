"""A person's confirmation of drafted rules: ``status: draft`` becomes ``status: confirmed``.

Only confirmed rules give due dates, so confirming is the moment a drafted
timescale starts to tell social workers what is overdue. The file is changed
line by line (its comments and layout are the person's too) and the result is
checked by the loader before it replaces the old one: confirming two drafts for
the same item, or an oversight milestone that does not say who is involved,
is refused with the loader's reason and the file is left as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from assistant.domain.policy import Rule
from assistant.rules.loader import RuleError, read_policy_file
from assistant.rules.sources import IndexLoader


class ConfirmError(ValueError):
    """Nothing was confirmed; the message says why and what to do instead."""


@dataclass(frozen=True)
class Confirmed:
    file: Path
    rules: Tuple[Rule, ...]  # the rules confirmed now
    drafts_left: Tuple[Rule, ...]  # drafts still waiting


_ID_LINE = re.compile(r"^(?P<indent>\s*)-\s+id:\s*(?P<q>['\"]?)(?P<id>[^'\"#\s]+)(?P=q)\s*(#.*)?$")
_STATUS_LINE = re.compile(r"^(?P<lead>\s+status:\s*)(?P<q>['\"]?)draft(?P=q)(?P<tail>\s*(#.*)?)$")


def _chosen(drafts: Sequence[Rule], item: Optional[str], rule_id: Optional[str], every: bool) -> List[Rule]:
    if every:
        return list(drafts)
    if rule_id:
        return [r for r in drafts if r.id == rule_id]
    return [r for r in drafts if r.item == item]


def _flip(lines: List[str], rule_id: str, file: Path) -> None:
    """Change the ``status: draft`` line of one rule's block, in place."""
    start = next((n for n, line in enumerate(lines) if (m := _ID_LINE.match(line)) and m["id"] == rule_id), None)
    if start is None:
        raise ConfirmError(f"cannot find rule {rule_id} in {file}: confirm it by editing the file")
    indent = len(_ID_LINE.match(lines[start])["indent"])  # type: ignore[index]
    for n in range(start + 1, len(lines)):
        line = lines[n]
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip()) <= indent:
            break  # the next rule, or the next top-level key
        found = _STATUS_LINE.match(line)
        if found:
            lines[n] = f"{found['lead']}confirmed{found['tail']}"
            return
    raise ConfirmError(f"cannot find `status: draft` under rule {rule_id} in {file}: edit it by hand")


def _described(rules: Sequence[Rule]) -> str:
    return ", ".join(f"{r.id} ({r.duration.phrase!r}, section {r.citation.section})" for r in rules)


def confirm_drafts(
    file: Path,
    *,
    item: Optional[str] = None,
    rule_id: Optional[str] = None,
    every: bool = False,
    index: Optional[IndexLoader] = None,
) -> Confirmed:
    """Confirm the drafts of ``item`` (or the one ``rule_id``, or ``every`` draft) in ``file``."""
    file = Path(file)
    if not file.exists():
        raise ConfirmError(f"no rule file {file}: draft one first (cin-assistant rules draft --authority {file.stem})")
    try:
        policy = read_policy_file(file, index=index)
    except RuleError as exc:
        raise ConfirmError(f"{file} cannot be read as it stands, so nothing was confirmed: {exc}") from None
    chosen = _chosen(policy.drafts, item, rule_id, every)
    if not chosen:
        what = "any" if every else (rule_id or f"the item {item}")
        left = _described(policy.drafts) or "none: every rule in it is confirmed"
        raise ConfirmError(f"no draft for {what} in {file.name}. Drafts: {left}")
    lines = file.read_text(encoding="utf-8").splitlines(keepends=False)
    for rule in chosen:
        _flip(lines, rule.id, file)
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / file.name
        trial.write_text(text, encoding="utf-8")
        try:
            after = read_policy_file(trial, index=index)
        except RuleError as exc:
            hint = ""
            if "same item and conditions" in exc.reason:
                hint = (
                    " Two rules for the same item and conditions cannot both be confirmed:"
                    " confirm one with --id and delete the other."
                )
            raise ConfirmError(f"not confirmed, {file.name} is unchanged: {exc}.{hint}") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{file.stem}-", suffix=".yml.tmp", dir=str(file.parent))
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)  # guidance, not case data
    os.replace(tmp, file)
    return Confirmed(file=file, rules=tuple(chosen), drafts_left=after.drafts)


__all__ = ["ConfirmError", "Confirmed", "confirm_drafts"]

"""The chat's held-out file (evaluation/sets/chat-heldout.yml): read and shape-checked into typed messages.

Procedural messages carry the facts and citations a right answer has;
caseload messages (and the last turn of a follow-up) the query a right
answer makes, whose items :mod:`evaluation.chat_expected` computes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, List, Mapping, Optional, Tuple

from assistant.config import PROJECT_ROOT

HELDOUT_PATH = PROJECT_ROOT / "evaluation" / "sets" / "chat-heldout.yml"
CASELOAD_KINDS = ("due", "overdue", "team_due", "team_overdue", "next", "child_summary", "caseload")

Fact = Tuple[str, ...]  # alternative wordings, any one will do


class HeldoutError(ValueError):
    """The held-out file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Procedural:
    q: str
    sender: str
    sender_authority: str
    topic: str
    authority: Optional[str]
    facts: Tuple[Fact, ...]
    cites: Tuple[Tuple[str, str], ...]


@dataclass(frozen=True)
class Expect:
    kind: str
    item_type: Optional[str]
    window: Optional[Tuple[str, str]]  # ISO start, end
    child: Optional[str]  # child_id


@dataclass(frozen=True)
class Caseload:
    q: str
    sender: str
    expect: Expect
    turns: Tuple[str, ...] = ()  # earlier turns of a follow-up (the scored message is ``q``)


@dataclass
class Heldout:
    seed: int
    today: dt.date
    children: Optional[int]
    procedural: List[Procedural]
    caseload: List[Caseload]
    followups: List[Caseload]

    @property
    def total(self) -> int:
        return len(self.procedural) + len(self.caseload) + len(self.followups)


def _facts(raw: Any, where: str) -> Tuple[Fact, ...]:
    out = []
    for f in raw or []:
        if isinstance(f, str):
            out.append((f,))
        elif isinstance(f, list) and f and all(isinstance(a, str) for a in f):
            out.append(tuple(f))
        else:
            raise HeldoutError(f"{where}: a fact must be a string or a list of alternative strings, not {f!r}")
    return tuple(out)


def _cites(raw: Any, where: str) -> Tuple[Tuple[str, str], ...]:
    out = []
    for c in raw or []:
        if isinstance(c, Mapping):
            out.append((str(c["document"]), str(c["section"])))
        elif isinstance(c, (list, tuple)) and len(c) == 2:
            out.append((str(c[0]), str(c[1])))
        else:
            raise HeldoutError(f"{where}: a cite must be [document, section], not {c!r}")
    if not out:
        raise HeldoutError(f"{where}: at least one acceptable [document, section] is needed")
    return tuple(out)


def _expect(raw: Any, where: str) -> Expect:
    if not isinstance(raw, Mapping):
        raise HeldoutError(f"{where}: 'expect' must be a mapping")
    kind = raw.get("kind")
    if kind not in CASELOAD_KINDS:
        raise HeldoutError(f"{where}: unknown kind {kind!r} (one of {', '.join(CASELOAD_KINDS)})")
    window = raw.get("window")
    if window is not None:
        try:
            window = (str(window["start"]), str(window["end"]))
            dt.date.fromisoformat(window[0]), dt.date.fromisoformat(window[1])
        except (KeyError, TypeError, ValueError):
            raise HeldoutError(f"{where}: window must be {{start: YYYY-MM-DD, end: YYYY-MM-DD}} or null") from None
    item_type = raw.get("item_type")
    child = raw.get("child")
    return Expect(
        str(kind), None if item_type is None else str(item_type), window, None if child is None else str(child)
    )


def load_heldout(path: Optional[Path] = None) -> Heldout:
    """Read and shape-check the held-out file (see the header of evaluation/sets/chat-heldout.yml)."""
    import yaml

    path = Path(path or HELDOUT_PATH)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HeldoutError(f"{path}: no such file") from None
    if not isinstance(data, Mapping):
        raise HeldoutError(f"{path}: expected a mapping")
    try:
        seed = int(data["seed"])
        today = dt.date.fromisoformat(str(data["today"]))
    except (KeyError, ValueError) as exc:
        raise HeldoutError(f"{path}: needs 'seed' (an integer) and 'today' (YYYY-MM-DD): {exc}") from None
    children = data.get("children")
    procedural = _procedural(data, path)
    caseload = _caseload(data, path)
    followups = _followups(data, path)
    return Heldout(seed, today, None if children is None else int(children), procedural, caseload, followups)


def _procedural(data: Mapping, path: Path) -> List[Procedural]:
    procedural: List[Procedural] = []
    for n, p in enumerate(data.get("procedural") or [], start=1):
        where = f"{path.name}: procedural #{n} ({p.get('q')!r})"
        try:
            procedural.append(
                Procedural(
                    str(p["q"]),
                    str(p["sender"]),
                    str(p["sender_authority"]),
                    str(p["topic"]),
                    None if p.get("authority") is None else str(p["authority"]),
                    _facts(p.get("facts"), where),
                    _cites(p.get("cite"), where),
                )
            )
        except KeyError as exc:
            raise HeldoutError(f"{where}: missing {exc}") from None
    return procedural


def _caseload(data: Mapping, path: Path) -> List[Caseload]:
    caseload: List[Caseload] = []
    for n, c in enumerate(data.get("caseload") or [], start=1):
        where = f"{path.name}: caseload #{n} ({c.get('q')!r})"
        try:
            caseload.append(Caseload(str(c["q"]), str(c["sender"]), _expect(c.get("expect"), where)))
        except KeyError as exc:
            raise HeldoutError(f"{where}: missing {exc}") from None
    return caseload


def _followups(data: Mapping, path: Path) -> List[Caseload]:
    followups: List[Caseload] = []
    for n, f in enumerate(data.get("followups") or [], start=1):
        where = f"{path.name}: followup #{n}"
        turns = f.get("turns") if isinstance(f, Mapping) else None
        if not isinstance(turns, list) or len(turns) < 2 or not all(isinstance(t, str) for t in turns):
            raise HeldoutError(f"{where}: 'turns' must list two or more messages (the last one is scored)")
        try:
            followups.append(Caseload(turns[-1], str(f["sender"]), _expect(f.get("expect"), where), tuple(turns[:-1])))
        except KeyError as exc:
            raise HeldoutError(f"{where}: missing {exc}") from None
    return followups


__all__ = [
    "CASELOAD_KINDS",
    "HELDOUT_PATH",
    "Caseload",
    "Expect",
    "Fact",
    "Heldout",
    "HeldoutError",
    "Procedural",
    "load_heldout",
]

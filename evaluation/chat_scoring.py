"""Scoring one reply of the chat against the REST reply contract (docs/conversation.md).

* procedural: the ``custom`` payload is ``type: answer``; every fact occurs in
  the reply text (whitespace collapsed, case-insensitive, Markdown emphasis
  removed; a fact may be a list of alternative wordings); at least one payload
  citation has an acceptable ``[document, section]``;
* caseload: the payload is ``type: due_items``; ``query.kind``,
  ``query.item_type``, ``query.window`` and ``query.child.child_id`` equal the
  expected ones; ``items`` equal the expected items (:mod:`evaluation.chat_expected`),
  compared on the spec §5 fields ``case_id``, ``item``, ``due`` and ``status``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from evaluation.chat_expected import item_key
from evaluation.chat_heldout import Caseload, Procedural


@dataclass
class Score:
    family: str  # procedural | caseload | followup
    group: str  # the topic, or the caseload kind
    q: str
    sender: str
    ok: bool
    reasons: List[str] = field(default_factory=list)
    seconds: float = 0.0
    reply_type: Optional[str] = None

    def reason(self) -> str:
        return "; ".join(self.reasons) or "ok"


def _norm(text: str) -> str:
    text = re.sub(r"[*_`]+", "", text or "")  # Markdown emphasis
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


def split_replies(replies: Sequence[Mapping[str, Any]]) -> Tuple[str, List[Mapping[str, Any]]]:
    """The reply text (all text messages joined) and the custom payloads."""
    text = "\n".join(str(r["text"]) for r in replies if r.get("text"))
    payloads = [r["custom"] for r in replies if isinstance(r.get("custom"), Mapping)]
    return text, payloads


def _payload(payloads: List[Mapping[str, Any]], reasons: List[str]) -> Optional[Mapping[str, Any]]:
    if not payloads:
        reasons.append("no custom payload in the reply")
        return None
    if len(payloads) > 1:
        reasons.append(f"{len(payloads)} custom payloads (expected one); scoring the last")
    return payloads[-1]


def _describe(payload: Optional[Mapping[str, Any]]) -> str:
    if payload is None:
        return "none"
    extra = payload.get("reason") or payload.get("topic") or ""
    return f"{payload.get('type')}{'/' + str(extra) if extra else ''}"


def score_procedural(msg: Procedural, replies: Sequence[Mapping[str, Any]]) -> Score:
    """Right type, every fact in the text, at least one acceptable citation."""
    text, payloads = split_replies(replies)
    reasons: List[str] = []
    payload = _payload(payloads, reasons)
    score = Score("procedural", msg.topic, msg.q, msg.sender, False, reasons, reply_type=_describe(payload))
    if payload is None:
        return score
    if payload.get("type") != "answer":
        reasons.insert(0, f"reply type {_describe(payload)}, expected answer ({msg.topic})")
        return score
    if payload.get("topic") != msg.topic:
        reasons.append(f"topic {payload.get('topic')!r} (expected {msg.topic!r})")
    blob = _norm(text)
    missing = [alts[0] for alts in msg.facts if not any(_norm(a) in blob for a in alts)]
    if missing:
        reasons.append("missing fact(s) " + ", ".join(repr(m) for m in missing))
    cited = [(str(c.get("document", "")), str(c.get("section", ""))) for c in payload.get("citations") or []]
    ok_cites = {(d, _norm(s)) for d, s in msg.cites}
    if not any((d, _norm(s)) in ok_cites for d, s in cited):
        got = "; ".join(f"{d} \u00a7{s}" for d, s in cited[:3]) or "no citation"
        reasons.append(f"no acceptable citation (got {got})")
    # the topic is reported but only facts and citation decide (the contract's measure)
    score.ok = not missing and any((d, _norm(s)) in ok_cites for d, s in cited)
    return score


def score_caseload(
    msg: Caseload,
    replies: Sequence[Mapping[str, Any]],
    expected: List[List[Tuple[str, str, str, str]]],
    today: dt.date,
    family: str = "caseload",
) -> Score:
    """Right type, the query (kind, item_type, window, child) as expected, and the expected items."""
    _, payloads = split_replies(replies)
    reasons: List[str] = []
    payload = _payload(payloads, reasons)
    e = msg.expect
    score = Score(family, e.kind, msg.q, msg.sender, False, reasons, reply_type=_describe(payload))
    if payload is None:
        return score
    if payload.get("type") != "due_items":
        reasons.insert(0, f"reply type {_describe(payload)}, expected due_items ({e.kind})")
        return score
    query = payload.get("query") or {}
    if query.get("kind") != e.kind:
        reasons.append(f"kind {query.get('kind')!r} (expected {e.kind!r})")
    if query.get("item_type") != e.item_type:
        reasons.append(f"item_type {query.get('item_type')!r} (expected {e.item_type!r})")
    window = query.get("window")
    got_window = None if not window else (str(window.get("start")), str(window.get("end")))
    if got_window != e.window:
        show = lambda w: "null" if w is None else f"{w[0]}..{w[1]}"  # noqa: E731
        reasons.append(f"window {show(got_window)} (expected {show(e.window)})")
    child = query.get("child")
    got_child = child.get("child_id") if isinstance(child, Mapping) else None
    if got_child != e.child:
        reasons.append(f"child {got_child!r} (expected {e.child!r})")
    got_items = sorted(item_key(i, today) for i in payload.get("items") or [])
    if got_items not in expected:
        want = expected[0]
        extra = sorted(set(got_items) - set(want))
        lost = sorted(set(want) - set(got_items))
        detail = []
        if lost:
            detail.append(f"{len(lost)} missing e.g. {'/'.join(lost[0])}")
        if extra:
            detail.append(f"{len(extra)} unexpected e.g. {'/'.join(extra[0])}")
        if not detail:
            detail.append("duplicates differ")
        reasons.append(f"items differ ({len(got_items)} got, {len(want)} expected: {', '.join(detail)})")
    score.ok = not [r for r in reasons if not r.endswith("scoring the last")]
    return score


__all__ = ["Score", "score_caseload", "score_procedural", "split_replies"]

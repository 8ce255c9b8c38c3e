"""One visit, several children: "visited the Abdi boys yesterday, saw both on their own".

Siblings are often visited together. When the message that opens the visit
form names a family (assistant.dialogue.children finds every child of that
surname on the asker's own cases), the form records the same visit for each
child: one read-back naming them all, then one event per child, each with the
same checks as a single visit (assistant.dialogue.visits). Every child is
checked before anything is written, so a refusal for one writes nothing for
any. Whether each child was seen alone can differ ("Tyler on his own, Chidera
with mum the whole time": ``alone_each``, read by
assistant.dialogue.visit_message); the rest is one visit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Mapping, Optional, Sequence

from assistant.casestore import Store, audit
from assistant.dialogue.reply import Reply
from assistant.dialogue.visits import FORM, check_visit, confirm_visit, record_visit, seen_words


def _children_text(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def confirm_visits(
    store: Store,
    worker_id: str,
    children: Sequence[str],
    visit_date: dt.date,
    child_seen: bool,
    seen_alone: Optional[bool],
    today: dt.date,
    alone_each: Optional[Mapping[str, bool]] = None,
) -> Reply:
    """The read-back for the same visit to every child (``visits`` in the payload), or the first refusal."""
    replies = [
        confirm_visit(store, worker_id, c, visit_date, child_seen, _alone(c, seen_alone, child_seen, alone_each), today)
        for c in children
    ]
    refused = next((r for r in replies if r.payload.get("status") != "confirm"), None)
    if refused is not None or len(replies) == 1:
        return refused or replies[0]
    visits: List[Dict[str, Any]] = [r.payload["visit"] for r in replies]
    named = _children_text([f"{v['child_name']} (case {v['case_id']})" for v in visits])
    seen = replies[0].text.split(") on ", 1)[-1]  # "<date>, <seen>? Yes or no?" as the single read-back says it
    if len({v["seen_alone"] for v in visits}) > 1:  # "Grace seen alone, Precious seen, not alone"
        day = seen.split(", ", 1)[0] if ", " in seen else seen
        each = ", ".join(f"{v['child_name']} {seen_words(child_seen, v['seen_alone'])}" for v in visits)
        seen = f"{day.rstrip('?')}: {each}? Yes or no?"
    text = f"Record one visit to {named} on {seen}"
    return Reply(text, {"type": "form", "form": FORM, "status": "confirm", "visit": visits[0], "visits": visits})


def _alone(
    child: str, seen_alone: Optional[bool], child_seen: bool, alone_each: Optional[Mapping[str, bool]]
) -> Optional[bool]:
    """This child's seen-alone: what was said of them, else what was said of the visit (never alone if not seen)."""
    if not child_seen:
        return seen_alone
    return (alone_each or {}).get(child, seen_alone)


def record_visits(
    store: Store,
    worker_id: str,
    children: Sequence[str],
    visit_date: dt.date,
    child_seen: bool,
    seen_alone: Optional[bool],
    today: dt.date,
    via: audit.Via = audit.CHAT,
    alone_each: Optional[Mapping[str, bool]] = None,
) -> Reply:
    """Save the visit for every child, each with its next visit date; nothing at all if any check fails."""
    for child in children:
        check = check_visit(store, worker_id, child, visit_date, today)
        if not check.ok:
            assert check.reply is not None
            return check.reply
    replies = [
        record_visit(
            store, worker_id, c, visit_date, child_seen, _alone(c, seen_alone, child_seen, alone_each), today, via
        )
        for c in children
    ]
    if len(replies) == 1:
        return replies[0]
    visits = [r.payload.get("visit") for r in replies if r.payload.get("visit")]
    items = [item for r in replies for item in r.payload.get("items") or ()]
    payload: Dict[str, Any] = {
        "type": "form",
        "form": FORM,
        "status": "saved",
        "visit": visits[0] if visits else None,
        "visits": visits,
        "items": items,
    }
    return Reply("\n".join(r.text for r in replies), payload)


__all__ = ["confirm_visits", "record_visits"]

"""The items a right caseload answer lists, computed from the case store and the engine, never from the reply.

The expected items, per kind (the contract's meanings, docs/conversation.md):

``due`` / ``team_due``
    open items due in the window plus every overdue item (a past oversight
    milestone is never overdue), of the worker's open cases / the manager's
    scope, limited to the item type's engine items;
``overdue`` / ``team_overdue``
    the overdue ones only (window null);
``next``
    one item: the child's earliest open item of the type (any of the items
    tied on the earliest date is accepted);
``child_summary``
    every open item of the child (past milestones left out);
``caseload``
    the worker's open cases, each with its earliest open item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, List, Mapping, Tuple

from assistant.rules import policies
from evaluation.chat_heldout import Expect, HeldoutError

TEAM_KINDS = ("team_due", "team_overdue")
WINDOW_KINDS = ("due", "team_due")
ITEM_FIELDS = ("case_id", "item", "due", "status")


def open_items_for(cases: Iterable[Any], today: dt.date) -> List[Any]:
    from assistant.domain.engine import open_items, policy_for

    loaded = policies()
    return [i for case in cases for i in open_items(case, policy_for(case.authority_id, loaded), today)]


def item_key(item: Any, today: dt.date) -> Tuple[str, str, str, str]:
    """(case_id, item, due, status) of an engine OpenItem or a payload item dict."""
    if isinstance(item, Mapping):
        return (str(item.get("case_id")), str(item.get("item")), str(item.get("due")), str(item.get("status")))
    return (item.case_id, item.item, item.due.isoformat(), item.status(today))


def _child_cases(store: Any, sender: str, child_id: str) -> List[Any]:
    scope = store.scope_for(sender)
    match = [m for m in store.find_children(scope, child_id) if m.child.child_id == child_id]
    if not match:
        return []
    ids = [c.case_id for c in match[0].cases if c.is_open]
    return [c for c in store.cases(ids, scope) if c.is_open]


def expected_items(store: Any, sender: str, expect: Expect, today: dt.date) -> List[List[Tuple[str, str, str, str]]]:
    """The acceptable item lists (each as sorted (case_id, item, due, status)) for a caseload query.

    Computed from the store and the engine, not from the assistant's reply. Usually one
    list; for ``next``, one per item tied on the earliest due date.
    """
    from assistant.domain.engine import due_report
    from assistant.domain.timeframe import Window
    from assistant.domain.vocabulary import items_for
    from assistant.services import caseload

    wanted = items_for(expect.item_type)

    def keep(items: Iterable[Any]) -> List[Any]:
        return [i for i in items if wanted is None or i.item in wanted]

    def keys(items: Iterable[Any]) -> List[Tuple[str, str, str, str]]:
        return sorted(item_key(i, today) for i in items)

    kind = expect.kind
    if kind in ("due", "overdue", "team_due", "team_overdue"):
        if expect.window is not None:
            window = Window(
                dt.date.fromisoformat(expect.window[0]), dt.date.fromisoformat(expect.window[1]), "expected"
            )
        else:
            window = Window(today, today, "overdue only")  # overdue: no window; nothing counts as in it
        overdue_only = kind.endswith("overdue")
        if expect.child is not None:
            report = due_report(
                _child_cases(store, sender, expect.child), today, window, policies(), None, overdue_only
            )
        elif kind in TEAM_KINDS:
            report = caseload.due_for_team(store, sender, today, window, None, overdue_only)
        else:
            report = caseload.due_for_worker(store, sender, today, window, None, overdue_only)
        return [keys(keep(report.items))]

    def current(cases: Iterable[Any]) -> List[Any]:
        return [i for i in keep(open_items_for(cases, today)) if not (i.item == "oversight" and i.due < today)]

    if kind in ("next", "child_summary"):
        if expect.child is None:
            raise HeldoutError(f"a {kind} question needs an expected child")
        items = current(_child_cases(store, sender, expect.child))
        if kind == "child_summary" or not items:
            return [keys(items)]
        first = min(i.due for i in items)
        return [keys([i]) for i in items if i.due == first]
    # caseload: each open case of the worker with its earliest item
    firsts = []
    for case in store.open_cases_for_worker(sender):
        items = sorted(current([case]), key=lambda i: (i.due, i.item))
        if items:
            firsts.append(items[0])
    earliest = [keys(firsts)]
    return earliest


__all__ = ["ITEM_FIELDS", "TEAM_KINDS", "WINDOW_KINDS", "expected_items", "item_key", "open_items_for"]

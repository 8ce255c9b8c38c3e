"""Caseload questions answered from the case store and the rules, within the asker's scope.

One function per question ("what is due for me", "for my team", "across the
authority"), shared by the `cin-assistant due` command, the web page's panel
and the chat actions, so all give the same answer to the same question.

Given ``via`` (the way in: :data:`assistant.casestore.audit.CLI`, :data:`~assistant.casestore.audit.PANEL`),
each records the query in the audit trail before returning. The chat passes
none: :func:`assistant.dialogue.caseload.answer_caseload` records the
question as the worker asked it (with the child, if one was named), once.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping, Optional

from assistant.casestore import Scope, Store, audit
from assistant.domain.engine import DueReport, due_report
from assistant.domain.policy import AuthorityPolicy
from assistant.domain.timeframe import Window, parse_window
from assistant.rules import policies

DEFAULT_WINDOW = "this week"


def window_for(phrase: Optional[str], today: dt.date) -> Window:
    """The window a phrase names (spec §5); "this week" when none is given."""
    return parse_window(phrase or DEFAULT_WINDOW, today)


def _audit(
    store: Store,
    via: Optional[audit.Via],
    worker_id: Optional[str],
    prefix: str,
    report: DueReport,
    window: Window,
    item: Optional[str],
    overdue_only: bool,
    authority: Optional[str] = None,
) -> None:
    """One audit row: kind due/overdue, team_due/team_overdue or authority_due/authority_overdue (the chat's kinds)."""
    if via is None:
        return
    audit.record_query(
        store,
        worker_id,
        via,
        prefix + ("overdue" if overdue_only else "due"),
        case_ids=[i.case_id for i in report.items],
        item_type=item,
        window=None if overdue_only else (window.start, window.end),
        authority_id=authority,
        role=audit.OPERATOR if worker_id is None else None,
    )


def due_for_worker(
    store: Store,
    worker_id: str,
    today: dt.date,
    window: Window,
    item: Optional[str] = None,
    overdue_only: bool = False,
    *,
    via: Optional[audit.Via] = None,
    scope: Optional[Scope] = None,
    rules: Optional[Mapping[str, AuthorityPolicy]] = None,
) -> DueReport:
    """A worker's own open cases (UnknownWorkerError if there is no such worker).

    ``scope``: the worker's, when the caller has just looked it up (saves the lookup).
    ``rules``: the rule files to use (default: the shipped ones, :func:`assistant.rules.policies`).
    """
    if scope is None:
        store.scope_for(worker_id)  # refuses an unknown worker before anything is read
    report = due_report(
        store.open_case_facts_for_worker(worker_id, today), today, window, rules or policies(), item, overdue_only
    )
    _audit(store, via, worker_id, "", report, window, item, overdue_only)
    return report


def due_for_team(
    store: Store,
    viewer_id: str,
    today: dt.date,
    window: Window,
    item: Optional[str] = None,
    overdue_only: bool = False,
    *,
    via: Optional[audit.Via] = None,
    scope: Optional[Scope] = None,
    rules: Optional[Mapping[str, AuthorityPolicy]] = None,
) -> DueReport:
    """Everything the viewer may see: a manager's team (and its unallocated cases), else their own.

    ``scope``: the viewer's, when the caller has just looked it up (saves the lookup).
    """
    scope = scope or store.scope_for(viewer_id)
    facts = store.open_case_facts_for_scope(scope, today)
    report = due_report(facts, today, window, rules or policies(), item, overdue_only)
    _audit(store, via, viewer_id, "team_", report, window, item, overdue_only)
    return report


def due_for_authority(
    store: Store,
    authority: str,
    today: dt.date,
    window: Window,
    item: Optional[str] = None,
    overdue_only: bool = False,
    *,
    via: Optional[audit.Via] = None,
    rules: Optional[Mapping[str, AuthorityPolicy]] = None,
) -> DueReport:
    """The whole authority, unallocated cases included (reports and operators, not the chat).

    Thousands of cases: the store summarises each history in SQL rather than
    loading every event. Audited with no worker and the role ``operator``.
    """
    report = due_report(
        store.open_case_facts_for_authority(authority, today), today, window, rules or policies(), item, overdue_only
    )
    _audit(store, via, None, "authority_", report, window, item, overdue_only, authority=authority)
    return report

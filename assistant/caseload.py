"""Caseload questions answered from the case store and the rules, within the asker's scope.

One function per question ("what is due for me", "for my team", "across the
authority"), shared by the `cin-assistant due` command and the chat actions,
so both give the same answer to the same question.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from assistant.casestore import Store
from assistant.engine import DueReport, due_report
from assistant.timeframe import Window, parse_window

DEFAULT_WINDOW = "this week"


def window_for(phrase: Optional[str], today: dt.date) -> Window:
    """The window a phrase names (spec §5); "this week" when none is given."""
    return parse_window(phrase or DEFAULT_WINDOW, today)


def due_for_worker(
    store: Store, worker_id: str, today: dt.date, window: Window,
    item: Optional[str] = None, overdue_only: bool = False,
) -> DueReport:
    """A worker's own open cases (UnknownWorkerError if there is no such worker)."""
    store.scope_for(worker_id)  # refuses an unknown worker before anything is read
    return due_report(store.open_cases_for_worker(worker_id), today, window, item, overdue_only)


def due_for_team(
    store: Store, viewer_id: str, today: dt.date, window: Window,
    item: Optional[str] = None, overdue_only: bool = False,
) -> DueReport:
    """Everything the viewer may see: a manager's team (and its unallocated cases), else their own."""
    scope = store.scope_for(viewer_id)
    return due_report(store.open_cases_for_scope(scope), today, window, item, overdue_only)


def due_for_authority(
    store: Store, authority: str, today: dt.date, window: Window,
    item: Optional[str] = None, overdue_only: bool = False,
) -> DueReport:
    """The whole authority, unallocated cases included (reports and operators, not the chat).

    Thousands of cases: the store summarises each history in SQL rather than
    loading every event.
    """
    return due_report(store.open_case_facts_for_authority(authority, today), today, window, item, overdue_only)

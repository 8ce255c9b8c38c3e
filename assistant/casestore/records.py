"""What the store's queries return: frozen values, detached from any session.

Callers (the due-date engine, Rasa actions, the CLI) get plain data they can
keep, compare and hand across threads, with no lazy loading behind them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple

from assistant.casestore.csv_format import CASE_CLOSED


class UnknownWorkerError(LookupError):
    """No worker has this id: the caller cannot be scoped, so nothing is shown."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(f"no worker with id {worker_id!r}")
        self.worker_id = worker_id


class UnknownCaseError(LookupError):
    """No case with this id in the viewer's scope (missing and out of scope look the same)."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no case {case_id!r} in scope")
        self.case_id = case_id


@dataclass(frozen=True)
class WorkerRecord:
    worker_id: str
    name: str
    role: str
    team_id: str
    team_name: str
    authority_id: str
    manager_id: Optional[str]


@dataclass(frozen=True)
class ChildRecord:
    child_id: str
    first_name: str
    last_name: str
    birth_date: Optional[dt.date]
    disabled: bool

    @property
    def display_name(self) -> str:
        """First name and last initial ("Amelia K"), as the spec's output shows children."""
        initial = self.last_name[:1]
        return f"{self.first_name} {initial}".strip()


@dataclass(frozen=True)
class EventRecord:
    id: int
    event: str
    date: dt.date
    child_seen: Optional[bool]
    seen_alone: Optional[bool]
    note: str
    source: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class CaseRecord:
    """A case with its child and whole history (events in date order, then recording order)."""

    case_id: str
    child: ChildRecord
    worker_id: Optional[str]  # None = unallocated
    authority_id: str
    category: str
    referral_date: dt.date
    events: Tuple[EventRecord, ...]

    @property
    def is_open(self) -> bool:
        return not any(event.event == CASE_CLOSED for event in self.events)


@dataclass(frozen=True)
class CaseSummary:
    """A case as listed beside a child in a name look-up; fetch the history with ``Store.cases``."""

    case_id: str
    worker_id: Optional[str]
    authority_id: str
    category: str
    referral_date: dt.date
    is_open: bool


@dataclass(frozen=True)
class ChildMatch:
    """A child found by a look-up, with only the cases the viewer may see."""

    child: ChildRecord
    cases: Tuple[CaseSummary, ...]


@dataclass(frozen=True)
class Scope:
    """Whose cases a viewer may see.

    ``worker_ids`` always contains the viewer. ``unallocated_authority`` is the
    viewer's authority when the viewer is a manager (managers also see the
    authority's unallocated cases), else None.
    """

    viewer_id: str
    worker_ids: FrozenSet[str]
    is_manager: bool
    team_id: str
    authority_id: str
    unallocated_authority: Optional[str]

"""What the store's queries return: frozen values, detached from any session.

Callers (the due-date engine, Rasa actions, the CLI) get plain data they can
keep, compare and hand across threads, with no lazy loading behind them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Tuple

from assistant.domain.codes import CASE_CLOSED, STEP_DOWN_EVENTS, VISIT


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


MEETING_EVENTS: Tuple[str, ...] = ("initial_cin_meeting", "cin_review")


@dataclass(frozen=True)
class CaseFacts:
    """What the due-date rules need to know about a case on a given day, and no more.

    Built from a full history (:meth:`from_history`) for a worker's few cases,
    or by one aggregate query (``Store.open_case_facts_for_authority``) when a
    report covers thousands of cases and loading every event would be slow.
    Only events dated on or before ``as_of`` count.
    """

    case_id: str
    child: ChildRecord
    worker_id: Optional[str]
    authority_id: str
    category: str
    referral_date: dt.date
    as_of: dt.date
    closed: bool
    first_assessment_completed: Optional[dt.date]
    visited_since_referral: bool  # any visit, seen or not, on or after the referral date
    last_seen_visit: Optional[dt.date]
    last_initial_cin_meeting: Optional[dt.date]
    step_down: Optional[Tuple[str, dt.date]]  # the latest step-down event (the route into CIN)
    last_plan_circulated: Optional[dt.date]
    uncirculated_meetings: Tuple[Tuple[str, dt.date], ...]  # meetings after the last circulation, by date
    last_cin_review: Optional[dt.date]
    last_supervision: Optional[dt.date]
    last_case_summary: Optional[dt.date]

    @property
    def cin_start(self) -> Optional[dt.date]:
        """The initial CIN meeting or the step-down event, whichever is later (spec §2)."""
        dates = [d for d in (self.last_initial_cin_meeting, self.step_down[1] if self.step_down else None) if d]
        return max(dates) if dates else None

    @classmethod
    def from_history(cls, case: CaseRecord, as_of: dt.date) -> "CaseFacts":
        """The facts of a case whose whole history is loaded."""
        events = [e for e in case.events if e.date <= as_of]

        def dates(name: str) -> List[dt.date]:
            return [e.date for e in events if e.event == name]

        def last(name: str) -> Optional[dt.date]:
            found = dates(name)
            return max(found) if found else None

        steps = [(e.date, e.event) for e in events if e.event in STEP_DOWN_EVENTS]
        latest_step = max(steps) if steps else None
        assessments = dates("assessment_completed")
        seen = [e.date for e in events if e.event == VISIT and e.child_seen]
        circulated = last("plan_circulated")
        meetings = sorted(
            {
                (e.date, e.event)
                for e in events
                if e.event in MEETING_EVENTS and (circulated is None or e.date > circulated)
            }
        )
        return cls(
            case_id=case.case_id,
            child=case.child,
            worker_id=case.worker_id,
            authority_id=case.authority_id,
            category=case.category,
            referral_date=case.referral_date,
            as_of=as_of,
            closed=bool(dates(CASE_CLOSED)),
            first_assessment_completed=min(assessments) if assessments else None,
            visited_since_referral=any(d >= case.referral_date for d in dates(VISIT)),
            last_seen_visit=max(seen) if seen else None,
            last_initial_cin_meeting=last("initial_cin_meeting"),
            step_down=(latest_step[1], latest_step[0]) if latest_step else None,
            last_plan_circulated=circulated,
            uncirculated_meetings=tuple((event, when) for when, event in meetings),
            last_cin_review=last("cin_review"),
            last_supervision=last("supervision"),
            last_case_summary=last("case_summary"),
        )

"""One demo case's invented history, from the referral to today or its closure (see :mod:`demo` for what the
histories look like).

The cadences below are how often the invented workers tend to act, so the
histories look plausible next to each authority's guidance. They are not the
rules: due dates come only from ``knowledge/policies``. One
:class:`random.Random` drives everything, in a fixed order, so the same seed
gives the same events.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from assistant.casestore.exchange.demo_names import person

# How often the invented workers tend to act, in days (see the module docstring: not the rules).
_VISIT_EVERY: Dict[Tuple[str, str], int] = {
    ("practice_matters", "*"): 42,
    ("practice_matters", "disability_low_risk"): 42,
    ("medway", "*"): 21,
    ("medway", "disability_review"): 365,
    ("medway", "disability"): 84,
    ("medway", "disability_welfare"): 21,
    ("kent", "*"): 28,
    ("camden", "*"): 28,
    ("*", "*"): 28,
}
_REVIEW_EVERY: Dict[Tuple[str, str], Tuple[int, int]] = {  # (first review, later reviews)
    ("practice_matters", "*"): (42, 42),
    ("practice_matters", "disability_low_risk"): (91, 91),
    ("kent", "*"): (91, 182),
    ("medway", "*"): (84, 84),
    ("medway", "disability_review"): (365, 365),
    ("medway", "disability"): (182, 182),
    ("medway", "disability_welfare"): (84, 84),
    ("camden", "*"): (91, 91),
    ("*", "*"): (91, 91),
}
_FIRST_REVIEW_AFTER_STEP_DOWN: Dict[str, int] = {  # Camden's routes; others keep their usual first review
    "cp_plan_ended": 91,
    "discharged_from_care": 28,
    "proceedings_concluded": 28,
}
_SUPERVISION_EVERY = 45
_SUMMARY_EVERY: Dict[str, int] = {"camden": 90, "*": 120}
_LATE_STEP = 0.07  # one interval in this many is done late (but done)


def _lookup(table: Dict, authority: str, category: str):
    for key in ((authority, category), (authority, "*"), ("*", "*")):
        if key in table:
            return table[key]
    raise KeyError((authority, category))


@dataclass
class _CaseEvents:
    """One case's events as they are invented: none after ``end``."""

    rng: random.Random
    case_id: str
    end: dt.date
    young: bool  # under four: never seen alone
    rows: List[tuple] = field(default_factory=list)

    def event(self, code: str, when: dt.date) -> None:
        if when <= self.end:
            self.rows.append((self.case_id, code, when, None, None, ""))

    def visit(self, when: dt.date) -> None:
        if when > self.end:
            return
        seen = self.rng.random() < 0.93
        alone = seen and not self.young and self.rng.random() < 0.72
        note = "" if seen else "child not at home"
        self.rows.append((self.case_id, "visit", when, seen, alone, note))


class Generator:
    """The children, cases and events of a demo caseload, made up one case at a time."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.children: List[tuple] = []
        self.cases: List[tuple] = []
        self.events: List[tuple] = []

    # -- ids ---------------------------------------------------------------------

    def new_child(self, referral: dt.date, disabled: bool) -> Tuple[str, dt.date]:
        rng = self.rng
        child_id = f"ch{len(self.children) + 1:06d}"
        oldest = max(self.today - dt.timedelta(days=17 * 365 + 200), referral - dt.timedelta(days=17 * 365))
        newest = referral - dt.timedelta(days=14)
        span = max(0, (newest - oldest).days)
        birth = oldest + dt.timedelta(days=rng.randint(0, span)) if span else newest
        first, last = person(rng)
        self.children.append((child_id, first, last, birth, disabled))
        return child_id, birth

    def new_case(self, child_id: str, worker_id: str, category: str, referral: dt.date) -> str:
        case_id = f"cs{len(self.cases) + 1:06d}"
        self.cases.append((case_id, child_id, worker_id, category, referral))
        return case_id

    # -- histories -----------------------------------------------------------------

    def _step(self, every: int) -> int:
        """Days to the next occurrence of something done about every ``every`` days."""
        rng = self.rng
        if rng.random() < _LATE_STEP:
            return max(1, int(every * rng.uniform(1.05, 1.5)))
        return max(1, int(every * rng.uniform(0.55, 0.97)))

    def _series(self, start: dt.date, every: int, until: dt.date, first_every: Optional[int] = None) -> List[dt.date]:
        dates: List[dt.date] = []
        when = start + dt.timedelta(days=self._step(first_every or every))
        while when <= until:
            dates.append(when)
            when += dt.timedelta(days=self._step(every))
        return dates

    def history(
        self,
        case_id: str,
        authority: str,
        category: str,
        referral: dt.date,
        birth: dt.date,
        closed_on: Optional[dt.date],
        step_down: Optional[str],
        drift: bool,
    ) -> None:
        """Events from the referral to ``closed_on`` (a closed case) or to today."""
        end = closed_on or self.today
        case = _CaseEvents(self.rng, case_id, end, (end - birth).days < 4 * 365)
        assessed = self._assessment(case, referral)
        if assessed is None:  # still in progress
            self._finish(case_id, case.rows, closed_on)
            return
        if closed_on is not None and self.rng.random() < 0.35:  # closed after assessment, no further action
            closed = min(end, assessed + dt.timedelta(days=self.rng.randint(0, 10)))
            self._finish(case_id, case.rows, closed)
            return
        start = self._into_cin(case, assessed, step_down)
        if start > end:
            self._finish(case_id, case.rows, closed_on)
            return
        still_open = closed_on is None
        self._reviews(case, start, authority, category, step_down, still_open)
        self._routine(case, start, authority, category, drift and still_open, still_open)
        self._finish(case_id, case.rows, closed_on)

    def _assessment(self, case: _CaseEvents, referral: dt.date) -> Optional[dt.date]:
        """The first home visit and visits until the assessment is done: its date, or None if still in progress."""
        rng = self.rng
        first_visit = referral + dt.timedelta(days=rng.randint(1, 6) if rng.random() > 0.06 else rng.randint(8, 16))
        case.visit(first_visit)
        delay = rng.randint(18, 58) if rng.random() > 0.05 else rng.randint(70, 110)
        assessed = referral + dt.timedelta(days=delay)
        if assessed > case.end:  # still in progress: visits during the assessment only
            for when in self._series(first_visit, 14, case.end):
                case.visit(when)
            return None
        case.event("assessment_completed", assessed)
        for when in self._series(first_visit, 14, assessed - dt.timedelta(days=1)):
            case.visit(when)
        return assessed

    def _into_cin(self, case: _CaseEvents, assessed: dt.date, step_down: Optional[str]) -> dt.date:
        """Into CIN: an initial meeting after the assessment, or a step-down later on. The day CIN starts."""
        rng = self.rng
        if step_down is not None:
            stepped = assessed + dt.timedelta(days=rng.randint(60, 300))
            if stepped > case.end:
                stepped = assessed + dt.timedelta(days=max(1, (case.end - assessed).days // 2))
            case.event(step_down, stepped)
            case.event("initial_cin_meeting", stepped)  # the CIN plan agreed as the child steps down
            for when in self._series(assessed, 12, stepped - dt.timedelta(days=1)):
                case.visit(when)  # child protection / care visits before the step-down
            return stepped
        meeting_delay = rng.randint(5, 13) if rng.random() > 0.08 else rng.randint(16, 30)
        start = assessed + dt.timedelta(days=meeting_delay)
        case.event("initial_cin_meeting", start)
        return start

    def _reviews(
        self,
        case: _CaseEvents,
        start: dt.date,
        authority: str,
        category: str,
        step_down: Optional[str],
        still_open: bool,
    ) -> None:
        """CIN reviews (on an open case one may have slipped), each meeting's plan circulated after it."""
        rng = self.rng
        meetings = [start]
        first_review, later_reviews = _lookup(_REVIEW_EVERY, authority, category)
        if step_down is not None and authority == "camden":
            first_review = _FIRST_REVIEW_AFTER_STEP_DOWN[step_down]
        review_until = case.end
        if still_open and rng.random() < 0.08:  # a review has slipped
            review_until = case.end - dt.timedelta(days=int(later_reviews * rng.uniform(0.5, 1.5)))
        for when in self._series(start, later_reviews, review_until, first_every=first_review):
            case.event("cin_review", when)
            meetings.append(when)
        for index, meeting in enumerate(meetings):
            latest = index == len(meetings) - 1
            if latest and still_open and rng.random() < 0.03:
                continue  # the latest plan forgotten (a circulation due after today is simply not there yet)
            days = rng.randint(1, 3) if rng.random() > 0.1 else rng.randint(5, 14)
            case.event("plan_circulated", meeting + dt.timedelta(days=days))

    def _routine(
        self, case: _CaseEvents, start: dt.date, authority: str, category: str, drifted: bool, still_open: bool
    ) -> None:
        """Visits (drifted ones stop short of today), case supervision and case summaries, from ``start``."""
        rng = self.rng
        end = case.end
        every = _lookup(_VISIT_EVERY, authority, category)
        visits_until = end
        if drifted:
            visits_until = end - dt.timedelta(days=int(every * rng.uniform(1.15, 2.5)))
        for when in self._series(start, every, visits_until):
            case.visit(when)
        supervision_until = end
        if still_open and rng.random() < 0.1:
            supervision_until = end - dt.timedelta(days=int(_SUPERVISION_EVERY * rng.uniform(1.3, 2.5)))
        for when in self._series(start, _SUPERVISION_EVERY, supervision_until):
            case.event("supervision", when)
        summary_every = _SUMMARY_EVERY.get(authority, _SUMMARY_EVERY["*"])
        for when in self._series(start, summary_every, end):
            case.event("case_summary", when)

    def _finish(self, case_id: str, out: List[tuple], closed_on: Optional[dt.date]) -> None:
        if closed_on is not None:
            out = [row for row in out if row[2] <= closed_on]
            out.append((case_id, "case_closed", closed_on, None, None, ""))
        out.sort(key=lambda row: (row[2], row[1]))
        seen = set()
        for row in out:  # an event's identity is unique in events.csv
            if row not in seen:
                seen.add(row)
                self.events.append(row)

"""What is due on a case: its history and its authority's rules → open items with due dates.

Spec §2 is the product rule: which items exist, what each counts from, and
which event closes it. Every item carries the rule (and so the quoted
guidance) that produced it, and any passage of the same guidance that says
otherwise, so a worker sees the conflict next to the date rather than never.
The engine reads a case as it stood on a given day, so a history can be
walked through time and items seen opening and closing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Mapping, Optional, Tuple

from assistant.calendar import WorkingCalendar, england_calendar
from assistant.casestore.csv_format import STEP_DOWN_EVENTS
from assistant.casestore.records import CaseRecord, EventRecord
from assistant.durations import due_date
from assistant.rules import AuthorityPolicy, Conflict, Rule, load_policies
from assistant.timeframe import Window

BASELINE = "england"
OVERDUE, DUE = "overdue", "due"

# The event that records an item happening (spec §2, "closed by").
CLOSING_EVENT: Mapping[str, str] = {
    "assessment": "assessment_completed",
    "first_home_visit": "visit",
    "initial_cin_meeting": "initial_cin_meeting",
    "plan_circulation": "plan_circulated",
    "visit": "visit",
    "cin_review": "cin_review",
    "supervision": "supervision",
    "case_summary": "case_summary",
}
MEETINGS = ("initial_cin_meeting", "cin_review")  # each opens a plan circulation
CADENCE_ITEMS = ("visit", "supervision", "case_summary")  # "at least every N" from the last one


@lru_cache(maxsize=1)
def default_policies() -> Dict[str, AuthorityPolicy]:
    """The shipped rule files, loaded and checked once per process."""
    return load_policies()


@dataclass(frozen=True)
class OpenItem:
    """Something due on a case, the rule that says so, and what it counts from."""

    case_id: str
    child_id: str
    child_name: str
    worker_id: Optional[str]
    authority: str
    item: str
    due: dt.date
    anchor: str  # what the due date counts from: "referral", "last visit", "cp_plan_ended", ...
    anchor_date: dt.date
    rule: Rule

    @property
    def conflicts(self) -> Tuple[Conflict, ...]:
        return self.rule.conflicts

    @property
    def one_off(self) -> bool:
        """Oversight milestones are listed when they fall, never overdue (spec §2)."""
        return self.item == "oversight"

    def status(self, today: dt.date) -> str:
        return OVERDUE if self.due < today else DUE

    def to_json(self, today: dt.date) -> Dict[str, object]:
        """The item object of spec §5, plus the conflicts the issue asks to report with it."""
        return {
            "case_id": self.case_id,
            "child_id": self.child_id,
            "child_name": self.child_name,
            "item": self.item,
            "due": self.due.isoformat(),
            "status": self.status(today),
            "authority": self.authority,
            "rule": self.rule.rule,
            "source": self.rule.citation.as_source(),
            "conflicts": [
                {"note": c.note, "source": c.citation.as_source(), "quote": c.citation.quote}
                for c in self.conflicts
            ],
        }


class _History:
    """A case's events up to a day, with the look-ups the rules need."""

    def __init__(self, case: CaseRecord, as_of: dt.date) -> None:
        self.case = case
        self.events: List[EventRecord] = [e for e in case.events if e.date <= as_of]

    def dates(self, event: str, seen_only: bool = False) -> List[dt.date]:
        return [
            e.date for e in self.events
            if e.event == event and (not seen_only or e.child_seen)
        ]

    def last(self, event: str, seen_only: bool = False) -> Optional[dt.date]:
        found = self.dates(event, seen_only)
        return max(found) if found else None

    def first(self, event: str) -> Optional[dt.date]:
        found = self.dates(event)
        return min(found) if found else None

    @property
    def closed(self) -> bool:
        return bool(self.dates("case_closed"))

    def step_down(self) -> Optional[Tuple[str, dt.date]]:
        """The latest step-down event (the route into CIN), if the case came that way."""
        found = [(e.date, e.event) for e in self.events if e.event in STEP_DOWN_EVENTS]
        if not found:
            return None
        when, event = max(found)
        return event, when

    def cin_start(self) -> Optional[dt.date]:
        """The initial CIN meeting or the step-down event, whichever is later (spec §2)."""
        candidates = [d for d in (self.last("initial_cin_meeting"),) if d]
        route = self.step_down()
        if route:
            candidates.append(route[1])
        return max(candidates) if candidates else None


def _item(case: CaseRecord, rule: Rule, anchor: str, anchor_date: dt.date, calendar: WorkingCalendar) -> OpenItem:
    return OpenItem(
        case_id=case.case_id,
        child_id=case.child.child_id,
        child_name=case.child.display_name,
        worker_id=case.worker_id,
        authority=case.authority_id,
        item=rule.item,
        due=due_date(anchor_date, rule.duration, calendar),
        anchor=anchor,
        anchor_date=anchor_date,
        rule=rule,
    )


def _resolve_anchor(rule: Rule, history: _History, occurrence: Optional[str]) -> Optional[Tuple[str, dt.date]]:
    """The (name, date) a rule counts from in this history, or None if it has not started."""
    anchor = rule.anchor_for(occurrence)
    start = history.cin_start()
    if anchor == "referral":
        return "referral", history.case.referral_date
    if anchor == "assessment_completed":
        when = history.first("assessment_completed")
        return ("assessment completed", when) if when else None
    if anchor == "initial_cin_meeting":
        when = history.last("initial_cin_meeting")
        return ("initial CIN meeting", when) if when else None
    if anchor == "cin_start":
        return ("CIN start", start) if start else None
    if anchor in STEP_DOWN_EVENTS:
        when = history.last(anchor)
        return (anchor, when) if when else None
    if anchor == "previous":
        if start is None:
            return None  # the cadence starts with the CIN plan
        event = CLOSING_EVENT[rule.item]
        last = history.last(event, seen_only=(rule.item == "visit"))
        return (f"last {event.replace('_', ' ')}", last) if last else ("CIN start", start)
    return None  # "meeting" anchors are handled per meeting


def open_items(
    case: CaseRecord,
    policy: AuthorityPolicy,
    as_of: dt.date,
    calendar: Optional[WorkingCalendar] = None,
) -> List[OpenItem]:
    """Every item open on ``case`` on ``as_of``, each with its due date and rule."""
    calendar = calendar or england_calendar()
    history = _History(case, as_of)
    if history.closed or case.referral_date > as_of:
        return []
    category = case.category
    route = history.step_down()
    route_name = route[0] if route else None
    items: List[OpenItem] = []

    def add(rule: Optional[Rule], occurrence: Optional[str] = None) -> None:
        if rule is None:
            return
        anchored = _resolve_anchor(rule, history, occurrence)
        if anchored:
            items.append(_item(case, rule, anchored[0], anchored[1], calendar))

    # One-off items, open until their event happens.
    if not history.dates("assessment_completed"):
        add(policy.rule_for("assessment", category, route_name))
    if not [d for d in history.dates("visit") if d >= case.referral_date]:
        add(policy.rule_for("first_home_visit", category, route_name))
    if history.dates("assessment_completed") and not history.dates("initial_cin_meeting"):
        add(policy.rule_for("initial_cin_meeting", category, route_name))

    # A plan to circulate after each meeting not yet followed by a circulation.
    circulated = history.last("plan_circulated")
    rule = policy.rule_for("plan_circulation", category, route_name)
    if rule is not None:
        for meeting in MEETINGS:
            for when in sorted(set(history.dates(meeting))):
                if circulated is None or circulated < when:
                    items.append(_item(case, rule, meeting.replace("_", " "), when, calendar))

    # Cadences from the CIN start.
    for item in CADENCE_ITEMS:
        add(policy.rule_for(item, category, route_name))
    start = history.cin_start()
    occurrence = "subsequent" if start and any(d >= start for d in history.dates("cin_review")) else "first"
    add(policy.rule_for("cin_review", category, route_name, occurrence), occurrence)

    for milestone in policy.rules_for("oversight", category, route_name):
        add(milestone)
    items.sort(key=lambda i: (i.due, i.item))
    return items


def policy_for(authority: str, policies: Mapping[str, AuthorityPolicy]) -> AuthorityPolicy:
    """The authority's rules; an authority with no guidance loaded gets the statutory baseline only."""
    return policies.get(authority) or policies[BASELINE]


@dataclass(frozen=True)
class DueReport:
    """What is due in a window plus everything overdue, for some set of cases."""

    today: dt.date
    window: Window
    items: Tuple[OpenItem, ...]

    def to_json(self, **who: str) -> Dict[str, object]:
        """Spec §5's JSON: who asked (worker_id / team_id / authority), today, window, items."""
        return {
            **who,
            "today": self.today.isoformat(),
            "window": {"start": self.window.start.isoformat(), "end": self.window.end.isoformat()},
            "items": [i.to_json(self.today) for i in self.items],
        }

    @property
    def overdue(self) -> List[OpenItem]:
        return [i for i in self.items if i.status(self.today) == OVERDUE]


def due_report(
    cases: Iterable[CaseRecord],
    today: dt.date,
    window: Window,
    item: Optional[str] = None,
    overdue_only: bool = False,
    policies: Optional[Mapping[str, AuthorityPolicy]] = None,
    calendar: Optional[WorkingCalendar] = None,
) -> DueReport:
    """Items due in ``window`` plus every overdue item (oversight only when it falls in the window)."""
    policies = policies if policies is not None else default_policies()
    calendar = calendar or england_calendar()
    chosen: List[OpenItem] = []
    for case in cases:
        for open_item in open_items(case, policy_for(case.authority_id, policies), today, calendar):
            if item and open_item.item != item:
                continue
            in_window = window.start <= open_item.due <= window.end
            if open_item.one_off:  # a milestone: listed when it falls, never overdue
                wanted = in_window and not overdue_only
            else:
                wanted = open_item.due < today or (in_window and not overdue_only)
            if wanted:
                chosen.append(open_item)
    chosen.sort(key=lambda i: (i.due, i.child_name, i.case_id, i.item))
    return DueReport(today=today, window=window, items=tuple(chosen))


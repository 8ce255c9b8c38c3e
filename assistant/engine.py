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
from typing import Dict, Iterable, List, Mapping, Optional, Tuple, Union

from assistant.calendar import WorkingCalendar, england_calendar
from assistant.casestore.csv_format import STEP_DOWN_EVENTS
from assistant.casestore.records import CaseFacts, CaseRecord
from assistant.durations import due_date
from assistant.rules import AuthorityPolicy, Conflict, Rule, load_policies
from assistant.timeframe import Window

BASELINE = "england"
OVERDUE, DUE = "overdue", "due"

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


def _item(facts: CaseFacts, rule: Rule, anchor: str, anchor_date: dt.date, calendar: WorkingCalendar) -> OpenItem:
    return OpenItem(
        case_id=facts.case_id,
        child_id=facts.child.child_id,
        child_name=facts.child.display_name,
        worker_id=facts.worker_id,
        authority=facts.authority_id,
        item=rule.item,
        due=due_date(anchor_date, rule.duration, calendar),
        anchor=anchor,
        anchor_date=anchor_date,
        rule=rule,
    )


# The last time each cadence item happened, and how to say so.
_LAST: Mapping[str, Tuple[str, str]] = {
    "visit": ("last_seen_visit", "last visit"),
    "cin_review": ("last_cin_review", "last cin review"),
    "supervision": ("last_supervision", "last supervision"),
    "case_summary": ("last_case_summary", "last case summary"),
}


def _resolve_anchor(rule: Rule, facts: CaseFacts, occurrence: Optional[str]) -> Optional[Tuple[str, dt.date]]:
    """The (name, date) a rule counts from on this case, or None if it has not started."""
    anchor = rule.anchor_for(occurrence)
    start = facts.cin_start
    if anchor == "referral":
        return "referral", facts.referral_date
    if anchor == "assessment_completed":
        when = facts.first_assessment_completed
        return ("assessment completed", when) if when else None
    if anchor == "initial_cin_meeting":
        when = facts.last_initial_cin_meeting
        return ("initial CIN meeting", when) if when else None
    if anchor == "cin_start":
        return ("CIN start", start) if start else None
    if anchor in STEP_DOWN_EVENTS:
        return (anchor, facts.step_down[1]) if facts.step_down and facts.step_down[0] == anchor else None
    if anchor == "previous" and rule.item in _LAST:
        if start is None:
            return None  # the cadence starts with the CIN plan
        field, name = _LAST[rule.item]
        last = getattr(facts, field)
        return (name, last) if last else ("CIN start", start)
    return None  # "meeting" anchors are handled per meeting


def facts_of(case: Union[CaseRecord, CaseFacts], as_of: dt.date) -> CaseFacts:
    """Facts as they stood on ``as_of``: computed from a history, or already summarised by the store."""
    if isinstance(case, CaseFacts):
        if case.as_of != as_of:
            raise ValueError(f"facts for {case.case_id} are as of {case.as_of}, not {as_of}")
        return case
    return CaseFacts.from_history(case, as_of)


def open_items(
    case: Union[CaseRecord, CaseFacts],
    policy: AuthorityPolicy,
    as_of: dt.date,
    calendar: Optional[WorkingCalendar] = None,
) -> List[OpenItem]:
    """Every item open on ``case`` on ``as_of``, each with its due date and rule."""
    calendar = calendar or england_calendar()
    facts = facts_of(case, as_of)
    if facts.closed or facts.referral_date > as_of:
        return []
    category = facts.category
    route = facts.step_down[0] if facts.step_down else None
    items: List[OpenItem] = []

    def add(rule: Optional[Rule], occurrence: Optional[str] = None) -> None:
        if rule is None:
            return
        anchored = _resolve_anchor(rule, facts, occurrence)
        if anchored:
            items.append(_item(facts, rule, anchored[0], anchored[1], calendar))

    # One-off items, open until their event happens.
    if facts.first_assessment_completed is None:
        add(policy.rule_for("assessment", category, route))
    if not facts.visited_since_referral:
        add(policy.rule_for("first_home_visit", category, route))
    if facts.first_assessment_completed and facts.last_initial_cin_meeting is None:
        add(policy.rule_for("initial_cin_meeting", category, route))

    # A plan to circulate after each meeting not yet followed by a circulation.
    rule = policy.rule_for("plan_circulation", category, route)
    if rule is not None:
        for meeting, when in facts.uncirculated_meetings:
            items.append(_item(facts, rule, meeting.replace("_", " "), when, calendar))

    # Cadences from the CIN start.
    for item in CADENCE_ITEMS:
        add(policy.rule_for(item, category, route))
    start = facts.cin_start
    reviewed = start is not None and facts.last_cin_review is not None and facts.last_cin_review >= start
    occurrence = "subsequent" if reviewed else "first"
    add(policy.rule_for("cin_review", category, route, occurrence), occurrence)

    for milestone in policy.rules_for("oversight", category, route):
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
    cases: Iterable[Union[CaseRecord, CaseFacts]],
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


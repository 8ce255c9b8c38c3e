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
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple, Union

from assistant.domain.calendar import WorkingCalendar, england_calendar
from assistant.domain.codes import STEP_DOWN_EVENTS
from assistant.domain.durations import due_date
from assistant.domain.pending import BASELINE, NotComputed, not_computed
from assistant.domain.policy import AuthorityPolicy, Conflict, Rule
from assistant.domain.records import CaseFacts, CaseRecord
from assistant.domain.timeframe import Window

OVERDUE, DUE = "overdue", "due"

CADENCE_ITEMS = ("visit", "supervision", "case_summary")  # "at least every N" from the last one


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
                {"note": c.note, "source": c.citation.as_source(), "quote": c.citation.quote} for c in self.conflicts
            ],
        }


def _item(facts: CaseFacts, rule: Rule, anchor: str, anchor_date: dt.date, calendar: WorkingCalendar) -> OpenItem:
    return _open_item(facts, rule, anchor, anchor_date, due_date(anchor_date, rule.duration, calendar))


def _open_item(facts: CaseFacts, rule: Rule, anchor: str, anchor_date: dt.date, due: dt.date) -> OpenItem:
    return OpenItem(
        case_id=facts.case_id,
        child_id=facts.child.child_id,
        child_name=facts.child.display_name,
        worker_id=facts.worker_id,
        authority=facts.authority_id,
        item=rule.item,
        due=due,
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


def _resolve_anchor(
    rule: Rule, facts: CaseFacts, occurrence: Optional[str], start: Optional[dt.date] = None
) -> Optional[Tuple[str, dt.date]]:
    """The (name, date) a rule counts from on this case, or None if it has not started.

    ``start`` is the case's CIN start when the caller already has it (it is the
    same for every rule of a case).
    """
    anchor = rule.anchor_for(occurrence)
    if start is None:
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


class _RulePlan(NamedTuple):
    """The rules that can apply to one (policy, category, route): looked up once per report, not per case."""

    assessment: Optional[Rule]
    first_home_visit: Optional[Rule]
    initial_cin_meeting: Optional[Rule]
    plan_circulation: Optional[Rule]
    cadences: Tuple[Rule, ...]  # CADENCE_ITEMS' rules, in that order, those the policy has
    first_review: Optional[Rule]
    later_review: Optional[Rule]
    oversight: Tuple[Rule, ...]


def _rule_plan(policy: AuthorityPolicy, category: str, route: Optional[str]) -> _RulePlan:
    def one(item: str, occurrence: Optional[str] = None) -> Optional[Rule]:
        return (
            policy.rule_for(item, category, route, occurrence) if occurrence else policy.rule_for(item, category, route)
        )

    cadences = tuple(rule for rule in (one(item) for item in CADENCE_ITEMS) if rule is not None)
    return _RulePlan(
        one("assessment"),
        one("first_home_visit"),
        one("initial_cin_meeting"),
        one("plan_circulation"),
        cadences,
        one("cin_review", "first"),
        one("cin_review", "subsequent"),
        tuple(policy.rules_for("oversight", category, route)),
    )


# (rule, anchor name, anchor date, due date), in the order the items are found on a case.
_Entry = Tuple[Rule, str, dt.date, dt.date]


def _entries(
    facts: CaseFacts,
    plan: _RulePlan,
    calendar: WorkingCalendar,
    dues: Dict[Tuple[int, dt.date], dt.date],
) -> List[_Entry]:
    """Every item open on an open case, unsorted; ``dues`` memoises due dates by (duration, anchor date)."""
    entries: List[_Entry] = []
    start = facts.cin_start

    def due(rule: Rule, anchor_date: dt.date) -> dt.date:
        key = (id(rule.duration), anchor_date)
        found = dues.get(key)
        if found is None:
            found = dues[key] = due_date(anchor_date, rule.duration, calendar)
        return found

    def add(rule: Optional[Rule], occurrence: Optional[str] = None) -> None:
        if rule is None:
            return
        anchored = _resolve_anchor(rule, facts, occurrence, start)
        if anchored:
            entries.append((rule, anchored[0], anchored[1], due(rule, anchored[1])))

    # One-off items, open until their event happens.
    if facts.first_assessment_completed is None:
        add(plan.assessment)
    if not facts.visited_since_referral:
        add(plan.first_home_visit)
    if facts.first_assessment_completed and facts.last_initial_cin_meeting is None:
        add(plan.initial_cin_meeting)

    # A plan to circulate after each meeting not yet followed by a circulation.
    rule = plan.plan_circulation
    if rule is not None:
        for meeting, when in facts.uncirculated_meetings:
            entries.append((rule, meeting.replace("_", " "), when, due(rule, when)))

    # Cadences from the CIN start.
    for rule in plan.cadences:
        add(rule)
    reviewed = start is not None and facts.last_cin_review is not None and facts.last_cin_review >= start
    if reviewed:
        add(plan.later_review, "subsequent")
    else:
        add(plan.first_review, "first")

    for milestone in plan.oversight:
        add(milestone)
    return entries


def _is_open_on(facts: CaseFacts, as_of: dt.date) -> bool:
    return not facts.closed and facts.referral_date <= as_of


def open_items(
    case: Union[CaseRecord, CaseFacts],
    policy: AuthorityPolicy,
    as_of: dt.date,
    calendar: Optional[WorkingCalendar] = None,
) -> List[OpenItem]:
    """Every item open on ``case`` on ``as_of``, each with its due date and rule."""
    calendar = calendar or england_calendar()
    facts = facts_of(case, as_of)
    if not _is_open_on(facts, as_of):
        return []
    plan = _rule_plan(policy, facts.category, facts.step_down[0] if facts.step_down else None)
    items = [_open_item(facts, *entry) for entry in _entries(facts, plan, calendar, {})]
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
    # Items these cases' councils have no confirmed rule for yet, and why (a drafted rule, no rule file).
    not_computed: Tuple[NotComputed, ...] = ()

    def to_json(self, **who: str) -> Dict[str, object]:
        """Spec §5's JSON: who asked (worker_id / team_id / authority), today, window, items;
        plus ``not_computed`` when a council's rules are only drafted (absent otherwise, as in the spec)."""
        out: Dict[str, object] = {
            **who,
            "today": self.today.isoformat(),
            "window": {"start": self.window.start.isoformat(), "end": self.window.end.isoformat()},
            "items": [i.to_json(self.today) for i in self.items],
        }
        if self.not_computed:
            out["not_computed"] = [n.to_json() for n in self.not_computed]
        return out

    @property
    def overdue(self) -> List[OpenItem]:
        return [i for i in self.items if i.status(self.today) == OVERDUE]


def due_report(
    cases: Iterable[Union[CaseRecord, CaseFacts]],
    today: dt.date,
    window: Window,
    policies: Mapping[str, AuthorityPolicy],
    item: Optional[str] = None,
    overdue_only: bool = False,
    calendar: Optional[WorkingCalendar] = None,
) -> DueReport:
    """Items due in ``window`` plus every overdue item (oversight only when it falls in the window).

    ``policies``: every authority's rules (``assistant.rules.policies()`` for the shipped ones);
    confirmed rules only give dates, and the report says which items a council's drafts leave out.
    """
    calendar = calendar or england_calendar()
    chosen: List[OpenItem] = []
    # Thousands of cases share a few (authority, category, route) rule sets and
    # many (duration, anchor) due dates: look each up once. An OpenItem is only
    # built for the items the report keeps. The final sort is stable, so items
    # tied on its key keep the order open_items() would give them.
    plans: Dict[Tuple[str, str, Optional[str]], _RulePlan] = {}
    dues: Dict[Tuple[int, dt.date], dt.date] = {}
    authorities = set()
    first, last = window.start, window.end
    for case in cases:
        facts = facts_of(case, today)
        if not _is_open_on(facts, today):
            continue
        authorities.add(facts.authority_id)
        route = facts.step_down[0] if facts.step_down else None
        key = (facts.authority_id, facts.category, route)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _rule_plan(policy_for(facts.authority_id, policies), facts.category, route)
        for rule, anchor, anchor_date, due in _entries(facts, plan, calendar, dues):
            if item and rule.item != item:
                continue
            in_window = first <= due <= last
            if rule.item == "oversight":  # a milestone: listed when it falls, never overdue
                wanted = in_window and not overdue_only
            else:
                wanted = due < today or (in_window and not overdue_only)
            if wanted:
                chosen.append(_open_item(facts, rule, anchor, anchor_date, due))
    chosen.sort(key=lambda i: (i.due, i.child_name, i.case_id, i.item))
    missing = not_computed(authorities, policies, item)
    return DueReport(today=today, window=window, items=tuple(chosen), not_computed=missing)

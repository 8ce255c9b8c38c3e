"""Recording a visit from the chat: reading the date, checking it, saving it, saying what is next.

The record-a-visit form asks for the child, the day, whether the child was
seen and whether alone, then confirms. Each step calls one function here, so
the checks that protect the record (the child must be one the worker may see,
the case open, the day not in the future nor before the referral) hold however
the form is reached, and are checked again when saving. History is
append-only, so a refused visit writes nothing.

Audit (:mod:`assistant.casestore.audit`): the form's look-up of the child is recorded
as a query (kind ``visit_check``) when the caller passes ``via``; every save
is recorded by ``Store.append_event`` in the write's own transaction, and a
save refused by the checks as a write with the reason and no case.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from assistant.casestore import (
    VISIT,
    CaseRecord,
    Scope,
    Store,
    UnknownCaseError,
    UnknownWorkerError,
    audit,
)
from assistant.dialogue.caseload import current_items, shown_case_ids
from assistant.dialogue.caseload_phrasing import conflict_sentence, rule_note, say_date
from assistant.dialogue.children import (
    ResolvedChild,
    ambiguous_reply,
    not_found_reply,
    resolve_child,
    unknown_worker_reply,
)
from assistant.dialogue.reply import Reply, refusal
from assistant.domain.engine import policy_for
from assistant.domain.phrasing import authority_name
from assistant.domain.vocabulary import ITEM_TYPE_ITEMS
from assistant.rules import policies

log = logging.getLogger(__name__)

FORM = "record_visit"
VISIT_ITEMS = frozenset(ITEM_TYPE_ITEMS["visit"])

#: The form's questions, slot by slot (docs/conversation.md, Slots).
QUESTIONS: Dict[str, str] = {
    "visit_child": "Which child did you visit? Tell me their name or case reference.",
    "visit_date": 'When was the visit? You can say "today", "yesterday", "on Monday" or a date like 20 November.',
    "child_seen": "Did you see the child?",
    "seen_alone": "Did you see them alone?",
}


# --- the date ----------------------------------------------------------------------


class VisitDateError(ValueError):
    """Words that are not a day the assistant can be sure of; the message says what works."""


_HELP = 'try "today", "yesterday", "on Monday", "20 November", "20/11" or "2026-11-20"'
_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "weds": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_DAY_MONTH = re.compile(rf"^{_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}$")  # 20 november, 3rd of nov 2026
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+{_ORDINAL}{_YEAR}$")  # november 20th
_NUMERIC = re.compile(r"^(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})(?:[/.\-](?P<year>\d{2}|\d{4}))?$")  # 20/11[/2026]
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_AGO = re.compile(r"^(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven) days? ago$")
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_LEADING = re.compile(r"^(?:(?:on|the|it was|was|visited|visit)\s+)+")


def _real(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise VisitDateError(f'"{text}" is not a real date; {_HELP}') from None


SOON_AHEAD_DAYS = 31  # a day-month this close ahead is this year's (and so refused as future)


def _latest(month: int, day: int, today: dt.date, text: str) -> dt.date:
    """The most recent day-month on or before today (29 February looks back to the last leap year).

    A day-month up to a month ahead is taken as this year's, so "30 November"
    said on 23 November is refused as a future date rather than read as last
    year's (which no worker means).
    """
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise VisitDateError(f'"{text}" is not a real date; {_HELP}')
    try:
        ahead = dt.date(today.year, month, day)
        if today < ahead <= today + dt.timedelta(days=SOON_AHEAD_DAYS):
            return ahead
    except ValueError:
        pass
    for back in range(0, 9):
        year = today.year - back
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise VisitDateError(f'"{text}" is not a real date; {_HELP}')


def _month(name: str, text: str) -> int:
    if name not in _MONTHS:
        raise VisitDateError(f'cannot read "{text}" as a date ("{name}" is not a month); {_HELP}')
    return _MONTHS[name]


def parse_visit_date(text: str, today: dt.date) -> dt.date:
    """The day a worker means by ``text``, counted back from ``today`` (visits are in the past).

    "today", "yesterday", "N days ago"; a weekday ("monday", "on monday",
    "last monday") is the most recent such day before today (said on a Monday,
    "Monday" is a week ago: a visit today is "today"); a day and
    month without a year ("20 november", "3rd of nov", "20/11") is the most
    recent such date not after today; with a year ("20/11/2026", "2026-11-20")
    it is that date, even in the future (the check refuses it, saying why).
    Day before month, as written in England. VisitDateError otherwise.
    """
    if not isinstance(text, str) or not text.strip():
        raise VisitDateError(f"no date given; {_HELP}")
    if isinstance(today, dt.datetime):
        today = today.date()
    raw = text.strip()
    words = " ".join(raw.lower().split()).rstrip("?.!,")
    words = _LEADING.sub("", words)
    if words in ("today", "this morning", "this afternoon", "earlier today"):
        return today
    if words in ("yesterday", "yesterday morning", "yesterday afternoon"):
        return today - dt.timedelta(days=1)
    if words == "day before yesterday":
        return today - dt.timedelta(days=2)
    match = _AGO.match(words)
    if match:
        n = match["n"]
        return today - dt.timedelta(days=int(n) if n.isdigit() else _SMALL[n])
    day_word = re.sub(r"^(?:last|this|past)\s+", "", words)
    if day_word in _WEEKDAYS:
        return today - dt.timedelta(days=(today.weekday() - _WEEKDAYS[day_word] - 1) % 7 + 1)
    # "friday 20 november": a weekday in front of a date must agree with it
    named_day: Optional[int] = None
    first, _, rest = words.partition(" ")
    if first.rstrip(",") in _WEEKDAYS and rest:
        named_day, words = _WEEKDAYS[first.rstrip(",")], rest
    found = _date_from(words, raw, today)
    if named_day is not None and found.weekday() != named_day:
        raise VisitDateError(f'"{raw}" does not add up: {found.day} {found:%B %Y} is a {found:%A}; {_HELP}')
    return found


def _date_from(words: str, raw: str, today: dt.date) -> dt.date:
    match = _ISO.match(words)
    if match:
        return _real(int(match["year"]), int(match["month"]), int(match["day"]), raw)
    match = _NUMERIC.match(words)
    if match:
        day, month = int(match["day"]), int(match["month"])
        if match["year"] is None:
            return _latest(month, day, today, raw)
        year = int(match["year"])
        if year < 100:
            year += 2000
        return _real(year, month, day, raw)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.match(words)
        if match:
            month = _month(match["month"], raw)
            if match["year"] is None:
                return _latest(month, int(match["day"]), today, raw)
            return _real(int(match["year"]), month, int(match["day"]), raw)
    raise VisitDateError(f'cannot read "{raw}" as the day of a visit; {_HELP}')


# --- checking -----------------------------------------------------------------------


@dataclass(frozen=True)
class VisitTarget:
    """The open case a visit will be recorded on, as far as the checks have gone."""

    case_id: str
    child_id: str
    child_name: str
    authority: str
    referral_date: dt.date

    def as_json(self) -> Dict[str, str]:
        return {"case_id": self.case_id, "child_id": self.child_id, "name": self.child_name}


@dataclass(frozen=True)
class VisitCheck:
    """The outcome of :func:`check_visit`: a target when it passed, else the reply to send."""

    target: Optional[VisitTarget]
    reply: Optional[Reply]

    @property
    def ok(self) -> bool:
        return self.target is not None


def _refused(reply: Reply) -> VisitCheck:
    return VisitCheck(None, reply)


def _target(case: CaseRecord) -> VisitTarget:
    return VisitTarget(
        case.case_id, case.child.child_id, case.child.display_name, case.authority_id, case.referral_date
    )


def _closed_reply(name: str, case_id: str) -> Reply:
    return refusal(
        "case_closed",
        f"{name}'s case ({case_id}) is closed, so I can't record a visit on it. "
        "If the case has been reopened, ask for it to be updated in the case system first.",
    )


def check_visit(
    store: Store,
    worker_id: str,
    child: str,
    visit_date: Optional[dt.date],
    today: dt.date,
    via: Optional[audit.Via] = None,
) -> VisitCheck:
    """:func:`_check_visit`, recorded in the audit trail (kind ``visit_check``) when ``via`` is given.

    The form passes ``via`` when it looks up the child the worker named, so a
    name that finds nobody is on the trail as a look-up with no cases (never the name).
    """
    check = _check_visit(store, worker_id, child, visit_date, today)
    if via is not None:
        if check.target is not None:
            audit.record_query(
                store, worker_id, via, "visit_check", case_id=check.target.case_id, case_ids=[check.target.case_id]
            )
        else:
            assert check.reply is not None
            audit.record_query(
                store,
                worker_id,
                via,
                "visit_check",
                outcome=check.reply.reason or check.reply.type,
                case_ids=shown_case_ids(check.reply),
            )
    return check


def _check_visit(store: Store, worker_id: str, child: str, visit_date: Optional[dt.date], today: dt.date) -> VisitCheck:
    """Can ``worker_id`` record a visit to ``child`` on ``visit_date``? Nothing is written.

    ``child`` is a name, child id or case reference as typed (a case reference
    picks that case). ``visit_date`` None checks the child only (the form's
    first question). Refusals: unknown_worker, future_date, child_not_found
    (the same whether the child does not exist or is outside the worker's
    scope), case_closed, before_referral; two children (or two open cases of
    one child) give clarify ambiguous_child.
    """
    try:
        scope = store.scope_for(worker_id)
    except UnknownWorkerError:
        return _refused(unknown_worker_reply())
    if visit_date is not None and visit_date > today:
        return _refused(
            refusal(
                "future_date",
                f"{say_date(visit_date, today)} is in the future. I can only record a visit that has happened: "
                "what day was it?",
            )
        )
    text = (child or "").strip()
    exact = store.cases([text], scope) if text else []
    if exact:
        resolved: Any = ResolvedChild(exact[0].child, tuple(exact))
        cases = list(exact)
    else:
        resolved = resolve_child(store, scope, text)
        if isinstance(resolved, Reply):
            return _refused(resolved)
        cases = list(resolved.cases)
    open_cases = [c for c in cases if c.is_open]
    if not open_cases:
        return _refused(_closed_reply(resolved.name, resolved.main_case.case_id))
    if len(open_cases) > 1:  # one child, two open cases: the worker must say which
        options = [
            {"case_id": c.case_id, "child_id": c.child.child_id, "name": c.child.display_name} for c in open_cases
        ]
        return _refused(ambiguous_reply(text, options))
    case = open_cases[0]
    if visit_date is not None and visit_date < case.referral_date:
        return _refused(
            refusal(
                "before_referral",
                f"{say_date(visit_date, today)} is before {case.child.display_name}'s referral on "
                f"{say_date(case.referral_date, today)}, so it can't be a visit on this case. What day was it?",
            )
        )
    return VisitCheck(_target(case), None)


# --- confirming and saving ------------------------------------------------------------


def _seen_words(child_seen: bool, seen_alone: Optional[bool]) -> str:
    if not child_seen:
        return "child not seen"
    if seen_alone is None:
        return "child seen"
    return "seen alone" if seen_alone else "seen, not alone"


def _visit_json(
    target: VisitTarget, visit_date: dt.date, child_seen: bool, seen_alone: Optional[bool]
) -> Dict[str, Any]:
    return {
        "case_id": target.case_id,
        "child_name": target.child_name,
        "date": visit_date.isoformat(),
        "child_seen": child_seen,
        "seen_alone": seen_alone if child_seen else False,
    }


def form_question(slot: str, draft: Optional[Dict[str, Any]] = None) -> Reply:
    """The form asking for one slot (status ``asking``), with what it already holds (``visit``)."""
    payload: Dict[str, Any] = {"type": "form", "form": FORM, "status": "asking", "slot": slot}
    if draft:
        payload["visit"] = draft
    return Reply(QUESTIONS[slot], payload)


def cancelled() -> Reply:
    """The worker said no at the confirmation or stopped the form: nothing is saved."""
    return Reply("OK, I haven't recorded anything.", {"type": "form", "form": FORM, "status": "cancelled"})


def confirm_visit(
    store: Store,
    worker_id: str,
    child: str,
    visit_date: dt.date,
    child_seen: bool,
    seen_alone: Optional[bool],
    today: dt.date,
) -> Reply:
    """The confirmation question (status ``confirm``), or the refusal/clarify if a check fails.

    The ``visit`` in the payload carries the case id to pass to :func:`record_visit`.
    """
    check = check_visit(store, worker_id, child, visit_date, today)
    if not check.ok:
        assert check.reply is not None
        return check.reply
    target = check.target
    assert target is not None
    text = (
        f"Record a visit to {target.child_name} (case {target.case_id}) on {say_date(visit_date, today)}, "
        f"{_seen_words(child_seen, seen_alone)}? Yes or no?"
    )
    return Reply(
        text,
        {
            "type": "form",
            "form": FORM,
            "status": "confirm",
            "visit": _visit_json(target, visit_date, child_seen, seen_alone),
        },
    )


def _already_recorded(case: CaseRecord, visit_date: dt.date, child_seen: bool, seen_alone: Optional[bool]) -> bool:
    return any(
        e.event == VISIT
        and e.date == visit_date
        and e.child_seen == child_seen
        and bool(e.seen_alone) == bool(seen_alone)  # an imported "not seen" may leave "alone" empty
        and e.note == ""
        for e in case.events
    )


def _next_visit_text(case: CaseRecord, target: VisitTarget, today: dt.date, child_seen: bool) -> tuple[str, List[Any]]:
    """What is next for visits on the case, or why there is no date to give."""
    upcoming = current_items([case], today, VISIT_ITEMS)
    if upcoming:
        nxt = upcoming[0]
        when = say_date(nxt.due, today)
        verb = "was due" if nxt.due < today else "due"
        overdue = " and is overdue" if nxt.due < today else ""
        lead = "" if child_seen else "The child was not seen, so this visit does not restart the visiting timescale. "
        return f"{lead}Next visit {verb} {when}{overdue} {rule_note(nxt)}.{conflict_sentence(nxt)}", [nxt]
    policy = policy_for(case.authority_id, policies())
    if not policy.rules_for(VISIT, case.category):  # the regular cadence; a first home visit is one-off
        silence = policy.silent_on(VISIT)
        why = f" {' '.join(silence.note.split())}" if silence else ""
        return (
            f"{authority_name(case.authority_id)}'s loaded guidance sets no visiting timescale, "
            f"so I haven't worked out a next visit date.{why}"
        ), []
    return "No next visit date yet: the visiting timescale starts with the CIN plan.", []


def record_visit(
    store: Store,
    worker_id: str,
    case_id: str,
    visit_date: dt.date,
    child_seen: bool,
    seen_alone: Optional[bool],
    today: dt.date,
    via: audit.Via = audit.CHAT,
) -> Reply:
    """Save a visit (event ``visit``, source chat) and say when the next one is due.

    Every check of :func:`check_visit` runs again first, so a refused visit
    writes nothing. A child not seen was not seen alone: stored as N, since the
    exchange format gives every visit a Y/N for both (spec: events.csv). Saving the
    same visit twice adds nothing and says so.
    """
    check = check_visit(store, worker_id, case_id, visit_date, today)
    if not check.ok:
        assert check.reply is not None
        audit.record_write(store, worker_id, via, VISIT, None, None, outcome=check.reply.reason or check.reply.type)
        return check.reply
    target = check.target
    assert target is not None
    alone = seen_alone if child_seen else False
    scope: Scope = store.scope_for(worker_id)
    before = store.cases([target.case_id], scope)
    duplicate = bool(before) and _already_recorded(before[0], visit_date, child_seen, alone)
    try:
        store.append_event(scope, target.case_id, VISIT, visit_date, child_seen=child_seen, seen_alone=alone, via=via)
    except UnknownCaseError:  # reallocated between the check and the write
        reply = not_found_reply(case_id)
        audit.record_write(store, worker_id, via, VISIT, None, None, outcome=reply.reason or reply.type)
        return reply
    log.info("visit recorded from chat: case %s, %s", target.case_id, visit_date.isoformat())
    after = store.cases([target.case_id], scope)
    next_text, items = _next_visit_text(after[0], target, today, child_seen) if after else ("", [])
    saved = "That visit was already recorded, so nothing changed" if duplicate else "Saved"
    text = (
        f"{saved}: visit to {target.child_name} on {say_date(visit_date, today)}, "
        f"{_seen_words(child_seen, alone)}. {next_text}"
    ).strip()
    payload: Dict[str, Any] = {
        "type": "form",
        "form": FORM,
        "status": "saved",
        "visit": _visit_json(target, visit_date, child_seen, alone),
        "items": [i.to_json(today) for i in items],
    }
    if duplicate:
        payload["already_recorded"] = True
    return Reply(text, payload)

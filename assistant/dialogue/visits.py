"""Recording a visit from the chat: reading the date, checking it, saving it, saying what is next.

The date itself is read by :mod:`assistant.dialogue.visit_date` (re-exported here).

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
from assistant.dialogue.visit_date import SOON_AHEAD_DAYS, VisitDateError, parse_visit_date
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


def seen_words(child_seen: bool, seen_alone: Optional[bool]) -> str:
    """How the read-back says who was seen: "seen alone", "seen, not alone", "child not seen"."""
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
        f"{seen_words(child_seen, seen_alone)}? Yes or no?"
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
        f"{seen_words(child_seen, alone)}. {next_text}"
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


__all__ = [
    "FORM",
    "QUESTIONS",
    "SOON_AHEAD_DAYS",
    "VISIT_ITEMS",
    "VisitCheck",
    "VisitDateError",
    "VisitTarget",
    "cancelled",
    "check_visit",
    "confirm_visit",
    "form_question",
    "parse_visit_date",
    "record_visit",
    "seen_words",
]

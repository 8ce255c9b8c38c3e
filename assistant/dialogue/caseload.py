"""Caseload questions from the chat, answered in words and in the REST payload.

One entry point, :func:`answer_caseload`, for every caseload intent: the Rasa
action maps the intent to a ``kind``, copies the entities into a
:class:`CaseloadRequest` and sends back the :class:`Reply`. Everything a worker
would notice is decided here: which child "Amelia" is, whether the asker may
see them, which window "this week" means, which items count, and the wording.

Access follows the case store's scope: a child outside it gets exactly the
reply a child who does not exist gets, so a name look-up never reveals whose
cases exist elsewhere. Every question is recorded in the audit trail
(:mod:`assistant.casestore.audit`) as structured fields and the case ids shown, never
the words typed. User mistakes (unknown child, bad window, unknown
worker) come back as clarify/refusal replies, never as exceptions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Tuple, Union

from assistant.casestore import CaseRecord, Scope, Store, UnknownWorkerError, audit
from assistant.dialogue.caseload_phrasing import (
    closed_text,
    conflict_mark,
    count_of,
    due_text,
    item_line,
    listing,
    next_text,
    no_item_text,
    payload,
    sort_key,
    status_phrase,
)
from assistant.dialogue.children import (
    ResolvedChild,
    mentioned_child,
    missing_child_reply,
    resolve_child,
    unknown_worker_reply,
    words_of,
)
from assistant.dialogue.intents import CHILD_KINDS, KINDS, LIST_KINDS, TEAM_KINDS
from assistant.dialogue.reply import Reply, clarify, refusal
from assistant.domain.engine import OpenItem, due_report, open_items, policy_for
from assistant.domain.timeframe import (
    ACCEPTED_PHRASES,
    TimeframeError,
    Window,
    find_window_phrase,
)
from assistant.domain.vocabulary import (
    ITEM_TYPES,
    TYPE_NAMES,
    find_item_type,
    item_name,
    items_for,
    normalise_item_type,
)
from assistant.rules import policies
from assistant.services import caseload

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseloadRequest:
    """One caseload question as the action read it from the tracker (entities not yet normalised)."""

    kind: str
    item_type: Optional[str] = None  # the entity's text or value: "reviews", "home visit", "review"
    timeframe: Optional[str] = None  # a window phrase: "this week", "next 10 days"
    child: Optional[str] = None  # a name or case reference as typed
    case_id: Optional[str] = None  # a case the conversation already settled on (wins over ``child``)
    text: Optional[str] = None  # the message itself: finds a child the NLU missed or caught only in part


@dataclass(frozen=True)
class Question:
    """A caseload question once checked: who asks, what about, over which window, about which child."""

    kind: str
    worker_id: str
    scope: Scope
    today: dt.date
    item_type: Optional[str]
    wanted: Optional[FrozenSet[str]]  # the engine's items the item type names (None: all)
    window: Optional[Window]
    child: Optional[ResolvedChild]


@dataclass(frozen=True)
class Answered:
    """A reply, and the case ids its text names beyond its payload (the caseload list names every case)."""

    reply: Reply
    listed: Tuple[str, ...] = ()


def caseload_rescue(
    store: Store,
    worker_id: str,
    text: str,
    today: dt.date,
    capitalised_only: bool,
    via: audit.Via = audit.CHAT,
) -> Optional[Reply]:
    """A child on the asker's caseload named in a message the NLU did not take for a caseload question.

    Names are not in the training data, so "what's open for Milo Calderford"
    can come out as not understood, or as a procedure question. If the message
    names a child on the asker's own open cases (a case reference, a full
    name, or a first name - only a capitalised one with ``capitalised_only``,
    so "will" is not Will), the answer is that child's open items (or their
    next item of a type the message names, when it asks what is next). None
    when no child of theirs is named; a sender who is not a worker gets None too.
    """
    try:
        scope = store.scope_for(worker_id)
    except UnknownWorkerError:
        return None
    names = store.open_case_names(scope)
    named = mentioned_child(store, scope, text, None, first_names=True, names=names)
    if named is None:
        return None
    is_case = any(case_id == named for case_id, _, _ in names)
    if capitalised_only and " " not in named and not is_case:
        if not re.search(rf"(?<![A-Za-z]){re.escape(named.capitalize())}(?![a-z])", text):
            return None
    words = set(words_of(text))
    kind = "next" if "next" in words and find_item_type(None, text, "next") else "child_summary"
    return answer_caseload(store, worker_id, CaseloadRequest(kind, child=named, text=text), today, via)


def _readable(phrase: Optional[str], today: dt.date) -> bool:
    if not phrase or not phrase.strip():
        return False
    try:
        caseload.window_for(phrase, today)
    except TimeframeError:
        return False
    return True


def current_items(
    cases: Iterable[CaseRecord], today: dt.date, wanted: Optional[FrozenSet[str]] = None
) -> List[OpenItem]:
    """Every item open on the cases today, by due date; past one-off milestones left out (spec §2)."""
    loaded = policies()
    found = [
        item
        for case in cases
        for item in open_items(case, policy_for(case.authority_id, loaded), today)
        if not (item.one_off and item.due < today) and (wanted is None or item.item in wanted)
    ]
    return sorted(found, key=sort_key)


def shown_case_ids(reply: Reply) -> List[str]:
    """The case ids a reply shows: its items' and its child's, or a clarifying question's options."""
    payload = reply.payload
    shown = [str(i["case_id"]) for i in payload.get("items") or () if i.get("case_id")]
    child = (payload.get("query") or {}).get("child") if payload.get("type") == "due_items" else None
    if child:
        shown.append(str(child["case_id"]))
    shown += [str(o["case_id"]) for o in payload.get("options") or () if isinstance(o, dict) and o.get("case_id")]
    return shown


def _record(
    store: Store, worker_id: str, request: CaseloadRequest, reply: Reply, listed: List[str], via: audit.Via
) -> None:
    """The audit row for one chat question: what the reply says was asked, never the words."""
    query = (reply.payload.get("query") or {}) if reply.type == "due_items" else {}
    window = query.get("window")
    child = query.get("child")
    audit.record_query(
        store,
        worker_id,
        via,
        request.kind,
        outcome=audit.ANSWERED if reply.type == "due_items" else reply.reason or reply.type,
        case_ids=shown_case_ids(reply) + listed,
        item_type=query.get("item_type"),
        window=(dt.date.fromisoformat(window["start"]), dt.date.fromisoformat(window["end"])) if window else None,
        case_id=child["case_id"] if child else None,
    )


def answer_caseload(
    store: Store,
    worker_id: str,
    request: CaseloadRequest,
    today: dt.date,
    via: audit.Via = audit.CHAT,
) -> Reply:
    """Answer one caseload question for ``worker_id`` as of ``today``, and audit it.

    The audit row (``via``: the chat and its input channel) records the kind,
    item type, window, the child's case if one was resolved, the outcome
    (``answered`` or the refusal/clarify reason) and the case ids shown. If it
    cannot be written the error propagates, like any store fault: nothing is
    shown unaudited.
    """
    if request.kind not in KINDS:
        raise ValueError(f"unknown caseload kind {request.kind!r} (expected one of: {', '.join(KINDS)})")
    answered = _answer(store, worker_id, request, today)
    _record(store, worker_id, request, answered.reply, list(answered.listed), via)
    return answered.reply


def _answer(store: Store, worker_id: str, request: CaseloadRequest, today: dt.date) -> Answered:
    """The reply to one caseload question: checked first, then answered by the kind's handler.

    Kinds (docs/conversation.md): ``due`` (due in the window, default "this
    week", plus overdue), ``overdue``, ``team_due`` / ``team_overdue`` (a
    manager's team), ``next`` (a child's next item, of ``item_type`` if given),
    ``child_summary`` (everything open for a child), ``caseload`` (the asker's
    open cases and each one's next item). A child named on a due/overdue
    question narrows it to that child. Everything the worker can get wrong is a reply.
    """
    question = _understand(store, worker_id, request, today)
    if isinstance(question, Reply):
        return Answered(question)
    child = question.child
    if child is not None and not child.open_cases:
        return Answered(Reply(closed_text(child), _payload_of(question, [])))
    return HANDLERS[question.kind](store, question)


def _understand(store: Store, worker_id: str, request: CaseloadRequest, today: dt.date) -> Union[Question, Reply]:
    """The question checked against the store and the words: the reply to send instead when it cannot be answered."""
    kind = request.kind
    try:
        scope = store.scope_for(worker_id)
    except UnknownWorkerError:
        return unknown_worker_reply()
    item_type, request = _item_type_of(request, today)
    if isinstance(item_type, Reply):
        return item_type
    if kind in TEAM_KINDS and not scope.is_manager:
        return refusal(
            "not_a_manager",
            "Team questions are for managers, and you're not set up as one. "
            "I can tell you what's due on your own caseload instead.",
        )
    child = _child_of(store, scope, request)
    if isinstance(child, Reply):
        return child
    window = _window_of(request, today)
    if isinstance(window, Reply):
        return window
    return Question(kind, worker_id, scope, today, item_type, items_for(item_type), window, child)


def _item_type_of(request: CaseloadRequest, today: dt.date) -> Tuple[Union[Optional[str], Reply], CaseloadRequest]:
    """The item type asked about; from the chat, the words settle what the NLU missed (the window phrase too)."""
    if request.text is not None:
        item_type = find_item_type(request.item_type, request.text, request.kind)
        found = find_window_phrase(request.text, today)
        if found and not _readable(request.timeframe, today):
            request = dataclasses.replace(request, timeframe=found)
        return item_type, request
    if request.item_type and request.item_type.strip():
        item_type = normalise_item_type(request.item_type)
        if item_type is None:
            names = [TYPE_NAMES[t] for t in ITEM_TYPES]
            return clarify(
                "unknown_item_type",
                f'I don\'t know "{request.item_type.strip()}" as something that falls due. '
                f"I can look up: {', '.join(names)}.",
                options=list(ITEM_TYPES),
            ), request
        return item_type, request
    return None, request


def _child_of(store: Store, scope: Scope, request: CaseloadRequest) -> Union[Optional[ResolvedChild], Reply]:
    """The child the question is about (None for a question about a whole caseload), or the reply instead."""
    kind = request.kind
    if kind == "caseload":
        return None
    named = request.child
    if request.text and not (request.case_id and request.case_id.strip()):
        named = mentioned_child(store, scope, request.text, request.child, first_names=kind in CHILD_KINDS)
    if (named and named.strip()) or (request.case_id and request.case_id.strip()):
        return resolve_child(store, scope, named, request.case_id)
    return missing_child_reply() if kind in CHILD_KINDS else None


def _window_of(request: CaseloadRequest, today: dt.date) -> Union[Optional[Window], Reply]:
    """The window of a "what's due" question (None for the other kinds), or the clarify for an unreadable phrase."""
    if request.kind not in ("due", "team_due"):
        return None
    try:
        return caseload.window_for(request.timeframe, today)
    except TimeframeError:
        phrase = (request.timeframe or "").strip()
        return clarify(
            "bad_timeframe",
            f'I can\'t read "{phrase}" as a time window. Try one of: {", ".join(ACCEPTED_PHRASES)}.',
            accepted=list(ACCEPTED_PHRASES),
        )


def _payload_of(question: Question, items: List[OpenItem]) -> Dict[str, object]:
    return payload(question.kind, question.item_type, question.window, question.child, items, question.today)


def _answer_list(store: Store, q: Question) -> Answered:
    """What is due (in the window, plus overdue) or overdue: the asker's, the team's, or one child's."""
    overdue_only = q.kind.endswith("overdue")
    counted = q.window or caseload.window_for(None, q.today)  # overdue ignores the window's end
    if q.child is not None:
        report = due_report(q.child.open_cases, q.today, counted, policies(), None, overdue_only)
        who = f"{q.child.name} has"
    elif q.kind in TEAM_KINDS:
        report = caseload.due_for_team(store, q.worker_id, q.today, counted, None, overdue_only, scope=q.scope)
        who = "Your team has"
    else:
        report = caseload.due_for_worker(store, q.worker_id, q.today, counted, None, overdue_only, scope=q.scope)
        who = "You have"
    items = [i for i in report.items if q.wanted is None or i.item in q.wanted]
    text = due_text(q.kind, who, q.item_type, counted, items, q.today, one_child=q.child is not None)
    return Answered(Reply(text, _payload_of(q, items)))


def _answer_next(store: Store, q: Question) -> Answered:
    """A child's next item (of a type, if one was named)."""
    assert q.child is not None
    candidates = current_items(q.child.open_cases, q.today, q.wanted)
    if not candidates:
        return Answered(Reply(no_item_text(q.child, q.item_type), _payload_of(q, [])))
    first = candidates[0]
    return Answered(Reply(next_text(q.child, first, q.today), _payload_of(q, [first])))


def _answer_summary(store: Store, q: Question) -> Answered:
    """Everything open for a child."""
    assert q.child is not None
    items = current_items(q.child.open_cases, q.today, q.wanted)
    if not items:
        return Answered(Reply(no_item_text(q.child, q.item_type), _payload_of(q, [])))
    head = f"{q.child.name} (case {q.child.main_case.case_id}) has {count_of(len(items), q.item_type)} open:"
    lines = [item_line(i, q.today, with_child=False) for i in items]
    return Answered(Reply(head + "\n" + listing(lines), _payload_of(q, items)))


def _answer_caseload(store: Store, q: Question) -> Answered:
    """The asker's own open cases, each with its next item."""
    cases = store.open_cases_for_worker(q.worker_id)
    listed = tuple(c.case_id for c in cases)
    if not cases:
        return Answered(Reply("You have no open cases allocated to you.", _payload_of(q, [])), listed)
    firsts: List[OpenItem] = []
    idle: List[CaseRecord] = []
    for case in cases:
        found = current_items([case], q.today, q.wanted)
        if found:
            firsts.append(found[0])
        else:
            idle.append(case)
    firsts.sort(key=sort_key)
    lines = [
        f"- {i.child_name} ({i.case_id}): {item_name(i.item)} {status_phrase(i, q.today)}{conflict_mark(i.conflicts)}"
        for i in firsts
    ]
    nothing = f"no {TYPE_NAMES[q.item_type]} open" if q.item_type else "nothing open under the loaded guidance"
    lines += [f"- {c.child.display_name} ({c.case_id}): {nothing}" for c in sorted(idle, key=lambda c: c.case_id)]
    what = f"next {TYPE_NAMES[q.item_type]}" if q.item_type else "next item"
    head = f"You have {len(cases)} open case{'' if len(cases) == 1 else 's'}. The {what} on each:"
    return Answered(Reply(head + "\n" + listing(lines), _payload_of(q, firsts)), listed)


#: Each kind of caseload question and the function that answers it.
HANDLERS: Dict[str, Callable[[Store, Question], Answered]] = {
    **{kind: _answer_list for kind in LIST_KINDS},
    "next": _answer_next,
    "child_summary": _answer_summary,
    "caseload": _answer_caseload,
}

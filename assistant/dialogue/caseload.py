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
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple, Union

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
    not_computed_text,
    payload,
    sort_key,
    status_phrase,
)
from assistant.dialogue.caseload_words import (
    asks_outside_the_work,
    forward_window_kind,
    inside_lateness,
    kind_for_one_child,
    kind_from_words,
    late_in_words,
    names_an_item,
    ordinary_word,
    own_work_kind,
    says_no_time,
)
from assistant.dialogue.children import (
    ResolvedChild,
    missing_child_reply,
    named_children,
    possessive_name,
    resolve_child,
    unknown_worker_reply,
    words_of,
)
from assistant.dialogue.intents import CHILD_KINDS, KINDS, LIST_KINDS, TEAM_KINDS
from assistant.dialogue.reply import Reply, clarify, out_of_scope, refusal
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
    child: Optional[ResolvedChild]  # the one child asked about
    children: Tuple[ResolvedChild, ...] = ()  # every child asked about ("the Okafor kids"): one or more

    @property
    def about(self) -> Tuple[ResolvedChild, ...]:
        """The children the question is about (none for a whole caseload)."""
        return self.children or ((self.child,) if self.child is not None else ())


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
    """A child on the asker's caseload named in a message the NLU did not take for a caseload question
    (or, failing that, a question about the asker's own work: :func:`own_work_kind`).

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
    # a child's whole first name in lower case counts when the message names one of their items
    # ("chidera plan circulation deadline"), never in a question of its own ("what does amelia need")
    asks_an_item = bool(normalise_item_type(text))
    named = named_children(
        store, scope, text, None, first_names=True, capitalised=capitalised_only, whole_first_names=asks_an_item
    )
    if not named:
        kind = own_work_kind(text, today, strict=capitalised_only)
        if kind is None:
            return None
        return answer_caseload(store, worker_id, CaseloadRequest(kind, text=text), today, via)
    if asks_outside_the_work(text):  # "can you recommend a dentist for Ama": the child named, the help elsewhere
        return out_of_scope()
    words = set(words_of(text))
    kind = "next" if "next" in words and find_item_type(None, text, "next") else "child_summary"
    return answer_caseload(store, worker_id, CaseloadRequest(kind, child=None, text=text), today, via)


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
    about = question.about
    if about and not any(c.open_cases for c in about):
        return Answered(Reply(closed_text(about[0]), _payload_of(question, [])))
    return HANDLERS[question.kind](store, question)


def _understand(store: Store, worker_id: str, request: CaseloadRequest, today: dt.date) -> Union[Question, Reply]:
    """The question checked against the store and the words: the reply to send instead when it cannot be answered."""
    kind = request.kind
    try:
        scope = store.scope_for(worker_id)
    except UnknownWorkerError:
        return unknown_worker_reply()
    kind = kind_from_words(request.text or "", request.kind, bool(request.child), scope.is_manager)
    if kind != request.kind:
        request = dataclasses.replace(request, kind=kind)
    item_type, request = _item_type_of(request, today)
    if isinstance(item_type, Reply):
        return item_type
    if request.text is not None:
        kind = _kind_given_window(request.text, forward_window_kind(request.text, kind, request.timeframe), request)
        request = dataclasses.replace(request, kind=kind)
    if kind in TEAM_KINDS and not scope.is_manager:
        return refusal(
            "not_a_manager",
            "Team questions are for managers, and you're not set up as one. "
            "I can tell you what's due on your own caseload instead.",
        )
    if kind == "caseload" and request.text and _names_a_child(store, scope, request.text):
        kind = "child_summary"  # "cm8106 overview", "whens the area manager review for mylo": a child, not the caseload
        request = dataclasses.replace(request, kind=kind)
    children = _children_of(store, scope, request)
    own = _own_work(request, today) if isinstance(children, Reply) and children.reason == "missing_child" else None
    if own:
        kind, children = own, ()  # "my reviews in january", "what have i let slide": no child meant
        request = dataclasses.replace(request, kind=kind)
    if isinstance(children, Reply):
        return children
    if children:
        kind = kind_for_one_child(request.text or "", kind, request.timeframe, today)
    if (
        request.text is not None  # from the chat; a query by kind (the CLI, the page) means exactly that kind
        and kind in ("due", "overdue")
        and scope.is_manager
        and not store.open_cases_for_worker(worker_id)
    ):
        kind = f"team_{kind}"  # a manager who holds no cases asks about the team's ("the kamara kids this week" too)
    if kind != request.kind:
        if request.kind == "child_summary":  # the type was not read from the words for a summary: read it now
            item_type = find_item_type(request.item_type, request.text, kind)
        request = dataclasses.replace(request, kind=kind)
    window = _window_of(request, today)
    if isinstance(window, Reply):
        return window
    child = children[0] if len(children) == 1 else None
    return Question(kind, worker_id, scope, today, item_type, items_for(item_type), window, child, children)


def _names_a_child(store: Store, scope: Scope, text: str) -> bool:
    """A case typed by its reference or full name, or a first name beside one of the child's items."""
    item = bool(normalise_item_type(text))
    return bool(named_children(store, scope, text, None, first_names=item, capitalised=item, whole_first_names=item))


def _kind_given_window(text: str, kind: str, request: CaseloadRequest) -> str:
    """What the window (or its absence) settles: a type of item over a window is a due list ("which of the
    team's cases hit 12 months open in feb"), lateness with no window an overdue one ("plans not circulated
    within 3 days")."""
    window = bool((request.timeframe or "").strip())
    if kind == "caseload" and window and find_item_type(request.item_type, text, "due"):
        return "due"
    if kind in ("due", "team_due") and not window and late_in_words(text):
        return kind.replace("due", "overdue")
    return kind


def _item_type_of(request: CaseloadRequest, today: dt.date) -> Tuple[Union[Optional[str], Reply], CaseloadRequest]:
    """The item type asked about; from the chat, the words settle what the NLU missed (the window phrase too)."""
    text = request.text
    if text is not None:
        item_type = find_item_type(request.item_type, text, request.kind)
        found = find_window_phrase(text, today)
        # The grammar reads the whole phrase ("before friday", "this week and next") where the NLU's entity
        # may hold only part of it ("friday"): the longer reading wins, the entity when the grammar finds none.
        if found and (not _readable(request.timeframe, today) or len(found) >= len(request.timeframe or "")):
            request = dataclasses.replace(request, timeframe=found)
        elif request.timeframe and (
            says_no_time(request.timeframe)
            or names_an_item(request.timeframe, text)
            or inside_lateness(request.timeframe, text)  # "3 days" of "not circulated within 3 days"
        ):
            request = dataclasses.replace(request, timeframe=None)  # "on Daisy's case", "her 3 month review"
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


def _children_of(store: Store, scope: Scope, request: CaseloadRequest) -> Union[Tuple[ResolvedChild, ...], Reply]:
    """The children the question is about (none for a whole caseload), or the reply instead.

    A name the NLU caught that is no child of the asker's, on a question about
    the whole caseload, is not taken for a child ("what's due this week for
    me"): only a question that needs a child says it cannot find one.
    """
    kind = request.kind
    if kind == "caseload":
        return ()
    if request.case_id and request.case_id.strip() and not (request.text and request.child):
        found = resolve_child(store, scope, None, request.case_id)
        return found if isinstance(found, Reply) else (found,)
    named = [request.child] if request.child else []
    if request.text:
        # a list question names a child only as a name is written: capitalised, possessive ("Daisy's case") or
        # the whole first name where a name goes ("anything late for precious"), never a short form ("at the mo")
        named = named_children(
            store,
            scope,
            request.text,
            request.child,
            first_names=True,
            capitalised=kind not in CHILD_KINDS,
            whole_first_names=True,
        )
    if not named and request.case_id and request.case_id.strip():
        found = resolve_child(store, scope, None, request.case_id)
        return found if isinstance(found, Reply) else (found,)
    typed = possessive_name(request.text) if not named and kind in CHILD_KINDS and request.text else None
    if typed:
        named = [typed]  # "when is Amelia's next review": a name typed, whoever reads it
    if not named:
        return missing_child_reply() if kind in CHILD_KINDS else ()
    resolved = []
    for name in named:
        found = resolve_child(store, scope, name)
        if isinstance(found, Reply):
            if kind not in CHILD_KINDS and found.reason == "child_not_found" and ordinary_word(name, request.text):
                return ()  # an everyday word the NLU took for a name, on a question about the caseload
            return found
        resolved.append(found)
    return tuple(resolved)


def _own_work(request: CaseloadRequest, today: dt.date) -> Optional[str]:
    """The kind of a question needing a child that names none but asks about the asker's own work: what is due
    over a window, or what is late ("what have i let slide"); None otherwise."""
    if request.kind not in CHILD_KINDS or not request.text:
        return None
    kind = own_work_kind(request.text, today, False)
    return kind if kind in ("due", "overdue") else None


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
    out = payload(question.kind, question.item_type, question.window, question.child, items, question.today)
    if len(question.about) > 1:
        query = out["query"]
        assert isinstance(query, dict)
        query["children"] = [c.as_json() for c in question.about]
    return out


def _answer_list(store: Store, q: Question) -> Answered:
    """What is due (in the window, plus overdue) or overdue: the asker's, the team's, or one child's."""
    overdue_only = q.kind.endswith("overdue")
    counted = q.window or caseload.window_for(None, q.today)  # overdue ignores the window's end
    if q.about:
        cases = [case for child in q.about for case in child.open_cases]
        report = due_report(cases, q.today, counted, policies(), None, overdue_only)
        who = f"{_names(q.about)} {'has' if len(q.about) == 1 else 'have'}"
    elif q.kind in TEAM_KINDS:
        report = caseload.due_for_team(store, q.worker_id, q.today, counted, None, overdue_only, scope=q.scope)
        who = "Your team has"
    else:
        report = caseload.due_for_worker(store, q.worker_id, q.today, counted, None, overdue_only, scope=q.scope)
        who = "You have"
    items = [i for i in report.items if q.wanted is None or i.item in q.wanted]
    text = due_text(q.kind, who, q.item_type, counted, items, q.today, one_child=len(q.about) == 1)
    out = _payload_of(q, items)
    if report.not_computed:  # a newly added council's drafted rules: said, never a silent gap in the list
        text = f"{text}\n{not_computed_text(report.not_computed)}"
        out["not_computed"] = [n.to_json() for n in report.not_computed]
    return Answered(Reply(text, out))


def _answer_next(store: Store, q: Question) -> Answered:
    """Each child's next item (of a type, if one was named)."""
    firsts: List[OpenItem] = []
    lines: List[str] = []
    for child in q.about:
        candidates = current_items(child.open_cases, q.today, q.wanted)
        if candidates:
            firsts.append(candidates[0])
            lines.append(next_text(child, candidates[0], q.today))
        else:
            lines.append(no_item_text(child, q.item_type))
    return Answered(Reply("\n".join(lines), _payload_of(q, firsts)))


def _answer_summary(store: Store, q: Question) -> Answered:
    """Everything open for a child (or each child of a family asked about)."""
    items = current_items([case for child in q.about for case in child.open_cases], q.today, q.wanted)
    if not items:
        return Answered(Reply("\n".join(no_item_text(c, q.item_type) for c in q.about), _payload_of(q, [])))
    if len(q.about) == 1:
        child = q.about[0]
        head = f"{child.name} (case {child.main_case.case_id}) has {count_of(len(items), q.item_type)} open:"
    else:
        head = f"{_names(q.about)} have {count_of(len(items), q.item_type)} open between them:"
    lines = [item_line(i, q.today, with_child=len(q.about) > 1) for i in items]
    return Answered(Reply(head + "\n" + listing(lines), _payload_of(q, items)))


def _names(children: Sequence[ResolvedChild]) -> str:
    names = [c.name for c in children]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


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

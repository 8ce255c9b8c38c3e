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
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple, Union

from assistant.casestore import audit
from assistant.services import caseload
from assistant.casestore import CaseRecord, ChildRecord, Scope, Store, UnknownWorkerError
from assistant.dialogue.reply import Reply, clarify, refusal
from assistant.domain.phrasing import authority_name, rule_source, short_section
from assistant.domain.vocabulary import (
    ITEM_TYPES,
    TYPE_NAMES,
    find_item_type,
    item_name,
    items_for,
    normalise_item_type,
    plural,
    type_name,
)
from assistant.domain.engine import OpenItem, due_report, open_items, policy_for
from assistant.domain.policy import Conflict
from assistant.domain.timeframe import ACCEPTED_PHRASES, TimeframeError, Window, find_window_phrase
from assistant.rules import policies

log = logging.getLogger(__name__)

KINDS: Tuple[str, ...] = ("due", "overdue", "team_due", "team_overdue", "next", "child_summary", "caseload")
TEAM_KINDS = ("team_due", "team_overdue")
CHILD_KINDS = ("next", "child_summary")  # these need a child
MAX_LINES = 8  # a spoken answer longer than this is not listened to


@dataclass(frozen=True)
class CaseloadRequest:
    """One caseload question as the action read it from the tracker (entities not yet normalised)."""

    kind: str
    item_type: Optional[str] = None  # the entity's text or value: "reviews", "home visit", "review"
    timeframe: Optional[str] = None  # a window phrase: "this week", "next 10 days"
    child: Optional[str] = None  # a name or case reference as typed
    case_id: Optional[str] = None  # a case the conversation already settled on (wins over ``child``)
    text: Optional[str] = None  # the message itself: finds a child the NLU missed or caught only in part


# --- dates and small phrases ----------------------------------------------------


def say_date(day: dt.date, today: dt.date) -> str:
    """"Thursday 26 November" (with the year when it is not this year's): easy to read aloud."""
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _conflict_mark(conflicts: Sequence[Conflict]) -> str:
    """A short list-line marker that the guidance disagrees with itself here."""
    if not conflicts:
        return ""
    sections = ", ".join(dict.fromkeys(short_section(c.citation.section) for c in conflicts))
    return f" (the guidance is inconsistent here: see {sections})"


def conflict_sentence(item: OpenItem) -> str:
    """One sentence saying another passage disagrees, or "" when none does."""
    if not item.conflicts:
        return ""
    first = item.conflicts[0]
    more = len(item.conflicts) - 1
    extra = f" ({more} other passage{'s' if more > 1 else ''} also differ{'' if more > 1 else 's'}.)" if more else ""
    return f" Note: the guidance is not consistent here ({first.citation.section}): {_first_sentence(first.note)}{extra}"


def rule_note(item: OpenItem) -> str:
    """"(Medway: visits at least every 15 working days, 10.1)": where the date comes from."""
    rule = item.rule
    return f"({rule_source(rule.authority)}: {rule.rule}, {rule.citation.section})"


def _status_phrase(item: OpenItem, today: dt.date) -> str:
    if item.due < today:
        return f"overdue, was due {say_date(item.due, today)}"
    if item.due == today:
        return f"due today, {say_date(item.due, today)}"
    return f"due {say_date(item.due, today)}"


def item_line(item: OpenItem, today: dt.date, with_child: bool = True) -> str:
    """One list line: "Amelia K: visit due Thursday 26 November"."""
    who = f"{item.child_name}: " if with_child else ""
    return f"- {who}{item_name(item.item)} {_status_phrase(item, today)}{_conflict_mark(item.conflicts)}"


def _listing(lines: List[str]) -> str:
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"...and {len(lines) - MAX_LINES} more.")
    return "\n".join(shown)


def _count(n: int, item_type: Optional[str]) -> str:
    return f"{n} {type_name(item_type, n)}"


def _or_list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_FIXED_WINDOWS = ("today", "tomorrow", "this week", "next week", "this month")


def describe_window(window: Window, today: dt.date) -> str:
    """How the reply names the window: the phrase when it is a plain one, else its dates."""
    phrase = " ".join(window.phrase.lower().split()).rstrip("?.!,")
    for filler in ("in ", "for ", "over ", "within ", "during ", "the "):
        if phrase.startswith(filler):
            phrase = phrase[len(filler):]
    if phrase in _FIXED_WINDOWS:
        return phrase
    if window.start == today:
        return f"by {say_date(window.end, today)}"
    return f"between {say_date(window.start, today)} and {say_date(window.end, today)}"


# --- who is asking, and about which child ---------------------------------------------


def unknown_worker_reply() -> Reply:
    return refusal(
        "unknown_worker",
        "I can only answer caseload questions for a worker in the case store, and I don't have you as one. "
        "Procedure questions still work: ask me about your council's guidance.",
    )


def not_found_reply(text: str) -> Reply:
    """The one reply for a child who does not exist *and* for one outside the asker's scope."""
    return refusal(
        "child_not_found",
        f'I can\'t find a child matching "{text.strip()}" on the cases you can see. '
        "Check the spelling, or give me their case reference.",
    )


def missing_child_reply() -> Reply:
    return clarify("missing_child", "Which child do you mean? Tell me their name or case reference.")


@dataclass(frozen=True)
class ResolvedChild:
    """A child the asker may see, with the cases (and histories) the asker may see."""

    child: ChildRecord
    cases: Tuple[CaseRecord, ...]

    @property
    def name(self) -> str:
        return self.child.display_name

    @property
    def open_cases(self) -> Tuple[CaseRecord, ...]:
        return tuple(c for c in self.cases if c.is_open)

    @property
    def main_case(self) -> CaseRecord:
        """The case a reply names: the newest open one, else the newest."""
        pool = self.open_cases or self.cases
        return max(pool, key=lambda c: (c.referral_date, c.case_id))

    def as_json(self) -> Dict[str, str]:
        return {"case_id": self.main_case.case_id, "child_id": self.child.child_id, "name": self.name}


def _option(child: ChildRecord, case_ids: Iterable[Tuple[str, dt.date, bool]]) -> Dict[str, str]:
    # prefer an open case, then the newest referral
    best = max(case_ids, key=lambda c: (c[2], c[1], c[0]))
    return {"case_id": best[0], "child_id": child.child_id, "name": child.display_name}


def ambiguous_reply(text: str, options: List[Dict[str, str]]) -> Reply:
    """Two or more children match: list them by name and case reference and ask which."""
    names = [f"{o['name']} (case {o['case_id']})" for o in options]
    return clarify(
        "ambiguous_child",
        f'More than one child matches "{text.strip()}": {_or_list(names)}. Which one do you mean?',
        options=options,
    )


_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def _words_of(text: str) -> List[str]:
    """Lower-case words with possessives dropped ("Amelia's" -> "amelia")."""
    return [re.sub(r"'s?$", "", w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


_POSSESSIVE = re.compile("['\u2019]s$")
# Capitalised words that may follow a child's first name without being a surname ("Is Amelia OK?").
_NOT_SURNAMES = frozenset(
    "a an and or but is was has had ok okay please thanks today tomorrow yesterday next this last now "
    "visit visits review reviews plan plans meeting case cin summary".split()
)


def _with_other_surname(text: str, cases: Sequence[Tuple[str, str, str]]) -> Optional[str]:
    """"Amelia Kite" when the asker's only Amelia is Amelia Kestrel: the name as typed, else None.

    A first name on the caseload followed by a capitalised word that is not
    the surname of any child of that first name names someone else; matching
    the first name alone would answer about the wrong child.
    """
    surnames: Dict[str, set] = {}
    for _, first, last in cases:
        surnames.setdefault(" ".join(_words_of(first)), set()).add(" ".join(_words_of(last)))
    for match in re.finditer(r"\b([A-Za-z][A-Za-z'\u2019-]*)(?=\s+([A-Z][a-z][A-Za-z'\u2019-]*))", text):
        first, after = match.group(1), match.group(2)
        known = surnames.get(" ".join(_words_of(first)))
        surname = " ".join(_words_of(after))
        if known and surname and surname not in known and surname not in _NOT_SURNAMES:
            return f"{first} {re.sub(_POSSESSIVE, '', after)}"
    return None


def caseload_rescue(
    store: Store, worker_id: str, text: str, today: dt.date, capitalised_only: bool, via: audit.Via = audit.CHAT,
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
    words = set(_words_of(text))
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


def mentioned_child(
    store: Store, scope: Scope, text: str, entity: Optional[str], first_names: bool = False,
    names: Optional[List[Tuple[str, str, str]]] = None,
) -> Optional[str]:
    """The child a message names, checked against the asker's own open cases.

    The NLU cannot know every child's name (training data holds no real
    names), so it may miss a name it never saw or catch only part of it
    ("Nadia" of "Nadia Hussain"). This looks in the message for a case
    reference or a full name on the asker's caseload, and, with
    ``first_names`` (questions that need a child), a first name; otherwise
    it keeps what the NLU found. Nothing outside the scope is ever matched.
    ``names`` is :meth:`Store.open_case_names` for the scope, when the caller has it.
    """
    words = _words_of(text)
    if not words:
        return entity
    joined = f" {' '.join(words)} "
    cases = store.open_case_names(scope) if names is None else names
    for case_id, _, _ in cases:
        if case_id.lower() in words:
            return case_id
    full = []
    for _, first, last in cases:
        name = " ".join(_words_of(f"{first} {last}"))
        if name and f" {name} " in joined and name not in full:
            full.append(name)
    if entity and entity.strip():
        wanted = " ".join(_words_of(entity))
        longer = [n for n in full if n.startswith(wanted) and n != wanted]
        if len(longer) == 1:
            return longer[0]
        return entity if full else _with_other_surname(text, cases) or entity
    if full:
        return full[0] if len(full) == 1 else None
    other = _with_other_surname(text, cases)
    if other:
        return other
    if first_names:
        firsts = {" ".join(_words_of(first)) for _, first, _ in cases}
        said = [f for f in firsts if f and f" {f} " in joined]
        if len(said) == 1:
            return said[0]
    return None


def resolve_child(
    store: Store, scope: Scope, text: Optional[str] = None, case_id: Optional[str] = None
) -> Union[ResolvedChild, Reply]:
    """The one child ``text`` (or ``case_id``) means within ``scope``, or the reply to send instead.

    A case id settles it directly. Otherwise a child id or case reference
    typed exactly wins over name matches; one match is the child; none is
    ``child_not_found``; several is ``ambiguous_child`` with the options.
    """
    if case_id and case_id.strip():
        found = store.cases([case_id.strip()], scope)
        if not found:
            return not_found_reply(case_id)
        return ResolvedChild(found[0].child, tuple(found))
    if not text or not text.strip():
        return missing_child_reply()
    matches = store.find_children(scope, text)
    needle = " ".join(text.split()).lower()
    exact = [
        m for m in matches
        if m.child.child_id.lower() == needle or any(c.case_id.lower() == needle for c in m.cases)
    ]
    if exact:
        matches = exact
    if not matches:
        return not_found_reply(text)
    if len(matches) > 1:
        options = [_option(m.child, [(c.case_id, c.referral_date, c.is_open) for c in m.cases]) for m in matches]
        return ambiguous_reply(text, options)
    match = matches[0]
    cases = tuple(store.cases([c.case_id for c in match.cases], scope))
    if not cases:  # gone between the two queries (closed cases are still returned)
        return not_found_reply(text)
    return ResolvedChild(match.child, cases)


# --- items ----------------------------------------------------------------------------


def _sort_key(item: OpenItem) -> Tuple[Any, ...]:
    return (item.due, item.child_name, item.case_id, item.item)


def current_items(cases: Iterable[CaseRecord], today: dt.date, wanted: Optional[FrozenSet[str]] = None) -> List[OpenItem]:
    """Every item open on the cases today, by due date; past one-off milestones left out (spec §2)."""
    loaded = policies()
    found = [
        item
        for case in cases
        for item in open_items(case, policy_for(case.authority_id, loaded), today)
        if not (item.one_off and item.due < today) and (wanted is None or item.item in wanted)
    ]
    return sorted(found, key=_sort_key)


def _no_item_text(child: ResolvedChild, item_type: Optional[str]) -> str:
    """Why there is no item to give: the guidance sets none (say so), or none is open now."""
    name = child.name
    if item_type is None:
        return f"Nothing is open for {name} under the loaded guidance at the moment."
    wanted = sorted(items_for(item_type) or ())
    loaded = policies()
    for case in child.open_cases:
        policy = policy_for(case.authority_id, loaded)
        unruled = [item for item in wanted if not policy.rules_for(item, case.category)]
        silences = [s for s in (policy.silent_on(item) for item in unruled) if s]
        if silences or len(unruled) == len(wanted):
            why = f" {' '.join(silences[0].note.split())}" if silences else ""
            return (
                f"{authority_name(case.authority_id)}'s loaded guidance sets no timescale for "
                f"{plural(TYPE_NAMES[item_type])}, so I can't give a date for {name}.{why}"
            )
    return (
        f"{name} has no {TYPE_NAMES[item_type]} open at the moment: its timescale has not started on "
        f"this case yet, or it has already been done."
    )


# --- the answer -----------------------------------------------------------------------


def _payload(
    kind: str, item_type: Optional[str], window: Optional[Window], child: Optional[ResolvedChild],
    items: Sequence[OpenItem], today: dt.date,
) -> Dict[str, Any]:
    return {
        "type": "due_items",
        "query": {
            "kind": kind,
            "item_type": item_type,
            "window": None if window is None else {"start": window.start.isoformat(), "end": window.end.isoformat()},
            "child": None if child is None else child.as_json(),
        },
        "items": [item.to_json(today) for item in items],
    }


def _closed_text(child: ResolvedChild) -> str:
    return f"{child.name}'s case ({child.main_case.case_id}) is closed, so nothing is due on it."


def _due_text(
    kind: str, who: str, item_type: Optional[str], window: Window, items: Sequence[OpenItem],
    today: dt.date, one_child: bool,
) -> str:
    overdue = [i for i in items if i.due < today]
    due = [i for i in items if i.due >= today]
    lines = [item_line(i, today, with_child=not one_child) for i in items]
    things = plural(type_name(item_type))
    if kind.endswith("overdue"):
        if not overdue:
            return f"{who} no {things} overdue."
        return f"{who} {_count(len(overdue), item_type)} overdue:\n" + _listing(lines)
    span = describe_window(window, today)
    if not items:
        return f"{who} no {things} due {span} and none overdue."
    if due and overdue:
        head = f"{who} {_count(len(due), item_type)} due {span} and {len(overdue)} overdue:"
    elif due:
        head = f"{who} {_count(len(due), item_type)} due {span} and nothing overdue:"
    else:
        head = f"{who} nothing due {span}, but {_count(len(overdue), item_type)} overdue:"
    return head + "\n" + _listing(lines)


def _next_text(child: ResolvedChild, item: OpenItem, today: dt.date) -> str:
    name, what, when = child.name, item_name(item.item), say_date(item.due, today)
    if item.due < today:
        head = f"{name}'s next {what} was due on {when} and is overdue"
    elif item.due == today:
        head = f"{name}'s next {what} is due today, {when}"
    else:
        head = f"{name}'s next {what} is due on {when}"
    return f"{head} {rule_note(item)}.{conflict_sentence(item)}"


def shown_case_ids(reply: Reply) -> List[str]:
    """The case ids a reply shows: its items' and its child's, or a clarifying question's options."""
    payload = reply.payload
    shown = [str(i["case_id"]) for i in payload.get("items") or () if i.get("case_id")]
    child = (payload.get("query") or {}).get("child") if payload.get("type") == "due_items" else None
    if child:
        shown.append(str(child["case_id"]))
    shown += [str(o["case_id"]) for o in payload.get("options") or () if isinstance(o, dict) and o.get("case_id")]
    return shown


def _record(store: Store, worker_id: str, request: CaseloadRequest, reply: Reply, listed: List[str], via: audit.Via) -> None:
    """The audit row for one chat question: what the reply says was asked, never the words."""
    query = (reply.payload.get("query") or {}) if reply.type == "due_items" else {}
    window = query.get("window")
    child = query.get("child")
    audit.record_query(
        store, worker_id, via, request.kind,
        outcome=audit.ANSWERED if reply.type == "due_items" else reply.reason or reply.type,
        case_ids=shown_case_ids(reply) + listed, item_type=query.get("item_type"),
        window=(dt.date.fromisoformat(window["start"]), dt.date.fromisoformat(window["end"])) if window else None,
        case_id=child["case_id"] if child else None,
    )


def answer_caseload(
    store: Store, worker_id: str, request: CaseloadRequest, today: dt.date, via: audit.Via = audit.CHAT,
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
    listed: List[str] = []
    reply = _answer(store, worker_id, request, today, listed)
    _record(store, worker_id, request, reply, listed, via)
    return reply


def _answer(store: Store, worker_id: str, request: CaseloadRequest, today: dt.date, listed: List[str]) -> Reply:
    """The reply to one caseload question (``listed`` collects case ids the text names beyond the payload).

    Kinds (docs/conversation.md): ``due`` (due in the window, default "this
    week", plus overdue), ``overdue``, ``team_due`` / ``team_overdue`` (a
    manager's team), ``next`` (a child's next item, of ``item_type`` if given),
    ``child_summary`` (everything open for a child), ``caseload`` (the asker's
    open cases and each one's next item). A child named on a due/overdue
    question narrows it to that child. An unknown ``kind`` is a programming
    error (ValueError); everything the worker can get wrong is a reply.
    """
    kind = request.kind
    try:
        scope = store.scope_for(worker_id)
    except UnknownWorkerError:
        return unknown_worker_reply()

    item_type: Optional[str] = None
    if request.text is not None:  # the chat: the words the worker used settle what the NLU missed
        item_type = find_item_type(request.item_type, request.text, kind)
        found = find_window_phrase(request.text, today)
        if found and not _readable(request.timeframe, today):
            request = dataclasses.replace(request, timeframe=found)
    elif request.item_type and request.item_type.strip():
        item_type = normalise_item_type(request.item_type)
        if item_type is None:
            names = [TYPE_NAMES[t] for t in ITEM_TYPES]
            return clarify(
                "unknown_item_type",
                f'I don\'t know "{request.item_type.strip()}" as something that falls due. '
                f"I can look up: {', '.join(names)}.",
                options=list(ITEM_TYPES),
            )
    wanted = items_for(item_type)

    if kind in TEAM_KINDS and not scope.is_manager:
        return refusal(
            "not_a_manager",
            "Team questions are for managers, and you're not set up as one. "
            "I can tell you what's due on your own caseload instead.",
        )

    named = request.child
    if kind != "caseload" and request.text and not (request.case_id and request.case_id.strip()):
        named = mentioned_child(store, scope, request.text, request.child, first_names=kind in CHILD_KINDS)
    request = dataclasses.replace(request, child=named)
    child: Optional[ResolvedChild] = None
    if kind != "caseload" and ((request.child and request.child.strip()) or (request.case_id and request.case_id.strip())):
        resolved = resolve_child(store, scope, request.child, request.case_id)
        if isinstance(resolved, Reply):
            return resolved
        child = resolved
    elif kind in CHILD_KINDS:
        return missing_child_reply()

    window: Optional[Window] = None
    if kind in ("due", "team_due"):
        try:
            window = caseload.window_for(request.timeframe, today)
        except TimeframeError:
            phrase = (request.timeframe or "").strip()
            return clarify(
                "bad_timeframe",
                f'I can\'t read "{phrase}" as a time window. Try one of: {", ".join(ACCEPTED_PHRASES)}.',
                accepted=list(ACCEPTED_PHRASES),
            )

    if child is not None and not child.open_cases:
        return Reply(_closed_text(child), _payload(kind, item_type, window, child, [], today))

    if kind in ("due", "overdue", "team_due", "team_overdue"):
        overdue_only = kind.endswith("overdue")
        counted = window or caseload.window_for(None, today)  # overdue ignores the window's end
        if child is not None:
            report = due_report(child.open_cases, today, counted, policies(), None, overdue_only)
            who = f"{child.name} has"
        elif kind in TEAM_KINDS:
            report = caseload.due_for_team(store, worker_id, today, counted, None, overdue_only, scope=scope)
            who = "Your team has"
        else:
            report = caseload.due_for_worker(store, worker_id, today, counted, None, overdue_only, scope=scope)
            who = "You have"
        items = [i for i in report.items if wanted is None or i.item in wanted]
        text = _due_text(kind, who, item_type, counted, items, today, one_child=child is not None)
        return Reply(text, _payload(kind, item_type, window, child, items, today))

    if kind == "next":
        assert child is not None
        candidates = current_items(child.open_cases, today, wanted)
        if not candidates:
            return Reply(_no_item_text(child, item_type), _payload(kind, item_type, None, child, [], today))
        first = candidates[0]
        return Reply(_next_text(child, first, today), _payload(kind, item_type, None, child, [first], today))

    if kind == "child_summary":
        assert child is not None
        items = current_items(child.open_cases, today, wanted)
        if not items:
            return Reply(_no_item_text(child, item_type), _payload(kind, item_type, None, child, [], today))
        head = f"{child.name} (case {child.main_case.case_id}) has {_count(len(items), item_type)} open:"
        lines = [item_line(i, today, with_child=False) for i in items]
        return Reply(head + "\n" + _listing(lines), _payload(kind, item_type, None, child, items, today))

    # kind == "caseload": the asker's own open cases, each with its next item
    cases = store.open_cases_for_worker(worker_id)
    listed.extend(c.case_id for c in cases)
    if not cases:
        return Reply("You have no open cases allocated to you.", _payload(kind, item_type, None, None, [], today))
    firsts: List[OpenItem] = []
    idle: List[CaseRecord] = []
    for case in cases:
        found = current_items([case], today, wanted)
        if found:
            firsts.append(found[0])
        else:
            idle.append(case)
    firsts.sort(key=_sort_key)
    lines = [
        f"- {i.child_name} ({i.case_id}): {item_name(i.item)} {_status_phrase(i, today)}{_conflict_mark(i.conflicts)}"
        for i in firsts
    ]
    nothing = f"no {TYPE_NAMES[item_type]} open" if item_type else "nothing open under the loaded guidance"
    lines += [f"- {c.child.display_name} ({c.case_id}): {nothing}" for c in sorted(idle, key=lambda c: c.case_id)]
    what = f"next {TYPE_NAMES[item_type]}" if item_type else "next item"
    head = f"You have {len(cases)} open case{'' if len(cases) == 1 else 's'}. The {what} on each:"
    return Reply(head + "\n" + _listing(lines), _payload(kind, item_type, None, None, firsts, today))

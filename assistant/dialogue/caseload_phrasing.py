"""How caseload answers are said: dates, item lines, windows, counts, and the reply's payload.

Written to be read on a phone or heard through the voice channel: short lines,
dates with the weekday, at most :data:`MAX_LINES` items read out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Sequence, Tuple

from assistant.dialogue.children import ResolvedChild
from assistant.domain.engine import OpenItem, policy_for
from assistant.domain.pending import NotComputed
from assistant.domain.phrasing import authority_name, rule_source, short_section
from assistant.domain.policy import Conflict
from assistant.domain.timeframe import Window
from assistant.domain.vocabulary import (
    ITEM_NAMES,
    TYPE_NAMES,
    item_name,
    items_for,
    plural,
    type_name,
)
from assistant.rules import policies

MAX_LINES = 8  # a spoken answer longer than this is not listened to


def sort_key(item: OpenItem) -> Tuple[Any, ...]:
    """The order items are listed in: by due date, then child and case."""
    return (item.due, item.child_name, item.case_id, item.item)


def say_date(day: dt.date, today: dt.date) -> str:
    """ "Thursday 26 November" (with the year when it is not this year's): easy to read aloud."""
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def conflict_mark(conflicts: Sequence[Conflict]) -> str:
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
    return f" Note: the guidance is not consistent here ({first.citation.section}): {first_sentence(first.note)}{extra}"


def rule_note(item: OpenItem) -> str:
    """ "(Medway: visits at least every 15 working days, 10.1)": where the date comes from."""
    rule = item.rule
    return f"({rule_source(rule.authority)}: {rule.rule}, {rule.citation.section})"


def status_phrase(item: OpenItem, today: dt.date) -> str:
    if item.due < today:
        return f"overdue, was due {say_date(item.due, today)}"
    if item.due == today:
        return f"due today, {say_date(item.due, today)}"
    return f"due {say_date(item.due, today)}"


def item_line(item: OpenItem, today: dt.date, with_child: bool = True) -> str:
    """One list line: "Amelia K: visit due Thursday 26 November"."""
    who = f"{item.child_name}: " if with_child else ""
    return f"- {who}{item_name(item.item)} {status_phrase(item, today)}{conflict_mark(item.conflicts)}"


def listing(lines: List[str]) -> str:
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"...and {len(lines) - MAX_LINES} more.")
    return "\n".join(shown)


def count_of(n: int, item_type: Optional[str]) -> str:
    return f"{n} {type_name(item_type, n)}"


_FIXED_WINDOWS = ("today", "tomorrow", "this week", "next week", "this month")


def describe_window(window: Window, today: dt.date) -> str:
    """How the reply names the window: the phrase when it is a plain one, else its dates."""
    phrase = " ".join(window.phrase.lower().split()).rstrip("?.!,")
    for filler in ("in ", "for ", "over ", "within ", "during ", "the "):
        if phrase.startswith(filler):
            phrase = phrase[len(filler) :]
    if phrase in _FIXED_WINDOWS:
        return phrase
    if window.start == today:
        return f"by {say_date(window.end, today)}"
    if window.start == window.end:  # "anything on fri": one day
        return f"on {say_date(window.start, today)}"
    return f"between {say_date(window.start, today)} and {say_date(window.end, today)}"


def no_item_text(child: ResolvedChild, item_type: Optional[str]) -> str:
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


def payload(
    kind: str,
    item_type: Optional[str],
    window: Optional[Window],
    child: Optional[ResolvedChild],
    items: Sequence[OpenItem],
    today: dt.date,
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


def not_computed_text(entries: Sequence[NotComputed]) -> str:
    """One line for the worker: what the list cannot hold yet for a newly added council, and who can fix it.

    The reasons themselves (with the commands that confirm a rule) are for whoever onboards the council;
    they travel in the payload's ``not_computed``.
    """
    if not entries:
        return ""
    by_council: Dict[str, List[str]] = {}
    for e in entries:
        what = plural(ITEM_NAMES.get(e.item, e.item)) if e.item else "anything beyond the statutory baseline"
        by_council.setdefault(authority_name(e.authority), []).append(what)
    said = "; ".join(f"{council}'s cases: {', '.join(sorted(set(w)))}" for council, w in sorted(by_council.items()))
    return (
        f"Not worked out yet for {said}. Their rules are drafted from the council's guidance but not yet "
        "confirmed, so no date is given rather than a guess; whoever looks after the assistant's set-up can "
        "confirm them."
    )


def closed_text(child: ResolvedChild) -> str:
    return f"{child.name}'s case ({child.main_case.case_id}) is closed, so nothing is due on it."


def due_text(
    kind: str,
    who: str,
    item_type: Optional[str],
    window: Window,
    items: Sequence[OpenItem],
    today: dt.date,
    one_child: bool,
) -> str:
    overdue = [i for i in items if i.due < today]
    due = [i for i in items if i.due >= today]
    lines = [item_line(i, today, with_child=not one_child) for i in items]
    things = plural(type_name(item_type))
    if kind.endswith("overdue"):
        if not overdue:
            return f"{who} no {things} overdue."
        return f"{who} {count_of(len(overdue), item_type)} overdue:\n" + listing(lines)
    span = describe_window(window, today)
    if not items:
        return f"{who} no {things} due {span} and none overdue."
    if due and overdue:
        head = f"{who} {count_of(len(due), item_type)} due {span} and {len(overdue)} overdue:"
    elif due:
        head = f"{who} {count_of(len(due), item_type)} due {span} and nothing overdue:"
    else:
        head = f"{who} nothing due {span}, but {count_of(len(overdue), item_type)} overdue:"
    return head + "\n" + listing(lines)


def next_text(child: ResolvedChild, item: OpenItem, today: dt.date) -> str:
    name, what, when = child.name, item_name(item.item), say_date(item.due, today)
    if item.due < today:
        head = f"{name}'s next {what} was due on {when} and is overdue"
    elif item.due == today:
        head = f"{name}'s next {what} is due today, {when}"
    else:
        head = f"{name}'s next {what} is due on {when}"
    return f"{head} {rule_note(item)}.{conflict_sentence(item)}"

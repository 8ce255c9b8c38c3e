"""Window phrases ("this week", "by Friday", "next 10 days") as date ranges (spec §5).

The command line's ``--window`` and the chat share this parser so the same words
always mean the same dates. Phrases it does not know are refused with the list
of phrases it does, rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Optional

from dateutil.relativedelta import relativedelta

from assistant.domain.durations import parse_number


@dataclass(frozen=True)
class Window:
    """The days from start to end, both included, and the phrase that asked for them."""

    start: date
    end: date  # inclusive
    phrase: str


class TimeframeError(ValueError):
    """A window phrase the assistant does not understand; the message lists those it does."""


ACCEPTED_PHRASES: tuple[str, ...] = (
    "today",
    "tomorrow",
    "this week",
    "next week",
    "this month",
    "next N days (e.g. next 7 days)",
    "by <weekday> (e.g. by Friday)",
    "a fortnight",
)

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
# Words people put in front of a window that do not change it:
# "for this week", "over the next 7 days", "within the next fortnight".
_LEADING = re.compile(r"^(?:(?:in|for|over|within|during|the)\s+)+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")  # "twenty-one" reads as "twenty one"
_NEXT_DAYS = re.compile(r"^next\s+(?P<count>.+?)\s+days?$")
_BY_DAY = re.compile(r"^by\s+(?P<day>[a-z]+)$")
_DAY = timedelta(days=1)


def _normalise(phrase: str) -> str:
    """Lower case, single spaces, no end punctuation, no leading filler words."""
    text = " ".join(_HYPHEN.sub(" ", phrase.lower()).split()).rstrip("?.!,")
    return _LEADING.sub("", text)


def _this_week(today: date) -> tuple[date, date]:
    """Today to Sunday."""
    return today, today + timedelta(days=6 - today.weekday())


def _next_week(today: date) -> tuple[date, date]:
    """The Monday after today to the Sunday after that."""
    monday = today + timedelta(days=7 - today.weekday())
    return monday, monday + timedelta(days=6)


def _this_month(today: date) -> tuple[date, date]:
    """Today to the last day of its month."""
    return today, today.replace(day=1) + relativedelta(months=1, days=-1)


def _days(today: date, count: int) -> tuple[date, date]:
    """Today and the count - 1 days after it."""
    return today, today + timedelta(days=count - 1)


_FIXED: dict[str, Callable[[date], tuple[date, date]]] = {
    "today": lambda today: (today, today),
    "tomorrow": lambda today: (today + _DAY, today + _DAY),
    "this week": _this_week,
    "next week": _next_week,
    "this month": _this_month,
    "a fortnight": lambda today: _days(today, 14),
    "fortnight": lambda today: _days(today, 14),
    "next fortnight": lambda today: _days(today, 14),
}


def _error(phrase: object, reason: str = "") -> TimeframeError:
    """An error naming the phrase and every phrase that would have worked."""
    why = f" ({reason})" if reason else ""
    return TimeframeError(f'cannot read the window "{phrase}"{why}; accepted phrases: ' + ", ".join(ACCEPTED_PHRASES))


def _bounds(phrase: str, today: date) -> Optional[tuple[date, date]]:
    """(start, end) for a phrase, None when it is not a window phrase."""
    text = _normalise(phrase)
    if text in _FIXED:
        return _FIXED[text](today)
    match = _NEXT_DAYS.match(text)
    if match:
        count = parse_number(match["count"])
        if count is None or count < 1:
            raise _error(phrase, "N must be a whole number of days, 1 or more")
        return _days(today, count)
    match = _BY_DAY.match(text)
    if match and match["day"] in _WEEKDAYS:
        ahead = (_WEEKDAYS[match["day"]] - today.weekday()) % 7  # 0 when today is that day
        return today, today + timedelta(days=ahead)
    return None


_DAY_NAMES = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_IN_TEXT = re.compile(
    r"\b(today|tomorrow|this week|next week|this month|(?:a |the next |next )?fortnight"
    r"|next [a-z0-9-]+(?: [a-z0-9-]+)? days?|by (?:" + _DAY_NAMES + r"))\b"
)


def find_window_phrase(text: str, today: date) -> Optional[str]:
    """The first window phrase in a whole message ("anything due by sunday?" -> "by sunday").

    The chat's entity extractor sometimes catches only part of a phrase ("by");
    the message itself is what the worker said, so the chat reads it here with
    the same parser. None when the message holds no phrase the parser accepts.
    """
    for match in _IN_TEXT.finditer(" ".join(_HYPHEN.sub(" ", text.lower()).split())):
        try:
            parse_window(match.group(1), today)
        except TimeframeError:
            continue
        return match.group(1)
    return None


def parse_window(phrase: str, today: date) -> Window:
    """The window a phrase names, counted from today; TimeframeError if unknown."""
    if not isinstance(phrase, str):
        raise _error(phrase)
    if isinstance(today, datetime):  # a datetime would leak times into the window
        today = today.date()
    try:
        bounds = _bounds(phrase, today)
    except OverflowError:
        raise _error(phrase, "that runs past the end of the calendar") from None
    if bounds is None:
        raise _error(phrase)
    start, end = bounds
    return Window(start=start, end=end, phrase=phrase.strip())

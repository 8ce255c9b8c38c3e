"""The day of a visit from the worker's words: "today", "on Monday", "3rd of nov", "20/11/2026".

Visits are in the past, so a day without a year is counted back from today
(:func:`parse_visit_date`); words that are not a day the assistant can be sure
of raise :class:`VisitDateError`, whose message says what works.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional


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
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|lunchtime)$")  # "yesterday evening": the day counts


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
    words = _PART_OF_DAY.sub("", _LEADING.sub("", words))
    if words in ("today", "this", "earlier today"):  # "this" as left of "this morning"
        return today
    if words == "yesterday":
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


__all__ = ["SOON_AHEAD_DAYS", "VisitDateError", "parse_visit_date"]

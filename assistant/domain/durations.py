"""Durations as guidance writes them, and the due dates they give (spec §1).

Guidance says "15 working days", "6-weekly", "at least every two months",
"yearly"... :func:`parse_duration` reads those into a :class:`Duration` (keeping
the phrase for display and citation) and :func:`due_date` turns an anchor date
plus a duration into the date the item is due. Anything that is not clearly a
duration is refused rather than guessed: a wrong timescale is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, Optional, get_args

from dateutil.relativedelta import relativedelta

from assistant.domain.calendar import WorkingCalendar, england_calendar

Unit = Literal["working_days", "days", "weeks", "months"]
UNITS: tuple[str, ...] = get_args(Unit)


@dataclass(frozen=True)
class Duration:
    """An amount of a unit, with the phrase it was read from."""

    amount: int
    unit: Unit
    phrase: str  # the phrase as written, kept for display


class DurationError(ValueError):
    """A phrase that is not a duration the assistant can compute with."""


# A hyphen joining two words ("6-weekly", "forty-five") reads as a space; a leading
# minus ("-3 days") does not, so negative amounts are refused rather than flipped.
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")

# -- numbers -----------------------------------------------------------------------
_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def parse_number(text: str) -> Optional[int]:
    """Digits or English number words up to ninety-nine ("6", "six", "forty-five").

    Returns None when the text is not a number, so callers can say what they expected.
    """
    words = _HYPHEN.sub(" ", text.strip().lower()).split()
    if len(words) == 1 and words[0].isascii() and words[0].isdigit():
        return int(words[0])
    if len(words) == 1:
        return _ONES.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS and words[1] in _ONES and 0 < _ONES[words[1]] < 10:
        return _TENS[words[0]] + _ONES[words[1]]
    return None


# -- phrases -----------------------------------------------------------------------
# Words around a duration that do not change it: "within 10 working days",
# "at least every 6 weeks", "a minimum of 3-weekly".
_LEADING = re.compile(r"^(?:(?:within|at\s+least|every|a\s+minimum\s+of|minimum\s+of|no\s+later\s+than)\s+)+")
# A unit word, possibly plural or "-ly", mapped to (unit, multiplier).
_UNIT_WORDS: dict[str, tuple[Unit, int]] = {
    "working day": ("working_days", 1),
    "working days": ("working_days", 1),
    "day": ("days", 1),
    "days": ("days", 1),
    "calendar day": ("days", 1),
    "calendar days": ("days", 1),
    "week": ("weeks", 1),
    "weeks": ("weeks", 1),
    "weekly": ("weeks", 1),
    "fortnight": ("weeks", 2),
    "fortnights": ("weeks", 2),
    "fortnightly": ("weeks", 2),
    "month": ("months", 1),
    "months": ("months", 1),
    "monthly": ("months", 1),
    "quarterly": ("months", 3),
    "year": ("months", 12),
    "years": ("months", 12),
    "yearly": ("months", 12),
    "annual": ("months", 12),
    "annually": ("months", 12),
}
# Words that stand alone ("yearly", "every month", "a fortnight"); plurals need a count.
_ALONE = {
    "working day",
    "day",
    "calendar day",
    "week",
    "weekly",
    "fortnight",
    "fortnightly",
    "month",
    "monthly",
    "quarterly",
    "year",
    "yearly",
    "annual",
    "annually",
}
# Words that take a count ("6 weeks", "6-weekly", "2 years"); "12 annual" means nothing.
_COUNTABLE = set(_UNIT_WORDS) - {"fortnightly", "quarterly", "annual", "annually"}
_UNIT_PATTERN = "|".join(sorted((re.escape(w) for w in _COUNTABLE), key=len, reverse=True))
_COUNTED = re.compile(rf"^(?P<count>.+?)\s+(?P<unit>{_UNIT_PATTERN})$")


def _normalise(phrase: str) -> str:
    """Lower case, hyphens as spaces, single spaces, no end punctuation or filler words."""
    text = " ".join(_HYPHEN.sub(" ", phrase.lower()).split()).rstrip(".,;:")
    return _LEADING.sub("", text)


def _error(phrase: object) -> DurationError:
    """An error that quotes the phrase and shows what would have been understood."""
    return DurationError(
        f'cannot read a duration from "{phrase}"; expected something like '
        '"15 working days", "7 days", "6-weekly", "a fortnight", "3 months" or "yearly"'
    )


def parse_duration(phrase: str) -> Duration:
    """Read a duration as guidance writes it; raise DurationError for anything else."""
    if not isinstance(phrase, str):
        raise _error(phrase)
    text = _normalise(phrase)
    amount_unit = _read(text)
    if amount_unit is None:
        raise _error(phrase)
    amount, unit = amount_unit
    return Duration(amount=amount, unit=unit, phrase=phrase.strip())


def _read(text: str) -> Optional[tuple[int, Unit]]:
    """(amount, unit) for a normalised phrase, or None when it is not a duration."""
    article, _, rest = text.partition(" ")
    if article in ("a", "an") and rest in _ALONE:
        text = rest  # "a fortnight", "a year" -> one of them
    if text in _ALONE:  # "yearly", "fortnightly", "annual", "monthly"
        unit, per = _UNIT_WORDS[text]
        return per, unit
    match = _COUNTED.match(text)
    if match is None:
        return None
    count = parse_number(match["count"])
    if count is None or count < 1:  # a zero cadence would make everything due daily
        return None
    unit, per = _UNIT_WORDS[match["unit"]]
    return count * per, unit


# -- due dates ---------------------------------------------------------------------
@lru_cache(maxsize=1 << 16)
def _add_months(anchor: date, n: int) -> date:
    """anchor + n calendar months (31 Jan + 1 = 28/29 Feb), memoised: relativedelta is slow
    and a caseload reuses the same anchors and cadences over and over."""
    return anchor + relativedelta(months=n)


def due_date(anchor: date, duration: Duration, calendar: Optional[WorkingCalendar] = None) -> date:
    """The date an item is due: anchor plus duration, per spec §1.

    Working days count working days, so the result is one already. Calendar
    units (days, weeks, months) land where they land and, if that is a weekend
    or bank holiday, are brought forward to the working day before: early is
    compliant, late is not.
    """
    cal = calendar if calendar is not None else england_calendar()
    unit, amount = duration.unit, duration.amount
    if unit == "working_days":
        return cal.add_working_days(anchor, amount)
    if unit == "days":
        raw = anchor + timedelta(days=amount)
    elif unit == "weeks":
        raw = anchor + timedelta(days=7 * amount)
    elif unit == "months":
        raw = _add_months(anchor, amount)
    else:
        raise ValueError(f"unknown duration unit {unit!r}; expected one of {', '.join(UNITS)}")
    return cal.on_or_before(raw)

"""Window phrases ("this week", "by Friday", "before the end of the month") as date ranges (spec §5).

The command line's ``--window`` and the chat share this parser so the same words
always mean the same dates. A window is counted from today and includes both
ends. Phrases it does not know are refused with a list of those it does, rather
than guessed at; a date that does not exist ("31 November", "30/02") is refused
as such (:class:`NoSuchDateError`), never moved to a nearby day.

The phrases, as workers say them (today Wednesday 25 November 2026):

- ``today``, ``tomorrow``, ``today and tomorrow``;
- ``this week``, ``the rest of the week``, ``(by / up to / before) the end of the week``: to Sunday 29;
  ``before the weekend``: to Friday 27; ``next week``: Monday 30 to Sunday 6 December;
  ``this week and next``, ``by the end of next week``: to Sunday 6 December;
- ``this month``, ``(by / before) the end of the month``: to the 30th; ``next month``; ``in December``;
  ``(by) the end of the year``: to 31 December; ``before Christmas``: to Christmas Eve;
- ``the week after next``: Monday 7 to Sunday 13 December; ``the week of the 14th`` (``w/c 14/12``): that week;
  ``this side of the weekend``: as ``before the weekend``;
- ``next N days``, ``next N weeks``, ``a fortnight``, ``the next couple of weeks``: N days (7N), today first;
  ``the next few days``: three days, today first; ``the rest of January``: to the 31st;
- ``off from Saturday``, ``on leave from Monday``: up to the day before the worker goes;
- ``by / before / until / between now and Friday``: to Friday 27; ``by next Friday``: to Friday 4 December;
- ``Monday``, ``on Monday``, ``next Monday``: that one day; ``on the 3rd of December``, ``3/12``: that day;
  ``by the 3rd``: to that day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, List, Optional, Tuple

from dateutil.relativedelta import relativedelta

from assistant.domain.calendar import england_calendar
from assistant.domain.durations import parse_number


@dataclass(frozen=True)
class Window:
    """The days from start to end, both included, and the phrase that asked for them."""

    start: date
    end: date  # inclusive
    phrase: str


class TimeframeError(ValueError):
    """A window phrase the assistant does not understand; the message lists those it does."""


class NoSuchDateError(TimeframeError):
    """A date that is not in the calendar ("31 November", "29/02/2027"): said so, never guessed at."""


ACCEPTED_PHRASES: Tuple[str, ...] = (
    "today",
    "tomorrow",
    "this week",
    "next week",
    "this month",
    "next N days (e.g. next 7 days)",
    "next N weeks",
    "by <weekday> (e.g. by Friday)",
    "a fortnight",
    "by the end of the month",
    "in <month> (e.g. in December)",
    "on <date> (e.g. on 3 December)",
    "between <date> and <date> (e.g. between 1 and 10 December)",
)

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# How people type the words of a window in a hurry.
_TYPOS = {
    "thsi": "this", "tihs": "this", "ths": "this", "nxt": "next", "nexy": "next", "wk": "week", "wks": "weeks",
    "weeek": "week", "tmrw": "tomorrow", "tmrow": "tomorrow", "tmoz": "tomorrow", "tomorow": "tomorrow",
    "tommorow": "tomorrow", "tommorrow": "tomorrow", "2moro": "tomorrow", "2day": "today", "tday": "today",
    "2nite": "tonight", "frday": "friday", "fridy": "friday", "mnth": "month", "mth": "month", "fortnite": "fortnight",
    "til": "till", "untill": "until", "b4": "before", "eow": "end of the week", "eom": "end of the month",
    "w/c": "week commencing", "wc": "week commencing", "eoy": "end of the year", "chrimbo": "christmas",
}  # fmt: skip
_DAY = timedelta(days=1)
_DAY_NAMES = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
# A weekday said alone counts only in full: "sat" and "wed" are words too ("i sat with mum").
_FULL_DAY_NAMES = "|".join(name for name in _WEEKDAYS if len(name) > 5)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER = r"(?:\d{1,3}|[a-z]+(?: [a-z]+)?)"
_UPTO = r"(?:by|before|until|till|up to|up until|no later than|between now and|from now (?:until|till) )"
_THIS = r"(?:the|this)"
# Words people put in front of a window that do not change it: "for this week", "over the next 7 days".
_LEADING = re.compile(r"^(?:(?:in|for|over|within|during|the|coming|on|due|is|are)\s+)+")

Bounds = Tuple[date, date]


def _sunday(day: date) -> date:
    return day + timedelta(days=6 - day.weekday())


def _month_end(day: date) -> date:
    return day.replace(day=1) + relativedelta(months=1, days=-1)


def _weekday_on_or_after(today: date, weekday: int, next_week: bool) -> date:
    """The weekday's next date (today counts); with ``next_week`` its date in the Monday-Sunday week after this."""
    if next_week:
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _count(text: str, phrase: str) -> int:
    if text in ("a", "an", "one"):
        return 1
    if text in ("a couple of", "couple of", "a couple", "couple"):
        return 2
    if text in ("a few", "few"):
        return 3  # "the next few days": today and the two after
    n = parse_number(text)
    if n is None or n < 1:
        raise TimeframeError(_message(phrase, "N must be a whole number, 1 or more"))
    return n


def _real_date(year: int, month: int, day: int, phrase: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise NoSuchDateError(
            f'"{phrase}" is not a date in the calendar ({day} {_month_name(month)} {year} does not exist)'
        ) from None


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else f"month {month}"


def _day_month(day: int, month: int, year: Optional[int], today: date, phrase: str) -> date:
    """A day and month (and year if given); without a year, the next such date from today."""
    if not 1 <= month <= 12:
        raise NoSuchDateError(f'"{phrase}" is not a date in the calendar (there is no month {month})')
    if year is not None:
        return _real_date(year if year >= 100 else 2000 + year, month, day, phrase)
    if day > 31 or day < 1 or (month in (4, 6, 9, 11) and day > 30) or (month == 2 and day > 29):
        raise NoSuchDateError(f'"{phrase}" is not a date in the calendar ({_month_name(month)} has no day {day})')
    for year_ahead in (today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4):
        try:
            found = date(year_ahead, month, day)
        except ValueError:
            continue  # 29 February outside a leap year: the next leap year's
        if found >= today or (year_ahead == today.year and month == today.month):
            return found
    raise NoSuchDateError(f'"{phrase}" is not a date in the calendar')


# --------------------------------------------------------------------------- the grammar

_DATE_DM = rf"(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<month>{_MONTH_NAMES})(?: (?P<year>\d{{4}}))?"
_DATE_MD = rf"(?P<month2>{_MONTH_NAMES}) (?:the )?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<year2>\d{{4}}))?"
_DATE_NUM = r"(?P<nd>\d{1,2})/(?P<nm>\d{1,2})(?:/(?P<ny>\d{2,4}))?"
_DATE_ORD = r"the (?P<oday>\d{1,2})(?:st|nd|rd|th)"


def _date_of(m: "re.Match[str]", today: date, phrase: str) -> date:
    """The date a matched date expression names (see the _DATE_* patterns)."""
    g = m.groupdict()
    if g.get("day"):
        return _day_month(int(g["day"]), _MONTHS[g["month"]], int(g["year"]) if g.get("year") else None, today, phrase)
    if g.get("day2"):
        year = int(g["year2"]) if g.get("year2") else None
        return _day_month(int(g["day2"]), _MONTHS[g["month2"]], year, today, phrase)
    if g.get("nd"):
        year = int(g["ny"]) if g.get("ny") else None
        return _day_month(int(g["nd"]), int(g["nm"]), year, today, phrase)
    day = int(g["oday"])  # "the 3rd": this month's, or next month's when it has passed
    month_start = today.replace(day=1)
    for ahead in range(0, 3):
        first = month_start + relativedelta(months=ahead)
        try:
            found = first.replace(day=day)
        except ValueError:
            raise NoSuchDateError(f'"{phrase}" is not a date in the calendar ({first:%B} has no day {day})') from None
        if found >= today:
            return found
    raise NoSuchDateError(f'"{phrase}" is not a date in the calendar')


_ANY_DATE = rf"(?:{_DATE_DM}|{_DATE_MD}|{_DATE_NUM}|{_DATE_ORD})"

#: "between 1 and 10 december", "from the 29th of feb to 10 march 2027": the first date takes the second's
#: month and year when it does not give its own.
_DATE_RANGE = (
    rf"(?:between|from) (?:the )?(?P<ad>\d{{1,2}})(?:st|nd|rd|th)?(?: (?:of )?(?P<am>{_MONTH_NAMES}))?"
    rf"(?: (?P<ay>\d{{4}}))? (?:and|to|until|till|-) (?:the )?(?P<bd>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? "
    rf"(?P<bm>{_MONTH_NAMES})(?: (?P<by>\d{{4}}))?"
)


def _date_range(m: "re.Match[str]", today: date, phrase: str) -> Bounds:
    """Both ends of a range of dates; the first end borrows what it leaves out from the second."""
    end = _day_month(int(m["bd"]), _MONTHS[m["bm"]], int(m["by"]) if m["by"] else None, today, phrase)
    month = _MONTHS[m["am"]] if m["am"] else end.month
    year = int(m["ay"]) if m["ay"] else end.year if (month, int(m["ad"])) <= (end.month, end.day) else end.year - 1
    start = _real_date(year, month, int(m["ad"]), phrase)
    if start > end:
        raise NoSuchDateError(f'"{phrase}" ends before it starts ({start:%-d %B %Y} is after {end:%-d %B %Y})')
    return start, end


Rule = Tuple["re.Pattern[str]", Callable[["re.Match[str]", date, str], Bounds]]


def _rule(pattern: str, make: Callable[["re.Match[str]", date, str], Bounds]) -> Rule:
    return re.compile(pattern), make


_RULES: List[Rule] = [
    _rule(r"today and tomorrow|today or tomorrow", lambda m, t, p: (t, t + _DAY)),
    _rule(  # "today to sunday basically"
        rf"(?:from )?today (?:to|till|until|through|thru|-) (?P<wd>{_DAY_NAMES})",
        lambda m, t, p: (t, _weekday_on_or_after(t, _WEEKDAYS[m["wd"]], False)),
    ),
    _rule(r"today|tonight|this morning|this afternoon|this evening|right now", lambda m, t, p: (t, t)),
    _rule(r"tomorrow", lambda m, t, p: (t + _DAY, t + _DAY)),
    _rule(
        rf"this week and next(?: week)?|this and next week|(?:{_UPTO} |to )?the end of next week|end of next week",
        lambda m, t, p: (t, _sunday(t) + timedelta(days=7)),
    ),
    _rule(
        rf"(?:the )?rest of {_THIS} week|(?:{_UPTO} |to )?(?:the )?end of (?:{_THIS} )?week|this week",
        lambda m, t, p: (t, _sunday(t)),
    ),
    _rule(
        r"(?:before|by) the weekend|(?:this|that) side of the weekend",
        lambda m, t, p: (t, max(t, _weekday_on_or_after(t, 4, False))),
    ),
    _rule(
        r"(?:the )?week after next", lambda m, t, p: (_sunday(t) + timedelta(days=8), _sunday(t) + timedelta(days=14))
    ),
    _rule(
        rf"(?:the )?week (?:of|commencing|beginning|starting) (?:(?:mon|monday) )?(?:the )?(?P<date>{_ANY_DATE})",
        lambda m, t, p: _week_of(_date_of(m, t, p)),
    ),
    _rule(r"(?:this |the )?weekend", lambda m, t, p: _weekend(t)),
    _rule(r"next week", lambda m, t, p: (_sunday(t) + _DAY, _sunday(t) + timedelta(days=7))),
    _rule(
        rf"(?:the )?rest of {_THIS} month|(?:{_UPTO} |to )?(?:the )?end of (?:{_THIS} )?month|this month",
        lambda m, t, p: (t, _month_end(t)),
    ),
    _rule(
        rf"(?:the )?rest of {_THIS} year|(?:{_UPTO} |to )?(?:the )?end of (?:{_THIS} )?year|this year"
        rf"|(?:{_UPTO} )(?:the )?new year",
        lambda m, t, p: (t, date(t.year, 12, 31)),
    ),
    _rule(rf"(?:{_UPTO} |to )(?:christmas|xmas|crimbo)(?: eve)?", lambda m, t, p: (t, _christmas_eve(t))),
    _rule(
        rf"(?:{_UPTO} |to )?(?:the )?(?:end|rest) of (?P<mname>{_MONTH_NAMES})(?! \d)",
        lambda m, t, p: (t, _named_month(m, t)[1]),
    ),
    _rule(r"next month", lambda m, t, p: _next_month(t)),
    _rule(rf"(?:in|during|for|this|over) (?P<mname>{_MONTH_NAMES})(?! \d)", lambda m, t, p: _named_month(m, t)),
    _rule(
        rf"(?:the )?(?:next|coming) (?P<n>a couple of|couple of|a few|few|{_NUMBER}) days?"
        rf"|(?P<n2>\d{{1,3}}) days? from (?:now|today)",
        lambda m, t, p: (t, t + timedelta(days=_count(m["n"] or m["n2"], p) - 1)),
    ),
    _rule(  # "the next 10 working days": today is the first when it is one
        rf"(?:the )?(?:next|coming) (?P<n>a couple of|couple of|{_NUMBER}) (?:working|work|business) days?",
        lambda m, t, p: (t, _working_days_from(t, _count(m["n"], p))),
    ),
    _rule(
        rf"(?:the )?(?:next|coming) (?P<n>a couple of|couple of|{_NUMBER}) weeks?"
        rf"|(?P<n2>\d{{1,2}}|{_NUMBER}) weeks? (?:look ?ahead|ahead)",
        lambda m, t, p: (t, t + timedelta(days=7 * _count(m["n"] or m["n2"], p) - 1)),
    ),
    _rule(
        rf"(?:{_UPTO} |to )(?:the )?half[- ]?term(?: holidays?| break)?",
        lambda m, t, p: (t, max(t, _half_term(t) - timedelta(days=3))),
    ),
    _rule(r"(?:a |the |the next |next |the coming )?fortnight", lambda m, t, p: (t, t + timedelta(days=13))),
    _rule(
        rf"(?:from |between )?(?P<next>next )?(?P<wd>{_DAY_NAMES}) (?:to|till|until|through|thru|and) "
        rf"(?P<wd2>{_DAY_NAMES})",
        lambda m, t, p: _weekdays(m, t),
    ),
    _rule(
        rf"(?:{_UPTO} )(?:(?P<wd>{_DAY_NAMES}) week|a week (?:on |from )?(?P<wd_on>{_DAY_NAMES}))",
        lambda m, t, p: (t, _weekday_on_or_after(t, _WEEKDAYS[m["wd"] or m["wd_on"]], False) + timedelta(days=7)),
    ),
    _rule(
        rf"(?P<wd>{_FULL_DAY_NAMES}) week|a week (?:on |from )?(?P<wd_on>{_DAY_NAMES})",
        lambda m, t, p: (_weekday_on_or_after(t, _WEEKDAYS[m["wd"] or m["wd_on"]], False) + timedelta(days=7),) * 2,
    ),
    _rule(  # "i'm off from saturday", "on leave from monday": the days before the worker goes
        rf"(?:off|away|on leave|on annual leave|off sick|out of (?:the )?office) (?:from|on|after) "
        rf"(?:(?P<next>next )|this )?(?P<wd>{_DAY_NAMES})",
        lambda m, t, p: (t, max(t, _weekday_on_or_after(t, _WEEKDAYS[m["wd"]], bool(m["next"])) - _DAY)),
    ),
    _rule(  # "before i go on leave friday": the day the worker is away from
        rf"before (?:i|i'm|im|we) [a-z' ]{{1,30}}? (?:on )?(?P<wd>{_FULL_DAY_NAMES})",
        lambda m, t, p: (t, _weekday_on_or_after(t, _WEEKDAYS[m["wd"]], False)),
    ),
    _rule(
        rf"(?:{_UPTO} )(?:the end of )?(?:this )?(?P<next>next )?(?P<wd>{_DAY_NAMES})",
        lambda m, t, p: (t, _weekday_on_or_after(t, _WEEKDAYS[m["wd"]], bool(m["next"]))),
    ),
    _rule(rf"(?:{_UPTO} )(?P<date>{_ANY_DATE})", lambda m, t, p: (t, max(t, _date_of(m, t, p)))),
    _rule(_DATE_RANGE, _date_range),
    _rule(
        rf"(?:(?:on |(?P<next>next )|this )(?P<wd>{_DAY_NAMES})|(?P<wd_full>{_FULL_DAY_NAMES}))"
        rf"(?: (?P<date>{_ANY_DATE}))?",
        lambda m, t, p: _one_weekday(m, t, p),
    ),
    _rule(rf"(?:on )?(?P<date>{_ANY_DATE})", lambda m, t, p: (_date_of(m, t, p),) * 2),
]


def _working_days_from(today: date, n: int) -> date:
    """The last of ``n`` working days counted from today (today the first when it is a working day)."""
    calendar = england_calendar()
    return calendar.add_working_days(today, n - 1 if calendar.is_working_day(today) else n)


def _half_term(today: date) -> date:
    """The Monday the next school half term starts, after today, as England's schools mostly keep them: the week
    of the third Monday in February, of the late May bank holiday (the last Monday in May), and of the last
    Monday in October. A council's own term dates may differ by a week; the reply says the window's dates."""

    def nth_monday(year: int, month: int, n: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))

    def last_monday(year: int, month: int) -> date:
        end = _month_end(date(year, month, 1))
        return end - timedelta(days=end.weekday())

    starts = sorted(
        day
        for year in (today.year, today.year + 1)
        for day in (nth_monday(year, 2, 3), last_monday(year, 5), last_monday(year, 10))
    )
    return next(day for day in starts if day > today)


def _week_of(day: date) -> Bounds:
    """The Monday-to-Sunday week a day falls in ("the week of the 14th")."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _christmas_eve(today: date) -> date:
    """ "Before Christmas": up to Christmas Eve, this year's or, after it, next year's."""
    eve = date(today.year, 12, 24)
    return eve if today <= eve else date(today.year + 1, 12, 24)


def _weekend(today: date) -> Bounds:
    saturday = _weekday_on_or_after(today, 5, False) if today.weekday() != 6 else today
    return max(today, saturday), _sunday(today)


def _next_month(today: date) -> Bounds:
    first = today.replace(day=1) + relativedelta(months=1)
    return first, _month_end(first)


def _named_month(m: "re.Match[str]", today: date) -> Bounds:
    month = _MONTHS[m["mname"]]
    if month == today.month:
        return today, _month_end(today)
    year = today.year if month > today.month else today.year + 1
    first = date(year, month, 1)
    return first, _month_end(first)


def _weekdays(m: "re.Match[str]", today: date) -> Bounds:
    """ "wednesday to friday": from the first day's next date to the second day on or after it."""
    start = _weekday_on_or_after(today, _WEEKDAYS[m["wd"]], bool(m["next"]))
    return start, _weekday_on_or_after(start, _WEEKDAYS[m["wd2"]], False)


def _one_weekday(m: "re.Match[str]", today: date, phrase: str) -> Bounds:
    weekday = _WEEKDAYS[m["wd"] or m["wd_full"]]
    day = _weekday_on_or_after(today, weekday, bool(m["next"]))
    if m["date"]:  # "friday 4th december": the two must agree
        dated = _date_of(m, today, phrase)
        if dated.weekday() != weekday:
            raise NoSuchDateError(f'"{phrase}" does not add up: {dated:%-d %B %Y} is a {dated:%A}')
        day = dated
    return day, day


def _normalise(phrase: str) -> str:
    """Lower case, single spaces, typos mended, no end punctuation, no leading filler words."""
    text = phrase.lower().replace("\u2019", "'").replace("'s ", " ")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = re.sub(r"[?!,;:]+", " ", text)
    words = [_TYPOS.get(w, w) for w in text.split()]
    return " ".join(" ".join(words).split()).rstrip(".")


def _message(phrase: object, reason: str = "") -> str:
    why = f" ({reason})" if reason else ""
    return f'cannot read the window "{phrase}"{why}; accepted phrases: ' + ", ".join(ACCEPTED_PHRASES)


def _error(phrase: object, reason: str = "") -> TimeframeError:
    """An error naming the phrase and every phrase that would have worked."""
    return TimeframeError(_message(phrase, reason))


def _full_match(text: str, today: date, phrase: str) -> Optional[Bounds]:
    for pattern, make in _RULES:
        if pattern.fullmatch(text):
            return make(pattern.fullmatch(text), today, phrase)  # type: ignore[arg-type]
    return None


def parse_window(phrase: str, today: date) -> Window:
    """The window a phrase names, counted from today; TimeframeError if unknown (NoSuchDateError: no such date)."""
    if not isinstance(phrase, str):
        raise _error(phrase)
    if isinstance(today, datetime):  # a datetime would leak times into the window
        today = today.date()
    text = _normalise(phrase)
    try:
        bounds = _full_match(text, today, phrase) or _full_match(_LEADING.sub("", text), today, phrase)
    except OverflowError:
        raise _error(phrase, "that runs past the end of the calendar") from None
    if bounds is None:
        raise _error(phrase)
    start, end = bounds
    return Window(start=start, end=end, phrase=phrase.strip())


_TIME_WORDS = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted({*_WEEKDAYS, *_MONTHS, *_TYPOS}, key=len, reverse=True))
    + r"|days?|weeks?|weekend|fortnight|months?|years?|today|tonight|tomorrow|yesterday|now|soon|end|next|this|last|"
    r"morning|afternoon|evening)\b",
    re.IGNORECASE,
)


def mentions_time(phrase: str) -> bool:
    """Whether a phrase says anything about time at all (a day, a date, a period; "on Daisy's case" does not)."""
    return bool(_TIME_WORDS.search(phrase))


def find_window_phrase(text: str, today: date) -> Optional[str]:
    """The window phrase in a whole message ("anything coming up before friday?" -> "before friday").

    The longest phrase the grammar reads, leftmost first; the phrase as the
    normalised message has it, so :func:`parse_window` reads it the same way.
    A date that does not exist raises :class:`NoSuchDateError` (the chat says
    so). None when the message holds no window. A question put first is read first: "anything due next
    week? got training tues and weds" asks about next week; the days after the question mark are its context.
    """
    question, mark, after = text.partition("?")
    if mark and after.strip() and _ASKING.search(_normalise(question)):
        first = find_window_phrase(question, today)
        if first:
            return first
    normalised = _normalise(text)
    spans = {
        (m.start(), m.end())
        for pattern, _ in _RULES
        for m in pattern.finditer(normalised)
        if _on_word_edges(normalised, m.start(), m.end())
    }
    asked = _ASKING.search(normalised)
    asked_at = asked.start() if asked else 0
    # the window the question asks about before one said as its context ("off wednesday, what's due by monday");
    # after a question word, the first said ("the next five days", not "in court thursday and friday" told after
    # it); then the longest ("came in on friday - does it need doing by this friday"), then the leftmost

    def order(span: Tuple[int, int]) -> Tuple[bool, int, int, int]:
        start, end = span
        return (start < asked_at, start if asked and start >= asked_at else 0, start - end, start)

    for start, end in sorted(spans, key=order):
        found = normalised[start:end]
        try:
            parse_window(found, today)
        except NoSuchDateError:
            raise  # said now, never taken for another day
        except TimeframeError:
            continue  # "next few days": not a window this parser reads
        return found
    return None


#: Where the question itself begins, after any context said first ("back on monday, anything due this week").
_ASKING = re.compile(r"\b(?:what|whats|what's|anything|which|have i got|do i have|is there)\b")


def impossible_date(text: str, today: date) -> Optional[str]:
    """Why a date in the message is not in the calendar ("31 November"), or None when every date is real."""
    normalised = _with_years_said(_normalise(text), today)
    for m in re.finditer(_DATE_RANGE, normalised):
        try:
            _date_range(m, today, m.group(0))
        except NoSuchDateError as exc:
            return str(exc)
    for m in re.finditer(_ANY_DATE, normalised):
        if not _on_word_edges(normalised, m.start(), m.end()):
            continue
        try:
            _date_of(m, today, m.group(0))
        except NoSuchDateError as exc:
            return str(exc)
    return None


_YEAR_SAID = rf"((?:{_MONTH_NAMES})(?: (?:the )?\d{{1,2}}(?:st|nd|rd|th)?)?) (this|next|last) year\b"
_YEARS_AHEAD = {"this": 0, "next": 1, "last": -1}


def _with_years_said(text: str, today: date) -> str:
    """ "29 feb this year" as "29 feb 2027": a year said in words belongs to the date before it."""
    return re.sub(_YEAR_SAID, lambda m: f"{m.group(1)} {today.year + _YEARS_AHEAD[m.group(2)]}", text)


def _on_word_edges(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


__all__ = [
    "ACCEPTED_PHRASES",
    "NoSuchDateError",
    "TimeframeError",
    "Window",
    "find_window_phrase",
    "impossible_date",
    "mentions_time",
    "parse_window",
]

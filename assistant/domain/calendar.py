"""Working days in England: Monday to Friday minus England's bank holidays (spec §1).

Bank holidays come from the ``holidays`` package (UK, subdivision ENG), which
knows substitute days such as "Boxing Day (observed)" and one-off holidays, so
no list is kept here. Years are loaded lazily the first time a date in them is
asked about, which keeps far-future reviews (2028, 2035...) correct.

Due-date arithmetic runs about a million times in the benchmark, so holidays
are held as plain date sets per year and working-day counts are done with
weekday arithmetic plus a bisect over the sorted holidays, not a day-by-day walk.
"""

from __future__ import annotations

import bisect
import threading
from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "GB"
SUBDIVISION = "ENG"

_WEEK = timedelta(days=7)
_ONE_DAY = timedelta(days=1)


def _weekdays_up_to(ordinal: int) -> int:
    """Mon-Fri days among ordinals 1..ordinal; ordinal 1 (1 Jan 0001) is a Monday."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _weekdays_after(d: date, n: int) -> date:
    """The nth Mon-Fri day strictly after d (n >= 1), ignoring bank holidays."""
    if d.weekday() > 4:  # from a weekend, count as if from the Friday before
        d -= timedelta(days=d.weekday() - 4)
    weeks, rest = divmod(n, 5)
    step = rest + 2 if d.weekday() + rest > 4 else rest  # hop the weekend
    return d + weeks * _WEEK + timedelta(days=step)


def _weekdays_before(d: date, n: int) -> date:
    """The nth Mon-Fri day strictly before d (n >= 1), ignoring bank holidays."""
    if d.weekday() > 4:  # from a weekend, count as if from the Monday after
        d += timedelta(days=7 - d.weekday())
    weeks, rest = divmod(n, 5)
    step = rest + 2 if d.weekday() - rest < 0 else rest
    return d - weeks * _WEEK - timedelta(days=step)


class WorkingCalendar:
    """Mon-Fri minus England bank holidays, for any year (lazily extends years)."""

    def __init__(self) -> None:
        self._names: dict[int, dict[date, str]] = {}
        self._closed: set[date] = set()  # bank holidays of every loaded year
        self._weekday_holidays: list[date] = []  # sorted; only these cost a working day
        self._lock = threading.Lock()

    # -- loading -----------------------------------------------------------------
    def _load(self, year: int) -> None:
        """Fetch one year's bank holidays once; later calls are set look-ups."""
        with self._lock:
            if year in self._names:
                return
            source = holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year)
            names = {d: name for d, name in source.items() if d.year == year}
            self._closed.update(names)
            self._weekday_holidays = sorted(set(self._weekday_holidays) | {d for d in names if d.weekday() < 5})
            self._names[year] = names

    def _ensure(self, first: date, last: date) -> None:
        """Make sure every year from first to last is loaded."""
        if first.year in self._names and last.year in self._names and abs(last.year - first.year) < 2:
            return
        for year in range(min(first.year, last.year), max(first.year, last.year) + 1):
            if year not in self._names:
                self._load(year)

    def _holidays_in(self, after: date, upto: date) -> int:
        """Weekday bank holidays in (after, upto]."""
        self._ensure(after, upto)
        found = self._weekday_holidays
        return bisect.bisect_right(found, upto) - bisect.bisect_right(found, after)

    # -- public ------------------------------------------------------------------
    def bank_holidays(self, year: int) -> dict[date, str]:
        """England's bank holidays in a year, weekend ones included, by date."""
        if year not in self._names:
            self._load(year)
        return dict(self._names[year])

    def is_working_day(self, d: date) -> bool:
        """Monday to Friday and not a bank holiday."""
        if d.year not in self._names:
            self._load(d.year)
        return d.weekday() < 5 and d not in self._closed

    def add_working_days(self, d: date, n: int) -> date:
        """The nth working day strictly after d; n == 0 returns d; n < 0 counts backwards.

        Jumps n weekdays, then as many more as the bank holidays it crossed, until
        a jump crosses none: a few bisects instead of walking every day.
        """
        if n == 0:
            return d
        if n < 0:
            return self._subtract_working_days(d, -n)
        lo, result = d, _weekdays_after(d, n)
        missing = self._holidays_in(lo, result)
        while missing:
            lo, result = result, _weekdays_after(result, missing)
            missing = self._holidays_in(lo, result)
        return result

    def _subtract_working_days(self, d: date, n: int) -> date:
        """The nth working day strictly before d (n >= 1)."""
        hi, result = d, _weekdays_before(d, n)
        # holidays in [result, hi) == holidays in (result - 1 day, hi - 1 day]
        missing = self._holidays_in(result - _ONE_DAY, hi - _ONE_DAY)
        while missing:
            hi, result = result, _weekdays_before(result, missing)
            missing = self._holidays_in(result - _ONE_DAY, hi - _ONE_DAY)
        return result

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (the count in (end, start]) when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        weekdays = _weekdays_up_to(end.toordinal()) - _weekdays_up_to(start.toordinal())
        return weekdays - self._holidays_in(start, end)

    def previous_working_day(self, d: date) -> date:
        """The latest working day strictly before d."""
        return self.on_or_before(d - _ONE_DAY)

    def on_or_before(self, d: date) -> date:
        """d if it is a working day, else the one before: deadlines move earlier, never later.

        Steps back a day at a time: non-working runs are at most a few days long.
        """
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d


@lru_cache(maxsize=1)
def england_calendar() -> WorkingCalendar:
    """The shared calendar, so every caller reuses the same loaded holiday sets."""
    return WorkingCalendar()

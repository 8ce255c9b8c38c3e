"""England working days: hand-checked dates around bank holidays, then the laws.

Every hand-checked date below was worked out on a calendar and its bank holidays
confirmed against the ``holidays`` package (GB, subdiv ENG, version 0.86).
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain.calendar import WorkingCalendar, england_calendar

CAL = england_calendar()

# --- the bank holidays themselves --------------------------------------------------


def test_2026_bank_holidays_include_easter_and_boxing_day_substitute() -> None:
    # 2026: Good Friday 3 Apr and Easter Monday 6 Apr (Easter Sunday 5 Apr);
    # Christmas is a Friday, Boxing Day a Saturday, so Monday 28 Dec is its substitute.
    assert CAL.bank_holidays(2026) == {
        date(2026, 1, 1): "New Year's Day",
        date(2026, 4, 3): "Good Friday",
        date(2026, 4, 6): "Easter Monday",
        date(2026, 5, 4): "May Day",
        date(2026, 5, 25): "Spring Bank Holiday",
        date(2026, 8, 31): "Late Summer Bank Holiday",
        date(2026, 12, 25): "Christmas Day",
        date(2026, 12, 26): "Boxing Day",
        date(2026, 12, 28): "Boxing Day (observed)",
    }


def test_2027_christmas_and_boxing_day_both_move_off_the_weekend() -> None:
    # 2027: Christmas Saturday 25 Dec, Boxing Day Sunday 26 Dec -> Mon 27 and Tue 28 off.
    hols = CAL.bank_holidays(2027)
    assert hols[date(2027, 12, 27)] == "Christmas Day (observed)"
    assert hols[date(2027, 12, 28)] == "Boxing Day (observed)"
    # Easter 2027 is 28 March: Good Friday 26 March, Easter Monday 29 March.
    assert hols[date(2027, 3, 26)] == "Good Friday"
    assert hols[date(2027, 3, 29)] == "Easter Monday"


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2026, 4, 2), True),  # Thursday before Easter
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 7), True),  # Tuesday after Easter
        (date(2026, 5, 4), False),  # Early May bank holiday (first Monday in May)
        (date(2026, 5, 25), False),  # Spring bank holiday (last Monday in May)
        (date(2026, 8, 31), False),  # Summer bank holiday (last Monday in August)
        (date(2026, 12, 26), False),  # Boxing Day, a Saturday
        (date(2026, 12, 28), False),  # Monday substitute for Boxing Day
        (date(2026, 12, 29), True),
        (date(2027, 12, 27), False),  # Monday substitute for Christmas Day
        (date(2027, 12, 28), False),  # Tuesday substitute for Boxing Day
        (date(2027, 12, 29), True),
        (date(2026, 11, 21), False),  # an ordinary Saturday
        (date(2026, 11, 22), False),  # an ordinary Sunday
        (date(2026, 11, 23), True),  # an ordinary Monday
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


# --- adding and counting working days -----------------------------------------------


@pytest.mark.parametrize(
    "start, n, expected",
    [
        # Thu 2 Apr 2026 + 1: Fri 3 Good Friday, Sat, Sun, Mon 6 Easter Monday -> Tue 7 Apr.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Wed 1 Apr 2026 + 5: Thu 2 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
        (date(2026, 4, 1), 5, date(2026, 4, 10)),
        # Thu 25 Mar 2027 + 1: Fri 26 Good Friday, weekend, Mon 29 Easter Monday -> Tue 30 Mar.
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        # Fri 1 May 2026 + 1: weekend, Mon 4 May early May bank holiday -> Tue 5 May.
        (date(2026, 5, 1), 1, date(2026, 5, 5)),
        # Fri 22 May 2026 + 1: weekend, Mon 25 May spring bank holiday -> Tue 26 May.
        (date(2026, 5, 22), 1, date(2026, 5, 26)),
        # Fri 28 Aug 2026 + 1: weekend, Mon 31 Aug summer bank holiday -> Tue 1 Sep.
        (date(2026, 8, 28), 1, date(2026, 9, 1)),
        # Thu 24 Dec 2026 + 1: Fri 25 Christmas, weekend, Mon 28 Boxing Day (observed) -> Tue 29.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Thu 31 Dec 2026 + 1: Fri 1 Jan 2027 New Year's Day, weekend -> Mon 4 Jan 2027.
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        # Fri 24 Dec 2027 + 1: weekend, Mon 27 and Tue 28 substitutes -> Wed 29 Dec 2027.
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        # Fri 31 Dec 2027 + 1: Sat 1 Jan 2028 New Year, weekend, Mon 3 Jan substitute -> Tue 4 Jan.
        (date(2027, 12, 31), 1, date(2028, 1, 4)),
        # Assessment, 45 working days from referral on Mon 16 Nov 2026:
        # 45 weekdays is exactly 9 weeks -> Mon 18 Jan 2027, but 25 Dec, 28 Dec and 1 Jan
        # are bank holidays in between, so three more: Tue 19, Wed 20, Thu 21 Jan 2027.
        (date(2026, 11, 16), 45, date(2027, 1, 21)),
        # From a Saturday: Sat 21 Nov 2026 + 1 -> Mon 23 Nov.
        (date(2026, 11, 21), 1, date(2026, 11, 23)),
        # Far future, 2035: Easter Sunday 25 Mar, so Thu 22 Mar + 1 skips Fri 23 and Mon 26.
        (date(2035, 3, 22), 1, date(2035, 3, 27)),
    ],
)
def test_add_working_days_skips_weekends_and_bank_holidays(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_add_zero_working_days_is_the_same_day_even_at_a_weekend() -> None:
    saturday = date(2026, 11, 21)
    assert CAL.add_working_days(saturday, 0) == saturday


def test_negative_working_days_count_backwards_over_easter() -> None:
    # Tue 7 Apr 2026 - 1: Mon 6 Easter Monday, weekend, Fri 3 Good Friday -> Thu 2 Apr.
    assert CAL.add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)
    # Wed 29 Dec 2027 - 2: Tue 28, Mon 27 substitutes, weekend -> Fri 24 (1), Thu 23 (2).
    assert CAL.add_working_days(date(2027, 12, 29), -2) == date(2027, 12, 23)


def test_working_days_between_counts_the_half_open_interval() -> None:
    # (Thu 2 Apr, Tue 7 Apr 2026] holds only Tue 7 as a working day.
    assert CAL.working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1
    assert CAL.working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == -1
    assert CAL.working_days_between(date(2026, 4, 7), date(2026, 4, 7)) == 0
    # (Fri 24 Dec, Fri 31 Dec 2027]: Mon 27, Tue 28 off -> Wed 29, Thu 30, Fri 31.
    assert CAL.working_days_between(date(2027, 12, 24), date(2027, 12, 31)) == 3


def test_previous_working_day_and_on_or_before() -> None:
    # Before Tue 7 Apr 2026 come Easter Monday, the weekend and Good Friday: Thu 2 Apr.
    assert CAL.previous_working_day(date(2026, 4, 7)) == date(2026, 4, 2)
    # Easter Monday itself is not a working day, so it is brought forward to Thu 2 Apr.
    assert CAL.on_or_before(date(2026, 4, 6)) == date(2026, 4, 2)
    # A working day stays where it is.
    assert CAL.on_or_before(date(2026, 4, 7)) == date(2026, 4, 7)
    # Tue 28 Dec 2027 (substitute) -> back over Mon 27 and the weekend to Fri 24 Dec.
    assert CAL.on_or_before(date(2027, 12, 28)) == date(2027, 12, 24)


def test_a_fresh_calendar_knows_a_far_future_year_first_asked() -> None:
    cal = WorkingCalendar()
    # 2040: Easter Sunday is 1 April, so Good Friday 30 March is not a working day.
    assert not cal.is_working_day(date(2040, 3, 30))
    # Christmas 2038 is a Saturday: Mon 27 and Tue 28 Dec 2038 are substitutes.
    assert cal.add_working_days(date(2038, 12, 24), 1) == date(2038, 12, 29)


def test_england_calendar_is_shared() -> None:
    assert england_calendar() is england_calendar()


# --- laws, checked against a day-by-day walk over the holidays package -------------

_ORACLE_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(1989, 2078))


def _oracle_working(d: date) -> bool:
    """Independent of the code under test: weekday and not in the package's holidays."""
    return d.weekday() < 5 and d not in _ORACLE_HOLIDAYS


def _oracle_add(d: date, n: int) -> date:
    """The nth working day after d by walking one day at a time."""
    step = timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        d += step
        left -= _oracle_working(d)
    return d


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2075, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@given(dates)
def test_is_working_day_agrees_with_the_holidays_package(d: date) -> None:
    assert CAL.is_working_day(d) is _oracle_working(d)


@given(dates, st.integers(min_value=-400, max_value=400))
def test_add_working_days_agrees_with_a_day_by_day_walk(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) == _oracle_add(d, n)


@given(dates, st.integers(min_value=1, max_value=400))
def test_add_working_days_lands_on_a_working_day_after_d(d: date, n: int) -> None:
    result = CAL.add_working_days(d, n)
    assert result > d
    assert CAL.is_working_day(result)


@given(dates, counts)
def test_working_days_between_undoes_add_working_days(d: date, n: int) -> None:
    assert CAL.working_days_between(d, CAL.add_working_days(d, n)) == n


@given(dates, dates)
def test_working_days_between_agrees_with_counting_and_is_antisymmetric(a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    if (end - start).days > 800:  # keep the day-by-day count quick
        end = start + timedelta(days=800)
    expected = sum(_oracle_working(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
    assert CAL.working_days_between(start, end) == expected
    assert CAL.working_days_between(end, start) == -expected


@given(dates, counts, counts)
def test_add_working_days_is_monotonic_in_n(d: date, m: int, n: int) -> None:
    low, high = sorted((m, n))
    assert CAL.add_working_days(d, low) <= CAL.add_working_days(d, high)
    if low < high:
        assert CAL.add_working_days(d, low) < CAL.add_working_days(d, high)


@given(dates)
def test_on_or_before_is_the_latest_working_day_not_after_d(d: date) -> None:
    result = CAL.on_or_before(d)
    assert result <= d
    assert CAL.is_working_day(result)
    # nothing between it and d is a working day
    assert all(not CAL.is_working_day(result + timedelta(days=i)) for i in range(1, (d - result).days + 1))


@settings(max_examples=50)
@given(dates)
def test_previous_working_day_is_strictly_before_and_working(d: date) -> None:
    result = CAL.previous_working_day(d)
    assert result < d
    assert CAL.is_working_day(result)
    assert CAL.working_days_between(result, d) == (1 if CAL.is_working_day(d) else 0)

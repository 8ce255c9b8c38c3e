"""Durations as guidance writes them, and the due dates they give (spec §1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from assistant.domain.calendar import england_calendar
from assistant.domain.durations import Duration, DurationError, due_date, parse_duration

CAL = england_calendar()

# --- reading phrases ----------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, amount, unit",
    [
        ("15 working days", 15, "working_days"),
        ("10 working days", 10, "working_days"),
        ("45 working days", 45, "working_days"),
        ("within 10 working days", 10, "working_days"),
        ("at least every 15 working days", 15, "working_days"),
        ("forty-five working days", 45, "working_days"),
        ("10 days", 10, "days"),
        ("7 days", 7, "days"),
        ("90 days", 90, "days"),
        ("every 90 days", 90, "days"),
        ("2 weeks", 2, "weeks"),
        ("4 weeks", 4, "weeks"),
        ("12 weeks", 12, "weeks"),
        ("a fortnight", 2, "weeks"),
        ("6-weekly", 6, "weeks"),
        ("6 weekly", 6, "weeks"),
        ("every 6 weeks", 6, "weeks"),
        ("at least every 6 weeks", 6, "weeks"),
        ("3-weekly", 3, "weeks"),
        ("12-weekly", 12, "weeks"),
        ("twelve-weekly", 12, "weeks"),
        ("a minimum of 3-weekly", 3, "weeks"),
        ("3 months", 3, "months"),
        ("3-monthly", 3, "months"),
        ("3 monthly", 3, "months"),
        ("6-monthly", 6, "months"),
        ("six monthly", 6, "months"),
        ("two months", 2, "months"),
        ("every two months", 2, "months"),
        ("at least every two months", 2, "months"),
        ("6 months", 6, "months"),
        ("yearly", 12, "months"),
        ("annual", 12, "months"),
        ("annually", 12, "months"),
        ("12 months", 12, "months"),
        # case, spacing and hyphens do not matter
        ("  At Least Every  Six-Weekly ", 6, "weeks"),
        ("WITHIN 15 WORKING-DAYS", 15, "working_days"),
    ],
)
def test_parse_duration_reads_guidance_phrasing(phrase: str, amount: int, unit: str) -> None:
    assert parse_duration(phrase) == Duration(amount=amount, unit=unit, phrase=phrase.strip())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "word, number",
    [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
    ],
)
def test_number_words_up_to_twelve(word: str, number: int) -> None:
    assert parse_duration(f"{word} weeks").amount == number


def test_the_phrase_is_kept_as_written_for_display() -> None:
    assert parse_duration("At least every 6 weeks").phrase == "At least every 6 weeks"


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "soon",
        "6",  # a number without a unit
        "weeks",  # a unit without a number
        "15 working",
        "0 days",  # a zero cadence
        "every other week",
        "6 weeks 3 days",
        "12 annual",
        "regularly",
        "as soon as possible",
        "-3 days",
    ],
)
def test_parse_duration_refuses_what_it_cannot_read(phrase: str) -> None:
    with pytest.raises(DurationError) as raised:
        parse_duration(phrase)
    assert f'"{phrase}"' in str(raised.value)


def test_duration_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_duration("fortnightish")


# --- due dates ----------------------------------------------------------------------


def _due(anchor: date, phrase: str) -> date:
    return due_date(anchor, parse_duration(phrase))


def test_working_days_skip_christmas_and_new_year() -> None:
    # Medway visit, 15 working days from Thu 17 Dec 2026: Fri 18 (1), Mon 21-Thu 24 (2-5),
    # Fri 25 and Mon 28 are bank holidays, Tue 29-Thu 31 (6-8), Fri 1 Jan holiday,
    # Mon 4-Fri 8 Jan (9-13), Mon 11 (14), Tue 12 Jan 2027 (15).
    assert _due(date(2026, 12, 17), "at least every 15 working days") == date(2027, 1, 12)


def test_ten_working_days_over_easter() -> None:
    # Assessment completed Wed 1 Apr 2026; initial meeting within 10 working days:
    # Thu 2 (1), [Good Friday, weekend, Easter Monday], Tue 7-Fri 10 (2-5), Mon 13-Thu 16 (6-9), Fri 17 (10).
    assert _due(date(2026, 4, 1), "within 10 working days") == date(2026, 4, 17)


def test_days_landing_on_christmas_day_are_brought_forward() -> None:
    # Camden first home visit within 7 days of a referral on Fri 18 Dec 2026:
    # raw date Fri 25 Dec is Christmas Day -> Thu 24 Dec.
    assert _due(date(2026, 12, 18), "7 days") == date(2026, 12, 24)


def test_days_landing_on_a_saturday_are_brought_forward() -> None:
    # Kent plan circulation within 10 days of a meeting on Wed 2 Dec 2026: Sat 12 Dec -> Fri 11 Dec.
    assert _due(date(2026, 12, 2), "within 10 days") == date(2026, 12, 11)


def test_weeks_landing_on_easter_monday_go_back_before_good_friday() -> None:
    # 6-weekly review after Mon 23 Feb 2026: + 42 days = Mon 6 Apr 2026, Easter Monday;
    # the weekend and Good Friday 3 Apr are not working days either -> Thu 2 Apr.
    assert _due(date(2026, 2, 23), "6-weekly") == date(2026, 4, 2)


def test_a_fortnight_on_a_working_day_is_exactly_fourteen_days() -> None:
    # Tue 10 Nov 2026 + 14 days = Tue 24 Nov 2026, an ordinary working day.
    assert _due(date(2026, 11, 10), "a fortnight") == date(2026, 11, 24)


def test_month_end_clamps_to_the_end_of_february() -> None:
    # 31 Jan 2026 + 1 month = 28 Feb 2026, a Saturday -> Fri 27 Feb 2026.
    assert _due(date(2026, 1, 31), "1 month") == date(2026, 2, 27)
    # 31 Jan 2028 + 1 month = 29 Feb 2028 (leap year), a Tuesday: stays.
    assert _due(date(2028, 1, 31), "1 month") == date(2028, 2, 29)


def test_thirty_november_plus_three_months_in_leap_and_common_years() -> None:
    # 30 Nov 2027 + 3 months = 29 Feb 2028 (leap), a Tuesday: stays.
    assert _due(date(2027, 11, 30), "3-monthly") == date(2028, 2, 29)
    # 30 Nov 2026 + 3 months = 28 Feb 2027, a Sunday -> Fri 26 Feb 2027.
    assert _due(date(2026, 11, 30), "3 months") == date(2027, 2, 26)


def test_yearly_landing_on_a_substitute_bank_holiday() -> None:
    # Yearly from Tue 28 Dec 2026 -> Tue 28 Dec 2027, Boxing Day (observed);
    # Mon 27 is Christmas Day (observed), then the weekend -> Fri 24 Dec 2027.
    assert _due(date(2026, 12, 28), "yearly") == date(2027, 12, 24)


def test_far_future_review_skips_that_years_easter() -> None:
    # 2035: Easter Sunday 25 Mar. Monthly from Mon 26 Feb 2035 -> Mon 26 Mar 2035,
    # Easter Monday; weekend and Good Friday 23 Mar too -> Thu 22 Mar 2035.
    assert _due(date(2035, 2, 26), "every month") == date(2035, 3, 22)
    # 6-monthly from Wed 26 Jun 2030 -> Thu 26 Dec 2030, Boxing Day -> Tue 24 Dec 2030.
    assert _due(date(2030, 6, 26), "6-monthly") == date(2030, 12, 24)


def test_due_date_rejects_an_unknown_unit() -> None:
    with pytest.raises(ValueError):
        due_date(date(2026, 1, 1), Duration(3, "fortnights", "3 fortnights"))  # type: ignore[arg-type]


# --- laws -----------------------------------------------------------------------------

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2075, 12, 31))
calendar_units = st.builds(
    lambda amount, unit: Duration(amount, unit, f"{amount} {unit}"),
    st.integers(min_value=1, max_value=120),
    st.sampled_from(["days", "weeks", "months"]),
)


def _raw(anchor: date, duration: Duration) -> date:
    """The plain arithmetic of spec §1, before bringing forward."""
    if duration.unit == "days":
        return anchor + timedelta(days=duration.amount)
    if duration.unit == "weeks":
        return anchor + timedelta(weeks=duration.amount)
    return anchor + relativedelta(months=duration.amount)


@given(dates, calendar_units)
def test_calendar_unit_due_dates_are_never_late_and_at_most_four_days_early(anchor: date, duration: Duration) -> None:
    raw = _raw(anchor, duration)
    due = due_date(anchor, duration)
    # Early is compliant, late is not; the longest run of non-working days in England is
    # four (Good Friday to Easter Monday, or a weekend Christmas with two substitutes).
    assert raw - timedelta(days=4) <= due <= raw
    assert CAL.is_working_day(due)
    if CAL.is_working_day(raw):
        assert due == raw


@given(dates, st.integers(min_value=1, max_value=120))
def test_working_day_due_dates_count_exactly_n_working_days(anchor: date, n: int) -> None:
    due = due_date(anchor, Duration(n, "working_days", f"{n} working days"))
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(anchor, due) == n

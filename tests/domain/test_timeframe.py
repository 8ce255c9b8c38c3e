"""Window phrases as date ranges (spec §5), shared by the chat and the CLI."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.domain.timeframe import ACCEPTED_PHRASES, TimeframeError, Window, mentions_time, parse_window

MONDAY = date(2026, 11, 23)  # the spec's example "today": Mon 23 Nov 2026
SATURDAY = date(2026, 11, 28)
SUNDAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    "phrase, start, end",
    [
        ("today", MONDAY, MONDAY),
        ("tomorrow", date(2026, 11, 24), date(2026, 11, 24)),
        # the spec's example window for "this week" on Monday 23 Nov: 23-29 Nov
        ("this week", MONDAY, date(2026, 11, 29)),
        ("next week", date(2026, 11, 30), date(2026, 12, 6)),
        # November has 30 days
        ("this month", MONDAY, date(2026, 11, 30)),
        # today and the 6 days after
        ("next 7 days", MONDAY, date(2026, 11, 29)),
        ("next seven days", MONDAY, date(2026, 11, 29)),
        ("next 1 day", MONDAY, MONDAY),
        ("next twenty-one days", MONDAY, date(2026, 12, 13)),
        ("next 10 days", MONDAY, date(2026, 12, 2)),
        # "a few" is three: today and the two after (as two blind evaluation writers read it)
        ("the next few days", MONDAY, date(2026, 11, 25)),
        # the worker goes on leave on Saturday: what falls before then
        ("off from saturday", MONDAY, date(2026, 11, 27)),
        ("on leave from next monday", MONDAY, date(2026, 11, 29)),
        ("the rest of november", MONDAY, date(2026, 11, 30)),
        ("by this friday", MONDAY, date(2026, 11, 27)),
        # Monday to Friday of the same week
        ("by friday", MONDAY, date(2026, 11, 27)),
        ("by Fri", MONDAY, date(2026, 11, 27)),
        ("by wednesday", MONDAY, date(2026, 11, 25)),
        ("by sunday", MONDAY, date(2026, 11, 29)),
        # by the weekday that is today: just today
        ("by monday", MONDAY, MONDAY),
        # a fortnight = next 14 days: 23 Nov to 6 Dec
        ("a fortnight", MONDAY, date(2026, 12, 6)),
        # the way people say them
        ("over the next 7 days", MONDAY, date(2026, 11, 29)),
        ("in the next 10 days", MONDAY, date(2026, 12, 2)),
        ("for this week", MONDAY, date(2026, 11, 29)),
        ("  This   WEEK ", MONDAY, date(2026, 11, 29)),
        ("this week?", MONDAY, date(2026, 11, 29)),
    ],
)
def test_window_phrases_on_a_monday(phrase: str, start: date, end: date) -> None:
    assert parse_window(phrase, MONDAY) == Window(start=start, end=end, phrase=phrase.strip())


@pytest.mark.parametrize(
    "phrase, start, end",
    [
        ("before christmas", MONDAY, date(2026, 12, 24)),
        ("between now and xmas", MONDAY, date(2026, 12, 24)),
        ("by the end of the year", MONDAY, date(2026, 12, 31)),
        ("end of the year", MONDAY, date(2026, 12, 31)),
        ("before the new year", MONDAY, date(2026, 12, 31)),
        ("this year", MONDAY, date(2026, 12, 31)),
        ("end of month", MONDAY, date(2026, 11, 30)),
        ("by end of week", MONDAY, date(2026, 11, 29)),
        ("the week after next", date(2026, 12, 7), date(2026, 12, 13)),
        ("the week of the 9th of december", date(2026, 12, 7), date(2026, 12, 13)),
        ("w/c 30/11", date(2026, 11, 30), date(2026, 12, 6)),
        ("week commencing 30 november", date(2026, 11, 30), date(2026, 12, 6)),
        ("this side of the weekend", MONDAY, date(2026, 11, 27)),
    ],
)
def test_windows_named_by_the_calendar_a_worker_lives_in(phrase: str, start: date, end: date) -> None:
    assert parse_window(phrase, MONDAY) == Window(start=start, end=end, phrase=phrase.strip())


def test_before_christmas_after_christmas_is_next_years() -> None:
    assert parse_window("before christmas", date(2026, 12, 28)).end == date(2027, 12, 24)


def test_this_week_on_a_sunday_is_just_today() -> None:
    assert parse_window("this week", SUNDAY) == Window(SUNDAY, SUNDAY, "this week")


def test_next_week_on_a_sunday_starts_tomorrow() -> None:
    assert parse_window("next week", SUNDAY) == Window(date(2026, 11, 30), date(2026, 12, 6), "next week")


def test_by_friday_on_a_saturday_means_the_coming_friday() -> None:
    # This week's Friday has gone, so Sat 28 Nov to Fri 4 Dec.
    assert parse_window("by friday", SATURDAY) == Window(SATURDAY, date(2026, 12, 4), "by friday")


def test_this_month_at_the_end_of_a_leap_february() -> None:
    assert parse_window("this month", date(2028, 2, 10)).end == date(2028, 2, 29)
    assert parse_window("this month", date(2027, 2, 10)).end == date(2027, 2, 28)


def test_this_month_on_new_years_eve_is_one_day() -> None:
    assert parse_window("this month", date(2026, 12, 31)) == Window(
        date(2026, 12, 31), date(2026, 12, 31), "this month"
    )


def test_tomorrow_crosses_a_year_end() -> None:
    assert parse_window("tomorrow", date(2026, 12, 31)).start == date(2027, 1, 1)


def test_a_datetime_for_today_still_gives_dates() -> None:
    window = parse_window("this week", datetime(2026, 11, 23, 15, 30))
    assert window == Window(MONDAY, SUNDAY, "this week")
    assert type(window.start) is date


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "yesterday",
        "last week",
        "next 0 days",
        "next -3 days",
        "next several days",
        "by funday",
        "next week please",
        "soon",
        "by",
    ],
)
def test_unknown_phrases_are_refused_with_the_accepted_list(phrase: str) -> None:
    with pytest.raises(TimeframeError) as raised:
        parse_window(phrase, MONDAY)
    message = str(raised.value)
    assert f'"{phrase}"' in message
    for accepted in (
        "today",
        "tomorrow",
        "this week",
        "next week",
        "this month",
        "next N days",
        "by <weekday>",
        "a fortnight",
    ):
        assert accepted in message


def test_accepted_phrases_cover_the_spec() -> None:
    # each phrase in the list parses (placeholders filled in)
    for accepted in ACCEPTED_PHRASES:
        example = (
            accepted.split(" (")[0]
            .replace("N", "3")
            .replace("<weekday>", "friday")
            .replace("<month>", "december")
            .replace("<date>", "3 december")
        )
        parse_window(example, MONDAY)


# --- laws -----------------------------------------------------------------------------

todays = st.dates(min_value=date(1990, 1, 1), max_value=date(2075, 12, 31))
weekday_names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
today_anchored = st.one_of(
    st.sampled_from(["today", "this week", "this month", "a fortnight"]),
    st.integers(min_value=1, max_value=400).map(lambda n: f"next {n} days"),
    st.sampled_from(weekday_names).map(lambda day: f"by {day}"),
)


@given(todays, today_anchored)
def test_today_anchored_windows_start_today(today: date, phrase: str) -> None:
    window = parse_window(phrase, today)
    assert window.start == today <= window.end
    assert (window.end - window.start).days < 400


@given(todays, st.integers(min_value=1, max_value=400))
def test_next_n_days_holds_exactly_n_days(today: date, n: int) -> None:
    window = parse_window(f"next {n} days", today)
    assert (window.end - window.start).days + 1 == n


@given(todays, st.sampled_from(weekday_names))
def test_by_weekday_ends_on_that_weekday_within_a_week(today: date, day: str) -> None:
    window = parse_window(f"by {day}", today)
    assert window.end.weekday() == weekday_names.index(day)
    assert (window.end - today).days < 7


@given(todays)
def test_weeks_end_on_sunday_and_next_week_follows_this_week(today: date) -> None:
    this = parse_window("this week", today)
    following = parse_window("next week", today)
    assert this.end.weekday() == 6
    assert following.start == this.end + timedelta(days=1)
    assert following.start.weekday() == 0 and following.end - following.start == timedelta(days=6)


@given(todays)
def test_this_month_ends_on_the_last_day_of_todays_month(today: date) -> None:
    window = parse_window("this month", today)
    assert window.end.month == today.month
    assert (window.end + timedelta(days=1)).day == 1


def test_a_window_phrase_is_found_inside_a_whole_message() -> None:
    from datetime import date

    from assistant.domain.timeframe import find_window_phrase

    monday = date(2026, 11, 23)
    assert find_window_phrase("Anything due by sunday?", monday) == "by sunday"
    assert find_window_phrase("any cin reviews due in the next fortnight thx", monday) == "the next fortnight"
    assert find_window_phrase("whats due for me over the next 7 days please", monday) == "the next 7 days"
    assert find_window_phrase("have i missed any visits", monday) is None


WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "message, start, end",
    [
        ("anything coming up before friday", WEDNESDAY, date(2026, 11, 27)),
        ("what do i need to get done by the end of the month", WEDNESDAY, date(2026, 11, 30)),
        ("what's in the pipeline for the next couple of weeks", WEDNESDAY, date(2026, 12, 8)),
        # the question asked before the question mark, not the days said after it as context
        ("anything due next week? got training tues and weds", date(2026, 11, 30), date(2026, 12, 6)),
        # after the question, the window it asks about first; the worker's days told after it are context
        (
            "tell me what I have got coming up over the next five days, in court thursday and friday",
            WEDNESDAY,
            date(2026, 11, 29),
        ),
        ("off from monday so before then what's due, today to sunday basically", WEDNESDAY, date(2026, 11, 29)),
        # no question word: the longest ("by this friday", not the day the referral came in)
        (
            "came in as a new referral on friday - does his first hv need doing by this friday",
            WEDNESDAY,
            date(2026, 11, 27),
        ),
        ("visits between now and friday", WEDNESDAY, date(2026, 11, 27)),
        ("any assessments due by the end of next week", WEDNESDAY, date(2026, 12, 6)),
        ("whats due before the weekend", WEDNESDAY, date(2026, 11, 27)),
        ("what's due up to the end of the week", WEDNESDAY, date(2026, 11, 29)),
        ("anything due monday", date(2026, 11, 30), date(2026, 11, 30)),
        ("reviews in the next 3 weeks", WEDNESDAY, date(2026, 12, 15)),
        ("whats due thsi week", WEDNESDAY, date(2026, 11, 29)),
        ("wat visits r due nxt week", date(2026, 11, 30), date(2026, 12, 6)),
        ("anything to sort by next friday", WEDNESDAY, date(2026, 12, 4)),
        ("what's due in december", date(2026, 12, 1), date(2026, 12, 31)),
        ("whats due this week and next", WEDNESDAY, date(2026, 12, 6)),
        ("what do I need to do today and tomorrow", WEDNESDAY, date(2026, 11, 26)),
        ("anything due on the 3rd", date(2026, 12, 3), date(2026, 12, 3)),
        ("what's due by 3 december", WEDNESDAY, date(2026, 12, 3)),
        ("anything due thursday to monday", date(2026, 11, 26), date(2026, 11, 30)),  # a range of weekdays
        ("what have i got between monday and wednesday", date(2026, 11, 30), date(2026, 12, 2)),
        ("on leave friday till tuesday, what's due by thursday", WEDNESDAY, date(2026, 11, 26)),  # the one asked
        ("back in on monday so anything due this week", WEDNESDAY, date(2026, 11, 29)),
        ("next week, what's due", date(2026, 11, 30), date(2026, 12, 6)),  # the only window, before the ask
        ("what's on between now and end of january", WEDNESDAY, date(2027, 1, 31)),
        ("reviews before the end of december", WEDNESDAY, date(2026, 12, 31)),
        ("anything to do by thursday week", WEDNESDAY, date(2026, 12, 3)),  # a week on from Thursday
        ("what's due a week on monday", date(2026, 12, 7), date(2026, 12, 7)),
        ("any plans to send before i'm off on friday", WEDNESDAY, date(2026, 11, 27)),
    ],
)
def test_windows_as_workers_put_them_are_found_in_the_message(message: str, start: date, end: date) -> None:
    from assistant.domain.timeframe import find_window_phrase

    found = find_window_phrase(message, WEDNESDAY)
    assert found is not None
    window = parse_window(found, WEDNESDAY)
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize(
    "message",
    [
        "which kids havent been seen in over 3 weeks",
        "what may be due",
        "i sat with mum",
    ],
)
def test_words_that_only_look_like_windows_are_not_taken_for_one(message: str) -> None:
    from assistant.domain.timeframe import find_window_phrase

    assert find_window_phrase(message, WEDNESDAY) is None


@pytest.mark.parametrize(
    "message", ["whats due between now and 31st november", "what have i got on 31/09", "anything due on the 30th feb"]
)
def test_a_date_that_does_not_exist_is_refused_as_such_not_moved(message: str) -> None:
    from assistant.domain.timeframe import NoSuchDateError, find_window_phrase, impossible_date

    with pytest.raises(NoSuchDateError) as raised:
        find_window_phrase(message, WEDNESDAY)
    assert "not a date in the calendar" in str(raised.value)
    assert impossible_date(message, WEDNESDAY) is not None
    assert impossible_date("visited her on 29/02/2028", WEDNESDAY) is None  # a leap year
    assert "29 February 2027" in (impossible_date("visited Dylan on 29/02/2027", WEDNESDAY) or "")


@pytest.mark.parametrize(
    "message,start,end",
    [
        ("anything due between 1 and 10 december", date(2026, 12, 1), date(2026, 12, 10)),
        ("reviews from the 30th of november to 4th jan", date(2026, 11, 30), date(2027, 1, 4)),
        ("what have i got between 2nd dec and 9th dec", date(2026, 12, 2), date(2026, 12, 9)),
    ],
)
def test_a_range_of_dates_borrows_month_and_year_from_its_end(message: str, start: date, end: date) -> None:
    from assistant.domain.timeframe import find_window_phrase, parse_window

    phrase = find_window_phrase(message, WEDNESDAY)
    assert phrase is not None
    window = parse_window(phrase, WEDNESDAY)
    assert (window.start, window.end) == (start, end)


def test_a_range_whose_start_inherits_a_year_without_that_day_is_refused() -> None:
    from assistant.domain.timeframe import impossible_date

    assert "29 February 2027" in (impossible_date("visits between 29 feb and 3 march 2027", WEDNESDAY) or "")
    assert impossible_date("visits between 29 feb and 3 march 2028", WEDNESDAY) is None


@pytest.mark.parametrize(
    "phrase", ["by Friday", "next wk", "in sept", "this weds", "within 2 days", "end of the month", "tmrw", "eow"]
)
def test_a_phrase_that_says_when_mentions_time(phrase: str) -> None:
    assert mentions_time(phrase)


@pytest.mark.parametrize("phrase", ["on Daisy's case", "for amelia", "about the Okafor family", "my caseload"])
def test_a_phrase_naming_no_time_does_not(phrase: str) -> None:
    assert not mentions_time(phrase)


THURSDAY_BEFORE_HALF_TERM = date(2027, 10, 14)  # October half term 2027: the week of Monday 25 October


@pytest.mark.parametrize(
    "today, phrase, start, end",
    [
        # working days count today when it is one, and skip weekends and bank holidays
        (MONDAY, "next 10 working days", MONDAY, date(2026, 12, 4)),
        (date(2026, 12, 21), "the next 5 working days", date(2026, 12, 21), date(2026, 12, 29)),  # Christmas
        (SATURDAY, "next 2 working days", SATURDAY, date(2026, 12, 1)),
        (THURSDAY_BEFORE_HALF_TERM, "before half term", THURSDAY_BEFORE_HALF_TERM, date(2027, 10, 22)),
        (date(2027, 1, 5), "by half-term", date(2027, 1, 5), date(2027, 2, 12)),  # February: the third Monday's week
        (date(2027, 5, 3), "until half term", date(2027, 5, 3), date(2027, 5, 28)),  # the late May bank holiday
        (MONDAY, "4 week look ahead", MONDAY, date(2026, 12, 20)),
    ],
)
def test_windows_counted_in_working_days_and_school_terms(today: date, phrase: str, start: date, end: date) -> None:
    assert parse_window(phrase, today) == Window(start=start, end=end, phrase=phrase)

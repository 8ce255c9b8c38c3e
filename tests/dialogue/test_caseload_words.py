"""The worker's own words settle the kind of caseload question where the NLU's reading is weak."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from assistant.dialogue.caseload_words import (
    asks_how_long_unseen,
    asks_if_late,
    forward_window_kind,
    inside_lateness,
    kind_for_one_child,
    kind_from_words,
    names_an_item,
    ordinary_word,
    own_work_kind,
    says_no_time,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text,nlu_kind,manager,kind",
    [
        ("when's her next plan meant to go out", "child_summary", False, "next"),
        ("which young people have I got allocated", "next", False, "caseload"),
        ("show me the families on my caseload", "overdue", False, "caseload"),
        ("what's outstanding across my team", "overdue", True, "team_overdue"),
        ("what has everybody got this week", "due", True, "team_due"),
        ("what has everybody got this week", "due", False, "due"),  # a worker has no team to ask about
        ("what's due for me this week", "due", False, "due"),
        ("quick rundown of my caseload please", "child_summary", False, "caseload"),
        # a child's one item, asked for its date anywhere in the message
        ("Mia's review - by when has it got to happen", "child_summary", False, "next"),
        ("the assessment for Mia, what's the deadline", "child_summary", False, "next"),
        ("Mia's plan, is it late", "child_summary", False, "overdue"),
        # how long a child has gone unseen: overdue visits, whatever the NLU thought
        ("has Mia even been visited since the summer", "child_summary", False, "overdue"),
        ("Mia's not been seen for about six weeks has she", "record_visit", False, "overdue"),
    ],
)
def test_the_kind_the_words_ask_for(text: str, nlu_kind: str, manager: bool, kind: str) -> None:
    assert kind_from_words(text, nlu_kind, is_manager=manager) == kind


@pytest.mark.parametrize(
    "text,nlu_kind,timeframe,kind",
    [
        ("when does Mia next need a visit", "due", None, "next"),
        ("what's on Mia's file", "due", None, "child_summary"),
        ("what's due for Mia this week", "due", "this week", "due"),
        ("anything open for Mia", "overdue", None, "child_summary"),
        ("has Mia's review slipped", "overdue", None, "overdue"),
        ("what's Mia got due before the new year", "child_summary", None, "due"),
        ("Mia - anything upcoming?", "child_summary", None, "next"),
        ("what's the next thing for Mia", "due", None, "next"),
        ("is Mia overdue a visit, she's gone weeks without being seen", "overdue", None, "overdue"),
    ],
)
def test_one_named_child(text: str, nlu_kind: str, timeframe: Optional[str], kind: str) -> None:
    assert kind_for_one_child(text, nlu_kind, timeframe, TODAY) == kind


@pytest.mark.parametrize(
    "text,strict,kind",
    [
        ("what have I got to get through by thursday", False, "due"),
        ("which kids am I holding at the moment", False, "caseload"),
        ("plans due in the next fortnight", True, "due"),
        ("how long do I have to hold the first meeting", False, None),  # a question about the guidance
        ("what should happen in the next 10 days after a referral", True, None),
        ("tell me about step down", False, None),
        ("plans out of timescale in the team?", True, "overdue"),  # lateness, not a question of timescales
        ("any of my reviews late", True, "overdue"),
        ("team assessments out of timescale", True, "overdue"),  # a manager's team: the team's, by the manager rule
        ("is the plan late if I send it after 10 days", True, None),  # a case supposed: procedure
        ("what happens when an assessment is out of timescale", True, None),
    ],
)
def test_a_question_about_the_askers_own_work_the_nlu_missed(text: str, strict: bool, kind: Optional[str]) -> None:
    assert own_work_kind(text, TODAY, strict) == kind


def test_an_everyday_word_is_not_a_name_but_a_capitalised_one_or_a_reference_is() -> None:
    assert ordinary_word("me", "what's due for me this week")
    assert not ordinary_word("hope", "what's due for Hope this week")
    assert not ordinary_word("C12", None) and not ordinary_word("Amelia Kestrel", None)


def test_a_timeframe_with_no_time_in_it_is_dropped() -> None:
    assert says_no_time("on Daisy's case") and not says_no_time("by friday") and not says_no_time("next 10 days")


@pytest.mark.parametrize(
    "text,unseen",
    [
        ("who on my caseload hasn't been seen in the last month", True),
        ("has Mia been seen at all since october", True),
        ("she's gone nearly two months without a visit", True),
        ("saw Mia yesterday, she was seen alone", False),
        ("not seen alone this time, mum stayed", False),
    ],
)
def test_how_long_unseen_is_a_question_not_a_visit(text: str, unseen: bool) -> None:
    assert asks_how_long_unseen(text) is unseen


def test_an_overdue_reading_of_a_window_ahead_is_a_due_list() -> None:
    assert forward_window_kind("anything on for me over new year", "overdue", "before the new year") == "due"
    assert forward_window_kind("what will the team have on in january", "team_overdue", "in january") == "team_due"
    assert forward_window_kind("what's gone late in december", "overdue", "in december") == "overdue"
    assert forward_window_kind("anything overdue", "overdue", None) == "overdue"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Mia - when was the assessment due", "next"),  # its due date, though it has passed
        ("is Mia's assessment out of time", "overdue"),
        ("when did I last see Mia", "child_summary"),  # a past event, not a due date
    ],
)
def test_when_an_item_was_due_asks_its_date(text: str, kind: str) -> None:
    assert kind_from_words(text, "child_summary", child_named=True) == kind


@pytest.mark.parametrize(
    "text,nlu_kind,kind",
    [
        ("is Mia's review this friday", "next", "due"),  # is it in that window: the window's list for her
        ("Mia's plan is going out today isn't it", "next", "due"),
        ("when is Mia's first review, she stepped down in march", "next", "next"),  # its date, whatever the window
        ("is Mia's initial meeting next week", "child_summary", "due"),  # a child and a type in a window
        ("Mia's supervision", "child_summary", "next"),  # a child and a type, no window: its next date
        ("Mia's 3 month review", "due", "next"),
        ("summary for Mia", "child_summary", "child_summary"),  # "summary" alone: everything open for her
    ],
)
def test_a_child_a_type_and_a_window(text: str, nlu_kind: str, kind: str) -> None:
    assert kind_for_one_child(text, nlu_kind, None, TODAY) == kind


@pytest.mark.parametrize(
    "text,nlu_kind,manager,kind",
    [
        ("what reviews have I got on in february", "team_due", False, "due"),  # the asker's own, whatever the NLU said
        ("just joined the team - what have I got overdue", "team_overdue", False, "overdue"),
        ("what's overdue for my practitioners", "overdue", True, "team_overdue"),
        ("has Mia been visited on time", "child_summary", False, "overdue"),
        ("anything gone late for Mia", "child_summary", False, "overdue"),
    ],
)
def test_the_kind_the_words_ask_for_beyond_the_nlu(text: str, nlu_kind: str, manager: bool, kind: str) -> None:
    assert kind_from_words(text, nlu_kind, is_manager=manager) == kind


@pytest.mark.parametrize(
    "text,strict,kind",
    [
        ("anything on weds", False, "due"),
        ("a 3 week look ahead please", False, "due"),
        ("what needs doing before half term", True, "due"),
        ("reviews gone over the 12 weeks?", True, "overdue"),
        ("any plans past 10 working days", True, "overdue"),
        ("what have I let slip", False, "overdue"),
        ("initial visits still outstanding across the team", False, "overdue"),
        ("what's on for me tomorrow", True, "due"),
        ("what's the weather like tomorrow", False, None),  # no work in it
        ("any ideas for a takeaway tonight", True, None),
        ("what happens if a review goes past 12 weeks", True, None),  # a case supposed: procedure
    ],
)
def test_more_ways_of_asking_about_the_askers_own_work(text: str, strict: bool, kind: Optional[str]) -> None:
    assert own_work_kind(text, TODAY, strict) == kind


def test_an_items_name_is_not_a_window() -> None:
    assert names_an_item("6 week", "when's the 6 week review for Mia")
    assert names_an_item("6 months", "when does Mia hit 6 months for the area manager review")
    assert not names_an_item("next week", "reviews next week")


@pytest.mark.parametrize(
    "text,strict,kind",
    [
        ("sorry if this is a silly q but what needs doing by monday", False, "due"),  # an apology, not a case supposed
        ("what if the review is late, who do I tell", False, None),
        ("reviews that have drifted?", True, "overdue"),
        ("where are we drifting on reviews", True, "overdue"),  # a manager's "we": the team's work
        ("how do we stop reviews drifting", True, None),
        ("anything red", False, "overdue"),  # the RAG rating
        ("any red flags for neglect in the guidance", False, None),
        ("any plans not circulated within 3 days", False, "overdue"),
    ],
)
def test_lateness_and_apologies_in_workers_words(text: str, strict: bool, kind: Optional[str]) -> None:
    assert own_work_kind(text, TODAY, strict) == kind


def test_a_child_and_a_window_with_no_type_is_the_childs_list_for_it() -> None:
    assert kind_for_one_child("anything for Mia in feb", "child_summary", None, TODAY) == "due"
    assert kind_for_one_child("tell me about Mia", "child_summary", None, TODAY) == "child_summary"


def test_asking_whether_something_is_late_is_a_question_not_a_visit_report() -> None:
    assert asks_if_late("is zainab's visit late")
    assert asks_if_late("is maisie out of timescale for her visits")
    assert asks_if_late("has callum let storm's visits drift")
    assert not asks_if_late("saw zainab today, visit ran late as mum was out")


def test_a_number_of_days_inside_words_of_lateness_is_not_a_window() -> None:
    assert inside_lateness("3 days", "any plans not circulated within 3 days, team wide")
    assert not inside_lateness("3 days", "anything due in the next 3 days")

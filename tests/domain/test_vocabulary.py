"""Workers' words for what falls due -> the item_type entity values -> engine items."""

from __future__ import annotations

import pytest

from assistant.domain.codes import ITEMS
from assistant.domain.phrasing import authority_name
from assistant.domain.vocabulary import (
    ITEM_TYPE_ITEMS,
    ITEM_TYPES,
    item_name,
    items_for,
    normalise_item_type,
    plural,
    type_name,
)


@pytest.mark.parametrize(
    "said, expected",
    [
        ("visit", "visit"),
        ("visits", "visit"),
        ("Home Visits", "visit"),
        ("statutory visit", "visit"),
        ("first_home_visit", "visit"),
        ("vist", "visit"),
        ("review", "review"),
        ("reviews", "review"),
        ("CIN review", "review"),
        ("cin_review", "review"),
        ("review meeting", "review"),
        ("reveiw", "review"),
        ("the next review", "review"),
        ("meeting", "meeting"),
        ("initial CIN meeting", "meeting"),
        ("meetings", "meeting"),
        ("plan", "plan"),
        ("CIN plan", "plan"),
        ("plan circulation", "plan"),
        ("plans", "plan"),
        ("assessment", "assessment"),
        ("assesment", "assessment"),
        ("supervision", "supervision"),
        ("Supervisions", "supervision"),
        ("case summary", "case_summary"),
        ("case summaries", "case_summary"),
        ("case_summary", "case_summary"),
        ("summarys", "case_summary"),
        ("oversight", "oversight"),
        ("management oversight", "oversight"),
    ],
)
def test_what_workers_say_becomes_one_item_type(said: str, expected: str) -> None:
    assert normalise_item_type(said) == expected


@pytest.mark.parametrize("said", [None, "", "   ", "blah", "pan", "holiday"])
def test_words_that_name_no_item_are_not_guessed(said) -> None:
    assert normalise_item_type(said) is None


def test_every_entity_value_maps_to_itself_and_to_real_engine_items() -> None:
    assert set(ITEM_TYPES) == set(ITEM_TYPE_ITEMS)
    for item_type in ITEM_TYPES:
        assert normalise_item_type(item_type) == item_type
        assert items_for(item_type) <= set(ITEMS)
    assert items_for("visit") == {"visit", "first_home_visit"}
    assert items_for("review") == {"cin_review"}
    assert items_for("meeting") == {"initial_cin_meeting", "cin_review"}
    assert items_for("plan") == {"initial_cin_meeting", "plan_circulation"}
    assert items_for(None) is None
    with pytest.raises(ValueError):
        items_for("reviews")  # not normalised: a caller's bug


def test_replies_name_items_in_plain_english() -> None:
    assert item_name("cin_review") == "CIN review"
    assert item_name("first_home_visit") == "first home visit"
    assert type_name("review") == "CIN review" and type_name("review", 2) == "CIN reviews"
    assert type_name(None, 3) == "items" and type_name(None, 1) == "item"
    assert plural("case summary") == "case summaries"
    assert authority_name("medway") == "Medway" and authority_name("practice_matters") == "Practice Matters"
    assert all("_" not in item_name(item) for item in ITEMS)


@pytest.mark.parametrize(
    "message,item_type",
    [
        ("any reviews or meetings I've missed", "meeting"),  # reviews are meetings too
        ("first meetings or plans due soon", "plan"),  # the first meeting is part of the plan's items
        ("oversight reviews coming up", "oversight"),  # a compound that names one type
        ("who haven't I seen for a while", "visit"),
        ("visits and assessments this week", None),  # no one type covers both: every type is listed
    ],
)
def test_several_type_words_settle_on_the_type_that_covers_them_all(message: str, item_type: str) -> None:
    from assistant.domain.vocabulary import find_item_type

    assert find_item_type(None, message, "due") == item_type


def test_a_summary_asked_for_a_child_is_not_the_case_summary_item() -> None:
    from assistant.domain.vocabulary import find_item_type

    assert find_item_type("summary", "summary for Amelia please", "child_summary") is None
    assert find_item_type("case summary", "when is Amelia's case summary due", "child_summary") == "case_summary"


@pytest.mark.parametrize(
    "entity,message,item_type",
    [
        ("review", "has the review record for Amelia been sent yet", "plan"),  # the record goes out as the plan
        ("reviews", "which review minutes are still to be distributed", "plan"),
        ("plan", "when does the plan need to go out after Friday's review", "plan"),
        (None, "whose cases hit 12 months open in june", "oversight"),  # the year-open milestone
        ("review", "when is the 12 month review for Amelia", "oversight"),
        ("review", "when is Amelia's next review", "review"),  # a review alone stays a review
        ("review", "3 month review coming up?", "review"),
    ],
)
def test_words_beside_a_type_word_can_name_another_type(entity: str, message: str, item_type: str) -> None:
    from assistant.domain.vocabulary import find_item_type

    assert find_item_type(entity, message, "due") == item_type


@pytest.mark.parametrize(
    "entity,message,item_type",
    [
        ("visits", "in between visits today - what have I got due friday", None),  # the worker's day
        ("meetings", "stuck in meetings till 3, anything due this afternoon", None),
        ("supervision", "what's overdue, I want it ready before my supervision", None),
        ("plan", "when is Kai's first review now the cp plan has ended", "review"),  # a CP plan is not the CIN plan
        ("visits", "any visits due after my review tomorrow", "visit"),  # the item asked about stays
        ("review", "Leo's 6 month area manager review, when is it", "oversight"),  # Medway's named milestones
        (None, "head of service review for Amira - date?", "oversight"),
        (None, "when's the ICM for the Osei twins", "meeting"),
        (None, "is the c&f done for Ruby", "assessment"),
        (None, "do the Bakers need visiting this week", "visit"),
        (None, "maisie next hv", "visit"),  # workers' shorthand
        (None, "riley 45 days when", "assessment"),  # the assessment's 45 working days
        (None, "the three weekly ones due in the next 10 days", "visit"),  # only visits run by the week
        (None, "3 weekly reviews this month", "review"),
        (None, "whats due tmrw, trying to plan my day", None),  # "plan" the verb
        (None, "skyla icm was monday, when does the plan need circulating by", "plan"),  # a meeting held: context
        (None, "has mo's plan gone out in time? think i forgot after his review", "plan"),
        (None, "precious c and f deadline", "assessment"),
        (None, "trying to plan the next few months round my leave, what reviews have i got", "review"),
        (None, "what do i need to juggle in july, i want to see it all in one place", None),  # not seeing a child
        (None, "just out of the performance meeting with the head of service - any reviews overdue", "review"),
    ],
)
def test_the_item_asked_about_not_every_type_word_in_the_message(entity: str, message: str, item_type: str) -> None:
    from assistant.domain.vocabulary import find_item_type

    assert find_item_type(entity, message, "due") == item_type

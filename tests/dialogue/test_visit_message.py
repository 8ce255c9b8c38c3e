"""What the message that opens a visit record already says, so the form asks only for the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator, Optional

import pytest

from assistant.casestore import Store
from assistant.dialogue.visit_message import prefilled, read_visit, reports_a_visit

from .conftest import TODAY, store_with  # TODAY: Monday 23 November 2026

D = dt.date


@pytest.mark.parametrize(
    "message,day,seen,alone",
    [
        ("popped in on Amelia yesterday, had a chat with her on her own", D(2026, 11, 22), True, True),
        ("home visit to Amelia on friday, saw her with mum there", D(2026, 11, 20), True, False),
        ("saw Amelia yesterday, her nan present throughout", D(2026, 11, 22), True, False),
        ("add a visit Amelia 20th", D(2026, 11, 20), None, None),  # a day of the month with no "the"
        ("went round to Amelia's this morning but nobody was in", D(2026, 11, 23), False, False),
        ("visited Amelia", None, None, None),  # says nothing of the day or of seeing her
        # someone else there throughout: seen, not alone
        ("saw Amelia at her gran's on saturday, gran and her uncle stayed in the room", D(2026, 11, 21), True, False),
        ("saw Amelia with her foster carer and little sister, saturday", D(2026, 11, 21), True, False),
        ("met the Kestrel kids at contact, together throughout", None, True, False),
        # alone, said plainly
        ("Amelia seen at school yesterday lunchtime, just the two of us", D(2026, 11, 22), True, True),
        ("caught Amelia privately after football, saw her friday", D(2026, 11, 20), True, True),
        # alone first, then the parent: still alone
        ("saw Amelia on her own and then had a word with mum", None, True, True),
        # the day as said on the way out
        ("just left Amelia's, she was home with dad", D(2026, 11, 23), True, False),
        ("visited Amelia yesterday afternoon", D(2026, 11, 22), None, None),
    ],
)
def test_the_day_seen_and_alone_as_workers_say_them(
    message: str, day: Optional[dt.date], seen: Optional[bool], alone: Optional[bool]
) -> None:
    said = read_visit(message, TODAY)
    assert (said.day, said.child_seen, said.seen_alone) == (day, seen, alone)


@pytest.fixture
def family_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """The dialogue caseload plus Amelia Kestrel's brother Milo on w1's cases: a family of two."""
    children = [["ch7", "Milo", "Kestrel", "2017-06-06", "N"]]
    with store_with(store_url, tmp_path, children, [["c7", "ch7", "w1", "standard", "2026-09-01"]]) as opened:
        yield opened


def test_a_message_that_says_it_all_fills_every_slot(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "saw Milo yesterday, spoke to him on his own", None, TODAY)
    assert slots == {"visit_child": "c7", "visit_date": "2026-11-22", "child_seen": True, "seen_alone": True}


def test_a_family_named_fills_the_first_child_and_lists_the_others(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "visited the Kestrel kids today, saw them both", None, TODAY)
    children = {slots["visit_child"], *slots["visit_siblings"]}  # type: ignore[misc]
    assert children == {"c1", "c7"} and slots["visit_date"] == "2026-11-23" and slots["child_seen"] is True


def test_someone_elses_child_is_never_filled_in(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "saw Bobby Lark yesterday", None, TODAY)  # Bobby is w2's
    assert "visit_siblings" not in slots and slots.get("visit_child") in (None, "Bobby Lark")


def test_siblings_named_by_first_name_are_each_filled(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "saw Milo and Amelia this afternoon, both on their own", None, TODAY)
    assert {slots["visit_child"], *slots["visit_siblings"]} == {"c1", "c7"}  # type: ignore[misc]
    assert slots["visit_date"] == "2026-11-23" and slots["seen_alone"] is True


def test_what_is_said_of_each_child_apart_is_kept_for_each(family_store: Store) -> None:
    text = "went to the Kestrels yesterday, Milo was with his dad the whole time but Amelia talked to me on her own"
    slots = prefilled(family_store, "w1", text, None, TODAY)
    assert slots["visit_alone_each"] == {"c7": False, "c1": True}
    assert slots["child_seen"] is True and "seen_alone" in slots  # said of each: the form asks nothing more


def test_the_other_child_put_as_the_exception_is_the_opposite(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "saw both kids today, Amelia on her own but not Milo", None, TODAY)
    assert slots["visit_alone_each"] == {"c1": True, "c7": False}


def test_seen_alone_said_of_both_together_is_not_split(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "saw Milo and Amelia this afternoon, both on their own", None, TODAY)
    assert "visit_alone_each" not in slots and slots["seen_alone"] is True


@pytest.mark.parametrize(
    "message,reports",
    [
        ("went round to Amelia's this afternoon, she wasn't in", True),
        ("did a home visit for Amelia yesterday, saw her with dad", True),
        ("called in on Amelia friday", True),
        ("saw Amelia today, mum has withdrawn consent, what do I do now", False),  # a question after the report
        ("when did I last visit Amelia?", False),
        ("visits due for Amelia this week", False),
        ("saw the review minutes for Amelia", False),  # no day of a visit
        ("amelia seen at home this morning on her own", True),  # the child first
        ("did the first home visit for Amelia this morning", True),
        ("Milo and Amelia visited yesterday", True),
        ("Amelia seen by the school nurse today", False),  # someone else's contact, not a visit
        ("who was seen today", False),
        ("amelia kestrel hv done this am, seen, dad in the room the whole time", True),  # the visit as done
        ("did amelia's first home visit today, mum there the whole time", True),
        ("amelia not in when i went round yday", True),
        ("is amelia's visit late", False),
        ("hv amelia kestrel this morning", True),  # the shorthand first
        ("hv due for amelia this week?", False),
    ],
)
def test_a_visit_reported_is_told_from_a_question(message: str, reports: bool) -> None:
    assert reports_a_visit(message, TODAY) is reports


@pytest.mark.parametrize(
    "message,day,seen,alone",
    [
        ("amelia seen yday w/ nan", D(2026, 11, 22), True, False),  # a quick note's shorthand
        ("saw amelia tdy, foster carer present thru out", D(2026, 11, 23), True, False),
        ("saw Amelia at respite on saturday, a worker with her the whole time", D(2026, 11, 21), True, False),
        # someone there throughout, seeing her not said: not alone, seen left to ask
        ("home visit to Amelia on friday, her mum was present throughout", D(2026, 11, 20), None, False),
        # only the adults spoken to: not seen
        ("visited Amelia on thursday, she was at dance, spoke to dad only", D(2026, 11, 19), False, False),
        # someone had to stay: seen, not alone
        ("Amelia seen fri, wouldnt speak to me without her mum there so she stayed", D(2026, 11, 20), True, False),
    ],
)
def test_a_quick_note_of_a_visit_fills_what_it_says(
    message: str, day: Optional[dt.date], seen: Optional[bool], alone: Optional[bool]
) -> None:
    said = read_visit(message, TODAY)
    assert (said.day, said.child_seen, said.seen_alone) == (day, seen, alone)


def test_what_is_said_of_two_children_together_is_kept_for_both(family_store: Store) -> None:
    text = "saw the kestrel kids today, amelia and milo with their gran there"
    slots = prefilled(family_store, "w1", text, None, TODAY)
    assert slots["visit_alone_each"] == {"c1": False, "c7": False}


@pytest.mark.parametrize(
    "message,reports",
    [
        ("visited Amelia but she wasn't home", True),  # no day said, but put as a report of how it went
        ("I did a home visit to Amelia, spoke to her on her own", True),
        ("not seen Amelia in a while, is she overdue", False),  # time gone by: a question
        ("visited Amelia", False),  # nothing of how it went: may be a question cut short
    ],
)
def test_a_report_with_no_day_is_told_by_how_it_went(message: str, reports: bool) -> None:
    assert reports_a_visit(message, TODAY) is reports


def test_what_is_said_of_a_child_by_a_short_form_is_kept_for_that_child(family_store: Store) -> None:
    slots = prefilled(family_store, "w1", "saw the kestrel kids today, millie on her own, milo with gran", None, TODAY)
    assert slots["visit_alone_each"] == {"c1": True, "c7": False}  # Millie: Amelia


def test_a_note_typed_without_commas_is_read_child_by_child(family_store: Store) -> None:
    text = "saw amelia and milo at home today amelia on her own milo with his dad"
    slots = prefilled(family_store, "w1", text, None, TODAY)
    assert slots["visit_alone_each"] == {"c1": True, "c7": False}

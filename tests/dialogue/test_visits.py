"""Recording a visit from the chat: the day as said, the checks, the save, and the next visit.

Today is Monday 23 November 2026. Medway's visits are every 15 working days
(10.1), counted strictly after the visit and skipping England's bank holidays.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.casestore import Store
from assistant.dialogue.caseload import CaseloadRequest, answer_caseload
from assistant.dialogue.sibling_visits import confirm_visits, record_visits
from assistant.dialogue.visits import (
    VisitDateError,
    cancelled,
    check_visit,
    confirm_visit,
    form_question,
    parse_visit_date,
    record_visit,
)

from .conftest import TODAY

D = dt.date


def events(store: Store) -> int:
    return store.counts()["events"]


def next_visit_due(store: Store, worker: str, child: str, today: dt.date = TODAY) -> str:
    reply = answer_caseload(store, worker, CaseloadRequest("next", item_type="visit", child=child), today)
    return reply.payload["items"][0]["due"]


# --- the day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said, day",
    [
        ("today", D(2026, 11, 23)),
        ("yesterday", D(2026, 11, 22)),
        ("monday", D(2026, 11, 16)),  # said on a Monday, "Monday" is a week ago (today is "today")
        ("on Monday", D(2026, 11, 16)),
        ("last monday", D(2026, 11, 16)),
        ("on friday", D(2026, 11, 20)),
        ("Tuesday", D(2026, 11, 17)),
        ("20 november", D(2026, 11, 20)),
        ("20 Nov", D(2026, 11, 20)),
        ("3rd of nov", D(2026, 11, 3)),
        ("november 20th", D(2026, 11, 20)),
        ("24 nov", D(2026, 11, 24)),  # tomorrow's date: this year's, so the check refuses it as future
        ("20/11", D(2026, 11, 20)),
        ("20/11/2026", D(2026, 11, 20)),
        ("20/11/26", D(2026, 11, 20)),
        ("2026-11-20", D(2026, 11, 20)),
        ("Friday 20 November", D(2026, 11, 20)),
        ("29/02", D(2024, 2, 29)),  # the last 29 February before today
        ("2 days ago", D(2026, 11, 21)),
        ("  On the 1st of December 2025. ", D(2025, 12, 1)),
    ],
)
def test_the_day_of_a_visit_as_workers_say_it(said: str, day: dt.date) -> None:
    assert parse_visit_date(said, TODAY) == day


def test_a_full_date_in_the_future_is_read_so_the_check_can_say_why_it_is_refused() -> None:
    assert parse_visit_date("25/12/2026", TODAY) == D(2026, 12, 25)


@pytest.mark.parametrize(
    "said, words",
    [
        ("soon", 'cannot read "soon"'),
        ("31/11", '"31/11" is not a real date'),
        ("30 february 2026", "is not a real date"),
        ("Saturday 20 November", "20 November 2026 is a Friday"),
        ("fooember 3", '"fooember" is not a month'),
        ("", "no date given"),
    ],
)
def test_words_that_are_not_a_day_are_refused_with_examples(said: str, words: str) -> None:
    with pytest.raises(VisitDateError) as raised:
        parse_visit_date(said, TODAY)
    assert words in str(raised.value)
    assert '"yesterday"' in str(raised.value)
    assert isinstance(raised.value, ValueError)


# --- saving ------------------------------------------------------------------------------


def test_recording_todays_visit_moves_the_next_visit(store: Store) -> None:
    assert next_visit_due(store, "w1", "amelia") == "2026-11-26"
    reply = record_visit(store, "w1", "c1", TODAY, child_seen=True, seen_alone=True, today=TODAY)
    # Mon 23 Nov + 15 working days: 24-27 Nov (4), 30 Nov-4 Dec (9), 7-11 Dec (14), Mon 14 Dec (15).
    assert reply.text == (
        "Saved: visit to Amelia K on Monday 23 November, seen alone. Next visit due Monday 14 December "
        "(Medway: visits at least every 15 working days, 10.1)."
    )
    assert reply.payload["type"] == "form" and reply.payload["form"] == "record_visit"
    assert reply.payload["status"] == "saved"
    assert reply.payload["visit"] == {
        "case_id": "c1",
        "child_name": "Amelia K",
        "date": "2026-11-23",
        "child_seen": True,
        "seen_alone": True,
    }
    assert [(i["item"], i["due"], i["status"]) for i in reply.payload["items"]] == [("visit", "2026-12-14", "due")]
    assert next_visit_due(store, "w1", "amelia") == "2026-12-14"
    saved = [e for e in store.cases(["c1"])[0].events if e.date == TODAY]
    assert [(e.event, e.child_seen, e.seen_alone, e.source) for e in saved] == [("visit", True, True, "chat")]


def test_the_next_visit_skips_christmas_bank_holidays(store: Store) -> None:
    friday = D(2026, 12, 11)
    reply = record_visit(store, "w1", "c1", friday, child_seen=True, seen_alone=False, today=friday)
    # Fri 11 Dec + 15 working days: 14-18 Dec (5), 21-24 Dec (9), not Fri 25 Dec nor Mon 28 Dec
    # (Boxing Day observed), 29-31 Dec (12), not Fri 1 Jan, 4-6 Jan (15) -> Wed 6 Jan 2027.
    assert reply.payload["items"][0]["due"] == "2027-01-06"
    assert "seen, not alone. Next visit due Wednesday 6 January 2027" in reply.text


def test_a_visit_where_the_child_was_not_seen_does_not_restart_the_clock(store: Store) -> None:
    reply = record_visit(store, "w1", "c1", D(2026, 11, 20), child_seen=False, seen_alone=True, today=TODAY)
    assert reply.payload["visit"]["child_seen"] is False and reply.payload["visit"]["seen_alone"] is False
    assert "child not seen" in reply.text and "does not restart the visiting timescale" in reply.text
    assert reply.payload["items"][0]["due"] == "2026-11-26"


def test_an_overdue_visit_recorded_late_is_counted_from_the_day_it_happened(store: Store) -> None:
    # Bobby (welfare: every 3 weeks) was overdue from Thu 22 Oct; seen Thu 12 Nov -> due Thu 3 Dec.
    reply = record_visit(store, "m1", "c2", D(2026, 11, 12), child_seen=True, seen_alone=None, today=TODAY)
    assert reply.payload["items"][0]["due"] == "2026-12-03"
    assert "Saved: visit to Bobby L on Thursday 12 November, child seen." in reply.text


def test_camden_records_the_visit_but_invents_no_next_date(store: Store) -> None:
    reply = record_visit(store, "cw1", "c6", D(2026, 11, 20), child_seen=True, seen_alone=True, today=TODAY)
    assert reply.payload["status"] == "saved" and reply.payload["items"] == []
    assert (
        "Camden's loaded guidance sets no visiting timescale, so I haven't worked out a next visit date." in reply.text
    )


def test_saving_the_same_visit_twice_adds_nothing(store: Store) -> None:
    record_visit(store, "w1", "c1", TODAY, child_seen=True, seen_alone=True, today=TODAY)
    before = events(store)
    again = record_visit(store, "w1", "c1", TODAY, child_seen=True, seen_alone=True, today=TODAY)
    assert events(store) == before
    assert again.text.startswith("That visit was already recorded, so nothing changed")


# --- refusing, and writing nothing ----------------------------------------------------------


def test_a_future_visit_is_refused_and_nothing_is_written(store: Store) -> None:
    before = events(store)
    reply = record_visit(store, "w1", "c1", D(2026, 11, 24), child_seen=True, seen_alone=True, today=TODAY)
    assert reply.payload == {"type": "refusal", "reason": "future_date"}
    assert reply.text.startswith("Tuesday 24 November is in the future.")
    assert events(store) == before


def test_a_visit_on_a_closed_case_is_refused_and_nothing_is_written(store: Store) -> None:
    before = events(store)
    for child in ("c4", "Casey"):
        reply = record_visit(store, "w1", child, D(2026, 11, 20), child_seen=True, seen_alone=True, today=TODAY)
        assert reply.payload == {"type": "refusal", "reason": "case_closed"}
        assert reply.text.startswith("Casey W's case (c4) is closed")
    assert events(store) == before


def test_a_visit_before_the_referral_is_refused(store: Store) -> None:
    before = events(store)
    reply = record_visit(store, "w1", "c1", D(2026, 8, 31), child_seen=True, seen_alone=True, today=TODAY)
    assert reply.payload == {"type": "refusal", "reason": "before_referral"}
    assert "before Amelia K's referral on Tuesday 1 September" in reply.text
    assert events(store) == before


def test_someone_elses_child_is_not_found_whether_by_name_or_reference(store: Store) -> None:
    before = events(store)
    by_ref = record_visit(store, "w1", "c2", D(2026, 11, 20), child_seen=True, seen_alone=True, today=TODAY)
    assert by_ref.payload == {"type": "refusal", "reason": "child_not_found"}
    by_name = check_visit(store, "w1", "Bobby", D(2026, 11, 20), TODAY)
    assert not by_name.ok and by_name.reply.payload == {"type": "refusal", "reason": "child_not_found"}
    nobody = check_visit(store, "w1", "Zebedee", D(2026, 11, 20), TODAY)
    assert nobody.reply.text.replace("Zebedee", "X") == by_name.reply.text.replace("Bobby", "X")
    assert events(store) == before


def test_an_unknown_worker_cannot_record(store: Store) -> None:
    reply = record_visit(store, "ghost", "c1", TODAY, child_seen=True, seen_alone=True, today=TODAY)
    assert reply.payload == {"type": "refusal", "reason": "unknown_worker"}


# --- the form's steps -------------------------------------------------------------------------


def test_checking_the_child_alone_resolves_names_and_asks_when_two_match(store: Store) -> None:
    ok = check_visit(store, "w1", "amelia", None, TODAY)
    assert ok.ok and ok.reply is None
    assert (ok.target.case_id, ok.target.child_name) == ("c1", "Amelia K")
    two = check_visit(store, "m1", "Amelia", None, TODAY)
    assert two.reply.payload["reason"] == "ambiguous_child"
    assert [o["case_id"] for o in two.reply.payload["options"]] == ["c1", "c3"]


def test_the_confirmation_repeats_what_will_be_saved(store: Store) -> None:
    reply = confirm_visit(store, "w1", "Amelia", D(2026, 11, 20), True, False, TODAY)
    assert reply.text == "Record a visit to Amelia K (case c1) on Friday 20 November, seen, not alone? Yes or no?"
    assert reply.payload == {
        "type": "form",
        "form": "record_visit",
        "status": "confirm",
        "visit": {
            "case_id": "c1",
            "child_name": "Amelia K",
            "date": "2026-11-20",
            "child_seen": True,
            "seen_alone": False,
        },
    }
    refused = confirm_visit(store, "w1", "Amelia", D(2026, 12, 1), True, False, TODAY)
    assert refused.payload["reason"] == "future_date"


def test_the_form_questions_and_cancelling() -> None:
    asking = form_question("visit_date")
    assert asking.payload == {"type": "form", "form": "record_visit", "status": "asking", "slot": "visit_date"}
    assert "yesterday" in asking.text
    assert cancelled().payload == {"type": "form", "form": "record_visit", "status": "cancelled"}


def test_a_day_and_month_just_ahead_is_this_years_and_so_refused_as_future() -> None:
    from assistant.dialogue.visits import parse_visit_date

    assert parse_visit_date("30 november", D(2026, 11, 23)) == D(2026, 11, 30)  # a slip, not 2025
    assert parse_visit_date("1 february", D(2026, 11, 23)) == D(2026, 2, 1)  # far ahead: last one


def test_one_visit_to_a_family_is_read_back_and_saved_for_each_child(store: Store) -> None:
    # m1 manages w2's Bobby Lark (c2) and Amelia Kite (c3): visited together on Friday, both seen alone
    day = D(2026, 11, 20)
    before = events(store)
    confirm = confirm_visits(store, "m1", ["c2", "c3"], day, True, True, TODAY)
    assert confirm.payload["status"] == "confirm"
    assert [v["case_id"] for v in confirm.payload["visits"]] == ["c2", "c3"]
    assert "Bobby" in confirm.text and "Amelia" in confirm.text and events(store) == before
    saved = record_visits(store, "m1", ["c2", "c3"], day, True, True, TODAY)
    assert saved.payload["status"] == "saved" and [v["case_id"] for v in saved.payload["visits"]] == ["c2", "c3"]
    assert events(store) == before + 2


def test_a_family_visit_keeps_what_was_said_of_each_child_seen_alone(store: Store) -> None:
    day = D(2026, 11, 20)
    each = {"c2": True, "c3": False}  # Bobby on his own, Amelia with her mum the whole time
    confirm = confirm_visits(store, "m1", ["c2", "c3"], day, True, True, TODAY, alone_each=each)
    assert [(v["case_id"], v["seen_alone"]) for v in confirm.payload["visits"]] == [("c2", True), ("c3", False)]
    assert "Bobby L seen alone, Amelia K seen, not alone? Yes or no?" in confirm.text
    saved = record_visits(store, "m1", ["c2", "c3"], day, True, True, TODAY, alone_each=each)
    assert [(v["case_id"], v["seen_alone"]) for v in saved.payload["visits"]] == [("c2", True), ("c3", False)]
    written = {case.case_id: case.events[-1] for case in store.cases(each)}
    assert {c: (e.date, e.seen_alone) for c, e in written.items()} == {"c2": (day, True), "c3": (day, False)}


def test_a_family_visit_with_one_child_out_of_reach_writes_nothing(store: Store) -> None:
    before = events(store)
    refused = record_visits(store, "w1", ["c1", "c2"], D(2026, 11, 20), True, True, TODAY)  # c2 is not w1's
    assert refused.type == "refusal" and events(store) == before

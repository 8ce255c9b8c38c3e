"""Caseload questions as a worker asks them in the chat, checked against dates worked by hand.

Today is Monday 23 November 2026 (see conftest.py for who sees whom). Medway's
visits are every 15 working days (10.1); reviews 12 weeks after the initial
CIN meeting (9.2, with 13.2's 8 weeks reported as a conflict).
"""

from __future__ import annotations

import json
from typing import List

import pytest

from assistant.casestore import Store
from assistant.cli import main as cli_main
from assistant.dialogue.caseload import CaseloadRequest, answer_caseload, caseload_rescue
from assistant.dialogue.caseload_phrasing import describe_window
from assistant.dialogue.reply import Reply
from assistant.domain.timeframe import parse_window

from .conftest import TODAY


def ask(store: Store, worker: str, kind: str, **entities: str) -> Reply:
    return answer_caseload(store, worker, CaseloadRequest(kind=kind, **entities), TODAY)


def cli_due_items(capsys: pytest.CaptureFixture, url: str, *args: str) -> List[dict]:
    """`cin-assistant due --json` for the same store and day."""
    capsys.readouterr()
    assert cli_main(["due", *args, "--json", "--today", TODAY.isoformat(), "--db", url]) == 0
    return json.loads(capsys.readouterr().out)["items"]


def brief(reply: Reply) -> List[tuple]:
    return [(i["case_id"], i["item"], i["due"], i["status"]) for i in reply.payload["items"]]


# --- what is due ---------------------------------------------------------------


def test_my_week_is_amelias_visit_the_same_as_the_due_command(store: Store, store_url: str, capsys) -> None:
    reply = ask(store, "w1", "due")
    # Amelia seen Thu 5 Nov + 15 working days -> Thu 26 Nov; Casey's case is closed.
    assert (
        reply.text == "You have 1 item due this week and nothing overdue:\n- Amelia K: visit due Thursday 26 November"
    )
    assert reply.payload["query"] == {
        "kind": "due",
        "item_type": None,
        "window": {"start": "2026-11-23", "end": "2026-11-29"},
        "child": None,
    }
    assert reply.payload["items"] == cli_due_items(capsys, store_url, "--worker", "w1")
    assert reply.payload["items"][0]["source"] == {"document": "002_dcf06b917ba11a67.txt", "section": "10.1"}


@pytest.mark.parametrize("worker, window", [("w2", "this week"), ("w2", "next 10 days"), ("w1", "this month")])
def test_any_window_matches_the_due_command(store: Store, store_url: str, capsys, worker: str, window: str) -> None:
    reply = ask(store, worker, "due", timeframe=window)
    assert reply.payload["items"] == cli_due_items(capsys, store_url, "--worker", worker, "--window", window)


def test_overdue_items_come_first_with_the_guidance_conflict_flagged(store: Store) -> None:
    reply = ask(store, "w2", "due")
    # Bobby (welfare level): plan due 3 working days after Thu 27 Aug, skipping the
    # 31 Aug bank holiday -> Wed 2 Sep; seen Thu 1 Oct + 3 weeks -> Thu 22 Oct;
    # review Thu 27 Aug + 12 weeks -> Thu 19 Nov. Amelia Kite's plan: Tue 27 Oct
    # + 3 working days -> Fri 30 Oct. Her visit (Tue 1 Dec) is next week.
    assert brief(reply) == [
        ("c2", "plan_circulation", "2026-09-02", "overdue"),
        ("c2", "visit", "2026-10-22", "overdue"),
        ("c3", "plan_circulation", "2026-10-30", "overdue"),
        ("c2", "cin_review", "2026-11-19", "overdue"),
    ]
    lines = reply.text.splitlines()
    assert lines[0] == "You have nothing due this week, but 4 items overdue:"
    assert lines[2] == "- Bobby L: visit overdue, was due Thursday 22 October"
    assert lines[4].startswith("- Bobby L: CIN review overdue, was due Thursday 19 November")
    assert "see 13.2" in lines[4]


def test_an_item_type_narrows_the_list_in_the_workers_words(store: Store) -> None:
    reply = ask(store, "w2", "due", item_type="home visits", timeframe="next 10 days")
    # next 10 days = Mon 23 Nov to Wed 2 Dec: Amelia Kite's visit, seen Tue 10 Nov -> Tue 1 Dec.
    assert brief(reply) == [("c2", "visit", "2026-10-22", "overdue"), ("c3", "visit", "2026-12-01", "due")]
    assert reply.payload["query"]["item_type"] == "visit"
    assert reply.text.startswith("You have 1 visit due by Wednesday 2 December and 1 overdue:")


def test_overdue_only_has_no_window(store: Store) -> None:
    reply = ask(store, "w2", "overdue", timeframe="whenever")  # the window is ignored, so never refused
    assert reply.payload["query"]["window"] is None
    assert {i["status"] for i in reply.payload["items"]} == {"overdue"}
    assert reply.text.startswith("You have 4 items overdue:")
    assert ask(store, "w1", "overdue").text == "You have no items overdue."


def test_a_long_list_is_cut_short_for_reading_aloud(store: Store) -> None:
    reply = ask(store, "m1", "team_due", timeframe="next 200 days")
    assert len(reply.payload["items"]) > 8
    lines = reply.text.splitlines()
    assert len(lines) == 1 + 8 + 1
    assert lines[-1] == f"...and {len(reply.payload['items']) - 8} more."


# --- teams -----------------------------------------------------------------------


def test_a_manager_sees_the_team_as_the_due_command_does(store: Store, store_url: str, capsys) -> None:
    reply = ask(store, "m1", "team_due")
    assert reply.payload["items"] == cli_due_items(capsys, store_url, "--worker", "m1", "--team")
    assert {i["case_id"] for i in reply.payload["items"]} == {"c1", "c2", "c3"}  # not Dana's (team t2)
    assert reply.text.startswith("Your team has 1 item due this week and 4 overdue:")
    overdue = ask(store, "m1", "team_overdue")
    assert {i["status"] for i in overdue.payload["items"]} == {"overdue"}
    assert overdue.payload["query"]["kind"] == "team_overdue"


def test_a_manager_who_holds_no_cases_asking_whats_overdue_in_words_gets_the_teams(store: Store) -> None:
    said = answer_caseload(store, "m1", CaseloadRequest("overdue", text="which ones are overdue?"), TODAY)
    assert said.payload["query"]["kind"] == "team_overdue"
    assert {i["case_id"] for i in said.payload["items"]} <= {"c1", "c2", "c3"}
    assert said.payload["items"]  # the team's, not an empty list of the manager's own
    asked_by_kind = ask(store, "m1", "overdue")  # the CLI's and the page's kind is kept as asked
    assert asked_by_kind.payload["query"]["kind"] == "overdue"


@pytest.mark.parametrize("kind", ["team_due", "team_overdue"])
def test_a_worker_asking_about_the_team_is_refused(store: Store, kind: str) -> None:
    reply = ask(store, "w1", kind)
    assert reply.payload == {"type": "refusal", "reason": "not_a_manager"}
    assert "managers" in reply.text


def test_someone_not_in_the_case_store_gets_a_clear_refusal(store: Store) -> None:
    reply = ask(store, "ghost", "due")
    assert reply.payload == {"type": "refusal", "reason": "unknown_worker"}
    assert "caseload questions" in reply.text and "Procedure questions still work" in reply.text


# --- one child ----------------------------------------------------------------------


def test_next_review_names_the_rule_and_the_conflict(store: Store) -> None:
    reply = ask(store, "w1", "next", child="amelia", item_type="reviews")
    # initial CIN meeting Thu 8 Oct + 12 weeks = Thu 31 Dec.
    assert reply.text.startswith(
        "Amelia K's next CIN review is due on Thursday 31 December (Medway: CIN plan reviewed within 12 weeks "
        "of the initial CIN meeting and then every 12 weeks, 9.2). Note: the guidance is not consistent here "
        "(13.2): Section 13.2 says reviews at a minimum of 8 weeks"
    )
    assert reply.payload["query"] == {
        "kind": "next",
        "item_type": "review",
        "window": None,
        "child": {"case_id": "c1", "child_id": "ch1", "name": "Amelia K"},
    }
    assert brief(reply) == [("c1", "cin_review", "2026-12-31", "due")]
    assert reply.payload["items"][0]["conflicts"][0]["source"]["section"] == "13.2"


def test_next_of_any_type_is_the_earliest_open_item(store: Store) -> None:
    reply = ask(store, "w1", "next", child="Amelia Kestrel")
    assert brief(reply) == [("c1", "visit", "2026-11-26", "due")]
    assert reply.text == (
        "Amelia K's next visit is due on Thursday 26 November (Medway: visits at least every 15 working days, 10.1)."
    )
    overdue = ask(store, "w2", "next", child="bobby", item_type="visit")
    assert overdue.text.startswith("Bobby L's next visit was due on Thursday 22 October and is overdue (Medway:")


def test_a_case_reference_picks_the_case(store: Store) -> None:
    by_ref = ask(store, "m1", "next", child="c3")
    by_id = ask(store, "m1", "next", case_id="c3")
    assert by_ref.payload == by_id.payload
    assert by_id.payload["query"]["child"] == {"case_id": "c3", "child_id": "ch3", "name": "Amelia K"}


def test_two_children_with_the_name_are_offered_as_options(store: Store) -> None:
    reply = ask(store, "m1", "next", child="Amelia")
    assert reply.payload == {
        "type": "clarify",
        "reason": "ambiguous_child",
        "options": [
            {"case_id": "c1", "child_id": "ch1", "name": "Amelia K"},
            {"case_id": "c3", "child_id": "ch3", "name": "Amelia K"},
        ],
    }
    assert reply.text == (
        'More than one child matches "Amelia": Amelia K (case c1) or Amelia K (case c3). Which one do you mean?'
    )
    # w1 only sees one Amelia, so there is nothing to ask (and nothing about the other is shown).
    assert ask(store, "w1", "next", child="Amelia").payload["query"]["child"]["case_id"] == "c1"


def test_a_child_outside_scope_looks_exactly_like_one_that_does_not_exist(store: Store) -> None:
    found = ask(store, "m2", "next", child="Dana")  # Dana is on w3's case, team t2
    assert found.payload["type"] == "due_items"
    outside = [ask(store, worker, "next", child="Dana") for worker in ("w1", "m1", "cw1")]
    assert len({(r.text, json.dumps(r.payload)) for r in outside}) == 1
    assert outside[0].payload == {"type": "refusal", "reason": "child_not_found"}
    missing = ask(store, "w1", "next", child="Zebedee")
    assert missing.payload == outside[0].payload
    assert missing.text.replace("Zebedee", "NAME") == outside[0].text.replace("Dana", "NAME")
    # and by case reference
    assert ask(store, "w1", "child_summary", case_id="c5").text.replace("c5", "REF") == ask(
        store, "w1", "child_summary", case_id="c99"
    ).text.replace("c99", "REF")


def test_a_closed_case_says_so(store: Store) -> None:
    reply = ask(store, "w1", "child_summary", child="casey")
    assert reply.text == "Casey W's case (c4) is closed, so nothing is due on it."
    assert reply.payload["items"] == [] and reply.payload["query"]["child"]["case_id"] == "c4"


def test_a_child_question_without_a_child_asks_which(store: Store) -> None:
    for kind in ("next", "child_summary"):
        reply = ask(store, "w1", kind)
        assert reply.payload == {"type": "clarify", "reason": "missing_child"}


def test_child_summary_lists_everything_open_by_date(store: Store) -> None:
    reply = ask(store, "m1", "child_summary", child="Bobby Lark")
    # Oversight: initial meeting Thu 27 Aug + 6 months = Sat 27 Feb -> Fri 26 Feb; + 9 months = Thu 27 May.
    assert brief(reply) == [
        ("c2", "plan_circulation", "2026-09-02", "overdue"),
        ("c2", "visit", "2026-10-22", "overdue"),
        ("c2", "cin_review", "2026-11-19", "overdue"),
        ("c2", "oversight", "2027-02-26", "due"),
        ("c2", "oversight", "2027-05-27", "due"),
    ]
    assert reply.text.splitlines()[0] == "Bobby L (case c2) has 5 items open:"
    assert reply.text.splitlines()[-1] == "- oversight milestone due Thursday 27 May 2027"


def test_a_child_on_a_due_question_narrows_it(store: Store) -> None:
    reply = ask(store, "m1", "due", child="bobby", timeframe="a fortnight")
    assert {i["case_id"] for i in reply.payload["items"]} == {"c2"}
    assert reply.text.startswith("Bobby L has nothing due by Sunday 6 December, but 3 items overdue:")


def test_camden_sets_no_visit_timescale_and_the_reply_says_so(store: Store) -> None:
    reply = ask(store, "cw1", "next", child="eli", item_type="visit")
    assert reply.payload["items"] == []
    assert reply.text.startswith(
        "Camden's loaded guidance sets no timescale for visits, so I can't give a date for Eli F."
    )
    assert "Home visits policy" in reply.text


# --- the caseload ---------------------------------------------------------------------


def test_my_caseload_counts_open_cases_with_each_next_item(store: Store) -> None:
    reply = ask(store, "w2", "caseload")
    assert reply.text.splitlines()[0] == "You have 2 open cases. The next item on each:"
    assert brief(reply) == [
        ("c2", "plan_circulation", "2026-09-02", "overdue"),
        ("c3", "plan_circulation", "2026-10-30", "overdue"),
    ]
    visits = ask(store, "w2", "caseload", item_type="visits")
    assert brief(visits) == [("c2", "visit", "2026-10-22", "overdue"), ("c3", "visit", "2026-12-01", "due")]
    assert ask(store, "w1", "caseload").text.splitlines()[1] == "- Amelia K (c1): visit due Thursday 26 November"
    assert ask(store, "m1", "caseload").text == "You have no open cases allocated to you."


# --- words the assistant cannot use ----------------------------------------------------


def test_a_window_it_cannot_read_asks_again_with_the_phrases_it_can(store: Store) -> None:
    reply = ask(store, "w1", "due", timeframe="soonish")
    assert reply.payload["type"] == "clarify" and reply.payload["reason"] == "bad_timeframe"
    assert "this week" in reply.payload["accepted"] and "a fortnight" in reply.payload["accepted"]
    assert reply.text.startswith('I can\'t read "soonish" as a time window. Try one of: today, tomorrow, this week')


def test_an_unknown_item_type_asks_again(store: Store) -> None:
    reply = ask(store, "w1", "due", item_type="holiday")
    assert reply.payload["reason"] == "unknown_item_type" and "review" in reply.payload["options"]


def test_an_unknown_kind_is_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError):
        ask(store, "w1", "gossip")


# --- names the NLU missed ------------------------------------------------------------------


def test_a_name_the_nlu_missed_is_found_on_the_askers_caseload(store: Store) -> None:
    reply = answer_caseload(
        store, "w1", CaseloadRequest("next", "visit", text="when do i next see amelia kestrel"), TODAY
    )
    assert reply.payload["query"]["child"]["case_id"] == "c1"


def test_a_name_caught_in_part_is_completed_from_the_message(store: Store) -> None:
    # m1 sees two children called Amelia: the NLU's "amelia" alone would be ambiguous
    reply = answer_caseload(
        store, "m1", CaseloadRequest("next", "visit", child="amelia", text="next visit for amelia kite"), TODAY
    )
    assert reply.payload["query"]["child"]["case_id"] == "c3"


def test_a_first_name_alone_is_read_only_when_the_question_needs_a_child(store: Store) -> None:
    found = answer_caseload(store, "w1", CaseloadRequest("child_summary", text="whats open for amelia"), TODAY)
    assert found.payload["query"]["child"]["case_id"] == "c1"
    listing = answer_caseload(store, "w1", CaseloadRequest("due", text="whats due this week amelia"), TODAY)
    assert listing.payload["query"]["child"] is None


def test_a_name_outside_the_askers_scope_is_never_picked_up_from_the_message(store: Store) -> None:
    reply = answer_caseload(
        store, "w1", CaseloadRequest("next", "visit", text="when is dana southwell next visit"), TODAY
    )
    assert (reply.payload["type"], reply.payload["reason"]) == ("clarify", "missing_child")


def test_stray_entity_words_do_not_beat_what_the_message_says(store: Store) -> None:
    # the extractor tagged "sunday" as an item type and caught only "by" of "by sunday"
    reply = answer_caseload(
        store, "w1", CaseloadRequest("due", item_type="sunday", timeframe="by", text="Anything due by sunday?"), TODAY
    )
    assert reply.payload["query"]["item_type"] is None
    assert reply.payload["query"]["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    split = answer_caseload(
        store, "w1", CaseloadRequest("due", item_type="cin review", text="any cin reviews due this month"), TODAY
    )
    assert split.payload["query"]["item_type"] == "review"


def test_a_message_naming_a_child_on_the_caseload_is_answered_even_when_not_understood(store: Store) -> None:
    reply = caseload_rescue(store, "w1", "whats happening with Amelia Kestrel", TODAY, capitalised_only=False)
    assert reply is not None and reply.payload["query"]["kind"] == "child_summary"
    assert reply.payload["query"]["child"]["case_id"] == "c1"
    nxt = caseload_rescue(store, "w1", "hey next visit date for Amelia", TODAY, capitalised_only=True)
    assert nxt is not None and (nxt.payload["query"]["kind"], nxt.payload["query"]["item_type"]) == ("next", "visit")
    # a procedure question with no child of theirs in it stays a procedure question
    assert caseload_rescue(store, "w1", "how often should i visit", TODAY, capitalised_only=True) is None
    # lower-case first names are only read where nothing else was understood
    assert caseload_rescue(store, "w1", "what does amelia need", TODAY, capitalised_only=True) is None
    # another worker's child is never found this way
    assert caseload_rescue(store, "w1", "whats happening with Dana Southwell", TODAY, capitalised_only=False) is None


@pytest.mark.parametrize(
    "text",
    ["is there a food bank near Amelia Kestrel's family", "which optician could Amelia go to, her glasses broke"],
)
def test_a_child_named_in_a_request_for_help_elsewhere_gets_the_out_of_scope_line(store: Store, text: str) -> None:
    reply = caseload_rescue(store, "w1", text, TODAY, capitalised_only=False)
    assert reply is not None and reply.payload == {"type": "refusal", "reason": "out_of_scope"}
    assert "Amelia" not in reply.text and "c1" not in reply.text  # her items are not what was asked


def test_a_summary_of_a_child_means_everything_open_not_case_summaries(store: Store) -> None:
    reply = answer_caseload(
        store, "w1", CaseloadRequest("child_summary", text="give me a summary of amelia kestrel"), TODAY
    )
    assert reply.payload["query"]["item_type"] is None


def test_a_first_name_with_another_surname_is_not_answered_as_the_askers_own_child(store: Store) -> None:
    # w1's only Amelia is Amelia Kestrel; Amelia Kite is w2's. Matching "Amelia" alone would
    # answer about the wrong child; it must look like a child who does not exist.
    kite = ask(store, "w1", "child_summary", text="what's open for Amelia Kite")
    made_up = ask(store, "w1", "child_summary", text="what's open for Amelia Quixworth")
    assert kite.payload == made_up.payload == {"type": "refusal", "reason": "child_not_found"}
    assert kite.text.replace("Kite", "X") == made_up.text.replace("Quixworth", "X")
    # the NLU catching only the first name changes nothing
    assert ask(store, "w1", "child_summary", child="Amelia", text="what's open for Amelia Kite").payload == kite.payload
    # her manager sees both Amelias: the surname picks the right one
    assert (
        ask(store, "m1", "child_summary", text="what's open for Amelia Kite").payload["query"]["child"]["case_id"]
        == "c3"
    )
    # a capitalised ordinary word after the name is not a surname
    assert ask(store, "w1", "child_summary", text="is Amelia OK").payload["query"]["child"]["case_id"] == "c1"


def test_a_short_form_the_nlu_caught_finds_the_child_of_that_full_name(store: Store) -> None:
    # w2's children: Bobby Lark (c2) and Amelia Kite (c3); "Millie" is a short form of Amelia.
    reply = ask(store, "w2", "next", child="Millie", item_type="visit", text="when's Millie's next visit")
    assert reply.payload["type"] == "due_items" and reply.payload["query"]["child"]["case_id"] == "c3"


def test_a_question_about_the_whole_caseload_is_answered_as_one_whatever_the_nlu_thought(store: Store) -> None:
    reply = ask(store, "w2", "child_summary", text="which families have I got open")
    assert reply.payload["query"]["kind"] == "caseload"
    assert {c["case_id"] for c in reply.payload["items"]} >= {"c2", "c3"}


def test_a_managers_my_lot_is_the_team(store: Store) -> None:
    reply = ask(store, "m1", "overdue", text="anything overdue for my lot")
    assert reply.payload["query"]["kind"] == "team_overdue"


def test_when_a_child_is_due_one_type_of_item_is_their_next_one(store: Store) -> None:
    reply = ask(store, "w1", "child_summary", child="Amelia", text="when is Amelia due her review")
    assert (reply.payload["query"]["kind"], reply.payload["query"]["item_type"]) == ("next", "review")


def test_whats_due_on_a_named_childs_case_is_everything_open_for_them(store: Store) -> None:
    reply = ask(store, "w2", "due", text="what's due on Bobby's case")
    assert reply.payload["query"]["kind"] == "child_summary"
    assert {i["case_id"] for i in reply.payload["items"]} == {"c2"}


def test_a_new_councils_items_awaiting_confirmation_are_named_not_left_out_silently() -> None:
    from assistant.dialogue.caseload_phrasing import not_computed_text
    from assistant.domain.pending import NotComputed

    line = not_computed_text(
        [
            NotComputed("northshire", "visit", "drafted", ("northshire-visit-1",)),
            NotComputed("northshire", "cin_review", "drafted", ("northshire-review-1",)),
        ]
    )
    assert line.startswith("Not worked out yet for Northshire's cases: CIN reviews, visits.")
    assert "not yet confirmed" in line and "no date is given rather than a guess" in line
    assert not_computed_text([]) == ""


def test_a_window_of_one_day_ahead_is_said_as_that_day() -> None:
    assert describe_window(parse_window("on thurs", TODAY), TODAY) == "on Thursday 26 November"  # TODAY: a Monday
    assert describe_window(parse_window("by thurs", TODAY), TODAY) == "by Thursday 26 November"

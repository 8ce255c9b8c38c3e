"""Caseload questions in the chat: "what's due this week?", a child's next item, and follow-ups ("and next week?").

ActionCaseload answers one question with the entities of that message;
ActionFollowUp reuses the last question with what the new message adds. For a
worker, the point is the list they read and that "and her next review?" still
knows who "her" is. Today is Monday 23 November 2026; w1's one open case is
Amelia Kestrel's (c1), seen Thursday 5 November, so her visit is due Thursday
26 November (Medway: every 15 working days, 10.1).
"""

from __future__ import annotations

from actions.caseload import ActionCaseload, ActionFollowUp
from assistant.casestore import Store
from tests.actions.chat import run, tracker

FOREIGN = ("Bobby", "Lark", "Kite", "Dana", "Southwell", "c2", "c3", "c5")


# --- ActionCaseload ------------------------------------------------------------------------


def test_whats_due_this_week_lists_the_workers_own_items_and_keeps_the_question(served: Store) -> None:
    turn = run(ActionCaseload(), tracker("what's due this week", "due_items", entities=[("timeframe", "this week")]))
    assert turn.text == "You have 1 item due this week and nothing overdue:\n- Amelia K: visit due Thursday 26 November"
    assert turn.payload["type"] == "due_items"
    assert turn.payload["query"]["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert [(i["case_id"], i["item"], i["due"], i["status"]) for i in turn.payload["items"]] == [
        ("c1", "visit", "2026-11-26", "due")
    ]
    assert turn.slots == {"last_question": "caseload", "last_kind": "due", "timeframe": "this week"}


def test_a_childs_next_visit_remembers_her_so_her_next_review_follows_on(served: Store) -> None:
    first = run(
        ActionCaseload(),
        tracker(
            "when is Amelia's next visit",
            "child_next_item",
            entities=[("child", "Amelia"), ("item_type", "visit")],
        ),
    )
    assert first.text.startswith("Amelia K's next visit is due on Thursday 26 November")
    assert first.slots["child_case_id"] == "c1" and first.slots["last_kind"] == "next"

    # "her": no name in the message, so the child the conversation is about
    second = run(
        ActionCaseload(),
        tracker("when's her next review", "child_next_item", entities=[("item_type", "review")], slots=first.after()),
    )
    assert second.payload["query"]["child"]["case_id"] == "c1"
    assert [(i["item"], i["due"]) for i in second.payload["items"]] == [("cin_review", "2026-12-31")]
    assert second.text.startswith("Amelia K's next CIN review is due on Thursday 31 December")


def test_two_children_of_that_name_are_offered_and_the_earlier_child_is_forgotten(served: Store) -> None:
    # m1 sees Amelia Kestrel (c1) and Amelia Kite (c3); the conversation was about Bobby (c2).
    turn = run(
        ActionCaseload(),
        tracker(
            "when is Amelia's next visit",
            "child_next_item",
            sender="m1",
            entities=[("child", "Amelia"), ("item_type", "visit")],
            slots={"child": "Bobby L", "child_case_id": "c2"},
        ),
    )
    assert (turn.payload["type"], turn.payload["reason"]) == ("clarify", "ambiguous_child")
    assert {o["case_id"] for o in turn.payload["options"]} == {"c1", "c3"}
    assert turn.slots["child"] == "Amelia" and turn.slots["child_case_id"] is None  # "her" is not Bobby now


def test_a_worker_asking_about_the_team_is_told_it_is_for_managers(served: Store) -> None:
    turn = run(ActionCaseload(), tracker("what's due in my team this week", "team_due"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "not_a_manager")
    assert "for managers" in turn.text
    assert not any(word in turn.text or word in repr(turn.payload) for word in FOREIGN)


def test_records_out_of_reach_are_said_plainly_not_as_an_error(records_down: None) -> None:
    turn = run(ActionCaseload(), tracker("what's overdue", "overdue_items"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "case_store_unavailable")
    assert turn.text.startswith("I can't reach the case records just now")
    assert "Procedure questions still work" in turn.text


# --- ActionFollowUp ------------------------------------------------------------------------


LAST_WEEK_QUESTION = {"last_question": "caseload", "last_kind": "due", "timeframe": "this week"}


def test_and_next_week_asks_the_last_question_again_for_the_new_window(served: Store) -> None:
    turn = run(
        ActionFollowUp(),
        tracker("and next week?", "inform", entities=[("timeframe", "next week")], slots=LAST_WEEK_QUESTION),
    )
    assert turn.text == "You have no items due next week and none overdue."
    assert turn.payload["query"]["kind"] == "due"
    assert turn.payload["query"]["window"] == {"start": "2026-11-30", "end": "2026-12-06"}
    assert turn.slots == {"timeframe": "next week"}  # only what changed: the rest of the question stands


def test_a_child_named_after_a_list_narrows_it_to_everything_open_for_them(served: Store) -> None:
    turn = run(
        ActionFollowUp(), tracker("and Amelia?", "inform", entities=[("child", "Amelia")], slots=LAST_WEEK_QUESTION)
    )
    assert turn.payload["query"]["kind"] == "child_summary"
    assert turn.payload["query"]["child"]["case_id"] == "c1"
    assert turn.text.startswith("Amelia K (case c1) has 4 items open:")
    assert turn.slots == {"last_kind": "child_summary", "child": "Amelia K", "child_case_id": "c1"}


def test_a_council_named_after_a_procedure_answer_answers_the_same_topic_for_it(served: Store) -> None:
    turn = run(
        ActionFollowUp(),
        tracker(
            "what about in Camden?",
            "inform",
            entities=[("authority", "camden")],
            slots={"last_question": "procedure", "last_topic": "visits"},
        ),
    )
    assert (turn.payload["type"], turn.payload["topic"], turn.payload["authority"]) == ("answer", "visits", "camden")
    assert turn.text.startswith("Camden's guidance in this assistant does not set how often")
    assert turn.events == []  # still the procedure question about visits


def test_a_follow_up_with_nothing_before_it_asks_what_it_follows(served: Store) -> None:
    turn = run(ActionFollowUp(), tracker("and next week?", "inform", entities=[("timeframe", "next week")]))
    assert (turn.payload["type"], turn.payload["reason"]) == ("clarify", "no_previous_question")
    assert '"what\'s due this week?"' in turn.text
    assert turn.events == []


def test_a_follow_up_about_a_colleagues_caseload_is_declined_and_the_context_kept(served: Store) -> None:
    before = served.counts()
    turn = run(ActionFollowUp(), tracker("what about Jo's caseload?", "inform", slots=LAST_WEEK_QUESTION))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "other_worker")
    assert not any(word in turn.text or word in repr(turn.payload) for word in FOREIGN)
    assert turn.events == [] and served.counts() == before


def test_a_visit_reported_that_the_nlu_took_for_a_question_opens_the_visit_form(served: Store) -> None:
    before = served.counts()
    turn = run(
        ActionCaseload(), tracker("went round to Amelia's this afternoon, she was home with her nan", "due_items")
    )
    assert turn.replies == []  # no list of items: the form asks its questions next
    assert turn.followup == "action_prepare_visit"
    assert served.counts() == before  # nothing is written until the worker confirms the visit


def test_a_question_about_a_visit_is_still_answered_as_a_question(served: Store) -> None:
    turn = run(ActionCaseload(), tracker("has Amelia been seen since the start of the month?", "due_items"))
    assert turn.followup is None
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["kind"] == "overdue"
    assert turn.payload["query"]["item_type"] == "visit"


def test_a_follow_up_with_nothing_before_it_that_names_a_child_is_about_that_child(served: Store) -> None:
    turn = run(ActionFollowUp(), tracker("and what about Amelia", "inform", entities=[("child", "Amelia")]))
    assert turn.payload["type"] == "due_items"
    assert turn.payload["query"]["child"]["case_id"] == "c1"

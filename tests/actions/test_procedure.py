"""Procedure questions in the chat: "how often should I visit?" answered from the worker's own council's guidance.

ActionAnswerProcedure quotes and cites the guidance for the topic the intent
names, for the council the worker names or else their own; the topic is kept
so "what about Camden?" can follow. A message the NLU took for procedure that
names a child on the asker's caseload is answered from the records instead.
"""

from __future__ import annotations

from actions.caseload import ActionFollowUp
from actions.procedure import ActionAnswerProcedure
from assistant.casestore import Store
from tests.actions.chat import run, tracker


def test_a_procedure_question_is_answered_from_the_workers_own_council_and_cited(served: Store) -> None:
    turn = run(ActionAnswerProcedure(), tracker("how often should I visit a child in need", "ask_visits"))
    payload = turn.payload
    assert (payload["type"], payload["topic"], payload["authority"]) == ("answer", "visits", "medway")
    assert turn.text.startswith("Medway's guidance: Visits at least every 15 working days.")
    assert payload["citations"][0]["section"] == "10.1"
    assert "15 working days" in payload["citations"][0]["quote"]
    assert turn.slots == {"last_question": "procedure", "last_topic": "visits"}


def test_without_a_council_of_their_own_the_councils_are_set_side_by_side(served: Store) -> None:
    turn = run(ActionAnswerProcedure(), tracker("how often should I visit", "ask_visits", sender="nobody-in-the-store"))
    assert (turn.payload["type"], turn.payload["authority"], turn.payload["status"]) == ("answer", None, "compared")
    assert turn.text.startswith("How often to visit a child on a CIN plan: what each guidance held says.")
    assert "- Medway: visits at least every 15 working days" in turn.text


def test_procedure_answers_still_work_when_the_case_records_are_out_of_reach(records_down: None) -> None:
    turn = run(ActionAnswerProcedure(), tracker("how often should I visit", "ask_visits"))
    assert (turn.payload["type"], turn.payload["topic"]) == ("answer", "visits")
    assert turn.payload["citations"] and "case_store_unavailable" not in repr(turn.payload)
    assert turn.slots == {"last_question": "procedure", "last_topic": "visits"}


def test_an_intent_with_no_topic_behind_it_is_never_met_with_silence(served: Store) -> None:
    turn = run(ActionAnswerProcedure(), tracker("how often should I visit", "ask_no_such_topic"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("clarify", "not_understood")
    assert [s["topic"] for s in turn.payload["suggestions"]] == ["visits"]
    assert turn.events == []


def test_a_child_on_the_askers_caseload_named_in_a_procedure_question_gets_their_open_items(served: Store) -> None:
    turn = run(ActionAnswerProcedure(), tracker("give me a summary of Amelia Kestrel", "ask_case_summaries"))
    assert turn.payload["type"] == "due_items"
    assert turn.payload["query"]["kind"] == "child_summary"
    assert turn.payload["query"]["child"]["case_id"] == "c1"
    assert turn.text.startswith("Amelia K (case c1) has 4 items open:")
    assert turn.slots["last_question"] == "caseload"


def test_a_colleagues_child_named_in_a_procedure_question_gets_the_guidance_not_their_records(served: Store) -> None:
    turn = run(ActionAnswerProcedure(), tracker("give me a summary of Bobby Lark", "ask_case_summaries"))
    assert (turn.payload["type"], turn.payload["topic"]) == ("answer", "case_summaries")
    assert not any(word in repr(turn.payload) for word in ("c2", "ch2", "Lark", "items"))


def test_the_child_answered_for_is_the_one_her_follows_up_on(served: Store) -> None:
    # m1 was asking about Bobby (c2); then a summary of Amelia Kite (c3), which the NLU took for procedure.
    earlier = {"last_question": "caseload", "last_kind": "next", "child": "Bobby L", "child_case_id": "c2"}
    summary = run(
        ActionAnswerProcedure(),
        tracker("give me a summary of Amelia Kite", "ask_case_summaries", sender="m1", slots=earlier),
    )
    assert summary.payload["query"]["child"]["case_id"] == "c3"
    assert summary.after(earlier).get("child_case_id") == "c3", summary.events

    follow_up = run(
        ActionFollowUp(),
        tracker(
            "and her next review?",
            "inform",
            sender="m1",
            entities=[("item_type", "review")],
            slots=summary.after(earlier),
        ),
    )
    assert follow_up.payload["query"]["child"]["case_id"] == "c3", follow_up.text  # Amelia Kite's, not Bobby's

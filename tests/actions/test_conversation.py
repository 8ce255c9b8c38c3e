"""The conversation itself: greetings and small talk, "start again", and answering another question from inside a form.

ActionSmalltalk answers hello, thanks, goodbye and the like with the domain's
own responses, and anything outside the assistant's work with one plain line;
it checks the limits first, because a child in danger can come in any words.
ActionRestartConversation clears everything when the worker says "start
again". answer_elsewhere is how a form answers a question that is not its own.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import RESPONSES, ActionRestartConversation, ActionSmalltalk, answer_elsewhere
from assistant.casestore import Store
from tests.actions.chat import Turn, domain, run, tracker

SMALL_TALK = {
    "greet": "hello",
    "goodbye": "bye for now",
    "thanks": "cheers",
    "chitchat": "are you a robot",
    "affirm": "yes",
    "deny": "no",
}


def test_small_talk_gets_the_domains_own_response_for_each_intent(served: Store) -> None:
    responses = domain()["responses"]
    for intent, text in SMALL_TALK.items():
        turn = run(ActionSmalltalk(), tracker(text, intent))
        assert turn.responses == [RESPONSES[intent]] and turn.events == [], intent
        [variant] = responses[RESPONSES[intent]]  # the response the page gets: words and a smalltalk payload
        assert variant["text"] and variant["custom"] == {"type": "smalltalk"}, intent


def test_something_outside_the_assistants_work_gets_one_plain_line(served: Store) -> None:
    turn = run(ActionSmalltalk(), tracker("what's the weather like tomorrow", "out_of_scope"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "out_of_scope")
    assert turn.text.startswith("That's outside what I can help with, sorry.")
    assert turn.events == []


def test_a_visit_reported_that_the_nlu_took_for_a_greeting_opens_the_visit_form(served: Store) -> None:
    turn = run(ActionSmalltalk(), tracker("amelia seen at school this morning on her own", "greet"))
    assert turn.responses == [] and turn.messages == []  # no "Hello" to a visit report
    assert turn.events == [{"event": "followup", "timestamp": None, "name": "action_prepare_visit"}]


@pytest.mark.parametrize(
    "text",
    [
        "hi, the mum's boyfriend is hitting her right now",
        "hi, dad is drunk and hitting the kids right now",  # the limits read "hitting her", not "hitting the kids"
        "hello, mum is beating the baby right now",
    ],
)
def test_a_child_in_danger_said_as_small_talk_gets_the_signposts_not_a_greeting(served: Store, text: str) -> None:
    turn = run(ActionSmalltalk(), tracker(text, "greet"))
    assert turn.responses == [], f"{text!r} was answered with {turn.responses}, not the emergency signposts"
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "emergency")
    assert turn.payload["signposts"]


def test_start_again_clears_the_conversation_and_says_so_in_one_line() -> None:
    turn = run(
        ActionRestartConversation(),
        tracker("start again", "inform", slots={"last_question": "caseload", "child_case_id": "c1"}),
    )
    assert turn.reply == (
        "OK, starting afresh: nothing from before carries over. What would you like to ask?",
        {"type": "smalltalk", "status": "restarted"},
    )
    assert [e["event"] for e in turn.events] == ["restart"]


def test_the_nlus_guess_of_a_restart_alone_never_wipes_the_conversation() -> None:
    turn = run(ActionRestartConversation(), tracker("Zorbert' OR '1'='1", "restart_conversation"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("clarify", "not_understood")
    assert not any(e["event"] == "restart" for e in turn.events)


@pytest.mark.parametrize(
    "text, intent, entities, expected",
    [
        ("how often should I visit", "ask_visits", [], ("answer", None)),
        ("what's due this week", "due_items", [("timeframe", "this week")], ("due_items", None)),
        ("what can you do", "help", [], ("help", None)),
        ("blah blah", "chitchat", [], ("clarify", "not_understood")),
    ],
)
def test_a_question_asked_inside_a_form_is_answered_as_its_own_action_would(
    served: Store, text: str, intent: str, entities: List[Tuple[str, str]], expected: Tuple[str, Optional[str]]
) -> None:
    dispatcher = CollectingDispatcher()
    in_the_form = tracker(text, intent, entities=entities, slots={"requested_slot": "visit_date"}, form="visit_form")
    note = "(I've stopped recording the visit.)"
    turn = Turn(dispatcher.messages, answer_elsewhere(dispatcher, in_the_form, {}, note, "record_visit"))
    assert (turn.payload["type"], turn.payload.get("reason")) == expected
    assert turn.payload["set_aside"] == "record_visit" and turn.text.endswith(note)  # one reply, one payload


def test_a_child_named_in_full_in_a_message_taken_for_out_of_scope_gets_their_items(served: Store) -> None:
    turn = run(ActionSmalltalk(), tracker("next plan amelia kestrel", "out_of_scope"))
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["child"]["case_id"] == "c1"
    turn = run(ActionSmalltalk(), tracker("any ideas for a takeaway tonight", "out_of_scope"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "out_of_scope")


def test_small_talk_that_asks_about_the_work_is_answered_as_the_caseload_question_it_is(served: Store) -> None:
    turn = run(ActionSmalltalk(), tracker("anything drifting", "goodbye"))
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["kind"] == "overdue"
    turn = run(ActionSmalltalk(), tracker("bye then", "goodbye"))
    assert [m.get("response") for m in turn.messages] == ["utter_goodbye"]

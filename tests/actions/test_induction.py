"""Induction for newly qualified workers: the CIN journey step by step ("walk me through CIN"), and the quiz.

ActionInduction moves through the ten steps (start, next, back) for the
worker's council; ActionStop stops whichever is running and says where;
ActionQuizStart asks the first question; ValidateQuizForm marks each answer
and asks the next, and lets go of the quiz for a message that is not an
answer; ActionAskQuizAnswer stays silent (the question is already out);
ActionQuizFinish clears the quiz after its last question.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

from actions.induction import (
    QUIZ_LENGTH,
    ActionAskQuizAnswer,
    ActionInduction,
    ActionQuizFinish,
    ActionQuizStart,
    ActionStop,
    ValidateQuizForm,
)
from assistant.casestore import Store
from assistant.dialogue.quiz import start_quiz
from tests.actions.chat import Turn, domain, run, tracker

QUIZ_SLOTS = ("quiz_state", "quiz_answer", "requested_slot")


# --- ActionInduction -----------------------------------------------------------------------


def test_the_walk_through_starts_at_the_referral_with_the_workers_own_councils_guidance(served: Store) -> None:
    turn = run(ActionInduction(), tracker("walk me through the CIN process", "start_induction"))
    payload = turn.payload
    assert (payload["type"], payload["step"], payload["of"], payload["stage"]) == ("induction", 1, 10, "referral")
    assert payload["authority"] == "medway" and payload["citations"][0]["section"] == "3.1"
    assert turn.text.startswith("Step 1 of 10: Referral.") and turn.text.endswith("Say next, back or stop.")
    assert turn.slots == {"induction_step": 1.0, "authority": "medway"}


def test_next_and_back_keep_the_council_named_at_the_start(served: Store) -> None:
    start = run(
        ActionInduction(), tracker("walk me through CIN in Kent", "start_induction", entities=[("authority", "kent")])
    )
    assert start.payload["authority"] == "kent" and "Kent's guidance in this assistant does not" in start.text

    after_next = run(ActionInduction(), tracker("next", "next_step", slots=start.after()))
    assert (after_next.payload["step"], after_next.payload["stage"], after_next.payload["authority"]) == (
        2,
        "allocation",
        "kent",
    )
    assert after_next.slots == {"induction_step": 2.0, "authority": "kent"}

    after_back = run(ActionInduction(), tracker("go back", "previous_step", slots=after_next.after(start.after())))
    assert (after_back.payload["step"], after_back.payload["authority"]) == (1, "kent")


def test_back_at_the_first_step_says_so(served: Store) -> None:
    turn = run(
        ActionInduction(), tracker("back", "previous_step", slots={"induction_step": 1.0, "authority": "medway"})
    )
    assert turn.text.startswith("You're already at the first step. Step 1 of 10")
    assert turn.slots == {"induction_step": 1.0, "authority": "medway"}


def test_next_outside_the_walk_through_says_how_to_start_it(served: Store) -> None:
    turn = run(ActionInduction(), tracker("next", "next_step"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("clarify", "no_walk_through")
    assert '"walk me through CIN"' in turn.text and turn.events == []


def test_next_after_the_last_step_ends_the_walk_through_and_suggests_the_quiz(served: Store) -> None:
    turn = run(ActionInduction(), tracker("next", "next_step", slots={"induction_step": 10.0, "authority": "medway"}))
    assert (turn.payload["type"], turn.payload["status"]) == ("induction", "finished")
    assert "That's the end of the induction." in turn.text and '"start the quiz"' in turn.text
    assert turn.slots == {"induction_step": 11.0, "authority": "medway"}  # one past the end: "back" still works


def test_back_after_the_end_gives_the_last_step_again_as_the_end_promised(served: Store) -> None:
    end = run(ActionInduction(), tracker("next", "next_step", slots={"induction_step": 10.0, "authority": "medway"}))
    assert "Say back to hear the last step again." in end.text
    back = run(ActionInduction(), tracker("back", "previous_step", slots=end.after({"induction_step": 10.0})))
    assert back.payload.get("reason") != "no_walk_through", back.text
    assert (back.payload["type"], back.payload["step"], back.payload["stage"]) == ("induction", 10, "closure")


# --- ActionStop ----------------------------------------------------------------------------


def _quiz(answered: int = 0) -> Dict[str, Any]:
    """A Medway quiz with the first ``answered`` questions answered right."""
    state, _ = start_quiz("medway", seed=0, length=QUIZ_LENGTH)
    return {**state, "current": answered, "score": answered, "answers": [{"choice": 0, "correct": True}] * answered}


def test_stop_during_the_quiz_gives_the_score_so_far_and_ends_it() -> None:
    turn = run(
        ActionStop(), tracker("stop", "stop", slots={"quiz_state": _quiz(answered=2), "requested_slot": "quiz_answer"})
    )
    assert turn.text == 'Quiz stopped. You scored 2 out of 2. Say "start the quiz" whenever you want another go.'
    assert (turn.payload["type"], turn.payload["status"], turn.payload["score"]) == ("quiz", "stopped", 2)
    assert turn.slots == dict.fromkeys(QUIZ_SLOTS)


def test_stop_during_the_walk_through_says_which_step_it_stopped_at() -> None:
    turn = run(ActionStop(), tracker("stop", "stop", slots={"induction_step": 4.0, "authority": "medway"}))
    assert turn.reply == (
        'Stopped the walk-through at step 4. Say "walk me through CIN" to start again.',
        {"type": "induction", "status": "stopped", "step": 4},
    )
    assert turn.slots == {"induction_step": None, "authority": None}


def test_stop_with_nothing_running_says_there_is_nothing_to_stop() -> None:
    turn = run(ActionStop(), tracker("stop", "stop"))
    assert turn.reply == ("There's nothing to stop. What would you like to know?", {"type": "smalltalk"})
    assert turn.events == []


# --- ActionQuizStart -----------------------------------------------------------------------


def test_the_quiz_asks_its_first_question_on_the_workers_council_and_ends_the_walk_through(served: Store) -> None:
    quiz_me = tracker("quiz me on cin timescales", "start_quiz", slots={"induction_step": 3.0})
    turn = run(ActionQuizStart(), quiz_me)
    payload = turn.payload
    assert (payload["type"], payload["status"], payload["asked"], payload["of"]) == ("quiz", "asking", 1, QUIZ_LENGTH)
    assert payload["authority"] == "medway" and payload["question"].startswith("In Medway,")
    assert turn.text.startswith("Here's a quiz of 5 questions on Medway's CIN timescales.")
    assert turn.slots["quiz_state"]["status"] == "asking"
    assert turn.slots["quiz_answer"] is None and turn.slots["induction_step"] is None
    assert run(ActionQuizStart(), quiz_me).payload == payload  # a replayed conversation gets the same quiz


def test_a_quiz_on_guidance_not_held_is_declined_and_the_quiz_never_opens(served: Store) -> None:
    turn = run(ActionQuizStart(), tracker("quiz me on the Welsh timescales for Wales", "start_quiz"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "not_loaded")
    assert turn.slots == {} and turn.followup == "action_listen"


# --- ValidateQuizForm ----------------------------------------------------------------------


def _answer(text: str, intent: str = "inform", state: Dict[str, Any] | None = None) -> Turn:
    quiz = state if state is not None else _quiz()
    on = tracker(
        text,
        intent,
        slots={"quiz_state": quiz, "requested_slot": "quiz_answer"},
        form="quiz_form",
        candidates={"quiz_answer": text},
    )
    return run(ValidateQuizForm(), on, domain())


def _right_and_wrong(question: Dict[str, Any]) -> Tuple[str, str]:
    options = question["options"]
    return options[question["correct"]], options[(question["correct"] + 1) % len(options)]


def test_a_right_answer_is_marked_explained_from_the_guidance_and_the_next_question_asked() -> None:
    quiz = _quiz()
    right, _ = _right_and_wrong(quiz["questions"][0])
    turn = _answer(right, state=quiz)
    assert turn.text.startswith("Correct. Medway's guidance, section")
    assert "Question 2 of 5." in turn.text
    assert (turn.payload["result"]["correct"], turn.payload["score"], turn.payload["asked"]) == (True, 1, 2)
    assert turn.payload["result"]["citations"]
    assert turn.slots["quiz_answer"] is None  # the form asks again: the next question
    assert (turn.slots["quiz_state"]["current"], turn.slots["quiz_state"]["score"]) == (1, 1)


def test_a_wrong_answer_scores_nothing_and_says_what_the_guidance_sets() -> None:
    quiz = _quiz()
    right, wrong = _right_and_wrong(quiz["questions"][0])
    turn = _answer(wrong, state=quiz)
    assert turn.payload["result"]["correct"] is False and turn.payload["score"] == 0
    assert right in turn.payload["result"]["explanation"]


def test_an_answer_it_cannot_read_asks_the_same_question_again() -> None:
    quiz = _quiz()
    turn = _answer("hmm, not sure", state=quiz)
    assert turn.text.startswith("Sorry, I couldn't tell which option you meant.")
    assert "Question 1 of 5." in turn.text and turn.payload["score"] == 0
    assert turn.slots == {"quiz_answer": None, "quiz_state": quiz}


def test_the_last_answer_ends_the_quiz_with_the_score() -> None:
    quiz = _quiz(answered=QUIZ_LENGTH - 1)
    right, _ = _right_and_wrong(quiz["questions"][-1])
    turn = _answer(right, state=quiz)
    assert "That's the end of the quiz. You scored 5 out of 5." in turn.text
    assert turn.payload["status"] == "finished"
    assert turn.slots["quiz_state"] is None and turn.slots["quiz_answer"] == right  # filled: the form is done


def test_a_procedure_question_mid_quiz_is_answered_and_the_quiz_set_aside(served: Store) -> None:
    turn = _answer("how often should I visit a child in need", intent="ask_visits", state=_quiz(answered=2))
    [(answer_text, answer)] = turn.replies  # one reply, one payload: the answer, then the line about the quiz
    assert (answer["type"], answer["topic"], answer["set_aside"]) == ("answer", "visits", "quiz")
    assert answer_text.endswith('\n(I\'ve stopped the quiz at 2 out of 2. Say "quiz me" to start a new one.)')
    assert turn.leaves_the_form and turn.followup == "action_listen"
    assert turn.slots["last_topic"] == "visits" and turn.slots["quiz_state"] is None


def test_start_again_mid_quiz_restarts_the_conversation(served: Store) -> None:
    turn = _answer("start again")
    assert turn.messages == [] and turn.leaves_the_form
    assert turn.followup == "action_restart_conversation"


def test_a_request_to_decline_mid_quiz_is_declined_and_the_quiz_set_aside(served: Store) -> None:
    before = served.counts()
    turn = _answer("mark all my overdue visits as done")
    [(text, refusal)] = turn.replies
    assert (refusal["type"], refusal["reason"], refusal["set_aside"]) == ("refusal", "bulk_complete", "quiz")
    assert "stopped the quiz" in text and turn.leaves_the_form
    assert served.counts() == before


# --- ActionAskQuizAnswer and ActionQuizFinish -------------------------------------------------


def test_the_forms_ask_step_is_silent_so_each_question_is_sent_once() -> None:
    turn = run(
        ActionAskQuizAnswer(), tracker("b", "inform", slots={"quiz_state": _quiz(), "requested_slot": "quiz_answer"})
    )
    assert turn.messages == [] and turn.events == []


def test_the_quiz_is_cleared_after_its_last_question_without_another_message() -> None:
    turn = run(ActionQuizFinish(), tracker("6 months", "inform", slots={"quiz_state": None, "quiz_answer": "6 months"}))
    assert turn.messages == []
    assert turn.slots == {"quiz_state": None, "quiz_answer": None}


def test_next_outside_the_walk_through_with_a_child_named_is_that_childs_next_item(served: Store) -> None:
    turn = run(ActionInduction(), tracker("amelia kestrel next review", "next_step"))
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["child"]["case_id"] == "c1"
    turn = run(ActionInduction(), tracker("next", "next_step"))
    assert turn.payload == {"type": "clarify", "reason": "no_walk_through"}

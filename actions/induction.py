"""Induction for newly qualified workers: the CIN journey step by step, and the quiz."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    answer_named_child,
    asked_elsewhere,
    declined,
    entities,
    intent_of,
    refusal_for,
    send,
    slot,
    text_of,
)
from actions.conversation import answer_elsewhere
from actions.procedure import worker_authority
from assistant.dialogue.control import put_as_question, quiz_set_aside, wants_restart
from assistant.dialogue.induction import induction_step
from assistant.dialogue.procedure import normalise_authorities
from assistant.dialogue.quiz import answer_quiz, parse_choice, start_quiz, stop_quiz
from assistant.dialogue.reply import Reply

QUIZ_LENGTH = 5
MOVES = {"start_induction": None, "next_step": 1, "previous_step": -1}


def _authority(tracker: Tracker) -> Optional[str]:
    """A council named in this message, else the worker's own (None: councils side by side)."""
    named = normalise_authorities(entities(tracker, "authority"))
    return named[0] if named else worker_authority(tracker.sender_id)


class ActionInduction(Action):
    """Start, next and back through the journey in knowledge/induction.yml."""

    def name(self) -> Text:
        return "action_induction"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):  # "show me every case in the council" is not a walk-through
            return []
        intent = intent_of(tracker) or "start_induction"
        current = slot(tracker, "induction_step")
        authority = slot(tracker, "authority") if current else None
        if intent == "start_induction" or current is None:
            if intent != "start_induction":
                answered = answer_named_child(dispatcher, tracker, capitalised_only=False)
                if answered is not None:  # "jess nunn next review": a question about a child, not a step
                    return answered
                send(
                    dispatcher,
                    Reply(
                        'We\'re not in the walk-through. Say "walk me through CIN" to start it, '
                        'or "quiz me" for the quiz.',
                        {"type": "clarify", "reason": "no_walk_through"},
                    ),
                )
                return []
            step, authority = 1, _authority(tracker)
        else:
            step = int(current) + (MOVES.get(intent) or 1)
        reply = induction_step(step, authority)
        send(dispatcher, reply)
        if reply.payload.get("status") == "finished":  # one past the last step, so "back" hears the last one again
            return [SlotSet("induction_step", float(int(reply.payload["of"]) + 1)), SlotSet("authority", authority)]
        return [SlotSet("induction_step", float(reply.payload.get("step", step))), SlotSet("authority", authority)]


class ActionStop(Action):
    """Stops the quiz or the walk-through, whichever is running, and says where it stopped."""

    def name(self) -> Text:
        return "action_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        state = slot(tracker, "quiz_state")
        if state:
            send(dispatcher, stop_quiz(state))
            return [SlotSet("quiz_state", None), SlotSet("quiz_answer", None), SlotSet("requested_slot", None)]
        step = slot(tracker, "induction_step")
        if step:
            send(
                dispatcher,
                Reply(
                    f'Stopped the walk-through at step {int(step)}. Say "walk me through CIN" to start again.',
                    {"type": "induction", "status": "stopped", "step": int(step)},
                ),
            )
            return [SlotSet("induction_step", None), SlotSet("authority", None)]
        send(dispatcher, Reply("There's nothing to stop. What would you like to know?", {"type": "smalltalk"}))
        return []


class ActionQuizStart(Action):
    """The first question; the answers then go to quiz_form."""

    def name(self) -> Text:
        return "action_quiz_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return [FollowupAction("action_listen")]
        # The seed follows the conversation, so a replayed conversation gets the same quiz.
        state, reply = start_quiz(_authority(tracker), seed=len(tracker.events), length=QUIZ_LENGTH)
        send(dispatcher, reply)
        return [SlotSet("quiz_state", state), SlotSet("quiz_answer", None), SlotSet("induction_step", None)]


class ValidateQuizForm(FormValidationAction):
    """Each answer is scored and explained, and the next question asked, until the last."""

    def name(self) -> Text:
        return "validate_quiz_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        let_go = _leave_quiz(dispatcher, tracker, domain)
        return let_go if let_go is not None else await super().run(dispatcher, tracker, domain)

    def validate_quiz_answer(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        if value is None:  # cleared when the quiz started: the question is already out
            return {}
        state = slot(tracker, "quiz_state")
        if not state:  # the quiz was stopped or lost: end the form rather than loop
            return {"quiz_answer": "", "quiz_state": None}
        state, reply = answer_quiz(state, str(value or ""))
        send(dispatcher, reply)
        if reply.payload.get("status") == "finished":
            return {"quiz_answer": str(value), "quiz_state": None}
        return {"quiz_answer": None, "quiz_state": state}


def _leave_quiz(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> Optional[List[Dict[Text, Any]]]:
    """The events that leave the quiz when the message is not an answer to its question; None to go on."""
    state = slot(tracker, "quiz_state")
    if not state or not tracker.get_slot("requested_slot"):
        return None
    text = text_of(tracker)
    question = state["questions"][state["current"]] if 0 <= state.get("current", -1) < len(state["questions"]) else None
    asks = put_as_question(text) and asked_elsewhere(tracker)  # "what's due this week?"
    if question is not None and not asks and parse_choice(text, question["options"]) is not None:
        return None  # an answer, however it is worded ("this week" can read as an option "every week")
    leave = [
        SlotSet("quiz_state", None),
        SlotSet("quiz_answer", None),
        SlotSet("requested_slot", None),
        ActiveLoop(None),
    ]
    if wants_restart(text):
        return leave + [FollowupAction("action_restart_conversation")]
    note = quiz_set_aside(int(state.get("score", 0)), len(state.get("answers", [])))
    refused = refusal_for(tracker)
    if refused is not None:
        answer_elsewhere(dispatcher, tracker, domain, note, "quiz", refusal=refused)
        return leave + [FollowupAction("action_listen")]
    if asked_elsewhere(tracker):
        events = answer_elsewhere(dispatcher, tracker, domain, note, "quiz")
        return events + leave + [FollowupAction("action_listen")]
    return None


class ActionAskQuizAnswer(Action):
    """Silent: the question is always sent by the step before it (start or the last answer)."""

    def name(self) -> Text:
        return "action_ask_quiz_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return []


class ActionQuizFinish(Action):
    """Clears the quiz after its last question (the score was sent with the last answer)."""

    def name(self) -> Text:
        return "action_quiz_finish"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return [SlotSet("quiz_state", None), SlotSet("quiz_answer", None)]

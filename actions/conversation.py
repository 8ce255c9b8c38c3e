"""The conversation itself: greetings and small talk (after the limits), starting afresh, and the router a form
uses to answer a question that is not the answer to its own."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.caseload import ActionCaseload
from actions.common import answer_named_child, declined, intent_of, send, text_of, today
from actions.fallback import ActionFallbackTopics
from actions.help import ActionHelp
from actions.procedure import ActionAnswerProcedure
from assistant.dialogue.caseload_words import late_in_words
from assistant.dialogue.control import asks_what_is_due, restarted, wants_restart
from assistant.dialogue.intents import CASELOAD, PROCEDURE, message_kind
from assistant.dialogue.reply import Reply, out_of_scope
from assistant.dialogue.visit_message import reports_a_visit

#: Each small-talk intent and the domain response it gets.
RESPONSES: Dict[str, str] = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thanks": "utter_you_are_welcome",
    "chitchat": "utter_chitchat",
    "affirm": "utter_anything_else",
    "deny": "utter_anything_else",
}


class ActionSmalltalk(Action):
    """Greetings, thanks and the like, and out of scope: after the limits (a danger can come in any words)."""

    def name(self) -> Text:
        return "action_smalltalk"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        text = text_of(tracker)
        if reports_a_visit(text, today()):  # "joy seen at school this morning" is no greeting
            return [FollowupAction("action_prepare_visit")]
        intent = intent_of(tracker) or ""
        # "next review hope fairweather", "what are my reviews looking like in january"; and small talk that asks
        # about the work ("anything drifting", "cheers - anything due tomorrow?")
        if intent == "out_of_scope" or late_in_words(text) or asks_what_is_due(text):
            answered = answer_named_child(dispatcher, tracker, capitalised_only=True)
            if answered is not None:
                return answered
        if intent in RESPONSES:
            dispatcher.utter_message(response=RESPONSES[intent])
        else:
            send(dispatcher, out_of_scope())
        return []


class ActionRestartConversation(Action):
    """ "Start again": the conversation cleared (slots, forms, the last question), said in one line."""

    def name(self) -> Text:
        return "action_restart_conversation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not wants_restart(text_of(tracker)):  # the NLU's guess alone never wipes a conversation
            return ActionFallbackTopics().run(dispatcher, tracker, domain)
        send(dispatcher, restarted())
        return [Restarted()]


def answer_elsewhere(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: Dict[Text, Any],
    note: str,
    set_aside: str,
    refusal: Optional[Reply] = None,
) -> List[Dict[Text, Any]]:
    """From inside a form: the other request answered (or ``refusal`` sent) as one reply, with the line saying
    the form was put aside added to its text and ``set_aside`` (the form) to its payload: one payload per reply."""
    inner = CollectingDispatcher()
    if refusal is not None:
        send(inner, refusal)
        events: List[Dict[Text, Any]] = []
    else:
        events = _answer_as_its_intent(inner, tracker, domain)
    last = inner.messages[-1] if inner.messages else None
    if last is None or last.get("response"):  # a domain response, or nothing said: the note as its own reply
        dispatcher.messages.extend(inner.messages)
        send(dispatcher, Reply(note, {"type": "form", "status": "set_aside", "set_aside": set_aside}))
        return events
    last["text"] = f"{last.get('text') or ''}\n{note}".strip()
    last["custom"] = {**(last.get("custom") or {}), "set_aside": set_aside}
    dispatcher.messages.extend(inner.messages)
    return events


def _answer_as_its_intent(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
) -> List[Dict[Text, Any]]:
    """Answer the latest message as the action its intent names would."""
    intent = intent_of(tracker)
    kind = message_kind(intent)
    if kind == PROCEDURE:
        return ActionAnswerProcedure().run(dispatcher, tracker, domain)
    if kind == CASELOAD:
        return ActionCaseload().run(dispatcher, tracker, domain)
    if intent == "help":
        return ActionHelp().run(dispatcher, tracker, domain)
    return ActionFallbackTopics().run(dispatcher, tracker, domain)

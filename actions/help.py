"""The help answer: what the assistant can really do, from `assistant.services.capabilities`."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import answer_named_child, declined, send, text_of
from assistant.dialogue.reply import Reply
from assistant.services.capabilities import describe_capabilities

#: Words of a question about the assistant itself ("what can you do", "help"): always the help answer.
_ASKS_ABOUT_THE_ASSISTANT = re.compile(r"\b(?:you|u|help|assistant|bot|this thing|capabilities)\b", re.IGNORECASE)


class ActionHelp(Action):
    """Lists the ready capabilities and the guidance corpus actually loaded."""

    def name(self) -> Text:
        return "action_help"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        if not _ASKS_ABOUT_THE_ASSISTANT.search(text_of(tracker)):
            answered = answer_named_child(dispatcher, tracker, capitalised_only=True)
            if answered is not None:  # "right what's on for today": the worker's own day, not what I can do
                return answered
        answer = describe_capabilities()
        send(dispatcher, Reply(answer.text, answer.payload))
        return []

"""The help answer: what the assistant can really do, from `assistant.services.capabilities`."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import declined, send
from assistant.dialogue.reply import Reply
from assistant.services.capabilities import describe_capabilities


class ActionHelp(Action):
    """Lists the ready capabilities and the guidance corpus actually loaded."""

    def name(self) -> Text:
        return "action_help"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        answer = describe_capabilities()
        send(dispatcher, Reply(answer.text, answer.payload))
        return []

"""Not understood: offer the closest topics (assistant.conversation.fallback)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import answer_named_child, send, text_of
from assistant.conversation.fallback import not_understood


class ActionFallbackTopics(Action):
    def name(self) -> Text:
        return "action_fallback_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        answered = answer_named_child(dispatcher, tracker, capitalised_only=False)
        if answered is not None:  # "what's open for Milo Calderford": a name the NLU never saw
            return answered
        send(dispatcher, not_understood(text_of(tracker)))
        return []

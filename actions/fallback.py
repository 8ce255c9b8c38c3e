"""Not understood: offer the closest topics (assistant.conversation.fallback)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import caseload_rescue, send, text_of
from assistant.conversation.fallback import not_understood


class ActionFallbackTopics(Action):
    def name(self) -> Text:
        return "action_fallback_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        rescued = caseload_rescue(tracker, capitalised_only=False)
        if rescued is not None:  # "what's open for Milo Calderford": a name the NLU never saw
            send(dispatcher, rescued)
            return [SlotSet("last_question", "caseload"), SlotSet("last_kind", (rescued.payload.get("query") or {}).get("kind", "child_summary"))]
        send(dispatcher, not_understood(text_of(tracker)))
        return []

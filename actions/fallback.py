"""Not understood: the guidance's answer when the NLU leans to procedure and a passage answers, else the closest
topics (assistant.dialogue.fallback)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    answer_named_child,
    declined,
    entities,
    intent_of,
    remember,
    send,
    text_of,
)
from actions.procedure import worker_authority
from assistant.dialogue.fallback import FALLBACK_INTENT, not_sure
from assistant.dialogue.procedure import sentence_vector_in


class ActionFallbackTopics(Action):
    def name(self) -> Text:
        return "action_fallback_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        answered = answer_named_child(dispatcher, tracker, capitalised_only=False)
        if answered is not None:  # "what's open for Milo Calderford": a name the NLU never saw
            return answered
        # Only the NLU's own fallback has a ranking worth a second opinion (not the dialogue's).
        ranking = tracker.latest_message.get("intent_ranking") or [] if intent_of(tracker) == FALLBACK_INTENT else []
        home = worker_authority(tracker.sender_id) if ranking else None
        reply = not_sure(
            text_of(tracker), ranking, entities(tracker, "authority"), home, sentence_vector_in(tracker.latest_message)
        )
        send(dispatcher, reply)
        topic = reply.payload.get("topic") if reply.type == "answer" else None
        return remember(tracker, last_question="procedure", last_topic=topic) if topic else []

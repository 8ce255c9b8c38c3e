"""Procedure questions: the topic from the intent, the council from the entity or the worker."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    answer_named_child,
    declined,
    entities,
    intent_of,
    or_out_of_reach,
    remember,
    send,
    store,
    text_of,
)
from assistant.dialogue.fallback import not_understood
from assistant.dialogue.procedure import (
    answer_procedure,
    home_authority,
    sentence_vector_in,
    topic_for_intent,
    topic_prior,
)

logger = logging.getLogger(__name__)


def worker_authority(sender_id: Optional[str]) -> Optional[str]:
    """The sender's council; None when unknown or the case store cannot be reached.

    Procedure answers need no case store, so a store fault only loses the
    worker's default council (the answer then compares councils).
    """
    return or_out_of_reach(lambda: home_authority(store(), sender_id), "finding the worker's council", None)


class ActionAnswerProcedure(Action):
    """Answers ``ask_<topic>`` from the council's guidance, quoted and cited."""

    def name(self) -> Text:
        return "action_answer_procedure"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        topic = topic_for_intent(intent_of(tracker))
        if topic is None:  # a rule/story mismatch: never silent
            send(dispatcher, not_understood(text_of(tracker)))
            return []
        answered = answer_named_child(dispatcher, tracker, capitalised_only=True)
        if answered is not None:  # "give me a summary of Eden": about a child on their caseload
            return answered
        ranking = tracker.latest_message.get("intent_ranking") or [{"name": intent_of(tracker), "confidence": 1.0}]
        reply = answer_procedure(
            text_of(tracker),
            entities(tracker, "authority"),
            worker_authority(tracker.sender_id),
            topic_prior(ranking),
            sentence_vector_in(tracker.latest_message),
        )
        send(dispatcher, reply)
        return remember(tracker, last_question="procedure", last_topic=topic)

"""Caseload questions and follow-ups: what is due, overdue, a child's next item, the team's."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    answer_named_child,
    declined,
    entities,
    entity,
    intent_of,
    or_out_of_reach,
    remember,
    send,
    slot,
    store,
    text_of,
    today,
    via_chat,
)
from actions.procedure import worker_authority
from assistant.dialogue.caseload import CaseloadRequest, answer_caseload
from assistant.dialogue.caseload_words import names_work
from assistant.dialogue.intents import CHILD_KINDS, follow_up_kind, kind_of
from assistant.dialogue.procedure import answer_topic
from assistant.dialogue.reply import Reply
from assistant.dialogue.unavailable import CANT_REACH
from assistant.dialogue.visit_message import reports_a_visit

logger = logging.getLogger(__name__)


def _run(tracker: Tracker, request: CaseloadRequest) -> Reply:
    """Answer ``request`` for the sender, or say plainly that the records are out of reach."""
    return or_out_of_reach(
        lambda: answer_caseload(store(), tracker.sender_id, request, today(), via_chat(tracker)),
        "answering a caseload question",
        CANT_REACH,
    )


def _remember(tracker: Tracker, reply: Reply, request: CaseloadRequest) -> List[Dict[Text, Any]]:
    """Slots that let the next message follow up on this one."""
    values: Dict[str, Any] = {
        "last_question": "caseload",
        "last_kind": request.kind,
        "item_type": request.item_type,
        "timeframe": request.timeframe,
    }
    child = (reply.payload.get("query") or {}).get("child") if reply.payload.get("type") == "due_items" else None
    if child:
        values.update(child=child.get("name"), child_case_id=child.get("case_id"))
    elif request.child:
        values.update(child=request.child, child_case_id=None)
    return remember(tracker, **values)


class ActionCaseload(Action):
    """One caseload question, with only the entities of this message."""

    def name(self) -> Text:
        return "action_caseload"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        if reports_a_visit(text_of(tracker), today()):  # "visited Sunny on the 4th": a visit to record
            return [FollowupAction("action_prepare_visit")]
        kind = kind_of(intent_of(tracker))
        child = entity(tracker, "child")
        request = CaseloadRequest(
            kind=kind,
            item_type=" ".join(entities(tracker, "item_type")) or None,  # "cin" + "review" -> "cin review"
            timeframe=entity(tracker, "timeframe"),
            child=child,
            # "when's her next review?": no name, so the child the conversation is about
            case_id=None if child else slot(tracker, "child_case_id") if kind in CHILD_KINDS else None,
            text=text_of(tracker),
        )
        reply = _run(tracker, request)
        send(dispatcher, reply)
        return _remember(tracker, reply, request)


class ActionFollowUp(Action):
    """A follow-up ("and her next visit?", "what about Camden?") reuses the last question."""

    def name(self) -> Text:
        return "action_follow_up"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):
            return []
        last = slot(tracker, "last_question")
        named = entities(tracker, "authority")
        if last == "procedure" and slot(tracker, "last_topic") and (named or not self._caseload_words(tracker)):
            topic = slot(tracker, "last_topic")
            reply = answer_topic(topic, text_of(tracker), named, worker_authority(tracker.sender_id))
            send(dispatcher, reply)
            return remember(tracker, last_question="procedure")
        kind = slot(tracker, "last_kind")
        if not kind:
            answered = answer_named_child(dispatcher, tracker, capitalised_only=False)
            if answered is not None:  # "tell me about Nicolás", "amara supervision when": about that child
                return answered
        if not kind and (entities(tracker, "item_type") or names_work(text_of(tracker), today())):
            kind = "due"  # "reviews in april" with nothing before it: the asker's own items
        if not kind:
            send(
                dispatcher,
                Reply(
                    "I'm not sure what that follows on from. You can ask, for example, "
                    '"what\'s due this week?" or "how often should I visit?"',
                    {"type": "clarify", "reason": "no_previous_question"},
                ),
            )
            return []
        child = entity(tracker, "child")
        item_type = entity(tracker, "item_type")
        kind = follow_up_kind(kind, bool(child), bool(item_type))
        request = CaseloadRequest(
            kind=kind,
            item_type=item_type or slot(tracker, "item_type"),
            timeframe=entity(tracker, "timeframe") or slot(tracker, "timeframe"),
            child=child or (None if slot(tracker, "child_case_id") else slot(tracker, "child")),
            case_id=None if child else slot(tracker, "child_case_id"),
            text=text_of(tracker),
        )
        reply = _run(tracker, request)
        send(dispatcher, reply)
        return _remember(tracker, reply, request)

    @staticmethod
    def _caseload_words(tracker: Tracker) -> bool:
        return any(entities(tracker, name) for name in ("child", "item_type", "timeframe"))

"""What every action shares: the case store, today's date, the entities, sending a reply.

Actions are thin adapters (docs/conversation.md): they read the tracker, call
one function in ``assistant/``, and send its :class:`Reply` as the text and the
one custom payload of the reply contract.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Dict, List, Optional, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.dialogue.caseload import caseload_rescue
from assistant.dialogue.control import elsewhere
from assistant.dialogue.limit_examples import learned_limit
from assistant.dialogue.limits import decline
from assistant.dialogue.reply import Reply
from assistant.dialogue.visit_message import reports_a_visit
from assistant.services import context
from assistant.services.context import Via

logger = logging.getLogger(__name__)


store = context.case_store  # the case store, opened once per action server
today = context.today  # today, or CIN_TODAY for tests and demos


T = TypeVar("T")


def or_out_of_reach(work: Callable[[], T], doing: str, fallback: T) -> T:
    """``work()``; if the case store fails, ``fallback`` (usually the "can't reach the records" reply).

    A store fault must never silence the chat or show a stack trace; it is
    logged with what was being done, never the message or a child's name.
    """
    try:
        return work()
    except Exception:  # noqa: BLE001 - any store fault: the worker is told plainly
        logger.warning("case store unavailable while %s", doing, exc_info=True)
        return fallback


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """The reply contract: the text, then exactly one custom payload.

    One bot message carrying both (channels send the text, then the custom
    payload): a conversation's history, which Rasa reloads and the action
    server receives on every turn, grows by one event per reply, not two.
    """
    dispatcher.utter_message(text=reply.text, json_message=reply.payload)


def entities(tracker: Tracker, name: str) -> List[str]:
    """Values of entity ``name`` in the latest message, in order (synonyms applied by the NLU)."""
    return [str(v) for v in tracker.get_latest_entity_values(name) if v is not None and str(v).strip()]


def entity(tracker: Tracker, name: str) -> Optional[str]:
    """The first value of entity ``name`` in the latest message, if any."""
    values = entities(tracker, name)
    return values[0] if values else None


def text_of(tracker: Tracker) -> str:
    """The latest user message's text ("" if none)."""
    return str(tracker.latest_message.get("text") or "")


def intent_of(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def asked_elsewhere(tracker: Tracker) -> bool:
    """Inside a form: the NLU is sure the latest message is a request of its own (dialogue.control.elsewhere)."""
    confidence = float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)
    return elsewhere(intent_of(tracker), confidence)


def slot(tracker: Tracker, name: str) -> Any:
    return tracker.get_slot(name)


def remember(tracker: Tracker, **values: Any) -> List[Dict[str, Any]]:
    """SlotSet events for the slots whose value changes (in the order given).

    An unchanged slot needs no event; leaving it out keeps the conversation's
    history, which Rasa reloads and sends to the action server on every turn,
    short.
    """
    return [SlotSet(name, value) for name, value in values.items() if tracker.get_slot(name) != value]


def via_chat(tracker: Tracker) -> Via:
    """The way in for the audit trail: the chat, and which channel (rest, web, voice) it came through."""
    return context.chat_via(tracker.get_latest_input_channel())


def answer_named_child(
    dispatcher: CollectingDispatcher, tracker: Tracker, capitalised_only: bool
) -> Optional[List[Dict[str, Any]]]:
    """Answer as a caseload question if the message names one of the sender's children.

    Returns the slot events when it answered, None when no child of theirs is
    named (the caller then sends its own reply). See
    :func:`assistant.dialogue.caseload.caseload_rescue`; a store that cannot
    be reached counts as no child named.
    """
    if reports_a_visit(text_of(tracker), today()):  # "saw Grace and Joy today, together": a visit to record
        return [FollowupAction("action_prepare_visit")]
    reply = or_out_of_reach(  # the store is down: answer as if no child was named
        lambda: caseload_rescue(
            store(), tracker.sender_id, text_of(tracker), today(), capitalised_only, via_chat(tracker)
        ),
        "looking for a child named in a message",
        None,
    )
    if reply is None:
        return None
    send(dispatcher, reply)
    query = reply.payload.get("query") or {}
    values: Dict[str, Any] = {"last_question": "caseload", "last_kind": query.get("kind", "child_summary")}
    child = query.get("child") if reply.payload.get("type") == "due_items" else None
    if child:  # "and her next review?" follows up on the child this answer was about
        values.update(child=child.get("name"), child_case_id=child.get("case_id"))
    return remember(tracker, **values)


def refusal_for(tracker: Tracker) -> Optional[Reply]:
    """The refusal the latest message gets (assistant.dialogue.limits), or None.

    With the case store out of reach the limits that need no records (danger,
    legal, changing records, dates...) still apply.
    """
    text = text_of(tracker)
    guess = learned_limit(tracker.latest_message)
    return or_out_of_reach(
        lambda: decline(store(), tracker.sender_id, text, today(), guess),
        "checking a request against the limits",
        decline(None, None, text, today(), guess),
    )


def declined(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Send the refusal if the message is a request the assistant must decline; checked before any answer."""
    reply = refusal_for(tracker)
    if reply is None:
        return False
    logger.info("declined a request (%s)", reply.reason)
    send(dispatcher, reply)
    return True

"""One chat turn for a signed-in caller: the message into Rasa, the replies out, never silence."""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from assistant.channels.gate import Caller

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARACTERS = 5000

SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side and I couldn't answer that. Please try again."


class BadMessage(ValueError):
    """A request body that carries no usable message; the text is safe to show."""


def message_text(body: Any) -> str:
    """The ``message`` of a JSON body, or BadMessage saying what is wrong."""
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        raise BadMessage('Send JSON like {"message": "what is due this week?"}.')
    return body["message"]


def _fallback(recipient: str) -> List[Dict[str, Any]]:
    return [
        {"recipient_id": recipient, "text": SOMETHING_WENT_WRONG},
        {"recipient_id": recipient, "custom": {"type": "refusal", "reason": "internal_error"}},
    ]


async def converse(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], caller: Caller, text: str, channel: str,
) -> List[Dict[str, Any]]:
    """Run ``text`` through the assistant as the caller; the replies (an apology rather than nothing)."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(
            UserMessage(text, collector, caller.worker_id, input_channel=channel, metadata=caller.metadata())
        )
    except Exception:  # noqa: BLE001 - logged without the message text; the user still gets a reply
        logger.error("a %s message could not be handled", channel, exc_info=True)
        return _fallback(caller.worker_id)
    return collector.messages or _fallback(caller.worker_id)


__all__ = ["BadMessage", "MAX_MESSAGE_CHARACTERS", "SOMETHING_WENT_WRONG", "converse", "message_text"]

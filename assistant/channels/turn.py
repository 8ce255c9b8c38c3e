"""One chat turn for a signed-in caller: the message into Rasa, the replies out, never silence."""

from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from assistant.channels import degraded
from assistant.channels.gate import Caller
from assistant.dialogue.language import english_only, is_welsh
from assistant.dialogue.reply import Reply, clarify

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARACTERS = 5000  # the page stops at 2,000; longer is a pasted document, not a question

EMPTY_MESSAGE = (
    'I didn\'t get any words in that message. You can ask about CIN procedure ("how often should I visit?") '
    'or your caseload ("what\'s due this week?"), or say "what can you do?".'
)
TOO_LONG = (
    "That message is too long for me ({length:,} characters; I read up to {limit:,}). "
    "Please ask one question at a time, in a sentence or two."
)
# C0/C1 control characters (tab and newline kept), unpaired surrogates (JSON can carry them,
# UTF-8 cannot) and stray byte-order marks: nothing a worker means, and they break encoders downstream.
_UNREADABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


def screen_message(text: str) -> Tuple[str, Optional[Reply]]:
    """The text the assistant should read, or the reply to give instead of reading it at all.

    Too long, empty once unreadable characters are gone, or Welsh: answered here
    with a calm sentence. Otherwise control characters and unpaired surrogates
    become spaces, and a leading "/" is dropped, so Rasa's ``/intent{...}``
    shortcut cannot pick an intent or set entities past the NLU.
    """
    if len(text) > MAX_MESSAGE_CHARACTERS:
        return text, clarify(
            "too_long",
            TOO_LONG.format(length=len(text), limit=MAX_MESSAGE_CHARACTERS),
            limit=MAX_MESSAGE_CHARACTERS,
        )
    cleaned = _UNREADABLE.sub(" ", text).strip()
    if cleaned.startswith("/"):
        cleaned = cleaned.lstrip("/ ")
    if not cleaned:
        return cleaned, clarify("empty_message", EMPTY_MESSAGE)
    if is_welsh(cleaned):
        return cleaned, english_only()
    return cleaned, None


def _reply_messages(recipient: str, reply: Reply) -> List[Dict[str, Any]]:
    """A domain reply as the channel's messages: its text, then its payload (docs/conversation.md)."""
    return [{"recipient_id": recipient, "text": reply.text}, {"recipient_id": recipient, "custom": reply.payload}]


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


def agent_of(request: Any) -> Optional[Any]:
    """The Rasa agent serving ``request`` (Rasa keeps it on the Sanic app's context)."""
    return getattr(request.app.ctx, "agent", None)


async def _nothing_came_back(caller: Caller, text: str, agent: Optional[Any]) -> List[Dict[str, Any]]:
    """An empty or failed turn: the degraded-mode answer if the action server is down, else the apology."""
    reply = None if agent is None else await degraded.rescue(caller.worker_id, text, agent)
    return _fallback(caller.worker_id) if reply is None else _reply_messages(caller.worker_id, reply)


async def converse(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    caller: Caller,
    text: str,
    channel: str,
    agent: Optional[Any] = None,
    parse_data: Optional[Dict[str, Any]] = None,
) -> List[Dict[str, Any]]:
    """Run ``text`` through the assistant as the caller; the replies (an apology rather than nothing).

    ``agent`` (the server's Rasa agent) lets an empty turn be answered in
    degraded mode when the action server is down (assistant/channels/degraded.py).
    ``parse_data``: the NLU's parse of ``text`` if the channel already has it
    (the voice channel parses its readings to choose one); Rasa then uses it
    instead of parsing again. Ignored if screening changed the text.
    """
    text, screened = screen_message(text)
    if screened is not None:  # answered here; the reason only, never the text, is logged
        logger.info("a %s message was answered before the assistant: %s", channel, screened.reason)
        return _reply_messages(caller.worker_id, screened)
    collector = CollectingOutputChannel()
    parsed = parse_data if parse_data is not None and parse_data.get("text") == text else None
    try:
        await on_new_message(
            UserMessage(
                text, collector, caller.worker_id, parse_data=parsed, input_channel=channel, metadata=caller.metadata()
            )
        )
    except Exception:  # noqa: BLE001 - logged without the message text; the user still gets a reply
        logger.error("a %s message could not be handled", channel, exc_info=True)
        return await _nothing_came_back(caller, text, agent)
    return collector.messages or await _nothing_came_back(caller, text, agent)


async def restart(on_new_message: Callable[[UserMessage], Awaitable[Any]], caller: Caller, channel: str) -> None:
    """Start the caller's conversation afresh: Rasa's own restart (slots, forms and history forgotten).

    Sent as Rasa's ``/restart`` intent past the screening that drops a leading
    "/" from typed messages: only this route, for the token's own worker, can do it.
    """
    await on_new_message(
        UserMessage(
            "/restart",
            CollectingOutputChannel(),
            caller.worker_id,
            input_channel=channel,
            metadata=caller.metadata(),
        )
    )


__all__ = [
    "BadMessage",
    "EMPTY_MESSAGE",
    "MAX_MESSAGE_CHARACTERS",
    "SOMETHING_WENT_WRONG",
    "TOO_LONG",
    "agent_of",
    "converse",
    "message_text",
    "restart",
    "screen_message",
]

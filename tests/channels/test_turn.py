"""One chat turn: what reaches Rasa, and that a parse the channel already made is not made again."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, Dict, List

from rasa.core.channels.channel import UserMessage

from assistant.channels.gate import Caller
from assistant.channels.tokens import Identity
from assistant.channels.turn import converse

CALLER = Caller(
    Identity("medway-w0005", "social_worker", "t1", dt.datetime(2030, 1, 1), "local"), "Test Worker", "social_worker"
)


def _turn(text: str, parse_data: Any = None) -> List[UserMessage]:
    received: List[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)
        message.output_channel.messages.append({"recipient_id": message.sender_id, "text": "ok"})

    replies = asyncio.run(converse(on_new_message, CALLER, text, "voice", parse_data=parse_data))
    assert replies == [{"recipient_id": "medway-w0005", "text": "ok"}]
    return received


def test_the_channels_parse_of_the_words_goes_to_rasa_so_it_is_not_parsed_twice() -> None:
    parsed: Dict[str, Any] = {
        "text": "when is amelia's next visit",
        "intent": {"name": "child_next_item", "confidence": 0.97},
        "entities": [{"entity": "child", "value": "amelia"}],
    }
    (message,) = _turn("when is amelia's next visit", parsed)
    assert message.parse_data == parsed
    assert (message.sender_id, message.input_channel) == ("medway-w0005", "voice")


def test_without_a_parse_rasa_parses_the_words_itself() -> None:
    (message,) = _turn("when is amelia's next visit")
    assert message.parse_data is None


def test_a_parse_of_other_words_than_those_sent_is_not_used() -> None:
    # Screening drops a leading "/" (no /intent shortcuts): the parse was of the unscreened words.
    parsed = {"text": "/child_next_item", "intent": {"name": "child_next_item", "confidence": 1.0}, "entities": []}
    (message,) = _turn("/child_next_item", parsed)
    assert message.text == "child_next_item"
    assert message.parse_data is None

"""Boot the real Rasa server and the real action server, talk over HTTP, stop them."""

from __future__ import annotations

import pytest

from assistant.runtime.launcher import RunningAssistant
from tests.e2e.conftest import payload as _payload
from tests.e2e.conftest import texts as _texts

pytestmark = pytest.mark.e2e


def test_greeting_is_answered_over_rest(assistant: RunningAssistant) -> None:
    replies = assistant.send("w4", "hello")
    assert "CIN Practice Assistant" in _texts(replies)


def test_help_comes_from_the_action_server_and_lists_the_guidance(assistant: RunningAssistant) -> None:
    replies = assistant.send("w4", "what can you do?")
    assert "Medway Council" in _texts(replies)  # built by action_help from the manifest
    assert _payload(replies)["type"] == "help"


def test_off_topic_question_gets_an_out_of_scope_reply(assistant: RunningAssistant) -> None:
    replies = assistant.send("w4", "what's the weather like today")
    assert (_payload(replies)["type"], _payload(replies)["reason"]) == ("refusal", "out_of_scope")


def test_gibberish_gets_a_clarifying_fallback_not_a_guess(assistant: RunningAssistant) -> None:
    replies = assistant.send("w4", "zqxv blorptang wub")
    reply = _payload(replies)
    assert (reply["type"], reply["reason"], reply["suggestions"]) == ("clarify", "not_understood", [])
    assert "didn't understand" in _texts(replies)


def test_goodbye_ends_politely(assistant: RunningAssistant) -> None:
    assert "Goodbye" in _texts(assistant.send("w4", "ok bye"))

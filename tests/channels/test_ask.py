"""The ask route's door: the service secret, and the questions it accepts."""

from __future__ import annotations

import pytest

from assistant.channels.ask import MAX_QUESTIONS, BadQuestions, allowed, questions_of


def test_only_the_service_secret_opens_the_door() -> None:
    secret = "s" * 40
    assert allowed(secret, secret)
    assert not allowed(None, secret) and not allowed("", secret) and not allowed("s" * 39, secret)
    assert not allowed(secret, "")  # a server without a secret answers nobody


def test_questions_come_with_an_optional_council() -> None:
    body = {"questions": [{"text": " who chairs ", "authority": "kent"}, {"text": "what is cin"}]}
    assert questions_of(body) == [
        {"text": "who chairs", "authority": "kent"},
        {"text": "what is cin", "authority": None},
    ]


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"questions": []},
        {"questions": "who chairs"},
        {"questions": [{"text": ""}]},
        {"questions": [{"text": 5}]},
        {"questions": [{"text": "x" * 6000}]},
        {"questions": [{"text": "who chairs", "authority": 3}]},
        {"questions": [{"text": "q"}] * (MAX_QUESTIONS + 1)},
    ],
)
def test_anything_else_gets_a_message_saying_what_to_send(body) -> None:
    with pytest.raises(BadQuestions) as raised:
        questions_of(body)
    assert str(raised.value)

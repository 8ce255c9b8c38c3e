"""What the signed-in channels share: the gate, and answering one JSON chat message."""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.gate import Gate, Refused, default_gate
from assistant.channels.http import caller_of, error, json_answer, json_body, refused
from assistant.channels.turn import (
    BadMessage,
    agent_of,
    converse,
    message_text,
    restart,
)


class SignedChannel(InputChannel):
    """A Rasa input channel whose every request passes the gate (tests may hand it their own)."""

    def __init__(self, gate: Optional[Gate] = None) -> None:
        self._gate = gate

    @property
    def gate(self) -> Gate:
        return self._gate or default_gate()

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SignedChannel":
        return cls()

    async def answer_json_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        """``{"message"}`` from a signed-in caller -> the replies; 401/403/503 or 400 otherwise."""
        try:
            caller = caller_of(request, self.gate)
        except Refused as exc:
            return refused(exc, self.name())
        try:
            text = message_text(json_body(request))
        except BadMessage as exc:
            return error(400, str(exc))
        return json_answer(await converse(on_new_message, caller, text, self.name(), agent=agent_of(request)))

    async def answer_restart(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        """A signed-in caller's conversation started afresh; 401/403/503 otherwise."""
        try:
            caller = caller_of(request, self.gate)
        except Refused as exc:
            return refused(exc, self.name())
        await restart(on_new_message, caller, self.name())
        return json_answer({"restarted": True})


def ready(request: Request) -> Dict[str, Any]:
    """The channel's health answer: up, and whether the trained model is loaded (the launcher waits for it)."""
    agent = agent_of(request)
    return {"status": "ok", "ready": bool(agent is not None and agent.is_ready())}


__all__ = ["SignedChannel", "ready"]

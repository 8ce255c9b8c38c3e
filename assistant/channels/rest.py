"""The REST channel for integrations and tests: the same bearer token as the page.

Same URL and reply format as Rasa's own REST channel (``POST
/webhooks/rest/webhook`` with ``{"message": ...}``, a list of ``{"recipient_id",
"text"}`` and ``{"recipient_id", "custom"}`` back), but the sender is the
token's worker: a ``sender`` in the body is ignored, and a request without a
valid token gets 401 and never reaches the assistant.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.gate import Gate, Refused, default_gate
from assistant.channels.http import caller_of, error, json_answer, json_body, refused
from assistant.channels.turn import BadMessage, converse, message_text


class SignedRestInput(InputChannel):
    """``rest``: JSON in, JSON out, for a signed-in worker."""

    def __init__(self, gate: Optional[Gate] = None) -> None:
        self._gate = gate

    @property
    def gate(self) -> Gate:
        return self._gate or default_gate()

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SignedRestInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("cin_signed_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                caller = caller_of(request, self.gate)
            except Refused as exc:
                return refused(exc, self.name())
            try:
                text = message_text(json_body(request))
            except BadMessage as exc:
                return error(400, str(exc))
            return json_answer(await converse(on_new_message, caller, text, self.name()))

        return webhook


__all__ = ["SignedRestInput"]

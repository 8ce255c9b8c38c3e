"""The REST channel for integrations and tests: the same bearer token as the page.

Same URL and reply format as Rasa's own REST channel (``POST
/webhooks/rest/webhook`` with ``{"message": ...}``, a list of ``{"recipient_id",
"text"}`` and ``{"recipient_id", "custom"}`` back), but the sender is the
token's worker: a ``sender`` in the body is ignored, and a request without a
valid token gets 401 and never reaches the assistant. ``POST
/webhooks/rest/restart`` (same token) starts the worker's conversation afresh;
``GET /webhooks/rest/`` says whether the model is loaded.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.base import SignedChannel, ready


class SignedRestInput(SignedChannel):
    """``rest``: JSON in, JSON out, for a signed-in worker."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("cin_signed_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json(ready(request))

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer_json_message(request, on_new_message)

        @webhook.route("/restart", methods=["POST"])
        async def restart(request: Request) -> HTTPResponse:
            return await self.answer_restart(request, on_new_message)

        return webhook


__all__ = ["SignedRestInput"]

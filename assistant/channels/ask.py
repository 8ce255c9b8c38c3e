"""The running server's ask route: procedure questions answered for `cin-assistant ask`, without a conversation.

Loading the trained model takes half a minute; the running server has it
loaded. ``POST /webhooks/ask/`` takes ``{"questions": [{"text", "authority"}]}``
(one question or a trainer's whole file) and returns ``{"answers": [{"text",
...payload}]}``: the same NLU, then the same answer function as the chat and
the command line (:func:`assistant.nlu.understanding.answer_question`).

It is a service door, not a worker's: it answers only a caller presenting the
deployment's service secret (:func:`assistant.config.action_secret`, which
only the service account can read) in :data:`HEADER`, and the edge refuses its
path from outside. It reads no case record and keeps no conversation; a
question's text is never logged.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.http import error, json_answer, json_body
from assistant.channels.turn import MAX_MESSAGE_CHARACTERS, agent_of
from assistant.config import ASK_MAX_QUESTIONS, ASK_PATH, SERVICE_SECRET_HEADER, action_secret
from assistant.nlu.understanding import Parsed, answer_question

logger = logging.getLogger(__name__)

HEADER = SERVICE_SECRET_HEADER
PATH = ASK_PATH
MAX_QUESTIONS = ASK_MAX_QUESTIONS  # a trainer's file; more is split by the command line


class BadQuestions(ValueError):
    """The body is not a list of questions this route can answer (the message says why)."""


def questions_of(body: Any) -> List[Dict[str, Optional[str]]]:
    """``[{"text", "authority"}]`` from the request body, or BadQuestions."""
    items = body.get("questions") if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        raise BadQuestions('Send {"questions": [{"text": "...", "authority": "kent"}]}.')
    if len(items) > MAX_QUESTIONS:
        raise BadQuestions(f"At most {MAX_QUESTIONS} questions per request.")
    out = []
    for item in items:
        text = item.get("text") if isinstance(item, dict) else None
        authority = item.get("authority") if isinstance(item, dict) else None
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_MESSAGE_CHARACTERS:
            raise BadQuestions(f"Each question needs a text of 1 to {MAX_MESSAGE_CHARACTERS} characters.")
        if authority is not None and not isinstance(authority, str):
            raise BadQuestions("authority, when given, is a council's code, e.g. kent.")
        out.append({"text": text.strip(), "authority": authority or None})
    return out


def allowed(presented: Optional[str], secret: str) -> bool:
    """The caller presented the service secret (compared in constant time)."""
    if not presented or not secret:
        return False
    return hmac.compare_digest(presented.encode(), secret.encode())


class AskInput(InputChannel):
    """``ask``: the command line's door to the loaded model (not a chat channel: no conversation)."""

    def __init__(self, secret: Optional[str] = None) -> None:
        self._secret = secret

    @classmethod
    def name(cls) -> Text:
        return "ask"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "AskInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("cin_ask", __name__)

        @hook.route("/", methods=["POST"])
        async def ask(request: Request) -> HTTPResponse:
            if not allowed(request.headers.get(HEADER), self._secret or action_secret()):
                logger.warning("ask route refused a call without the service secret")
                return error(401, "This route answers the assistant's own command line only.")
            agent = agent_of(request)
            if agent is None or not agent.is_ready():
                return error(503, "The model is still loading; try again in a moment.")
            try:
                questions = questions_of(json_body(request))
            except BadQuestions as exc:
                return error(400, str(exc))
            answers = [await _answer(agent, q["text"] or "", q["authority"]) for q in questions]
            logger.info("ask route answered %d question(s)", len(answers))
            return json_answer({"answers": answers})

        return hook


async def _answer(agent: Any, text: str, authority: Optional[str]) -> Dict[str, Any]:
    parsed = Parsed.from_rasa(await agent.parse_message(text))
    # The passage ranking blocks for some milliseconds: off the event loop, as the degraded mode does.
    reply = await asyncio.get_running_loop().run_in_executor(None, answer_question, parsed, text, authority)
    return {"text": reply.text, **reply.payload}


__all__ = ["HEADER", "PATH", "AskInput", "BadQuestions", "allowed", "questions_of"]

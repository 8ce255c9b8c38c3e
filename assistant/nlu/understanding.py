"""The trained NLU model outside the chat: one understanding for the command line and the chat.

`cin-assistant ask` parses the question with the same Rasa model the chat
serves, then calls the same answer function the chat's action calls
(:func:`assistant.dialogue.procedure.answer_procedure`), so the two never
disagree about the topic, the council or the answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

from assistant.dialogue.fallback import FALLBACK_INTENT, not_sure, not_understood
from assistant.dialogue.intents import CASELOAD, message_kind
from assistant.dialogue.procedure import answer_procedure, sentence_vector_in, topic_for_intent, topic_prior
from assistant.dialogue.reply import Reply

logger = logging.getLogger(__name__)


class ModelMissingError(RuntimeError):
    """No trained model to parse with; the message says how to build one."""


@dataclass(frozen=True)
class Parsed:
    """What the NLU made of a message."""

    intent: Optional[str]
    confidence: float
    entities: List[Dict[str, Any]] = field(default_factory=list)
    ranking: List[Dict[str, Any]] = field(default_factory=list)  # intents best first, as Rasa's intent_ranking
    sentence_vector: object = None  # the message's embedding as the parse data carries it (saves a second run)

    @classmethod
    def from_rasa(cls, result: Dict[str, Any]) -> "Parsed":
        """From Rasa's parse result (``Agent.parse_message``)."""
        intent = result.get("intent") or {}
        return cls(
            intent.get("name"),
            float(intent.get("confidence") or 0.0),
            list(result.get("entities") or []),
            list(result.get("intent_ranking") or []),
            sentence_vector_in(result),
        )

    def values(self, entity: str) -> List[str]:
        return [str(e.get("value")) for e in self.entities if e.get("entity") == entity and e.get("value")]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Third-party deprecation noise is not for the worker (failures still raise)."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


class Understanding:
    """The trained model's NLU, loaded once (loading takes some seconds; parsing is fast)."""

    def __init__(self, model: Path) -> None:
        if not model.exists():
            raise ModelMissingError(f"No trained model at {model}. Run `make setup` to train it.")
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        with _quiet():
            from rasa.core.agent import (  # noqa: PLC0415 - lazy: Rasa and TensorFlow take seconds to load
                Agent,  # heavy: imported only when a model is wanted
            )
            from rasa.utils.log_utils import configure_structlog  # noqa: PLC0415 - lazy, as above

            # Rasa's debug log repeats the message text: never on a terminal or in a log by default.
            configure_structlog(logging.WARNING)
            logging.getLogger("rasa").setLevel(logging.WARNING)
            self._loop = asyncio.new_event_loop()
            self._agent = Agent.load(str(model))

    def parse(self, text: str) -> Parsed:
        with _quiet():
            return Parsed.from_rasa(self._loop.run_until_complete(self._agent.parse_message(text)))


def answer_question(parsed: Parsed, text: str, home: Optional[str] = None) -> Reply:
    """What the chat would answer to a procedure question the NLU parsed as ``parsed``.

    It is asked as a procedure question (``cin-assistant ask``, the ask door), so one the model takes for
    something else is still answered when a passage answers it (``best_guess``); otherwise the chat's
    not-understood reply with the closest topics, naming what it was taken for.
    """
    topic = topic_for_intent(parsed.intent)
    if parsed.intent == FALLBACK_INTENT:  # the chat's fallback action: a second opinion, else the closest topics
        return not_sure(text, parsed.ranking, parsed.values("authority"), home, parsed.sentence_vector)
    if topic is None and message_kind(parsed.intent) != CASELOAD:  # asked as a procedure question: rank anyway
        answered = answer_procedure(
            text, parsed.values("authority"), home, topic_prior(parsed.ranking), parsed.sentence_vector
        )
        if not answered.payload.get("abstained"):
            return Reply(answered.text, {**answered.payload, "best_guess": True})
    if topic is None:
        reply = not_understood(text)
        prefix = f"That doesn't read as a procedure question to me (I took it as '{parsed.intent}'). "
        return Reply(prefix + reply.text, {**reply.payload, "intent": parsed.intent})
    return answer_procedure(text, parsed.values("authority"), home, topic_prior(parsed.ranking), parsed.sentence_vector)

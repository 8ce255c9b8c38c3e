"""Degraded mode: the Rasa server answers by itself when the action server is out of reach.

Every reply but the canned ones comes from a custom action, so with the action
server down Rasa logs an error and the turn produces nothing. Rather than an
apology for everything, the Rasa server (which still has the trained NLU)
reads the message itself and:

- a procedure question (``ask_<topic>``) gets the same cited answer the action
  would give: :func:`assistant.dialogue.procedure.answer_procedure`, for
  the worker's own council from the case store (or, if that is down too,
  without a preferred council, as the action does);
- a caseload, visit or follow-up question gets the actions' own
  "I can't reach the case records just now" (:data:`CANT_REACH`);
- "what can you do?" and messages the NLU is unsure of get the help and
  closest-topics replies, which need no case store;
- anything else (induction, quiz, a form's yes/no) returns None: the caller's
  apology stands.

This only happens when the action server's ``/health`` does not answer (checked
at most every :data:`HEALTH_TTL_SECONDS`); a turn that is empty for another
reason keeps the ordinary apology. Once the action server is back, Rasa's own
turn has replies again and this module is not consulted. Replies made here are
not written to Rasa's conversation history (follow-ups such as "what about
Kent?" after a degraded answer start afresh).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from assistant.channels.gate import default_gate
from assistant.dialogue.fallback import not_sure
from assistant.dialogue.intents import CASE_RECORD_INTENTS, NOT_SURE_INTENTS
from assistant.dialogue.procedure import (
    answer_procedure,
    home_authority,
    topic_for_intent,
    topic_prior,
)
from assistant.dialogue.reply import Reply
from assistant.dialogue.unavailable import CANT_REACH
from assistant.services.capabilities import describe_capabilities

logger = logging.getLogger(__name__)

HEALTH_TTL_SECONDS = 3.0  # how long one /health answer is trusted
HEALTH_TIMEOUT_SECONDS = 1.5  # a hung action server counts as down after this


def health_url(action_url: str) -> str:
    """The rasa-sdk action server's ``/health`` beside its ``/webhook`` (same scheme, host and port)."""
    parts = urlsplit(action_url)
    path = parts.path
    path = path[: -len("/webhook")] if path.endswith("/webhook") else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/health", "", ""))


class ActionServerProbe:
    """Is the action server answering? One ``GET /health``, remembered for a few seconds."""

    def __init__(self, ttl: float = HEALTH_TTL_SECONDS, timeout: float = HEALTH_TIMEOUT_SECONDS) -> None:
        self.ttl = ttl
        self.timeout = timeout
        self._seen: Dict[str, Tuple[float, bool]] = {}

    async def is_up(self, url: str) -> bool:
        seen = self._seen.get(url)
        now = time.monotonic()
        if seen is not None and now - seen[0] < self.ttl:
            return seen[1]
        up = await self._check(url)
        self._seen[url] = (time.monotonic(), up)
        return up

    async def _check(self, url: str) -> bool:
        try:
            timeout = aiohttp.ClientTimeout(total=self.timeout)
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(url) as response:
                    return response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
            return False


PROBE = ActionServerProbe()


def worker_council(worker_id: str) -> Optional[str]:
    """The worker's council, or None if the case store cannot say (the answer then compares councils)."""
    try:  # the Rasa process's one case store: the channels' gate already holds it open
        return home_authority(default_gate().store, worker_id)
    except Exception:  # noqa: BLE001 - as actions.procedure.worker_authority: answer without it
        logger.warning("degraded mode: case store unavailable for the worker's council", exc_info=True)
        return None


def reply_for(parsed: Dict[str, Any], worker_id: str) -> Optional[Reply]:
    """The reply degraded mode gives for one parsed message, or None to leave the apology.

    Blocking (the case store, the answer's passage ranking): run it off the event loop.
    """
    text = str(parsed.get("text") or "")
    intent = str((parsed.get("intent") or {}).get("name") or "")
    topic = topic_for_intent(intent)
    if topic is not None:
        named = _entity_values(parsed.get("entities") or (), "authority")
        ranking = list(parsed.get("intent_ranking") or ()) or [{"name": intent, "confidence": 1.0}]
        return answer_procedure(text, named, worker_council(worker_id), topic_prior(ranking))
    if intent in CASE_RECORD_INTENTS:
        return CANT_REACH
    if intent == "help":
        answer = describe_capabilities()
        return Reply(answer.text, answer.payload)
    if intent in NOT_SURE_INTENTS:  # as the chat's fallback action: a second opinion, else the closest topics
        ranking = list(parsed.get("intent_ranking") or ()) if intent == "nlu_fallback" else []
        named = _entity_values(parsed.get("entities") or (), "authority")
        return not_sure(text, ranking, named, worker_council(worker_id) if ranking else None)
    return None


def _entity_values(entities: Iterable[Dict[str, Any]], name: str) -> List[str]:
    return [str(e["value"]) for e in entities if e.get("entity") == name and e.get("value") is not None]


async def rescue(worker_id: str, text: str, agent: Any, probe: ActionServerProbe = PROBE) -> Optional[Reply]:
    """A reply made without the action server, if it is down; None if it is up or no reply fits.

    ``agent`` is the server's Rasa agent; its action endpoint is the one the
    server was started with (``--endpoints``).
    """
    endpoint = getattr(agent, "action_endpoint", None)
    if agent is None or endpoint is None or not getattr(endpoint, "url", None):
        return None
    try:
        if await probe.is_up(health_url(endpoint.url)):
            return None
        parsed = await agent.parse_message(text)
        reply = await asyncio.get_running_loop().run_in_executor(None, reply_for, parsed, worker_id)
    except Exception:  # noqa: BLE001 - degraded mode must not make things worse: the apology stands
        logger.error("degraded mode could not answer", exc_info=True)
        return None
    if reply is not None:
        logger.warning("action server unreachable: answered in degraded mode (%s)", reply.type)
    return reply


__all__ = ["ActionServerProbe", "PROBE", "health_url", "reply_for", "rescue"]

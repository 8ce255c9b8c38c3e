"""The action server answers Rasa only: a shared secret on every call, checked before any action runs.

The actions trust ``tracker.sender_id`` as the signed-in worker, which is only
true when the call comes from this deployment's own Rasa server (whose
channels check the worker's token). So the action server refuses, with 401 and
before anything runs, every request that does not carry the deployment's
action secret in :data:`HEADER`. Rasa sends it because each launch's endpoints
file names it (``action_endpoint.headers``, read from the environment, never
written to disk or put on a command line). ``/health`` stays open: it says
nothing but "up", and Rasa's degraded mode asks it.

The secret: ``CIN_ACTION_SECRET`` (at least 32 characters; the same on every
machine of a cluster), else ``var/action-secret``, made once, owner-only.
"""

from __future__ import annotations

import hmac
import logging
from typing import Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.config import ACTION_SECRET_VARIABLE, action_secret

logger = logging.getLogger(__name__)

HEADER = "X-CIN-Action-Secret"
VARIABLE = ACTION_SECRET_VARIABLE
OPEN_PATHS = frozenset({"/health"})
REFUSED = {"error": "This action server answers its own assistant only."}


def authorised(presented: Optional[str], secret: str) -> bool:
    """True when ``presented`` is the secret; compared in constant time so timing tells a guesser nothing."""
    if not presented or not secret:
        return False
    return hmac.compare_digest(presented.encode("utf-8"), secret.encode("utf-8"))


def attach_guard(app: Sanic, secret: str) -> None:
    """Refuse every request to ``app`` but ``/health`` unless it carries ``secret`` in :data:`HEADER`."""
    if not secret:
        raise ValueError("the action server needs a secret; refusing to start without one")

    @app.middleware("request")
    async def require_secret(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS or authorised(request.headers.get(HEADER), secret):
            return None
        logger.warning(
            "action server refused a call without the shared secret (%s %s)",
            request.method,
            request.path[:60].encode("unicode_escape").decode("ascii"),
        )
        return response.json(REFUSED, status=401)


__all__ = ["HEADER", "OPEN_PATHS", "VARIABLE", "action_secret", "attach_guard", "authorised"]

"""The one check every channel makes: a valid bearer token names a known worker, or 401.

A request without a valid token never reaches the assistant. The worker id and
role come from the token (and the case store), never from the request body.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Optional

from assistant.casestore import Store, open_store
from assistant.casestore.accounts import is_revoked
from assistant.channels.tokens import (
    Identity,
    TokenError,
    TokenSettings,
    load_token_settings,
    verify_token,
)
from assistant.config import load_settings

logger = logging.getLogger(__name__)

SESSION_ENDED = "Your session has ended. Please sign in again."
RECORDS_DOWN = (
    "I can't check your sign-in just now because the case records are out of reach. Please try again in a minute."
)


class Refused(Exception):
    """A request the gate turns away: the HTTP status and a message safe to show the user."""

    def __init__(self, status: int, message: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.message = message
        self.reason = reason  # for the log: never the token or the message text


@dataclass(frozen=True)
class Caller:
    """A signed-in worker: who they are and their role, by the token (the case store's role if it has none)."""

    identity: Identity
    name: str
    role: str

    @property
    def worker_id(self) -> str:
        return self.identity.worker_id

    def metadata(self) -> Dict[str, Any]:
        """What the conversation records about how the message came in (no secrets)."""
        return {"worker_role": self.role, "signed_in_by": self.identity.kind}


class Gate:
    """Checks bearer tokens against the settings and the case store (workers, sign-outs)."""

    def __init__(self, settings: Optional[TokenSettings] = None, store: Optional[Store] = None) -> None:
        self._settings = settings
        self._store = store
        self._lock = threading.Lock()

    @property
    def settings(self) -> TokenSettings:
        if self._settings is None:
            self._settings = load_token_settings()
        return self._settings

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(load_settings().database_url)
            return self._store

    def check(self, authorization: Optional[str]) -> Caller:
        """The caller named by an ``Authorization: Bearer <token>`` header, or Refused."""
        scheme, _, token = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Refused(401, "Please sign in first.", "no bearer token")
        try:
            identity = verify_token(token.strip(), self.settings)
        except TokenError as exc:
            raise Refused(401, SESSION_ENDED, exc.reason) from None
        try:
            revoked = identity.token_id is not None and is_revoked(self.store, identity.token_id)
            worker = self.store.worker(identity.worker_id)
        except Exception:  # noqa: BLE001 - fail closed, but say so calmly
            logger.warning("sign-in check failed: case store unavailable", exc_info=True)
            raise Refused(503, RECORDS_DOWN, "case store unavailable") from None
        if revoked:
            raise Refused(401, SESSION_ENDED, "signed-out token")
        if worker is None:
            raise Refused(
                403,
                "Your account is not linked to a worker in the case records. Please ask your administrator.",
                "token names no known worker",
            )
        return Caller(identity=identity, name=worker.name, role=identity.role or worker.role)


@lru_cache(maxsize=1)
def default_gate() -> Gate:
    """The gate of this server process (settings read once, store opened on first use)."""
    return Gate()


__all__ = ["Caller", "Gate", "RECORDS_DOWN", "Refused", "SESSION_ENDED", "default_gate"]

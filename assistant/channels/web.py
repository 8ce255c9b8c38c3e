"""The web channel: the page, sign-in and sign-out, chat, and the "this week" panel.

Served by the Rasa server under ``/webhooks/web/`` (credentials.yml):

=====================  ======================================================
``GET  /``             the page (static/index.html; its files under static/)
``POST /login``        ``{"worker", "password"}`` -> a short-lived token
``POST /logout``       revokes the token (bearer)
``POST /webhook``      ``{"message"}`` -> the replies, as the REST channel (bearer)
``POST /restart``      starts the worker's conversation afresh: the page's "New conversation" (bearer)
``GET  /panel``        the worker's items due this week plus everything overdue,
                       the same report as ``cin-assistant due --json --worker ID``
=====================  ======================================================
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.casestore import audit
from assistant.casestore.accounts import authenticate, revoke_token
from assistant.channels.base import SignedChannel
from assistant.channels.gate import Gate, Refused
from assistant.channels.http import (
    SECURITY_HEADERS,
    caller_of,
    client_address,
    error,
    json_answer,
    json_body,
    refused,
)
from assistant.channels.throttle import SignInThrottle
from assistant.channels.tokens import issue_token, verify_token
from assistant.config import load_settings
from assistant.services import caseload

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
NOT_RECOGNISED = "That worker ID and password were not recognised."
TOO_MANY = "Too many sign-in attempts from here. Please wait {wait} and try again, or ask your administrator."
MAX_WORKER_ID = 64  # longer than any council's ids; nothing longer is looked up, counted or kept


def panel_report(gate: Gate, worker_id: str, today: Optional[dt.date] = None) -> Dict[str, Any]:
    """The worker's "this week" list: what `cin-assistant due --json --worker ID` prints (audited as the panel)."""
    today = today or load_settings().today()
    report = caseload.due_for_worker(gate.store, worker_id, today, caseload.window_for(None, today), via=audit.PANEL)
    return report.to_json(worker_id=worker_id)


def _static(name: str) -> HTTPResponse:
    """A file of the page, by name; nothing outside the static folder."""
    path = (STATIC_DIR / name).resolve()
    if path.parent != STATIC_DIR or not path.is_file():
        return error(404, "Not found.")
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript",):
        kind += "; charset=utf-8"
    return response.raw(path.read_bytes(), content_type=kind, headers=SECURITY_HEADERS)


def _minutes(seconds: float) -> str:
    """A wait in words: "30 seconds", "2 minutes"."""
    if seconds < 60:
        return f"{int(seconds + 0.999)} seconds"
    minutes = int(seconds / 60 + 0.999)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class WebInput(SignedChannel):
    """``web``: the signed-in page and its JSON endpoints."""

    def __init__(self, gate: Optional[Gate] = None, throttle: Optional[SignInThrottle] = None) -> None:
        super().__init__(gate)
        settings = load_settings()
        self.throttle = throttle or SignInThrottle.for_deployment(settings.lock_store_url, settings.lock_store_prefix)
        self.trusted_proxies = settings.trusted_proxies  # the edge's address

    @classmethod
    def name(cls) -> Text:
        return "web"

    def _login(self, request: Request) -> HTTPResponse:
        body = json_body(request)
        worker_id = body.get("worker") if isinstance(body, dict) else None
        password = body.get("password") if isinstance(body, dict) else None
        if not isinstance(worker_id, str) or not isinstance(password, str) or not worker_id.strip():
            return error(400, "Enter your worker ID and password.")
        worker_id = worker_id.strip()
        if len(worker_id) > MAX_WORKER_ID:
            return error(400, f"A worker ID has at most {MAX_WORKER_ID} characters.")
        address = client_address(request, self.trusted_proxies)
        wait = self.throttle.wait_seconds(worker_id, address)
        if wait > 0:
            logger.info("web sign-in throttled")
            self._audit_signin(worker_id, audit.THROTTLED, address)
            return error(429, TOO_MANY.format(wait=_minutes(wait)), headers={"Retry-After": str(int(wait + 0.999))})
        try:
            worker = authenticate(self.gate.store, worker_id, password)
        except Exception:  # noqa: BLE001 - the store is down: say so, keep serving
            logger.warning("sign-in failed: case store unavailable", exc_info=True)
            return error(503, "I can't check your sign-in just now. Please try again in a minute.")
        if worker is None:
            self.throttle.failed(worker_id, address)
            logger.info("web sign-in refused")
            self._audit_signin(worker_id, audit.REFUSED, address)
            return error(401, NOT_RECOGNISED)
        self.throttle.succeeded(worker_id, address)
        token = issue_token(worker.worker_id, worker.role, self.gate.settings)
        expires = verify_token(token, self.gate.settings).expires_at
        if not self._audit_signin(worker.worker_id, audit.ACCEPTED, address):
            return error(503, "I can't sign you in just now. Please try again in a minute.")
        logger.info("web sign-in accepted")
        return json_answer(
            {
                "token": token,
                "expires_at": expires.replace(tzinfo=dt.timezone.utc).isoformat(),
                "worker": {"id": worker.worker_id, "name": worker.name, "role": worker.role},
            }
        )

    def _audit_signin(self, worker_id: str, outcome: str, address: str) -> bool:
        """One audit row for a sign-in attempt; False if it could not be written (nobody is signed in unaudited).

        The trail keeps the id only if the case records know it (a typed unknown id may be a password)."""
        try:
            audit.record_signin(self.gate.store, worker_id, outcome, address, self.name())
        except Exception:  # noqa: BLE001 - the trail is out of reach
            logger.warning("sign-in could not be audited: case store unavailable", exc_info=True)
            return False
        return True

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("cin_web", __name__)

        @web.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):  # the page's links are relative to /webhooks/web/
                return response.redirect(request.path + "/", headers=SECURITY_HEADERS)
            return _static("index.html")

        @web.route("/static/<name>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            return _static(name)

        @web.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            return self._login(request)

        @web.route("/logout", methods=["POST"])
        async def logout(request: Request) -> HTTPResponse:
            try:
                caller = caller_of(request, self.gate)
            except Refused as exc:
                if exc.status == 401:  # already signed out is signed out
                    return json_answer({"signed_out": True})
                return refused(exc, self.name())
            if caller.identity.token_id:
                try:
                    revoke_token(self.gate.store, caller.identity.token_id, caller.identity.expires_at)
                    audit.record_signout(self.gate.store, caller.worker_id, self.name())
                except Exception:  # noqa: BLE001 - the token still expires on its own
                    logger.warning("sign-out failed: case store unavailable", exc_info=True)
                    return error(503, "I couldn't sign you out just now. Close the browser tab to end the session.")
            logger.info("web sign-out")
            return json_answer({"signed_out": True})

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer_json_message(request, on_new_message)

        @web.route("/restart", methods=["POST"])
        async def restart(request: Request) -> HTTPResponse:
            return await self.answer_restart(request, on_new_message)

        @web.route("/panel", methods=["GET"])
        async def panel(request: Request) -> HTTPResponse:
            try:
                caller = caller_of(request, self.gate)
            except Refused as exc:
                return refused(exc, self.name())
            try:
                return json_answer(panel_report(self.gate, caller.worker_id))
            except Exception:  # noqa: BLE001 - the page shows the message; the chat goes on
                logger.warning("panel failed: case store unavailable", exc_info=True)
                return error(503, "I can't reach the case records just now, so the list can't be shown.")

        return web


__all__ = ["STATIC_DIR", "WebInput", "panel_report"]

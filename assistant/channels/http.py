"""What every channel's HTTP answers share: security headers, JSON errors, the caller from a request."""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.gate import Caller, Gate, Refused

logger = logging.getLogger(__name__)

# The page loads only its own files: no CDN, no inline script, nothing framed.
SECURITY_HEADERS: Dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; media-src 'self' blob: data:; style-src 'self'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def json_answer(body: Any, status: int = 200) -> HTTPResponse:
    return response.json(body, status=status, headers=SECURITY_HEADERS)


def error(status: int, message: str) -> HTTPResponse:
    """A JSON error whose message the page shows as it is."""
    return json_answer({"error": message}, status=status)


def refused(exc: Refused, channel: str) -> HTTPResponse:
    logger.info("%s request refused (%s): %s", channel, exc.status, exc.reason)
    headers = dict(SECURITY_HEADERS)
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="cin-assistant"'
    return response.json({"error": exc.message}, status=exc.status, headers=headers)


def caller_of(request: Request, gate: Gate) -> Caller:
    """The signed-in caller of a request (Refused if there is none)."""
    return gate.check(request.headers.get("Authorization"))


def json_body(request: Request) -> Optional[Any]:
    """The request's JSON body, or None if it is missing or not JSON."""
    try:
        return request.json
    except Exception:  # noqa: BLE001 - sanic raises its own error for bad JSON
        return None


def client_address(request: Request, trusted_proxies: int) -> str:
    """The caller's address for sign-in throttling (CIN_TRUSTED_PROXIES).

    With no proxy in front it is the connecting peer. Behind ``trusted_proxies``
    proxies that each append the address they saw to ``X-Forwarded-For`` (the
    balancer does), it is the entry the outermost trusted proxy appended:
    anything further left was written by the caller and could be made up to
    dodge the throttle, so it is never believed.
    """
    if trusted_proxies > 0:
        hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
        if len(hops) >= trusted_proxies:
            return hops[-trusted_proxies]
    return str(request.ip)


__all__ = ["SECURITY_HEADERS", "caller_of", "client_address", "error", "json_answer", "json_body", "refused"]

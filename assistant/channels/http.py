"""What every channel's HTTP answers share: security headers, JSON errors, the caller from a request."""

from __future__ import annotations

import logging
from ipaddress import ip_address
from typing import Any, Dict, Optional, Sequence

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.gate import Caller, Gate, Refused
from assistant.config import IPNetwork

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


def json_answer(body: Any, status: int = 200, headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
    return response.json(body, status=status, headers={**SECURITY_HEADERS, **(headers or {})})


def error(status: int, message: str, headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
    """A JSON error whose message the page shows as it is."""
    return json_answer({"error": message}, status=status, headers=headers)


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


def client_address(request: Request, trusted: Sequence[IPNetwork]) -> str:
    """The caller's address for sign-in throttling and the audit trail (CIN_TRUSTED_PROXIES).

    The connecting peer, unless the peer is one of the ``trusted`` proxies (the
    edge): then the nearest address in ``X-Forwarded-For`` that is not itself a
    trusted proxy. The edge replaces that header with the address it saw, so a
    caller cannot choose the address counted; from any other peer the header
    is ignored.
    """
    peer = str(request.ip)
    if not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ip_address(hop)
        except ValueError:
            return peer  # not an address: nothing a proxy of ours wrote
        if not _trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def _trusted(address: str, trusted: Sequence[IPNetwork]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


__all__ = ["SECURITY_HEADERS", "caller_of", "client_address", "error", "json_answer", "json_body", "refused"]

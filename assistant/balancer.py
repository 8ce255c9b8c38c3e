"""A small HTTP load balancer for two or more Rasa servers: round-robin per request.

For a council that runs the assistant on more than one machine without a
load balancer of its own (docs/deployment.md shows the nginx equivalent).
Every request goes to the next server in turn. A server that refuses the
connection (stopped, restarting) is skipped and the next one tried, which is
safe because such a request never reached it; a server that accepted a
request and then failed is not retried (the message may have been handled),
and the client gets a 502 with a JSON reason, never a hang. Any server can
answer any message because the conversations (SQL tracker store), the case
records (PostgreSQL) and the per-conversation lock (Redis) are shared.

The balancer passes bodies and headers through untouched (the channel's
``Authorization`` header included), adds ``X-Forwarded-For``/``-Proto``/``-Host``,
and says which server answered in ``X-CIN-Backend`` (its position, not its
address). It never logs a body or a query string (tokens travel in both).

Run: ``python -m assistant.balancer --port 8080 --backend http://10.0.0.1:5005 --backend http://10.0.0.2:5005``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import sys
from typing import List, Optional, Sequence

from aiohttp import ClientConnectorError, ClientSession, ClientTimeout, DummyCookieJar, TCPConnector, web

logger = logging.getLogger(__name__)

# RFC 9110 §7.6.1 hop-by-hop headers, plus what aiohttp recomputes for the new message.
HOP_BY_HOP = frozenset(h.lower() for h in (
    "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
    "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
))
MAX_BODY_BYTES = 4_000_000  # above the voice channel's 2 MB upload limit, so the channel gives its own reply
UPSTREAM_TIMEOUT_SECONDS = 120.0  # Rasa's own response timeout is 1 hour; a reply is seconds at most
HEALTH_PATH = "/balancer/health"


class Balancer:
    """Round-robin reverse proxy over ``backends`` (base URLs such as http://127.0.0.1:5005)."""

    def __init__(self, backends: Sequence[str], timeout: float = UPSTREAM_TIMEOUT_SECONDS) -> None:
        if not backends:
            raise ValueError("at least one backend is needed")
        self.backends: List[str] = [b.rstrip("/") for b in backends]
        self._turn = itertools.cycle(range(len(self.backends)))
        self._timeout = ClientTimeout(total=timeout)
        self._session: Optional[ClientSession] = None

    def app(self) -> web.Application:
        application = web.Application(client_max_size=MAX_BODY_BYTES)
        application.router.add_get(HEALTH_PATH, self.health)
        application.router.add_route("*", "/{path:.*}", self.proxy)
        application.on_startup.append(self._open)
        application.on_cleanup.append(self._close)
        return application

    async def _open(self, _app: web.Application) -> None:
        # One pool of kept-alive connections per backend; no cookies shared between clients.
        self._session = ClientSession(connector=TCPConnector(limit=0, limit_per_host=64), timeout=self._timeout,
                                      auto_decompress=False, cookie_jar=DummyCookieJar())

    async def _close(self, _app: web.Application) -> None:
        if self._session is not None:
            await self._session.close()

    async def health(self, _request: web.Request) -> web.Response:
        """Which backends accept a connection right now (for the operator and the launcher)."""
        up = []
        for backend in self.backends:
            try:
                async with self._session.get(f"{backend}/", timeout=ClientTimeout(total=3)) as response:
                    await response.read()
                up.append(True)
            except (ClientConnectorError, asyncio.TimeoutError, OSError):
                up.append(False)
        status = 200 if any(up) else 503
        return web.json_response({"backends": len(up), "up": sum(up)}, status=status)

    async def proxy(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        forwarded_for = request.headers.get("X-Forwarded-For")
        headers["X-Forwarded-For"] = f"{forwarded_for}, {request.remote}" if forwarded_for else str(request.remote)
        headers["X-Forwarded-Proto"] = request.scheme
        headers["X-Forwarded-Host"] = request.host
        first = next(self._turn)
        for attempt in range(len(self.backends)):
            index = (first + attempt) % len(self.backends)
            url = f"{self.backends[index]}{request.rel_url}"
            try:
                async with self._session.request(request.method, url, headers=headers, data=body,
                                                 allow_redirects=False) as upstream:
                    payload = await upstream.read()
                    response = web.Response(status=upstream.status, body=payload)
                    for name, value in upstream.headers.items():
                        if name.lower() not in HOP_BY_HOP:
                            response.headers.add(name, value)
                    response.headers["X-CIN-Backend"] = str(index + 1)
                    return response
            except ClientConnectorError:
                logger.warning("backend %d refused the connection; trying the next", index + 1)
                continue
            except Exception as exc:  # noqa: BLE001 - a timeout or a dropped connection: the client gets a reason
                logger.error("backend %d failed on %s %s: %s", index + 1, request.method, request.path,
                             exc.__class__.__name__)
                return _unavailable("The assistant's server did not answer in time. Please try again.")
        return _unavailable("No assistant server is running at the moment. Please try again in a minute.")


def _unavailable(text: str) -> web.Response:
    """A 502 the channels' clients can show: the chat says something, never a stack trace."""
    return web.json_response(
        [{"recipient_id": None, "text": text}, {"recipient_id": None, "custom": {"type": "refusal", "reason": "server_unavailable"}}],
        status=502,
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.balancer", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--backend", action="append", required=True, help="a Rasa server's base URL; repeat")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s balancer %(levelname)s %(message)s")
    print(f"Balancing {len(args.backend)} server(s) on http://{args.host}:{args.port}", flush=True)
    web.run_app(Balancer(args.backend).app(), host=args.host, port=args.port, access_log=None, print=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

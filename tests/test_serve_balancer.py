"""The round-robin balancer in front of several Rasa servers (assistant.balancer).

Real HTTP on loopback: small aiohttp servers stand in for the Rasa servers so
that turn-taking, a stopped server and a hung one can be shown in a second;
tests/e2e/test_cluster.py runs it in front of the real servers.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Awaitable, Callable, Dict, List, Tuple

from aiohttp import ClientSession, web

from assistant.balancer import Balancer
from assistant.serve import free_port


def backend(name: str, delay: float = 0.0) -> web.Application:
    """A stand-in server that says who it is and what it received."""
    async def handle(request: web.Request) -> web.Response:
        await asyncio.sleep(delay)
        if request.headers.get("Authorization") != "Bearer good":
            return web.json_response({"error": "not signed in"}, status=401)
        return web.json_response({
            "server": name, "path": request.path_qs, "body": (await request.read()).decode(),
            "forwarded_for": request.headers.get("X-Forwarded-For"),
        })
    app = web.Application()
    app.router.add_route("*", "/{path:.*}", handle)
    return app


async def serve(app: web.Application) -> Tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}"


def with_balancer(backends: List[web.Application], dead: int = 0, timeout: float = 30.0,
                  ) -> Callable[[Callable[[ClientSession, str], Awaitable[Any]]], Any]:
    """Run ``body(session, balancer_url)`` against a balancer over ``backends`` plus ``dead`` stopped ones."""
    def run(body: Callable[[ClientSession, str], Awaitable[Any]]) -> Any:
        async def main() -> Any:
            runners = [await serve(app) for app in backends]
            urls = [url for _, url in runners] + [f"http://127.0.0.1:{free_port()}" for _ in range(dead)]
            balancer, url = await serve(Balancer(urls, timeout=timeout).app())
            try:
                async with ClientSession() as session:
                    return await body(session, url)
            finally:
                await balancer.cleanup()
                for runner, _ in runners:
                    await runner.cleanup()
        return asyncio.run(main())
    return run


async def post(session: ClientSession, url: str, text: str, token: str = "good") -> Tuple[int, Dict[str, Any], str]:
    async with session.post(f"{url}/webhooks/rest/webhook?x=1", data=json.dumps({"message": text}),
                            headers={"Authorization": f"Bearer {token}"}) as response:
        return response.status, await response.json(), response.headers.get("X-CIN-Backend", "")


def test_requests_take_turns_and_arrive_untouched() -> None:
    async def body(session: ClientSession, url: str) -> List[Tuple[int, Dict[str, Any], str]]:
        return [await post(session, url, f"message {n}") for n in range(4)]

    answers = with_balancer([backend("A"), backend("B")])(body)
    assert [a[1]["server"] for a in answers] == ["A", "B", "A", "B"]
    assert [a[2] for a in answers] == ["1", "2", "1", "2"]
    assert answers[3][1]["body"] == '{"message": "message 3"}' and answers[3][1]["path"] == "/webhooks/rest/webhook?x=1"
    assert answers[0][1]["forwarded_for"] == "127.0.0.1"  # the server still learns the client's address


def test_the_servers_own_answer_passes_through_a_refusal_included() -> None:
    async def body(session: ClientSession, url: str) -> Tuple[int, Dict[str, Any], str]:
        return await post(session, url, "hello", token="forged")

    status, answer, _ = with_balancer([backend("A"), backend("B")])(body)
    assert (status, answer) == (401, {"error": "not signed in"})


def test_a_stopped_server_is_skipped_and_nobody_notices() -> None:
    async def body(session: ClientSession, url: str) -> List[Tuple[int, Dict[str, Any], str]]:
        return [await post(session, url, f"message {n}") for n in range(4)]

    answers = with_balancer([backend("A")], dead=1)(body)
    assert [(a[0], a[1]["server"]) for a in answers] == [(200, "A")] * 4


def test_no_server_or_a_hung_one_gets_a_reply_in_words_not_silence() -> None:
    async def body(session: ClientSession, url: str) -> Tuple[int, Dict[str, Any], str]:
        return await post(session, url, "hello")

    status, replies, _ = with_balancer([], dead=2)(body)
    assert status == 502 and "No assistant server is running" in replies[0]["text"]
    assert replies[1]["custom"] == {"type": "refusal", "reason": "server_unavailable"}
    started = time.monotonic()
    status, replies, _ = with_balancer([backend("slow", delay=5)], timeout=0.5)(body)
    assert status == 502 and "did not answer in time" in replies[0]["text"]
    assert time.monotonic() - started < 4

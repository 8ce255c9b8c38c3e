"""Start the assistant as more than one machine would run it, on this one: N Rasa servers,
each with its own action server, behind the round-robin balancer (assistant.balancer).

All servers share one case store (PostgreSQL), one conversation store (Rasa's
SQL tracker store, PostgreSQL) and one Redis lock store, and sign tokens with
the same secret, so any server can take any message of any conversation. Used
by the two-server end-to-end test and `cin-assistant bench load`.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

from assistant.config import PROJECT_ROOT
from assistant.serve import LaunchError, RunningAssistant, child_env, free_port, post_signed, start_assistant
from assistant.tokens import issue_token


@dataclass
class RunningCluster:
    """The servers, their balancer, and how to reach them."""

    assistants: List[RunningAssistant]
    balancer: subprocess.Popen
    port: int
    log_dir: Optional[Path] = None

    @property
    def url(self) -> str:
        """The balancer: what a council's users and integrations talk to."""
        return f"http://127.0.0.1:{self.port}"

    def token_for(self, worker_id: str) -> str:
        """A signed token any of the servers accepts (they share the secret)."""
        return issue_token(worker_id, None, self.assistants[0].tokens)

    def send(self, sender: str, message: str, timeout: float = 30.0) -> "tuple[List[Dict[str, Any]], str]":
        """Post one message through the balancer; the replies and which server (1, 2, ...) answered."""
        replies, headers = post_signed(f"{self.url}/webhooks/rest/webhook", self.token_for(sender), message, timeout)
        return replies, headers.get("X-CIN-Backend", "")

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Block until every server and the balancer answer; the seconds it took."""
        started = time.monotonic()
        with ThreadPoolExecutor(len(self.assistants)) as pool:
            list(pool.map(lambda a: a.wait_ready(timeout=timeout), self.assistants))
        while True:
            if self.balancer.poll() is not None:
                raise LaunchError(f"The balancer stopped while starting (exit {self.balancer.returncode}).")
            try:
                with urllib.request.urlopen(f"{self.url}/balancer/health", timeout=5) as response:
                    if json.loads(response.read()).get("up") == len(self.assistants):
                        return time.monotonic() - started
            except (urllib.error.URLError, OSError, ValueError):
                pass
            if time.monotonic() - started > timeout:
                raise LaunchError(f"The balancer did not see all {len(self.assistants)} servers within {timeout:.0f} s.")
            time.sleep(0.3)

    def stop(self) -> None:
        """Stop the balancer and every server (each politely, then firmly)."""
        if self.balancer.poll() is None:
            self.balancer.terminate()
            try:
                self.balancer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.balancer.kill()
                self.balancer.wait()
        with ThreadPoolExecutor(len(self.assistants)) as pool:
            list(pool.map(lambda a: a.stop(), self.assistants))


def start_cluster(
    store_url: str,
    tracker_url: str,
    lock_store_url: str,
    servers: int = 2,
    env: Optional[Dict[str, str]] = None,
    log_dir: Optional[Path] = None,
    lock_prefix: Optional[str] = None,
    port: Optional[int] = None,
) -> RunningCluster:
    """Start ``servers`` Rasa + action server pairs and the balancer in front; call ``wait_ready()`` next.

    ``env`` carries the rest (CIN_TODAY, CIN_TOKEN_SECRET, CIN_API_TOKEN ...).
    The lock keys get ``lock_prefix`` (default: a fresh random one, so two
    clusters on one Redis never share a lock). The servers boot in parallel.
    """
    from assistant.conversations import create_conversation_store

    if servers < 1:
        raise ValueError("servers must be at least 1")
    # Created once here: Rasa servers starting together would race to create the same table.
    create_conversation_store(tracker_url)
    shared = {
        **(env or {}),
        "CIN_DATABASE_URL": store_url,
        "CIN_TRACKER_URL": tracker_url,
        "CIN_LOCK_STORE_URL": lock_store_url,
        "CIN_LOCK_STORE_PREFIX": lock_prefix or f"cin{secrets.token_hex(4)}",
        "CIN_TRUSTED_PROXIES": "1",  # the balancer: sign-in throttling counts the address it saw
    }
    if not shared.get("CIN_TOKEN_SECRET"):
        shared["CIN_TOKEN_SECRET"] = secrets.token_urlsafe(48)  # one secret, so every server accepts every token
    assistants: List[RunningAssistant] = []
    balancer: Optional[subprocess.Popen] = None
    try:
        for n in range(servers):
            assistants.append(start_assistant(
                free_port(), free_port(), env=shared,
                log_dir=(log_dir / f"server{n + 1}") if log_dir is not None else None,
            ))
        port = port or free_port()
        log = open(log_dir / "balancer.log", "w", encoding="utf-8") if log_dir is not None else subprocess.DEVNULL
        balancer = subprocess.Popen(
            [sys.executable, "-m", "assistant.balancer", "--port", str(port),
             *[arg for a in assistants for arg in ("--backend", a.url)]],
            cwd=PROJECT_ROOT, env=child_env(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    except BaseException:
        for assistant in assistants:
            assistant.stop()
        raise
    return RunningCluster(assistants=assistants, balancer=balancer, port=port, log_dir=log_dir)


__all__ = ["RunningCluster", "start_cluster"]

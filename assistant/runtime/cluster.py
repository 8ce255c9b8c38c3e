"""Start the assistant as more than one machine would run it, on this one: N Rasa servers,
each with its own action server, behind the edge (HAProxy with TLS, assistant.runtime.edge).

All servers share one case store (PostgreSQL), one conversation store (Rasa's
SQL tracker store, PostgreSQL) and one Redis lock store, and sign tokens with
the same secret, so any server can take any message of any conversation. Used
by the two-server end-to-end test and `cin-assistant bench load`.
"""

from __future__ import annotations

import secrets
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from assistant.channels.tokens import issue_token
from assistant.runtime.edge import RunningEdge, make_local_certificate, start_edge
from assistant.runtime.launcher import (
    RunningAssistant,
    free_port,
    post_signed,
    start_assistant,
)
from assistant.tracker.retention import create_conversation_store


@dataclass
class RunningCluster:
    """The servers, the edge in front of them, and how to reach them."""

    assistants: List[RunningAssistant]
    edge: RunningEdge
    log_dir: Optional[Path] = None

    @property
    def url(self) -> str:
        """The edge: what a council's users and integrations talk to (HTTPS)."""
        return self.edge.url

    def token_for(self, worker_id: str) -> str:
        """A signed token any of the servers accepts (they share the secret)."""
        return issue_token(worker_id, None, self.assistants[0].tokens)

    def send(self, sender: str, message: str, timeout: float = 30.0) -> Tuple[List[Dict[str, Any]], str]:
        """Post one message through the edge; the replies and which server (1, 2, ...) answered."""
        replies, headers = post_signed(
            f"{self.url}/webhooks/rest/webhook", self.token_for(sender), message, timeout, context=self.edge.context
        )
        return replies, headers.get("X-CIN-Backend", "")

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Block until every server answers and the edge sees them all up; the seconds it took."""
        with ThreadPoolExecutor(len(self.assistants)) as pool:
            seconds = max(pool.map(lambda a: a.wait_ready(timeout=timeout), self.assistants))
        return seconds + self.edge.wait_ready(timeout=60)

    def stop(self) -> None:
        """Stop the edge and every server (each politely, then firmly)."""
        self.edge.stop()
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
    """Start ``servers`` Rasa + action server pairs and the edge in front; call ``wait_ready()`` next.

    ``env`` carries the rest (CIN_TODAY, CIN_TOKEN_SECRET, CIN_ACTION_SECRET ...).
    The lock keys get ``lock_prefix`` (default: a fresh random one, so two
    clusters on one Redis never share a lock). The servers boot in parallel;
    the edge listens on loopback here (``port``, default a free one).
    """
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
        "CIN_TRUSTED_PROXIES": "127.0.0.1",  # the edge: its X-Forwarded-For is the client's address
    }
    for variable in ("CIN_TOKEN_SECRET", "CIN_ACTION_SECRET"):  # one of each, shared by every server
        if not shared.get(variable):
            shared[variable] = secrets.token_urlsafe(48)
    assistants: List[RunningAssistant] = []
    try:
        for n in range(servers):
            assistants.append(
                start_assistant(
                    free_port(),
                    free_port(),
                    env=shared,
                    log_dir=(log_dir / f"server{n + 1}") if log_dir is not None else None,
                )
            )
        edge_dir = Path(tempfile.mkdtemp(prefix="cin-edge-"))
        edge = start_edge(
            [f"127.0.0.1:{a.port}" for a in assistants],
            "127.0.0.1",
            port or free_port(),
            make_local_certificate(edge_dir / "edge.pem"),
            edge_dir,
            log=(log_dir / "edge.log") if log_dir is not None else None,
        )
    except BaseException:
        for assistant in assistants:
            assistant.stop()
        raise
    return RunningCluster(assistants=assistants, edge=edge, log_dir=log_dir)


__all__ = ["RunningCluster", "start_cluster"]

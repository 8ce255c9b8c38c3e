"""Load test on loopback (`cin-assistant bench load`): many signed-in workers chatting at once
with the two-server set-up (assistant.runtime.cluster) through the edge (HAProxy, TLS). Numbers, printed, not asserted.

- Store: the seeded demo generator (assistant.casestore.exchange.demo) with enough
  teams for every simulated worker to be a distinct case holder with their own
  caseload (15-25 open cases each), imported into a scratch PostgreSQL schema;
  the conversations go to a second scratch schema; both are dropped at the end.
  The lock store is Redis with a fresh key prefix.
- Each simulated worker signs in with their own token and, until the time is
  up, waits a think time drawn uniformly from 2-8 s (a person reading a reply
  and typing the next question; the first wait also staggers the start), then
  sends one message and waits for the whole reply.
- The mix is half procedural questions (the held-out set's own wording,
  evaluation/sets/chat-heldout.yml), half caseload questions about the worker's
  own cases ("what's due this week", "when is Maya's next visit", ...).
- An error is any answer that is not HTTP 200, a reply with no messages, or no
  message with text; a request that fails or times out (30 s) counts too.
- Reported: messages/s, p50/p95/p99 latency (wall clock per request, whole reply
  read), errors by kind, and how the edge spread the messages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import shutil
import ssl
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from evaluation.chat_bench import percentile

THINK_SECONDS = (2.0, 8.0)
TARGET_P95 = 0.5
REQUEST_TIMEOUT = 30.0
CASELOAD_TEMPLATES: Tuple[str, ...] = (
    "what's due this week",
    "whats overdue",
    "have i missed any visits",
    "show me my caseload",
    "what is due next week",
    "when is {first}'s next visit",
    "when's {first} {last}'s next review",
    "what's coming up for {first} {last}",
    "anything due for {first} in the next fortnight",
)


@dataclass
class Outcome:
    family: str
    seconds: float
    error: Optional[str]
    backend: str


@dataclass
class LoadReport:
    workers: int
    seconds: float
    servers: int
    outcomes: List[Outcome] = field(default_factory=list)

    def latencies(self, family: Optional[str] = None) -> List[float]:
        return [o.seconds for o in self.outcomes if o.error is None and (family is None or o.family == family)]

    def render(self) -> str:
        done = [o for o in self.outcomes]
        errors = Counter(o.error for o in done if o.error)
        lines = [
            f"Load: {self.workers} signed-in workers, think time {THINK_SECONDS[0]:.0f}-{THINK_SECONDS[1]:.0f} s, "
            f"{self.seconds:.0f} s, {self.servers} Rasa servers behind the edge (HAProxy, TLS, loopback)",
            f"  messages {len(done)}, throughput {len(done) / self.seconds:.2f} messages/s, "
            f"errors {sum(errors.values())}"
            + (f" ({', '.join(f'{k} {v}' for k, v in errors.most_common())})" if errors else ""),
        ]
        for family in (None, "procedural", "caseload"):
            values = self.latencies(family)
            lines.append(
                f"  {family or 'all':<11} n={len(values):<5} p50 {percentile(values, 50) * 1000:7.1f} ms   "
                f"p95 {percentile(values, 95) * 1000:7.1f} ms   p99 {percentile(values, 99) * 1000:7.1f} ms"
            )
        spread = Counter(o.backend for o in done)
        lines.append("  served by: " + ", ".join(f"server {k or '?'} {v}" for k, v in sorted(spread.items())))
        p95 = percentile(self.latencies(), 95)
        ok = not errors and p95 <= TARGET_P95
        lines.append(f"  target: zero errors and p95 under {TARGET_P95 * 1000:.0f} ms: {'met' if ok else 'NOT MET'}")
        return "\n".join(lines)


def _worker_plans(store_url: str, workers: int) -> List[Tuple[str, List[Tuple[str, str]]]]:
    """``workers`` distinct case holders, each with (first, last) names of their own open cases."""
    from assistant.casestore import open_store
    from assistant.casestore.exchange.demo import CASE_HOLDING_ROLES

    with open_store(store_url) as store:
        holders = [w for w in store.workers() if w.role in CASE_HOLDING_ROLES]
        plans = []
        for worker in holders:
            names = [(c.child.first_name, c.child.last_name) for c in store.open_cases_for_worker(worker.worker_id)]
            if names:
                plans.append((worker.worker_id, names))
    if len(plans) < workers:
        raise RuntimeError(f"the synthetic store has only {len(plans)} case holders; asked for {workers}")
    return plans[:workers]


def _message(rng: random.Random, procedural: Sequence[str], names: Sequence[Tuple[str, str]]) -> Tuple[str, str]:
    if rng.random() < 0.5:
        return "procedural", rng.choice(procedural)
    first, last = rng.choice(names)
    return "caseload", rng.choice(CASELOAD_TEMPLATES).format(first=first.lower(), last=last.lower())


def _error(status: int, body: bytes) -> Optional[str]:
    if status != 200:
        return f"HTTP {status}"
    try:
        replies = json.loads(body)
    except ValueError:
        return "not JSON"
    if not isinstance(replies, list) or not replies:
        return "empty reply"
    if not any(isinstance(r, dict) and str(r.get("text", "")).strip() for r in replies):
        return "no text"
    return None


async def _drive(
    url: str,
    plans: List[Tuple[str, List[Tuple[str, str]]]],
    tokens: Dict[str, str],
    procedural: Sequence[str],
    seconds: float,
    seed: int,
    context: Optional[ssl.SSLContext] = None,
) -> List[Outcome]:
    from aiohttp import ClientSession, ClientTimeout, TCPConnector

    outcomes: List[Outcome] = []
    deadline = time.monotonic() + seconds

    async def worker(index: int, worker_id: str, names: List[Tuple[str, str]], session: ClientSession) -> None:
        rng = random.Random(seed * 1000 + index)
        headers = {"Authorization": f"Bearer {tokens[worker_id]}", "Content-Type": "application/json"}
        while True:
            await asyncio.sleep(rng.uniform(*THINK_SECONDS))
            if time.monotonic() >= deadline:
                return
            family, text = _message(rng, procedural, names)
            started = time.perf_counter()
            try:
                async with session.post(
                    f"{url}/webhooks/rest/webhook", data=json.dumps({"message": text}), headers=headers, ssl=context
                ) as response:
                    body = await response.read()
                    error, backend = _error(response.status, body), response.headers.get("X-CIN-Backend", "")
            except asyncio.TimeoutError:
                error, backend = "timeout", ""
            except Exception as exc:  # noqa: BLE001 - counted, the run goes on
                error, backend = exc.__class__.__name__, ""
            outcomes.append(Outcome(family, time.perf_counter() - started, error, backend))

    # One connection per simulated worker, as 50 browsers would have.
    async with ClientSession(connector=TCPConnector(limit=0), timeout=ClientTimeout(total=REQUEST_TIMEOUT)) as session:
        await asyncio.gather(*(worker(n, w, names, session) for n, (w, names) in enumerate(plans)))
    return outcomes


def bench_load(
    workers: int = 50,
    seconds: float = 120.0,
    servers: int = 2,
    pg_url: str = "postgresql://postgres@localhost:5432/test",
    redis_url: str = "redis://localhost:6379/0",
    seed: int = 1,
    today: Optional[dt.date] = None,
    log: Callable[[str], None] = print,
) -> LoadReport:
    """Build the store, start the cluster, drive it for ``seconds``, stop everything; the report."""
    from assistant.casestore import import_csv, open_store
    from assistant.casestore.db import scratch_schema
    from assistant.casestore.exchange.demo import generate_demo, write_demo_csv
    from assistant.runtime.cluster import start_cluster
    from evaluation.chat_eval import load_heldout

    today = today or dt.date.today()
    work = Path(tempfile.mkdtemp(prefix="cin-bench-load-"))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        store_url = stack.enter_context(scratch_schema(pg_url, prefix="cin_load_store"))
        tracker_url = stack.enter_context(scratch_schema(pg_url, prefix="cin_load_talk"))
        # Enough teams of 7 case holders (4 authorities) that every simulated worker holds a caseload.
        teams = max(2, -(-workers // (4 * 7)))
        data = generate_demo(seed, today=today, teams_per_authority=teams, workers_per_team=7)
        write_demo_csv(data, work / "csv")
        with open_store(store_url) as store:
            import_csv(store, work / "csv")
        plans = _worker_plans(store_url, workers)
        procedural = [p.q for p in load_heldout().procedural]
        log(f"Store: {data.counts()} in a scratch schema; {len(plans)} workers. Starting {servers} servers ...")
        cluster = start_cluster(
            store_url,
            tracker_url,
            redis_url,
            servers=servers,
            log_dir=work / "logs",
            env={"CIN_TODAY": today.isoformat()},
        )
        stack.callback(cluster.stop)
        log(f"  ready in {cluster.wait_ready(timeout=600):.0f} s")
        tokens = {worker_id: cluster.token_for(worker_id) for worker_id, _ in plans}
        for worker_id, _ in plans[: 4 * servers]:  # warm-up: each server's first messages load lazily
            cluster.send(worker_id, "hello")
            cluster.send(worker_id, "what's due this week")
        log(f"Driving {len(plans)} workers for {seconds:.0f} s ...")
        started = time.monotonic()
        outcomes = asyncio.run(_drive(cluster.url, plans, tokens, procedural, seconds, seed, cluster.edge.context))
        log(
            f"  done after {time.monotonic() - started:.0f} s (the last replies arrive after the {seconds:.0f} s window)"
        )
        # Every message was sent inside the window, so throughput is over the window.
        return LoadReport(workers=len(plans), seconds=seconds, servers=servers, outcomes=outcomes)


__all__ = ["CASELOAD_TEMPLATES", "LoadReport", "THINK_SECONDS", "bench_load"]

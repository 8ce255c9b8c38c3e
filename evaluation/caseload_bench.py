"""Caseload benchmarks on a large synthetic store: numbers, printed, not asserted.

Builds a demo caseload (`assistant.casestore.exchange.demo`), writes it as the CSV
exchange format, times its import into a fresh store (a temporary SQLite file,
or a scratch schema on PostgreSQL), then times the questions the chat asks:
one worker's due list, a manager's team, an authority's overdue list.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, List, Optional

from assistant.casestore import MANAGER_ROLES, Store, import_csv, open_store
from assistant.casestore.db import scratch_schema
from assistant.rules import policies
from assistant.services import caseload


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: float
    target: Optional[float]
    detail: str = ""

    def line(self) -> str:
        shown = f"{self.seconds * 1000:9.1f} ms" if self.seconds < 10 else f"{self.seconds:9.1f} s "
        verdict = "" if self.target is None else ("  ok" if self.seconds <= self.target else "  OVER TARGET")
        target = (
            ""
            if self.target is None
            else f" (target {self.target * 1000:.0f} ms)"
            if self.target < 10
            else f" (target {self.target:.0f} s)"
        )
        return f"{self.name:<44}{shown}{target}{verdict}  {self.detail}".rstrip()


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls (after one warm-up call)."""
    run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextmanager
def fresh_store_url(backend_url: Optional[str]) -> Iterator[str]:
    """An empty database: a temporary SQLite file, or a scratch schema on PostgreSQL."""
    if backend_url and not backend_url.startswith("sqlite"):
        with scratch_schema(backend_url, prefix="cin_bench") as url:
            yield url
    else:
        with tempfile.TemporaryDirectory(prefix="cin-bench-") as directory:
            yield f"sqlite:///{Path(directory) / 'bench.sqlite3'}"


def _busiest_manager(store: Store, managers: List[str], team_size: int) -> str:
    """A manager whose scope holds ``team_size`` workers or the nearest to it."""

    def distance(manager: str) -> int:
        return abs(len(store.scope_for(manager).worker_ids) - 1 - team_size)

    return min(managers, key=distance)


def bench_caseload(
    children: int,
    seed: int,
    today: dt.date,
    backend_url: Optional[str] = None,
    repeats: int = 20,
    log: Callable[[str], None] = print,
) -> List[Figure]:
    """Build, import and query a ``children``-sized store; return the figures."""
    from assistant.casestore.exchange.demo import generate_demo, write_demo_csv

    figures: List[Figure] = []
    policies()  # load and check the rule files once, outside the timings
    started = time.perf_counter()
    data = generate_demo(seed, today=today, children=children)
    figures.append(Figure("generate demo caseload", time.perf_counter() - started, None, f"{children:,} children"))
    with tempfile.TemporaryDirectory(prefix="cin-bench-csv-") as csv_dir, fresh_store_url(backend_url) as url:
        write_demo_csv(data, Path(csv_dir))
        store = open_store(url)
        try:
            log(f"importing into {url.split('?')[0]} ...")
            started = time.perf_counter()
            report = import_csv(store, Path(csv_dir))
            figures.append(
                Figure(
                    "import the four CSVs",
                    time.perf_counter() - started,
                    120.0,
                    f"{report.files['events.csv'].added:,} events",
                )
            )
            figures.extend(_query_figures(store, today, repeats))
        finally:
            store.close()
    return figures


def _query_figures(store: Store, today: dt.date, repeats: int) -> List[Figure]:
    window = caseload.window_for("this week", today)
    everyone = store.workers()
    workers = [w for w in everyone if w.role not in MANAGER_ROLES]
    managers = [w.worker_id for w in everyone if w.role in MANAGER_ROLES]
    sample = workers[:: max(1, len(workers) // 25)][:25]
    per_worker = [
        median_seconds(functools.partial(caseload.due_for_worker, store, w.worker_id, today, window), repeats)
        for w in sample
    ]
    figures = [
        Figure(
            "due for one worker (median of workers)",
            statistics.median(per_worker),
            0.020,
            f"{len(sample)} workers sampled",
        )
    ]
    manager = _busiest_manager(store, managers, 8)
    team_size = len(store.scope_for(manager).worker_ids) - 1
    figures.append(
        Figure(
            "due for a manager's team",
            median_seconds(lambda: caseload.due_for_team(store, manager, today, window), repeats),
            0.100,
            f"{team_size} workers",
        )
    )
    authority = _authority_nearest(store, 10_000)
    open_cases = len(store.open_cases_for_authority(authority))
    figures.append(
        Figure(
            "authority-wide overdue list",
            median_seconds(
                lambda: caseload.due_for_authority(store, authority, today, window, overdue_only=True),
                max(3, repeats // 5),
            ),
            1.0,
            f"{authority}: {open_cases:,} open cases",
        )
    )
    return figures


def _authority_nearest(store: Store, open_cases: int) -> str:
    """The authority whose open caseload is closest to ``open_cases`` (the target's size)."""
    from sqlalchemy import func, select

    from assistant.casestore.models import Case

    with store.engine.connect() as connection:
        counts = dict(connection.execute(select(Case.authority_id, func.count()).group_by(Case.authority_id)).all())
    return min(counts, key=lambda a: abs(counts[a] - open_cases))

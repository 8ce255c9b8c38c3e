"""A recorded visit is saved whole or not at all, even when the process dies mid-write.

``Store.append_event`` writes the event row, refreshes the case's summary
(``case_facts``) and adds the audit row in one transaction. Here a separate
process starts that write and is frozen right after its first INSERT (a
SQLAlchemy event listener in the child's own script: production code is
untouched), the test checks the transaction really is open, then SIGKILLs the
process. Afterwards every table holds exactly what it held before, the store
opens as usual, and the next write is saved. On SQLite (a file) and, when
``CIN_TEST_DATABASE_URL`` is set, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import select as select_module
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from typing import Dict, List, Tuple

import pytest
from sqlalchemy import MetaData, create_engine, func, select, text
from sqlalchemy.engine import make_url

from assistant.casestore import VISIT, Store, open_store
from assistant.config import PROJECT_ROOT

WORKER, CASE = "w1", "c1"
VISIT_DAY = dt.date(2026, 11, 20)

# The child's script: the real write, frozen inside its transaction after the first INSERT.
CHILD = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from sqlalchemy import event
    from assistant.casestore import VISIT, open_store

    url, worker, case_id, day = sys.argv[1:5]
    store = open_store(url)
    scope = store.scope_for(worker)

    def freeze(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT"):
            dbapi = cursor.connection
            pid = dbapi.get_backend_pid() if hasattr(dbapi, "get_backend_pid") else 0
            print(f"inside-transaction {pid}", flush=True)
            time.sleep(600)

    event.listen(store.engine, "after_cursor_execute", freeze)
    store.append_event(scope, case_id, VISIT, dt.date.fromisoformat(day), child_seen=True, seen_alone=True)
    print("committed", flush=True)
    """
)

Snapshot = Dict[str, List[Tuple]]


def snapshot(url: str) -> Snapshot:
    """Every row of every table, in a stable order: what "nothing changed" means."""
    engine = create_engine(url, future=True)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as connection:
            return {
                name: sorted(tuple(map(repr, row)) for row in connection.execute(select(table)))
                for name, table in meta.tables.items()
            }
    finally:
        engine.dispose()


def start_frozen_write(url: str) -> Tuple[subprocess.Popen, int]:
    """The child process, once it reports being inside the write's transaction, and its backend pid."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(PROJECT_ROOT), os.environ.get("PYTHONPATH"))))}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, WORKER, CASE, VISIT_DAY.isoformat()],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready, _, _ = select_module.select([child.stdout], [], [], 60)
    line = child.stdout.readline() if ready else ""
    if not line.startswith("inside-transaction"):
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"the writing process never reached its first INSERT: {line!r} {err[-2000:]}")
    return child, int(line.split()[1])


def assert_transaction_open(url: str, backend_pid: int) -> None:
    """The write really is half done: its transaction holds the database's write lock / is open on the server."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        other = sqlite3.connect(parsed.database, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
        return
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            state = connection.execute(
                text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {"pid": backend_pid}
            ).scalar_one()
        assert state == "idle in transaction"
    finally:
        engine.dispose()


def events_on(store: Store, case_id: str) -> int:
    from assistant.casestore.models import Event

    with store.session() as session:
        return session.execute(select(func.count()).select_from(Event).where(Event.case_id == case_id)).scalar_one()


def test_a_visit_write_killed_mid_transaction_leaves_nothing_behind(loaded: Store, store_url: str) -> None:
    before = snapshot(store_url)
    events_before = events_on(loaded, CASE)
    loaded.close()  # the test holds no connection while the child writes

    child, backend_pid = start_frozen_write(store_url)
    try:
        assert_transaction_open(store_url, backend_pid)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    if make_url(store_url).get_backend_name() == "postgresql":  # the server notices the dead client
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _backend_alive(store_url, backend_pid):
            time.sleep(0.05)

    # Nothing of the half-done write: no event, case_facts as it was, no audit row; every table unchanged.
    assert snapshot(store_url) == before

    # The store opens as usual and the next write is saved whole.
    with open_store(store_url) as reopened:
        saved = reopened.append_event(
            reopened.scope_for(WORKER), CASE, VISIT, VISIT_DAY, child_seen=True, seen_alone=True
        )
        assert saved.date == VISIT_DAY
        assert events_on(reopened, CASE) == events_before + 1
    after = snapshot(store_url)
    changed = {name for name in before if before[name] != after[name]}
    assert {"events", "case_facts", "audit_log"} <= changed


def _backend_alive(url: str, pid: int) -> bool:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return bool(
                connection.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
                ).scalar_one()
            )
    finally:
        engine.dispose()

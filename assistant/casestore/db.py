"""Engines for the case store: one place that knows SQLite's and PostgreSQL's quirks."""

from __future__ import annotations

import math
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, Optional

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import QueuePool, StaticPool

from assistant.config import db_timeout_seconds, private_file


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    """The file a SQLite URL points at, or None for an in-memory database."""
    database = url.database or ""
    if not is_sqlite(url) or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def create_store_engine(url: str, timeout: Optional[float] = None) -> Engine:
    """An engine for ``url``; creates a SQLite file's folder and turns on its foreign keys.

    SQLite ignores foreign keys unless asked on every connection, folds case
    for ASCII only, and an in-memory database exists per connection, so it
    gets a single shared one.

    Faults are bounded by ``timeout`` seconds (default ``CIN_DB_TIMEOUT``, 5):
    a SQLite call waits that long for another writer's lock (busy timeout),
    a PostgreSQL connection attempt that long for the server; then the call
    fails and the chat says the records are out of reach instead of hanging.
    A SQLite file is put in WAL mode, so readers (the sign-in check, due
    lists) are never blocked by a writer, e.g. a long import.
    """
    parsed = make_url(url)
    seconds = db_timeout_seconds() if timeout is None else timeout
    kwargs: Dict[str, Any] = {"future": True}
    wal = False
    if is_sqlite(parsed):
        path = sqlite_path(parsed)
        if path is not None:
            private_file(path.expanduser().resolve())  # children's records: owner-only, and so its journals
            # Connections are kept and reused (SQLAlchemy 1.4 opens a new one per use for SQLite
            # files, repeating the set-up below each time: about 2 ms of every chat answer).
            # Never shared by two threads at once; handed from one to the next via the pool.
            kwargs.update(poolclass=QueuePool, connect_args={"timeout": seconds, "check_same_thread": False})
            wal = True
        else:
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False, "timeout": seconds})
    else:
        kwargs["pool_pre_ping"] = True  # a long-lived action server outlives server restarts
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            kwargs["connect_args"] = {"connect_timeout": max(2, math.ceil(seconds))}  # libpq's minimum is 2
    engine = create_engine(parsed, **kwargs)
    if is_sqlite(parsed):
        event.listen(engine, "connect", _sqlite_wal_on_connect if wal else _sqlite_on_connect)
    return engine


def _sqlite_wal_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    _sqlite_on_connect(dbapi_connection, connection_record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file; a no-op once set
    cursor.close()


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # SQLite's own lower() folds ASCII only; names like "Zoë" must match "ZOË" as on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


@contextmanager
def scratch_schema(url: str, prefix: str = "cin_scratch") -> Iterator[str]:
    """A PostgreSQL URL whose connections use a new, empty schema, dropped afterwards.

    Tests and benchmarks share a database with other people's tables; a
    schema of their own (through ``search_path``) keeps them apart.
    """
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = create_engine(url, future=True)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

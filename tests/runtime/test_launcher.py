"""What every launch tells Rasa about its conversation store and lock store (assistant.runtime.launcher).

Read back with Rasa's own endpoint reader and store factories, so a setting
that Rasa would silently ignore (and fall back to keeping conversations in
memory, or to one lock per server) fails here.
"""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import pytest
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import Engine, make_url

from assistant.casestore.db import create_store_engine
from assistant.config import VAR_DIR, ConfigError, load_settings
from assistant.runtime.launcher import CONVERSATION_STORE, free_port, start_assistant, write_endpoints
from assistant.tracker.store import ConversationStore

REDIS_URL = os.environ.get("CIN_TEST_REDIS_URL", "redis://localhost:6379/15")
ACTION_SECRET = "serve-test-action-secret-" + "0123456789abcdef" * 2


@pytest.fixture(autouse=True)
def action_secret_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa reads the action secret from its environment, as a launch gives it."""
    monkeypatch.setenv("CIN_ACTION_SECRET", ACTION_SECRET)


def commit_setting(engine: Engine) -> str:
    """How a fresh connection of ``engine`` commits: SQLite's ``synchronous`` level or PostgreSQL's ``synchronous_commit``."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return str(connection.exec_driver_sql("PRAGMA synchronous").scalar())
        return str(connection.exec_driver_sql("SHOW synchronous_commit").scalar())


def test_a_launch_with_no_settings_keeps_conversations_in_sql_beside_the_case_store(tmp_path: Path) -> None:
    endpoints = AvailableEndpoints.read_endpoints(str(write_endpoints(tmp_path, 5055, load_settings({}))))
    assert (endpoints.tracker_store.type, endpoints.tracker_store.url) == (
        CONVERSATION_STORE,
        f"sqlite:///{VAR_DIR / 'conversations.sqlite3'}",
    )
    assert endpoints.lock_store is None  # one server: Rasa's in-memory lock is enough
    assert endpoints.action.url == "http://127.0.0.1:5055/webhook"
    assert endpoints.action.headers == {"X-CIN-Action-Secret": ACTION_SECRET}  # sent with every action call
    assert ACTION_SECRET not in (tmp_path / "endpoints.yml").read_text()  # from the environment, never on disk
    assert stat.S_IMODE((tmp_path / "endpoints.yml").stat().st_mode) == 0o600  # may hold a database password


def test_two_server_settings_reach_rasas_sql_tracker_store_and_redis_lock_store(tmp_path: Path, store_url: str) -> None:
    prefix = f"test{uuid.uuid4().hex[:8]}"
    settings = load_settings(
        {"CIN_TRACKER_URL": store_url, "CIN_LOCK_STORE_URL": REDIS_URL, "CIN_LOCK_STORE_PREFIX": prefix}
    )
    endpoints = AvailableEndpoints.read_endpoints(str(write_endpoints(tmp_path, 6055, settings)))
    if store_url.startswith("sqlite:///"):
        Path(store_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    tracker_store = TrackerStore.create(endpoints.tracker_store, Domain.empty())
    inner = getattr(tracker_store, "_tracker_store", tracker_store)
    assert isinstance(inner, SQLTrackerStore)  # not the in-memory store Rasa falls back to
    assert isinstance(inner, ConversationStore)
    assert inner.engine.url == make_url(store_url)
    # Conversations commit without waiting for the disk; the case store (visits, audit) still waits.
    case_store = create_store_engine(store_url)
    try:
        assert commit_setting(inner.engine) in ("1", "off")  # SQLite synchronous=NORMAL / PostgreSQL off
        assert commit_setting(case_store) in ("2", "on")  # SQLite FULL / PostgreSQL on
    finally:
        inner.engine.dispose()
        case_store.dispose()
    lock_store = LockStore.create(endpoints.lock_store)
    assert isinstance(lock_store, RedisLockStore)
    assert lock_store.key_prefix.startswith(f"{prefix}:")
    assert lock_store.red.connection_pool.connection_kwargs["db"] == int(REDIS_URL.rsplit("/", 1)[1])
    lock = lock_store.create_lock("w1")  # the lock really lives in Redis, under this deployment's prefix
    lock_store.save_lock(lock)
    try:
        assert lock_store.red.exists(f"{prefix}:lock:w1")
    finally:
        lock_store.delete_lock("w1")


@pytest.mark.parametrize(
    "env, named",
    [
        ({"CIN_RETENTION_DAYS": "0"}, "CIN_RETENTION_DAYS"),
        ({"CIN_RETENTION_DAYS": "a month"}, "CIN_RETENTION_DAYS"),
        ({"CIN_TRACKER_URL": "conversations.sqlite3"}, "CIN_TRACKER_URL"),
        ({"CIN_LOCK_STORE_URL": "localhost:6379"}, "CIN_LOCK_STORE_URL"),
        ({"CIN_LOCK_STORE_URL": "redis://localhost:6379/locks"}, "CIN_LOCK_STORE_URL"),
        ({"CIN_LOCK_STORE_PREFIX": "cin-prod"}, "CIN_LOCK_STORE_PREFIX"),
    ],
)
def test_a_bad_deployment_setting_is_refused_with_its_name(env: dict, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        load_settings(env)


def test_retention_defaults_to_30_days() -> None:
    assert load_settings({}).retention_days == 30
    assert load_settings({"CIN_RETENTION_DAYS": "90"}).retention_days == 90


def test_each_test_or_benchmark_launch_gets_its_own_conversation_store_removed_at_stop(tmp_path: Path) -> None:
    env = {"CIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cin.sqlite3'}", "CIN_TOKEN_SECRET": "serve-test-" + "ab" * 20}
    first = start_assistant(free_port(), free_port(), env=env)
    second = start_assistant(free_port(), free_port(), env=env)
    try:
        urls = [
            AvailableEndpoints.read_endpoints(str(r.run_dir / "endpoints.yml")).tracker_store.url
            for r in (first, second)
        ]
    finally:
        first.stop()
        second.stop()
    assert urls[0] == f"sqlite:///{first.run_dir / 'conversations.sqlite3'}"
    assert urls[1] == f"sqlite:///{second.run_dir / 'conversations.sqlite3'}"
    assert not first.run_dir.exists() and not second.run_dir.exists()  # the conversations went with the run
    named = start_assistant(
        free_port(), free_port(), env={**env, "CIN_TRACKER_URL": f"sqlite:///{tmp_path / 'kept.sqlite3'}"}
    )
    try:
        kept = AvailableEndpoints.read_endpoints(str(named.run_dir / "endpoints.yml")).tracker_store.url
    finally:
        named.stop()
    assert kept == f"sqlite:///{tmp_path / 'kept.sqlite3'}"  # `cin-assistant run` and the cluster name theirs

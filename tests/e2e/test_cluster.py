"""More than one machine: two Rasa servers (each with its own action server) behind the edge (HAProxy, TLS),
sharing PostgreSQL (case records, conversations in scratch schemas dropped after) and Redis (the lock).

A worker's conversation must not care which server takes each message: the
context of a follow-up, a half-filled visit form and a recorded visit all
cross from one server to the other. Also: a single server's conversations
live in its own SQL store, never in var/.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any, Dict, Iterator, List

import pytest
from sqlalchemy import create_engine, func, select

from assistant.casestore import open_store
from assistant.casestore.accounts import set_password
from assistant.casestore.db import scratch_schema
from assistant.casestore.exchange.csv_import import import_csv
from assistant.config import VAR_DIR
from assistant.runtime.cluster import RunningCluster, start_cluster
from assistant.runtime.launcher import RunningAssistant
from assistant.tracker.retention import EVENTS
from tests.e2e.conftest import ACTION_SECRET, FIXTURE, TODAY, TOKEN_SECRET, payload

pytestmark = pytest.mark.e2e

PG_URL = os.environ.get("CIN_TEST_DATABASE_URL", "").strip()
REDIS_URL = os.environ.get("CIN_TEST_REDIS_URL", "redis://localhost:6379/15")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    if not PG_URL:
        pytest.fail("the two-server test needs PostgreSQL: set CIN_TEST_DATABASE_URL (CI does)")
    with (
        scratch_schema(PG_URL, prefix="cin_cluster_store") as store_url,
        scratch_schema(PG_URL, prefix="cin_cluster_talk") as tracker_url,
    ):
        with open_store(store_url) as store:
            import_csv(store, FIXTURE)
            set_password(store, "w2", "w2 cluster passphrase")
        running = start_cluster(
            store_url,
            tracker_url,
            REDIS_URL,
            servers=2,
            log_dir=tmp_path_factory.mktemp("cluster-logs"),
            env={"CIN_TODAY": TODAY, "CIN_TOKEN_SECRET": TOKEN_SECRET, "CIN_ACTION_SECRET": ACTION_SECRET},
        )
        try:
            running.wait_ready(timeout=300)
            yield {"running": running, "tracker_url": tracker_url}
        finally:
            running.stop()


def _query(replies: List[Dict[str, Any]]) -> tuple:
    reply = payload(replies)
    return reply["query"]["kind"], reply["query"]["item_type"], reply["query"]["child"]["case_id"]


def test_a_follow_up_answered_by_the_other_server_keeps_the_child(cluster: Dict[str, Any]) -> None:
    running: RunningCluster = cluster["running"]
    a, b = running.assistants
    assert _query(a.send("w1", "when is amelia kestrel's next review")) == ("next", "review", "c1")
    second = b.send("w1", "and her next visit?")  # server B never saw the first question
    assert _query(second) == ("next", "visit", "c1")
    assert [(i["item"], i["due"]) for i in payload(second)["items"]] == [("visit", "2026-11-26")]

    first, served_first = running.send("w1", "when is amelia brook's next review")
    follow_up, served_second = running.send("w1", "and her next visit?")
    assert {served_first, served_second} == {"1", "2"}  # the edge gave the two messages to different servers
    assert _query(first)[2] == "c3" and _query(follow_up)[:2] == ("next", "visit") and _query(follow_up)[2] == "c3"

    engine = create_engine(cluster["tracker_url"], future=True)
    try:
        with engine.connect() as connection:  # one conversation, in the shared PostgreSQL store
            stored = connection.execute(select(func.count()).where(EVENTS.c.sender_id == "w1")).scalar()
    finally:
        engine.dispose()
    assert stored > 0


def test_a_visit_recorded_across_both_servers_is_seen_by_each(cluster: Dict[str, Any]) -> None:
    a, b = cluster["running"].assistants
    before = payload(b.send("w2", "have i missed any visits"))
    assert ("c2", "visit") in [(i["case_id"], i["item"]) for i in before["items"]]
    asking = payload(a.send("w2", "i visited zainab today"))
    assert (asking["type"], asking["slot"]) == ("form", "child_seen")
    assert payload(b.send("w2", "yes"))["slot"] == "seen_alone"  # the half-filled form crossed servers
    confirm = payload(a.send("w2", "yes"))
    assert confirm["status"] == "confirm" and confirm["visit"]["case_id"] == "c2"
    saved = payload(b.send("w2", "yes"))
    assert saved["status"] == "saved" and [(i["item"], i["due"]) for i in saved["items"]] == [("visit", "2026-12-14")]
    for server in (a, b):  # saved through B: both now know the visit is no longer overdue
        after = payload(server.send("w2", "have i missed any visits"))
        assert ("c2", "visit") not in [(i["case_id"], i["item"]) for i in after["items"]]
    nxt = payload(a.send("w2", "when is zainab's next visit"))
    assert [(i["case_id"], i["item"], i["due"]) for i in nxt["items"]] == [("c2", "visit", "2026-12-14")]


def test_a_single_servers_conversations_are_kept_in_its_own_sql_store(assistant: RunningAssistant) -> None:
    var_store = VAR_DIR / "conversations.sqlite3"
    before = var_store.stat().st_mtime if var_store.exists() else None
    assistant.send("w4", "hello")
    own = assistant.run_dir / "conversations.sqlite3"
    with sqlite3.connect(own) as connection:
        rows = connection.execute("SELECT count(*) FROM events WHERE sender_id = 'w4'").fetchone()[0]
    assert rows > 0  # in SQL, not in memory
    assert (var_store.stat().st_mtime if var_store.exists() else None) == before  # and never in var/

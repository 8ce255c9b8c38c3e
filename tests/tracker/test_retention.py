"""Conversation retention: `cin-assistant conversations purge` and the purge at `cin-assistant run`.

The conversations are written by Rasa's own SQLTrackerStore (the class the
Rasa server uses), on SQLite and, with CIN_TEST_DATABASE_URL, on PostgreSQL in
a scratch schema dropped after the test. What a DPO relies on: sessions past
the retention are gone (names and all), and what a worker relies on: the
conversation going on now is untouched and the server keeps writing it
correctly afterwards.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Dict, List

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, select

from assistant.casestore import open_store
from assistant.casestore.audit import os_actor, read_audit
from assistant.cli import main
from assistant.runtime.launcher import free_port
from assistant.tracker.retention import EVENTS, purge_conversations
from assistant.tracker.store import ConversationStore
from tests.running import children, launched

DAY = 86_400.0
# The conversations' ages are counted back from here. The command purges against the clock, minutes
# later in a full run, so no age sits within hours of a cut-off the command is asked for.
NOW = time.time()


def session(start: float, *turns: str) -> List[Event]:
    """One conversation session as Rasa writes it: the session start, then a user and a bot event per turn."""
    events: List[Event] = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start + 0.001),
        ActionExecuted("action_listen", timestamp=start + 0.002),
    ]
    for n, text in enumerate(turns, start=1):
        at = start + n * 60
        events += [
            UserUttered(text, timestamp=at),
            BotUttered(f"reply to {text}", timestamp=at + 1),
            ActionExecuted("action_listen", timestamp=at + 2),
        ]
    return events


def tracker_store(url: str) -> SQLTrackerStore:
    """The conversation store as the servers run it (assistant.runtime.launcher.CONVERSATION_STORE)."""
    return ConversationStore(Domain.empty(), host=url)


def save(store: SQLTrackerStore, sender: str, events: List[Event]) -> None:
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def stored_texts(url: str) -> Dict[str, List[str]]:
    """Every event's JSON by conversation, straight from the table (what anyone with the database could read)."""
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(EVENTS.c.sender_id, EVENTS.c.data).order_by(EVENTS.c.id)).all()
    finally:
        engine.dispose()
    out: Dict[str, List[str]] = {}
    for sender, data in rows:
        out.setdefault(sender, []).append(data)
    return out


@pytest.fixture
def conversations(store_url: str) -> str:
    """A conversation store (the `store_url` backends: SQLite, and PostgreSQL when configured) holding four workers' chats."""
    if store_url.startswith("sqlite:///"):
        Path(store_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)  # Rasa creates no folders
    store = tracker_store(store_url)
    save(store, "w-gone", session(NOW - 40 * DAY, "when is Amelia Kestrel's next review?"))
    save(
        store,
        "w-mixed",
        session(NOW - 45 * DAY, "is Oliver Stone's case closed?") + session(NOW - DAY / 2, "what's due this week"),
    )
    # began 31 days ago and still going: the last turn was an hour ago, no new session since
    save(
        store,
        "w-long",
        session(NOW - 31 * DAY, "i saw zainab today")
        + [
            UserUttered("and her next visit?", timestamp=NOW - 3600),
            ActionExecuted("action_listen", timestamp=NOW - 3599),
        ],
    )
    save(store, "w-new", session(NOW - 2 * DAY, "how often do I visit"))
    store.engine.dispose()
    return store_url


def test_sessions_past_retention_are_deleted_and_current_ones_kept_whole(conversations: str) -> None:
    before = stored_texts(conversations)
    report = purge_conversations(conversations, 30, now=NOW)

    after = stored_texts(conversations)
    assert "w-gone" not in after  # nothing recent: the whole conversation, Amelia's name with it
    assert not any("Oliver Stone" in data for data in after["w-mixed"])  # the old session went
    assert any("what's due this week" in data for data in after["w-mixed"])  # this morning's stayed
    assert after["w-long"] == before["w-long"]  # a session still going is never cut
    assert after["w-new"] == before["w-new"]
    gone = len(before["w-gone"]) + len(before["w-mixed"]) - len(after["w-mixed"])
    assert (report.events, report.conversations, report.removed) == (gone, 2, 1)
    assert purge_conversations(conversations, 30, now=NOW).events == 0  # a second run finds nothing


def test_the_server_keeps_writing_a_purged_conversation_correctly(conversations: str) -> None:
    purge_conversations(conversations, 30, now=NOW)
    store = tracker_store(conversations)
    try:
        tracker = asyncio.run(store.retrieve("w-mixed"))
        assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["what's due this week"]
        tracker.update(UserUttered("and next week?", timestamp=NOW))
        asyncio.run(store.save(tracker))
        again = asyncio.run(store.retrieve("w-mixed"))
        # Rasa counts the latest session's rows to know what is new: nothing written twice, nothing lost
        assert [e.text for e in again.events if isinstance(e, UserUttered)] == [
            "what's due this week",
            "and next week?",
        ]
        assert len(again.events) == len(tracker.events)
    finally:
        store.engine.dispose()


def test_the_purge_command_reports_what_it_deleted_with_the_retention_setting(
    conversations: str,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIN_RETENTION_DAYS", "44")  # only w-mixed's 45-day-old session is past it
    before = stored_texts(conversations)
    assert main(["conversations", "purge", "--db", conversations]) == 0
    line = capsys.readouterr().out
    assert "Purged 6 event(s) from 1 conversation(s) (0 removed entirely)" in line and "retention 44 days" in line
    assert set(stored_texts(conversations)) == set(before)
    assert main(["conversations", "purge", "--older-than-days", "1", "--db", conversations]) == 0
    assert "removed entirely" in capsys.readouterr().out
    assert set(stored_texts(conversations)) == {"w-long", "w-mixed"}  # w-new (2 days) went; sessions in use stayed


def test_purge_command_faults_are_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "never-used.sqlite3"
    assert main(["conversations", "purge", "--db", f"sqlite:///{missing}"]) == 0
    assert "Purged 0 event(s) from 0 conversation(s)" in capsys.readouterr().out
    assert not missing.exists()  # a purge never creates a conversation store
    assert main(["conversations", "purge", "--db", "postgresql://cin:s3cret@127.0.0.1:1/none"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cin-assistant: cannot purge") and "s3cret" not in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert main(["conversations", "purge", "--older-than-days", "0", "--db", f"sqlite:///{missing}"]) == 1


def test_run_purges_past_retention_before_it_serves_anyone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'conversations.sqlite3'}"
    store = tracker_store(url)
    save(store, "w-gone", session(time.time() - 40 * DAY, "when is Amelia Kestrel's next review?"))
    save(store, "w-new", session(time.time() - 60, "how often do I visit"))
    store.engine.dispose()
    env = {
        "CIN_TRACKER_URL": url,
        "CIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cin.sqlite3'}",
        "CIN_PORT": str(free_port()),
        "CIN_ACTIONS_PORT": str(free_port()),
        "CIN_PUBLIC_PORT": str(free_port()),
        "CIN_TOKEN_SECRET": "purge-test-secret-" + "0123456789abcdef" * 2,
    }
    with launched(env) as (run, lines):  # Ctrl-C once it serves: what a worker stopping `make run` does
        assert len(children(run.pid)) == 3, "".join(lines[-40:])  # both servers and the edge were running
    output = "".join(lines)
    assert output.startswith("Purged 6 event(s) from 1 conversation(s) (1 removed entirely)"), output[-3000:]
    assert output.index("Purged") < output.index("is ready")  # retention before anyone is served
    assert set(stored_texts(url)) == {"w-new"}
    assert "Both servers stopped." in output, output[-3000:]


def test_an_operator_reads_a_workers_conversation_only_with_an_audit_row_first(
    conversations: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    case_store = f"sqlite:///{tmp_path / 'cin.sqlite3'}"
    assert main(["conversations", "show", "--worker", "w-mixed", "--db", conversations, "--store", case_store]) == 0
    out = capsys.readouterr().out
    assert "is Oliver Stone's case closed?" in out and "reply to what's due this week" in out
    assert "4 message(s) stored for w-mixed." in out
    assert "w-gone" not in out and "Amelia" not in out  # only that worker's conversation
    with open_store(case_store) as store:
        rows = [r for r in read_audit(store) if r.action == "conversation_read"]
    assert [(r.worker_id, r.actor) for r in rows] == [("w-mixed", os_actor())]  # who read whose
    # The trail cannot be written: nothing is shown.
    assert (
        main(
            [
                "conversations",
                "show",
                "--worker",
                "w-mixed",
                "--db",
                conversations,
                "--store",
                "postgresql://nobody@127.0.0.1:1/none",
            ]
        )
        == 1
    )
    assert "Oliver" not in capsys.readouterr().out

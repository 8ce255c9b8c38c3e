"""One real Rasa server and one real action server for all end-to-end tests.

They run against a small synthetic case store (tests/fixtures/csv-chat) with
today fixed at 2026-11-23, so caseload answers can be checked date by date.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from assistant.casestore import open_store
from assistant.casestore.accounts import set_password
from assistant.casestore.exchange.csv_import import import_csv
from assistant.runtime.launcher import RunningAssistant, free_port, start_assistant

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "csv-chat"
TODAY = "2026-11-23"
# Synthetic sign-in settings for the test servers only.
TOKEN_SECRET = "e2e-test-secret-" + "0123456789abcdef" * 2
ACTION_SECRET = "e2e-action-secret-" + "fedcba9876543210" * 2
PASSWORDS = {
    "w1": "w1 test passphrase",
    "w2": "w2 test passphrase",
    "m1": "m1 test passphrase",
    "w5": "w5 test passphrase",
}


@pytest.fixture(scope="session")
def chat_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('chat-store') / 'cin.sqlite3'}"
    with open_store(url) as store:
        import_csv(store, FIXTURE)
        for worker, password in PASSWORDS.items():
            set_password(store, worker, password)
    return url


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory, chat_store_url: str) -> Iterator[RunningAssistant]:
    running = start_assistant(
        free_port(),
        free_port(),
        log_dir=tmp_path_factory.mktemp("logs"),
        env={
            "CIN_DATABASE_URL": chat_store_url,
            "CIN_TODAY": TODAY,
            "CIN_TOKEN_SECRET": TOKEN_SECRET,
            "CIN_ACTION_SECRET": ACTION_SECRET,
            "CIN_TRUSTED_PROXIES": "127.0.0.1",
        },  # as `cin-assistant run` sets it for its edge
    )
    try:
        running.wait_ready(timeout=240)
        yield running
    finally:
        running.stop()
        assert running.rasa.poll() is not None and running.actions.poll() is not None


def restart(assistant: RunningAssistant, worker: str) -> None:
    """Start the worker's conversation afresh (the REST channel's restart), so other test modules see no leftovers."""
    assistant.restart(worker)


def stored_user_messages(assistant: RunningAssistant, worker: str) -> int:
    """How many messages of the worker's the run's conversation store holds (read as an operator would, in SQL)."""
    with sqlite3.connect(assistant.run_dir / "conversations.sqlite3") as connection:
        return int(
            connection.execute(
                "SELECT count(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (worker,)
            ).fetchone()[0]
        )


def texts(replies: List[Dict[str, Any]]) -> str:
    return "\n".join(r["text"] for r in replies if "text" in r)


def payload(replies: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The one custom payload every reply carries (docs/conversation.md)."""
    payloads = [r["custom"] for r in replies if "custom" in r]
    assert len(payloads) == 1, replies
    return payloads[0]

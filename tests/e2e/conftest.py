"""One real Rasa server and one real action server for all end-to-end tests.

They run against a small synthetic case store (tests/fixtures/csv-chat) with
today fixed at 2026-11-23, so caseload answers can be checked date by date.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from assistant.accounts import set_password
from assistant.casestore import open_store
from assistant.casestore.importer import import_csv
from assistant.serve import RunningAssistant, free_port, start_assistant

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "csv-chat"
TODAY = "2026-11-23"
# Synthetic sign-in settings for the test servers only.
TOKEN_SECRET = "e2e-test-secret-" + "0123456789abcdef" * 2
API_TOKEN = "e2e-operator-token"
PASSWORDS = {"w1": "w1 test passphrase", "w2": "w2 test passphrase", "m1": "m1 test passphrase",
             "w5": "w5 test passphrase"}


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
        free_port(), free_port(), log_dir=tmp_path_factory.mktemp("logs"),
        env={"CIN_DATABASE_URL": chat_store_url, "CIN_TODAY": TODAY,
             "CIN_TOKEN_SECRET": TOKEN_SECRET, "CIN_API_TOKEN": API_TOKEN},
    )
    try:
        running.wait_ready(timeout=240)
        yield running
    finally:
        running.stop()
        assert running.rasa.poll() is not None and running.actions.poll() is not None


def restart(assistant: RunningAssistant, worker: str) -> None:
    """Start the worker's conversation afresh (operator API), so other test modules see no leftovers."""
    request = urllib.request.Request(
        f"{assistant.url}/conversations/{worker}/tracker/events?token={API_TOKEN}",
        data=json.dumps({"event": "restart"}).encode("utf-8"), headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def texts(replies: List[Dict[str, Any]]) -> str:
    return "\n".join(r["text"] for r in replies if "text" in r)


def payload(replies: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The one custom payload every reply carries (docs/conversation.md)."""
    payloads = [r["custom"] for r in replies if "custom" in r]
    assert len(payloads) == 1, replies
    return payloads[0]

"""The servers' logs hold no message text and no child's name (issue 7, "Access and audit").

Logs are read by IT staff who have no business seeing a child's name or what
a worker typed about them. Rasa runs at its default level (INFO). This sends
questions naming children and records a visit through the running servers,
then reads both servers' logs (which by then also hold every earlier e2e
test's traffic) and looks for each message and every child's name in the
store.

Store: tests/fixtures/csv-chat. The visit is recorded for w5 on Noah Ferris
(c6) as "child not seen", which does not restart the visiting timescale, so
what other tests see of Noah's case does not change.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterator, List

import pytest

from assistant.runtime.launcher import RunningAssistant
from tests.e2e.conftest import FIXTURE, payload
from tests.e2e.test_access import restart

pytestmark = pytest.mark.e2e

SENT: List[str] = []  # every message this module sends


@pytest.fixture(scope="module", autouse=True)
def fresh_conversation(assistant: RunningAssistant) -> Iterator[None]:
    restart(assistant, "w5")
    yield
    restart(assistant, "w5")


def say(assistant: RunningAssistant, worker: str, message: str) -> dict:
    SENT.append(message)
    return payload(assistant.send(worker, message))


def child_names() -> List[str]:
    with (FIXTURE / "children.csv").open(encoding="utf-8", newline="") as handle:
        return sorted({name for row in csv.DictReader(handle) for name in (row["first_name"], row["last_name"])})


def test_no_message_text_or_child_name_reaches_the_logs(assistant: RunningAssistant) -> None:
    assert say(assistant, "w1", "when is Amelia Kestrel's next review due")["type"] == "due_items"
    assert say(assistant, "w2", "whats open for Zainab Hale")["type"] == "due_items"
    assert say(assistant, "w2", "when is Freya Lund next visit")["reason"] == "child_not_found"
    say(assistant, "w1", "tell me about Oliver Stone please")
    assert say(assistant, "w5", "I visited Noah Ferris yesterday")["slot"] == "child_seen"
    assert say(assistant, "w5", "no")["status"] == "confirm"
    saved = say(assistant, "w5", "yes")
    assert (saved["status"], saved["visit"]["case_id"]) == ("saved", "c6")

    for name, path in assistant.logs.items():
        log = Path(path).read_text(encoding="utf-8", errors="replace")
        assert log.strip(), f"the {name} log is empty: the check would prove nothing"
        for message in (m for m in SENT if len(m.split()) >= 3):  # "yes" and "no" are in any log
            assert message.lower() not in log.lower(), f"the {name} log holds the message {message!r}"
        for child in child_names():
            found = re.search(rf"\b{re.escape(child)}\b", log, re.IGNORECASE)
            assert found is None, (
                f"the {name} log names {child!r}: ...{log[max(0, found.start() - 200) : found.end() + 80]}"
            )

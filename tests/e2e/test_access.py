"""The access matrix through the running servers (issue 7, "Access and audit").

The ways in that only exist with the servers up: a child named in the chat (by
name and by case reference), the visit form, a team question, and the web
page's "this week" panel, each signed in with a real token. Someone else's
child gets exactly the reply a child who does not exist gets. Afterwards the
audit trail in the chat store holds each question as fields, the probing
look-ups as queries that returned nothing, and none of the names typed. The
same matrix for every viewer and child, without the servers: tests/test_access.py.

Store: tests/fixtures/csv-chat (today 2026-11-23). w4 holds no cases, so every
child is outside w4's scope; w5 holds Noah Ferris (c6); m1 manages w1, w2, w4.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterator, List

import pytest
from sqlalchemy import select

from assistant.casestore import open_store
from assistant.casestore.audit import read_audit
from assistant.casestore.models import AuditRow
from assistant.cli import main as cli_main
from assistant.runtime.launcher import RunningAssistant
from tests.e2e.conftest import TODAY, payload, restart, texts
from tests.e2e.test_channels import call

pytestmark = pytest.mark.e2e

USED = ("w4", "w5", "m1")  # whose conversations these tests change (restarted before and after)


@pytest.fixture(scope="module", autouse=True)
def fresh_conversations(assistant: RunningAssistant) -> Iterator[None]:
    for worker in USED:
        restart(assistant, worker)
    yield
    for worker in USED:
        restart(assistant, worker)


def unquoted(replies: List[Dict[str, Any]]) -> str:
    """The reply's words with what the worker typed (echoed in quotes) taken out."""
    return re.sub(r'"[^"]*"', '""', texts(replies))


def panel(assistant: RunningAssistant, worker: str) -> Dict[str, Any]:
    status, _, body = call(f"{assistant.url}/webhooks/web/panel", token=assistant.token_for(worker))
    assert status == 200, body
    return body


@pytest.mark.parametrize(
    "other, nobody",
    [
        ("when is noah ferris's next visit", "when is noah quixworth's next visit"),
        ("whats open for c6", "whats open for c99"),
    ],
)
def test_someone_elses_child_named_in_chat_looks_like_nobody(
    assistant: RunningAssistant, other: str, nobody: str
) -> None:
    mine = payload(assistant.send("w5", other))  # Noah is w5's: the question itself works
    assert mine["type"] == "due_items" and mine["query"]["child"]["case_id"] == "c6"
    elsewhere, ghost = assistant.send("w4", other), assistant.send("w4", nobody)
    assert payload(elsewhere) == payload(ghost)
    assert payload(elsewhere)["type"] in ("refusal", "clarify")
    assert unquoted(elsewhere) == unquoted(ghost)
    assert "c6" not in json.dumps(elsewhere) and "Noah F" not in texts(elsewhere)


def test_the_visit_form_will_not_find_someone_elses_child(assistant: RunningAssistant, chat_store_url: str) -> None:
    with open_store(chat_store_url) as store:
        events = store.counts()["events"]
    first = payload(assistant.send("w4", "i want to record a visit"))
    assert (first["type"], first.get("slot")) == ("form", "visit_child")
    elsewhere = assistant.send("w4", "noah ferris")
    ghost = assistant.send("w4", "noah quixworth")
    assert (
        payload(elsewhere) == payload(ghost) == {"type": "refusal", "reason": "child_not_found", "slot": "visit_child"}
    )
    assert unquoted(elsewhere) == unquoted(ghost)
    assert payload(assistant.send("w4", "stop"))["status"] == "cancelled"
    with open_store(chat_store_url) as store:
        assert store.counts()["events"] == events


def test_team_questions_answer_a_manager_with_the_team_only(assistant: RunningAssistant) -> None:
    refused = payload(assistant.send("w4", "whats overdue in my team"))
    assert (refused["type"], refused["reason"]) == ("refusal", "not_a_manager")
    team = payload(assistant.send("m1", "whats due in my team in the next 200 days"))
    assert team["query"]["kind"] == "team_due"
    assert {i["case_id"] for i in team["items"]} == {"c1", "c2", "c3"}  # not Freya (c5, Camden) nor Noah (c6, t3)


def test_the_panel_shows_the_signed_in_worker_their_own_cases_only(
    assistant: RunningAssistant,
    chat_store_url: str,
    capsys: pytest.CaptureFixture,
) -> None:
    assert panel(assistant, "w4")["items"] == []
    w2 = panel(assistant, "w2")
    assert {i["case_id"] for i in w2["items"]} == {"c2"}
    capsys.readouterr()
    assert cli_main(["due", "--worker", "w2", "--json", "--today", TODAY, "--db", chat_store_url]) == 0
    assert w2["items"] == json.loads(capsys.readouterr().out)["items"]
    assert panel(assistant, "m1")["items"] == []  # a manager's panel is their own caseload, not the team's
    status, _, _ = call(f"{assistant.url}/webhooks/web/panel")
    assert status == 401


def test_the_servers_put_every_way_in_on_the_audit_trail_without_names(
    assistant: RunningAssistant,
    chat_store_url: str,
) -> None:
    """Runs after the tests above (file order): their questions are on the trail as fields only."""
    with open_store(chat_store_url) as store:
        w4 = read_audit(store, worker_id="w4")
        w2_panel = [e for e in read_audit(store, worker_id="w2") if e.source == "panel"]
        m1 = [e for e in read_audit(store, worker_id="m1") if e.kind == "team_due"]
        with store.engine.connect() as connection:
            stored = " ".join(str(v) for row in connection.execute(select(*AuditRow.__table__.columns)) for v in row)
    probes = [e for e in w4 if e.outcome == "child_not_found"]
    assert len(probes) >= 4  # two named in questions, two in the visit form
    assert all(e.source == "chat" and e.channel == "rest" and e.case_ids == () and e.case_id is None for e in probes)
    assert {e.kind for e in probes} >= {"visit_check"}
    assert any(e.kind == "team_overdue" and e.outcome == "not_a_manager" and e.role == "social_worker" for e in w4)
    assert w2_panel and all(e.channel == "web" and e.case_ids == ("c2",) and e.kind == "due" for e in w2_panel)
    assert m1 and m1[-1].role == "team_manager" and set(m1[-1].case_ids) == {"c1", "c2", "c3"}
    for typed in ("noah", "ferris", "quixworth", "whats", "next visit"):
        assert typed not in stored.lower()

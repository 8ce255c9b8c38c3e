"""The audit trail a data protection officer reads: every caseload query and write, never the words typed.

Each test drives a real way in (the chat's answer function, the visit form,
the web panel's report, `cin-assistant due`) and reads the trail back as the
DPO would (`cin-assistant audit`, or the table itself). SQLite, and PostgreSQL
when CIN_TEST_DATABASE_URL is set. Through the running servers:
tests/e2e/test_access.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import List

import pytest
from sqlalchemy import select, text

from assistant.casestore import Store, audit
from assistant.casestore.audit import AuditEntry, read_audit
from assistant.casestore.models import AuditRow, Event
from assistant.channels.gate import Gate
from assistant.channels.web import panel_report
from assistant.cli import main as cli_main
from assistant.dialogue.caseload import CaseloadRequest, answer_caseload
from assistant.dialogue.visits import check_visit, record_visit
from tests.dialogue.conftest import TODAY, store, write_data  # noqa: F401 - store: the chat tests' caseload, fresh per test

CHAT_REST = audit.Via("chat", "rest")


def trail(store: Store) -> List[AuditEntry]:
    return read_audit(store)


def raw_table(store: Store) -> str:
    """Every value in the audit table, as text: what a leak of typed words would show up in.

    The chain's hashes are left out: 64 hex digits hold no words, but may hold "c5" by chance."""
    columns = [c for c in AuditRow.__table__.columns if c.name not in ("prev_hash", "row_hash")]
    with store.engine.connect() as connection:
        rows = connection.execute(select(*columns)).all()
    return " ".join(str(value) for row in rows for value in row).lower()


def cli(capsys: pytest.CaptureFixture, store_url: str, *args: str) -> str:
    capsys.readouterr()
    assert cli_main([*args, "--db", store_url]) == 0
    return capsys.readouterr().out


def test_a_chat_question_is_recorded_as_fields_with_the_cases_it_showed(store: Store) -> None:
    started = audit.utcnow().replace(microsecond=0)
    words = "when is Amelia Kestrel's next visit, she was upset on Friday"
    reply = answer_caseload(
        store, "w1", CaseloadRequest("next", item_type="visit", child="Amelia Kestrel", text=words), TODAY, CHAT_REST
    )
    assert reply.payload["query"]["child"]["case_id"] == "c1"
    [entry] = trail(store)
    assert (entry.worker_id, entry.role, entry.source, entry.channel) == ("w1", "social_worker", "chat", "rest")
    assert (entry.action, entry.kind, entry.outcome, entry.item_type) == ("query", "next", "answered", "visit")
    assert (entry.case_id, entry.case_ids, entry.event_id) == ("c1", ("c1",), None)
    assert started <= entry.at <= audit.utcnow()  # UTC
    stored = raw_table(store)
    for typed in ("amelia", "kestrel", "upset", "friday"):
        assert typed not in stored


def test_a_list_records_its_window_and_every_case_it_returned(store: Store) -> None:
    reply = answer_caseload(store, "m1", CaseloadRequest("team_due", timeframe="next week"), TODAY)
    [entry] = trail(store)
    assert (entry.role, entry.kind, entry.window_start, entry.window_end) == (
        "team_manager",
        "team_due",
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 6),
    )
    # Bobby's and Amelia Kite's items (overdue, or due next week); Amelia Kestrel's visit is this week.
    assert entry.case_ids == ("c2", "c3") == tuple(sorted({i["case_id"] for i in reply.payload["items"]}))


def test_probing_for_someone_elses_child_is_recorded_without_the_name(store: Store) -> None:
    """w1 asks about Dana (team t2's) and a child who does not exist: both are queries that returned
    nothing, indistinguishable, and the names are nowhere in the trail."""
    for name in ("Dana Southwell", "Zed Quixworth"):
        reply = answer_caseload(store, "w1", CaseloadRequest("child_summary", child=name), TODAY, CHAT_REST)
        assert reply.payload == {"type": "refusal", "reason": "child_not_found"}
    check_visit(store, "w1", "c5", None, TODAY, via=CHAT_REST)  # the visit form's look-up, by case reference
    first, second, form = trail(store)
    assert first.outcome == second.outcome == "child_not_found"
    assert first.case_ids == second.case_ids == () and first.case_id is second.case_id is None
    assert (form.kind, form.outcome, form.case_ids) == ("visit_check", "child_not_found", ())
    stored = raw_table(store)
    assert not any(word in stored for word in ("dana", "southwell", "zed", "quixworth", "c5"))


def test_a_refused_team_question_is_recorded(store: Store) -> None:
    answer_caseload(store, "w2", CaseloadRequest("team_overdue"), TODAY)
    [entry] = trail(store)
    assert (entry.worker_id, entry.role, entry.kind, entry.outcome, entry.case_ids) == (
        "w2",
        "asye",
        "team_overdue",
        "not_a_manager",
        (),
    )


def test_a_saved_visit_and_its_audit_row_name_the_same_event(store: Store) -> None:
    reply = record_visit(store, "w1", "c1", TODAY, child_seen=True, seen_alone=True, today=TODAY, via=CHAT_REST)
    assert reply.payload["status"] == "saved"
    with store.session() as session:
        event_id = session.execute(select(Event.id).where(Event.case_id == "c1", Event.date == TODAY)).scalar_one()
    again = record_visit(store, "w1", "c1", TODAY, child_seen=True, seen_alone=True, today=TODAY, via=CHAT_REST)
    assert again.payload["already_recorded"] is True
    future = record_visit(
        store, "w1", "c1", TODAY + dt.timedelta(days=2), child_seen=True, seen_alone=True, today=TODAY, via=CHAT_REST
    )
    assert future.payload["reason"] == "future_date"
    saved, repeat, refused = trail(store)
    assert (saved.action, saved.kind, saved.outcome, saved.case_id, saved.event_id, saved.case_ids) == (
        "write",
        "visit",
        "saved",
        "c1",
        event_id,
        ("c1",),
    )
    assert (saved.worker_id, saved.role, saved.source, saved.channel) == ("w1", "social_worker", "chat", "rest")
    assert (repeat.outcome, repeat.event_id) == ("already_recorded", event_id)
    assert (refused.action, refused.outcome, refused.case_id, refused.event_id) == ("write", "future_date", None, None)


def _fail_audit_inserts(store: Store) -> None:
    """A real database fault on the audit table only: a trigger that aborts any insert into it."""
    with store.engine.begin() as connection:
        if store.engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ "
                    "LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()")
            )


def test_a_visit_whose_audit_row_cannot_be_written_is_not_saved(store: Store) -> None:
    """Same transaction: the audit insert fails, so the visit (and the case's summary) is not saved either."""
    scope = store.scope_for("w1")
    before = store.counts()["events"]
    due_before = answer_caseload(store, "w1", CaseloadRequest("next", item_type="visit", child="c1"), TODAY).payload
    _fail_audit_inserts(store)
    with pytest.raises(Exception, match="audit down"):
        store.append_event(scope, "c1", "visit", TODAY, child_seen=True, seen_alone=True)
    assert store.counts()["events"] == before
    with pytest.raises(Exception, match="audit down"):  # nor is any answer given unaudited
        answer_caseload(store, "w1", CaseloadRequest("next", item_type="visit", child="c1"), TODAY)
    with store.engine.begin() as connection:
        connection.execute(
            text("DROP TRIGGER audit_down" + (" ON audit_log" if store.engine.dialect.name != "sqlite" else ""))
        )
    after = answer_caseload(store, "w1", CaseloadRequest("next", item_type="visit", child="c1"), TODAY).payload
    assert after["items"] == due_before["items"]  # the next visit is still counted from the old one


def test_the_panel_and_the_due_command_record_their_source(store: Store, store_url: str, capsys) -> None:
    panel_report(Gate(store=store), "w2", TODAY)
    cli(capsys, store_url, "due", "--worker", "m1", "--team", "--overdue", "--today", TODAY.isoformat())
    cli(capsys, store_url, "due", "--authority", "medway", "--today", TODAY.isoformat(), "--item", "visit")
    capsys.readouterr()
    assert cli_main(["due", "--worker", "w1", "--team", "--db", store_url]) == 1  # refused: recorded too
    panel, team, authority, refused = trail(store)
    assert (panel.source, panel.channel, panel.worker_id, panel.role, panel.kind) == (
        "panel",
        "web",
        "w2",
        "asye",
        "due",
    )
    assert (panel.window_start, panel.window_end, panel.case_ids) == (
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 29),
        ("c2", "c3"),
    )
    assert (team.source, team.worker_id, team.kind, team.window_start) == ("cli", "m1", "team_overdue", None)
    assert set(team.case_ids) == {"c2", "c3"}  # overdue on the team's cases
    assert (authority.worker_id, authority.role, authority.kind, authority.authority_id, authority.item_type) == (
        None,
        "operator",
        "authority_due",
        "medway",
        "visit",
    )
    assert (refused.worker_id, refused.kind, refused.outcome) == ("w1", "team_due", "not_a_manager")


def test_the_audit_command_filters_by_worker_case_and_day(store: Store, store_url: str, capsys) -> None:
    answer_caseload(store, "w1", CaseloadRequest("child_summary", child="c1"), TODAY, CHAT_REST)
    answer_caseload(store, "w2", CaseloadRequest("due", timeframe="this week"), TODAY)
    answer_caseload(store, "m1", CaseloadRequest("team_due", timeframe="next 200 days"), TODAY)
    record_visit(store, "w2", "c2", TODAY, child_seen=False, seen_alone=None, today=TODAY)
    today_utc = audit.utcnow().date()

    everything = json.loads(cli(capsys, store_url, "audit", "--json"))
    assert [(e["worker_id"], e["action"], e["kind"]) for e in everything] == [
        ("w1", "query", "child_summary"),
        ("w2", "query", "due"),
        ("m1", "query", "team_due"),
        ("w2", "write", "visit"),
    ]
    assert everything[0]["at"].endswith("+00:00") and everything[0]["window"] is None

    w2 = json.loads(cli(capsys, store_url, "audit", "--worker", "w2", "--json"))
    assert [e["kind"] for e in w2] == ["due", "visit"]
    about_c1 = json.loads(cli(capsys, store_url, "audit", "--case", "c1", "--json"))
    assert [e["worker_id"] for e in about_c1] == ["w1", "m1"]  # asked about it; returned it in a team list
    about_c2 = json.loads(cli(capsys, store_url, "audit", "--case", "c2", "--json"))
    assert [(e["worker_id"], e["kind"]) for e in about_c2] == [("w2", "due"), ("m1", "team_due"), ("w2", "visit")]
    assert about_c2[-1]["event_id"] is not None

    day = today_utc.isoformat()
    assert len(json.loads(cli(capsys, store_url, "audit", "--since", day, "--until", day, "--json"))) == 4
    tomorrow = (today_utc + dt.timedelta(days=1)).isoformat()
    assert json.loads(cli(capsys, store_url, "audit", "--since", tomorrow, "--json")) == []

    table = cli(capsys, store_url, "audit", "--worker", "w1").splitlines()
    assert table[0].split()[:3] == ["WHEN", "(UTC)", "WORKER"]
    assert "chat/rest" in table[1] and "child_summary" in table[1] and "case c1" in table[1]
    assert table[-1] == "1 entry."
    assert cli(capsys, store_url, "audit", "--worker", "nobody").strip() == "No audit entries match."


def test_the_audit_command_says_what_is_wrong_with_a_date(store: Store, store_url: str, capsys) -> None:
    assert cli_main(["audit", "--since", "23/11/2026", "--db", store_url]) == 1
    assert "--since must be a date as YYYY-MM-DD" in capsys.readouterr().err
    assert cli_main(["audit", "--since", "2026-11-23", "--until", "2026-11-01", "--db", store_url]) == 1
    assert "--until is before --since" in capsys.readouterr().err


def test_an_import_is_recorded_with_the_cases_it_changed_and_nothing_else_is(
    store: Store,
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    folder = write_data(tmp_path / "again")
    cli(capsys, store_url, "import", "csv", str(folder))  # the same files again: nothing changes
    cli(capsys, store_url, "import", "csv", "--dry-run", str(folder))
    assert trail(store) == []
    with (folder / "events.csv").open("a", encoding="utf-8") as events:
        events.write("c2,visit,2026-11-20,Y,Y,\n")  # one new visit on Bobby's case
    (folder / "broken").mkdir()
    for name in ("workers.csv", "children.csv", "cases.csv"):
        (folder / "broken" / name).write_bytes((folder / name).read_bytes())
    (folder / "broken" / "events.csv").write_text(
        "case_id,event,date,child_seen,seen_alone,note\nc2,visit,2026-02-31,Y,Y,\n", encoding="utf-8"
    )
    assert cli_main(["import", "csv", str(folder / "broken"), "--db", store_url]) == 1  # refused whole
    assert trail(store) == []
    cli(capsys, store_url, "import", "csv", str(folder))
    [entry] = trail(store)
    assert (entry.worker_id, entry.role, entry.source, entry.action, entry.kind, entry.outcome) == (
        None,
        audit.OPERATOR,
        "cli",
        audit.WRITE,
        "import_csv",
        audit.SAVED,
    )
    assert entry.case_ids == ("c2",)
    assert "bobby" not in raw_table(store)  # ids only, never names

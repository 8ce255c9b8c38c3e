"""The audit trail cannot be changed unnoticed, and says who acted (security review: audit integrity).

Insert-only triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL);
around them (a table owner can drop triggers) the keyed hash chain shows the
first changed, missing or forged row to `cin-assistant audit verify`. Sign-in,
sign-out, passwords set, tokens issued and conversations read leave rows;
commands run on the host record the operating-system user as the actor.
SQLite, and PostgreSQL when CIN_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from typing import Any, Dict, List

import pytest
from alembic import command
from sqlalchemy import select, text, update

from assistant.casestore import Store, audit, open_store
from assistant.casestore.accounts import has_account, set_password
from assistant.casestore.audit import ChainCheck, read_audit, verify_chain
from assistant.casestore.db import create_store_engine
from assistant.casestore.migrate import alembic_config, current_revision, upgrade
from assistant.casestore.models import AuditHead, AuditRow
from assistant.cli import main as cli_main
from assistant.config import ConfigError
from assistant.dialogue.caseload import CaseloadRequest, answer_caseload
from tests.conftest import PG_URL
from tests.dialogue.conftest import TODAY, store, write_data  # noqa: F401 - store: the chat tests' caseload

LOG = AuditRow.__table__
HEAD = AuditHead.__table__
CHAT_REST = audit.Via("chat", "rest")
TOKEN_SECRET = "chain-test-secret-" + "0123456789abcdef" * 2


def is_sqlite(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


def some_rows(store: Store, count: int = 4) -> None:
    for i in range(count):
        answer_caseload(store, f"w{1 + i % 2}", CaseloadRequest("due", timeframe="this week"), TODAY, CHAT_REST)


def drop_triggers(store: Store) -> None:
    """What a table owner can do: the triggers go, the chain stays."""
    with store.engine.begin() as connection:
        if is_sqlite(store):
            for name in ("audit_log_no_update", "audit_log_no_delete", "audit_head_no_delete", "audit_head_forward"):
                connection.execute(text(f"DROP TRIGGER {name}"))
        else:
            for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"):
                connection.execute(text(f"DROP TRIGGER {name} ON audit_log"))
            for name in ("audit_head_guard", "audit_head_no_truncate"):
                connection.execute(text(f"DROP TRIGGER {name} ON audit_head"))


def row(store: Store, seq: int) -> Dict[str, Any]:
    with store.engine.connect() as connection:
        return dict(connection.execute(select(LOG).where(LOG.c.seq == seq)).one()._mapping)


def cli(capsys: pytest.CaptureFixture, *args: str) -> tuple:
    capsys.readouterr()
    code = cli_main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- insert-only ---------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET outcome = 'answered_nothing'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE seq = 2",
        "UPDATE audit_head SET seq = 1, last_hash = 'x'",
        "DELETE FROM audit_head",
    ],
)
def test_the_trail_refuses_updates_and_deletes(store: Store, statement: str) -> None:
    some_rows(store, 3)
    with pytest.raises(Exception, match="insert-only|only moves forward|cannot be deleted"):
        with store.engine.begin() as connection:
            connection.execute(text(statement))
    assert verify_chain(store) == ChainCheck(3, row(store, 3)["row_hash"])


@pytest.mark.skipif(not PG_URL, reason="runs on PostgreSQL: set CIN_TEST_DATABASE_URL (CI does)")
@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_postgresql_refuses_truncate(store: Store) -> None:
    """SQLite has no TRUNCATE; its DELETE without WHERE is refused above."""
    some_rows(store, 2)
    for table in ("audit_log", "audit_head"):
        with pytest.raises(Exception, match="insert-only|cannot be deleted"):
            with store.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {table}"))
    assert verify_chain(store).intact and verify_chain(store).rows == 2


# --- the chain -----------------------------------------------------------------


def test_rows_are_chained_in_order_and_verify_intact(store: Store) -> None:
    assert verify_chain(store) == ChainCheck(0, audit.GENESIS)  # empty: intact, nothing to check
    some_rows(store, 5)
    rows = [row(store, seq) for seq in range(1, 6)]
    assert [r["prev_hash"] for r in rows] == [audit.GENESIS] + [r["row_hash"] for r in rows[:-1]]
    with store.engine.connect() as connection:
        assert tuple(connection.execute(select(HEAD.c.seq, HEAD.c.last_hash)).one()) == (5, rows[-1]["row_hash"])
    result = verify_chain(store)
    assert result.intact and result.rows == 5
    assert result.summary() == f"Audit trail intact: 5 rows, last hash {rows[-1]['row_hash'][:16]}"


def test_a_changed_row_is_named(store: Store) -> None:
    some_rows(store, 5)
    third = row(store, 3)
    drop_triggers(store)
    with store.engine.begin() as connection:
        connection.execute(update(LOG).where(LOG.c.seq == 3).values(outcome="not_a_manager"))
    result = verify_chain(store)
    assert (result.intact, result.problem, result.seq, result.row_id, result.rows) == (
        False,
        audit.CHANGED,
        3,
        third["id"],
        2,
    )
    assert f"seq 3 (id {third['id']})" in result.summary()


def test_a_deleted_row_is_a_gap_and_a_deleted_last_row_a_head_mismatch(store: Store) -> None:
    some_rows(store, 5)
    fourth = row(store, 4)
    drop_triggers(store)
    with store.engine.begin() as connection:
        connection.execute(LOG.delete().where(LOG.c.seq == 3))
    result = verify_chain(store)
    assert (result.problem, result.seq, result.row_id) == (audit.MISSING, 4, fourth["id"])
    assert "seq 3 not found" in result.detail

    with store.engine.begin() as connection:  # the tail too: the rows left are a good chain, the head is not
        connection.execute(LOG.delete().where(LOG.c.seq >= 4))
    result = verify_chain(store)
    assert (result.problem, result.rows) == (audit.HEAD_MISMATCH, 2)
    assert "seq 3 to 5 deleted from the end" in result.detail


def test_a_consistent_looking_forgery_without_the_key_is_caught(store: Store) -> None:
    """Someone with database access only. First a row added at the end, linked and hashed as the code
    does but with a plain SHA-256, the head moved onto it; then row 2 rewritten and everything after it
    re-chained with a key of their own: every link is consistent, only the key tells them apart."""
    some_rows(store, 4)
    drop_triggers(store)
    with store.engine.begin() as connection:
        last = dict(connection.execute(select(LOG).where(LOG.c.seq == 4)).one()._mapping)
        forged = {**last, "seq": 5, "prev_hash": last["row_hash"], "worker_id": "w3", "actor": "w3"}
        forged.pop("id")
        forged["row_hash"] = hashlib.sha256((forged["prev_hash"] + audit.canonical_row(forged)).encode()).hexdigest()
        connection.execute(LOG.insert().values(**forged))
        connection.execute(update(HEAD).values(seq=5, last_hash=forged["row_hash"]))
    result = verify_chain(store)
    assert (result.problem, result.seq, result.rows) == (audit.CHANGED, 5, 4)

    forged_key = b"not-the-audit-key-" + b"x" * 32
    with store.engine.begin() as connection:
        rows = [dict(r._mapping) for r in connection.execute(select(LOG).order_by(LOG.c.seq))]
        rows[1]["case_ids"] = "[]"  # hide what was shown
        prev = rows[0]["row_hash"]
        for r in rows[1:]:
            r["prev_hash"] = prev
            r["row_hash"] = audit.chain_hash(forged_key, prev, r)
            connection.execute(
                update(LOG)
                .where(LOG.c.id == r["id"])
                .values(case_ids=r["case_ids"], prev_hash=r["prev_hash"], row_hash=r["row_hash"])
            )
            prev = r["row_hash"]
        connection.execute(update(HEAD).values(last_hash=prev))
    result = verify_chain(store)
    assert (result.problem, result.seq, result.row_id, result.rows) == (audit.CHANGED, 2, rows[1]["id"], 1)


def test_verify_with_another_key_calls_the_first_row_changed_and_never_makes_a_key(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,
) -> None:
    some_rows(store, 2)
    monkeypatch.setenv("CIN_AUDIT_KEY", "a-different-audit-key-" + "y" * 20)
    result = verify_chain(store)
    assert (result.problem, result.seq) == (audit.CHANGED, 1) and "audit key" in result.detail
    monkeypatch.delenv("CIN_AUDIT_KEY")
    monkeypatch.setenv("CIN_AUDIT_KEY_FILE", str(tmp_path / "no-such-key"))
    with pytest.raises(ConfigError, match="no audit key"):
        verify_chain(store)
    assert not (tmp_path / "no-such-key").exists()
    monkeypatch.setenv("CIN_AUDIT_KEY", "short")
    with pytest.raises(ConfigError, match="at least 32 characters"):
        audit.record_query(store, "w1", CHAT_REST, "due")


def test_two_writers_at_once_make_one_unbroken_chain(store: Store) -> None:
    """Four threads (queries in their own transactions, visits inside the write's) on one file store or
    PostgreSQL: the head's lock makes them take turns, so seq runs 1..N and every link holds."""
    errors: List[BaseException] = []
    start = threading.Barrier(4)
    scope = store.scope_for("w1")

    def queries(worker: str) -> None:
        start.wait()
        for _ in range(15):
            audit.record_query(store, worker, CHAT_REST, "due", case_ids=["c1"])

    def visits() -> None:
        start.wait()
        for day in range(15):
            store.append_event(scope, "c1", "visit", TODAY.replace(day=1 + day), child_seen=True, seen_alone=True)

    def run(target, *args) -> None:
        try:
            target(*args)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=a) for a in ((queries, "w1"), (queries, "w2"), (queries, "m1"), (visits,))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with store.engine.connect() as connection:
        seqs = [s for (s,) in connection.execute(select(LOG.c.seq).order_by(LOG.c.seq))]
    assert seqs == list(range(1, 61))
    result = verify_chain(store)
    assert result.intact and result.rows == 60
    assert sum(e.action == audit.WRITE for e in read_audit(store)) == 15


# --- who did it ----------------------------------------------------------------


def test_chat_rows_name_the_worker_as_actor_and_the_command_line_the_os_user(
    store: Store, store_url: str, capsys
) -> None:
    answer_caseload(store, "w1", CaseloadRequest("due"), TODAY, CHAT_REST)
    assert cli(capsys, "due", "--worker", "w2", "--today", TODAY.isoformat(), "--db", store_url)[0] == 0
    chat, due = read_audit(store)
    assert (chat.worker_id, chat.actor) == ("w1", "w1")
    assert (due.worker_id, due.actor, due.role, due.source) == ("w2", audit.os_actor(), "asye", "cli")
    assert audit.os_actor().startswith("os:") and len(audit.os_actor()) > 3
    code, out, _ = cli(capsys, "audit", "--actor", audit.os_actor(), "--json", "--db", store_url)
    assert code == 0 and [(e["worker_id"], e["actor"], e["seq"]) for e in json.loads(out)] == [
        ("w2", audit.os_actor(), 2)
    ]
    code, out, _ = cli(capsys, "audit", "--db", store_url)
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["WHEN", "(UTC)", "WORKER", "ACTOR"]
    assert audit.os_actor() in lines[2] and " w2 " in lines[2]


def test_os_actor_falls_back_to_the_uid(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise KeyError("getpwuid(): uid not found")

    monkeypatch.setattr(audit.getpass, "getuser", no_user)
    assert audit.os_actor() == f"os:{audit.os.getuid()}"


def test_token_and_user_add_leave_a_row_naming_the_operator(
    store: Store, store_url: str, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIN_TOKEN_SECRET", TOKEN_SECRET)
    code, token, _ = cli(capsys, "token", "--worker", "m1", "--minutes", "5", "--db", store_url)
    assert code == 0 and token.strip()
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    assert cli(capsys, "user", "add", "--worker", "w1", "--password-stdin", "--db", store_url)[0] == 0
    assert cli(capsys, "token", "--worker", "ghost", "--db", store_url)[0] == 1  # no token, no row
    issued, password = read_audit(store)
    assert (issued.action, issued.worker_id, issued.actor, issued.role, issued.item_type, issued.source) == (
        audit.TOKEN_ISSUED,
        "m1",
        audit.os_actor(),
        "team_manager",
        "5 min",
        "cli",
    )
    assert (password.action, password.worker_id, password.actor, password.outcome) == (
        audit.PASSWORD_SET,
        "w1",
        audit.os_actor(),
        audit.SAVED,
    )
    with store.engine.connect() as connection:
        stored = " ".join(str(v) for r in connection.execute(select(LOG)) for v in r)
    assert token.strip() not in stored and "passphrase" not in stored
    assert verify_chain(store).intact


def test_a_password_change_and_its_row_commit_together(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END"
                if is_sqlite(store)
                else "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()"
            )
        )
    with pytest.raises(Exception, match="audit down|insert-only"):
        set_password(store, "w1", "a long enough passphrase")
    assert not has_account(store, "w1")


def test_sign_in_rows_keep_known_ids_and_addresses_only(store: Store, store_url: str, capsys) -> None:
    audit.record_signin(store, "w1", audit.ACCEPTED, "203.0.113.7", "web")
    audit.record_signin(store, "w2", audit.REFUSED, "203.0.113.8", "web")
    audit.record_signin(store, "correct horse battery", audit.REFUSED, "203.0.113.9", "web")  # a password, typed
    audit.record_signin(store, None, audit.THROTTLED, "2001:db8::1", "web")
    audit.record_signout(store, "w1", "web")
    audit.record_conversation_read(store, "w3", "os:dpo")
    with pytest.raises(ValueError, match="accepted, refused, throttled"):
        audit.record_signin(store, "w1", "maybe", None, "web")
    accepted, refused, unknown, throttled, signout, read = read_audit(store)
    assert (
        accepted.action,
        accepted.worker_id,
        accepted.actor,
        accepted.role,
        accepted.outcome,
        accepted.address,
        accepted.source,
        accepted.channel,
    ) == (audit.SIGNIN, "w1", "w1", "social_worker", "accepted", "203.0.113.7", "auth", "web")
    assert (refused.worker_id, refused.actor, refused.outcome, refused.address) == (
        "w2",
        None,
        "refused",
        "203.0.113.8",
    )
    assert (unknown.worker_id, unknown.actor, unknown.role, unknown.address) == (None, None, None, "203.0.113.9")
    assert (throttled.outcome, throttled.address) == ("throttled", "2001:db8::1")
    assert (signout.action, signout.worker_id, signout.actor) == (audit.SIGNOUT, "w1", "w1")
    assert (read.action, read.worker_id, read.actor, read.source) == (audit.CONVERSATION_READ, "w3", "os:dpo", "cli")
    with store.engine.connect() as connection:
        assert "horse" not in " ".join(str(v) for r in connection.execute(select(LOG)) for v in r)
    code, out, _ = cli(capsys, "audit", "--worker", "w1", "--db", store_url)
    assert "auth/web" in out and "from 203.0.113.7" in out and "signout" in out
    assert verify_chain(store).rows == 6


# --- the command ---------------------------------------------------------------


def test_audit_verify_exit_codes(store: Store, store_url: str, capsys) -> None:
    some_rows(store, 3)
    code, out, _ = cli(capsys, "audit", "verify", "--db", store_url)
    assert code == 0 and out.startswith("Audit trail intact: 3 rows, last hash ")
    code, out, _ = cli(capsys, "audit", "verify", "--json", "--db", store_url)
    assert code == 0 and json.loads(out)["intact"] is True and json.loads(out)["rows"] == 3
    second = row(store, 2)
    drop_triggers(store)
    with store.engine.begin() as connection:
        connection.execute(update(LOG).where(LOG.c.seq == 2).values(worker_id="w3"))
    code, out, _ = cli(capsys, "audit", "verify", "--db", store_url)
    assert code == 1 and f"Audit trail broken at seq 2 (id {second['id']}): changed" in out
    code, _, err = cli(capsys, "audit", "verify", "--worker", "w1", "--db", store_url)
    assert code == 1 and "checks the whole trail" in err
    code, out, _ = cli(capsys, "audit", "--worker", "w1", "--json", "--db", store_url)  # the old usage still works
    assert code == 0 and len(json.loads(out)) == 2


# --- the migration -------------------------------------------------------------


OLD_ROWS = [
    ("2026-11-20 09:00:00.123456", "w1", "social_worker", "chat", "rest", "query", "due", "answered", '["c1"]'),
    ("2026-11-20 09:05:00", None, "operator", "cli", None, "write", "import_csv", "saved", '["c1","c2"]'),
    ("2026-11-21 10:00:00.5", "w2", "asye", "panel", "web", "query", "due", "answered", "[]"),
]


def test_a_store_with_audit_rows_is_chained_by_the_migration(store_url: str) -> None:
    engine = create_store_engine(store_url)
    try:
        upgrade(engine, "0004_audit")
        with engine.begin() as connection:
            for values in OLD_ROWS:
                connection.execute(
                    text(
                        "INSERT INTO audit_log (at, worker_id, role, source, channel, action, kind, outcome, case_ids) "
                        "VALUES (:at, :worker, :role, :source, :channel, :action, :kind, :outcome, :cases)"
                    ),
                    dict(
                        zip(("at", "worker", "role", "source", "channel", "action", "kind", "outcome", "cases"), values)
                    ),
                )
    finally:
        engine.dispose()
    with open_store(store_url) as store:  # migrates to head
        assert current_revision(store.engine) == "0005_audit_chain"
        result = verify_chain(store)
        assert result.intact and result.rows == 3
        assert [(e.seq, e.worker_id, e.actor) for e in read_audit(store)] == [
            (1, "w1", "w1"),
            (2, None, None),
            (3, "w2", "w2"),
        ]  # who ran an old command was never recorded
        audit.record_query(store, "w1", CHAT_REST, "due")  # new rows chain on
        assert verify_chain(store).rows == 4
        with pytest.raises(Exception, match="insert-only"):
            with store.engine.begin() as connection:
                connection.execute(text("DELETE FROM audit_log"))


def test_downgrade_drops_the_triggers_and_the_chain(store_url: str) -> None:
    with open_store(store_url) as store:
        audit.record_query(store, "w1", CHAT_REST, "due")
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0004_audit")
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE audit_log SET outcome = 'changed'"))  # no trigger now
            assert connection.execute(text("SELECT outcome FROM audit_log")).scalar() == "changed"
        upgrade(store.engine)
        assert verify_chain(store).intact and verify_chain(store).rows == 1  # re-chained as it is now

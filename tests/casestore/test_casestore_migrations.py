"""The schema comes only from migrations, and opening a current store changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, inspect, text

from assistant.casestore import open_store
from assistant.casestore.migrate import current_revision, head_revision, upgrade
from assistant.casestore.models import Base
from conftest import PG_URL

TABLES = {
    "authorities",
    "teams",
    "workers",
    "children",
    "cases",
    "events",
    "accounts",
    "revoked_tokens",
    "audit_log",
    "alembic_version",
}


def test_empty_database_upgrades_to_head(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert current_revision(store.engine) == head_revision() == "0005_audit_chain"
        assert TABLES <= set(inspect(store.engine).get_table_names())
        assert set(store.counts().values()) == {0}
    finally:
        store.close()


def test_migrations_build_exactly_the_models(store_url: str) -> None:
    """A model change without a migration (or the reverse) fails here."""
    store = open_store(store_url)
    try:
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        store.close()


def test_second_open_is_a_no_op(store_url: str, base_dir: Path) -> None:
    from assistant.casestore import import_csv

    first = open_store(store_url)
    import_csv(first, base_dir)
    counts = first.counts()
    first.close()

    second = open_store(store_url)
    try:
        statements: List[str] = []
        event.listen(second.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        upgrade(second.engine)
        changing = [
            s
            for s in statements
            if s.lstrip().split()[0].upper() in {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"}
        ]
        assert changing == []
        assert current_revision(second.engine) == head_revision()
        assert second.counts() == counts
    finally:
        second.close()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "cin.sqlite3"
    store = open_store(f"sqlite:///{path}")
    store.close()
    assert path.is_file()


def test_default_url_comes_from_settings(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "from-env" / "cin.sqlite3"
    monkeypatch.setenv("CIN_DATABASE_URL", f"sqlite:///{path}")
    store = open_store()
    store.close()
    assert path.is_file()


def test_sqlite_enforces_foreign_keys(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'cin.sqlite3'}")
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        store.close()


@pytest.mark.skipif(not PG_URL, reason="runs on PostgreSQL: set CIN_TEST_DATABASE_URL (CI does)")
@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_postgres_tables_live_in_the_test_schema(store) -> None:
    """The isolation the fixtures promise: tables land in the per-test schema, not public."""
    with store.engine.connect() as connection:
        schema = connection.execute(text("select current_schema()")).scalar()
        assert schema.startswith("cin_test_")
        assert connection.execute(text("select to_regclass(:name)"), {"name": f'"{schema}".cases'}).scalar()


def test_in_memory_sqlite_keeps_one_database(base_dir: Path) -> None:
    """``sqlite://`` is one shared database for the store's life, not one per connection."""
    from assistant.casestore import import_csv

    store = open_store("sqlite://")
    try:
        import_csv(store, base_dir)
        assert store.counts()["children"] == 6
        assert [c.case_id for c in store.open_cases_for_worker("w1")] == ["c1"]
    finally:
        store.close()

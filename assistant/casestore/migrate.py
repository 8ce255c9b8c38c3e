"""Bring a database's schema to the newest migration, with Alembic configured in code.

:func:`upgrade` is what :func:`assistant.casestore.open_store` calls on every
open; it is a no-op when the schema is current. Developers add a migration with::

    python -m assistant.casestore.migrate revision -m "add x" [--autogenerate] [--db URL]

(autogenerate compares :mod:`models` with the database at ``--db``, by default
``CIN_DATABASE_URL``; read what it writes before keeping it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from assistant.casestore.db import create_store_engine
from assistant.config import load_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Optional[Connection] = None) -> Config:
    """An Alembic Config pointing at the packaged migrations; no ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's id (what a current database reports)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(engine: Engine) -> Optional[str]:
    """The migration a database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration the database lacks, in one transaction where the engine allows."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.casestore.migrate")
    parser.add_argument("--db", help="SQLAlchemy URL (default: CIN_DATABASE_URL or the project's SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="upgrade the database to the newest migration")
    sub.add_parser("current", help="print the database's migration")
    revision = sub.add_parser("revision", help="write a new migration file")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--autogenerate", action="store_true")
    args = parser.parse_args(argv)

    engine = create_store_engine(args.db or load_settings().database_url)
    try:
        if args.command == "upgrade":
            upgrade(engine)
            print(f"schema at {current_revision(engine)}")
        elif args.command == "current":
            print(current_revision(engine) or "empty database")
        else:
            with engine.begin() as connection:
                command.revision(alembic_config(connection), message=args.message, autogenerate=args.autogenerate)
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

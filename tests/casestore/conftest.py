"""Case store fixtures: every store test runs on SQLite, and on PostgreSQL when
``CIN_TEST_DATABASE_URL`` is set (e.g. postgresql://postgres@localhost:5432/test).

On PostgreSQL each test gets a fresh schema (random name, dropped afterwards)
and the store's connections use it through ``search_path``, so repeated runs
and people sharing the database never see each other's tables.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from casestore_data import BASE, dataset, write_dataset

from assistant.casestore import Store, import_csv, open_store

PG_URL = os.environ.get("CIN_TEST_DATABASE_URL", "").strip()  # the backends: tests/conftest.py


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty, migrated store."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "base", dataset(BASE))


@pytest.fixture
def loaded(store: Store, base_dir: Path) -> Store:
    """A store holding the synthetic base caseload."""
    import_csv(store, base_dir)
    return store

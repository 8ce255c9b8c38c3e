"""Fixtures for the action tests: the actions reading the synthetic caseload, or a case store out of reach.

The caseload is tests/dialogue/conftest.py's (every name made up; today is
Monday 23 November 2026). w1 (Sam Testworker, Medway North) sees Amelia
Kestrel (c1) and closed Casey Wren (c4); m1 manages w1 and w2, so also sees
Bobby Lark (c2) and Amelia Kite (c3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from actions import common
from assistant.casestore import Store
from tests.dialogue.conftest import TODAY, store  # noqa: F401 - the synthetic caseload fixture


@pytest.fixture
def served(store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The actions reading the synthetic caseload on its today."""
    monkeypatch.setenv("CIN_DATABASE_URL", store_url)
    monkeypatch.setenv("CIN_TODAY", TODAY.isoformat())
    common.store.cache_clear()
    yield store
    common.store.cache_clear()


@pytest.fixture
def records_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The case store cannot be opened (its folder would sit under a file), as when the database is down."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CIN_DATABASE_URL", f"sqlite:///{blocker / 'cin.sqlite3'}")
    monkeypatch.setenv("CIN_TODAY", TODAY.isoformat())
    common.store.cache_clear()
    yield
    common.store.cache_clear()

"""Shared test settings and the case-store backends every store test runs on."""

import os

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from pathlib import Path  # noqa: E402 - after the settings above
from typing import Iterator, List  # noqa: E402

import pytest  # noqa: E402

from assistant.casestore.db import scratch_schema  # noqa: E402

PG_URL = os.environ.get("CIN_TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """`make test` runs two pytest-xdist workers (``--dist loadgroup``); the end-to-end tests all go to one
    of them, in file order, as they share one running assistant and its case store."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database of each backend under test: SQLite always, and
    PostgreSQL when ``CIN_TEST_DATABASE_URL`` is set (a fresh schema per test, dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'cin.sqlite3'}"
        return
    with scratch_schema(PG_URL, prefix="cin_test") as url:
        yield url

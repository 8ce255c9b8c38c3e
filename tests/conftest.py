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


# Tests that start servers or time what they do: on one worker, one after another, as without workers.
SERIAL = {"e2e", "voice", "runtime", "tracker"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """`make test` runs two pytest-xdist workers (``--dist loadgroup``). The end-to-end tests share one
    running assistant and its case store, in file order, and the voice, launcher and retention tests
    time servers and recognisers: they all go to one worker, in file order; the rest to either."""
    for item in items:
        if SERIAL & set(item.path.relative_to(Path(__file__).parent).parts[:1]):
            item.add_marker(pytest.mark.xdist_group("serial"))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database of each backend under test: SQLite always, and
    PostgreSQL when ``CIN_TEST_DATABASE_URL`` is set (a fresh schema per test, dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'cin.sqlite3'}"
        return
    with scratch_schema(PG_URL, prefix="cin_test") as url:
        yield url

"""`cin-assistant user add` and `cin-assistant token`, run as an operator would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.casestore import open_store
from assistant.casestore.accounts import authenticate
from assistant.channels.tokens import TokenSettings, verify_token

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "csv-chat"
SECRET = "cli-test-secret-" + "z" * 24


def cli(*args: str, db: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "CIN_DATABASE_URL": db, "CIN_TOKEN_SECRET": SECRET}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True, text=True, env=env
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert cli("import", "csv", str(FIXTURE), db=url).returncode == 0
    return url


def test_user_add_sets_a_password_the_sign_in_accepts(db: str) -> None:
    result = cli("user", "add", "--worker", "w1", "--password-stdin", db=db, stdin="a long enough passphrase\n")
    assert result.returncode == 0, result.stderr
    assert "Sam Testworker" in result.stdout and "passphrase" not in result.stdout
    with open_store(db) as store:
        assert authenticate(store, "w1", "a long enough passphrase") is not None


def test_user_add_refuses_an_unknown_worker_or_a_short_password_in_one_line(db: str) -> None:
    unknown = cli("user", "add", "--worker", "nobody", "--password-stdin", db=db, stdin="a long enough passphrase\n")
    assert unknown.returncode == 1 and "no worker with id 'nobody'" in unknown.stderr
    short = cli("user", "add", "--worker", "w1", "--password-stdin", db=db, stdin="short\n")
    assert short.returncode == 1 and "at least 12 characters" in short.stderr
    assert "Traceback" not in unknown.stderr + short.stderr


def test_token_prints_a_token_the_server_accepts_for_that_worker(db: str) -> None:
    result = cli("token", "--worker", "m1", "--minutes", "5", db=db)
    assert result.returncode == 0, result.stderr
    identity = verify_token(result.stdout.strip(), TokenSettings(secret=SECRET, minutes=30))
    assert (identity.worker_id, identity.role) == ("m1", "team_manager")
    assert cli("token", "--worker", "ghost", db=db).returncode == 1

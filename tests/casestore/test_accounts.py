"""Local sign-in accounts: hashes only, the right password only, signed-out tokens remembered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from assistant.casestore import Store, UnknownWorkerError, import_csv, open_store
from assistant.casestore.accounts import AccountError, authenticate, has_account, is_revoked, revoke_token, set_password
from assistant.casestore.models import Account, RevokedToken

CHAT_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "csv-chat"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    import_csv(opened, CHAT_STORE)
    try:
        yield opened
    finally:
        opened.close()


def test_the_right_password_signs_the_worker_in_and_a_wrong_one_does_not(store: Store) -> None:
    set_password(store, "w1", PASSWORD)
    worker = authenticate(store, "w1", PASSWORD)
    assert worker is not None and (worker.worker_id, worker.name) == ("w1", "Sam Testworker")
    assert authenticate(store, "w1", PASSWORD.upper()) is None
    assert authenticate(store, "w1", "") is None
    assert authenticate(store, "w2", PASSWORD) is None  # another worker without an account
    assert authenticate(store, "nobody", PASSWORD) is None


def test_only_an_argon2_hash_is_stored(store: Store) -> None:
    set_password(store, "w1", PASSWORD)
    with store.session() as session:
        stored = session.execute(select(Account.password_hash).where(Account.worker_id == "w1")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_resetting_a_password_replaces_the_old_one(store: Store) -> None:
    set_password(store, "w1", PASSWORD)
    set_password(store, "w1", "a different long passphrase")
    assert authenticate(store, "w1", PASSWORD) is None
    assert authenticate(store, "w1", "a different long passphrase") is not None


def test_accounts_exist_only_for_workers_in_the_case_records(store: Store) -> None:
    with pytest.raises(UnknownWorkerError):
        set_password(store, "not-a-worker", PASSWORD)
    assert not has_account(store, "not-a-worker")


@pytest.mark.parametrize("password", ["short", "x" * 11, "y" * 2000])
def test_passwords_too_short_or_absurdly_long_are_refused_and_nothing_changes(store: Store, password: str) -> None:
    with pytest.raises(AccountError):
        set_password(store, "w1", password)
    assert not has_account(store, "w1")


def test_a_signed_out_token_stays_revoked_until_it_expires_then_is_forgotten(store: Store) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    revoke_token(store, "old", now - dt.timedelta(minutes=1))  # already expired
    revoke_token(store, "current", now + dt.timedelta(minutes=20))
    assert is_revoked(store, "current")
    revoke_token(store, "current", now + dt.timedelta(minutes=20))  # signing out twice is fine
    with store.session() as session:
        assert set(session.execute(select(RevokedToken.jti)).scalars()) == {"current"}
    assert not is_revoked(store, "never-issued")

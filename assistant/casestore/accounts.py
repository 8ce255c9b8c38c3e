"""Local sign-in: a worker's password hash, checking a password, and signed-out tokens.

Passwords are hashed with argon2id (``argon2-cffi``, its default parameters);
only the hash is stored, in the case store's ``accounts`` table, keyed by the
worker id the council's case records already use. Councils on single sign-on
need no accounts: their identity provider's tokens are accepted instead
(:mod:`assistant.channels.tokens`, docs/channels.md).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select

from assistant.casestore import Store, UnknownWorkerError, WorkerRecord, audit
from assistant.casestore.models import Account, RevokedToken
from assistant.domain.clock import utcnow

MIN_PASSWORD_LENGTH = 12  # NCSC: length beats complexity rules
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte "password" is a denial of service, not a sign-in

_HASHER = PasswordHasher()


class AccountError(ValueError):
    """A password that cannot be set; the message says why, for the operator."""


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to check against when there is no account, so timing does not reveal which ids exist."""
    return _HASHER.hash("no account has this password")


def check_password_rules(password: str) -> None:
    """Raise AccountError if ``password`` is too short or too long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"a password may have at most {MAX_PASSWORD_LENGTH} characters")


def set_password(
    store: Store,
    worker_id: str,
    password: str,
    *,
    actor: Optional[str] = None,
    via: audit.Via = audit.CLI,
) -> WorkerRecord:
    """Create or replace the worker's sign-in; UnknownWorkerError if the case store has no such worker.

    The change and its audit row (``password_set``, by ``actor``: by default the
    operating-system user for ``via`` the command line) commit together or not at all.
    """
    worker = store.worker(worker_id)
    if worker is None:
        raise UnknownWorkerError(worker_id)
    check_password_rules(password)
    hashed = _HASHER.hash(password)
    with store.session() as session, session.begin():
        account = session.get(Account, worker_id)
        if account is None:
            session.add(Account(worker_id=worker_id, password_hash=hashed, updated_at=utcnow()))
        else:
            account.password_hash = hashed
            account.updated_at = utcnow()
        session.flush()
        audit.record_password_set(session.connection(), worker_id, actor, via=via)
    return worker


def has_account(store: Store, worker_id: str) -> bool:
    with store.session() as session:
        return session.get(Account, worker_id) is not None


def authenticate(store: Store, worker_id: str, password: str) -> Optional[WorkerRecord]:
    """The worker if ``password`` is theirs, else None (no reason given: that would help a guesser)."""
    if not worker_id or not password or len(password) > MAX_PASSWORD_LENGTH:
        return None
    with store.session() as session:
        stored = session.execute(select(Account.password_hash).where(Account.worker_id == worker_id)).scalar()
    try:
        _HASHER.verify(stored or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if stored is None:
        return None
    if _HASHER.check_needs_rehash(stored):  # parameters raised since it was set
        with store.session() as session, session.begin():
            account = session.get(Account, worker_id)
            if account is not None:
                account.password_hash = _HASHER.hash(password)
                account.updated_at = utcnow()
    return store.worker(worker_id)


def revoke_token(store: Store, token_id: str, expires_at: dt.datetime) -> None:
    """Remember a signed-out token until it expires; forget tokens that have expired."""
    now = utcnow()
    with store.session() as session, session.begin():
        session.execute(delete(RevokedToken).where(RevokedToken.expires_at < now))
        if session.get(RevokedToken, token_id) is None:
            session.add(RevokedToken(jti=token_id, expires_at=expires_at))


def is_revoked(store: Store, token_id: str) -> bool:
    with store.session() as session:
        return session.get(RevokedToken, token_id) is not None


__all__ = [
    "AccountError",
    "MIN_PASSWORD_LENGTH",
    "authenticate",
    "check_password_rules",
    "has_account",
    "is_revoked",
    "revoke_token",
    "set_password",
]

"""The audit trail: who looked at or changed which cases, when, through which way in, and who did it.

Every caseload query (the chat, the web page's "this week" panel, the
``cin-assistant due`` command) and every write (``Store.append_event``) adds
one row to ``audit_log``: the worker and their role, who acted (``actor``: the
worker, or ``os:<user>`` for a command run on the server host), the time
(UTC), the source (``chat``, ``panel``, ``cli``, ``auth``; for the chat also
the input channel), what was asked as structured fields (query kind, item
type, window, the case the question resolved to) and the case ids returned or
changed. Sign-ins (accepted, refused, throttled), sign-outs, passwords set,
tokens issued and conversations read by an operator add a row too. The words
typed are never stored: a look-up that found nobody (or somebody the asker may
not see, which looks the same) is a query with no cases, so a data protection
officer can see probing without the trail itself holding names.

A write's row goes in the write's own transaction (pass the connection), so a
visit and its audit row are saved together or not at all. A query's row is
written in its own transaction before the answer is returned: if it cannot be
written the caller gets the "records out of reach" answer, so nothing is shown
unaudited.

Tamper evidence. The table is insert-only (triggers refuse UPDATE, DELETE and,
on PostgreSQL, TRUNCATE), and each row is chained to the one before:
``seq`` counts 1, 2, 3... and ``row_hash`` is HMAC-SHA256, keyed with
``CIN_AUDIT_KEY`` (else the file ``var/audit-key``), over the previous row's
hash and the row's fields. The one-row ``audit_head`` table holds the last seq
and hash; every insert first bumps its seq, which serialises writers (SQLite's
write lock, PostgreSQL's row lock) so two servers never fork the chain. Someone
who can write the table but does not hold the key cannot make a change that
:func:`verify_chain` (``cin-assistant audit verify``) does not find.

``cin-assistant audit`` reads the trail (:func:`read_audit`, :func:`render_table`,
in :mod:`assistant.casestore.audit_read`); the key, the hash and
:func:`verify_chain` are in :mod:`assistant.casestore.audit_chain`. Every name
is importable from here.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Optional, Tuple, Union

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from assistant.casestore.audit_chain import (
    CHAIN_FIELDS,
    CHANGED,
    DEFAULT_KEY_FILE,
    GENESIS,
    HEAD_MISMATCH,
    KEY_ENV,
    MISSING,
    UNLINKED,
    ChainCheck,
    audit_key,
    canonical_row,
    chain_hash,
    verify_chain,
)
from assistant.casestore.audit_read import AuditEntry, read_audit, render_table
from assistant.casestore.models import AuditHead, AuditRow, Worker
from assistant.domain.clock import utcnow

QUERY = "query"
WRITE = "write"
SIGNIN = "signin"
SIGNOUT = "signout"
PASSWORD_SET = "password_set"
TOKEN_ISSUED = "token_issued"
CONVERSATION_READ = "conversation_read"
ANSWERED = "answered"
SAVED = "saved"
ALREADY_RECORDED = "already_recorded"
ACCEPTED = "accepted"
REFUSED = "refused"
THROTTLED = "throttled"
SIGNIN_OUTCOMES = (ACCEPTED, REFUSED, THROTTLED)
OPERATOR = "operator"  # the role recorded for an authority-wide report run on the server host

_TABLE = AuditRow.__table__
_HEAD = AuditHead.__table__


@dataclass(frozen=True)
class Via:
    """The way in a request came: ``chat`` (with its input channel), ``panel``, ``cli`` or ``auth``."""

    source: str
    channel: Optional[str] = None


CHAT = Via("chat")
PANEL = Via("panel", "web")
CLI = Via("cli")


def os_actor() -> str:
    """``os:<user>`` for a command run on the server host: the operating-system user, else the uid."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name in the environment nor the password database
        name = str(os.getuid())
    return f"os:{name}"[:80]


# --- writing -------------------------------------------------------------------


def _case_ids_text(case_ids: Iterable[str]) -> str:
    """A JSON list, sorted and unique: searchable for one id with a LIKE on ``"id"``."""
    return json.dumps(sorted(set(case_ids)), separators=(",", ":"))


def _append(
    connection: Connection,
    key: bytes,
    values: Dict[str, Any],
    lookup_role: bool,
    known_worker_only: bool,
) -> None:
    """Add one row to the chain inside the caller's transaction.

    The head's seq goes up first: that takes the write lock (SQLite) or the
    head row's lock (PostgreSQL) until the transaction ends, so the seq and
    hash read next are the latest and nobody else can chain onto them meanwhile.
    A worker the records do not know has no role (never NULL in ``workers``):
    with ``known_worker_only`` their id is then not kept.
    """
    bumped = connection.execute(update(_HEAD).where(_HEAD.c.id == 1).values(seq=_HEAD.c.seq + 1))
    if bumped.rowcount != 1:
        raise RuntimeError("the audit chain's head row (audit_head id 1) is missing")
    read = [_HEAD.c.seq, _HEAD.c.last_hash]
    if lookup_role:
        # The role the case records hold now, read inside the lock (it is hashed), with the head: one round trip.
        read.append(select(Worker.role).where(Worker.worker_id == values["worker_id"]).scalar_subquery())
    head = connection.execute(select(*read).where(_HEAD.c.id == 1)).one()
    seq, prev_hash = head[0], head[1]
    if lookup_role:
        values["role"] = head[2]
        if known_worker_only and head[2] is None:
            values["worker_id"] = None
    values.update(seq=seq, at=utcnow(), prev_hash=prev_hash)
    values["row_hash"] = chain_hash(key, prev_hash, values)
    connection.execute(insert(_TABLE).values(**values))
    connection.execute(update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=values["row_hash"]))


def _insert(
    target: Union[Any, Connection],
    worker_id: Optional[str],
    via: Via,
    action: str,
    kind: str,
    outcome: str,
    case_ids: Iterable[str] = (),
    item_type: Optional[str] = None,
    window: Optional[Tuple[dt.date, dt.date]] = None,
    case_id: Optional[str] = None,
    event_id: Optional[int] = None,
    authority_id: Optional[str] = None,
    role: Optional[str] = None,
    actor: Optional[str] = None,
    address: Optional[str] = None,
    known_worker_only: bool = False,
) -> None:
    """One row, in ``target``'s transaction (a Connection) or its own (a Store).

    ``actor`` defaults to the worker for the chat and the panel, and to the
    operating-system user for the command line. ``known_worker_only``: keep
    ``worker_id`` only if the case records have it (a sign-in's typed id may be a password).
    """
    key = audit_key()  # before any lock is taken: a missing key is a set-up fault, not a wait
    if actor is None and not known_worker_only:
        actor = os_actor() if via.source == CLI.source else worker_id
    values: Dict[str, Any] = dict(
        worker_id=worker_id,
        actor=actor,
        role=role,
        source=via.source[:20],
        channel=via.channel[:20] if via.channel else None,
        address=address[:64] if address else None,
        action=action,
        kind=kind,
        outcome=outcome,
        item_type=item_type,
        window_start=window[0] if window else None,
        window_end=window[1] if window else None,
        case_id=case_id,
        event_id=event_id,
        authority_id=authority_id,
        case_ids=_case_ids_text(case_ids),
    )
    if known_worker_only and role is not None:
        raise ValueError("a known worker's role comes from the case records")
    lookup_role = role is None and worker_id is not None
    if isinstance(target, Connection):
        _append(target, key, values, lookup_role, known_worker_only)
        return
    with target.engine.begin() as connection:  # a Store
        _append(connection, key, values, lookup_role, known_worker_only)


def record_query(
    target: Union[Any, Connection],
    worker_id: Optional[str],
    via: Via,
    kind: str,
    *,
    outcome: str = ANSWERED,
    case_ids: Iterable[str] = (),
    item_type: Optional[str] = None,
    window: Optional[Tuple[dt.date, dt.date]] = None,
    case_id: Optional[str] = None,
    authority_id: Optional[str] = None,
    role: Optional[str] = None,
) -> None:
    """Record one caseload query (``target``: a Store, or a Connection inside the caller's transaction).

    ``outcome`` is ``answered`` or the refusal/clarify reason (``child_not_found``,
    ``not_a_manager``, ...); ``case_ids`` the cases whose details were shown.
    ``role`` defaults to the worker's role in the case records. Through the
    command line the actor is the operating-system user and ``worker_id`` the
    worker whose caseload was read.
    """
    _insert(
        target, worker_id, via, QUERY, kind, outcome, case_ids, item_type, window, case_id, None, authority_id, role
    )


def record_write(
    target: Union[Any, Connection],
    worker_id: str,
    via: Via,
    event: str,
    case_id: Optional[str],
    event_id: Optional[int],
    *,
    outcome: str = SAVED,
) -> None:
    """Record a write of ``event`` on ``case_id``; pass the write's own Connection so both commit together."""
    _insert(
        target, worker_id, via, WRITE, event, outcome, [case_id] if case_id else [], case_id=case_id, event_id=event_id
    )


def record_import(target: Union[Any, Connection], via: Via, source: str, case_ids: Iterable[str]) -> None:
    """Record an import (an operator's bulk write on the server host) with the cases it added or changed.

    No worker: imports are run by operators, recorded with the role ``operator``
    as authority-wide reports are. Pass the import's Connection so both commit together.
    """
    _insert(target, None, via, WRITE, f"import_{source}", SAVED, case_ids, role=OPERATOR)


def record_signin(
    target: Union[Any, Connection],
    worker_id: Optional[str],
    outcome: str,
    address: Optional[str],
    channel: Optional[str],
) -> None:
    """Record a password sign-in attempt, before the answer is sent (fail closed, like a query).

    ``outcome``: ``accepted``, ``refused`` (wrong id or password) or ``throttled``
    (too many failures; the password was not checked). ``worker_id`` is the id
    typed: it is stored only if the case records know it, since an unknown
    "id" may be a password typed in the wrong box. ``address`` is the client
    address (after the trusted proxies), ``channel`` the page's channel (``web``).
    The actor is the worker only when the sign-in was accepted.
    """
    if outcome not in SIGNIN_OUTCOMES:
        raise ValueError(f"a sign-in's outcome is one of {', '.join(SIGNIN_OUTCOMES)}, not {outcome!r}")
    _insert(
        target,
        worker_id,
        Via("auth", channel),
        SIGNIN,
        "password",
        outcome,
        address=address,
        actor=worker_id if outcome == ACCEPTED else None,
        known_worker_only=outcome != ACCEPTED,
    )


def record_signout(target: Union[Any, Connection], worker_id: str, channel: Optional[str]) -> None:
    """Record a sign-out (the token revoked); pass the revocation's Connection to commit both together."""
    _insert(target, worker_id, Via("auth", channel), SIGNOUT, "token", "signed_out", actor=worker_id)


def record_password_set(
    target: Union[Any, Connection],
    worker_id: str,
    actor: Optional[str],
    *,
    via: Via = CLI,
) -> None:
    """Record that ``worker_id``'s password was set or reset (never the password nor its hash).

    ``actor``: who set it (``os:<user>`` for ``cin-assistant user add``; the
    worker for a change made by themselves); None picks by ``via`` as for queries.
    Pass the password change's Connection so both commit together.
    """
    _insert(target, worker_id, via, PASSWORD_SET, "password", SAVED, actor=actor)


def record_token_issued(
    target: Union[Any, Connection],
    worker_id: str,
    actor: Optional[str],
    minutes: int,
    *,
    via: Via = CLI,
) -> None:
    """Record that a token for ``worker_id`` was issued by ``actor`` (``cin-assistant token``): whoever
    holds it can act as that worker for ``minutes`` (kept in ``item_type``). The token is never stored."""
    _insert(target, worker_id, via, TOKEN_ISSUED, "local_token", "issued", item_type=f"{minutes} min", actor=actor)


def record_conversation_read(
    target: Union[Any, Connection],
    worker_id: str,
    actor: Optional[str],
    *,
    via: Via = CLI,
) -> None:
    """Record that ``actor`` (an operator) read ``worker_id``'s conversations, before showing them."""
    _insert(target, worker_id, via, CONVERSATION_READ, "conversations", ANSWERED, actor=actor)


__all__ = [
    "ACCEPTED",
    "ALREADY_RECORDED",
    "ANSWERED",
    "AuditEntry",
    "CHAIN_FIELDS",
    "CHANGED",
    "CHAT",
    "CLI",
    "CONVERSATION_READ",
    "ChainCheck",
    "DEFAULT_KEY_FILE",
    "GENESIS",
    "HEAD_MISMATCH",
    "KEY_ENV",
    "MISSING",
    "OPERATOR",
    "PANEL",
    "PASSWORD_SET",
    "QUERY",
    "REFUSED",
    "SAVED",
    "SIGNIN",
    "SIGNIN_OUTCOMES",
    "SIGNOUT",
    "THROTTLED",
    "TOKEN_ISSUED",
    "UNLINKED",
    "Via",
    "WRITE",
    "audit_key",
    "canonical_row",
    "chain_hash",
    "os_actor",
    "read_audit",
    "record_conversation_read",
    "record_import",
    "record_password_set",
    "record_query",
    "record_signin",
    "record_signout",
    "record_token_issued",
    "record_write",
    "render_table",
    "verify_chain",
]

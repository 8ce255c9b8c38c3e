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

``cin-assistant audit`` reads the trail (:func:`read_audit`, :func:`render_table`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from assistant.casestore.models import AuditHead, AuditRow, Worker
from assistant.config import VAR_DIR, ConfigError, shared_secret
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

GENESIS = "0" * 64  # the prev_hash of the first row
KEY_ENV = "CIN_AUDIT_KEY"
DEFAULT_KEY_FILE = VAR_DIR / "audit-key"

#: The fields a row's hash covers, in this order (``id`` is the database's, not the chain's).
CHAIN_FIELDS = (
    "seq",
    "at",
    "worker_id",
    "actor",
    "role",
    "source",
    "channel",
    "address",
    "action",
    "kind",
    "outcome",
    "item_type",
    "window_start",
    "window_end",
    "case_id",
    "event_id",
    "authority_id",
    "case_ids",
)

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


@dataclass(frozen=True)
class AuditEntry:
    """One row of the trail, as the ``audit`` command shows it."""

    id: int
    at: dt.datetime  # UTC, naive
    worker_id: Optional[str]
    role: Optional[str]
    source: str
    channel: Optional[str]
    action: str
    kind: str
    outcome: str
    item_type: Optional[str]
    window_start: Optional[dt.date]
    window_end: Optional[dt.date]
    case_id: Optional[str]
    event_id: Optional[int]
    authority_id: Optional[str]
    case_ids: Tuple[str, ...]
    seq: Optional[int] = None
    actor: Optional[str] = None
    address: Optional[str] = None

    def to_json(self) -> Dict[str, Any]:
        return {
            "id": self.id,
            "seq": self.seq,
            "at": self.at.replace(tzinfo=dt.timezone.utc).isoformat(),
            "worker_id": self.worker_id,
            "actor": self.actor,
            "role": self.role,
            "source": self.source,
            "channel": self.channel,
            "address": self.address,
            "action": self.action,
            "kind": self.kind,
            "outcome": self.outcome,
            "item_type": self.item_type,
            "window": None
            if self.window_start is None
            else {
                "start": self.window_start.isoformat(),
                "end": None if self.window_end is None else self.window_end.isoformat(),
            },
            "case_id": self.case_id,
            "event_id": self.event_id,
            "authority_id": self.authority_id,
            "case_ids": list(self.case_ids),
        }


_ENTRY_FIELDS = tuple(AuditEntry.__dataclass_fields__)


# --- the key and the hash ------------------------------------------------------


def audit_key(env: Optional[Mapping[str, str]] = None, create: bool = True) -> bytes:
    """The chain's HMAC key: ``CIN_AUDIT_KEY``, else the key file (``CIN_AUDIT_KEY_FILE``, default
    ``var/audit-key``), created once, owner-only, when ``create`` (writers create it; ``verify`` never
    does, since a new key would call every row changed). Kept off the database host, it is what stops
    someone with only database access from rewriting the chain consistently."""
    try:
        return shared_secret(os.environ if env is None else env, KEY_ENV, DEFAULT_KEY_FILE, create).encode("utf-8")
    except ConfigError as exc:
        raise ConfigError(f"no audit key: {exc}") from None


def _canonical_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical_row(values: Mapping[str, Any]) -> str:
    """The row's chained fields as JSON: fixed order, ISO times with microseconds, ASCII only."""
    return json.dumps(
        {name: _canonical_value(values.get(name)) for name in CHAIN_FIELDS}, separators=(",", ":"), ensure_ascii=True
    )


def chain_hash(key: bytes, prev_hash: str, values: Mapping[str, Any]) -> str:
    """HMAC-SHA256 (hex) over the previous row's hash and this row's canonical fields."""
    return hmac.new(key, (prev_hash + canonical_row(values)).encode("utf-8"), hashlib.sha256).hexdigest()


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


# --- reading -------------------------------------------------------------------


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def read_audit(
    store: Any,
    worker_id: Optional[str] = None,
    case_id: Optional[str] = None,
    since: Optional[dt.date] = None,
    until: Optional[dt.date] = None,
    limit: Optional[int] = None,
    actor: Optional[str] = None,
) -> List[AuditEntry]:
    """Rows of the trail in chain order (oldest first): one worker's, one actor's, one case's (asked
    about, returned or changed), between two UTC days inclusive. ``limit`` keeps the newest rows."""
    conditions = []
    if worker_id:
        conditions.append(AuditRow.worker_id == worker_id)
    if actor:
        conditions.append(AuditRow.actor == actor)
    if case_id:
        conditions.append(
            or_(
                AuditRow.case_id == case_id,
                AuditRow.case_ids.contains(json.dumps(case_id), autoescape=True),
            )
        )
    if since:
        conditions.append(AuditRow.at >= _day_start(since))
    if until:
        conditions.append(AuditRow.at < _day_start(until + dt.timedelta(days=1)))
    columns = [_TABLE.c[name] for name in _ENTRY_FIELDS]
    query = select(*columns).where(and_(*conditions)).order_by(AuditRow.seq.desc())
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    entries = []
    for row in reversed(rows):
        values = dict(zip(_ENTRY_FIELDS, row))
        values["case_ids"] = tuple(json.loads(values["case_ids"] or "[]"))
        entry = AuditEntry(**values)
        if case_id and entry.case_id != case_id and case_id not in entry.case_ids:
            continue  # the LIKE is a pre-filter; an escaped quote in another id must not match
        entries.append(entry)
    return entries


def _cases_cell(entry: AuditEntry, width: int = 40) -> str:
    text = " ".join(entry.case_ids) or "-"
    return text if len(text) <= width else f"{text[: width - 12].rstrip()} ... ({len(entry.case_ids)})"


def render_table(entries: Sequence[AuditEntry]) -> str:
    """A readable table: one line per row, the case list shortened (``--json`` has it all)."""
    if not entries:
        return "No audit entries match."
    header = ("WHEN (UTC)", "WORKER", "ACTOR", "ROLE", "SOURCE", "ACTION", "KIND", "OUTCOME", "ASKED", "CASES")
    rows = [header]
    for e in entries:
        asked = []
        if e.item_type:
            asked.append(e.item_type)
        if e.window_start:
            asked.append(f"{e.window_start:%d %b}-{e.window_end:%d %b %Y}" if e.window_end else f"{e.window_start}")
        if e.case_id:
            asked.append(f"case {e.case_id}" + (f" event {e.event_id}" if e.event_id is not None else ""))
        if e.authority_id:
            asked.append(f"authority {e.authority_id}")
        if e.address:
            asked.append(f"from {e.address}")
        source = e.source + (f"/{e.channel}" if e.channel and e.source in ("chat", "auth") else "")
        rows.append(
            (
                f"{e.at:%Y-%m-%d %H:%M:%S}",
                e.worker_id or "-",
                e.actor or "-",
                e.role or "-",
                source,
                e.action,
                e.kind,
                e.outcome,
                ", ".join(asked) or "-",
                _cases_cell(e),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows]
    lines.append(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}.")
    return "\n".join(lines)


# --- verifying -----------------------------------------------------------------

CHANGED = "changed"
MISSING = "missing rows before it"
UNLINKED = "does not follow the row before it"
HEAD_MISMATCH = "head mismatch"


@dataclass(frozen=True)
class ChainCheck:
    """What :func:`verify_chain` found: intact, or the first bad row (its seq and id) and why."""

    rows: int  # rows checked and found good, in seq order
    last_hash: str  # the last good row's hash (GENESIS when there is none)
    problem: Optional[str] = None  # None: intact; else CHANGED, MISSING, UNLINKED or HEAD_MISMATCH
    seq: Optional[int] = None
    row_id: Optional[int] = None
    detail: str = ""

    @property
    def intact(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        if self.intact:
            return f"Audit trail intact: {self.rows} rows, last hash {self.last_hash[:16]}"
        if self.problem == HEAD_MISMATCH:
            return f"Audit trail broken at the head: {self.detail}. The {self.rows} rows themselves are intact."
        return (
            f"Audit trail broken at seq {self.seq} (id {self.row_id}): {self.problem}: {self.detail}. "
            f"The {self.rows} rows before it are intact."
        )

    def to_json(self) -> Dict[str, Any]:
        return {
            "intact": self.intact,
            "rows": self.rows,
            "last_hash": self.last_hash,
            "problem": self.problem,
            "seq": self.seq,
            "id": self.row_id,
            "detail": self.detail,
        }


def _row_problem(
    key: Optional[bytes],
    values: Mapping[str, Any],
    expected_seq: int,
    prev_hash: str,
) -> Optional[Tuple[str, str]]:
    """Why a row cannot be the chain's next one (problem, detail), or None if it can."""
    seq = values["seq"]
    if seq is None or seq < expected_seq:
        return UNLINKED, f"its seq {seq} repeats or is not a number (expected {expected_seq})"
    if seq > expected_seq:
        missing = f"seq {expected_seq}" if seq == expected_seq + 1 else f"seq {expected_seq} to {seq - 1}"
        return MISSING, f"{missing} not found (deleted)"
    if key is None or not hmac.compare_digest(
        chain_hash(key, values["prev_hash"] or "", values), values["row_hash"] or ""
    ):
        return CHANGED, (
            "its fields do not match its hash: changed since it was written "
            "(or the audit key is not the one it was written with)"
        )
    if values["prev_hash"] != prev_hash:
        return UNLINKED, "its prev_hash is not the hash of the row before it"
    return None


def verify_chain(store: Any, key: Optional[bytes] = None) -> ChainCheck:
    """Walk the chain in seq order: every hash recomputed with the key, no gap in seq, the head on the
    last row. Stops at the first bad row (what comes after it cannot be trusted to say more)."""
    columns = [_TABLE.c.id, _TABLE.c.prev_hash, _TABLE.c.row_hash, *(_TABLE.c[name] for name in CHAIN_FIELDS)]
    good, prev_hash = 0, GENESIS
    with store.engine.connect() as connection:
        head = connection.execute(select(_HEAD.c.seq, _HEAD.c.last_hash).where(_HEAD.c.id == 1)).first()
        total = connection.execute(select(func.count()).select_from(_TABLE)).scalar_one()
        if total and key is None:
            key = audit_key(create=False)
        rows = connection.execution_options(stream_results=True).execute(
            select(*columns).order_by(_TABLE.c.seq, _TABLE.c.id)
        )
        for row in rows:
            values = dict(row._mapping)
            problem = _row_problem(key, values, good + 1, prev_hash)
            if problem is not None:
                rows.close()
                return ChainCheck(good, prev_hash, problem[0], values["seq"], values["id"], problem[1])
            good, prev_hash = values["seq"], values["row_hash"]
    if head is None:
        return ChainCheck(good, prev_hash, HEAD_MISMATCH, None, None, "the head row (audit_head id 1) is missing")
    if head.seq != good or head.last_hash != prev_hash:
        detail = (
            f"the head says seq {head.seq}, hash {head.last_hash[:16]}; the last row is seq {good}, "
            f"hash {prev_hash[:16]}"
        )
        if head.seq > good:
            detail += f" (seq {good + 1} to {head.seq} deleted from the end)"
        return ChainCheck(good, prev_hash, HEAD_MISMATCH, head.seq, None, detail)
    return ChainCheck(good, prev_hash)


__all__ = [
    "ACCEPTED",
    "ALREADY_RECORDED",
    "ANSWERED",
    "AuditEntry",
    "CHAT",
    "CLI",
    "ChainCheck",
    "GENESIS",
    "OPERATOR",
    "PANEL",
    "QUERY",
    "REFUSED",
    "SAVED",
    "THROTTLED",
    "Via",
    "WRITE",
    "audit_key",
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

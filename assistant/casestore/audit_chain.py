"""The audit trail's tamper evidence: the key, each row's hash, and walking the chain to verify it.

Each row of ``audit_log`` is chained to the one before: ``seq`` counts 1, 2,
3... and ``row_hash`` is HMAC-SHA256, keyed with ``CIN_AUDIT_KEY`` (else the
file ``var/audit-key``), over the previous row's hash and the row's fields
(:data:`CHAIN_FIELDS`). :func:`verify_chain` (``cin-assistant audit verify``)
recomputes every hash and finds the first row changed, deleted or unlinked.
Writing rows is :mod:`assistant.casestore.audit`'s job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple

from sqlalchemy import func, select

from assistant.casestore.models import AuditHead, AuditRow
from assistant.config import VAR_DIR, ConfigError, shared_secret

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

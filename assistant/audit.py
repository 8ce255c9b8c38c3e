"""The audit trail: who looked at or changed which cases, when, and through which way in.

Every caseload query (the chat, the web page's "this week" panel, the
``cin-assistant due`` command) and every write (``Store.append_event``) adds
one row to ``audit_log`` with one INSERT: the worker and their role, the time
(UTC), the source (``chat``, ``panel``, ``cli``; for the chat also the input
channel), what was asked as structured fields (query kind, item type, window,
the case the question resolved to) and the case ids returned or changed. The
words typed are never stored: a look-up that found nobody (or somebody the
asker may not see, which looks the same) is a query with no cases, so a data
protection officer can see probing without the trail itself holding names.

A write's row goes in the write's own transaction (pass the connection), so a
visit and its audit row are saved together or not at all. A query's row is
written before the answer is returned: if it cannot be written the caller gets
the "records out of reach" answer, so nothing is shown unaudited.

``cin-assistant audit`` reads the trail (:func:`read_audit`, :func:`render_table`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.engine import Connection

from assistant.casestore.models import AuditRow, Worker

QUERY = "query"
WRITE = "write"
ANSWERED = "answered"
SAVED = "saved"
ALREADY_RECORDED = "already_recorded"
OPERATOR = "operator"  # the role recorded for an authority-wide report run on the server host

_TABLE = AuditRow.__table__


@dataclass(frozen=True)
class Via:
    """The way in a request came: ``chat`` (with its input channel), ``panel`` or ``cli``."""

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

    def to_json(self) -> Dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.replace(tzinfo=dt.timezone.utc).isoformat(),
            "worker_id": self.worker_id,
            "role": self.role,
            "source": self.source,
            "channel": self.channel,
            "action": self.action,
            "kind": self.kind,
            "outcome": self.outcome,
            "item_type": self.item_type,
            "window": None if self.window_start is None else {
                "start": self.window_start.isoformat(),
                "end": None if self.window_end is None else self.window_end.isoformat(),
            },
            "case_id": self.case_id,
            "event_id": self.event_id,
            "authority_id": self.authority_id,
            "case_ids": list(self.case_ids),
        }


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _case_ids_text(case_ids: Iterable[str]) -> str:
    """A JSON list, sorted and unique: searchable for one id with a LIKE on ``"id"``."""
    return json.dumps(sorted(set(case_ids)), separators=(",", ":"))


def _insert(
    target: Union[Any, Connection], worker_id: Optional[str], via: Via, action: str, kind: str, outcome: str,
    case_ids: Iterable[str], item_type: Optional[str], window: Optional[Tuple[dt.date, dt.date]],
    case_id: Optional[str], event_id: Optional[int], authority_id: Optional[str], role: Optional[str],
) -> None:
    if role is None and worker_id is not None:
        # The role the case records hold now, read by the INSERT itself: still one statement.
        role_value: Any = select(Worker.role).where(Worker.worker_id == worker_id).scalar_subquery()
    else:
        role_value = role
    statement = insert(_TABLE).values(
        at=utcnow(), worker_id=worker_id, role=role_value, source=via.source[:20],
        channel=via.channel[:20] if via.channel else None,
        action=action, kind=kind, outcome=outcome, item_type=item_type,
        window_start=window[0] if window else None, window_end=window[1] if window else None,
        case_id=case_id, event_id=event_id, authority_id=authority_id, case_ids=_case_ids_text(case_ids),
    )
    if isinstance(target, Connection):
        target.execute(statement)
        return
    with target.engine.begin() as connection:  # a Store
        connection.execute(statement)


def record_query(
    target: Union[Any, Connection], worker_id: Optional[str], via: Via, kind: str, *,
    outcome: str = ANSWERED, case_ids: Iterable[str] = (), item_type: Optional[str] = None,
    window: Optional[Tuple[dt.date, dt.date]] = None, case_id: Optional[str] = None,
    authority_id: Optional[str] = None, role: Optional[str] = None,
) -> None:
    """Record one caseload query (``target``: a Store, or a Connection inside the caller's transaction).

    ``outcome`` is ``answered`` or the refusal/clarify reason (``child_not_found``,
    ``not_a_manager``, ...); ``case_ids`` the cases whose details were shown.
    ``role`` defaults to the worker's role in the case records.
    """
    _insert(target, worker_id, via, QUERY, kind, outcome, case_ids, item_type, window, case_id, None,
            authority_id, role)


def record_write(
    target: Union[Any, Connection], worker_id: str, via: Via, event: str, case_id: Optional[str],
    event_id: Optional[int], *, outcome: str = SAVED,
) -> None:
    """Record a write of ``event`` on ``case_id``; pass the write's own Connection so both commit together."""
    _insert(target, worker_id, via, WRITE, event, outcome, [case_id] if case_id else [], None, None,
            case_id, event_id, None, None)


def record_import(target: Union[Any, Connection], via: Via, source: str, case_ids: Iterable[str]) -> None:
    """Record an import (an operator's bulk write on the server host) with the cases it added or changed.

    No worker: imports are run by operators, recorded with the role ``operator``
    as authority-wide reports are. Pass the import's Connection so both commit together.
    """
    _insert(target, None, via, WRITE, f"import_{source}", SAVED, case_ids, None, None, None, None, None, OPERATOR)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def read_audit(
    store: Any, worker_id: Optional[str] = None, case_id: Optional[str] = None,
    since: Optional[dt.date] = None, until: Optional[dt.date] = None, limit: Optional[int] = None,
) -> List[AuditEntry]:
    """Rows of the trail, oldest first: one worker's, one case's (asked about, returned or
    changed), between two UTC days inclusive. ``limit`` keeps the newest rows."""
    conditions = []
    if worker_id:
        conditions.append(AuditRow.worker_id == worker_id)
    if case_id:
        conditions.append(or_(
            AuditRow.case_id == case_id,
            AuditRow.case_ids.contains(json.dumps(case_id), autoescape=True),
        ))
    if since:
        conditions.append(AuditRow.at >= _day_start(since))
    if until:
        conditions.append(AuditRow.at < _day_start(until + dt.timedelta(days=1)))
    columns = [getattr(AuditRow, c.name) for c in _TABLE.columns]
    query = select(*columns).where(and_(*conditions)).order_by(AuditRow.at.desc(), AuditRow.id.desc())
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    entries = []
    for row in reversed(rows):
        values = dict(zip((c.name for c in _TABLE.columns), row))
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
    header = ("WHEN (UTC)", "WORKER", "ROLE", "SOURCE", "ACTION", "KIND", "OUTCOME", "ASKED", "CASES")
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
        source = e.source + (f"/{e.channel}" if e.channel and e.source == "chat" else "")
        rows.append((
            f"{e.at:%Y-%m-%d %H:%M:%S}", e.worker_id or "-", e.role or "-", source, e.action, e.kind,
            e.outcome, ", ".join(asked) or "-", _cases_cell(e),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows]
    lines.append(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}.")
    return "\n".join(lines)


__all__ = [
    "ALREADY_RECORDED", "ANSWERED", "AuditEntry", "CHAT", "CLI", "OPERATOR", "PANEL", "QUERY", "SAVED", "Via",
    "WRITE", "read_audit", "record_import", "record_query", "record_write", "render_table",
]

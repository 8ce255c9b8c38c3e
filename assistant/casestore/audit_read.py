"""Reading the audit trail: its rows as entries, filtered (:func:`read_audit`) and shown (:func:`render_table`).

``cin-assistant audit`` prints these; ``--json`` gives each entry's :meth:`AuditEntry.to_json`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import and_, or_, select

from assistant.casestore.models import AuditRow

_TABLE = AuditRow.__table__


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

"""Retention for the conversation store (Rasa's SQL tracker store): purge what is past it.

Conversations hold what workers typed, children's names included, so they are
kept for ``CIN_RETENTION_DAYS`` (default 30) and then deleted by
``cin-assistant conversations purge`` (cron) and once at every
``cin-assistant run``.

Rasa's ``events`` table (created by Rasa's SQLTrackerStore) holds one row per
event with the conversation's ``sender_id`` (here the worker id), a float UNIX
``timestamp`` and a ``type_name``. Every event older than the cut-off is
deleted except those of the conversation's latest session (from its
``action_session_start``): Rasa loads only that session and works out which
events are new by counting its rows, so deleting rows from inside it would make
a running server write them again. A conversation whose every event is older
than the cut-off is removed entirely; a session still under way (one message at
least every hour, the domain's session expiry) is kept whole.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Engine, make_url

from assistant.config import private_file

SECONDS_PER_DAY = 86_400
SESSION_STARTED = "session_started"
SESSION_START_ACTION = "action_session_start"  # logged just before its session_started event

_metadata = MetaData()
# The columns of Rasa 3.6's SQLTrackerStore.SQLEvent that the purge reads (Rasa owns the table).
EVENTS = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("action_name", String(255)),
    Column("data", Text),
)


@dataclass(frozen=True)
class PurgeReport:
    """What a purge deleted: events, the conversations they came from, and how many of those are now gone."""

    store: str  # the tracker URL with any password hidden
    older_than_days: int
    cutoff: float  # UNIX seconds: events before this were deleted (outside each conversation's latest session)
    events: int = 0
    conversations: int = 0  # conversations that lost at least one session
    removed: int = 0  # of those, conversations with nothing left

    def summary(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.cutoff))
        return (
            f"Purged {self.events} event(s) from {self.conversations} conversation(s) "
            f"({self.removed} removed entirely): events before {when} "
            f"(retention {self.older_than_days} days; a conversation's latest session is kept) in {self.store}"
        )


def shown_url(url: str) -> str:
    """The URL as it may be printed: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL at all: say so without echoing it
        return "the conversation store (not a valid SQLAlchemy URL)"


def _engine(url: str) -> Optional[Engine]:
    """An engine for the tracker store, or None when a SQLite file does not exist (nothing stored yet)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).expanduser().exists():
            return None
        engine = create_engine(parsed, future=True)
        # Deleted rows are overwritten in the file, not just unlinked: a purged name is gone from the disk too.
        event.listen(engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA secure_delete=ON"))
        return engine
    return create_engine(parsed, future=True)


@dataclass(frozen=True)
class Said:
    """One message of a stored conversation: when (UNIX seconds), who ("worker" or "assistant"), the words."""

    at: float
    who: str
    text: str


def read_conversation(url: str, sender_id: str) -> List[Said]:
    """What a worker and the assistant said in the worker's stored conversation, oldest first.

    For an operator answering a data protection request (`cin-assistant
    conversations show`, audited): read from the store's table, not through
    Rasa's HTTP API, which is never served.
    """
    engine = _engine(url)
    if engine is None:
        return []
    try:
        if not inspect(engine).has_table("events"):
            return []
        e = EVENTS.c
        with engine.connect() as connection:
            rows = connection.execute(
                select(e.timestamp, e.type_name, e.data)
                .where(e.sender_id == sender_id, e.type_name.in_(("user", "bot")))
                .order_by(e.id)
            ).all()
    finally:
        engine.dispose()
    said = []
    for timestamp, kind, data in rows:
        try:
            text = json.loads(data or "{}").get("text")
        except ValueError:
            text = None
        if text:
            said.append(Said(float(timestamp or 0), "worker" if kind == "user" else "assistant", str(text)))
    return said


def purge_conversations(url: str, older_than_days: int, now: Optional[float] = None) -> PurgeReport:
    """Delete the events older than ``older_than_days`` days, never from a conversation's latest session.

    One transaction per conversation, so a server answering meanwhile waits
    for a moment at most.
    """
    if older_than_days < 1:
        raise ValueError("older_than_days must be at least 1")
    cutoff = (time.time() if now is None else now) - older_than_days * SECONDS_PER_DAY
    report = dict(events=0, conversations=0, removed=0)
    engine = _engine(url)
    if engine is None:
        return PurgeReport(shown_url(url), older_than_days, cutoff)
    try:
        if not inspect(engine).has_table("events"):
            return PurgeReport(shown_url(url), older_than_days, cutoff)
        e = EVENTS.c
        with engine.connect() as connection:
            senders = connection.execute(select(e.sender_id).where(e.timestamp < cutoff).distinct()).scalars().all()
        for sender in senders:
            mine = e.sender_id == sender
            with engine.begin() as connection:
                newest = connection.execute(select(func.max(e.timestamp)).where(mine)).scalar()
                removed = newest is not None and newest < cutoff
                if removed:
                    condition = mine  # nothing after the cut-off: the whole conversation goes
                else:
                    latest = connection.execute(
                        select(func.max(e.id)).where(mine, e.type_name == SESSION_STARTED)
                    ).scalar()
                    if latest is None:
                        continue  # one session from the start, still in use: kept whole
                    before = connection.execute(
                        select(e.id, e.action_name).where(mine, e.id < latest).order_by(e.id.desc()).limit(1)
                    ).first()
                    keep_from = (
                        before.id if before is not None and before.action_name == SESSION_START_ACTION else latest
                    )
                    condition = mine & (e.id < keep_from) & (e.timestamp < cutoff)
                deleted = connection.execute(delete(EVENTS).where(condition)).rowcount or 0
            if deleted:
                report["events"] += deleted
                report["conversations"] += 1
                report["removed"] += removed
    finally:
        engine.dispose()
    return PurgeReport(shown_url(url), older_than_days, cutoff, **report)


def create_conversation_store(url: str) -> None:
    """Create Rasa's conversation tables at ``url`` with Rasa's own SQLTrackerStore, if missing.

    For a deployment of several servers: done once before they start, instead
    of each racing the others to create the same table.
    """
    from rasa.core.tracker_store import SQLTrackerStore  # noqa: PLC0415 - lazy: Rasa takes seconds to load; only a cluster start creates the table

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        private_file(Path(parsed.database).expanduser().resolve())  # children's names: owner-only

    SQLTrackerStore(host=url).engine.dispose()


def purge_at_start(url: str, older_than_days: int, say: Callable[[str], None] = print) -> Optional[PurgeReport]:
    """The purge `cin-assistant run` does before it serves anyone; a failure is reported, not fatal.

    The daily purge (cron) is the real schedule; a conversation store that
    cannot be reached will stop the Rasa server anyway, with its own message.
    """
    try:
        report = purge_conversations(url, older_than_days)
    except Exception as exc:  # noqa: BLE001 - one clear line, never a trace
        say(
            f"Conversation retention: could not purge {shown_url(url)}: {exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}"
        )
        return None
    say(report.summary())
    return report


__all__ = ["EVENTS", "PurgeReport", "create_conversation_store", "purge_at_start", "purge_conversations", "shown_url"]

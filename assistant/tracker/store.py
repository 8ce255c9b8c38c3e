"""Rasa's SQL tracker store as this project runs it: commits that do not wait for the disk.

Each message writes a few conversation events. Rasa's SQLTrackerStore commits
them with the database's full durability: one fsync per message on SQLite (about
6 ms here, half of what the SQL store adds to a reply). Conversations are
working notes that expire after ``CIN_RETENTION_DAYS``, not the case record:
visits and the audit trail live in the case store, which keeps full
durability. So the conversation store's connections commit asynchronously
(SQLite: WAL with ``synchronous=NORMAL``; PostgreSQL: ``synchronous_commit =
off``). A power cut may lose the last moments of chat; it cannot corrupt the
database or lose anything a worker recorded.

The NLU hands each message's sentence embedding to the action server in the
parse data (:data:`~assistant.knowledge.sentence_model.SENTENCE_VECTOR`). It
serves only the turn it came with, so it is dropped before the events are
written: nothing derived from a message is kept beyond the message itself.

``assistant.runtime.launcher.tracker_store_yaml`` names this class as the tracker store type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event
from sqlalchemy.engine import make_url

from assistant.config import private_file
from assistant.knowledge.sentence_model import SENTENCE_VECTOR


def _commit_without_waiting(dbapi_connection: Any, connection_record: Any) -> None:
    """Per connection: the dialect's asynchronous-commit setting (see the module docstring)."""
    cursor = dbapi_connection.cursor()
    try:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        else:
            cursor.execute("SET synchronous_commit TO off")
    finally:
        cursor.close()


class ConversationStore(SQLTrackerStore):
    """:class:`SQLTrackerStore` whose connections commit asynchronously (SQLite and PostgreSQL)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        url = kwargs.get("host")
        if (
            isinstance(url, str)
            and url.startswith("sqlite:///")
            and make_url(url).database not in (None, "", ":memory:")
        ):
            private_file(Path(str(make_url(url).database)).expanduser().resolve())  # children's names: owner-only
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name in ("sqlite", "postgresql"):
            event.listen(self.engine, "connect", _commit_without_waiting)
            self.engine.dispose()  # connections opened while creating the table get the setting too

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The events not yet stored, each user message without its sentence embedding (module docstring)."""
        for new in super()._additional_events(session, tracker):
            if isinstance(new, UserUttered):
                new.parse_data.pop(SENTENCE_VECTOR, None)
            yield new


__all__ = ["ConversationStore"]

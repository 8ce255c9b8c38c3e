"""The conversation store keeps what was said, never the NLU's embedding of it (assistant/tracker/store.py)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import numpy as np
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, select

from assistant.knowledge.sentence_model import SENTENCE_VECTOR, vector_to_text
from assistant.tracker.retention import EVENTS
from assistant.tracker.store import ConversationStore


def _stored_rows(url: str) -> list:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return [json.loads(d) for (d,) in connection.execute(select(EVENTS.c.data).order_by(EVENTS.c.id)).all()]
    finally:
        engine.dispose()


def test_a_message_is_stored_without_its_sentence_embedding(store_url: str) -> None:
    if store_url.startswith("sqlite:///"):
        Path(store_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    vector = vector_to_text(np.ones(384, dtype=np.float32) / np.sqrt(384))
    said = UserUttered(
        "who chairs a cin review",
        intent={"name": "ask_chairing", "confidence": 0.9},
        parse_data={"intent": {"name": "ask_chairing", "confidence": 0.9}, SENTENCE_VECTOR: vector},
        timestamp=1.0,
    )
    tracker = DialogueStateTracker.from_events(
        "w1", [ActionExecuted("action_listen", timestamp=0.5), said, BotUttered("the chair is ...", timestamp=2.0)]
    )
    store = ConversationStore(Domain.empty(), host=store_url)
    asyncio.run(store.save(tracker))

    rows = _stored_rows(store_url)
    user = [r for r in rows if r["event"] == "user"]
    assert [r["text"] for r in user] == ["who chairs a cin review"]  # the message itself is kept
    assert user[0]["parse_data"]["intent"]["name"] == "ask_chairing"
    assert all(SENTENCE_VECTOR not in json.dumps(r) for r in rows)

    again = asyncio.run(store.retrieve("w1"))
    assert again is not None and again.latest_message.text == "who chairs a cin review"

"""When the assistant does not understand: offer the closest topics, not a dead end."""

from __future__ import annotations

from typing import List

from assistant.conversation.reply import Reply
from assistant.knowledge.answers import classify
from assistant.knowledge.topics import default_topics

MAX_SUGGESTIONS = 3
MIN_SCORE = 0.5  # a topic sharing less than this with the message is not worth offering


def closest_topics(text: str, limit: int = MAX_SUGGESTIONS) -> List[dict]:
    """Topics whose words the message shares, best first: ``{"topic", "title"}``."""
    taxonomy = default_topics()
    ranked = [(t, s) for t, s in classify(text) if s >= MIN_SCORE][:limit]
    return [{"topic": t, "title": taxonomy.get(t).title} for t, _ in ranked]


def not_understood(text: str) -> Reply:
    """The clarifying reply: what it might be about, or what can be asked."""
    suggestions = closest_topics(text)
    if suggestions:
        titles = "; ".join(s["title"] for s in suggestions)
        message = (
            "Sorry, I'm not sure what you're asking. Did you mean one of these: "
            f"{titles}? Ask about one of them, or say \"what can you do?\"."
        )
    else:
        message = (
            "Sorry, I didn't understand that. Could you put it another way? You can ask about "
            "CIN procedure (\"how often should I visit?\") or your caseload (\"what's due this week?\"), "
            "or say \"what can you do?\"."
        )
    return Reply(message, {"type": "clarify", "reason": "not_understood", "suggestions": suggestions})

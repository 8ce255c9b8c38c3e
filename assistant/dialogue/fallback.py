"""When the assistant does not understand: offer the closest topics, not a dead end.

Before offering, one second opinion: the NLU falls back when its best intent
is under the confidence threshold or too close to the runner-up, yet that
best guess is often right. When it and the runner-up are procedure topics
and the guidance index's own topic match for the words (:func:`assistant.knowledge.answering.classify`,
keyword and cue based, trained on nothing the NLU saw) names the same topic,
two independent readings agree, and the worker gets that topic's cited
answer, introduced as a best guess, instead of a question back.
"""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional, Sequence

from assistant.dialogue.intents import FALLBACK_INTENT
from assistant.dialogue.procedure import answer_procedure, topic_for_intent
from assistant.dialogue.reply import Reply
from assistant.knowledge.answering import classify
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
            f'{titles}? Ask about one of them, or say "what can you do?".'
        )
    else:
        message = (
            "Sorry, I didn't understand that. Could you put it another way? You can ask about "
            'CIN procedure ("how often should I visit?") or your caseload ("what\'s due this week?"), '
            'or say "what can you do?".'
        )
    return Reply(message, {"type": "clarify", "reason": "not_understood", "suggestions": suggestions})


def agreed_topic(text: str, ranking: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """The procedure topic both readings pick for a message the NLU fell back on, or None.

    ``ranking``: the NLU's intent ranking for the message (Rasa's
    ``intent_ranking``, best first; the fallback intent itself is skipped).
    The NLU's runner-up must be a procedure topic too: "whats open for c99"
    (best guess drift and oversight, runner-up a child's summary) is about a
    child, and the guidance index, which knows only procedure topics, cannot
    tell the two kinds of question apart.
    """
    guesses = [str(r.get("name") or "") for r in ranking if r.get("name") != FALLBACK_INTENT]
    topic = topic_for_intent(guesses[0]) if guesses else None
    if topic is None or (len(guesses) > 1 and topic_for_intent(guesses[1]) is None):
        return None  # the index knows only procedure topics: it cannot vouch against a caseload runner-up
    matched = [t for t, score in classify(text) if score >= MIN_SCORE][:1]
    return topic if matched == [topic] else None


def not_sure(
    text: str, ranking: Sequence[Mapping[str, Any]], named: Iterable[Optional[str]] = (), home: Optional[str] = None
) -> Reply:
    """The reply to a message the NLU fell back on: the agreed topic's answer, else :func:`not_understood`."""
    topic = agreed_topic(text, ranking)
    if topic is None:
        return not_understood(text)
    reply = answer_procedure(topic, text, named, home)
    title = default_topics().get(topic).title
    return Reply(f'I think you\'re asking about "{title}". {reply.text}', {**reply.payload, "best_guess": True})

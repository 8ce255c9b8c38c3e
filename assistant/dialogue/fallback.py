"""When the NLU is unsure: answer from the guidance if a passage answers, else offer the closest topics.

The NLU falls back when its best intent is under the confidence threshold or
too close to the runner-up. The message may still be a procedure question the
guidance answers (disagreements between agencies, moving between teams, what
to do between meetings): the passages are ranked for the question itself, and
the worker gets the cited answer (``best_guess`` in the payload) unless no
passage answers well. Otherwise, or when nothing answers, the closest topics,
never a dead end. A message with a caseload question among the NLU's two best
guesses is left alone (after the caseload rescue in the action): the guidance
cannot vouch that a message is not about a child.
"""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional, Sequence

from assistant.dialogue.intents import CASELOAD, FALLBACK_INTENT, message_kind
from assistant.dialogue.procedure import answer_procedure, topic_for_intent, topic_prior
from assistant.dialogue.reply import Reply, out_of_scope
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


def procedure_guess(ranking: Sequence[Mapping[str, Any]]) -> bool:
    """The NLU leans to a procedure question: its best guess (the fallback itself skipped) is a procedure
    topic and the procedure topics together outweigh every other kind of message it considered."""
    guesses = [r for r in ranking if r.get("name") != FALLBACK_INTENT]
    if not guesses or topic_for_intent(str(guesses[0].get("name") or "")) is None:
        return False
    procedure = sum(float(r.get("confidence") or 0.0) for r in guesses if topic_for_intent(str(r.get("name") or "")))
    other = sum(float(r.get("confidence") or 0.0) for r in guesses) - procedure
    return procedure > other


def _caseload_guess(ranking: Sequence[Mapping[str, Any]]) -> bool:
    """A caseload question among the NLU's two best guesses (the fallback itself skipped)."""
    guesses = [str(r.get("name") or "") for r in ranking if r.get("name") != FALLBACK_INTENT][:2]
    return any(message_kind(g) == CASELOAD for g in guesses)


def _outside_guess(ranking: Sequence[Mapping[str, Any]]) -> bool:
    """The NLU's two best guesses (the fallback skipped) are out of scope and small talk: nothing of the work
    ("how do you say 'how are you feeling' in Romanian")."""
    guesses = [str(r.get("name") or "") for r in ranking if r.get("name") != FALLBACK_INTENT][:2]
    return "out_of_scope" in guesses and set(guesses) <= {"out_of_scope", "chitchat"}


def not_sure(
    text: str,
    ranking: Sequence[Mapping[str, Any]],
    named: Iterable[Optional[str]] = (),
    home: Optional[str] = None,
    sentence_vector: object = None,
) -> Reply:
    """The reply to a message the NLU fell back on: the guidance's answer, else :func:`not_understood`.

    ``sentence_vector``: the NLU's embedding of ``text`` from the parse data (saves running the model again).
    """
    if ranking and _outside_guess(ranking):
        return out_of_scope()  # said plainly, not "did you mean" the closest topics of the guidance
    if not ranking or (not procedure_guess(ranking) and _caseload_guess(ranking)):
        return not_understood(text)  # the dialogue's own fallback; or it may be about a child, which no passage knows
    reply = answer_procedure(text, named, home, topic_prior(ranking), sentence_vector)
    if reply.payload.get("abstained"):
        return not_understood(text)
    return Reply(reply.text, {**reply.payload, "best_guess": True})

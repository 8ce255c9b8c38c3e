"""The worker's hold on the conversation: start again at any time, and leave a form by asking something else.

"Start again", "restart", "new question" clear the conversation wherever it
is, a form included. Inside a form (recording a visit, the quiz) a message that
is clearly another request (a procedure question, a caseload question, a
request the assistant must decline) is answered, and the form is put aside
with one line saying so: the worker is never trapped answering "which child?"
to a question about their week.
"""

from __future__ import annotations

import re
from typing import Optional

from assistant.dialogue.intents import CASELOAD, PROCEDURE, message_kind
from assistant.dialogue.reply import Reply

_RESTART = re.compile(
    r"^\W*(?:(?:ok|okay|right|please|pls|sorry|no|actually|can we|let's|lets|can you|could you|i want to|i'd like to)"
    r"[\s,]+)*"
    r"(?:(?:start|begin) (?:again|over|afresh|from scratch)|restart|reset|new (?:question|conversation|chat|topic)|"
    r"from the top|"
    r"clear (?:the |this )?(?:chat|conversation|screen)|forget (?:it|that|this|all that)|scrap (?:that|this)|"
    r"start a new (?:question|conversation|chat))"
    r"(?:\s+(?:please|pls|thanks|the conversation|the chat|everything))*\W*$",
    re.IGNORECASE,
)
#: How sure the NLU must be that a message inside a form is a question of another kind.
SURE_ELSEWHERE = 0.5
#: Intents that are requests of their own wherever they come (not an answer to a form's question).
OWN_REQUESTS = frozenset({"help", "start_quiz", "start_induction"})


def wants_restart(text: str) -> bool:
    """The worker asked to start the conversation again ("start again", "new question", "restart please")."""
    return bool(_RESTART.match(" ".join(text.split())))


#: A message put as a question of its own, not as the answer to a form's question.
_ASKS = re.compile(
    r"^\W*(?:what|whats|what's|when|whens|when's|who|how|which|where|why|is|are|do|does|can|could|should|have|"
    r"has|any|anything|show|list|tell)\b",
    re.IGNORECASE,
)
#: A question about work due ("what visits do I need to do by Friday"), which can read like a visit to record.
_ASKS_WHAT_IS_DUE = re.compile(
    r"^(?:(?:right|ok|okay|so|hi|hey|um|erm|and|morning|afternoon)\W+)*"
    r"(?:what|which|when|any|anything|have i|do i|how many|show|list|are there|is there)\b[^.?!]*"
    r"\b(?:due|overdue|need to|got|coming up|missed|left|outstanding|this week|next week|today|tomorrow|by|before)\b",
    re.IGNORECASE,
)


def put_as_question(text: str) -> bool:
    """The message starts as a question does ("what's due this week?"), not as an answer would."""
    return bool(_ASKS.match(text))


def asks_what_is_due(text: str) -> bool:
    """A question about work due, which the NLU may take for a visit to record."""
    return bool(_ASKS_WHAT_IS_DUE.search(" ".join(text.split())))


def asks_for_the_next(text: str) -> bool:
    """A question about the next item of a type ("millie nxt visit?", "when's Leo's next review"), which the NLU
    may take for a visit to record or a step of the walk-through: never a request to write anything."""
    said = " ".join(text.split())
    return bool(_NEXT_ITEM.search(said)) and not _WRITE_WORDS.search(said)


_NEXT_ITEM = re.compile(
    r"\b(?:next|nxt|upcoming)\s+(?:cin\s+|home\s+|case\s+)?"
    r"(?:visits?|reviews?|reveiws?|meetings?|plans?|assessments?|supervisions?|summary|summaries|oversight)\b",
    re.IGNORECASE,
)
_WRITE_WORDS = re.compile(r"\b(?:record|log|add|enter|put|note|book|write|save)\b", re.IGNORECASE)


def restarted() -> Reply:
    return Reply(
        "OK, starting afresh: nothing from before carries over. What would you like to ask?",
        {"type": "smalltalk", "status": "restarted"},
    )


def elsewhere(intent: Optional[str], confidence: float) -> bool:
    """The NLU is sure enough that a message is a question of its own, not an answer to the form's question."""
    if intent in OWN_REQUESTS:
        return confidence >= SURE_ELSEWHERE
    return message_kind(intent) in (PROCEDURE, CASELOAD) and intent != "record_visit" and confidence >= SURE_ELSEWHERE


def visit_set_aside(child: Optional[str]) -> str:
    whose = f" to {child}" if child else ""
    return f'(I\'ve stopped recording the visit{whose}: nothing was saved. Say "record a visit" to start it again.)'


def quiz_set_aside(score: int, asked: int) -> str:
    return f'(I\'ve stopped the quiz at {score} out of {asked}. Say "quiz me" to start a new one.)'


def with_note(reply: Reply, note: str, **payload: object) -> Reply:
    """The reply to the other request, then the one line about the form put aside."""
    return Reply(f"{reply.text}\n{note}", {**reply.payload, **payload})


__all__ = [
    "OWN_REQUESTS",
    "SURE_ELSEWHERE",
    "asks_for_the_next",
    "asks_what_is_due",
    "elsewhere",
    "put_as_question",
    "quiz_set_aside",
    "restarted",
    "visit_set_aside",
    "wants_restart",
    "with_note",
]

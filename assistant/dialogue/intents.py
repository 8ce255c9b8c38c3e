"""The conversation's intents and what each asks for: one table, checked against domain.yml by a test.

The actions map a caseload intent to a query kind with :data:`KIND_OF_INTENT`;
degraded mode (the action server down) knows which intents need the case
records; the evaluation scores the same kinds.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

#: Caseload intents (docs/conversation.md) and the query kind each asks.
KIND_OF_INTENT: Dict[str, str] = {
    "due_items": "due",
    "overdue_items": "overdue",
    "child_next_item": "next",
    "child_summary": "child_summary",
    "caseload_overview": "caseload",
    "team_due": "team_due",
    "team_overdue": "team_overdue",
}
KINDS: Tuple[str, ...] = ("due", "overdue", "team_due", "team_overdue", "next", "child_summary", "caseload")
LIST_KINDS: Tuple[str, ...] = ("due", "overdue", "team_due", "team_overdue")  # lists of items, over a window
TEAM_KINDS: Tuple[str, ...] = ("team_due", "team_overdue")  # managers only
CHILD_KINDS: Tuple[str, ...] = ("next", "child_summary")  # these need a child
#: The caseload requests: a question about the records, or a visit to record.
CASELOAD_INTENTS: FrozenSet[str] = frozenset(KIND_OF_INTENT) | {"record_visit"}
#: Intents whose answer needs the case records (the visit form and follow-ups too).
CASE_RECORD_INTENTS: FrozenSet[str] = frozenset(KIND_OF_INTENT) | {"record_visit", "inform"}
PROCEDURE_PREFIX = "ask_"  # ask_<topic id>: one intent per topic in knowledge/topics.yml
FALLBACK_INTENT = "nlu_fallback"
#: Intents that mean "not sure what this is": a second opinion, else the closest topics.
NOT_SURE_INTENTS: FrozenSet[str] = frozenset({FALLBACK_INTENT, "out_of_scope"})

#: The kinds of message, which decide the room that answers: the guidance, the case records, the
#: conversation itself (greetings, help, the forms' answers), or something outside both.
PROCEDURE, CASELOAD, CONVERSATION, OTHER = "procedure", "caseload", "conversation", "other"
MESSAGE_KINDS: Tuple[str, ...] = (PROCEDURE, CASELOAD, CONVERSATION, OTHER)
_OTHER_INTENTS: FrozenSet[str] = frozenset({"out_of_scope", "chitchat"})


def kind_of(intent: Optional[str]) -> str:
    """The query kind a caseload intent asks ("due" for anything else: the commonest question)."""
    return KIND_OF_INTENT.get(intent or "", "due")


def message_kind(intent: Optional[str]) -> str:
    """The kind of message an intent is (:data:`MESSAGE_KINDS`); an intent not listed is conversation."""
    name = intent or ""
    if name.startswith(PROCEDURE_PREFIX):
        return PROCEDURE
    if name in CASELOAD_INTENTS:
        return CASELOAD
    return OTHER if name in _OTHER_INTENTS else CONVERSATION


def follow_up_kind(last_kind: str, child_named: bool, item_type_named: bool) -> str:
    """The kind a follow-up ("and Amelia?", "and her next visit?") asks, from the last question's kind.

    A child named after a list narrows it to that child: their next item of a
    type if one is named, else everything open for them. A type named after a
    question about a child asks for that child's next item of the type.
    """
    if last_kind in LIST_KINDS and child_named:
        return "next" if item_type_named else "child_summary"
    if last_kind in CHILD_KINDS and item_type_named and not child_named:
        return "next"
    return last_kind


__all__ = [
    "CASELOAD",
    "CASELOAD_INTENTS",
    "CASE_RECORD_INTENTS",
    "CONVERSATION",
    "MESSAGE_KINDS",
    "OTHER",
    "PROCEDURE",
    "CHILD_KINDS",
    "FALLBACK_INTENT",
    "KINDS",
    "KIND_OF_INTENT",
    "LIST_KINDS",
    "NOT_SURE_INTENTS",
    "PROCEDURE_PREFIX",
    "TEAM_KINDS",
    "follow_up_kind",
    "kind_of",
    "message_kind",
]

"""One reply to the chat: the words a worker reads or hears, and the payload a page renders.

Kept apart from Rasa so the domain code can be tested on its own; the action
sends ``text`` as the message and ``payload`` as the ``custom`` message
(docs/conversation.md, "The reply contract").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional


@dataclass(frozen=True)
class Reply:
    """Text plus a payload whose ``type`` says which kind of reply it is."""

    text: str
    payload: Dict[str, Any]

    def __post_init__(self) -> None:
        if "type" not in self.payload:  # the page dispatches on it: a reply without one is a bug
            raise ValueError("a reply payload needs a 'type'")

    @property
    def type(self) -> str:
        return str(self.payload["type"])

    @property
    def reason(self) -> Optional[str]:
        """The clarify/refusal reason, if any."""
        reason = self.payload.get("reason")
        return None if reason is None else str(reason)


def refusal(reason: str, text: str, **extra: Any) -> Reply:
    """Not allowed or not possible (docs/conversation.md: not_a_manager, child_not_found, ...)."""
    return Reply(text, {"type": "refusal", "reason": reason, **extra})


def clarify(reason: str, text: str, **extra: Any) -> Reply:
    """The assistant needs more from the worker before it can answer."""
    return Reply(text, {"type": "clarify", "reason": reason, **extra})


#: What the assistant can do, said after each refusal so the worker has somewhere to go.
WHAT_I_CAN = (
    'I can answer CIN procedure questions from your council\'s guidance ("how often should I visit?") and '
    'questions about your own caseload ("what\'s due this week?"), and record a visit.'
)


def out_of_scope() -> Reply:
    """Outside both rooms (procedure and caseload): said kindly, with what the assistant can do."""
    return refusal("out_of_scope", f"That's outside what I can help with, sorry. {WHAT_I_CAN}")

"""The one reply for "the case records are out of reach", wherever that is found out.

The actions send it when a case-store call fails; the Rasa server's degraded
mode (:mod:`assistant.channels.degraded`) sends it when the action server
itself is down. One wording and one payload, so the page and the tests see the
same thing whichever part failed.
"""

from __future__ import annotations

from assistant.dialogue.reply import Reply

CANT_REACH = Reply(
    "I can't reach the case records just now, so I can't answer caseload questions. "
    "Procedure questions still work. Please try again in a minute.",
    {"type": "refusal", "reason": "case_store_unavailable"},
)

__all__ = ["CANT_REACH"]

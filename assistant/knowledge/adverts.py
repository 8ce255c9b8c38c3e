"""Where a vendor explainer's closing advert starts, so that it is never a passage.

Vendor explainers end with promotional material that is not guidance. A
*call to action* — a short line starting "Try free…", "Start your free…", "Free trial",
"Book a demo", "Request a demo", "Sign up now/today", "Buy now", "Subscribe now", "Get
started now/today/free" or "Download our app" — marks it. The advert begins at the heading
of the section holding the call to action; when the call to action is itself a heading
or button line with no text of its own, it begins at the heading just before it (if that
section is short: at most 3 blocks / 80 words). Everything from there to the end of the
document is left out. A document can also name where to stop explicitly with
``exclude_from`` phrases (a heading or the start of a paragraph) in its sidecar, in
``DocumentMeta`` or in ``knowledge/sources/exclusions.yml``
(``documents: {<file>: {exclude_from: [<phrase>, ...]}}``).
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from assistant.knowledge.line_patterns import words
from assistant.knowledge.passages import collapse_ws
from assistant.knowledge.sections import Section

CALL_TO_ACTION = re.compile(
    r"^\W*(try\s+(it\s+|us\s+)?(now\s+|today\s+)?(for\s+)?free\b|start\s+(your\s+)?free\b|free\s+trial\b"
    r"|book\s+(a|your)\s+(free\s+)?demo\b|request\s+a\s+demo\b|sign\s+up\s+(now|today|free|for\s+free)\b"
    r"|buy\s+now\b|subscribe\s+(now|today)\b|get\s+started\s+(now|today|free|for\s+free)\b"
    r"|download\s+(the|our)\s+app\b)",
    re.I,
)


def advert_start(sections: Sequence[Section], exclude_from: Sequence[str]) -> Optional[int]:
    """Index of the first section of a trailing advert, if the document has one."""
    phrases = [collapse_ws(p).lower() for p in exclude_from if collapse_ws(p)]
    for k, section in enumerate(sections):
        texts = [section.heading] + [b.text for b in section.blocks[:1]]
        if any(t.lower().startswith(p) or t.lower() == p for t in texts if t for p in phrases):
            return k
    for k, section in enumerate(sections):
        cta_heading = bool(CALL_TO_ACTION.match(section.heading or ""))
        cta_blocks = [b for b in section.blocks if words(b.text) <= 15 and CALL_TO_ACTION.match(b.text)]
        if not (cta_heading or cta_blocks):
            continue
        own_text = [b for b in section.blocks if b not in cta_blocks]
        if not own_text and k > 0:
            prev = sections[k - 1]
            if prev.blocks and len(prev.blocks) <= 3 and sum(words(b.text) for b in prev.blocks) <= 80:
                return k - 1
        return k
    return None


__all__ = ["CALL_TO_ACTION", "advert_start"]

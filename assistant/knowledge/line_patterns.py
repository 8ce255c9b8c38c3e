"""What a line of guidance is: a numbered section or clause, a bullet, a heading, a page number, a bare link.

Every reader (and the plain-text sectioniser above all) asks these questions of
a line; the passage maker counts :func:`words` and cuts ids with :func:`slug`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from assistant.knowledge.passages import collapse_ws

_TERMINAL = ".:;,"  # a heading may end with "?" (Practice Matters), not with these
_WORD = re.compile(r"[A-Za-z0-9][\w'’/-]*")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[•·▪◦‣●■□➢➤\-\*–]|o(?= ))\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.[ ]?\d{1,2}){0,3})(?P<dot>\.)?(?:\s+|(?=[A-Z“\"‘']))(?P<rest>\S.*)$")
BARE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
LINK_ONLY = re.compile(r"^(?:\[[^\]]*\]\([^)]*\)\s*)+$|^(?:https?://|www\.)\S+$")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def heading_like(text: str, *, max_words: int = 12) -> bool:
    """A short line with no closing punctuation that does not start lower-case."""
    t = collapse_ws(text)
    if not t or not re.search(r"[A-Za-z]", t):
        return False
    if t[0].islower() or t[-1] in _TERMINAL or len(t) > 100:
        return False
    if re.search(r"[.!?]\s+[A-Z]", t):  # two sentences
        return False
    return words(t) <= max_words


@dataclass(frozen=True)
class Numbered:
    number: str  # normalised: "13.1"
    rest: str
    is_heading: bool


def parse_numbered(line: str) -> Optional[Numbered]:
    """'9.2  The plan ...' -> clause 9.2 with body; '1. Introduction' -> heading 1."""
    m = _NUMBERED.match(line.strip())
    if not m:
        return None
    number = m.group("num").replace(" ", "")
    rest = collapse_ws(m.group("rest"))
    if not rest or rest[0].islower() or not re.search(r"[A-Za-z]", rest):
        return None
    dotted = "." in number
    top = int(number.split(".")[0])
    if top == 0 or top > 60:
        return None
    n_words = words(rest)
    short = n_words <= 12 and len(rest) <= 100 and not re.search(r"[.!?]\s+[A-Z]", rest)
    end = rest[-1]
    if dotted:
        is_heading = short and end not in _TERMINAL
    else:
        is_heading = short and (end not in _TERMINAL or (end in ".:" and n_words <= 6))
    if not dotted and not m.group("dot") and not is_heading:
        return None  # "2 Social workers will ..." is a sentence, not a section
    return Numbered(number, rest, is_heading)


def parse_bullet(line: str) -> Optional[Tuple[str, str]]:
    """(text without marker, raw text) for a bullet line, else None."""
    m = _BULLET.match(line)
    if not m:
        return None
    return collapse_ws(m.group("text")), collapse_ws(m.group("marker") + " " + m.group("text"))


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", collapse_ws(text).lower()).strip("-")
    return s[:limit].rstrip("-") or "section"


__all__ = ["BARE_NUMBER", "LINK_ONLY", "Numbered", "heading_like", "parse_bullet", "parse_numbered", "slug", "words"]

"""Guidance text into sentences: each a substring of the (whitespace-collapsed) text, abbreviations kept whole."""

from __future__ import annotations

import re
from typing import List

_SENTENCE_END = re.compile(r"[.!?][\"”’)\]*]*\s+")
_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "no",
    "st",
    "cf",
    "vs",
    "approx",
    "para",
    "paras",
    "s",
    "ss",
    "ch",
    "sec",
    "fig",
    "ref",
    "op",
    "viz",
    "al",
}


def split_sentences(text: str) -> List[str]:
    """Sentences of whitespace-collapsed ``text``; each is a substring of it."""
    out: List[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        nxt = text[m.end() : m.end() + 2]
        if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "“\"‘'([*"):
            continue
        before = text[start : m.start()].rsplit(" ", 1)[-1].lstrip("([“\"'‘").lower()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


__all__ = ["split_sentences"]

"""Which option a worker meant in the quiz: a letter, a number, "the second one", the option's words, a
duration that means the same ("fifteen working days"), or a near miss of them."""

from __future__ import annotations

import difflib
import re
from typing import List, Optional, Sequence, Tuple

from assistant.domain.durations import (
    Duration,
    DurationError,
    parse_duration,
    parse_number,
)
from assistant.domain.patterns import pattern

LETTERS = "abcd"
FUZZY_CUTOFF = 0.75  # difflib ratio for "15 workin days" to still mean "15 working days"

_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_FILLER = {
    "i",
    "think",
    "id",
    "say",
    "its",
    "it",
    "is",
    "the",
    "answer",
    "option",
    "letter",
    "number",
    "choice",
    "please",
    "maybe",
    "go",
    "with",
    "ill",
    "pick",
    "choose",
    "my",
    "guess",
    "im",
    "sure",
    "hmm",
    "um",
    "er",
    "erm",
    "ok",
    "okay",
    "so",
    "that",
    "be",
    "would",
    "guessing",
    "going",
    "for",
}


def duration_value(d: Duration) -> Tuple[str, int]:
    """A duration's length for matching what a worker says: weeks as days, years already months."""
    if d.unit == "weeks":
        return ("days", d.amount * 7)
    return (d.unit, d.amount)


def plain_words(text: str) -> List[str]:
    text = text.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    return re.findall(r"[a-z0-9]+", text)


def _as_duration(words: Sequence[str]) -> Optional[Tuple[str, int]]:
    """The longest run of words that reads as a duration ("i think fifteen working days")."""
    for size in range(min(len(words), 6), 0, -1):
        for start in range(len(words) - size + 1):
            span = " ".join(words[start : start + size])
            try:
                return duration_value(parse_duration(span))
            except DurationError:
                continue
    return None


def parse_choice(text: str, options: Sequence[str]) -> Optional[int]:
    """Which option (0-based) the worker meant, or None when it is not clear.

    Accepts "b", "B", "option b", "2", "option two", "the second one", "last
    one", the option's words ("15 working days", "fifteen working days",
    "every 2 months" for "every two months") and near misses of them.
    """
    n = len(options)
    words = plain_words(text)
    if not words:
        return None
    core = [w for w in words if w not in _FILLER]
    if len(core) == 2 and core[1] == "one" and (core[0] in _ORDINALS or core[0] == "last"):
        core = core[:1]  # "the second one"
    if len(core) == 1:
        w = core[0]
        index: Optional[int] = None
        if len(w) == 1 and w in LETTERS:
            index = LETTERS.index(w)
        elif w in _ORDINALS:
            index = _ORDINALS[w] - 1
        elif w == "last":
            index = n - 1
        else:
            number = parse_number(w)
            if number is not None:
                index = number - 1
        if index is not None:
            return index if 0 <= index < n else None
    # the option's own words
    wanted = " ".join(words)
    normalised = [" ".join(plain_words(o)) for o in options]
    exact = [i for i, o in enumerate(normalised) if o == wanted or pattern(rf"\b{re.escape(o)}\b").search(wanted)]
    if len(exact) == 1:
        return exact[0]
    said = _as_duration(words)
    if said is not None:
        same = [i for i, o in enumerate(options) if duration_value(parse_duration(o)) == said]
        if len(same) == 1:
            return same[0]
    scores = [difflib.SequenceMatcher(None, wanted, o).ratio() for o in normalised]
    best = max(range(n), key=lambda i: scores[i])
    if scores[best] >= FUZZY_CUTOFF and sum(1 for s in scores if s >= scores[best] - 0.05) == 1:
        return best
    return None

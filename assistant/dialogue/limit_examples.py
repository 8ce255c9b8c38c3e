"""Requests the assistant must decline, in workers' words, for the NLU to learn what they mean.

The limits' word patterns (:mod:`assistant.dialogue.limits`) catch the ways of
asking their authors thought of; a worker describing a child in danger, or
asking for a record to be put right, in words nobody wrote a pattern for got
an answer dressed as something else. So the NLU also learns the five kinds
that need no case data (a child in danger now, legal advice, changing records,
completing items in bulk, writing text for the worker) from their meaning: a
logistic regression over the message's sentence embedding, trained on the
examples in ``knowledge/limit_examples.yml`` (written apart from the
evaluation sets, from a description of the kinds alone) with every NLU
training sentence and every passage question as requests it must answer.
Its guess travels in the parse data (:data:`LIMIT_KEY`); the limits act on it
only when it is sure and the same guards as the patterns' let it through, and
the patterns stay as the floor.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any, List, Mapping, Optional, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR

EXAMPLES_FILE = KNOWLEDGE_DIR / "limit_examples.yml"
LIMIT_KEY = "limit_kind"  # the parse data's {"name": kind, "confidence": p}
ALLOWED = "allowed"
LEARNED_KINDS = ("emergency", "legal", "change_records", "bulk_complete", "compose_text")


@lru_cache(maxsize=2)
def limit_examples(path: Path = EXAMPLES_FILE) -> Tuple[Tuple[str, str], ...]:
    """(text, kind or ``allowed``) for every example in the file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: List[Tuple[str, str]] = []
    for kind in (*LEARNED_KINDS, ALLOWED):
        out += [(" ".join(str(text).split()), kind) for text in raw.get(kind) or () if str(text).strip()]
    return tuple(out)


def learned_limit(parse_data: Mapping[str, Any]) -> Optional[Tuple[str, float]]:
    """The NLU's guess of a kind to decline, as (kind, confidence); None when it guessed none or sent nothing."""
    guess = parse_data.get(LIMIT_KEY)
    if not isinstance(guess, Mapping):
        return None
    kind, confidence = guess.get("name"), guess.get("confidence")
    if kind not in LEARNED_KINDS or not isinstance(confidence, (int, float)) or not math.isfinite(confidence):
        return None
    return str(kind), float(confidence)


__all__ = ["ALLOWED", "EXAMPLES_FILE", "LEARNED_KINDS", "LIMIT_KEY", "learned_limit", "limit_examples"]

"""Caseload requests in workers' own words, for the NLU to learn which request a message is.

The intent classifier learns the caseload requests from a few hundred
sentences annotated with their children, item types and windows; a request
worded unlike them ("what's looming for me", "Kai review?") went to the wrong
request, and the rules over its words only caught the wordings their authors
thought of. Examples without entity annotations would teach the intent
classifier to find no entities, so they teach a separate model instead: a
logistic regression over the message's sentence embedding, trained on every
caseload training sentence and on the examples in
``knowledge/caseload_examples.yml`` (written by a helper from a description of
the requests alone, never the code, the training data or the evaluation sets),
which re-shares the caseload intents' confidence (:func:`assistant.nlu.message_kinds.reweigh_within`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import List, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR
from assistant.dialogue.intents import KIND_OF_INTENT

EXAMPLES_FILE = KNOWLEDGE_DIR / "caseload_examples.yml"
#: The intent each request kind of the examples file is ("due" -> due_items, "record_visit" -> itself).
INTENT_OF_KIND = {**{kind: intent for intent, kind in KIND_OF_INTENT.items()}, "record_visit": "record_visit"}


@lru_cache(maxsize=2)
def caseload_examples(path: Path = EXAMPLES_FILE) -> Tuple[Tuple[str, str], ...]:
    """(text, intent) for every example in the file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: List[Tuple[str, str]] = []
    for kind, intent in INTENT_OF_KIND.items():
        out += [(" ".join(str(text).split()), intent) for text in raw.get(kind) or () if str(text).strip()]
    return tuple(out)


__all__ = ["EXAMPLES_FILE", "INTENT_OF_KIND", "caseload_examples"]

"""Questions each shipped passage answers, written for the search index (knowledge/passage_questions.yml).

Workers rarely ask in the guidance's words ("who takes the minutes" for "all
present would take their own notes"), so each passage of the shipped corpus
carries a few questions a practitioner would ask of it, written apart from
the evaluation sets from the guidance alone. The ranker compares a question
with them as well as with the passage. Each entry names its passage by id and
the opening words of its text: an entry whose id has moved (a passage before it
merged) still finds its passage by those words, and one whose passage has
changed is ignored rather than attached to the wrong words. A new council's document has none.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, Sequence, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR
from assistant.knowledge.passages import Passage, collapse_ws, display_text

QUESTIONS_FILE = KNOWLEDGE_DIR / "passage_questions.yml"
# Questions a worker might ask that the shipped guidance does not answer, also written apart from the
# evaluation sets: what the abstention learns "not covered" from (answering/abstention.py).
UNANSWERED_FILE = KNOWLEDGE_DIR / "unanswered_questions.yml"
OPENING_CHARS = 40


def opening(p: Passage) -> str:
    """The words an entry uses to recognise its passage."""
    return collapse_ws(display_text(p.text))[:OPENING_CHARS]


@lru_cache(maxsize=4)
def _entries(path: Path, mtime: float) -> Dict[str, Tuple[str, Tuple[str, ...]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {
        str(e["id"]): (str(e.get("opening", "")), tuple(str(q) for q in e.get("questions") or ()))
        for e in raw
        if isinstance(e, dict) and e.get("id")
    }


def passage_questions(passages: Sequence[Passage], path: Path = QUESTIONS_FILE) -> Dict[str, Tuple[str, ...]]:
    """Passage id -> the questions written for it, for the passages whose words are still the same."""
    if not path.exists():
        return {}
    entries = _entries(path, path.stat().st_mtime)
    by_opening: Dict[Tuple[str, str], Tuple[str, ...]] = {}
    for key, (start, questions) in entries.items():
        by_opening.setdefault((key.split("/", 1)[0], start), questions)
    out: Dict[str, Tuple[str, ...]] = {}
    for p in passages:
        entry = entries.get(p.id)
        if entry is not None and entry[0] == opening(p) and entry[1]:
            out[p.id] = entry[1]
        elif (p.authority, opening(p)) in by_opening:  # the same words under a new id (a passage before it merged)
            out[p.id] = by_opening[(p.authority, opening(p))]
    return out


def all_questions(path: Path = QUESTIONS_FILE) -> Tuple[str, ...]:
    """Every question written, whatever its passage: examples of how workers ask about procedure."""
    if not path.exists():
        return ()
    return tuple(q for _, questions in _entries(path, path.stat().st_mtime).values() for q in questions)


@lru_cache(maxsize=4)
def _unanswered(path: Path, mtime: float) -> Tuple[Tuple[str, str], ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return tuple((str(e["council"]), str(e["question"])) for e in raw if isinstance(e, dict) and e.get("question"))


def unanswered_questions(path: Path = UNANSWERED_FILE) -> Tuple[Tuple[str, str], ...]:
    """(council, question) for every question written that the council's guidance and the England guide leave
    unanswered."""
    if not path.exists():
        return ()
    return _unanswered(path, path.stat().st_mtime)


__all__ = [
    "OPENING_CHARS",
    "QUESTIONS_FILE",
    "UNANSWERED_FILE",
    "all_questions",
    "opening",
    "passage_questions",
    "unanswered_questions",
]

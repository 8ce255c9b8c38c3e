"""The guidance's passages as sentence embeddings, computed once and kept beside the knowledge index.

Each passage gets one vector for its heading and text, and one per sentence or
list item (a long list's best item should match a question about that item);
the questions written for a passage (knowledge/passage_questions.yml) get one
each. Vectors are cached in ``var/knowledge/embeddings.npz`` by a hash of the
text they were computed from, so re-ingesting a changed document re-embeds
only what changed, and a new council's document is embedded when first used.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

from assistant.config import VAR_DIR, private_file
from assistant.knowledge.passages import Passage, display_text
from assistant.knowledge.sentence_model import DIMENSIONS, embed

CACHE = VAR_DIR / "knowledge" / "embeddings.npz"
_ITEM_SPLIT = re.compile(r"\s(?:[-•·▪o]|\(\w\))\s")  # list markers inside a lead-in passage
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")


def passage_text(p: Passage) -> str:
    """What a passage's vector is computed from: its heading as context, then its words as shown."""
    heading = display_text(p.heading)
    text = display_text(p.text)
    return f"{heading}. {text}" if heading and heading not in text else text


def parts_of(p: Passage) -> List[str]:
    """A passage's sentences and list items (at least three words each), for the best-part match."""
    parts: List[str] = []
    for sentence in _SENTENCE_SPLIT.split(display_text(p.text)):
        parts.extend(x.strip() for x in _ITEM_SPLIT.split(sentence) if len(x.split()) >= 3)
    return parts or [display_text(p.text)]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


_LOCK = threading.Lock()


def _load(path: Path) -> Dict[str, np.ndarray]:
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            return {str(k): v for k, v in zip(data["keys"], data["vectors"], strict=True)}
    except (OSError, ValueError, KeyError):
        return {}  # an unreadable cache is rebuilt


def _save(path: Path, known: Dict[str, np.ndarray]) -> None:
    tmp = path.with_name(path.stem + ".tmp.npz")
    keys = sorted(known)
    with open(private_file(tmp), "wb") as out:
        np.savez(out, keys=np.array(keys), vectors=np.stack([known[k] for k in keys]))
    tmp.replace(path)


def vectors_for(texts: Sequence[str], cache: Path = CACHE) -> np.ndarray:
    """Unit vectors for ``texts`` (one row each), embedding only what the cache does not hold yet."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _LOCK:
        known = _load(cache)
        keys = [_key(t) for t in texts]
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in known))
        if missing:
            for text, vector in zip(missing, embed(missing), strict=True):
                known[_key(text)] = vector
            _save(cache, known)
        return np.stack([known[k] for k in keys])


@dataclass(frozen=True)
class PassageVectors:
    """Vectors for an index's passages, in the index's order."""

    whole: np.ndarray  # one row per passage
    parts: np.ndarray  # one row per sentence or list item
    owner: np.ndarray  # for each part row, the passage row it belongs to

    def best_part(self, query: np.ndarray) -> np.ndarray:
        """For each passage, the similarity of its best-matching part to ``query``."""
        best = np.full(len(self.whole), -1.0, dtype=np.float32)
        np.maximum.at(best, self.owner, self.parts @ query)
        return best


def passage_vectors(passages: Sequence[Passage], cache: Path = CACHE) -> PassageVectors:
    """Vectors for ``passages``, in order."""
    split = [parts_of(p) for p in passages]
    flat = [x for parts in split for x in parts]
    vectors = vectors_for([passage_text(p) for p in passages] + flat, cache)
    owner = np.array([i for i, parts in enumerate(split) for _ in parts], dtype=np.int64)
    return PassageVectors(vectors[: len(passages)], vectors[len(passages) :], owner)


def grouped_vectors(groups: Sequence[Sequence[str]], cache: Path = CACHE) -> Tuple[np.ndarray, np.ndarray]:
    """Vectors for several texts per item (an item's questions): (rows, the item each row belongs to)."""
    flat = [t for group in groups for t in group]
    owner = np.array([i for i, group in enumerate(groups) for _ in group], dtype=np.int64)
    return vectors_for(flat, cache), owner


__all__ = ["CACHE", "PassageVectors", "grouped_vectors", "parts_of", "passage_text", "passage_vectors", "vectors_for"]

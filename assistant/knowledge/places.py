"""Places whose guidance is not loaded: another UK nation, or an English council we do not hold.

A question about Welsh timescales or Surrey's procedure must not be answered
with the worker's own council's rules. ``knowledge/places.yml`` lists the other
nations (with the words people use for them) and England's children's services
authorities; a council that is loaded is never foreign, whatever the list says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR
from assistant.domain.patterns import pattern

PLACES_FILE = KNOWLEDGE_DIR / "places.yml"
# Councils whose names are everyday words too ("reading the notes"): only when written with a capital.
_EVERYDAY = frozenset({"reading", "bury", "sutton", "slough", "york", "hull", "poole", "sefton", "halton"})


@dataclass(frozen=True)
class Places:
    """Place name -> what to call it, for the nations and councils not loaded."""

    names: Tuple[Tuple[str, str], ...]  # (lower-case words as typed, the place's name), longest first

    def named_in(self, text: str, loaded: Iterable[str] = ()) -> Optional[str]:
        """The first foreign place the message names, or None (a loaded council's words never count)."""
        lowered = " " + re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("\u2019", "'")) + " "
        held = {w.lower() for w in loaded}
        for words, name in self.names:
            if words in held or name.lower() in held:
                continue
            if pattern(rf"(?<![a-z]){re.escape(words)}(?:'s|s)?(?![a-z])").search(lowered):
                if words in _EVERYDAY and not pattern(rf"\b{re.escape(words.capitalize())}\b").search(text):
                    continue
                return name
        return None


@lru_cache(maxsize=2)
def _load(path: Path) -> Places:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for nation, words in (raw.get("nations") or {}).items():
        pairs += [(str(w).lower(), str(nation)) for w in words]
    for council in raw.get("councils") or ():
        pairs.append((str(council).lower(), str(council).title()))
    pairs.sort(key=lambda p: -len(p[0]))
    return Places(tuple(pairs))


def places(path: Path = PLACES_FILE) -> Places:
    return _load(path)


__all__ = ["PLACES_FILE", "Places", "places"]

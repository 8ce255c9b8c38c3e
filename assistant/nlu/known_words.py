"""Does a message use any word the assistant was trained on?

Intent classifiers are over-confident on text they have never seen
("asdfghjkl" scores 0.99 for some intent), so a confidence threshold alone
cannot catch gibberish. A message none of whose words (allowing one typo per
word) appears in the training vocabulary cannot have been understood, and the
assistant should say so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Iterable, Set

MIN_FUZZY_LENGTH = 4  # shorter words must match exactly: "hmm" is not "hmm?"-ish "him"


def _deletes(word: str) -> Set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _is_word(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


@dataclass(frozen=True)
class Vocabulary:
    """The words seen in training, indexed for one-edit typo matching."""

    words: FrozenSet[str]
    deletes: FrozenSet[str]

    @classmethod
    def from_words(cls, words: Iterable[str]) -> "Vocabulary":
        known = frozenset(w.lower() for w in words if _is_word(w))
        variants = frozenset(d for w in known if len(w) >= MIN_FUZZY_LENGTH for d in _deletes(w))
        return cls(known, variants)

    def knows(self, token: str) -> bool:
        """True if ``token`` is a training word or one edit away from one."""
        token = token.lower()
        if token in self.words:
            return True
        if len(token) < MIN_FUZZY_LENGTH:
            return False
        if token in self.deletes:  # one letter missing from a known word
            return True
        token_deletes = _deletes(token)
        # one letter too many, or one letter different
        return bool(token_deletes & self.words) or bool(token_deletes & self.deletes)

    def understands(self, tokens: Iterable[str]) -> bool:
        """A message is understood if at least one of its words is known."""
        return any(self.knows(t) for t in tokens if _is_word(t))

"""Whether the best passages answer the question, or the guidance does not cover it.

A threshold on the best passage's score alone let through most questions the
guidance does not answer (its nearest passage shares their words) and turned
away answerable ones put in unusual words. The decision is a small logistic
model over what separates the two (``knowledge/ranker.yml``, ``abstention``;
learned by ``python -m evaluation train-ranker`` on the development sets and the
questions written as not answered):

========================  ====================================================
``best``, ``margin``      the best passage's score, and its lead over the next
``asked_top``             the best passage's closest written question, by
                          meaning (``asked_best``: any passage's)
``asked_words_top``       the same by words
``meaning_top``           the best passage's meaning and best part's meaning
``best_part_top``         (``meaning_best``: any passage's meaning)
``covered``               the share of the question's words the quoted
                          passages hold (``covered_rare``: weighted by rarity)
``unknown``               the share of the question's words in no passage
``near_unanswered``       the closest question written as one the guidance
                          does not answer (knowledge/unanswered_questions.yml),
                          by meaning (``unanswered_over_asked``: less
                          ``asked_best``)
========================  ====================================================
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Protocol, Sequence

import numpy as np

ABSTENTION_FEATURES = (
    "best",
    "margin",
    "asked_top",
    "asked_best",
    "meaning_top",
    "best_part_top",
    "covered",
    "covered_rare",
    "unknown",
    "meaning_best",
    "asked_words_top",
    "near_unanswered",
    "unanswered_over_asked",
)
# Which way each feature may push the probability of a right answer: more of the question held, closer
# written questions, a better score mean an answer (+1); words no passage holds and a close unanswered
# question mean not covered (-1). The learning keeps every weight to its sign, so a question unlike
# anything (parking at head office) is not taken for answerable by an accident of the training questions.
SIGNS = {
    "best": 1,
    "margin": 1,
    "asked_top": 1,
    "asked_best": 1,
    "meaning_top": 1,
    "best_part_top": 1,
    "covered": 1,
    "covered_rare": 1,
    "unknown": -1,
    "meaning_best": 1,
    "asked_words_top": 1,
    "near_unanswered": -1,
    "unanswered_over_asked": -1,
}
UNKNOWN_IDF = 8.0  # a word no passage holds counts as rarer than any that one does


class Ranking(Protocol):
    """What the features read of the passage ranker (rank.PassageRanker; named here, not imported, since the
    ranker's settings hold the learned model)."""

    df: Counter

    def question_terms(self, question: str) -> List[str]: ...

    def terms(self, text: str) -> List[str]: ...

    def idf(self, word: str) -> float: ...

    def near_unanswered(self, query: np.ndarray, leave_out: Optional[str] = None) -> float: ...


class Scored(Protocol):
    """A ranked passage (rank.Ranked): its score and the features the score was made of."""

    @property
    def score(self) -> float: ...

    @property
    def features(self) -> Mapping[str, float]: ...

    @property
    def passage(self) -> Any: ...


def abstention_features(
    ranker: Ranking,
    question: str,
    ranked: Sequence[Scored],
    quoted: Sequence[Scored],
    question_vector: np.ndarray,
    leave_out: Optional[str] = None,
) -> Dict[str, float]:
    """The features above for a question whose passages are ``ranked`` (best first) and ``quoted``.

    ``leave_out``: a written unanswered question not to compare with (itself, when learning from it).
    """
    top = ranked[0]
    terms = set(ranker.question_terms(question))
    held = set()
    for r in quoted:
        held.update(ranker.terms(r.passage.text))
    rarity = {t: ranker.idf(t) if ranker.df[t] else UNKNOWN_IDF for t in terms}
    asked_best = max(r.features["asked"] for r in ranked)
    near = ranker.near_unanswered(question_vector, leave_out)
    return {
        "best": top.score,
        "margin": top.score - ranked[1].score if len(ranked) > 1 else 0.0,
        "asked_top": top.features["asked"],
        "asked_best": asked_best,
        "meaning_top": top.features["meaning"],
        "best_part_top": top.features["best_part"],
        "covered": sum(1 for t in terms if t in held) / max(1, len(terms)),
        "covered_rare": sum(rarity[t] for t in terms if t in held) / max(1e-9, sum(rarity.values())),
        "unknown": sum(1 for t in terms if not ranker.df[t]) / max(1, len(terms)),
        "meaning_best": max(r.features["meaning"] for r in ranked),
        "asked_words_top": top.features["asked_words"],
        "near_unanswered": near,
        "unanswered_over_asked": near - asked_best,
    }


@dataclass(frozen=True)
class Abstention:
    """The learned model: features standardised, weighted, and the probability of a right answer cut."""

    mean: Mapping[str, float]
    scale: Mapping[str, float]
    weights: Mapping[str, float]
    bias: float
    answer_from: float  # abstain when the probability that the quoted passages answer is under this

    def probability(self, features: Mapping[str, float]) -> float:
        """How likely the quoted passages answer the question."""
        z = self.bias + sum(
            self.weights.get(n, 0.0) * (features[n] - self.mean.get(n, 0.0)) / (self.scale.get(n, 1.0) or 1.0)
            for n in ABSTENTION_FEATURES
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def abstains(self, features: Mapping[str, float]) -> bool:
        return self.probability(features) < self.answer_from

    @classmethod
    def from_data(cls, data: Optional[Mapping[str, Any]]) -> Optional["Abstention"]:
        """The model as ranker.yml keeps it, or None when the file has none (the score threshold decides)."""
        if not data:
            return None
        return cls(
            {n: float(v) for n, v in (data.get("mean") or {}).items()},
            {n: float(v) for n, v in (data.get("scale") or {}).items()},
            {n: float(v) for n, v in (data.get("weights") or {}).items()},
            float(data.get("bias", 0.0)),
            float(data.get("answer_from", 0.5)),
        )

    def to_data(self) -> Dict[str, Any]:
        return {
            "mean": {n: round(float(self.mean[n]), 5) for n in ABSTENTION_FEATURES},
            "scale": {n: round(float(self.scale[n]), 5) for n in ABSTENTION_FEATURES},
            "weights": {n: round(float(self.weights[n]), 5) for n in ABSTENTION_FEATURES},
            "bias": round(float(self.bias), 5),
            "answer_from": float(self.answer_from),
        }


__all__ = ["ABSTENTION_FEATURES", "SIGNS", "Abstention", "Ranking", "Scored", "abstention_features"]

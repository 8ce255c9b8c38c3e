"""What kind of message this is, from its meaning as well as its words.

The intent classifier learns 40-odd intents from about 1,800 sentences; a
question worded unlike any of them ("who sorts out booking the reviews") is
easily taken for a caseload request or for something out of scope, and the
wrong room answers. Which *kind* of message it is (a procedure question, a
caseload request, conversation, something else) is easier to learn and has
more examples: every training sentence, plus the questions written for each
passage of the guidance (:mod:`assistant.knowledge.passage_questions`), which
are procedure questions in workers' words. A logistic regression over the
all-MiniLM-L6-v2 sentence embedding learns the kind; the intent classifier's
own ranking is then re-weighed so that each kind carries the blend of both
opinions, while the intents within a kind keep the classifier's proportions
(the procedure topics stay a prior for the passage ranking).

Measured on the blind development sets (evaluation/sets): the intent
classifier alone put 357 of 380 procedure questions and 169 of 179 caseload
requests in the right kind; the embedding alone 372 and 172; the blend 376 and
176.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Sequence, Tuple

import numpy as np
from sklearn.linear_model import LogisticRegression

MODEL_FILE = "message_kinds.npz"
FLOOR = 1e-3  # a kind the classifier gave nothing still gets a little say from the embedding


@dataclass(frozen=True)
class KindModel:
    """A multinomial logistic regression from sentence embedding to message kind."""

    kinds: Tuple[str, ...]
    weights: np.ndarray  # (embedding size, kinds)
    bias: np.ndarray  # (kinds,)

    @classmethod
    def fit(cls, vectors: np.ndarray, labels: Sequence[str], strength: float = 4.0) -> "KindModel":
        """Learn the kinds from labelled embeddings; each kind weighed equally however many examples it has."""
        model = LogisticRegression(C=strength, max_iter=2000, class_weight="balanced")
        model.fit(vectors, list(labels))
        kinds = tuple(str(k) for k in model.classes_)
        if len(kinds) == 2:  # sklearn keeps one column for two classes: spell out both
            coef = np.vstack([-model.coef_[0], model.coef_[0]]) / 2
            bias = np.array([-model.intercept_[0], model.intercept_[0]]) / 2
            return cls(kinds, coef.T.astype(np.float32), bias.astype(np.float32))
        return cls(kinds, model.coef_.T.astype(np.float32), model.intercept_.astype(np.float32))

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """(messages, kinds): each row sums to one."""
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, directory: Path) -> None:
        np.savez(directory / MODEL_FILE, kinds=np.array(self.kinds), weights=self.weights, bias=self.bias)

    @classmethod
    def load(cls, directory: Path) -> "KindModel":
        with np.load(directory / MODEL_FILE, allow_pickle=False) as data:
            return cls(tuple(str(k) for k in data["kinds"]), data["weights"], data["bias"])


def reweigh(
    ranking: Sequence[Mapping[str, Any]],
    kind_probabilities: Mapping[str, float],
    kind_of: Callable[[str], str],
    weight: float,
) -> List[Dict[str, Any]]:
    """The intent ranking with each kind's share blended with the embedding's, best first.

    A kind's new share is the weighted geometric mean of the embedding's
    probability (``weight``) and the classifier's summed confidence over the
    kind's intents (``1 - weight``), normalised over the kinds; each intent
    keeps its proportion of its kind's share.
    """
    mass: Dict[str, float] = defaultdict(float)
    for r in ranking:
        mass[kind_of(str(r["name"]))] += float(r["confidence"])
    total = sum(mass.values()) or 1.0
    blended = {
        kind: (kind_probabilities.get(kind, FLOOR) ** weight) * ((m / total + FLOOR) ** (1.0 - weight))
        for kind, m in mass.items()
    }
    norm = sum(blended.values()) or 1.0
    out = []
    for r in ranking:
        kind = kind_of(str(r["name"]))
        share = float(r["confidence"]) / mass[kind] if mass[kind] > 0 else 0.0
        out.append({**r, "confidence": blended[kind] / norm * share})
    out.sort(key=lambda r: -r["confidence"])
    return out


def reweigh_within(
    ranking: Sequence[Mapping[str, Any]], probabilities: Mapping[str, float], weight: float
) -> List[Dict[str, Any]]:
    """The ranking with the intents of one group (the keys of ``probabilities``) re-shared between them.

    Each intent of the group gets the weighted geometric mean of the embedding's
    probability (``weight``) and its share of the group's confidence
    (``1 - weight``); the group's total and every other intent stay as they
    were, so which kind of message it is does not change, only which request of
    that kind. A group intent the ranking left out counts as confidence 0.
    """
    listed = {str(r["name"]) for r in ranking}
    rows = [dict(r) for r in ranking] + [
        {"name": name, "confidence": 0.0} for name in probabilities if name not in listed
    ]
    group = [r for r in rows if r["name"] in probabilities]
    mass = sum(float(r["confidence"]) for r in group)
    if mass <= 0:
        return [dict(r) for r in ranking]
    blended = {
        str(r["name"]): (probabilities[str(r["name"])] + FLOOR) ** weight
        * (float(r["confidence"]) / mass + FLOOR) ** (1.0 - weight)
        for r in group
    }
    norm = sum(blended.values())
    for r in group:
        r["confidence"] = mass * blended[str(r["name"])] / norm
    rows.sort(key=lambda r: -float(r["confidence"]))
    return rows


__all__ = ["KindModel", "MODEL_FILE", "reweigh", "reweigh_within"]

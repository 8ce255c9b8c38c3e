"""Learn the passage ranker's weights and thresholds on the blind development set (never the sealed one).

For each answerable development question, the passages that contain every
expected fact are the right ones. A pairwise logistic regression over the
ranker's features (assistant/knowledge/answering/rank.py) learns weights that
put a right passage above the others; five-fold cross-validation over the
questions estimates how well they generalise to questions not trained on.
Then, with the weights fixed, two thresholds are chosen on the whole
development set: how close to the best a passage must score to be quoted too
(``follow_within``), and the best score under which the answer says the
guidance does not cover the question (``abstain_below``), the latter keeping
as many questions right as possible (a right answer kept, an unanswerable
question caught; knowledge/unanswered_questions.yml steadies the latter).

The NLU's topic prior comes from the trained model (parsed once, cached in
results/). Writes knowledge/ranker.yml; prints the figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, Sequence, Tuple

import numpy as np
import yaml

from assistant.config import PROJECT_ROOT
from assistant.dialogue.procedure import topic_prior
from assistant.knowledge.answering.context import Context
from assistant.knowledge.answering.rank import FEATURES, RANKER_FILE, ranker_of
from evaluation.procedure_eval import DEV, Question, load, normalise

PRIOR_CACHE = PROJECT_ROOT / "results" / "nlu-prior-procedure-dev.json"
UNANSWERED = PROJECT_ROOT / "knowledge" / "unanswered_questions.yml"
FOLDS = 5


@dataclass
class Example:
    question: Question
    matrix: np.ndarray  # one row of features per candidate passage
    right: np.ndarray  # which candidates hold every fact
    texts: List[str]


def topic_priors(questions: Sequence[Question], model: Path) -> Dict[str, Dict[str, float]]:
    """The NLU's topic prior per question, as the chat computes it (cached per model: parsing needs Rasa)."""
    stamp = f"{model.stat().st_size}:{model.stat().st_mtime_ns}"
    if PRIOR_CACHE.exists():
        cached = json.loads(PRIOR_CACHE.read_text(encoding="utf-8"))
        if cached.get("model") == stamp and set(cached.get("priors", {})) >= {q.id for q in questions}:
            return cached["priors"]
    from assistant.nlu.understanding import Understanding  # noqa: PLC0415 - loads Rasa: only when not cached

    understanding = Understanding(model)
    priors = {q.id: topic_prior(understanding.parse(q.text).ranking) for q in questions}
    PRIOR_CACHE.parent.mkdir(parents=True, exist_ok=True)
    PRIOR_CACHE.write_text(json.dumps({"model": stamp, "priors": priors}), encoding="utf-8")
    return priors


def written_unanswerable(path: Path = UNANSWERED) -> List[Question]:
    """The questions written apart from the evaluation sets that the loaded guidance does not answer."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Question(f"written-{n}", str(r["council"]), str(r["question"]), False, (), None) for n, r in enumerate(raw)]


def holds(texts: Sequence[str], question: Question) -> bool:
    shown = normalise(" ".join(texts))
    return all(any(normalise(a) in shown for a in fact) for fact in question.facts)


def examples(questions: Sequence[Question], priors: Mapping[str, Mapping[str, float]]) -> List[Example]:
    ctx = Context()
    ranker = ranker_of(ctx)
    out = []
    for q in questions:
        authorities = [q.council] + [a for a in ctx.authorities if a in ctx.general]
        rows = ranker.features(q.text, authorities, priors.get(q.id, {}))
        matrix = np.array([[feats[name] for name in FEATURES] for _, feats in rows])
        texts = [p.text for p, _ in rows]
        out.append(Example(q, matrix, np.array([holds([t], q) for t in texts]), texts))
    return out


def train(data: Sequence[Example], epochs: int = 400, rate: float = 0.5, l2: float = 1e-3, seed: int = 0) -> np.ndarray:
    """Pairwise logistic regression: a right passage should outscore each (sampled) wrong one."""
    rng = np.random.default_rng(seed)
    pairs = []
    for ex in data:
        right, wrong = np.where(ex.right)[0], np.where(~ex.right)[0]
        if not len(right) or not len(wrong):
            continue
        for r in right:
            for w in rng.choice(wrong, size=min(40, len(wrong)), replace=False):
                pairs.append(ex.matrix[r] - ex.matrix[w])
    diffs = np.array(pairs)
    weights = np.zeros(diffs.shape[1])
    for _ in range(epochs):
        margin = diffs @ weights
        gradient = -(diffs * (1.0 / (1.0 + np.exp(margin)))[:, None]).mean(0) + l2 * weights
        weights -= rate * gradient
    return weights


def chosen(ex: Example, weights: np.ndarray, follow_within: float, most: int = 3) -> Tuple[List[int], float]:
    """The candidates an answer would quote (as answering.question does), and the best score."""
    scores = ex.matrix @ weights
    order = np.argsort(-scores)
    picked = [int(order[0])]
    for i in order[1:]:
        if len(picked) >= most or scores[order[0]] - scores[i] > follow_within:
            break
        picked.append(int(i))
    return picked, float(scores[order[0]])


def top_k(data: Sequence[Example], weights: np.ndarray, k: int) -> float:
    hits = sum(holds([ex.texts[i] for i in np.argsort(-(ex.matrix @ weights))[:k]], ex.question) for ex in data)
    return hits / max(1, len(data))


def quoted_right(data: Sequence[Example], weights: np.ndarray, follow_within: float) -> float:
    hits = sum(holds([ex.texts[i] for i in chosen(ex, weights, follow_within)[0]], ex.question) for ex in data)
    return hits / max(1, len(data))


def cross_validate(data: Sequence[Example]) -> Dict[str, float]:
    order = np.random.default_rng(1).permutation(len(data))
    hits = {1: 0.0, 3: 0.0}
    for fold in range(FOLDS):
        test = [data[i] for i in order[fold::FOLDS]]
        kept = set(int(i) for i in order[fold::FOLDS])
        weights = train([data[i] for i in range(len(data)) if i not in kept])
        for k in hits:
            hits[k] += top_k(test, weights, k) * len(test)
    return {f"top{k}": v / len(data) for k, v in hits.items()}


def calibrate(
    answerable: Sequence[Example], unanswerable: Sequence[Example], written: Sequence[Example], weights: np.ndarray
) -> Dict[str, float]:
    """follow_within for the most right answers; abstain_below where the most questions are right.

    A right answer lost to abstaining costs one; an unanswerable question
    caught gains one. The development set's unanswerable questions count one
    each; the questions written apart as unanswerable
    (knowledge/unanswered_questions.yml) count together as much as those, so
    they steady the threshold without outweighing the answerable ones.
    """
    follows = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]
    follow = max(follows, key=lambda f: (quoted_right(answerable, weights, f), -f))
    answered = [
        (chosen(ex, weights, follow)[1], holds([ex.texts[i] for i in chosen(ex, weights, follow)[0]], ex.question))
        for ex in answerable
    ]
    dev_best = [chosen(ex, weights, follow)[1] for ex in unanswerable]
    written_best = [chosen(ex, weights, follow)[1] for ex in written]
    written_weight = len(unanswerable) / max(1, len(written))

    def right_at(threshold: float) -> float:
        kept = sum(1 for best, ok in answered if ok and best >= threshold)
        caught = sum(1 for best in dev_best if best < threshold)
        return kept + caught + written_weight * sum(1 for best in written_best if best < threshold)

    candidates = sorted({best for best, _ in answered} | set(dev_best) | set(written_best))
    threshold = max(candidates + [-1e9], key=lambda t: (right_at(t), -t))
    return {
        "follow_within": follow,
        "abstain_below": threshold,
        "answered_right": quoted_right(answerable, weights, follow),
        "wrong_abstentions": sum(1 for best, _ in answered if best < threshold) / max(1, len(answered)),
        "unanswerable_caught": sum(1 for best in dev_best if best < threshold) / max(1, len(dev_best)),
        "written_caught": sum(1 for best in written_best if best < threshold) / max(1, len(written_best)),
    }


def run(model: Path, write: bool = True) -> str:
    questions = load(DEV)
    priors = topic_priors(questions, model)
    answerable = examples([q for q in questions if q.answerable], priors)
    unanswerable = examples([q for q in questions if not q.answerable], priors)
    written = examples(written_unanswerable(), {})
    cv = cross_validate(answerable)
    weights = train(answerable)
    figures = calibrate(answerable, unanswerable, written, weights)
    lines = [
        f"Ranker on {len(answerable)} answerable + {len(unanswerable)} unanswerable development questions:",
        f"  cross-validated (5 folds): right passage first {cv['top1']:.1%}, in the top three {cv['top3']:.1%}",
        f"  trained on all: first {top_k(answerable, weights, 1):.1%}, top three {top_k(answerable, weights, 3):.1%}",
        f"  quoted passages hold the facts: {figures['answered_right']:.1%} (follow_within {figures['follow_within']})",
        f"  abstain below {figures['abstain_below']:.2f}: development unanswerable caught "
        f"{figures['unanswerable_caught']:.1%}, written-apart unanswerable caught {figures['written_caught']:.1%}, "
        f"answerable abstained {figures['wrong_abstentions']:.1%}",
        "  weights: " + ", ".join(f"{n} {w:.2f}" for n, w in zip(FEATURES, weights)),
    ]
    if write:
        RANKER_FILE.write_text(
            "# The passage ranker's weights (assistant/knowledge/answering/rank.py) and thresholds, learned on the\n"
            "# blind development set by `python -m evaluation train-ranker` (evaluation/train_ranker.py).\n"
            + yaml.safe_dump(
                {
                    "weights": {n: round(float(w), 4) for n, w in zip(FEATURES, weights)},
                    "abstain_below": round(float(figures["abstain_below"]), 4),
                    "follow_within": float(figures["follow_within"]),
                    "max_quoted": 3,
                },
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        lines.append(f"  written to {RANKER_FILE.relative_to(PROJECT_ROOT)}")
    return "\n".join(lines)


__all__ = ["run", "train"]

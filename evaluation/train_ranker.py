"""Learn the passage ranker's weights, thresholds and abstention on the blind development sets (never a sealed one).

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
That threshold is the fallback; the answer's decision is the abstention
model (assistant/knowledge/answering/abstention.py): a logistic regression
over the quoted passages' features, learnt to tell a right answer from an
unanswerable question or a wrong quote, on the development questions and the
questions written as not answered. Its cut is chosen across the two
development sets (learn on one, score the other, both ways), and those
cross-set figures are printed as the honest estimate for unseen questions.

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
from assistant.knowledge.answering.abstention import ABSTENTION_FEATURES, SIGNS, Abstention, abstention_features
from assistant.knowledge.answering.context import Context
from assistant.knowledge.answering.question import quoted_passages
from assistant.knowledge.answering.rank import FEATURES, RANKER_FILE, Ranked, RankerSettings, ranker_of
from assistant.knowledge.passage_questions import unanswered_questions
from assistant.knowledge.passages import Passage
from assistant.knowledge.sentence_model import embed
from evaluation.procedure_eval import DEV, DEV2, Question, load, normalise

RESULTS = PROJECT_ROOT / "results"
FOLDS = 5
CUTS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
CAUTION = 0.005  # a cut this much (a share of the questions) less right than the best may still be chosen


@dataclass
class Example:
    question: Question
    matrix: np.ndarray  # one row of features per candidate passage
    right: np.ndarray  # which candidates hold every fact
    texts: List[str]
    passages: List[Passage]
    vector: np.ndarray  # the question's sentence embedding
    leave_out: str | None = None  # a written unanswered question is not compared with itself


def topic_priors(questions: Sequence[Question], model: Path, name: str) -> Dict[str, Dict[str, float]]:
    """The NLU's topic prior per question, as the chat computes it (cached per model: parsing needs Rasa)."""
    cache = RESULTS / f"nlu-prior-{name}.json"
    stamp = f"{model.stat().st_size}:{model.stat().st_mtime_ns}"
    if cache.exists():
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if cached.get("model") == stamp and set(cached.get("priors", {})) >= {q.id for q in questions}:
            return cached["priors"]
    from assistant.nlu.understanding import Understanding  # noqa: PLC0415 - loads Rasa: only when not cached

    understanding = Understanding(model)
    priors = {q.id: topic_prior(understanding.parse(q.text).ranking) for q in questions}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"model": stamp, "priors": priors}), encoding="utf-8")
    return priors


def written_unanswerable() -> List[Question]:
    """The questions written apart from the evaluation sets that the loaded guidance does not answer."""
    return [
        Question(f"written-{n}", council, question, False, (), None)
        for n, (council, question) in enumerate(unanswered_questions())
    ]


def holds(texts: Sequence[str], question: Question) -> bool:
    shown = normalise(" ".join(texts))
    return all(any(normalise(a) in shown for a in fact) for fact in question.facts)


def examples(
    questions: Sequence[Question], priors: Mapping[str, Mapping[str, float]], written: bool = False
) -> List[Example]:
    ctx = Context()
    ranker = ranker_of(ctx)
    vectors = embed([q.text for q in questions]) if questions else np.zeros((0, 0))
    out = []
    for q, vector in zip(questions, vectors):
        authorities = [q.council] + [a for a in ctx.authorities if a in ctx.general]
        rows = ranker.features(q.text, authorities, priors.get(q.id, {}), vector)
        matrix = np.array([[feats[name] for name in FEATURES] for _, feats in rows])
        texts = [p.text for p, _ in rows]
        right = np.array([holds([t], q) for t in texts])
        out.append(Example(q, matrix, right, texts, [p for p, _ in rows], vector, q.text if written else None))
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


@dataclass(frozen=True)
class Outcome:
    """What the answer does with one question under given weights: its abstention features and whether
    the passages it would quote hold every fact."""

    features: Dict[str, float]
    quotes_right: bool
    answerable: bool


def outcome(ex: Example, weights: np.ndarray, follow_within: float) -> Outcome:
    ranker = ranker_of(Context())
    scores = ex.matrix @ weights
    ranked = sorted(
        (Ranked(p, float(scores[i]), dict(zip(FEATURES, ex.matrix[i]))) for i, p in enumerate(ex.passages)),
        key=lambda r: (-r.score, r.passage.order),
    )
    quoted = quoted_passages(ranked, RankerSettings(dict(zip(FEATURES, weights)), -1e9, follow_within))
    features = abstention_features(ranker, ex.question.text, ranked, quoted, ex.vector, ex.leave_out)
    right = ex.question.answerable and holds([r.passage.text for r in quoted], ex.question)
    return Outcome(features, right, ex.question.answerable)


def fit_abstention(
    outcomes: Sequence[Outcome], written: Sequence[Outcome], cut: float, l2: float = 1e-2, epochs: int = 3000
) -> Abstention:
    """Logistic regression: will the quoted passages answer? Development questions count one each; the
    written unanswered questions count together as much as the development set's unanswerable ones.
    Each weight is kept to its sign (abstention.SIGNS) after every step."""
    rows = list(outcomes) + list(written)
    x = np.array([[o.features[n] for n in ABSTENTION_FEATURES] for o in rows])
    y = np.array([1.0 if o.quotes_right else 0.0 for o in rows])
    unanswerable = sum(1 for o in outcomes if not o.answerable)
    weight = np.array([1.0] * len(outcomes) + [unanswerable / max(1, len(written))] * len(written))
    mean, scale = x.mean(0), x.std(0) + 1e-9
    signs = np.array([SIGNS[n] for n in ABSTENTION_FEATURES], dtype=float)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        beta -= 0.3 * ((z * ((p - y) * weight)[:, None]).sum(0) / weight.sum() + l2 * np.r_[beta[:-1], 0.0])
        beta[:-1] = np.where(signs * beta[:-1] < 0, 0.0, beta[:-1])
    names = ABSTENTION_FEATURES
    return Abstention(
        dict(zip(names, mean)), dict(zip(names, scale)), dict(zip(names, beta[:-1])), float(beta[-1]), cut
    )


@dataclass(frozen=True)
class Score:
    right: int
    answerable_right: int
    wrong_abstentions: int
    caught: int
    answerable: int
    unanswerable: int

    def line(self) -> str:
        total = self.answerable + self.unanswerable
        return (
            f"{self.right}/{total} = {self.right / max(1, total):.1%} (answerable right {self.answerable_right}"
            f"/{self.answerable}, wrong abstentions {self.wrong_abstentions}, unanswerable caught "
            f"{self.caught}/{self.unanswerable})"
        )


def score(outcomes: Sequence[Outcome], abstention: Abstention) -> Score:
    answered_right = wrong = caught = 0
    for o in outcomes:
        abstains = abstention.abstains(o.features)
        if o.answerable:
            wrong += abstains
            answered_right += (not abstains) and o.quotes_right
        else:
            caught += abstains
    answerable = sum(1 for o in outcomes if o.answerable)
    return Score(answered_right + caught, answered_right, wrong, caught, answerable, len(outcomes) - answerable)


@dataclass
class DevSet:
    name: str
    answerable: List[Example]
    unanswerable: List[Example]


def dev_set(path: Path, model: Path) -> DevSet:
    questions = load(path)
    priors = topic_priors(questions, model, path.stem)
    return DevSet(
        path.stem,
        examples([q for q in questions if q.answerable], priors),
        examples([q for q in questions if not q.answerable], priors),
    )


def learn(
    answerable: Sequence[Example], unanswerable: Sequence[Example], written: Sequence[Example]
) -> Tuple[np.ndarray, Dict[str, float], List[Outcome], List[Outcome]]:
    """Weights and thresholds on these questions; their outcomes and the written ones' under them."""
    weights = train(answerable)
    figures = calibrate(answerable, unanswerable, written, weights)
    follow = figures["follow_within"]
    outcomes = [outcome(ex, weights, follow) for ex in [*answerable, *unanswerable]]
    return weights, figures, outcomes, [outcome(ex, weights, follow) for ex in written]


def cross_sets(sets: Sequence[DevSet], written: Sequence[Example]) -> Tuple[float, List[str]]:
    """Learn on one development set, score the other (both ways) at every cut; the cut chosen on that."""
    tests: List[Tuple[str, Sequence[Outcome], List[Outcome], List[Outcome]]] = []
    for learnt, tested in ((sets[0], sets[1]), (sets[1], sets[0])):
        weights, figures, outcomes, written_outcomes = learn(learnt.answerable, learnt.unanswerable, written)
        follow = figures["follow_within"]
        test = [outcome(ex, weights, follow) for ex in [*tested.answerable, *tested.unanswerable]]
        tests.append((f"learnt on {learnt.name}, scored on {tested.name}", test, outcomes, written_outcomes))
    by_cut = {cut: [score(test, fit_abstention(outs, wr, cut)) for _, test, outs, wr in tests] for cut in CUTS}
    right = {c: sum(s.right for s in by_cut[c]) for c in CUTS}
    total = sum(s.answerable + s.unanswerable for s in by_cut[CUTS[0]])
    # the most cautious cut (saying "not covered" sooner) among those within half a percent of the most right
    best = max(c for c in CUTS if right[c] >= max(right.values()) - CAUTION * total)
    lines = [f"  {name}: {s.line()}" for (name, *_), s in zip(tests, by_cut[best])]
    lines.append("  right in both at each cut: " + ", ".join(f"{c} {sum(s.right for s in by_cut[c])}" for c in CUTS))
    return best, lines


def run(model: Path, write: bool = True) -> str:
    sets = [dev_set(DEV, model), dev_set(DEV2, model)]
    answerable = [ex for s in sets for ex in s.answerable]
    unanswerable = [ex for s in sets for ex in s.unanswerable]
    written = examples(written_unanswerable(), {}, written=True)
    cut, cross = cross_sets(sets, written)
    cv = cross_validate(answerable)
    weights, figures, outcomes, written_outcomes = learn(answerable, unanswerable, written)
    abstention = fit_abstention(outcomes, written_outcomes, cut)
    lines = [
        f"Ranker on {len(answerable)} answerable + {len(unanswerable)} unanswerable development questions "
        f"({', '.join(s.name for s in sets)}) and {len(written)} written as not answered:",
        f"  cross-validated (5 folds): right passage first {cv['top1']:.1%}, in the top three {cv['top3']:.1%}",
        f"  trained on all: first {top_k(answerable, weights, 1):.1%}, top three {top_k(answerable, weights, 3):.1%}",
        f"  quoted passages hold the facts: {figures['answered_right']:.1%} (follow_within {figures['follow_within']})",
        f"  abstention (cut {cut}) learnt on one development set, scored on the other:",
        *cross,
        f"  abstention learnt on all, scored on all: {score(outcomes, abstention).line()}",
        f"  fallback threshold {figures['abstain_below']:.2f}",
        "  weights: " + ", ".join(f"{n} {w:.2f}" for n, w in zip(FEATURES, weights)),
    ]
    if write:
        RANKER_FILE.write_text(
            "# The passage ranker's weights (assistant/knowledge/answering/rank.py), thresholds and abstention\n"
            "# (answering/abstention.py), learned on the blind development sets by `python -m evaluation\n"
            "# train-ranker` (evaluation/train_ranker.py).\n"
            + yaml.safe_dump(
                {
                    "weights": {n: round(float(w), 4) for n, w in zip(FEATURES, weights)},
                    "abstain_below": round(float(figures["abstain_below"]), 4),
                    "follow_within": float(figures["follow_within"]),
                    "max_quoted": 3,
                    "abstention": abstention.to_data(),
                },
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        lines.append(f"  written to {RANKER_FILE.relative_to(PROJECT_ROOT)}")
    return "\n".join(lines)


__all__ = ["run", "train"]

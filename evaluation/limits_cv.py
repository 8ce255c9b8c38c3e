"""Cross-validated limits: the word patterns alone against patterns plus the learned guess (`python -m evaluation limits-cv`).

The examples in knowledge/limit_examples.yml were written apart from the
patterns, so the patterns' score on them says how far the patterns carry to
new wordings. Five folds: the LimitKindClassifier's logistic regression is
trained as `rasa train` trains it (every NLU training sentence but
out_of_scope's, and every passage question, as "allowed"; the examples with
their kinds) on four fifths and guesses the fifth, and
:func:`assistant.dialogue.limits.check` decides with and without that guess.
Printed: for each kind, how many of its held-out examples are declined with
the right reason; for each kind of "allowed" text, how many are declined at all
(false refusals). Numbers, not assertions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.model_selection import StratifiedKFold

from assistant.config import PROJECT_ROOT
from assistant.dialogue.limit_examples import ALLOWED, LEARNED_KINDS, limit_examples
from assistant.dialogue.limits import SURE_LIMIT, Asker, check, held_councils
from assistant.knowledge.embeddings import vectors_for
from assistant.knowledge.passage_questions import all_questions
from assistant.nlu.message_kinds import KindModel

TODAY = dt.date(2026, 11, 23)


@dataclass
class Texts:
    """Every text the classifier learns from, its label and where it came from."""

    texts: List[str] = field(default_factory=list)
    labels: List[str] = field(default_factory=list)
    origins: List[str] = field(default_factory=list)

    def add(self, texts: List[str], labels: List[str], origin: str) -> None:
        self.texts += texts
        self.labels += labels
        self.origins += [origin] * len(texts)


def training_texts() -> Texts:
    data = load_data(str(PROJECT_ROOT / "data" / "nlu"))
    nlu = [str(m.get("text")) for m in data.intent_examples if m.get("intent") != "out_of_scope"]
    out = Texts()
    out.add(nlu, [ALLOWED] * len(nlu), "NLU training sentences")
    asked = list(all_questions())
    out.add(asked, [ALLOWED] * len(asked), "passage questions")
    written = list(limit_examples())
    out.add([t for t, _ in written], [k for _, k in written], "limit examples")
    return out


def _refused(text: str, guess: Optional[Tuple[str, float]], loaded: Dict[str, Sequence[str]]) -> Optional[str]:
    reply = check(text, TODAY, Asker(None), loaded, guess)
    return None if reply is None else str(reply.payload.get("reason"))


def run(folds: int = 5, strength: float = 4.0) -> str:
    data = training_texts()
    vectors = vectors_for(data.texts)
    labels = np.array(data.labels)
    loaded = held_councils()
    caught: Counter = Counter()
    for train, held in StratifiedKFold(folds, shuffle=True, random_state=0).split(vectors, labels):
        model = KindModel.fit(vectors[train], list(labels[train]), strength)
        for i, row in zip(held, model.probabilities(vectors[held]), strict=True):
            best = int(np.argmax(row))
            guess = (model.kinds[best], float(row[best]))
            for system, said in (("patterns", None), ("patterns + learned", guess)):
                reason = _refused(data.texts[i], said, loaded)
                if labels[i] == ALLOWED:
                    caught[system, data.origins[i]] += reason is not None
                else:
                    caught[system, labels[i]] += reason == labels[i]
    totals = Counter(labels)
    origins = Counter(o for o, label in zip(data.origins, data.labels, strict=True) if label == ALLOWED)
    lines = [f"Limits, {folds}-fold cross-validated (declined at a guess of {SURE_LIMIT} or more):"]
    lines.append(f"  {'declined with the right reason':<34} {'patterns':>12} {'+ learned':>12}")
    for kind in LEARNED_KINDS:
        a, b, n = caught["patterns", kind], caught["patterns + learned", kind], totals[kind]
        lines.append(f"  {kind:<34} {a:>5}/{n:<6} {b:>5}/{n:<6}")
    a = sum(caught["patterns", k] for k in LEARNED_KINDS)
    b = sum(caught["patterns + learned", k] for k in LEARNED_KINDS)
    n = sum(totals[k] for k in LEARNED_KINDS)
    lines.append(f"  {'all five':<34} {a:>5}/{n:<6} {b:>5}/{n:<6}  ({100 * a / n:.1f}% -> {100 * b / n:.1f}%)")
    lines.append(f"  {'declined though allowed (false)':<34} {'patterns':>12} {'+ learned':>12}")
    for origin, n in origins.items():
        lines.append(
            f"  {origin:<34} {caught['patterns', origin]:>5}/{n:<6} {caught['patterns + learned', origin]:>5}/{n:<6}"
        )
    return "\n".join(lines)


__all__ = ["run", "training_texts"]

"""A small trigram estimator that writes ARPA text, the format pocketsphinx reads.

No package on PyPI builds an ARPA model without native tools, and the
assistant's corpus is a few thousand sentences, so this is short: counts,
interpolated modified Kneser-Ney smoothing (Chen & Goodman), back-off weights,
log10 probabilities. Word classes let one estimated model serve every
caseload: the corpus says ``<child>`` where a child's name goes, and
:func:`write_arpa` expands the class into the names, each taking an equal
share of the class's probability.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

Ngram = Tuple[str, ...]
ORDER = 3
START, END = "<s>", "</s>"


@dataclass(frozen=True)
class NgramModel:
    """log10 P(w | h) and log10 back-off weight of every n-gram, order 1 to 3 (``grams[n - 1]``)."""

    grams: Tuple[Dict[Ngram, Tuple[float, Optional[float]]], ...]

    def probability(self, word: str, history: Sequence[str]) -> float:
        """log10 P(word | history) by the ARPA back-off rule (for tests and evaluation)."""
        history = tuple(history)[-(ORDER - 1) :] if ORDER > 1 else ()
        gram = history + (word,)
        entry = self.grams[len(gram) - 1].get(gram)
        if entry is not None:
            return entry[0]
        if not history:
            return -99.0
        bow = self.grams[len(history) - 1].get(history, (0.0, None))[1] or 0.0
        return bow + self.probability(word, history[1:])


def _counts(sentences: Iterable[Sequence[str]]) -> List[Counter]:
    counts: List[Counter] = [Counter() for _ in range(ORDER)]
    for sentence in sentences:
        seq = (START, *sentence, END)
        for n in range(1, ORDER + 1):
            for i in range(len(seq) - n + 1):
                if seq[i : i + n] != (START,):
                    counts[n - 1][seq[i : i + n]] += 1
    return counts


def _discounts(counts: Counter) -> Tuple[float, float, float]:
    """D1, D2, D3+ from the counts of counts (Chen & Goodman's estimates), with a fallback for tiny data."""
    n = Counter(min(c, 5) for c in counts.values())
    if not all(n[i] for i in (1, 2, 3, 4)):
        return 0.5, 1.0, 1.5
    y = n[1] / (n[1] + 2 * n[2])
    d1, d2, d3 = 1 - 2 * y * n[2] / n[1], 2 - 3 * y * n[3] / n[2], 3 - 4 * y * n[4] / n[3]
    return max(d1, 0.05), max(d2, 0.05), max(d3, 0.05)


def _continuation(counts: List[Counter]) -> List[Counter]:
    """Kneser-Ney counts: for a lower order, how many different words precede the n-gram
    (the raw count for n-grams that start a sentence, which nothing precedes)."""
    modified: List[Counter] = [Counter() for _ in range(ORDER)]
    modified[ORDER - 1] = counts[ORDER - 1]
    for n in range(ORDER - 1, 0, -1):
        preceded = Counter(gram[1:] for gram in counts[n])
        modified[n - 1] = Counter({g: (c if g[0] == START else preceded[g]) for g, c in counts[n - 1].items()})
    return modified


def estimate(sentences: Iterable[Sequence[str]]) -> NgramModel:
    """An interpolated modified Kneser-Ney trigram model of the sentences.

    P(w|h) = max(c(hw) - D(c), 0) / c(h) + gamma(h) P(w|h'), with gamma(h) the
    discounted mass (D1 N1(h.) + D2 N2(h.) + D3 N3+(h.)) / c(h) and h' the history
    one word shorter; unigrams interpolate with the uniform distribution. In
    an interpolated model the ARPA back-off weight of h is exactly gamma(h).
    """
    counts = _continuation(_counts(sentences))
    vocabulary = sorted(w for (w,) in counts[0])
    grams: List[Dict[Ngram, List[Optional[float]]]] = [dict() for _ in range(ORDER)]
    lower: Dict[Ngram, float] = {}
    for n in range(ORDER):
        d = _discounts(counts[n])
        totals: Dict[Ngram, float] = defaultdict(float)
        mass: Dict[Ngram, float] = defaultdict(float)
        for gram, c in counts[n].items():
            totals[gram[:-1]] += c
            mass[gram[:-1]] += d[min(c, 3) - 1]
        probs: Dict[Ngram, float] = {}
        for gram, c in counts[n].items():
            history = gram[:-1]
            backoff = lower[gram[1:]] if n else 1.0 / len(vocabulary)
            probs[gram] = (c - d[min(c, 3) - 1]) / totals[history] + mass[history] / totals[history] * backoff
            grams[n][gram] = [probs[gram], None]
        if n:
            for history in totals:
                grams[n - 1].setdefault(history, [None, None])[1] = mass[history] / totals[history]
        lower = probs
    return NgramModel(
        tuple(
            {g: (math.log10(p) if p else -99.0, math.log10(b) if b else None) for g, (p, b) in level.items()}
            for level in grams
        )
    )


def write_arpa(model: NgramModel, classes: Optional[Mapping[str, Sequence[str]]] = None) -> str:
    """ARPA text of ``model``, each class token expanded into its members.

    A member predicted in place of its class gets log10(1/k) of the class's
    probability (k members); as history it keeps the class's back-off weight.
    A member that is also an ordinary word keeps one entry: the probabilities
    add up, and the back-off weight of the likelier reading is kept.
    """
    classes = {c: list(m) for c, m in (classes or {}).items() if m}
    sections: List[List[str]] = []
    for level in model.grams:
        expanded: Dict[Ngram, Tuple[float, Optional[float]]] = {}
        for gram in sorted(level):
            prob, bow = level[gram]
            share = math.log10(len(classes[gram[-1]])) if gram[-1] in classes else 0.0
            for words in itertools.product(*(classes.get(w, [w]) for w in gram)):
                expanded[words] = _merge(expanded.get(words), (prob - share, bow))
        sections.append(
            [
                f"{p:.6f}\t{' '.join(g)}" + (f"\t{b:.6f}" if b is not None else "")
                for g, (p, b) in sorted(expanded.items())
            ]
        )
    header = ["\\data\\"] + [f"ngram {n}={len(lines)}" for n, lines in enumerate(sections, 1)]
    body = [line for n, lines in enumerate(sections, 1) for line in ["", f"\\{n}-grams:", *lines]]
    return "\n".join(header + body + ["", "\\end\\", ""])


def _merge(
    old: Optional[Tuple[float, Optional[float]]], new: Tuple[float, Optional[float]]
) -> Tuple[float, Optional[float]]:
    if old is None:
        return new
    if old[0] <= -99 or new[0] <= -99:
        return max(old, new, key=lambda e: e[0])
    total = math.log10(10 ** old[0] + 10 ** new[0])
    return total, (old if old[0] >= new[0] else new)[1]


def read_arpa(text: str) -> Tuple[Dict[int, int], NgramModel]:
    """The declared counts and the n-grams of ARPA text (for tests: counts must match the entries)."""
    declared: Dict[int, int] = {}
    grams: List[Dict[Ngram, Tuple[float, Optional[float]]]] = [dict() for _ in range(ORDER)]
    section = 0
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("ngram "):
            n, count = line[6:].split("=")
            declared[int(n)] = int(count)
        elif line.endswith("-grams:"):
            section = int(line[1])
        elif line and section and not line.startswith("\\"):
            fields = line.split("\t")
            gram = tuple(fields[1].split())
            if len(gram) != section:
                raise ValueError(f"{section}-gram section has {line!r}")
            grams[section - 1][gram] = (float(fields[0]), float(fields[2]) if len(fields) > 2 else None)
    return declared, NgramModel(tuple(grams))

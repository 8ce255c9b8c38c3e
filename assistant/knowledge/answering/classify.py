"""Which procedure topic a question is about, and which councils it names: the topics' own terms and cues.

Independent of the NLU's training data (``knowledge/topics.yml`` only), so it
can vouch for the NLU's guess (the fallback's second opinion) and pick a
topic for ``cin-assistant ask``.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import Any, Dict, List, Optional, Sequence, Tuple

from assistant.knowledge.answering.context import Context
from assistant.knowledge.passages import Passage
from assistant.knowledge.topics import STOPWORDS, Taxonomy, term, tokens

CONFIDENT_TOPIC_SCORE = 2.0  # below this, ask() falls back to passage search


class Matcher:
    """Topic scoring for questions, and typo correction against the guidance's vocabulary."""

    def __init__(self, taxonomy: Taxonomy, passages: Sequence[Passage]) -> None:
        self.taxonomy = taxonomy
        aliases = taxonomy.aliases
        weighted: Dict[str, List[Tuple[Tuple[str, ...], float]]] = {}
        df: Counter = Counter()
        for t in taxonomy:
            terms: Dict[Tuple[str, ...], float] = {}
            for group, w in ((t.related, 1.0), (t.core, 2.0), (t.cues, 2.0)):
                for raw in group:
                    k = term(raw, aliases)
                    if k and not (len(k) == 1 and k[0] in STOPWORDS):
                        terms[k] = max(terms.get(k, 0.0), w)
            weighted[t.id] = list(terms.items())
            df.update(terms.keys())
        n = len(taxonomy)
        self.terms = {
            tid: sorted(
                [(k, w * math.log(1 + n / df[k]) * (1 + 0.6 * (len(k) - 1))) for k, w in items],
                key=lambda kw: -len(kw[0]),
            )
            for tid, items in weighted.items()
        }
        vocab: Counter = Counter()
        for t in taxonomy:
            for raw in t.core + t.related + t.cues:
                vocab.update(re.findall(r"[a-z0-9]+", raw.lower()))
        for _canon, spelling in aliases.pairs:
            vocab.update(spelling.split())
        for names in taxonomy.authority_names.values():
            for nm in names:
                vocab.update(nm.lower().split())
        for p in passages:
            vocab.update(re.findall(r"[a-z0-9]+", p.text.lower().replace("’", "'")))
            vocab.update(p.authority.replace("_", " ").split())
        self.vocab = vocab
        # typos are corrected only towards the words topics and authorities are asked about
        targets: Counter = Counter()
        for t in taxonomy:
            for raw in t.core + t.related + t.cues:
                targets.update(re.findall(r"[a-z]+", raw.lower()))
        for _canon, spelling in aliases.pairs:
            targets.update(re.findall(r"[a-z]+", spelling))
        for a, names in taxonomy.authority_names.items():
            targets.update(re.findall(r"[a-z]+", " ".join(names) + " " + a.replace("_", " ")))
        for p in passages:
            targets.update(p.authority.replace("_", " ").split())
        self._by_len: Dict[int, List[str]] = {}
        for w in targets:
            if len(w) >= 4 and w not in STOPWORDS:
                self._by_len.setdefault(len(w), []).append(w)
        # A question's words are corrected three times per answer (councils named, ranking, abstention), and
        # the same unknown words recur; the search over the vocabulary is most of an answer's time.
        self._fixed = functools.lru_cache(maxsize=4096)(self._fix)

    def correct(self, text: str) -> str:
        """Fix one- or two-letter typos in words the guidance and taxonomy do not know."""
        return re.sub(r"[A-Za-z]+", lambda m: self._fixed(m.group(0)), text)

    def _fix(self, word: str) -> str:
        """One word corrected (the closest known word of about its length), or as it was."""
        low = word.lower()
        if low in self.vocab or len(low) < 4 or not low.isalpha() or low in STOPWORDS:
            return word
        if low.endswith("s") and low[:-1] in self.vocab:
            return word
        limit = 1 if len(low) < 8 else 2
        best, best_key = None, None
        for length in range(len(low) - limit, len(low) + limit + 1):
            for cand in self._by_len.get(length, ()):
                if len(low) < 5 and sorted(cand) != sorted(low):
                    continue  # short words: only swapped letters ("vist" is not "visit", "sued" -> "used")
                d = _osa(low, cand, limit)
                if d <= limit:
                    key = (d, -self.vocab[cand])
                    if best_key is None or key < best_key:
                        best, best_key = cand, key
        return best or word

    def scores(self, text: str) -> List[Tuple[str, float]]:
        seq = tokens(self.correct(text), self.taxonomy.aliases, keep_stopwords=True)
        out = []
        for tid, terms in self.terms.items():
            used = [False] * len(seq)
            score = 0.0
            for k, w in terms:
                n = len(k)
                for i in range(len(seq) - n + 1):
                    if tuple(seq[i : i + n]) == k and not any(used[i : i + n]):
                        score += w
                        for j in range(i, i + n):
                            used[j] = True
                        break
            out.append((tid, round(score, 3)))
        out.sort(key=lambda ts: -ts[1])
        return out


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up (limit+1) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: List[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_MATCHERS: Dict[int, Tuple[Any, Any, Matcher]] = {}


def matcher_of(ctx: Context) -> Matcher:
    key = id(ctx.index) ^ id(ctx.taxonomy)
    hit = _MATCHERS.get(key)
    if hit is None or hit[0] is not ctx.index or hit[1] is not ctx.taxonomy:
        if len(_MATCHERS) > 4:
            _MATCHERS.clear()
        hit = (ctx.index, ctx.taxonomy, Matcher(ctx.taxonomy, ctx.passages))
        _MATCHERS[key] = hit
    return hit[2]


def classify(text: str, *, index=None, taxonomy: Optional[Taxonomy] = None) -> List[Tuple[str, float]]:
    """Topics ranked by how well the question matches their terms and cues (best first)."""
    ctx = Context(index, {} if index is not None else None, taxonomy)
    return matcher_of(ctx).scores(text)


def detect_authorities(text: str, *, index=None, taxonomy: Optional[Taxonomy] = None, policies=None) -> List[str]:
    """Authorities the question names ("in Medway", "for kent"), in the order they appear."""
    ctx = Context(index, policies, taxonomy)
    m = matcher_of(ctx)
    normalised = ctx.taxonomy.aliases.apply(m.correct(text))
    found: List[Tuple[int, str]] = []
    for a in ctx.authorities:
        names = set(ctx.taxonomy.authority_names.get(a, ())) | {a, a.replace("_", " ")}
        positions = []
        for nm in names:
            phrase = f" {ctx.taxonomy.aliases.apply(nm).strip()} "
            pos = normalised.find(phrase)
            if phrase.strip() and pos >= 0:
                positions.append(pos)
        if positions:
            found.append((min(positions), a))
    return [a for _, a in sorted(found)]


def topic_of(text: str, *, index=None, taxonomy: Optional[Taxonomy] = None) -> Optional[str]:
    """The confident topic for a question, or None (what ask() would answer)."""
    ranked = classify(text, index=index, taxonomy=taxonomy)
    return ranked[0][0] if ranked and ranked[0][1] >= CONFIDENT_TOPIC_SCORE else None

"""Finding the passages that answer a question: a topic's linked and keyword passages, ranked by BM25."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from assistant.knowledge.answering.classify import detect_authorities, matcher_of
from assistant.knowledge.answering.context import (
    MAX_PASSAGES,
    Context,
    overlaps,
    passage_citation,
    passage_score,
)
from assistant.knowledge.passages import Passage, collapse_ws
from assistant.knowledge.topics import STOPWORDS, Taxonomy, Topic, tokens

MIN_SEARCH_SCORE = 2.5  # a search hit weaker than this is not offered as an answer


@dataclass(frozen=True)
class SearchHit:
    passage: Passage
    score: float
    topic: Optional[str]  # the topic the passage best belongs to, if any
    general_guidance: bool  # True: from general guidance (a labelled fallback), not a council procedure

    def citation(self) -> Dict[str, str]:
        return passage_citation(self.passage)


def topic_passages(
    ctx: Context, topic: Topic, authority: str, exclude: Sequence[str] = (), limit: int = MAX_PASSAGES
) -> List[Passage]:
    """The topic's passages in this authority's guidance: curated links first, else keyword search."""
    own = [p for p in ctx.passages if p.authority == authority]
    links = topic.links_for(authority)
    found: List[Passage] = []
    if links:
        for link in links:
            match = next(
                (
                    p
                    for p in own
                    if p.document == link.document and p.section == link.section and link.phrase in collapse_ws(p.text)
                ),
                None,
            ) or next((p for p in own if p.document == link.document and link.phrase in collapse_ws(p.text)), None)
            if match is not None and match not in found and not overlaps(match.text, exclude):
                found.append(match)
        if found or authority in topic.links:
            return found[:limit]
    if authority in topic.silent:
        return []
    scored = [(s, p) for p in own if (s := passage_score(ctx, topic, p)) >= 2.0 and not overlaps(p.text, exclude)]
    scored.sort(key=lambda sp: (-sp[0], sp[1].order))
    return [p for _, p in scored[:limit]]


def silence_of(ctx: Context, topic: Topic, authority: str):
    policy = ctx.policies.get(authority)
    if policy is None or not topic.item:
        return None
    return policy.silent_on(topic.item)


# --------------------------------------------------------------------------- question focus

FOCUS_MARGIN = 1.0  # a passage must beat the topic's own quotes by this much BM25 to be "specific"
FOCUS_MIN = 2.0  # ...and score at least this on the question's words
COMPARE_MARGIN = 0.0  # side by side: the focus line must match at least as well as every line shown
_K1, _B = 1.5, 0.75


class Bm25:
    """BM25 statistics over every passage held (normalised, stemmed words; stopwords dropped)."""

    def __init__(self, ctx: Context) -> None:
        self.docs = {p.id: [w for w in ctx.seq(p) + ctx.head_seq(p) if w not in STOPWORDS] for p in ctx.passages}
        self.n = len(self.docs) or 1
        self.avg = (sum(len(d) for d in self.docs.values()) / self.n) or 1.0
        self.df: Counter = Counter()
        for d in self.docs.values():
            self.df.update(set(d))
        self.tfs = {pid: Counter(d) for pid, d in self.docs.items()}

    def idf(self, w: str) -> float:
        return math.log(1 + (self.n - self.df[w] + 0.5) / (self.df[w] + 0.5))

    def score(self, query: Mapping[str, float], tf: Mapping[str, int], length: int) -> float:
        """BM25 of a weighted query (word -> weight) against one passage's term counts."""
        s = 0.0
        for w, weight in query.items():
            f = tf.get(w, 0)
            if f and self.df[w]:
                s += weight * self.idf(w) * f * (_K1 + 1) / (f + _K1 * (1 - _B + _B * length / self.avg))
        return s


_BM25S: Dict[int, Tuple[Any, Bm25]] = {}


def bm25_of(ctx: Context) -> Bm25:
    hit = _BM25S.get(id(ctx.index))
    if hit is None or hit[0] is not ctx.index:
        if len(_BM25S) > 4:
            _BM25S.clear()
        hit = (ctx.index, Bm25(ctx))
        _BM25S[id(ctx.index)] = hit
    return hit[1]


_KEYWORD: Dict[Tuple[int, int, str, str], Tuple[Any, Any, List[Passage]]] = {}


def keyword_passages(ctx: Context, t: Topic, authority: str) -> List[Passage]:
    """The authority's passages containing a core term of the topic (cached per index and taxonomy)."""
    key = (id(ctx.index), id(ctx.taxonomy), t.id, authority)
    hit = _KEYWORD.get(key)
    if hit is None or hit[0] is not ctx.index or hit[1] is not ctx.taxonomy:
        if len(_KEYWORD) > 2000:
            _KEYWORD.clear()
        found = [p for p in ctx.passages if p.authority == authority and passage_score(ctx, t, p) >= 2.0]
        hit = (ctx.index, ctx.taxonomy, found)
        _KEYWORD[key] = hit
    return hit[2]


class Focus:
    """The worker's question, for choosing which of a topic's passages answer it best.

    Candidates are the authority's passages for the topic - its curated links, the
    passages keyword search finds (a core term present), and other passages of the
    sections its links point at - ranked by BM25 on the question's content words
    (typo-corrected, aliases made canonical, stemmed; the council's own name dropped).
    An authority the topic records as silent has no candidates: focus never turns a
    silence into an answer.
    """

    def __init__(self, ctx: Context, question: str) -> None:
        self.ctx = ctx
        self.stats = bm25_of(ctx)
        m = matcher_of(ctx)
        aliases = ctx.taxonomy.aliases
        named = detect_authorities(question, index=ctx.index, taxonomy=ctx.taxonomy, policies=ctx.policies)
        drop = set()
        for a in named:
            for nm in set(ctx.taxonomy.authority_names.get(a, ())) | {a.replace("_", " ")}:
                drop.update(tokens(nm, aliases))
        self.terms: List[str] = list(
            dict.fromkeys(
                w
                for w in tokens(m.correct(question), aliases)
                if w not in STOPWORDS and w not in drop and (len(w) > 1 or w.isdigit())
            )
        )
        self._rel: Dict[str, float] = {}
        self.query: Dict[str, float] = {w: 1.0 for w in self.terms}

    # ------------------------------------------------------------------ scoring
    def rel(self, p: Passage) -> float:
        key = p.id
        if key not in self._rel:
            tf = self.stats.tfs.get(p.id)
            if tf is None:
                d = [w for w in self.ctx.seq(p) + self.ctx.head_seq(p) if w not in STOPWORDS]
                tf, length = Counter(d), len(d)
            else:
                length = len(self.stats.docs[p.id])
            self._rel[key] = self.stats.score(self.query, tf, length)
        return self._rel[key]

    def rel_text(self, text: str) -> float:
        d = [w for w in tokens(text, self.ctx.taxonomy.aliases) if w not in STOPWORDS]
        return self.stats.score(self.query, Counter(d), len(d))

    # ------------------------------------------------------------------ candidates
    def candidates(self, t: Topic, authority: str) -> List[Passage]:
        ctx = self.ctx
        if authority in t.silent or silence_of(ctx, t, authority) is not None:
            return []
        own = [p for p in ctx.passages if p.authority == authority]
        out: List[Passage] = []
        linked = []
        for link in t.links_for(authority):
            for p in own:
                if p.document == link.document and link.phrase in collapse_ws(p.text):
                    linked.append(p)
        sections = {(p.document, p.section) for p in linked}
        keyword = keyword_passages(ctx, t, authority)
        if not linked and not keyword:
            return []
        nearby = [p for p in own if (p.document, p.section) in sections]
        for p in linked + keyword + nearby:
            if p not in out:
                out.append(p)
        return out

    def specific(
        self, t: Topic, authority: str, shown: Sequence[Passage], exclude: Sequence[str] = ()
    ) -> List[Passage]:
        """Candidates that answer the question better than the passages already ``shown``."""
        floor = max([self.rel(p) for p in shown] + [0.0]) + FOCUS_MARGIN
        floor = max(floor, FOCUS_MIN)
        found = [
            (self.rel(p), p) for p in self.candidates(t, authority) if p not in shown and not overlaps(p.text, exclude)
        ]
        found = [(r, p) for r, p in found if r >= floor]
        found.sort(key=lambda rp: (-rp[0], rp[1].order))
        return [p for _, p in found]

    def choose(
        self, t: Topic, authority: str, default: List[Passage], exclude: Sequence[str] = (), lead: bool = False
    ) -> List[Passage]:
        """What to quote: the question's specific passage(s), then the topic's own, at most MAX_PASSAGES.

        ``lead``: ``default[0]`` is the topic's lead passage (no rule answers the topic) and
        is always kept; otherwise ``default`` are extras after a rule and may be replaced.
        """
        if lead and default:
            spec = self.specific(t, authority, default, exclude)
            return (spec[:1] + default[:1]) if spec else default[:MAX_PASSAGES]
        spec = self.specific(t, authority, default, exclude)
        out = spec[:MAX_PASSAGES]
        for p in default:
            if len(out) >= MAX_PASSAGES:
                break
            if p not in out:
                out.append(p)
        return out

    def best_across(self, t: Topic, authorities: Sequence[str], shown_quotes: Sequence[str]) -> Optional[Passage]:
        """For a side-by-side answer: the one passage across all guidance held that best answers
        the question (a council's before the general guide's), unless it is already shown in full."""
        shown = [collapse_ws(q) for q in shown_quotes if q]
        floor = max([self.rel_text(q) for q in shown] + [0.0]) + COMPARE_MARGIN
        floor = max(floor, FOCUS_MIN)
        for pool in (
            [a for a in authorities if a not in self.ctx.general],
            [a for a in authorities if a in self.ctx.general],
        ):
            best: Optional[Tuple[float, Passage]] = None
            for a in pool:
                for p in self.candidates(t, a):
                    text = collapse_ws(p.text)
                    if any(text in q for q in shown):
                        continue
                    r = self.rel(p)
                    if r >= floor and (best is None or r > best[0]):
                        best = (r, p)
            if best is not None:
                return best[1]
        return None


# --------------------------------------------------------------------------- search


def search(
    text: str, authority: Optional[str] = None, *, index=None, limit: int = 5, taxonomy: Optional[Taxonomy] = None
) -> List[SearchHit]:
    """Passages ranked by BM25 over normalised, stemmed words (the authority's own first,
    then general guidance as a labelled fallback)."""
    ctx = Context(index, {} if index is not None else None, taxonomy)
    m = matcher_of(ctx)
    query = [w for w in tokens(m.correct(text), ctx.taxonomy.aliases) if w not in STOPWORDS]
    if not query:
        return []
    docs = {p.id: [w for w in ctx.seq(p) + ctx.head_seq(p) if w not in STOPWORDS] for p in ctx.passages}
    n = len(docs) or 1
    avg = sum(len(d) for d in docs.values()) / n
    df: Counter = Counter()
    for d in docs.values():
        df.update(set(d))
    k1, b = 1.5, 0.75

    def bm25(p: Passage) -> float:
        d = docs[p.id]
        tf = Counter(d)
        s = 0.0
        for w in set(query):
            if tf[w]:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                s += idf * tf[w] * (k1 + 1) / (tf[w] + k1 * (1 - b + b * len(d) / (avg or 1)))
        return s

    def topic_of(p: Passage) -> Optional[str]:
        best = max(((t.id, passage_score(ctx, t, p)) for t in ctx.taxonomy), key=lambda ts: ts[1])
        return best[0] if best[1] > 0 else None

    def hits(pool: Iterable[Passage], general: bool) -> List[SearchHit]:
        scored = [(bm25(p), p) for p in pool]
        scored = [(s, p) for s, p in scored if s > 0]
        scored.sort(key=lambda sp: (-sp[0], sp[1].order))
        return [SearchHit(p, round(s, 3), topic_of(p), general) for s, p in scored[:limit]]

    if authority is None:
        return [
            SearchHit(h.passage, h.score, h.topic, h.passage.authority in ctx.general)
            for h in hits(ctx.passages, False)
        ]
    own = hits([p for p in ctx.passages if p.authority == authority], authority in ctx.general)
    fallback = [] if authority in ctx.general else hits([p for p in ctx.passages if p.authority in ctx.general], True)
    return own + fallback

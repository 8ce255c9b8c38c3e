"""Ranking the guidance's passages for one question: words, meaning, the topic the NLU heard, the council.

Every passage of the councils that may answer (the asker's or the one named,
and the England general guide) is scored as a weighted sum of features; the
weights are data (``knowledge/ranker.yml``), learned on the development set of
blind questions by ``python -m evaluation train-ranker`` and checked on the
sealed set. The features:

========================  ====================================================
``lexical``               BM25 of the question's words (aliases made canonical,
                          typos corrected, stemmed) over the passage and its
                          heading, relative to the best passage's
``meaning``               cosine of the question's and the passage's sentence
                          embeddings (all-MiniLM-L6-v2)
``best_part``             the same for the passage's best sentence or list item
``heading``               the question's rarer words found in the heading
``general_guide``         1 for the England general guide (a council's own
                          guidance is preferred)
``length``                log of the passage's length
``topic``                 the NLU's confidence in a topic the passage belongs to
                          (its curated links, or a core term of the topic)
``timescale_match``       a "how often / when / by when" question and a passage
                          that states a duration
``role_match``            a "who" question and a passage that names a role
``asked``                 the closest question written for the passage
                          (``knowledge/passage_questions.yml``), by meaning
``asked_words``           the same, by words
========================  ====================================================

A new council's document has no written questions: its passages rank on the
other features alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

import numpy as np
import yaml

from assistant.config import KNOWLEDGE_DIR
from assistant.knowledge.answering.abstention import Abstention
from assistant.knowledge.answering.classify import matcher_of
from assistant.knowledge.answering.context import Context
from assistant.knowledge.answering.retrieve import keyword_passages
from assistant.knowledge.embeddings import grouped_vectors, passage_vectors, vectors_for
from assistant.knowledge.passage_questions import passage_questions, unanswered_questions
from assistant.knowledge.passages import Passage, collapse_ws
from assistant.knowledge.sentence_model import embed
from assistant.knowledge.topics import STOPWORDS, Topic, tokens

RANKER_FILE = KNOWLEDGE_DIR / "ranker.yml"
FEATURES: Tuple[str, ...] = (
    "lexical",
    "meaning",
    "best_part",
    "heading",
    "general_guide",
    "length",
    "topic",
    "timescale_match",
    "role_match",
    "asked",
    "asked_words",
)
_K1, _B = 1.2, 0.75

TIMESCALE_QUESTION = re.compile(
    r"\b(how often|how soon|how long|how quickly|how many (days|weeks|months)|when|deadline|timescales?|"
    r"within|by when|late|overdue|frequency|regularly|every)\b",
    re.IGNORECASE,
)
DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|eight|ten|twelve|fifteen|twenty)\s*(working\s+)?(day|week|month|year)s?\b"
    r"|\b(\d+|six|three|twelve)[- ]?(weekly|monthly)\b|\b(weekly|monthly|yearly|annually|annual|fortnight\w*)\b",
    re.IGNORECASE,
)
WHO_QUESTION = re.compile(r"\bwho\b|\bwhose\b|\bwhich (team|manager|worker|person)\b", re.IGNORECASE)
ROLE = re.compile(
    r"\b(manager|social worker|chair\w*|iro|practitioner|supervisor|head of service|worker|professional|"
    r"agency|agencies|parents?|family|carers?|school|health|police|lead)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RankerSettings:
    """The learned weights and the thresholds the answer uses (knowledge/ranker.yml)."""

    weights: Mapping[str, float]
    abstain_below: float  # a best score under this: the guidance does not answer the question
    follow_within: float  # other passages quoted when their score is within this of the best
    max_quoted: int = 3
    abstention: Optional[Abstention] = None  # when learned, it decides instead of abstain_below

    @classmethod
    def load(cls, path: Path = RANKER_FILE) -> "RankerSettings":
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        weights = {name: float((data.get("weights") or {}).get(name, 0.0)) for name in FEATURES}
        return cls(
            weights,
            float(data.get("abstain_below", -1e9)),
            float(data.get("follow_within", 0.0)),
            int(data.get("max_quoted", 3)),
            Abstention.from_data(data.get("abstention")),
        )


@lru_cache(maxsize=1)
def ranker_settings() -> RankerSettings:
    return RankerSettings.load()


@dataclass(frozen=True)
class Ranked:
    """A passage, its score for the question, and the features the score was made of."""

    passage: Passage
    score: float
    features: Mapping[str, float]


def _topic_members(ctx: Context, topic: Topic, authority: str) -> Set[str]:
    """The passages a topic names for an authority: its curated links, and those with a core term."""
    found = {p.id for p in keyword_passages(ctx, topic, authority)}
    for link in topic.links_for(authority):
        found.update(
            p.id
            for p in ctx.passages
            if p.authority == authority and p.document == link.document and link.phrase in collapse_ws(p.text)
        )
    return found


def _council_names(ctx: Context) -> "re.Pattern[str]":
    """The councils' names as a question says them ("in Kent", "medway's", "for practice matters")."""
    names = {n for a in ctx.authorities for n in (*ctx.taxonomy.authority_names.get(a, ()), a.replace("_", " "))}
    alternatives = "|".join(sorted((re.escape(n) for n in names if n.strip()), key=len, reverse=True))
    return re.compile(rf"\b(?:(?:in|for|at|from)\s+)?(?:{alternatives})(?:'s)?\b", re.IGNORECASE)


class PassageRanker:
    """Everything ranking needs about one index: word statistics, vectors, written questions."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.passages: Tuple[Passage, ...] = ctx.passages
        self.row = {p.id: i for i, p in enumerate(self.passages)}
        self.words = [[w for w in ctx.seq(p) + ctx.head_seq(p) if w not in STOPWORDS] for p in self.passages]
        self.heads = [set(w for w in ctx.head_seq(p) if w not in STOPWORDS) for p in self.passages]
        self.df: Counter = Counter()
        for doc in self.words:
            self.df.update(set(doc))
        self.tfs = [Counter(doc) for doc in self.words]
        self.avg = (sum(len(d) for d in self.words) / max(1, len(self.words))) or 1.0
        self.vectors = passage_vectors(self.passages)
        asked = passage_questions(self.passages)
        self.asked_words = [Counter(w for q in asked.get(p.id, ()) for w in self.terms(q)) for p in self.passages]
        self.asked_vectors, self.asked_owner = grouped_vectors([asked.get(p.id, ()) for p in self.passages])
        self.unanswered_texts = [q for _, q in unanswered_questions()]
        # compared without the councils they name: "... in kent" is not what makes a question unanswered,
        # and a worker naming their own council would otherwise look like every Kent question written so
        councils = _council_names(ctx)
        self.unanswered = vectors_for([councils.sub(" ", q) for q in self.unanswered_texts])
        self.topic_members: Dict[Tuple[str, str], Set[str]] = {}  # (topic, authority) -> passage ids, filled on use
        self.durations = np.array([bool(DURATION.search(p.text)) for p in self.passages], dtype=np.float32)
        self.roles = np.array([bool(ROLE.search(p.text)) for p in self.passages], dtype=np.float32)

    def terms(self, text: str) -> List[str]:
        """The words of ``text`` as the index counts them (aliases made canonical, stemmed, no stopwords)."""
        words = tokens(text, self.ctx.taxonomy.aliases)
        return [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]

    def question_terms(self, question: str) -> List[str]:
        """A worker's question's words as the index counts them, typos corrected first."""
        return self.terms(matcher_of(self.ctx).correct(question))

    def near_unanswered(self, query: np.ndarray, leave_out: Optional[str] = None) -> float:
        """The closest, by meaning, of the questions written as ones the guidance does not answer."""
        if not len(self.unanswered):
            return 0.0
        similarities = self.unanswered @ query
        if leave_out is not None:
            similarities = np.where(np.array([q == leave_out for q in self.unanswered_texts]), -1.0, similarities)
        return float(similarities.max())

    def idf(self, word: str) -> float:
        n = len(self.passages)
        return math.log(1 + (n - self.df[word] + 0.5) / (self.df[word] + 0.5))

    def _bm25(self, terms: Sequence[str], tf: Mapping[str, int], length: int) -> float:
        score = 0.0
        for w in set(terms):
            f = tf.get(w, 0)
            if f:
                score += self.idf(w) * f * (_K1 + 1) / (f + _K1 * (1 - _B + _B * length / self.avg))
        return score

    def features(
        self,
        question: str,
        authorities: Sequence[str],
        topic_prior: Mapping[str, float],
        question_vector: Optional[np.ndarray] = None,
    ) -> List[Tuple[Passage, Dict[str, float]]]:
        """The features of every passage of ``authorities`` for ``question`` (see the module docstring).

        ``question_vector``: the question's embedding when the NLU already computed it; else computed here.
        """
        terms = self.question_terms(question)
        pool = [i for i, p in enumerate(self.passages) if p.authority in authorities]
        if not pool:
            return []
        # never cached: a worker's question is not kept on disk
        query = question_vector if question_vector is not None else embed([question])[0]
        meaning = self.vectors.whole @ query
        best_part = self.vectors.best_part(query)
        asked = np.full(len(self.passages), 0.0, dtype=np.float32)
        if len(self.asked_owner):
            np.maximum.at(asked, self.asked_owner, self.asked_vectors @ query)
        lexical = {i: self._bm25(terms, self.tfs[i], len(self.words[i])) for i in pool}
        top_lexical = max(lexical.values()) or 1.0
        asked_lexical = {i: self._bm25(terms, self.asked_words[i], sum(self.asked_words[i].values())) for i in pool}
        top_asked = max(asked_lexical.values()) or 1.0
        members = self._members(topic_prior, authorities)
        timescale = 1.0 if TIMESCALE_QUESTION.search(question) else 0.0
        who = 1.0 if WHO_QUESTION.search(question) else 0.0
        out = []
        for i in pool:
            p = self.passages[i]
            out.append(
                (
                    p,
                    {
                        "lexical": lexical[i] / top_lexical,
                        "meaning": float(meaning[i]),
                        "best_part": float(best_part[i]),
                        "heading": sum(self.idf(w) for w in set(terms) if w in self.heads[i]) / 10.0,
                        "general_guide": 1.0 if p.authority in self.ctx.general else 0.0,
                        "length": math.log(len(p.text)),
                        "topic": members.get(p.id, 0.0),
                        "timescale_match": timescale * float(self.durations[i]),
                        "role_match": who * float(self.roles[i]),
                        "asked": float(asked[i]),
                        "asked_words": asked_lexical[i] / top_asked,
                    },
                )
            )
        return out

    def _members(self, topic_prior: Mapping[str, float], authorities: Sequence[str]) -> Dict[str, float]:
        """Passage id -> the NLU's confidence in the most likely topic it belongs to."""
        members: Dict[str, float] = {}
        for topic_id, confidence in topic_prior.items():
            if topic_id not in self.ctx.taxonomy.ids():
                continue
            topic = self.ctx.taxonomy.get(topic_id)
            for authority in authorities:
                key = (topic_id, authority)
                if key not in self.topic_members:  # the same for every question: worked out once
                    self.topic_members[key] = _topic_members(self.ctx, topic, authority)
                for pid in self.topic_members[key]:
                    members[pid] = max(members.get(pid, 0.0), confidence)
        return members

    def rank(
        self,
        question: str,
        authorities: Sequence[str],
        topic_prior: Optional[Mapping[str, float]] = None,
        settings: Optional[RankerSettings] = None,
        question_vector: Optional[np.ndarray] = None,
    ) -> List[Ranked]:
        """Passages of ``authorities`` best first for ``question``."""
        weights = (settings or ranker_settings()).weights
        scored = [
            Ranked(p, sum(weights.get(name, 0.0) * value for name, value in feats.items()), feats)
            for p, feats in self.features(question, authorities, topic_prior or {}, question_vector)
        ]
        scored.sort(key=lambda r: (-r.score, r.passage.order))
        return scored


_RANKERS: Dict[Tuple[int, int], Tuple[Any, Any, PassageRanker]] = {}


def ranker_of(ctx: Context) -> PassageRanker:
    """The ranker for this context's index and taxonomy, built once (vectors come from the cache)."""
    key = (id(ctx.index), id(ctx.taxonomy))
    hit = _RANKERS.get(key)
    if hit is None or hit[0] is not ctx.index or hit[1] is not ctx.taxonomy:
        if len(_RANKERS) > 4:
            _RANKERS.clear()
        hit = (ctx.index, ctx.taxonomy, PassageRanker(ctx))
        _RANKERS[key] = hit
    return hit[2]


def prepare_search() -> int:
    """Compute (and cache) the vectors of every passage and written question, so no worker waits for them."""
    return len(ranker_of(Context(None, None, None)).passages)


__all__ = ["FEATURES", "PassageRanker", "Ranked", "RankerSettings", "prepare_search", "ranker_of", "ranker_settings"]

"""Procedural answers from the council's own guidance: quoted, cited, honest about gaps.

::

    answer("visits", "medway")             # the rule, the quote, the section
    answer("reviews", "medway")            # status "conflict": 9.2 says 12 weeks, 13.2 says 8
    answer("visits", "camden")             # status "silent": points to the Home visits policy, shows others
    answer("visits", None)                 # status "compared": one cited line per authority
    search("who chairs the review", "camden")
    ask("how often do i need to visit in medway")

Where an answer's words come from:

* a timescale is only ever a curated rule (``knowledge/policies/*.yml``, checked
  against the source by ``assistant.rules``) stated in its own plain sentence,
  followed by its quote; nothing in this module writes a number;
* everything else is a quoted passage of the ingested guidance
  (``assistant.knowledge.ingest``), found by the topic's curated links
  (``knowledge/topics.yml``) or, for any authority without links, by the
  topic's keywords - so a newly ingested council is answered with no code change;
* the England document is a general guide, not a council procedure: it is
  labelled so wherever it is shown and serves as the statutory baseline. Its
  closing advert is never a passage (ingest cuts it) and is never quoted.

Statuses: ``answered``; ``conflict`` (the authority's rule is contradicted
elsewhere in its own guidance: both quotes shown); ``silent`` (the guidance held
does not cover the topic: said plainly, with what the others say in ``others``);
``compared`` (authorities side by side).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from assistant.knowledge.passages import Passage, collapse_ws, display_text
from assistant.knowledge.topics import STOPWORDS, Taxonomy, Topic, default_topics, term, tokens

STATUSES = ("answered", "silent", "conflict", "compared")
GENERAL_LABEL = "general guidance, not a council procedure"
MAX_PASSAGES = 2  # quoted per authority in a single-authority answer
CONFIDENT_TOPIC_SCORE = 2.0  # below this, ask() falls back to passage search
MIN_SEARCH_SCORE = 2.5  # a search hit weaker than this is not offered as an answer

_NUMBERED = re.compile(r"^\d+(\.\d+)*$")
_COMPARE_WORDS = (
    "compare", "comparison", "each council", "every council", "all councils", "other councils",
    "across", "side by side", "each authority", "all authorities", "everywhere", "each la", "other las",
)


# --------------------------------------------------------------------------- results

@dataclass(frozen=True)
class Answer:
    """An answer for a social worker: text to read, and where every quoted word comes from."""

    topic: str  # topic id ("" when no topic matched)
    authority: Optional[str]  # None when compared across authorities
    text: str
    citations: List[Dict[str, str]]  # {"document","section","quote", "authority","title"}
    status: str  # one of STATUSES
    others: List[Dict[str, Any]] = field(default_factory=list)  # what other authorities say (silent)
    title: str = ""  # the topic's title

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchHit:
    passage: Passage
    score: float
    topic: Optional[str]  # the topic the passage best belongs to, if any
    general_guidance: bool  # True: from general guidance (a labelled fallback), not a council procedure

    def citation(self) -> Dict[str, str]:
        return _passage_citation(self.passage)


# --------------------------------------------------------------------------- context

@lru_cache(maxsize=1)
def _default_policies():
    from assistant.rules import load_policies

    return load_policies()


def _default_index():
    from assistant.knowledge.ingest import corpus_index

    return corpus_index()


_TOKEN_CACHES: Dict[Tuple[int, int], Tuple[Any, Any, Dict[str, Tuple[str, ...]], Dict[str, Tuple[str, ...]]]] = {}


def _token_caches(index: Any, taxonomy: Any) -> Tuple[Dict[str, Tuple[str, ...]], Dict[str, Tuple[str, ...]]]:
    """The (text, heading) token caches for one index and taxonomy.

    A long-lived action server answers many questions from the same index:
    tokenising every passage again for each answer was most of an answer's time.
    The entry holds the index and taxonomy themselves, so an id is never reused
    while its entry lives.
    """
    key = (id(index), id(taxonomy))
    hit = _TOKEN_CACHES.get(key)
    if hit is None or hit[0] is not index or hit[1] is not taxonomy:
        if len(_TOKEN_CACHES) > 8:
            _TOKEN_CACHES.clear()
        hit = (index, taxonomy, {}, {})
        _TOKEN_CACHES[key] = hit
    return hit[2], hit[3]


class _Context:
    """The taxonomy, index and policies one answer is built from, with derived lookups."""

    def __init__(self, index=None, policies=None, taxonomy: Optional[Taxonomy] = None) -> None:
        self.taxonomy = taxonomy or default_topics()
        self.index = index if index is not None else _default_index()
        self.policies: Mapping[str, Any] = policies if policies is not None else _default_policies()
        self.passages: Tuple[Passage, ...] = tuple(self.index.passages)
        self.titles: Dict[str, str] = {p.document: p.title for p in self.passages}
        self.general: set = {p.authority for p in self.passages if p.kind == "general_guidance"}
        self.baseline: set = {
            r.authority for pol in self.policies.values() for r in pol.rules if r.authority != pol.authority
        }
        self.general |= self.baseline
        try:
            from assistant.knowledge.corpus import load_manifest

            manifest = load_manifest()
        except Exception:  # pragma: no cover - a missing manifest only loses nicer titles
            manifest = []
        for doc in manifest:
            self.titles.setdefault(doc.file, doc.title)
            if doc.kind == "general_guidance":
                self.general.add(doc.authority)
        order = list(dict.fromkeys([p.authority for p in self.passages] + list(self.policies)))
        self.authorities: List[str] = [a for a in order if a not in self.general] + [
            a for a in order if a in self.general
        ]
        # Token sequences per passage id, shared by every answer from the same index and taxonomy.
        self.seqs, self.head_seqs = _token_caches(self.index, self.taxonomy)

    # ------------------------------------------------------------------ text
    def seq(self, p: Passage) -> Tuple[str, ...]:
        if p.id not in self.seqs:
            self.seqs[p.id] = tuple(tokens(p.text, self.taxonomy.aliases, keep_stopwords=True))
        return self.seqs[p.id]

    def head_seq(self, p: Passage) -> Tuple[str, ...]:
        if p.id not in self.head_seqs:
            self.head_seqs[p.id] = tuple(tokens(p.heading, self.taxonomy.aliases, keep_stopwords=True))
        return self.head_seqs[p.id]

    def name(self, authority: str) -> str:
        if authority in self.general:
            return "The England general guide"
        return authority.replace("_", " ").title()

    def possessive(self, authority: str) -> str:
        name = self.name(authority)
        return f"{name}'" if name.endswith("s") else f"{name}'s"

    def label(self, authority: str) -> str:
        """How a line for this authority starts, with the general-guidance label where due."""
        if authority in self.general:
            return f"England general guide ({GENERAL_LABEL})"
        return self.name(authority)

    def title(self, document: str) -> str:
        return self.titles.get(document, document)

    def cite(self, document: str, section: str, authority: str) -> str:
        where = f"section {section}" if _NUMBERED.match(section) else (
            section if ('"' in section or section.startswith("bullet")) else f'"{section}"'
        )
        label = f"; {GENERAL_LABEL}" if authority in self.general else ""
        return f"({self.title(document)}, {where}{label})"

    def known(self, authority: str) -> bool:
        return authority in self.policies or any(p.authority == authority for p in self.passages)


def _passage_citation(p: Passage) -> Dict[str, str]:
    return {"document": p.document, "section": p.section, "quote": p.text, "authority": p.authority, "title": p.title}


def _rule_citation(ctx: _Context, c, authority: str) -> Dict[str, str]:
    return {
        "document": c.document, "section": c.section, "quote": collapse_ws(c.quote),
        "authority": authority, "title": ctx.title(c.document),
    }


# --------------------------------------------------------------------------- matching

def _count(seq: Sequence[str], phrase: Tuple[str, ...]) -> int:
    n = len(phrase)
    if not n or n > len(seq):
        return 0
    first = phrase[0]
    return sum(1 for i in range(len(seq) - n + 1) if seq[i] == first and tuple(seq[i : i + n]) == phrase)


def _passage_score(ctx: _Context, topic: Topic, p: Passage) -> float:
    """How much a passage is about a topic: 0 unless it contains one of the topic's core terms."""
    seq = ctx.seq(p)
    aliases = ctx.taxonomy.aliases
    core = sum(1 for t in topic.core if _count(seq, term(t, aliases)))
    if not core:
        return 0.0
    related = sum(1 for t in topic.related if _count(seq, term(t, aliases)))
    head = ctx.head_seq(p)
    heading = sum(1 for t in topic.core if _count(head, term(t, aliases)))
    return 2.0 * core + related + 0.5 * heading


def _rule_quotes(ctx: _Context, rules) -> List[str]:
    out = []
    for r in rules:
        out.append(collapse_ws(r.citation.quote))
        out += [collapse_ws(c.quote) for c in r.supporting]
    return out


def _overlaps(text: str, quotes: Iterable[str]) -> bool:
    t = collapse_ws(text)
    return any(q and (q in t or t in q) for q in quotes)


def _topic_passages(ctx: _Context, topic: Topic, authority: str, exclude: Sequence[str] = (), limit: int = MAX_PASSAGES) -> List[Passage]:
    """The topic's passages in this authority's guidance: curated links first, else keyword search."""
    own = [p for p in ctx.passages if p.authority == authority]
    links = topic.links_for(authority)
    found: List[Passage] = []
    if links:
        for link in links:
            match = next(
                (p for p in own if p.document == link.document and p.section == link.section and link.phrase in collapse_ws(p.text)),
                None,
            ) or next((p for p in own if p.document == link.document and link.phrase in collapse_ws(p.text)), None)
            if match is not None and match not in found and not _overlaps(match.text, exclude):
                found.append(match)
        if found or authority in topic.links:
            return found[:limit]
    if authority in topic.silent:
        return []
    scored = [(s, p) for p in own if (s := _passage_score(ctx, topic, p)) >= 2.0 and not _overlaps(p.text, exclude)]
    scored.sort(key=lambda sp: (-sp[0], sp[1].order))
    return [p for _, p in scored[:limit]]


def _topic_rules(ctx: _Context, topic: Topic, authority: str) -> list:
    """The curated rules answering a timescale topic for this authority, general ones first."""
    if not topic.item:
        return []
    policy = ctx.policies.get(authority)
    if policy is None:
        if authority in ctx.general:
            return []
        # an authority without a rule file still gets the statutory baseline
        rules = [r for b in ctx.baseline for r in ctx.policies[b].rules if r.authority == b] if ctx.baseline else []
    else:
        if policy.silent_on(topic.item):
            return []
        rules = list(policy.rules)
    chosen = [r for r in rules if r.item == topic.item and r.route == topic.route]
    return sorted(chosen, key=lambda r: (r.category is not None))


def _silence(ctx: _Context, topic: Topic, authority: str):
    policy = ctx.policies.get(authority)
    if policy is None or not topic.item:
        return None
    return policy.silent_on(topic.item)


def _first_sentences(text: str, min_chars: int = 50, max_chars: int = 320) -> str:
    """The opening of a passage, as a substring of it (so it can still be quoted)."""
    from assistant.knowledge.ingest import split_sentences

    sentences = split_sentences(text)
    out = ""
    for s in sentences:
        out = f"{out} {s}".strip() if out else s
        if len(out) >= min_chars:
            break
    if len(out) > max_chars:
        cut = out[:max_chars].rsplit(" ", 1)[0]
        out = cut
    return out


def _quote_line(ctx: _Context, quote: str, document: str, section: str, authority: str, cut: bool = False) -> str:
    shown = display_text(quote)
    ellipsis = "…" if cut else ""
    return f"\"{shown}{ellipsis}\" {ctx.cite(document, section, authority)}"


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# --------------------------------------------------------------------------- one-line summaries

def _short_line(ctx: _Context, topic: Topic, authority: str) -> Tuple[Optional[str], List[Dict[str, str]], str]:
    """One cited line for what an authority says on a topic: (line or None, citations, status)."""
    rules = _topic_rules(ctx, topic, authority)
    own = [r for r in rules if r.authority == authority]
    general_rules = [r for r in own if r.category is None] or own
    if general_rules:
        r0 = general_rules[0]
        sentences = "; ".join(dict.fromkeys(r.rule for r in general_rules))
        line = f"{sentences} {ctx.cite(r0.citation.document, r0.citation.section, authority)}"
        cits = [_rule_citation(ctx, r.citation, authority) for r in general_rules]
        status = "answered"
        conflicts = [c for r in general_rules for c in r.conflicts]
        if conflicts:
            c = conflicts[0]
            line += f"; but it also says \"{display_text(c.citation.quote)}\" ({_where(c.citation.section)})"
            cits.append(_rule_citation(ctx, c.citation, authority))
            status = "conflict"
        return line, _dedupe(cits), status
    silence = _silence(ctx, topic, authority)
    if silence is not None:
        c = silence.citation
        line = f"not set in the guidance held; it says {_quote_line(ctx, c.quote, c.document, c.section, authority)}"
        return line, [_rule_citation(ctx, c, authority)], "silent"
    passages = _topic_passages(ctx, topic, authority, limit=1)
    if passages:
        p = passages[0]
        quote = _first_sentences(p.text)
        prefix = "no timescale set; " if topic.item and authority not in ctx.general else ""
        line = f"{prefix}{_quote_line(ctx, quote, p.document, p.section, authority, cut=quote != p.text)}"
        cit = _passage_citation(p)
        cit["quote"] = quote
        return line, [cit], "answered"
    return None, [], "silent"


def _where(section: str) -> str:
    return f"section {section}" if _NUMBERED.match(section) else f'"{section}"'


def _dedupe(cits: List[Dict[str, str]]) -> List[Dict[str, str]]:
    seen = set()
    out = []
    for c in cits:
        key = (c["document"], c["section"], c["quote"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _others(ctx: _Context, topic: Topic, authority: Optional[str]) -> List[Dict[str, Any]]:
    out = []
    for a in ctx.authorities:
        if a == authority:
            continue
        line, cits, status = _short_line(ctx, topic, a)
        if line is None or status == "silent":
            continue
        out.append({"authority": a, "name": ctx.label(a), "text": line, "citations": cits, "status": status})
    return out


# --------------------------------------------------------------------------- question focus

FOCUS_MARGIN = 1.0  # a passage must beat the topic's own quotes by this much BM25 to be "specific"
FOCUS_MIN = 2.0  # ...and score at least this on the question's words
COMPARE_MARGIN = 0.0  # side by side: the focus line must match at least as well as every line shown
_K1, _B = 1.5, 0.75


class _Bm25:
    """BM25 statistics over every passage held (normalised, stemmed words; stopwords dropped)."""

    def __init__(self, ctx: _Context) -> None:
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


_BM25S: Dict[int, Tuple[Any, _Bm25]] = {}


def _bm25(ctx: _Context) -> _Bm25:
    hit = _BM25S.get(id(ctx.index))
    if hit is None or hit[0] is not ctx.index:
        if len(_BM25S) > 4:
            _BM25S.clear()
        hit = (ctx.index, _Bm25(ctx))
        _BM25S[id(ctx.index)] = hit
    return hit[1]


_KEYWORD: Dict[Tuple[int, int, str, str], Tuple[Any, Any, List[Passage]]] = {}


def _keyword_passages(ctx: _Context, t: Topic, authority: str) -> List[Passage]:
    """The authority's passages containing a core term of the topic (cached per index and taxonomy)."""
    key = (id(ctx.index), id(ctx.taxonomy), t.id, authority)
    hit = _KEYWORD.get(key)
    if hit is None or hit[0] is not ctx.index or hit[1] is not ctx.taxonomy:
        if len(_KEYWORD) > 2000:
            _KEYWORD.clear()
        found = [p for p in ctx.passages if p.authority == authority and _passage_score(ctx, t, p) >= 2.0]
        hit = (ctx.index, ctx.taxonomy, found)
        _KEYWORD[key] = hit
    return hit[2]


class _Focus:
    """The worker's question, for choosing which of a topic's passages answer it best.

    Candidates are the authority's passages for the topic - its curated links, the
    passages keyword search finds (a core term present), and other passages of the
    sections its links point at - ranked by BM25 on the question's content words
    (typo-corrected, aliases made canonical, stemmed; the council's own name dropped).
    An authority the topic records as silent has no candidates: focus never turns a
    silence into an answer.
    """

    def __init__(self, ctx: _Context, question: str) -> None:
        self.ctx = ctx
        self.stats = _bm25(ctx)
        m = _matcher(ctx)
        aliases = ctx.taxonomy.aliases
        named = detect_authorities(question, index=ctx.index, taxonomy=ctx.taxonomy, policies=ctx.policies)
        drop = set()
        for a in named:
            for nm in set(ctx.taxonomy.authority_names.get(a, ())) | {a.replace("_", " ")}:
                drop.update(tokens(nm, aliases))
        self.terms: List[str] = list(dict.fromkeys(
            w for w in tokens(m.correct(question), aliases)
            if w not in STOPWORDS and w not in drop and (len(w) > 1 or w.isdigit())
        ))
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
        if authority in t.silent or _silence(ctx, t, authority) is not None:
            return []
        own = [p for p in ctx.passages if p.authority == authority]
        out: List[Passage] = []
        linked = []
        for link in t.links_for(authority):
            for p in own:
                if p.document == link.document and link.phrase in collapse_ws(p.text):
                    linked.append(p)
        sections = {(p.document, p.section) for p in linked}
        keyword = _keyword_passages(ctx, t, authority)
        if not linked and not keyword:
            return []
        nearby = [p for p in own if (p.document, p.section) in sections]
        for p in linked + keyword + nearby:
            if p not in out:
                out.append(p)
        return out

    def specific(self, t: Topic, authority: str, shown: Sequence[Passage], exclude: Sequence[str] = ()) -> List[Passage]:
        """Candidates that answer the question better than the passages already ``shown``."""
        floor = max([self.rel(p) for p in shown] + [0.0]) + FOCUS_MARGIN
        floor = max(floor, FOCUS_MIN)
        found = [
            (self.rel(p), p) for p in self.candidates(t, authority)
            if p not in shown and not _overlaps(p.text, exclude)
        ]
        found = [(r, p) for r, p in found if r >= floor]
        found.sort(key=lambda rp: (-rp[0], rp[1].order))
        return [p for _, p in found]

    def choose(self, t: Topic, authority: str, default: List[Passage], exclude: Sequence[str] = (), lead: bool = False) -> List[Passage]:
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
        for pool in ([a for a in authorities if a not in self.ctx.general], [a for a in authorities if a in self.ctx.general]):
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


# --------------------------------------------------------------------------- answer

def _resolve(topic: str, ctx: _Context) -> Topic:
    return ctx.taxonomy.get(topic)


def answer(
    topic: str,
    authority: Optional[str],
    *,
    compare: bool = False,
    index=None,
    policies=None,
    taxonomy: Optional[Taxonomy] = None,
    question: Optional[str] = None,
    focus_compare: bool = False,
) -> Answer:
    """What ``authority``'s guidance says on ``topic`` (or every authority's, side by side).

    ``question`` (the worker's own words) chooses WHICH of the topic's passages are
    quoted: the rule (or the topic's lead passage) still comes first, then the one or
    two passages of the authority's guidance that best match the question ("who chairs
    when an ASYE holds the case" quotes the ASYE sentence). Without it, or for a plain
    question, the answer is the topic's curated one. A side-by-side answer (no
    authority, or ``compare``) is unchanged unless ``focus_compare`` is set, which adds
    one line quoting the passage across all guidance held that best answers the question.
    """
    ctx = _Context(index, policies, taxonomy)
    t = _resolve(topic, ctx)
    if authority is not None and not ctx.known(authority):
        raise ValueError(
            f"unknown authority {authority!r}; the guidance held covers: {', '.join(ctx.authorities)}"
        )
    focus = _Focus(ctx, question) if question and question.strip() else None
    if authority is None or compare:
        return _compare(ctx, t, authority, focus if focus_compare else None)
    return _single(ctx, t, authority, focus)


def _compare(ctx: _Context, t: Topic, first: Optional[str], focus: Optional["_Focus"] = None) -> Answer:
    order = ([first] if first else []) + [a for a in ctx.authorities if a != first]
    lines = [f"{t.title}: what each guidance held says."]
    cits: List[Dict[str, str]] = []
    for a in order:
        line, c, status = _short_line(ctx, t, a)
        if line is None:
            line = f"its guidance in this assistant {t.silent_text}."
        lines.append(f"- {ctx.label(a)}: {line}")
        cits += c
    if focus is not None:
        best = focus.best_across(t, order, [c["quote"] for c in cits])
        if best is not None:
            lines.append(f"On your question, {ctx.label(best.authority)}: {_quote_line(ctx, best.text, best.document, best.section, best.authority)}")
            cits.append(_passage_citation(best))
    if any(a in ctx.general for a in order):
        lines.append(f"The England general guide is {GENERAL_LABEL}; follow your own council's procedure.")
    return Answer(t.id, None if first is None else first, "\n".join(lines), _dedupe(cits), "compared", [], t.title)


def _single(ctx: _Context, t: Topic, authority: str, focus: Optional["_Focus"] = None) -> Answer:
    poss = ctx.possessive(authority)
    general = authority in ctx.general
    lines: List[str] = []
    cits: List[Dict[str, str]] = []
    status = "answered"
    others: List[Dict[str, Any]] = []
    if general:
        lines.append(f"The England general guide is {GENERAL_LABEL}.")

    silence = _silence(ctx, t, authority)
    rules = _topic_rules(ctx, t, authority)
    if silence is not None:
        c = silence.citation
        lines.append(f"{poss} guidance in this assistant {t.silent_text}. {_sentence(silence.note)}")
        lines.append(f"It says: {_quote_line(ctx, c.quote, c.document, c.section, authority)}")
        cits.append(_rule_citation(ctx, c, authority))
        status = "silent"
    elif rules:
        own = [r for r in rules if r.authority == authority]
        inherited = [r for r in rules if r.authority != authority]
        if own:
            general_rules = [r for r in own if r.category is None] or own
            for r in general_rules:
                lines.append(f"{poss} guidance: {_sentence(r.rule)}")
            shown_quotes = []
            for r in general_rules:
                q = collapse_ws(r.citation.quote)
                if q not in shown_quotes:
                    shown_quotes.append(q)
                    lines.append(_quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, authority))
                    cits.append(_rule_citation(ctx, r.citation, authority))
            particular = [r for r in own if r not in general_rules]
            if particular:
                lines.append("For particular cases:")
                for r in particular:
                    lines.append(f"- {r.rule} {ctx.cite(r.citation.document, r.citation.section, authority)}")
                    cits.append(_rule_citation(ctx, r.citation, authority))
            for r in own:
                for c in r.conflicts:
                    lines.append(
                        f"Note: {poss} guidance contradicts itself here. {_where(r.citation.section).capitalize()} says "
                        f"\"{display_text(r.citation.quote)}\", but {_where(c.citation.section)} says "
                        f"\"{display_text(c.citation.quote)}\". {_sentence(c.note)}"
                    )
                    cits.append(_rule_citation(ctx, c.citation, authority))
                    status = "conflict"
        else:
            r = inherited[0]
            lines.append(
                f"{poss} guidance in this assistant does not set its own timescale for this; "
                f"the statutory baseline applies: {_sentence(r.rule)}"
            )
            lines.append(_quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, r.authority))
            cits.append(_rule_citation(ctx, r.citation, r.authority))
        extra = _topic_passages(ctx, t, authority, exclude=_rule_quotes(ctx, rules))
        if focus is not None:
            extra = focus.choose(t, authority, extra, exclude=_rule_quotes(ctx, rules) + [c["quote"] for c in cits])
        if extra:
            lines.append("The guidance also says:")
            for p in extra:
                lines.append(_quote_line(ctx, p.text, p.document, p.section, authority))
                cits.append(_passage_citation(p))
    else:
        passages = _topic_passages(ctx, t, authority)
        if focus is not None and passages:
            passages = focus.choose(t, authority, passages, lead=True)
        if passages:
            if t.item and not general:
                lines.append(f"{poss} guidance in this assistant does not set a timescale for this. What it says:")
            elif not general:
                lines.append(f"{poss} guidance on {t.title[0].lower()}{t.title[1:]}:")
            else:
                lines.append("It says:")
            for p in passages:
                lines.append(_quote_line(ctx, p.text, p.document, p.section, authority))
                cits.append(_passage_citation(p))
        else:
            lines.append(f"{poss} guidance in this assistant {t.silent_text}.")
            if authority in t.silent:
                lines.append(_sentence(t.silent[authority]))
            status = "silent"

    if status == "silent":
        for other in t.see_also:
            related = ctx.taxonomy.get(other)
            for r in [r for r in _topic_rules(ctx, related, authority) if r.authority == authority][:1]:
                lines.append(
                    f"Related: {poss} guidance sets {r.rule} {ctx.cite(r.citation.document, r.citation.section, authority)}."
                )
                cits.append(_rule_citation(ctx, r.citation, authority))
        others = _others(ctx, t, authority)
        if others:
            lines.append("What the other guidance held says (not your council's procedure):")
            for o in others:
                lines.append(f"- {o['name']}: {o['text']}")
                cits += o["citations"]
    return Answer(t.id, authority, "\n".join(lines), _dedupe(cits), status, others, t.title)


# --------------------------------------------------------------------------- question understanding

class _Matcher:
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
        for canon, spelling in aliases.pairs:
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
        for canon, spelling in aliases.pairs:
            targets.update(re.findall(r"[a-z]+", spelling))
        for a, names in taxonomy.authority_names.items():
            targets.update(re.findall(r"[a-z]+", " ".join(names) + " " + a.replace("_", " ")))
        for p in passages:
            targets.update(p.authority.replace("_", " ").split())
        self._by_len: Dict[int, List[str]] = {}
        for w in targets:
            if len(w) >= 4 and w not in STOPWORDS:
                self._by_len.setdefault(len(w), []).append(w)

    def correct(self, text: str) -> str:
        """Fix one- or two-letter typos in words the guidance and taxonomy do not know."""
        def fix(m: "re.Match[str]") -> str:
            word = m.group(0)
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

        return re.sub(r"[A-Za-z]+", fix, text)

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


_MATCHERS: Dict[int, Tuple[Any, Any, _Matcher]] = {}


def _matcher(ctx: _Context) -> _Matcher:
    key = id(ctx.index) ^ id(ctx.taxonomy)
    hit = _MATCHERS.get(key)
    if hit is None or hit[0] is not ctx.index or hit[1] is not ctx.taxonomy:
        if len(_MATCHERS) > 4:
            _MATCHERS.clear()
        hit = (ctx.index, ctx.taxonomy, _Matcher(ctx.taxonomy, ctx.passages))
        _MATCHERS[key] = hit
    return hit[2]


def classify(text: str, *, index=None, taxonomy: Optional[Taxonomy] = None) -> List[Tuple[str, float]]:
    """Topics ranked by how well the question matches their terms and cues (best first)."""
    ctx = _Context(index, {} if index is not None else None, taxonomy)
    return _matcher(ctx).scores(text)


def detect_authorities(text: str, *, index=None, taxonomy: Optional[Taxonomy] = None, policies=None) -> List[str]:
    """Authorities the question names ("in Medway", "for kent"), in the order they appear."""
    ctx = _Context(index, policies, taxonomy)
    m = _matcher(ctx)
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


# --------------------------------------------------------------------------- search

def search(text: str, authority: Optional[str] = None, *, index=None, limit: int = 5, taxonomy: Optional[Taxonomy] = None) -> List[SearchHit]:
    """Passages ranked by BM25 over normalised, stemmed words (the authority's own first,
    then general guidance as a labelled fallback)."""
    ctx = _Context(index, {} if index is not None else None, taxonomy)
    m = _matcher(ctx)
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
        best = max(((t.id, _passage_score(ctx, t, p)) for t in ctx.taxonomy), key=lambda ts: ts[1])
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


# --------------------------------------------------------------------------- ask

def ask(text: str, authority: Optional[str] = None, *, index=None, policies=None, taxonomy: Optional[Taxonomy] = None) -> Answer:
    """Answer a worker's question: pick the topic, then answer it for their authority.

    An authority named in the question ("in Medway ...") wins over ``authority``;
    two or more named, or "compare", gives the side-by-side answer.
    """
    ctx = _Context(index, policies, taxonomy)
    m = _matcher(ctx)
    named = detect_authorities(text, index=ctx.index, taxonomy=ctx.taxonomy, policies=ctx.policies)
    wants_compare = len(named) > 1 or any(w in f" {text.lower()} " for w in _COMPARE_WORDS)
    target = named[0] if named else authority
    ranked = m.scores(text)
    if ranked and ranked[0][1] >= CONFIDENT_TOPIC_SCORE:
        return answer(
            ranked[0][0], target, compare=wants_compare, index=ctx.index, policies=ctx.policies,
            taxonomy=ctx.taxonomy, question=text,
        )
    query = {w for w in tokens(m.correct(text), ctx.taxonomy.aliases) if w not in STOPWORDS}
    found = [
        h for h in search(text, target, index=ctx.index, taxonomy=ctx.taxonomy, limit=3)
        if h.score >= MIN_SEARCH_SCORE and len(query & set(ctx.seq(h.passage))) * 2 > len(query)
    ]
    if found:
        lines = ["I could not match this to one of the procedure topics I know; these passages look closest:"]
        for h in found[:3]:
            p = h.passage
            lines.append(f"- {ctx.label(p.authority)}: {_quote_line(ctx, p.text, p.document, p.section, p.authority)}")
        return Answer("", target, "\n".join(lines), _dedupe([_passage_citation(h.passage) for h in found[:3]]), "answered", [], "")
    where = f"{ctx.possessive(target)} guidance" if target else "the guidance"
    return Answer("", target, f"I could not find this in {where} held by this assistant.", [], "silent", [], "")


def topic_of(text: str, *, index=None, taxonomy: Optional[Taxonomy] = None) -> Optional[str]:
    """The confident topic for a question, or None (what ask() would answer)."""
    ranked = classify(text, index=index, taxonomy=taxonomy)
    return ranked[0][0] if ranked and ranked[0][1] >= CONFIDENT_TOPIC_SCORE else None


__all__ = [
    "Answer", "GENERAL_LABEL", "STATUSES", "SearchHit", "answer", "ask", "classify",
    "detect_authorities", "search", "topic_of",
]

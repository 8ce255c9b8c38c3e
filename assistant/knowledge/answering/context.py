"""What every procedure answer is built from: the guidance index, the topics, the rules, and how to cite.

The :class:`Context` holds them with the lookups derived from them (token
sequences per passage, shared by every answer from the same index); the
helpers here quote and cite a passage or a rule the same way everywhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from assistant.domain.phrasing import (
    GENERAL_GUIDE,
    GENERAL_LABEL,
    authority_name,
    section_label,
)
from assistant.knowledge.corpus import load_manifest
from assistant.knowledge.ingest import corpus_index, split_sentences
from assistant.knowledge.passages import Passage, collapse_ws, display_text
from assistant.knowledge.topics import Taxonomy, Topic, default_topics, term, tokens
from assistant.rules import policies as shipped_policies

STATUSES = ("answered", "silent", "conflict", "compared")
MAX_PASSAGES = 2  # quoted per authority in a single-authority answer

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
    abstained: bool = False  # no passage answers the question: said so, the closest sections named

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- context


def default_policies() -> Mapping[str, Any]:
    return shipped_policies()


def default_index() -> Any:
    return corpus_index()


_TOKEN_CACHES: Dict[Tuple[int, int], Tuple[Any, Any, Dict[str, Tuple[str, ...]], Dict[str, Tuple[str, ...]]]] = {}


def token_caches(index: Any, taxonomy: Any) -> Tuple[Dict[str, Tuple[str, ...]], Dict[str, Tuple[str, ...]]]:
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


class Context:
    """The taxonomy, index and policies one answer is built from, with derived lookups."""

    def __init__(self, index=None, policies=None, taxonomy: Optional[Taxonomy] = None) -> None:
        self.taxonomy = taxonomy or default_topics()
        self.index = index if index is not None else default_index()
        self.policies: Mapping[str, Any] = policies if policies is not None else default_policies()
        self.passages: Tuple[Passage, ...] = tuple(self.index.passages)
        self.titles: Dict[str, str] = {p.document: p.title for p in self.passages}
        self.general: set = {p.authority for p in self.passages if p.kind == "general_guidance"}
        self.baseline: set = {
            r.authority for pol in self.policies.values() for r in pol.rules if r.authority != pol.authority
        }
        self.general |= self.baseline
        try:
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
        self.seqs, self.head_seqs = token_caches(self.index, self.taxonomy)
        # (topic, authority) -> the council's own sentences stating that timescale, found once per answer
        # (the silence check and the leading rule both ask; answering.stated fills it).
        self.stated: Dict[Tuple[str, str], list] = {}

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
        return GENERAL_GUIDE if authority in self.general else authority_name(authority)

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
        where = section_label(section)
        label = f"; {GENERAL_LABEL}" if authority in self.general else ""
        return f"({self.title(document)}, {where}{label})"

    def known(self, authority: str) -> bool:
        return authority in self.policies or any(p.authority == authority for p in self.passages)


def passage_citation(p: Passage) -> Dict[str, str]:
    return {"document": p.document, "section": p.section, "quote": p.text, "authority": p.authority, "title": p.title}


def rule_citation(ctx: Context, c, authority: str) -> Dict[str, str]:
    return {
        "document": c.document,
        "section": c.section,
        "quote": collapse_ws(c.quote),
        "authority": authority,
        "title": ctx.title(c.document),
    }


def count_phrase(seq: Sequence[str], phrase: Tuple[str, ...]) -> int:
    n = len(phrase)
    if not n or n > len(seq):
        return 0
    first = phrase[0]
    return sum(1 for i in range(len(seq) - n + 1) if seq[i] == first and tuple(seq[i : i + n]) == phrase)


def passage_score(ctx: Context, topic: Topic, p: Passage) -> float:
    """How much a passage is about a topic: 0 unless it contains one of the topic's core terms."""
    seq = ctx.seq(p)
    aliases = ctx.taxonomy.aliases
    core = sum(1 for t in topic.core if count_phrase(seq, term(t, aliases)))
    if not core:
        return 0.0
    related = sum(1 for t in topic.related if count_phrase(seq, term(t, aliases)))
    head = ctx.head_seq(p)
    heading = sum(1 for t in topic.core if count_phrase(head, term(t, aliases)))
    return 2.0 * core + related + 0.5 * heading


def overlaps(text: str, quotes: Iterable[str]) -> bool:
    t = collapse_ws(text)
    return any(q and (q in t or t in q) for q in quotes)


def first_sentences(text: str, min_chars: int = 50, max_chars: int = 320) -> str:
    """The opening of a passage, as a substring of it (so it can still be quoted)."""
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


def quote_line(ctx: Context, quote: str, document: str, section: str, authority: str, cut: bool = False) -> str:
    shown = display_text(quote)
    ellipsis = "…" if cut else ""
    return f'"{shown}{ellipsis}" {ctx.cite(document, section, authority)}'


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def dedupe(cits: List[Dict[str, str]]) -> List[Dict[str, str]]:
    seen = set()
    out = []
    for c in cits:
        key = (c["document"], c["section"], c["quote"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out

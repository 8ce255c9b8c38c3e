"""Timescale and frequency statements found in guidance passages (rule extraction).

::

    from assistant.knowledge.ingest import corpus_index
    from assistant.knowledge.extract import extract_candidates

    for c in extract_candidates(corpus_index().passages):
        print(c.item, c.duration.amount, c.duration.unit, c.kind, c.phrase, c.citation.section)

The patterns are data (``knowledge/extraction_patterns.yml``): spaCy ``Matcher``
token patterns over the project's own pipeline (tokenizer, lookup lemmatizer,
sentencizer - no tagger or parser, so LOWER/LEMMA/LIKE_NUM/ORTH only). Each match
becomes a :class:`Candidate` - a *suggestion* of a rule, never a rule: the curated
rule files stay the only source of due dates, and
:mod:`assistant.rules.check` compares the two.

The duration inside a match is read by :func:`assistant.domain.durations.parse_duration`
(the same reader the rule files use); a match it cannot read ("24-48 hours") is
kept aside as :class:`Unreadable` rather than guessed.

The patterns file is read and checked by :mod:`assistant.knowledge.extract_patterns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple

from assistant.domain.durations import (
    Duration,
    DurationError,
    parse_duration,
    parse_number,
)
from assistant.knowledge.extract_patterns import (
    KINDS,
    PATTERNS_FILE,
    PatternError,
    PatternSpecs,
    load_pattern_specs,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
from assistant.knowledge.spacy_pipeline import load_pipeline

__all__ = [
    "Candidate",
    "CandidateCitation",
    "Extraction",
    "KINDS",
    "PATTERNS_FILE",
    "PatternError",
    "Unreadable",
    "extract",
    "extract_candidates",
    "load_pattern_specs",
]


@dataclass(frozen=True)
class CandidateCitation:
    """Where a candidate comes from; ``quote`` is the sentence, as in the passage."""

    document: str
    authority: str
    section: str
    quote: str

    def as_dict(self) -> Dict[str, str]:
        return {"document": self.document, "authority": self.authority, "section": self.section, "quote": self.quote}


@dataclass(frozen=True)
class Candidate:
    """A timescale statement found in guidance: a suggested rule, not a rule."""

    item: Optional[str]  # best guess among the rule items, None when unclear
    duration: Duration  # for a range ("4-6 weeks") the lower bound
    phrase: str  # the matched text, as written ("within **7 days**")
    kind: str  # within | every | milestone | before (see KINDS)
    anchor_text: Optional[str]  # what it counts from: "the completion of the Assessment"
    conditions: Tuple[str, ...]  # condition words in the sentence or heading ("disability", ...)
    sentence: str  # the sentence, as in the passage
    citation: CandidateCitation
    passage_id: str = ""
    pattern: str = ""  # id of the pattern that matched
    upper: Optional[Duration] = None  # the upper bound of a range, else None


@dataclass(frozen=True)
class Unreadable:
    """A timescale-shaped match the duration reader refuses (e.g. "24-48 hours")."""

    phrase: str
    reason: str
    sentence: str
    citation: CandidateCitation
    passage_id: str = ""


@dataclass(frozen=True)
class Extraction:
    candidates: Tuple[Candidate, ...]
    unreadable: Tuple[Unreadable, ...]


# --------------------------------------------------------------------------- extractor
class _Extractor:
    """The compiled matchers for one pipeline."""

    def __init__(self, nlp: "Language", specs: PatternSpecs) -> None:
        from spacy.matcher import Matcher  # noqa: PLC0415 - lazy: spaCy loads only when timescales are extracted

        self.nlp = nlp
        self.specs = specs
        self.kinds: Dict[str, str] = {}
        self.matcher = Matcher(nlp.vocab, validate=True)
        for spec in specs.patterns:
            self.matcher.add(spec.id, [list(v) for v in spec.variants])
            self.kinds[spec.id] = spec.kind
        self.cue_matcher = Matcher(nlp.vocab, validate=True)
        self.cue_items: Dict[str, Optional[str]] = {}
        for n, (item, cues) in enumerate(specs.items):
            key = f"item{n}"
            self.cue_items[key] = item
            self.cue_matcher.add(key, [list(c) for c in cues])
        self.condition_matcher = Matcher(nlp.vocab, validate=True)
        self.condition_order = [label for label, _ in specs.conditions]
        for label, pats in specs.conditions:
            self.condition_matcher.add(label, [list(p) for p in pats])

    # -- the passages -------------------------------------------------------------
    def run(self, passages: Iterable[Any]) -> Extraction:
        from spacy.util import filter_spans  # noqa: PLC0415 - lazy: spaCy loads only when timescales are extracted

        passages = list(passages)
        candidates: List[Candidate] = []
        unreadable: List[Unreadable] = []
        texts = (p.text for p in passages)
        heading_conditions: Dict[str, Tuple[str, ...]] = {}
        for passage, doc in zip(passages, self.nlp.pipe(texts)):
            heading = getattr(passage, "heading", "") or ""
            if heading not in heading_conditions:
                heading_conditions[heading] = self._conditions(self.nlp(heading)) if heading else ()
            spans = []
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                span.label_ = self.nlp.vocab.strings[match_id]
                spans.append(span)
            for span in sorted(filter_spans(spans), key=lambda s: s.start):
                if self._rejected(doc, span):
                    continue
                found = self._candidate(passage, doc, span, heading_conditions[heading])
                if isinstance(found, Candidate):
                    candidates.append(found)
                elif found is not None:
                    unreadable.append(found)
        return Extraction(candidates=tuple(candidates), unreadable=tuple(unreadable))

    def _rejected(self, doc: "Doc", span: "Span") -> bool:
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        return after in self.specs.reject_next or before in self.specs.reject_previous

    # -- one match ----------------------------------------------------------------
    def _candidate(self, passage: Any, doc: "Doc", span: "Span", heading_conditions: Tuple[str, ...]):
        sent = span.sent
        sentence = sent.text.strip()
        citation = CandidateCitation(
            document=passage.document,
            authority=passage.authority,
            section=passage.section,
            quote=sentence,
        )
        passage_id = getattr(passage, "id", "")
        phrase = span.text.strip()
        read = self._duration(span)
        if isinstance(read, str):
            return Unreadable(phrase=phrase, reason=read, sentence=sentence, citation=citation, passage_id=passage_id)
        duration, upper = read
        anchor = self._anchor(doc, span)
        kind = self.kinds[span.label_]
        if kind == "auto":
            kind = "within" if anchor is not None else "every"
        item = "oversight" if kind == "milestone" else self._item(doc, span, anchor)
        conditions = self._conditions(doc, sent.start, sent.end)
        merged = tuple(dict.fromkeys(conditions + heading_conditions))
        return Candidate(
            item=item,
            duration=duration,
            phrase=phrase,
            kind=kind,
            anchor_text=anchor.text if anchor is not None else None,
            conditions=tuple(c for c in self.condition_order if c in merged),
            sentence=sentence,
            citation=citation,
            passage_id=passage_id,
            pattern=span.label_,
            upper=upper,
        )

    def _duration(self, span: "Span"):
        """(Duration, upper or None), or a reason the match is not a readable duration."""
        unit_i = max((t.i for t in span if t.lower_ in self.specs.unit_words), default=None)
        if unit_i is None:
            return "no unit word"
        numbers = [t for t in span if t.i < unit_i and t.like_num]
        doc = span.doc
        unit_start = (numbers[-1].i + 1) if numbers else unit_i
        # skip "-" and "*" between the number and the unit word
        while unit_start < unit_i and not doc[unit_start].is_alpha:
            unit_start += 1
        unit_text = doc[unit_start : unit_i + 1].text
        if len(numbers) == 2:  # a range: "4-6 weeks", "6 to 12 weeks"
            low, high = (self._read(f"{n.text} {unit_text}") for n in numbers)
            if isinstance(low, str) or isinstance(high, str):
                return low if isinstance(low, str) else high
            if (low.unit, low.amount) == (high.unit, high.amount) or low.unit != high.unit or low.amount > high.amount:
                return f"not a range: {span.text!r}"
            return Duration(low.amount, low.unit, span.text.strip()), Duration(
                high.amount, high.unit, span.text.strip()
            )
        if len(numbers) > 2:
            return f"too many numbers in {span.text!r}"
        core = doc[numbers[0].i : unit_i + 1].text if numbers else unit_text
        if numbers and parse_number(numbers[0].text) is None:
            return f"not a number: {numbers[0].text!r}"
        full = self._read(_plain(span.text))  # "at least every 6 weeks" keeps its words
        result = full if not isinstance(full, str) else self._read(core)
        if isinstance(result, str):
            return result
        return result, None

    @staticmethod
    def _read(text: str):
        try:
            return parse_duration(text)
        except DurationError as exc:
            return str(exc)

    def _anchor(self, doc: "Doc", span: "Span") -> Optional["Span"]:
        """The words the timescale counts from, or None."""
        specs = self.specs
        sent = span.sent
        last = doc[span.end - 1]
        if last.lower_ in specs.connectors:
            start = span.end
        else:
            i = span.end
            while i < sent.end and doc[i].text == "*":
                i += 1
            if i < sent.end and doc[i].lower_ in specs.connectors:
                start = i + 1
            elif i + 1 < sent.end and doc[i].lower_ == "prior" and doc[i + 1].lower_ == "to":
                start = i + 2
            else:
                return None
        end = start
        limit = min(sent.end, start + specs.anchor_max)
        while end < limit:
            tok = doc[end]
            if tok.text in specs.stop_tokens or _spaced_dash(doc, end):
                break
            if end > start and self._stop_here(doc, end, limit):
                break
            end += 1
        if end == start:
            return None
        return doc[start:end]

    def _stop_here(self, doc: "Doc", i: int, limit: int) -> bool:
        for keep in self.specs.keep_phrases:  # "child and family": not a stop
            for offset in range(len(keep)):
                s = i - offset
                if s >= 0 and s + len(keep) <= limit and tuple(t.lower_ for t in doc[s : s + len(keep)]) == keep:
                    return False
        for phrase in self.specs.stop_phrases:
            if i + len(phrase) <= limit and tuple(t.lower_ for t in doc[i : i + len(phrase)]) == phrase:
                return True
        return False

    # -- the item -----------------------------------------------------------------
    def _item(self, doc: "Doc", span: "Span", anchor: Optional["Span"]) -> Optional[str]:
        """The nearest cue: in the clause before, in the clause after, then the sentence."""
        from spacy.util import filter_spans  # noqa: PLC0415 - lazy: spaCy loads only when timescales are extracted

        sent = span.sent
        excluded = set(range(span.start, span.end))
        if anchor is not None:
            excluded.update(range(anchor.start, anchor.end))
        cues = []
        for match_id, start, end in self.cue_matcher(doc):
            if start < sent.start or end > sent.end:
                continue
            cue = doc[start:end]
            cue.label_ = self.nlp.vocab.strings[match_id]
            cues.append(cue)
        kept = []
        for cue in filter_spans(cues):
            head = cue.end - 1
            if head in excluded or self._object_of_preposition(doc, cue.start, sent.start):
                continue
            kept.append(cue)
        if not kept:
            return None
        c_start, c_end = self._clause(doc, span)

        def pick(candidates, reverse):
            ordered = sorted(candidates, key=lambda c: c.start, reverse=reverse)
            return self.cue_items[ordered[0].label_] if ordered else _NONE

        in_clause = [c for c in kept if c_start <= c.end - 1 < c_end]
        for choice in (
            pick([c for c in in_clause if c.start < span.start], reverse=True),
            pick([c for c in in_clause if c.start >= span.end], reverse=False),
            pick([c for c in kept if c.start < span.start], reverse=True),
            pick([c for c in kept if c.start >= span.end], reverse=False),
        ):
            if choice is not _NONE:
                return choice
        return None

    def _object_of_preposition(self, doc: "Doc", start: int, sent_start: int) -> bool:
        i = start - 1
        while i >= sent_start and (doc[i].lower_ in self.specs.determiners or doc[i].lower_ == "cin"):
            i -= 1
        return i >= sent_start and doc[i].lower_ in self.specs.cue_object_of

    def _clause(self, doc: "Doc", span: "Span") -> Tuple[int, int]:
        sent = span.sent
        bounds = self.specs.clause_boundaries
        start = span.start
        while start > sent.start and not (doc[start - 1].lower_ in bounds or _spaced_dash(doc, start - 1)):
            start -= 1
        end = span.end
        while end < sent.end and not (doc[end].lower_ in bounds or _spaced_dash(doc, end)):
            end += 1
        return start, end

    # -- conditions ---------------------------------------------------------------
    def _conditions(self, doc: "Doc", start: int = 0, end: Optional[int] = None) -> Tuple[str, ...]:
        end = len(doc) if end is None else end
        found = set()
        for match_id, s, e in self.condition_matcher(doc):
            if s >= start and e <= end:
                found.add(self.nlp.vocab.strings[match_id])
        return tuple(c for c in self.condition_order if c in found)


def _spaced_dash(doc: "Doc", i: int) -> bool:
    """A dash between spaces (" - ", a run-in bullet or aside), not a hyphen in a word or range."""
    tok = doc[i]
    return tok.text in ("-", "–", "—") and bool(tok.whitespace_) and (i == 0 or bool(doc[i - 1].whitespace_))


_NONE = object()  # "no cue here": distinct from a cue whose item is None


def _plain(text: str) -> str:
    """Matched text without Markdown emphasis, for the duration reader."""
    return re.sub(r"\*+", "", text)


_EXTRACTORS: Dict[Tuple[int, str], _Extractor] = {}


@lru_cache(maxsize=4)
def _specs(path: Path) -> PatternSpecs:
    return load_pattern_specs(path)


def _extractor(nlp: "Language", path: Path) -> _Extractor:
    key = (id(nlp), str(path))
    found = _EXTRACTORS.get(key)
    if found is None or found.nlp is not nlp:
        found = _Extractor(nlp, _specs(Path(path)))
        _EXTRACTORS[key] = found
    return found


def extract(passages: Iterable[Any], nlp: Optional["Language"] = None, patterns: Path = PATTERNS_FILE) -> Extraction:
    """Candidates and unreadable matches in ``passages`` (anything with Passage's fields)."""
    if nlp is None:
        nlp = load_pipeline()
    return _extractor(nlp, Path(patterns)).run(passages)


def extract_candidates(
    passages: Iterable[Any], nlp: Optional["Language"] = None, patterns: Path = PATTERNS_FILE
) -> List[Candidate]:
    """The timescale statements in ``passages``, in passage order."""
    return list(extract(passages, nlp=nlp, patterns=patterns).candidates)

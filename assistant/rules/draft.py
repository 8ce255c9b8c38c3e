"""A new council's rules drafted from the timescales its own document states.

::

    draft = draft_rules("northshire", index.for_authority("northshire"))
    write_draft(draft, POLICIES_DIR / "northshire.yml")      # assistant.rules.draft_file

Adding a council used to mean hand-writing ``knowledge/policies/<key>.yml``.
Here every timescale the spaCy extraction finds in the council's passages
becomes either a *draft rule* (item, anchor, duration, the exact sentence as
its quote, document and section, ``status: draft``) or an *unmapped* sentence
with the reason no item fits, and so does every sentence that merely reads like
a timescale the patterns cannot read ("at day 20", "within 48hrs"). Nothing the
document says about time is dropped, and no draft rule exists without its
quote. A person then confirms the drafts (:mod:`assistant.rules.confirm`);
until then they give no due dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from assistant.domain.durations import Duration, DurationError, parse_duration
from assistant.domain.policy import Citation
from assistant.knowledge.corpus import collapse_ws
from assistant.knowledge.extract import Candidate, Unreadable, extract
from assistant.knowledge.spacy_pipeline import load_pipeline
from assistant.rules.mapping import (
    Slot,
    clause_conditions,
    items_in,
    rule_sentence,
    slot_for,
    timescale_like,
    who_in,
)

if TYPE_CHECKING:
    from spacy.language import Language


class DraftError(ValueError):
    """Nothing to draft from; the message says what to do first."""


@dataclass(frozen=True)
class DraftRule:
    """A suggested rule: where it goes, how long, and the sentence it comes from."""

    id: str
    slot: Slot
    duration: Duration  # its phrase occurs in the quote, as the loader requires
    rule: str
    citation: Citation
    anchor_text: Optional[str] = None  # the sentence's own words for what it counts from
    who: Optional[str] = None
    notes: Tuple[str, ...] = ()  # what the person confirming it should check


@dataclass(frozen=True)
class UnmappedSentence:
    """A timescale sentence no item fits, with why."""

    citation: Citation
    reason: str
    phrase: str = ""
    passage_id: str = ""  # where it was found, to list the entries in reading order


@dataclass(frozen=True)
class Draft:
    """Everything ``rules draft`` writes for one council."""

    authority: str
    name: str
    documents: Tuple[str, ...]
    rules: Tuple[DraftRule, ...]
    unmapped: Tuple[UnmappedSentence, ...]

    def quotes(self) -> Set[str]:
        """Every sentence the draft holds, as a rule's quote or an unmapped entry (whitespace collapsed)."""
        return {collapse_ws(r.citation.quote) for r in self.rules} | {
            collapse_ws(u.citation.quote) for u in self.unmapped
        }


# --------------------------------------------------------------------------- the draft
@dataclass
class _Drafting:
    authority: str
    passages: Dict[str, Any]  # passage id -> passage
    rules: List[Tuple[Slot, Duration, Citation, Candidate, Optional[str]]] = field(default_factory=list)
    unmapped: List[UnmappedSentence] = field(default_factory=list)

    def citation(self, passage_id: str, sentence: str) -> Citation:
        passage = self.passages[passage_id]
        # A passage before any heading has no section: it sits under the document's title.
        section = passage.section or passage.heading or passage.title
        return Citation(document=passage.document, section=section, quote=collapse_ws(sentence))

    def candidate(self, c: Candidate) -> None:
        citation = self.citation(c.passage_id, c.sentence)
        phrase = _phrase_in(c, citation.quote)
        if c.upper is not None:
            reason = f"a range ({c.phrase}): pick the one timescale to use"
            self.unmapped.append(UnmappedSentence(citation, reason, c.phrase, c.passage_id))
            return
        heading = getattr(self.passages[c.passage_id], "heading", "")
        conditions = clause_conditions(c.conditions, c.sentence, c.phrase, heading)
        for item in items_in(c.sentence, c.phrase, c.item):
            slot = slot_for(item, c.kind, c.anchor_text, conditions)
            if isinstance(slot, str):
                self.unmapped.append(UnmappedSentence(citation, slot, c.phrase, c.passage_id))
            elif phrase is None:
                reason = "the duration cannot be quoted as written"
                self.unmapped.append(UnmappedSentence(citation, reason, c.phrase, c.passage_id))
            else:
                self.rules.append((slot, phrase, citation, c, who_in(c.sentence) if item == "oversight" else None))

    def unreadable(self, u: Unreadable) -> None:
        reason = f"a timescale the assistant cannot count in ({u.reason.split(';')[0]})"
        self.unmapped.append(UnmappedSentence(self.citation(u.passage_id, u.sentence), reason, u.phrase, u.passage_id))


def _phrase_in(c: Candidate, quote: str) -> Optional[Duration]:
    """The shortest run of the matched words that reads as the candidate's duration and occurs in the quote.

    "at least every 6 weeks" -> "6 weeks"; "within **7 days**" -> "7 days": the loader
    requires a rule's duration to be the guidance's own words.
    """
    words = c.phrase.split()
    runs = sorted(
        {" ".join(words[i:j]).strip("*").strip() for i in range(len(words)) for j in range(i + 1, len(words) + 1)},
        key=len,
    )
    folded = quote.casefold()
    for run in runs:
        if not run or run.casefold() not in folded:
            continue
        try:
            found = parse_duration(run)
        except DurationError:
            continue
        if (found.amount, found.unit) == (c.duration.amount, c.duration.unit):
            return found
    return None


def _ids(authority: str, slots: Sequence[Tuple[Slot, Duration]]) -> List[str]:
    """Readable, unique ids: northshire.visit, northshire.cin_review.first, northshire.oversight.6-months."""
    out: List[str] = []
    taken: Set[str] = set()
    for slot, duration in slots:
        parts = [authority, slot.item]
        parts += [p for p in (slot.occurrence, slot.category, slot.route) if p]
        if slot.item == "oversight":
            parts.append(f"{duration.amount}-{duration.unit.replace('_', '-')}")
        base = ".".join(parts)
        rule_id, n = base, 2
        while rule_id in taken:
            rule_id, n = f"{base}-{n}", n + 1
        taken.add(rule_id)
        out.append(rule_id)
    return out


def _notes(slot: Slot, duration: Duration, same_slot: Sequence[str], who: Optional[str]) -> Tuple[str, ...]:
    notes = []
    if same_slot:
        notes.append(f"another draft offers the same item and conditions ({', '.join(same_slot)}): confirm one")
    if slot.category:
        notes.append(
            "the sentence mentions disability: check the category "
            "(disability_low_risk, disability_review, disability, disability_welfare)"
        )
    if slot.item == "oversight" and not who:
        notes.append("say who is involved at this milestone ('who') before confirming")
    if duration.unit == "days":
        notes.append("calendar days, not working days: check that is what the council means")
    return tuple(notes)


def _sweep(drafting: _Drafting, passages: Sequence[Any], nlp: "Language", quoted: Set[str]) -> None:
    """Sentences that read like a timescale but gave no candidate: listed, so a person sees them."""
    for passage, doc in zip(passages, nlp.pipe(p.text for p in passages)):
        for sent in doc.sents:
            sentence = collapse_ws(sent.text)
            phrase = timescale_like(sentence)
            if phrase is None or sentence in quoted:
                continue
            quoted.add(sentence)
            drafting.unmapped.append(
                UnmappedSentence(
                    drafting.citation(passage.id, sentence),
                    "reads like a timescale the extraction patterns do not read: check it by hand",
                    phrase,
                    passage.id,
                )
            )


def draft_rules(
    authority: str, passages: Iterable[Any], name: Optional[str] = None, nlp: Optional["Language"] = None
) -> Draft:
    """The draft for ``authority`` from its passages (DraftError when the index holds none)."""
    own = [p for p in passages if p.authority == authority]
    if not own:
        raise DraftError(
            f"the knowledge index holds no guidance for {authority!r}: run "
            f"`cin-assistant ingest FILE --authority {authority} --title TITLE` first"
        )
    try:
        nlp = nlp or load_pipeline()
    except FileNotFoundError as exc:  # a fresh clone before `make setup`
        raise DraftError(str(exc)) from None
    extraction = extract(own, nlp=nlp)
    drafting = _Drafting(authority, {p.id: p for p in own})
    for c in extraction.candidates:
        drafting.candidate(c)
    for u in extraction.unreadable:
        drafting.unreadable(u)
    rules = _unique_rules(drafting.rules)
    unmapped = _unique_unmapped(drafting.unmapped)
    quoted = {collapse_ws(r[2].quote) for r in rules} | {u.citation.quote for u in unmapped}
    swept = _Drafting(authority, drafting.passages)
    _sweep(swept, own, nlp, quoted)
    position = {p.id: n for n, p in enumerate(own)}

    def reading_order(u: UnmappedSentence) -> Tuple[int, int]:
        passage = drafting.passages[u.passage_id]
        return position[u.passage_id], passage.text.find(u.citation.quote)

    return Draft(
        authority=authority,
        name=name or authority.replace("_", " ").title(),
        documents=tuple(dict.fromkeys(p.document for p in own)),
        rules=_finish(authority, rules),
        unmapped=tuple(sorted(unmapped + swept.unmapped, key=reading_order)),
    )


def _unique_rules(rules: List[Tuple[Slot, Duration, Citation, Candidate, Optional[str]]]):
    seen: Set[Tuple] = set()
    out = []
    for entry in rules:
        slot, duration, citation = entry[0], entry[1], entry[2]
        key = (slot, duration.amount, duration.unit, citation.document, citation.quote)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _unique_unmapped(entries: List[UnmappedSentence]) -> List[UnmappedSentence]:
    seen: Set[Tuple[str, str, str]] = set()
    out = []
    for u in entries:
        key = (u.citation.document, u.citation.quote, u.phrase)
        if key not in seen:
            seen.add(key)
            out.append(u)
    return out


def _then_every(rules: List[Tuple[Slot, Duration, Citation, Candidate, Optional[str]]]):
    """ "The first review within 3 months, then every 6 months": where a first review is drafted, a review
    cadence for the same cases is the later reviews' (occurrence: subsequent), as spec §2 counts them."""
    firsts = {(s.category, s.route) for s, *_ in rules if s.item == "cin_review" and s.occurrence == "first"}
    out = []
    for slot, *rest in rules:
        if slot.item == "cin_review" and slot.occurrence is None and (slot.category, None) in firsts:
            slot = Slot("cin_review", "previous", occurrence="subsequent", category=slot.category)
        out.append((slot, *rest))
    return out


def _finish(authority: str, rules: List[Tuple[Slot, Duration, Citation, Candidate, Optional[str]]]):
    rules = _then_every(rules)
    ids = _ids(authority, [(r[0], r[1]) for r in rules])
    by_slot: Dict[Tuple, List[str]] = {}
    for rule_id, (slot, duration, *_rest) in zip(ids, rules):
        milestone = (duration.amount, duration.unit) if slot.item == "oversight" else None
        by_slot.setdefault((slot.item, slot.category, slot.route, slot.occurrence, milestone), []).append(rule_id)
    out = []
    for rule_id, (slot, duration, citation, candidate, who) in zip(ids, rules):
        milestone = (duration.amount, duration.unit) if slot.item == "oversight" else None
        others = [
            i for i in by_slot[(slot.item, slot.category, slot.route, slot.occurrence, milestone)] if i != rule_id
        ]
        out.append(
            DraftRule(
                id=rule_id,
                slot=slot,
                duration=duration,
                rule=rule_sentence(slot, duration, who),
                citation=citation,
                anchor_text=candidate.anchor_text,
                who=who,
                notes=_notes(slot, duration, others, who),
            )
        )
    return tuple(out)


__all__ = ["Draft", "DraftError", "DraftRule", "UnmappedSentence", "draft_rules", "timescale_like"]

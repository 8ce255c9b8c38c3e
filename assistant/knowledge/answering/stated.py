"""What a council's own text says about a topic's timescale when no confirmed rule holds it.

A council added from its own document has drafts, or no rule file at all,
until a person confirms its rules. Its text may still state the timescale a
worker asks about ("Visiting and reviewing of children in need is 6 weekly"):
an answer must then quote that sentence, cited, and say it is not yet a
confirmed rule for due dates - never that the guidance "does not set a
timescale", which the quote beside it would contradict (issue 21).

The sentences come from the council's rule file when it has one (its drafts
for the topic's item, then its ``unmapped`` sentences naming the item), else,
just after ``ingest``, from every sentence of its passages that reads like a
timescale and names the item (:func:`assistant.rules.mapping.names_item`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from assistant.knowledge.answering.context import Context, quote_line, rule_citation, sentence
from assistant.knowledge.ingest import split_sentences
from assistant.knowledge.passages import collapse_ws
from assistant.knowledge.topics import Topic
from assistant.rules.mapping import ROUTE_CUES, names_item, timescale_like

MAX_STATED = 3  # sentences quoted at the head of an answer


@dataclass(frozen=True)
class Stated:
    """One sentence of a council's guidance that states a timescale for a topic's item."""

    document: str
    section: str
    quote: str  # whitespace collapsed; occurs in the document
    authority: str
    drafts: Tuple[str, ...] = ()  # the drafted rule ids that quote it, awaiting confirmation

    def citation(self, ctx: Context) -> Dict[str, str]:
        return {
            "document": self.document,
            "section": self.section,
            "quote": self.quote,
            "authority": self.authority,
            "title": ctx.title(self.document),
        }

    def line(self, ctx: Context) -> str:
        return quote_line(ctx, self.quote, self.document, self.section, self.authority)


def _about_topic(text: str, topic: Topic) -> bool:
    """A sentence naming the topic's item (and its step-down route; for a topic with none, no route)."""
    assert topic.item is not None
    if not names_item(text, topic.item, topic.route):
        return False
    return topic.route is not None or not any(words.search(text) for words in ROUTE_CUES.values())


def stated_timescales(ctx: Context, topic: Topic, authority: str) -> List[Stated]:
    """The council's sentences stating the topic's timescale that no confirmed rule of its own holds.

    With a rule file, the file is the record of what the text says about time
    (``rules draft`` puts every timescale sentence in it, as a draft or under
    ``unmapped``): its drafts for the item, then its unmapped sentences naming
    the item. The shipped councils' files hold neither, so their answers are
    unchanged. Before a file exists (just ingested), every sentence of the
    council's passages that reads like a timescale and names the item.
    Worked out once per answer (``ctx.stated``).
    """
    if not topic.item or authority in ctx.general:
        return []
    key = (topic.id, authority)
    if key not in ctx.stated:
        ctx.stated[key] = _stated_timescales(ctx, topic, authority)
    return list(ctx.stated[key])


def _stated_timescales(ctx: Context, topic: Topic, authority: str) -> List[Stated]:
    policy = ctx.policies.get(authority)
    own = [r for r in getattr(policy, "rules", ()) if r.authority == authority]
    if any(r.item == topic.item and r.route == topic.route for r in own):
        return []  # a confirmed rule answers: the rule leads, as for any council
    found: Dict[str, Stated] = {}
    if policy is not None:
        drafts = [r for r in policy.drafts if r.item == topic.item and r.route == topic.route]
        for rule in sorted(drafts, key=lambda r: r.category is not None):
            c = rule.citation
            quote = collapse_ws(c.quote)
            ids = (found[quote].drafts if quote in found else ()) + (rule.id,)
            found[quote] = Stated(c.document, c.section, quote, authority, ids)
        for entry in policy.unmapped:
            c = entry.citation
            quote = collapse_ws(c.quote)
            if quote not in found and _about_topic(quote, topic):
                found[quote] = Stated(c.document, c.section, quote, authority)
        return list(found.values())[:MAX_STATED]
    for passage in (p for p in ctx.passages if p.authority == authority):
        for text in split_sentences(collapse_ws(passage.text)):
            if text not in found and timescale_like(text) is not None and _about_topic(text, topic):
                found[text] = Stated(passage.document, passage.section, text, authority)
    return list(found.values())[:MAX_STATED]


def not_confirmed_note(stated: Sequence[Stated]) -> str:
    """Why the quoted timescale gives no due date yet, in a worker's words."""
    drafts = list(dict.fromkeys(d for s in stated for d in s.drafts))
    this = "This is" if len(stated) == 1 else "These are"
    it, rule = ("it", "a rule") if len(stated) == 1 else ("them", "rules")
    if drafts:
        return (
            f"{this} not yet confirmed as {rule}, so the assistant does not use {it} for due dates "
            f"(drafted as {', '.join(drafts)}, waiting for the council to confirm)."
        )
    return f"{this} not yet confirmed as {rule}, so the assistant does not use {it} for due dates."


def stated_lead(
    ctx: Context, authority: str, stated: Sequence[Stated], baseline: Sequence[Any] = ()
) -> Tuple[List[str], List[Dict[str, str]]]:
    """The head of a single-council answer: the council's sentences, cited; that they are not yet a
    confirmed rule; and, when a statutory baseline rule covers the item meanwhile, that rule."""
    lines = [f"{ctx.possessive(authority)} guidance says:"] + [s.line(ctx) for s in stated]
    cits = [s.citation(ctx) for s in stated]
    lines.append(not_confirmed_note(stated))
    if baseline:
        r = baseline[0]
        lines.append(f"Until one is, the statutory baseline applies: {sentence(r.rule)}")
        lines.append(quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, r.authority))
        cits.append(rule_citation(ctx, r.citation, r.authority))
    return lines, cits


def stated_short(ctx: Context, topic: Topic, authority: str) -> Optional[Tuple[str, List[Dict[str, str]]]]:
    """One line for a side-by-side answer: what the council's text says, not yet a rule."""
    stated = stated_timescales(ctx, topic, authority)
    if not stated:
        return None
    first = stated[0]
    return f"not yet a confirmed rule; it says {first.line(ctx)}", [first.citation(ctx)]


__all__ = ["MAX_STATED", "Stated", "not_confirmed_note", "stated_lead", "stated_short", "stated_timescales"]

"""What a council's own text says about a topic's timescale when no confirmed rule holds it.

A council added from its own document has drafts, or no rule file at all,
until a person confirms its rules. Its text may still state the timescale a
worker asks about ("Visiting and reviewing of children in need is 6 weekly"):
an answer must then quote that sentence, cited, and say it is not yet a
confirmed rule for due dates - never that the guidance "does not set a
timescale", which the quote beside it would contradict (issue 21).

The sentences come from two places, in this order: the council's drafted
rules for the topic's item (``rules draft`` placed them), then any other
sentence of its passages that reads like a timescale and names the item
(:func:`assistant.rules.mapping.names_item`), unless its rule file already
places that sentence under another item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

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


def _placed_elsewhere(policy: Any, item: str) -> Set[str]:
    """Sentences the council's rules or drafts give to another item: not this topic's to quote."""
    if policy is None:
        return set()
    rules = tuple(policy.rules) + tuple(getattr(policy, "drafts", ()))
    return {collapse_ws(r.citation.quote) for r in rules if r.item != item and r.authority == policy.authority}


def stated_timescales(ctx: Context, topic: Topic, authority: str) -> List[Stated]:
    """The council's sentences stating the topic's timescale that no confirmed rule of its own holds."""
    if not topic.item or authority in ctx.general:
        return []
    policy = ctx.policies.get(authority)
    if policy is not None and any(
        r.item == topic.item and r.route == topic.route and r.authority == authority for r in policy.rules
    ):
        return []  # a confirmed rule answers: the rule leads, as for any council
    found: Dict[str, Stated] = {}
    drafts = [r for r in getattr(policy, "drafts", ()) if r.item == topic.item and r.route == topic.route]
    for rule in sorted(drafts, key=lambda r: r.category is not None):
        quote = collapse_ws(rule.citation.quote)
        old = found.get(quote)
        ids = (old.drafts if old else ()) + (rule.id,)
        c = rule.citation
        found[quote] = Stated(c.document, c.section, quote, authority, ids)
    elsewhere = _placed_elsewhere(policy, topic.item)
    for passage in (p for p in ctx.passages if p.authority == authority):
        for text in split_sentences(collapse_ws(passage.text)):
            if text in found or text in elsewhere or timescale_like(text) is None:
                continue
            if not names_item(text, topic.item, topic.route):
                continue
            if topic.route is None and any(words.search(text) for words in ROUTE_CUES.values()):
                continue  # a step-down route's timescale belongs to that route's topic
            found[text] = Stated(passage.document, passage.section, text, authority)
    return list(found.values())[:MAX_STATED]


def not_confirmed_note(stated: List[Stated]) -> str:
    """Why the quoted timescale gives no due date yet, in a worker's words."""
    drafts = [d for s in stated for d in s.drafts]
    if drafts:
        return (
            f"This timescale is drafted as a rule ({', '.join(dict.fromkeys(drafts))}) but not yet confirmed, "
            "so the assistant does not use it for due dates."
        )
    return "No rule has been confirmed from this text yet, so the assistant does not use it for due dates."


def stated_lead(
    ctx: Context, authority: str, stated: Sequence[Stated], baseline: Sequence[Any] = ()
) -> Tuple[List[str], List[Dict[str, str]]]:
    """The head of a single-council answer: the council's sentences, cited; that they are not yet a
    confirmed rule; and, when a statutory baseline rule covers the item meanwhile, that rule."""
    lines = [f"{ctx.possessive(authority)} guidance says:"] + [s.line(ctx) for s in stated]
    cits = [s.citation(ctx) for s in stated]
    lines.append(not_confirmed_note(list(stated)))
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

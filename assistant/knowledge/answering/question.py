"""A worker's procedure question answered from the passages that answer it: retrieval first, topics a prior.

The passages of the council that should answer (the one named in the
question, else the asker's own) and of the England general guide are ranked
for the question itself (:mod:`.rank`); the NLU's topic is one signal among
several, never a gate. The reply quotes the best passage and up to two more
that score nearly as well, whole (a lead-in with its list), each cited.

A curated timescale rule leads only when the question asks about a timescale
and the rule is about what the question is about (its topic is the NLU's or
its own passage ranks among the best); a rule's contradiction or a curated
silence is said plainly. Where the council's text states the timescale but no
confirmed rule holds it yet (a council added from its own document), that text
leads in the same way, noted as not yet used for due dates (:mod:`.stated`).
When no passage answers well, the reply says the guidance does not seem to
cover it and names the closest sections, without quoting them as if they were
the answer.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from assistant.domain.phrasing import GENERAL_LABEL, section_label
from assistant.knowledge.answering.abstention import abstention_features
from assistant.knowledge.answering.classify import detect_authorities
from assistant.knowledge.answering.compose import COMPARE_WORDS, answer, rule_quotes, topic_rules
from assistant.knowledge.answering.context import (
    Answer,
    Context,
    dedupe,
    overlaps,
    passage_citation,
    quote_line,
    rule_citation,
    sentence,
)
from assistant.knowledge.answering.rank import TIMESCALE_QUESTION, Ranked, RankerSettings, ranker_of, ranker_settings
from assistant.knowledge.answering.retrieve import silence_of
from assistant.knowledge.answering.stated import Stated, stated_lead, stated_timescales
from assistant.knowledge.passages import collapse_ws, display_text
from assistant.knowledge.sentence_model import embed
from assistant.knowledge.topics import Taxonomy, Topic

LEAD_RULE_WITHIN = 5  # a rule leads when its own passage is among this many best (or the NLU is sure of its topic)
SURE_TOPIC = 0.6  # the NLU's confidence at which its topic's rule may lead without its passage ranking high
CLOSEST_SHOWN = 2


def answer_question(
    question: str,
    authority: Optional[str] = None,
    *,
    named: Iterable[str] = (),
    topic_prior: Optional[Mapping[str, float]] = None,
    index=None,
    policies=None,
    taxonomy: Optional[Taxonomy] = None,
    settings: Optional[RankerSettings] = None,
    question_vector: Optional[np.ndarray] = None,
) -> Answer:
    """The answer to ``question`` for the council named in it (or ``named``), else ``authority``.

    ``topic_prior``: the NLU's procedure topics and their confidence. Two or
    more councils named, or a comparison asked for, gives them side by side on
    the likeliest topic; no council at all (a sender who is not a worker)
    gives every council side by side, as the topic answer does.
    ``question_vector``: the question's sentence embedding when the NLU has it already.
    """
    ctx = Context(index, policies, taxonomy)
    prior = dict(topic_prior or {})
    councils = list(named) or detect_authorities(
        question, index=ctx.index, taxonomy=ctx.taxonomy, policies=ctx.policies
    )
    best_topic = max(prior, key=lambda t: prior[t]) if prior else None
    wants_compare = len(councils) > 1 or any(w in f" {question.lower()} " for w in COMPARE_WORDS)
    target = councils[0] if councils else authority
    if (wants_compare or target is None) and best_topic is not None:
        return answer(
            best_topic,
            target,
            compare=True,
            index=ctx.index,
            policies=ctx.policies,
            taxonomy=ctx.taxonomy,
            question=question,
        )
    settings = settings or ranker_settings()
    authorities = ([target] if target else []) + [a for a in ctx.authorities if a in ctx.general and a != target]
    if target is None:
        authorities = list(ctx.authorities)
    vector = question_vector if question_vector is not None else embed([question])[0]
    ranked = ranker_of(ctx).rank(question, authorities, prior, settings, vector)
    silent = _silent_on_timescale(ctx, question, target, _topic_for(ctx, best_topic, []), prior)
    if silent is not None:
        return _with_general_guide(ctx, silent, ranked, settings)
    chosen = quoted_passages(ranked, settings) if ranked else []  # quoted, and what the abstention weighs
    if not ranked or _abstains(ctx, question, ranked, chosen, settings, vector):
        stated = _stated_instead(ctx, question, target, best_topic, prior, settings)
        return stated or _abstain(ctx, target, ranked, best_topic)
    topic = _topic_for(ctx, best_topic, chosen)
    rule = _leading_rule(ctx, question, target, topic, prior, ranked) if target else None
    if rule is not None:
        return _with_rule(ctx, target or "", topic, rule, chosen, settings)
    return _from_passages(ctx, target, topic, chosen)


def _silent_on_timescale(
    ctx: Context, question: str, target: Optional[str], topic: Optional[Topic], prior: Mapping[str, float]
) -> Optional[Answer]:
    """A timescale question (the NLU sure of its topic) that the council's guidance does not answer at all:
    no rule, no curated silence, no sentence of its own stating one. Said plainly, with what the other
    councils set (the topic answer), rather than the nearest passage about something else."""
    if target is None or topic is None or not topic.item or prior.get(topic.id, 0.0) < SURE_TOPIC:
        return None
    if not HOW_SOON.search(question) or silence_of(ctx, topic, target) is not None:
        return None
    if topic_rules(ctx, topic, target) or stated_timescales(ctx, topic, target):
        return None
    said = answer(topic.id, target, index=ctx.index, policies=ctx.policies, taxonomy=ctx.taxonomy, question=question)
    # "does not set a timescale for this. What it says: ..." answers a timescale question with a silence
    return dataclasses.replace(said, status="silent")


#: A question asking for a timescale itself ("how often", "what's the timescale"), not one that merely says "when".
HOW_SOON = re.compile(
    r"\b(?:how (?:often|soon|long|quickly|frequently)|how many (?:days|weeks|months)|timescales?|time ?frames?|"
    r"deadline|frequency|within how)\b",
    re.IGNORECASE,
)


def _with_general_guide(ctx: Context, silent: Answer, ranked: Sequence[Ranked], settings: RankerSettings) -> Answer:
    """The plain silence, then the England general guide's passage when it answers the question well."""
    general = next((r for r in ranked if r.passage.authority in ctx.general), None)
    if general is None or general.score < settings.abstain_below:
        return silent
    p = general.passage
    text = f"{silent.text}\nThe England general guide ({GENERAL_LABEL}) says:\n" + quote_line(
        ctx, p.text, p.document, p.section, p.authority
    )
    return dataclasses.replace(silent, text=text, citations=dedupe([*silent.citations, passage_citation(p)]))


def _abstains(
    ctx: Context,
    question: str,
    ranked: Sequence[Ranked],
    chosen: Sequence[Ranked],
    settings: RankerSettings,
    vector: np.ndarray,
) -> bool:
    """Whether the guidance does not answer the question: the learned abstention (:mod:`.abstention`) when
    the settings hold one, else the best passage's score under the threshold."""
    if settings.abstention is None:
        return ranked[0].score < settings.abstain_below
    features = abstention_features(ranker_of(ctx), question, ranked, chosen, vector)
    return settings.abstention.abstains(features)


def quoted_passages(ranked: Sequence[Ranked], settings: RankerSettings) -> List[Ranked]:
    """The best passage, and up to two more within ``follow_within`` of it (not repeating what is shown)."""
    chosen = [ranked[0]]
    for r in ranked[1:]:
        if len(chosen) >= settings.max_quoted or ranked[0].score - r.score > settings.follow_within:
            break
        if not overlaps(r.passage.text, [c.passage.text for c in chosen]):
            chosen.append(r)
    return chosen


def _topic_for(ctx: Context, best_topic: Optional[str], chosen: Sequence[Ranked]) -> Optional[Topic]:
    if best_topic is not None and best_topic in ctx.taxonomy.ids():
        return ctx.taxonomy.get(best_topic)
    return None


def _leading_rule(
    ctx: Context,
    question: str,
    authority: str,
    topic: Optional[Topic],
    prior: Mapping[str, float],
    ranked: Sequence[Ranked],
) -> Optional[Tuple[list, object, List[Stated]]]:
    """(the topic's rules, its curated silence, the council's own sentences stating the timescale that no
    confirmed rule holds yet) when they should lead the answer, else None."""
    if topic is None or not topic.item or not TIMESCALE_QUESTION.search(question):
        return None
    silence = silence_of(ctx, topic, authority)
    rules = topic_rules(ctx, topic, authority)
    stated = stated_timescales(ctx, topic, authority) if silence is None else []
    if silence is None and not rules and not stated:
        return None
    quotes = rule_quotes(ctx, rules) + [s.quote for s in stated]
    quotes += [collapse_ws(silence.citation.quote)] if silence is not None else []
    near = [r.passage.text for r in ranked[:LEAD_RULE_WITHIN]]
    if prior.get(topic.id, 0.0) >= SURE_TOPIC or any(overlaps(text, quotes) for text in near):
        return rules, silence, stated
    return None


def _stated_instead(
    ctx: Context,
    question: str,
    target: Optional[str],
    best_topic: Optional[str],
    prior: Mapping[str, float],
    settings: RankerSettings,
) -> Optional[Answer]:
    """When no passage ranks well but the NLU is sure of a timescale topic whose timescale the council's
    own text states (a confirmed rule of its own, or a sentence not yet confirmed): that, not "does not
    seem to cover that" - a short chapter's one sentence can rank low and still be the answer."""
    topic = _topic_for(ctx, best_topic, [])
    if target is None or topic is None or not topic.item or prior.get(topic.id, 0.0) < SURE_TOPIC:
        return None
    led = _leading_rule(ctx, question, target, topic, prior, [])
    if led is None or led[1] is not None:
        return None  # not a timescale question, or a curated silence: the ranking's answer stands
    rules, _, stated = led
    if not stated and not any(r.authority == target for r in rules):
        return None  # only the statutory baseline: nothing the council's own text states
    return _with_rule(ctx, target, topic, led, [], settings)


def _from_passages(ctx: Context, target: Optional[str], topic: Optional[Topic], chosen: Sequence[Ranked]) -> Answer:
    """The passages that answer, quoted whole and cited; the general guide labelled as such."""
    lead = chosen[0].passage
    lines: List[str] = []
    if target is not None and lead.authority != target and lead.authority in ctx.general:
        lines.append(
            f"{ctx.possessive(target)} guidance in this assistant does not say; the England general guide "
            f"({GENERAL_LABEL}) says:"
        )
    elif lead.authority in ctx.general:
        lines.append(f"The England general guide ({GENERAL_LABEL}) says:")
    else:
        lines.append(f"{ctx.possessive(lead.authority)} guidance says:")
    cits: List[Dict[str, str]] = []
    for r in chosen:
        p = r.passage
        lines.append(quote_line(ctx, p.text, p.document, p.section, p.authority))
        cits.append(passage_citation(p))
    return Answer(
        topic.id if topic else "", target, "\n".join(lines), dedupe(cits), "answered", [], topic.title if topic else ""
    )


def _with_rule(
    ctx: Context,
    target: str,
    topic: Optional[Topic],
    rule: Tuple[list, object, List[Stated]],
    chosen: Sequence[Ranked],
    settings: RankerSettings,
) -> Answer:
    """The curated timescale first (or its curated silence, or the council's own words for a timescale no
    confirmed rule holds yet), then the passages that answer beside it."""
    assert topic is not None
    rules, silence, stated = rule
    poss = ctx.possessive(target)
    lines: List[str] = []
    cits: List[Dict[str, str]] = []
    status = "answered"
    if silence is not None:
        c = silence.citation  # type: ignore[attr-defined]
        lines.append(f"{poss} guidance in this assistant {topic.silent_text}. {sentence(silence.note)}")  # type: ignore[attr-defined]
        lines.append(f"It says: {quote_line(ctx, c.quote, c.document, c.section, target)}")
        cits.append(rule_citation(ctx, c, target))
        status = "silent"
    elif stated:
        head, cited = stated_lead(ctx, target, stated, [r for r in rules if r.authority != target])
        lines += head
        cits += cited
    else:
        status = _rule_lines(ctx, target, rules, lines, cits)
    shown = rule_quotes(ctx, rules) + [c["quote"] for c in cits]
    extra = [r for r in chosen if not overlaps(r.passage.text, shown)][: max(0, settings.max_quoted - 1)]
    if extra:
        lines.append("The guidance also says:")
        for r in extra:
            p = r.passage
            lines.append(quote_line(ctx, p.text, p.document, p.section, p.authority))
            cits.append(passage_citation(p))
    return Answer(topic.id, target, "\n".join(lines), dedupe(cits), status, [], topic.title)


def _rule_lines(ctx: Context, target: str, rules: list, lines: List[str], cits: List[Dict[str, str]]) -> str:
    """The rule's plain sentence and quote (the statutory baseline's when the council has none); the status."""
    poss = ctx.possessive(target)
    own = [r for r in rules if r.authority == target]
    if not own:
        r = rules[0]
        lines.append(
            f"{poss} guidance in this assistant does not set its own timescale for this; "
            f"the statutory baseline applies: {sentence(r.rule)}"
        )
        lines.append(quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, r.authority))
        cits.append(rule_citation(ctx, r.citation, r.authority))
        return "answered"
    status = "answered"
    general_rules = [r for r in own if r.category is None] or own
    for r in general_rules:
        lines.append(f"{poss} guidance: {sentence(r.rule)}")
    for r in general_rules:
        if not any(collapse_ws(r.citation.quote) == collapse_ws(c["quote"]) for c in cits):
            lines.append(quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, target))
            cits.append(rule_citation(ctx, r.citation, target))
    for r in [r for r in own if r not in general_rules]:
        lines.append(f"- For particular cases: {r.rule} {ctx.cite(r.citation.document, r.citation.section, target)}")
        cits.append(rule_citation(ctx, r.citation, target))
    for r in own:
        for c in r.conflicts:
            lines.append(
                f"Note: {poss} guidance contradicts itself here. {section_label(r.citation.section).capitalize()} "
                f'says "{display_text(r.citation.quote)}", but {section_label(c.citation.section)} says '
                f'"{display_text(c.citation.quote)}". {sentence(c.note)}'
            )
            cits.append(rule_citation(ctx, c.citation, target))
            status = "conflict"
    return status


def _abstain(ctx: Context, target: Optional[str], ranked: Sequence[Ranked], best_topic: Optional[str]) -> Answer:
    """The guidance does not answer this: said plainly, with the closest sections named but not quoted."""
    whose = f"{ctx.possessive(target)} guidance" if target else "The guidance"
    closest = [r.passage for r in ranked[:CLOSEST_SHOWN]]
    if closest:
        named = "; ".join(f"{ctx.label(p.authority)} {section_label(p.section)}" for p in closest)
        text = (
            f"{whose} in this assistant does not seem to cover that. The closest parts are {named}. "
            "Your manager or the council's procedures team can tell you more."
        )
    else:
        text = f"{whose} in this assistant does not cover that."
    return Answer(
        best_topic or "", target, text, [passage_citation(p) for p in closest], "silent", [], "", abstained=True
    )


__all__ = ["answer_question", "quoted_passages"]

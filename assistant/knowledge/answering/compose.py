"""Composing a procedure answer: the rule (only ever a confirmed one) and the passages, quoted and cited.

Where a council's text states the topic's timescale but no confirmed rule holds
it (a council added from its own document, before its drafts are confirmed),
the answer leads with that text and says it is not yet used for due dates
(:mod:`.stated`); "does not set a timescale" is said only when no passage of
the council states one.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from assistant.domain.phrasing import GENERAL_LABEL, section_label
from assistant.knowledge.answering.classify import (
    CONFIDENT_TOPIC_SCORE,
    detect_authorities,
    matcher_of,
)
from assistant.knowledge.answering.context import (
    Answer,
    Context,
    dedupe,
    first_sentences,
    passage_citation,
    quote_line,
    rule_citation,
    sentence,
)
from assistant.knowledge.answering.retrieve import (
    MIN_SEARCH_SCORE,
    Focus,
    search,
    silence_of,
    topic_passages,
)
from assistant.knowledge.answering.stated import stated_lead, stated_short, stated_timescales
from assistant.knowledge.passages import collapse_ws, display_text
from assistant.knowledge.topics import STOPWORDS, Taxonomy, Topic, tokens

COMPARE_WORDS = (
    "compare",
    "comparison",
    "each council",
    "every council",
    "all councils",
    "other councils",
    "across",
    "side by side",
    "each authority",
    "all authorities",
    "everywhere",
    "each la",
    "other las",
)


def rule_quotes(ctx: Context, rules) -> List[str]:
    out = []
    for r in rules:
        out.append(collapse_ws(r.citation.quote))
        out += [collapse_ws(c.quote) for c in r.supporting]
    return out


def topic_rules(ctx: Context, topic: Topic, authority: str) -> list:
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
    return sorted(chosen, key=lambda r: r.category is not None)


# --------------------------------------------------------------------------- one-line summaries


def _short_line(ctx: Context, topic: Topic, authority: str) -> Tuple[Optional[str], List[Dict[str, str]], str]:
    """One cited line for what an authority says on a topic: (line or None, citations, status)."""
    rules = topic_rules(ctx, topic, authority)
    own = [r for r in rules if r.authority == authority]
    general_rules = [r for r in own if r.category is None] or own
    if general_rules:
        r0 = general_rules[0]
        sentences = "; ".join(dict.fromkeys(r.rule for r in general_rules))
        line = f"{sentences} {ctx.cite(r0.citation.document, r0.citation.section, authority)}"
        cits = [rule_citation(ctx, r.citation, authority) for r in general_rules]
        status = "answered"
        conflicts = [c for r in general_rules for c in r.conflicts]
        if conflicts:
            c = conflicts[0]
            line += f'; but it also says "{display_text(c.citation.quote)}" ({section_label(c.citation.section)})'
            cits.append(rule_citation(ctx, c.citation, authority))
            status = "conflict"
        return line, dedupe(cits), status
    silence = silence_of(ctx, topic, authority)
    if silence is not None:
        c = silence.citation
        line = f"not set in the guidance held; it says {quote_line(ctx, c.quote, c.document, c.section, authority)}"
        return line, [rule_citation(ctx, c, authority)], "silent"
    stated = stated_short(ctx, topic, authority)
    if stated is not None:
        return stated[0], stated[1], "answered"
    passages = topic_passages(ctx, topic, authority, limit=1)
    if passages:
        p = passages[0]
        quote = first_sentences(p.text)
        prefix = "no timescale set; " if topic.item and authority not in ctx.general else ""
        line = f"{prefix}{quote_line(ctx, quote, p.document, p.section, authority, cut=quote != p.text)}"
        cit = passage_citation(p)
        cit["quote"] = quote
        return line, [cit], "answered"
    return None, [], "silent"


def _others(ctx: Context, topic: Topic, authority: Optional[str]) -> List[Dict[str, Any]]:
    out = []
    for a in ctx.authorities:
        if a == authority:
            continue
        line, cits, status = _short_line(ctx, topic, a)
        if line is None or status == "silent":
            continue
        out.append({"authority": a, "name": ctx.label(a), "text": line, "citations": cits, "status": status})
    return out


# --------------------------------------------------------------------------- answer


def _resolve(topic: str, ctx: Context) -> Topic:
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
    ctx = Context(index, policies, taxonomy)
    t = _resolve(topic, ctx)
    if authority is not None and not ctx.known(authority):
        raise ValueError(f"unknown authority {authority!r}; the guidance held covers: {', '.join(ctx.authorities)}")
    focus = Focus(ctx, question) if question and question.strip() else None
    if authority is None or compare:
        return _compare(ctx, t, authority, focus if focus_compare else None)
    return _single(ctx, t, authority, focus)


def _compare(ctx: Context, t: Topic, first: Optional[str], focus: Optional["Focus"] = None) -> Answer:
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
            lines.append(
                f"On your question, {ctx.label(best.authority)}: "
                f"{quote_line(ctx, best.text, best.document, best.section, best.authority)}"
            )
            cits.append(passage_citation(best))
    if any(a in ctx.general for a in order):
        lines.append(f"The England general guide is {GENERAL_LABEL}; follow your own council's procedure.")
    return Answer(t.id, None if first is None else first, "\n".join(lines), dedupe(cits), "compared", [], t.title)


def _single(ctx: Context, t: Topic, authority: str, focus: Optional["Focus"] = None) -> Answer:
    """One council's answer: its stated timescale, its silence, its rules or its passages, in that order of
    precedence; when it is silent, a related rule of its own and what the other guidance held says."""
    general = authority in ctx.general
    lines: List[str] = []
    if general:
        lines.append(f"The England general guide is {GENERAL_LABEL}.")

    silence = silence_of(ctx, t, authority)
    rules = topic_rules(ctx, t, authority)
    stated = stated_timescales(ctx, t, authority) if silence is None else []
    if stated:
        body, cits, status = _stated_body(ctx, t, authority, rules, stated, focus)
    elif silence is not None:
        body, cits, status = _silence_body(ctx, t, authority, silence)
    elif rules:
        body, cits, status = _rules_body(ctx, t, authority, rules, focus)
    else:
        body, cits, status = _passages_body(ctx, t, authority, focus)
    lines += body
    others: List[Dict[str, Any]] = []
    if status == "silent":
        more, more_cits, others = _when_silent(ctx, t, authority)
        lines += more
        cits += more_cits
    return Answer(t.id, authority, "\n".join(lines), dedupe(cits), status, others, t.title)


Body = Tuple[List[str], List[Dict[str, str]], str]  # an answer's lines, their citations, its status


def _also_says(ctx: Context, authority: str, extra: list) -> Tuple[List[str], List[Dict[str, str]]]:
    """The topic's further passages, after the rule: "The guidance also says:" and a quote each."""
    lines: List[str] = []
    cits: List[Dict[str, str]] = []
    if extra:
        lines.append("The guidance also says:")
        for p in extra:
            lines.append(quote_line(ctx, p.text, p.document, p.section, authority))
            cits.append(passage_citation(p))
    return lines, cits


def _stated_body(ctx: Context, t: Topic, authority: str, rules: list, stated: list, focus: Optional["Focus"]) -> Body:
    """The council's own sentences stating the timescale (no confirmed rule holds them yet), then the rest."""
    inherited = [r for r in rules if r.authority != authority]
    lines, cits = stated_lead(ctx, authority, stated, inherited)
    lines = list(lines)
    cits = list(cits)
    shown = rule_quotes(ctx, rules) + [s.quote for s in stated]
    extra = topic_passages(ctx, t, authority, exclude=shown)
    if focus is not None:
        extra = focus.choose(t, authority, extra, exclude=shown)
    more, more_cits = _also_says(ctx, authority, extra)
    return lines + more, cits + more_cits, "answered"


def _silence_body(ctx: Context, t: Topic, authority: str, silence) -> Body:
    """A curated silence: the guidance does not cover the topic, and what it says instead."""
    c = silence.citation
    lines = [
        f"{ctx.possessive(authority)} guidance in this assistant {t.silent_text}. {sentence(silence.note)}",
        f"It says: {quote_line(ctx, c.quote, c.document, c.section, authority)}",
    ]
    return lines, [rule_citation(ctx, c, authority)], "silent"


def _rules_body(ctx: Context, t: Topic, authority: str, rules: list, focus: Optional["Focus"]) -> Body:
    """The curated rules (the council's own, else the statutory baseline), then the topic's other passages."""
    own = [r for r in rules if r.authority == authority]
    inherited = [r for r in rules if r.authority != authority]
    if own:
        lines, cits, status = _own_rules(ctx, authority, own)
    else:
        lines, cits, status = _baseline_rule(ctx, authority, inherited[0])
    extra = topic_passages(ctx, t, authority, exclude=rule_quotes(ctx, rules))
    if focus is not None:
        extra = focus.choose(t, authority, extra, exclude=rule_quotes(ctx, rules) + [c["quote"] for c in cits])
    more, more_cits = _also_says(ctx, authority, extra)
    return lines + more, cits + more_cits, status


def _own_rules(ctx: Context, authority: str, own: list) -> Body:
    """The council's general rules with their quotes, its particular cases, and where it contradicts itself."""
    poss = ctx.possessive(authority)
    lines: List[str] = []
    cits: List[Dict[str, str]] = []
    status = "answered"
    general_rules = [r for r in own if r.category is None] or own
    for r in general_rules:
        lines.append(f"{poss} guidance: {sentence(r.rule)}")
    shown_quotes = []
    for r in general_rules:
        q = collapse_ws(r.citation.quote)
        if q not in shown_quotes:
            shown_quotes.append(q)
            lines.append(quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, authority))
            cits.append(rule_citation(ctx, r.citation, authority))
    particular = [r for r in own if r not in general_rules]
    if particular:
        lines.append("For particular cases:")
        for r in particular:
            lines.append(f"- {r.rule} {ctx.cite(r.citation.document, r.citation.section, authority)}")
            cits.append(rule_citation(ctx, r.citation, authority))
    for r in own:
        for c in r.conflicts:
            lines.append(
                f"Note: {poss} guidance contradicts itself here. "
                f"{section_label(r.citation.section).capitalize()} says "
                f'"{display_text(r.citation.quote)}", but {section_label(c.citation.section)} says '
                f'"{display_text(c.citation.quote)}". {sentence(c.note)}'
            )
            cits.append(rule_citation(ctx, c.citation, authority))
            status = "conflict"
    return lines, cits, status


def _baseline_rule(ctx: Context, authority: str, r) -> Body:
    """No rule of the council's own: the statutory baseline's, quoted from its own document."""
    lines = [
        f"{ctx.possessive(authority)} guidance in this assistant does not set its own timescale for this; "
        f"the statutory baseline applies: {sentence(r.rule)}",
        quote_line(ctx, r.citation.quote, r.citation.document, r.citation.section, r.authority),
    ]
    return lines, [rule_citation(ctx, r.citation, r.authority)], "answered"


def _passages_body(ctx: Context, t: Topic, authority: str, focus: Optional["Focus"]) -> Body:
    """No rule for the topic: the council's passages on it, or that it says nothing."""
    poss = ctx.possessive(authority)
    general = authority in ctx.general
    lines: List[str] = []
    cits: List[Dict[str, str]] = []
    passages = topic_passages(ctx, t, authority)
    if focus is not None and passages:
        passages = focus.choose(t, authority, passages, lead=True)
    if not passages:
        lines.append(f"{poss} guidance in this assistant {t.silent_text}.")
        if authority in t.silent:
            lines.append(sentence(t.silent[authority]))
        return lines, cits, "silent"
    if t.item and not general:
        lines.append(f"{poss} guidance in this assistant does not set a timescale for this. What it says:")
    elif not general:
        lines.append(f"{poss} guidance on {t.title[0].lower()}{t.title[1:]}:")
    else:
        lines.append("It says:")
    for p in passages:
        lines.append(quote_line(ctx, p.text, p.document, p.section, authority))
        cits.append(passage_citation(p))
    return lines, cits, "answered"


def _when_silent(
    ctx: Context, t: Topic, authority: str
) -> Tuple[List[str], List[Dict[str, str]], List[Dict[str, Any]]]:
    """After a silent answer: the council's rule on a related topic, and what the other guidance held says."""
    poss = ctx.possessive(authority)
    lines: List[str] = []
    cits: List[Dict[str, str]] = []
    for other in t.see_also:
        related = ctx.taxonomy.get(other)
        for r in [r for r in topic_rules(ctx, related, authority) if r.authority == authority][:1]:
            lines.append(
                f"Related: {poss} guidance sets {r.rule} "
                f"{ctx.cite(r.citation.document, r.citation.section, authority)}."
            )
            cits.append(rule_citation(ctx, r.citation, authority))
    others = _others(ctx, t, authority)
    if others:
        lines.append("What the other guidance held says (not your council's procedure):")
        for o in others:
            lines.append(f"- {o['name']}: {o['text']}")
            cits += o["citations"]
    return lines, cits, others


# --------------------------------------------------------------------------- ask


def ask(
    text: str, authority: Optional[str] = None, *, index=None, policies=None, taxonomy: Optional[Taxonomy] = None
) -> Answer:
    """Answer a worker's question: pick the topic, then answer it for their authority.

    An authority named in the question ("in Medway ...") wins over ``authority``;
    two or more named, or "compare", gives the side-by-side answer.
    """
    ctx = Context(index, policies, taxonomy)
    m = matcher_of(ctx)
    named = detect_authorities(text, index=ctx.index, taxonomy=ctx.taxonomy, policies=ctx.policies)
    wants_compare = len(named) > 1 or any(w in f" {text.lower()} " for w in COMPARE_WORDS)
    target = named[0] if named else authority
    ranked = m.scores(text)
    if ranked and ranked[0][1] >= CONFIDENT_TOPIC_SCORE:
        return answer(
            ranked[0][0],
            target,
            compare=wants_compare,
            index=ctx.index,
            policies=ctx.policies,
            taxonomy=ctx.taxonomy,
            question=text,
        )
    query = {w for w in tokens(m.correct(text), ctx.taxonomy.aliases) if w not in STOPWORDS}
    found = [
        h
        for h in search(text, target, index=ctx.index, taxonomy=ctx.taxonomy, limit=3)
        if h.score >= MIN_SEARCH_SCORE and len(query & set(ctx.seq(h.passage))) * 2 > len(query)
    ]
    if found:
        lines = ["I could not match this to one of the procedure topics I know; these passages look closest:"]
        for h in found[:3]:
            p = h.passage
            lines.append(f"- {ctx.label(p.authority)}: {quote_line(ctx, p.text, p.document, p.section, p.authority)}")
        return Answer(
            "", target, "\n".join(lines), dedupe([passage_citation(h.passage) for h in found[:3]]), "answered", [], ""
        )
    where = f"{ctx.possessive(target)} guidance" if target else "the guidance"
    return Answer("", target, f"I could not find this in {where} held by this assistant.", [], "silent", [], "")

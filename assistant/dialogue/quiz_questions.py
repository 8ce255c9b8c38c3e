"""The quiz's questions, drawn from the curated rules: each rule's question, its options and their order.

Choosing wrong options. A distractor must be a real phrase from another rule
and plainly wrong for the question, so a phrase is left out when it:

* means the same length of time as the right answer ("6 weekly" vs "6 weeks");
* comes from the same council's rule for the same item (Medway's Welfare cases
  are visited "three weekly", and 12.1 also says "in line with" the general
  "15 working days": offering one against the other would mark a defensible
  answer wrong);
* appears in the right answer's own quote or in a passage its rule is in
  conflict with (the explanation would then seem to contradict the marking).

Conflicting rules are kept and explained honestly, not skipped: the quiz marks
the timescale the product uses (Medway reviews: twelve weeks, 9.2) and the
explanation then reads the rule's curated conflict note (13.2 says eight weeks;
check with your manager). Skipping them would hide exactly the contradictions a
newly qualified worker most needs to know about.

Whose rules. For the worker's council its own rules come first (then the
statutory baseline it inherits, then other councils' rules if it has too few),
and every question names the council it is about. With no council the quiz
takes councils in turn, so a worker hears how they differ.
"""

from __future__ import annotations

import random
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.dialogue.induction import general_authorities, source_phrase
from assistant.dialogue.quiz_choice import plain_words
from assistant.domain.durations import Duration, DurationError, parse_duration
from assistant.domain.phrasing import authority_name
from assistant.domain.policy import AuthorityPolicy, Rule
from assistant.knowledge.passages import collapse_ws

MAX_OPTIONS = 4

_CATEGORY_SUBJECT = {
    "standard": "a child on a CIN plan",
    "disability_low_risk": "a disabled child at low risk who needs long-term support",
    "disability_review": "a disabled child whose case is a disability Review case",
    "disability": "a disabled child whose case is a CIN (Disability) case",
    "disability_welfare": "a disabled child whose case is a CIN (Welfare) case",
}
_ROUTE_FIRST_REVIEW = {
    "cp_plan_ended": (
        "when a child steps down from a child protection plan to CIN, how soon must the first CIN review be held?"
    ),
    "discharged_from_care": (
        "when a child returns home from care on a CIN plan, how soon must the first CIN review be held?"
    ),
    "proceedings_concluded": (
        "when care proceedings conclude and the child stays on a CIN plan, how soon must the first CIN review be held?"
    ),
}

# --------------------------------------------------------------------------- rules


def own_rules(policies: Mapping[str, AuthorityPolicy]) -> List[Rule]:
    """Each rule once, from the file that wrote it (inherited copies are the baseline's own)."""
    return [r for code in sorted(policies) for r in policies[code].rules if r.authority == code]


def _place(authority: str) -> str:
    """How a question names whose guidance it is about."""
    if authority in general_authorities():
        return "Under the England statutory baseline"
    if authority == "practice_matters":
        return "In the Practice Matters guidance"
    return f"In {authority_name(authority)}"


# Items whose question does not depend on the rule's category, route or occurrence.
_FIXED_QUESTIONS: Dict[str, str] = {
    "initial_cin_meeting": "how soon after the assessment is completed must the initial CIN meeting be held?",
    "plan_circulation": "how soon after a CIN meeting must the plan or meeting record be sent out?",
    "assessment": "how long is there to complete the child and family assessment after a referral?",
    "first_home_visit": "how soon after a referral is accepted must the child get a home visit?",
    "supervision": "how often must a CIN case be discussed in case supervision?",
    "case_summary": "how often must a case summary be completed?",
}


def question_text(rule: Rule) -> str:
    """The question a rule answers, naming its council; never containing the answer."""
    subject = _CATEGORY_SUBJECT.get(rule.category or "standard", "a child on a CIN plan")
    item = rule.item
    if item == "visit":
        ask = f"how often must {subject} be visited?"
    elif item == "cin_review":
        if rule.route in _ROUTE_FIRST_REVIEW:
            ask = _ROUTE_FIRST_REVIEW[rule.route]
        elif rule.occurrence == "first":
            ask = "how soon after the initial CIN meeting must the first CIN review be held?"
        elif rule.occurrence == "subsequent":
            ask = "after the first CIN review, how often must further CIN reviews be held?"
        elif rule.category:
            ask = f"how often must the CIN plan be reviewed for {subject}?"
        else:
            ask = "how often must a CIN plan be reviewed?"
    elif item in _FIXED_QUESTIONS:
        ask = _FIXED_QUESTIONS[item]
    elif item == "oversight":
        who = rule.who or "a manager"
        who = who if who.lower().startswith(("the ", "a ", "an ")) else f"the {who}"
        ask = f"how long can a CIN case be open before it must get extra oversight from {who}?"
    else:
        ask = f"what timescale applies to the {item.replace('_', ' ')}?"
    return f"{_place(rule.authority)}, {ask}"


_DAYS_PER = {"working_days": 7 / 5, "days": 1.0, "weeks": 7.0, "months": 30.44}
CLOSE_RATIO = 1.25  # "ten working days" and "2 weeks" are the same fortnight to a worker


def _approx_days(d: Duration) -> float:
    return d.amount * _DAYS_PER[d.unit]


def _close(a: float, b: float) -> bool:
    """Too near to tell apart fairly: "15 working days" vs "three weekly", "12 weekly" vs "3 months"."""
    return max(a, b) / min(a, b) <= CLOSE_RATIO


def _durations_in(text: str) -> List[float]:
    """Every duration a passage mentions ("visited at least 12 weekly ... reviewed at least 6 monthly")."""
    words = plain_words(text)
    found: List[float] = []
    for start in range(len(words)):
        for size in range(1, 6):
            if start + size > len(words):
                break
            try:
                found.append(_approx_days(parse_duration(" ".join(words[start : start + size]))))
            except DurationError:
                continue
    return found


def _distractors(rule: Rule, pool: Sequence[Rule], rng: random.Random, count: int) -> List[str]:
    """Up to ``count`` other rules' phrases that are clearly wrong for ``rule`` (see module doc)."""
    avoid = [_approx_days(rule.duration)]
    for quote in [rule.citation.quote] + [c.citation.quote for c in rule.conflicts]:
        avoid += _durations_in(quote)
    seen_phrases = {rule.duration.phrase.casefold()}
    candidates: List[Tuple[str, float]] = []
    for other in sorted(pool, key=lambda r: (r.duration.phrase.casefold(), r.id)):
        phrase = other.duration.phrase
        if other.authority == rule.authority and other.item == rule.item:
            continue
        if phrase.casefold() in seen_phrases:
            continue
        seen_phrases.add(phrase.casefold())
        candidates.append((phrase, _approx_days(other.duration)))
    rng.shuffle(candidates)
    chosen: List[str] = []
    for phrase, days in candidates:
        if any(_close(days, a) for a in avoid):
            continue
        avoid.append(days)  # the options must be far enough apart from each other too
        chosen.append(phrase)
        if len(chosen) == count:
            break
    return chosen


def question(rule: Rule, pool: Sequence[Rule], rng: random.Random) -> Optional[Dict[str, Any]]:
    """One question as stored in the state, or None when too few honest distractors exist."""
    wrong = _distractors(rule, pool, rng, MAX_OPTIONS - 1)
    if len(wrong) < 2:
        return None
    options = [rule.duration.phrase] + wrong
    rng.shuffle(options)
    c = rule.citation
    note = rule.conflicts[0].note if rule.conflicts else None
    citations = [{"document": c.document, "section": c.section, "quote": collapse_ws(c.quote)}]
    if rule.conflicts:
        cc = rule.conflicts[0].citation
        citations.append({"document": cc.document, "section": cc.section, "quote": collapse_ws(cc.quote)})
    return {
        "rule_id": rule.id,
        "authority": rule.authority,
        "question": question_text(rule),
        "options": options,
        "correct": options.index(rule.duration.phrase),
        "source": source_phrase(rule.authority, c.section),
        "citations": citations,
        "note": note,
    }


def ordered_rules(authority: Optional[str], policies: Mapping[str, AuthorityPolicy], rng: random.Random) -> List[Rule]:
    """Rules in the order to ask them: the worker's own, then its baseline, then the rest."""
    everything = own_rules(policies)
    if authority is not None:
        # the rules every case follows before those for particular categories and routes
        general = [r for r in everything if r.authority == authority and not any(r.conditions)]
        particular = [r for r in everything if r.authority == authority and any(r.conditions)]
        inherited = [r for r in policies[authority].rules if r.authority != authority]
        rest = [r for r in everything if r.authority != authority and r not in inherited]
        for group in (general, particular, inherited, rest):
            rng.shuffle(group)
        return general + particular + inherited + rest
    by_council: Dict[str, List[Rule]] = {}
    for r in everything:
        by_council.setdefault(r.authority, []).append(r)
    councils = sorted(by_council)
    rng.shuffle(councils)
    for code in councils:
        rng.shuffle(by_council[code])
    ordered: List[Rule] = []
    while any(by_council.values()):  # councils in turn, so the quiz compares them
        for code in councils:
            if by_council[code]:
                ordered.append(by_council[code].pop(0))
    return ordered

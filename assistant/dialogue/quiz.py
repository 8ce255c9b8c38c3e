"""A short multiple-choice quiz on CIN timescales, drawn from the curated rules (ASYE).

Every question is one curated rule (``knowledge/policies/*.yml`` via
:func:`assistant.rules.load_policies`): "In Medway, how often must a child on a
CIN plan be visited?". Every option is a duration phrase exactly as some rule
writes it - the right one is the rule's own phrase, the wrong ones are other
rules' phrases - so nothing a worker reads in the quiz is invented, and the
explanation after each answer quotes the rule's passage with its citation.

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

State. Everything the quiz needs between turns is one JSON-serialisable dict
(it lives in the ``quiz_state`` Rasa slot): the questions with their options,
right answers and citations, how far the worker has got and the score. Rules
are not re-read between turns, so a quiz in progress cannot change under the
worker. Order is from ``random.Random(seed)``: the same seed gives the same quiz.
"""

from __future__ import annotations

import difflib
import random
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.dialogue.induction import (
    clip_quote,
    general_authorities,
    source_phrase,
)
from assistant.dialogue.reply import Reply
from assistant.domain.durations import (
    Duration,
    DurationError,
    parse_duration,
    parse_number,
)
from assistant.domain.phrasing import authority_name, possessive
from assistant.domain.policy import AuthorityPolicy, Rule
from assistant.knowledge.passages import collapse_ws
from assistant.rules import policies as shipped_policies

STATE_VERSION = 1
DEFAULT_LENGTH = 5
MAX_OPTIONS = 4
LETTERS = "abcd"
MAX_QUOTE_CHARS = 280
FUZZY_CUTOFF = 0.75  # difflib ratio for "15 workin days" to still mean "15 working days"

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
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_FILLER = {
    "i",
    "think",
    "id",
    "say",
    "its",
    "it",
    "is",
    "the",
    "answer",
    "option",
    "letter",
    "number",
    "choice",
    "please",
    "maybe",
    "go",
    "with",
    "ill",
    "pick",
    "choose",
    "my",
    "guess",
    "im",
    "sure",
    "hmm",
    "um",
    "er",
    "erm",
    "ok",
    "okay",
    "so",
    "that",
    "be",
    "would",
    "guessing",
    "going",
    "for",
}


# --------------------------------------------------------------------------- rules


def _own_rules(policies: Mapping[str, AuthorityPolicy]) -> List[Rule]:
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


def _value(d: Duration) -> Tuple[str, int]:
    """A duration's length for matching what a worker says: weeks as days, years already months."""
    if d.unit == "weeks":
        return ("days", d.amount * 7)
    return (d.unit, d.amount)


_DAYS_PER = {"working_days": 7 / 5, "days": 1.0, "weeks": 7.0, "months": 30.44}
CLOSE_RATIO = 1.25  # "ten working days" and "2 weeks" are the same fortnight to a worker


def _approx_days(d: Duration) -> float:
    return d.amount * _DAYS_PER[d.unit]


def _close(a: float, b: float) -> bool:
    """Too near to tell apart fairly: "15 working days" vs "three weekly", "12 weekly" vs "3 months"."""
    return max(a, b) / min(a, b) <= CLOSE_RATIO


def _durations_in(text: str) -> List[float]:
    """Every duration a passage mentions ("visited at least 12 weekly ... reviewed at least 6 monthly")."""
    words = _words(text)
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


def _question(rule: Rule, pool: Sequence[Rule], rng: random.Random) -> Optional[Dict[str, Any]]:
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


def _ordered_rules(authority: Optional[str], policies: Mapping[str, AuthorityPolicy], rng: random.Random) -> List[Rule]:
    """Rules in the order to ask them: the worker's own, then its baseline, then the rest."""
    everything = _own_rules(policies)
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


# --------------------------------------------------------------------------- speaking


def _options_text(options: Sequence[str]) -> str:
    parts = [f"{LETTERS[i]}) {o}" for i, o in enumerate(options)]
    return ", ".join(parts[:-1]) + f", or {parts[-1]}" if len(parts) > 1 else parts[0]


def _ask_text(state: Mapping[str, Any]) -> str:
    q = state["questions"][state["current"]]
    return (
        f"Question {state['current'] + 1} of {len(state['questions'])}. {q['question']} {_options_text(q['options'])}."
    )


def _accepted_text(options: Sequence[str]) -> str:
    last = LETTERS[len(options) - 1]
    return (
        f"Answer with a letter (a to {last}), a number (1 to {len(options)}), "
        '"the second one", or the words of the option.'
    )


def _explanation(q: Mapping[str, Any], correct: bool) -> str:
    """Why: the verdict, then the rule's own words and where they are, then any conflict."""
    right = q["correct"]
    verdict = "Correct." if correct else f"Not quite: the answer is {LETTERS[right]}) {q['options'][right]}."
    text = f'{verdict} {q["source"]}, says: "{clip_quote(q["citations"][0]["quote"], MAX_QUOTE_CHARS)}"'
    if q.get("note"):
        text += f" Note: the guidance contradicts itself here. {q['note']}"
    return text


def _payload(state: Mapping[str, Any], result: Optional[Dict[str, Any]], status: str) -> Dict[str, Any]:
    asking = status == "asking"
    q = state["questions"][state["current"]] if asking else None
    answered = len(state["answers"])
    return {
        "type": "quiz",
        "authority": state["authority"],
        "question": q["question"] if q else None,
        "options": list(q["options"]) if q else [],
        "asked": state["current"] + 1 if asking else answered,
        "answered": answered,
        "of": len(state["questions"]),
        "score": state["score"],
        "result": result,
        "status": status,
    }


def _score_text(state: Mapping[str, Any]) -> str:
    return f"You scored {state['score']} out of {len(state['answers'])}."


# --------------------------------------------------------------------------- reading answers


def _words(text: str) -> List[str]:
    text = text.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    return re.findall(r"[a-z0-9]+", text)


def _as_duration(words: Sequence[str]) -> Optional[Tuple[str, int]]:
    """The longest run of words that reads as a duration ("i think fifteen working days")."""
    for size in range(min(len(words), 6), 0, -1):
        for start in range(len(words) - size + 1):
            span = " ".join(words[start : start + size])
            try:
                return _value(parse_duration(span))
            except DurationError:
                continue
    return None


def parse_choice(text: str, options: Sequence[str]) -> Optional[int]:
    """Which option (0-based) the worker meant, or None when it is not clear.

    Accepts "b", "B", "option b", "2", "option two", "the second one", "last
    one", the option's words ("15 working days", "fifteen working days",
    "every 2 months" for "every two months") and near misses of them.
    """
    n = len(options)
    words = _words(text)
    if not words:
        return None
    core = [w for w in words if w not in _FILLER]
    if len(core) == 2 and core[1] == "one" and (core[0] in _ORDINALS or core[0] == "last"):
        core = core[:1]  # "the second one"
    if len(core) == 1:
        w = core[0]
        index: Optional[int] = None
        if len(w) == 1 and w in LETTERS:
            index = LETTERS.index(w)
        elif w in _ORDINALS:
            index = _ORDINALS[w] - 1
        elif w == "last":
            index = n - 1
        else:
            number = parse_number(w)
            if number is not None:
                index = number - 1
        if index is not None:
            return index if 0 <= index < n else None
    # the option's own words
    wanted = " ".join(words)
    normalised = [" ".join(_words(o)) for o in options]
    exact = [i for i, o in enumerate(normalised) if o == wanted or re.search(rf"\b{re.escape(o)}\b", wanted)]
    if len(exact) == 1:
        return exact[0]
    said = _as_duration(words)
    if said is not None:
        same = [i for i, o in enumerate(options) if _value(parse_duration(o)) == said]
        if len(same) == 1:
            return same[0]
    scores = [difflib.SequenceMatcher(None, wanted, o).ratio() for o in normalised]
    best = max(range(n), key=lambda i: scores[i])
    if scores[best] >= FUZZY_CUTOFF and sum(1 for s in scores if s >= scores[best] - 0.05) == 1:
        return best
    return None


# --------------------------------------------------------------------------- the quiz


def start_quiz(
    authority: Optional[str],
    seed: int,
    length: int = DEFAULT_LENGTH,
    *,
    policies: Optional[Mapping[str, AuthorityPolicy]] = None,
) -> Tuple[dict, Reply]:
    """A new quiz for the worker's council (or councils in turn): its state and the first question.

    ``seed`` fixes the order of questions and options (tests, and a worker who
    wants the same quiz again). Raises ValueError for a council with no rules file.
    """
    policies = policies if policies is not None else shipped_policies()
    if authority is not None and authority not in policies:
        raise ValueError(f"unknown authority {authority!r}; the quiz covers: {', '.join(sorted(policies))}")
    rng = random.Random(seed)
    pool = _own_rules(policies)
    questions: List[Dict[str, Any]] = []
    seen: set = set()
    for rule in _ordered_rules(authority, policies, rng):
        if len(questions) >= max(1, length):
            break
        q = _question(rule, pool, rng)
        if q is None or q["question"] in seen:
            continue
        seen.add(q["question"])
        questions.append(q)
    if not questions:
        raise ValueError("the curated rules give no quiz questions")
    state: Dict[str, Any] = {
        "version": STATE_VERSION,
        "authority": authority,
        "seed": seed,
        "questions": questions,
        "current": 0,
        "score": 0,
        "answers": [],
        "status": "asking",
    }
    whose = possessive(authority) if authority else "the councils'"
    intro = f"Here's a quiz of {len(questions)} questions on {whose} CIN timescales. Say stop at any time."
    return state, Reply(f"{intro} {_ask_text(state)}", _payload(state, None, "asking"))


def _check(state: Any) -> None:
    ok = (
        isinstance(state, dict)
        and state.get("version") == STATE_VERSION
        and isinstance(state.get("questions"), list)
        and state["questions"]
        and isinstance(state.get("current"), int)
        and isinstance(state.get("answers"), list)
    )
    if not ok:
        raise ValueError("not a quiz state from start_quiz(); start a new quiz")


def answer_quiz(state: dict, text: str) -> Tuple[dict, Reply]:
    """Mark the worker's answer, explain it from the guidance, then ask the next question.

    An answer that cannot be read re-asks the same question and scores nothing.
    The state passed in is not changed; the new state is returned.
    """
    _check(state)
    if state.get("status") != "asking":
        return state, _summary(state, state.get("status", "finished"))
    q = state["questions"][state["current"]]
    choice = parse_choice(text or "", q["options"])
    if choice is None:
        reply = Reply(
            f"Sorry, I couldn't tell which option you meant. {_accepted_text(q['options'])} {_ask_text(state)}",
            _payload(state, None, "asking"),
        )
        return state, reply
    correct = choice == q["correct"]
    new = dict(state)
    new["answers"] = list(state["answers"]) + [{"choice": choice, "correct": correct}]
    new["score"] = state["score"] + (1 if correct else 0)
    result = {"correct": correct, "explanation": _explanation(q, correct), "citations": list(q["citations"])}
    if state["current"] + 1 >= len(state["questions"]):
        new["status"] = "finished"
        text_out = (
            f"{result['explanation']} That's the end of the quiz. {_score_text(new)} "
            'Say "start the quiz" to try another.'
        )
        return new, Reply(text_out, _payload(new, result, "finished"))
    new["current"] = state["current"] + 1
    return new, Reply(f"{result['explanation']} {_ask_text(new)}", _payload(new, result, "asking"))


def stop_quiz(state: dict) -> Reply:
    """The worker stopped: the score so far (answered questions only)."""
    _check(state)
    return _summary(state, "stopped" if state.get("status") == "asking" else state.get("status", "finished"))


def _summary(state: Mapping[str, Any], status: str) -> Reply:
    if status == "finished":
        text = f'The quiz is over. {_score_text(state)} Say "start the quiz" to try another.'
    elif state["answers"]:
        text = f'Quiz stopped. {_score_text(state)} Say "start the quiz" whenever you want another go.'
    else:
        text = 'Quiz stopped before any answers. Say "start the quiz" whenever you\'re ready.'
    return Reply(text, _payload(state, None, status))


__all__ = ["answer_quiz", "parse_choice", "question_text", "start_quiz", "stop_quiz"]

"""One timescale found in a sentence -> the due-date item(s) it sets, or the reason it sets none.

The extractor (:mod:`assistant.knowledge.extract`) says *that* a sentence holds a
timescale, with a best-guess item and the words it counts from. A rule needs
more: the item in the engine's vocabulary (spec §2), what it counts from as an
anchor the case records hold, and the conditions (category, step-down route,
first or later review). This module makes those choices, conservatively: a
timescale that does not clearly fit an item becomes an *unmapped* sentence with
the reason, for a person to read, never a guessed rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Union

from assistant.domain.durations import Duration
from assistant.domain.policy import default_anchor

CADENCES = ("visit", "supervision", "case_summary")  # "at least every N" from the last one
ONE_OFFS = ("assessment", "first_home_visit", "initial_cin_meeting", "plan_circulation")

# Words that name an item when the extractor's cues found none: "Children in Need must be seen at
# home at least every 6 weeks" is the visiting rule although it never says "visit".
FALLBACK_CUES: Tuple[Tuple[re.Pattern, str], ...] = ((re.compile(r"\bseen\b", re.I), "visit"),)

# Item words that a combined statement joins: "visiting and reviewing is 6 weekly".
_ITEM_WORDS: Tuple[Tuple[str, str], ...] = (
    (r"visit(?:s|ed|ing)?", "visit"),
    (r"review(?:s|ed|ing)?", "cin_review"),
    (r"supervision", "supervision"),
    (r"summar(?:y|ies)", "case_summary"),
)
_ITEM_WORD = re.compile(r"\b(?:" + "|".join(f"(?P<{item}>{words})" for words, item in _ITEM_WORDS) + r")\b", re.I)
# What may stand between two item words of one combined statement.
_JOINER = re.compile(
    r"^\s*(?:,|and|&|/|or|as well as)?\s*(?:(?:and|or)\s+)?(?:the\s+)?(?:cin\s+|child in need\s+)?$", re.I
)

# --------------------------------------------------------------------------- timescale-like sentences
# A safety net under the extraction patterns, and the answers' test for "this sentence states a
# timescale" (no spaCy needed): a number next to a time word, "day 20", or a cadence word.
_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty(?:[- ]five)?|sixty|ninety)"
)
_TIMESCALE_LIKE = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:-|–|to)\s*\d+)?[\s-]*(?:working\s+days?|calendar\s+days?|days?|weeks?|months?|years?"
    r"|hours?|hrs?|weekly|monthly|yearly|fortnights?)\b(?!\s+(?:old|of age))"
    r"|\bday\s+\d+\b|\b(?:fortnightly|monthly|quarterly|annually|yearly|weekly)\b",
    re.I,
)
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)\s*$", re.I)


def timescale_like(sentence: str) -> Optional[str]:
    """The first timescale-like phrase in a sentence ("within 48hrs", "day 20"), ignoring ages."""
    for match in _TIMESCALE_LIKE.finditer(sentence):
        if not _AGE_BEFORE.search(sentence[: match.start()]):
            return match.group(0)
    return None


# Words that say a sentence is about an item, for a sentence no rule or draft has placed yet: the
# answers use them to find what a council's text says about a topic's timescale. Broader than the
# extraction cues on purpose (a missed sentence would be called silent; a wrong one is only quoted).
ITEM_CUES: Dict[str, re.Pattern] = {
    "visit": re.compile(r"\bvisit(?:s|ed|ing)?\b|\bseen\b", re.I),
    "first_home_visit": re.compile(
        r"\bhome visits?\b|\b(?:first|initial) visit|\b(?:visit(?:ed)?|seen)\b[^.;]*\breferr", re.I
    ),
    "initial_cin_meeting": re.compile(
        r"\b(?:initial|first)\b(?:(?!\breview)[^.;]){0,60}\bmeetings?\b"
        r"|\b(?:cin|child in need) (?:planning )?meetings?\b",
        re.I,
    ),
    "cin_review": re.compile(r"\breview(?:s|ed|ing)?\b", re.I),
    "plan_circulation": re.compile(r"\b(?:circulat|distribut)\w*|\bcop(?:y|ies) of the plan\b", re.I),
    "supervision": re.compile(r"\bsupervis(?:ion|ions|ed)\b", re.I),
    "case_summary": re.compile(r"\bsummar(?:y|ies)\b", re.I),
    "assessment": re.compile(r"\bassess(?:ment|ments|ed)\b", re.I),
    # how long a plan runs: "open for 9 months", "a 12-week model", "achieved its outcomes by day 180"
    "oversight": re.compile(
        r"\bopen for\b|\bdrift\b|\boversight\b|\bnot progressing\b"
        r"|\bplans?\b[^.;]*\b(?:model|exceed|duration|remain open|achieved)\b",
        re.I,
    ),
}
# The words a step-down route is named by, for the step-down topics.
ROUTE_CUES: Dict[str, re.Pattern] = {
    "cp_plan_ended": re.compile(r"\bchild protection\b|\bcp\b", re.I),
    "discharged_from_care": re.compile(r"\b(?:from care|leaving care|looked after|accommodated|returns? home)\b", re.I),
    "proceedings_concluded": re.compile(r"\bproceedings\b|\bsupervision order\b", re.I),
}


# An item word right after "of/from/after/at ... the" is what a timescale counts from, not what it
# is about: "the first meeting within 10 days of the assessment outcome" says nothing of how long the
# assessment takes.
_COUNTED_FROM = re.compile(
    r"\b(?:of|from|after|following|since|before|at)\s+(?:(?:the|a|an|each|every|their|its)\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


def names_item(sentence: str, item: str, route: Optional[str] = None) -> bool:
    """Does the sentence speak of ``item`` (and of the step-down ``route``, when one is given)?

    An item named only as what the timescale counts from does not count.
    """
    cue = ITEM_CUES.get(item)
    if cue is None or not any(not _COUNTED_FROM.search(sentence[: m.start()]) for m in cue.finditer(sentence)):
        return False
    if route is None:
        return True
    words = ROUTE_CUES.get(route)
    return bool(words and words.search(sentence))


# What a timescale counts from, in the order the words are tried.
_ANCHOR_WORDS: Tuple[Tuple[re.Pattern, str], ...] = (
    (re.compile(r"\b(last|previous|preceding)\b", re.I), "previous"),
    (re.compile(r"\binitial\b.*\b(meeting|cin)\b|\bfirst\b.*\bmeeting\b|\bplanning meeting\b", re.I), "initial"),
    (re.compile(r"\bchild protection\b|\bcp\b", re.I), "cp_plan_ended"),
    (re.compile(r"\b(from care|leaving care|looked after|discharged?|discharges)\b", re.I), "discharged_from_care"),
    (re.compile(r"\bproceedings\b", re.I), "proceedings_concluded"),
    (re.compile(r"\b(meeting|review|conference)s?\b", re.I), "meeting"),
    (re.compile(r"\bassess", re.I), "assessment_completed"),
    (re.compile(r"\breferr", re.I), "referral"),
)
_ROUTE_CONDITIONS = (
    ("child protection", "cp_plan_ended"),
    ("care", "discharged_from_care"),
    ("proceedings", "proceedings_concluded"),
)
_ROUTES = tuple(route for _, route in _ROUTE_CONDITIONS)

# Who is involved at an oversight milestone, as councils name them.
_WHO = re.compile(
    r"\b(Head of Service|Service Manager|Area Manager|Group Manager|Team Manager|Practice Manager"
    r"|Practice Supervisor|Assistant Director|Senior Manager|Independent Reviewing Officer|IRO)s?\b",
    re.I,
)

#: What each anchor means, for the comment beside it in a drafted file.
ANCHOR_MEANINGS = {
    "referral": "the referral date",
    "assessment_completed": "the assessment's completion",
    "initial_cin_meeting": "the initial CIN meeting",
    "meeting": "each initial CIN meeting or review",
    "previous": "the last one, else the CIN start",
    "cin_start": "the CIN start (initial CIN meeting, or the step-down)",
    "cp_plan_ended": "the end of the child protection plan",
    "discharged_from_care": "the discharge from care",
    "proceedings_concluded": "the end of the proceedings",
}


@dataclass(frozen=True)
class Slot:
    """Where a timescale goes: the item, what it counts from, and the case it applies to."""

    item: str
    anchor: str
    occurrence: Optional[str] = None
    category: Optional[str] = None
    route: Optional[str] = None


Mapped = Union[Slot, str]  # a slot, or the reason there is none


def items_in(sentence: str, phrase: str, guessed: Optional[str]) -> List[Optional[str]]:
    """The item(s) a timescale sets: the extractor's guess, every item of a combined statement
    ("visits and reviews every 6 weeks"), or a fallback cue ("seen at home") when it had none."""
    for group in _joined_items(sentence):
        if len(group) > 1 and (guessed is None or guessed in group):
            return list(group)
    if guessed is not None:
        return [guessed]
    for pattern, item in FALLBACK_CUES:
        if pattern.search(sentence):
            return [item]
    return [None]


def _joined_items(sentence: str) -> List[Tuple[str, ...]]:
    """Runs of item words joined only by "and", "/", commas...: one run per combined statement."""
    groups: List[List[str]] = []
    last_end: Optional[int] = None
    for match in _ITEM_WORD.finditer(sentence):
        item = next(name for name, value in match.groupdict().items() if value)
        if last_end is not None and _JOINER.match(sentence[last_end : match.start()]) and groups:
            if item not in groups[-1]:
                groups[-1].append(item)
        else:
            groups.append([item])
        last_end = match.end()
    return [tuple(g) for g in groups]


_CLAUSE_BREAK = re.compile(r";|:|\bhowever\b|\bwhereas\b|,\s*but\b|\bexcept\b", re.I)
_DISABILITY = re.compile(r"\bdisab", re.I)


def clause_conditions(conditions: Sequence[str], sentence: str, phrase: str, heading: str) -> Tuple[str, ...]:
    """The extractor's conditions, less "disability" when neither the timescale's own clause nor the
    heading names it: in "6 weekly reviews are the norm; however for some disabled children 3 monthly
    reviews ..." only the second timescale is for disabled children."""
    if "disability" not in conditions or _DISABILITY.search(heading or ""):
        return tuple(conditions)
    start = sentence.find(phrase)
    if start < 0:
        return tuple(conditions)
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    left = max(b for b in bounds if b <= start)
    right = min(
        (m.start() for m in _CLAUSE_BREAK.finditer(sentence) if m.start() >= start + len(phrase)), default=len(sentence)
    )
    if _DISABILITY.search(sentence[left:right]):
        return tuple(conditions)
    return tuple(c for c in conditions if c not in ("disability", "welfare"))


def anchor_word(anchor_text: Optional[str]) -> Optional[str]:
    """What the sentence's "of/after/from ..." words name: an anchor, "initial" (the initial
    meeting), or None when they name nothing the case records hold ("the strategy discussion")."""
    if not anchor_text:
        return None
    for pattern, anchor in _ANCHOR_WORDS:
        if pattern.search(anchor_text):
            return anchor
    return None


def who_in(sentence: str) -> Optional[str]:
    """The manager an oversight sentence names ("Head of Service"), if it names one."""
    found = _WHO.search(sentence)
    return found.group(1) if found else None


def slot_for(item: Optional[str], kind: str, anchor_text: Optional[str], conditions: Sequence[str]) -> Mapped:
    """The slot a timescale of this kind fills for ``item``, or why it fills none."""
    if kind == "before":
        return "a lead time before an event (e.g. papers or invitations); no due date counts backwards"
    if item is None:
        return "names no due-date item (visit, review, meeting, plan, supervision, summary, assessment)"
    named = anchor_word(anchor_text)
    if anchor_text and named is None:
        return f"counts from {anchor_text!r}, which the case records do not hold"
    route = _route(item, named, conditions)
    if route is None and any(c in conditions for c, _ in _ROUTE_CONDITIONS) and "step down" not in conditions:
        return "mentions child protection, care or proceedings: for children on those plans, not children in need?"
    category = _category(conditions)
    if item in CADENCES:
        return _cadence(item, kind, named, category)
    if item == "cin_review":
        return _review(kind, named, route, category)
    if item == "oversight":
        return Slot(item, "cin_start", category=category)
    return _one_off(item, kind, named, category)


def _route(item: str, named: Optional[str], conditions: Sequence[str]) -> Optional[str]:
    if item != "cin_review":
        return None
    if named in _ROUTES:
        return named
    if "step down" in conditions:
        return next((route for label, route in _ROUTE_CONDITIONS if label in conditions), None)
    return None


def _category(conditions: Sequence[str]) -> Optional[str]:
    if "disability" not in conditions:
        return None
    return "disability_welfare" if "welfare" in conditions else "disability"


def _cadence(item: str, kind: str, named: Optional[str], category: Optional[str]) -> Mapped:
    if kind in ("every", "milestone") or named == "previous":
        return Slot(item, "previous", category=category)
    return f"a deadline, not how often: the {item.replace('_', ' ')} rule is a frequency from the last one"


def _review(kind: str, named: Optional[str], route: Optional[str], category: Optional[str]) -> Mapped:
    if route is not None:
        return Slot("cin_review", route, occurrence="first", category=category, route=route)
    if kind == "every" or named == "previous":
        return Slot("cin_review", "previous", category=category)  # the first from the CIN start, then the last
    if named in (None, "initial", "meeting"):
        return Slot("cin_review", "cin_start", occurrence="first", category=category)
    return Slot("cin_review", named, occurrence="first", category=category)


def _one_off(item: str, kind: str, named: Optional[str], category: Optional[str]) -> Mapped:
    if kind == "every":
        return f"a frequency, but the {item.replace('_', ' ')} happens once"
    anchor = default_anchor(item)
    if named is None or named == anchor or (named == "initial" and anchor == "meeting"):
        return Slot(item, anchor, category=category)
    if named in ("referral", "assessment_completed") and item in ("initial_cin_meeting", "first_home_visit"):
        return Slot(item, named, category=category)
    if named == "initial" and item == "initial_cin_meeting":
        return f"counts the initial CIN meeting from itself ({named!r})"
    return f"the {item.replace('_', ' ')} counts from {ANCHOR_MEANINGS.get(anchor, anchor)}, not from this"


def duration_words(duration: Duration) -> str:
    """ "10 working days", "10 calendar days", "6 weeks": calendar days said as such."""
    unit = {"working_days": "working day", "days": "calendar day", "weeks": "week", "months": "month"}[duration.unit]
    return f"{duration.amount} {unit}{'' if duration.amount == 1 else 's'}"


def rule_sentence(slot: Slot, duration: Duration, who: Optional[str] = None) -> str:
    """The rule in one plain sentence, as `due` shows it beside the date."""
    d = duration_words(duration)
    if slot.item == "visit":
        text = f"visits at least every {d}"
    elif slot.item == "supervision":
        text = f"case supervision at least every {d}"
    elif slot.item == "case_summary":
        text = f"case summary at least every {d}"
    elif slot.item == "cin_review" and slot.occurrence is None:
        text = f"CIN reviews at least every {d}, the first counted from the CIN start"
    elif slot.item == "cin_review":
        text = f"first CIN review within {d} of {ANCHOR_MEANINGS[slot.anchor]}"
    elif slot.item == "oversight":
        text = f"management oversight when the CIN plan has been open {d}" + (f" ({who})" if who else "")
    else:
        name = {
            "assessment": "assessment completed",
            "first_home_visit": "first home visit",
            "initial_cin_meeting": "initial CIN meeting",
            "plan_circulation": "CIN plan circulated",
        }[slot.item]
        text = f"{name} within {d} of {ANCHOR_MEANINGS[slot.anchor]}"
    if slot.category:
        text += f" ({slot.category.replace('_', ' ')} cases)"
    return text


__all__ = [
    "ANCHOR_MEANINGS",
    "CADENCES",
    "FALLBACK_CUES",
    "ITEM_CUES",
    "Mapped",
    "ONE_OFFS",
    "ROUTE_CUES",
    "Slot",
    "anchor_word",
    "clause_conditions",
    "duration_words",
    "items_in",
    "names_item",
    "rule_sentence",
    "slot_for",
    "timescale_like",
    "who_in",
]

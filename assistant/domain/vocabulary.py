"""What workers call the things that fall due, and what the engine calls them.

Workers say "home visit", "CIN reviews", "case summarys" or "reveiw"; the NLU's
``item_type`` entity is one of eight words (docs/conversation.md, Entities) and
each names a *set* of the engine's items (``visit`` covers the regular visit and
Camden's first home visit). This module is the one place that mapping and the
plain-English names used in replies are spelt, so the answers and the NLU agree.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from assistant.domain.names import one_edit_apart
from assistant.domain.policy import ITEMS

#: The item_type entity's values, in the order help texts list them.
ITEM_TYPES: Tuple[str, ...] = (
    "visit",
    "review",
    "meeting",
    "plan",
    "assessment",
    "supervision",
    "case_summary",
    "oversight",
)

#: Each item type -> the engine items (assistant.domain.policy.ITEMS) it asks about.
ITEM_TYPE_ITEMS: Dict[str, Tuple[str, ...]] = {
    "visit": ("visit", "first_home_visit"),
    "review": ("cin_review",),
    "meeting": ("initial_cin_meeting", "cin_review"),
    "plan": ("initial_cin_meeting", "plan_circulation"),
    "assessment": ("assessment",),
    "supervision": ("supervision",),
    "case_summary": ("case_summary",),
    "oversight": ("oversight",),
}

#: Engine item -> how a reply names it.
ITEM_NAMES: Dict[str, str] = {
    "assessment": "assessment",
    "first_home_visit": "first home visit",
    "initial_cin_meeting": "initial CIN meeting",
    "plan_circulation": "CIN plan circulation",
    "visit": "visit",
    "cin_review": "CIN review",
    "supervision": "supervision",
    "case_summary": "case summary",
    "oversight": "oversight milestone",
}

#: Item type -> how a reply names it ("your next CIN review", "3 visits due").
TYPE_NAMES: Dict[str, str] = {
    "visit": "visit",
    "review": "CIN review",
    "meeting": "CIN meeting",
    "plan": "CIN plan",
    "assessment": "assessment",
    "supervision": "supervision",
    "case_summary": "case summary",
    "oversight": "oversight milestone",
}

_PLURALS: Dict[str, str] = {"case summary": "case summaries"}

# Phrases (lower case, singular, fillers removed) -> item type. Engine codes are
# here too ("cin review" is how "cin_review" reads once underscores are spaces).
_ALIASES: Dict[str, str] = {}
for _type, _phrases in {
    "visit": (
        "visit",
        "home visit",
        "statutory visit",
        "statutory home visit",
        "first visit",
        "first home visit",
        "cin visit",
        "visiting",
        "child visit",
        "see child",
        "seeing child",
    ),
    "review": (
        "review",
        "cin review",
        "review meeting",
        "cin review meeting",
        "plan review",
        "cin plan review",
        "reviewing",
        "statutory review",
    ),
    "meeting": (
        "meeting",
        "cin meeting",
        "initial meeting",
        "initial cin meeting",
        "first meeting",
        "first cin meeting",
    ),
    "plan": (
        "plan",
        "cin plan",
        "plan circulation",
        "circulation",
        "plan circulated",
        "circulate plan",
        "circulating plan",
        "initial plan",
        "initial cin plan",
        "plan distribution",
        "review record",
    ),
    "assessment": (
        "assessment",
        "c&f assessment",
        "cfa",
        "child and family assessment",
        "single assessment",
        "s17 assessment",
        "section 17 assessment",
    ),
    "supervision": ("supervision", "case supervision", "supervision session"),
    "case_summary": (
        "case summary",
        "summary",
        "case and transfer summary",
        "transfer summary",
        "case transfer summary",
    ),
    "oversight": (
        "oversight",
        "management oversight",
        "manager oversight",
        "milestone",
        "oversight milestone",
        "managerial oversight",
        "oversight review",
        "management review",
    ),
}.items():
    for _phrase in _phrases:
        _ALIASES[_phrase] = _type

_FILLERS: FrozenSet[str] = frozenset(
    "the a an my our his her their next any all of for due upcoming outstanding overdue".split()
)
# The word that names a type when the rest of the phrase is unknown ("the tricky visit").
_HEADS: Dict[str, str] = {
    "visit": "visit",
    "visiting": "visit",  # "the hartley kids need visiting by monday"
    "review": "review",
    "meeting": "meeting",
    "plan": "plan",
    "assessment": "assessment",
    "supervision": "supervision",
    "summary": "case_summary",
    "oversight": "oversight",
    "hv": "visit",  # a home visit, as workers write it ("maisie next hv")
    "hvs": "visit",
    "drift": "oversight",  # "the 6 month drift discussions": the plan-open-6-months oversight
    "discussion": "oversight",  # "when's the TM discussion for Will"
}
_KNOWN_WORDS: FrozenSet[str] = frozenset(w for phrase in _ALIASES for w in phrase.split())
_TOKEN = re.compile(r"[a-z0-9&]+")
_MIN_FUZZY = 4  # shorter words must be spelt right: "pan" is not "plan"


def _singular(word: str) -> str:
    """reviews -> review, summaries -> summary; leaves "cfa", "process", "s17" alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _correct(word: str) -> str:
    """The known word one typo away, when exactly one is; else the word unchanged."""
    if word in _KNOWN_WORDS or len(word) < _MIN_FUZZY:
        return word
    near = sorted(w for w in _KNOWN_WORDS if len(w) >= _MIN_FUZZY and one_edit_apart(word, w))
    return near[0] if len(near) == 1 else word


#: Type words that do not name the item asked about: another plan or review (a child protection plan, a
#: CP review), and the worker's own day ("between visits", "out doing visits", "stuck in meetings all day",
#: "in supervision at 2"): "got a mo between visits, anything due tmrw?" asks about everything due.
_ASIDE = re.compile(
    r"\b(?:cp|cpp|child protection|protection)\s+(?:plans?|reviews?|meetings?|visits?)\b"
    r"|\b(?:between|doing|out on|on (?:a|my)|in (?:a|my|the middle of (?:a|my))|stuck in|sat in|back from(?: a| my)?"
    r"|during(?: a| my| the)?|before(?: my| the| our| next)?|after(?: my| the| our))\s+"
    r"(?:(?:some|all|my|more|two|three|four|back to back) )?(?:home )?"
    r"(?:visits?|meetings?|reviews?|supervision)\b"
    r"|\bin (?:meetings|supervision)\b"
    # "plan" as a verb ("trying to plan my day round a strat"), and an item said as already held ("skyla icm
    # was monday, when does the plan need circulating", "think i forgot after his review")
    r"|\b(?:to )?plan(?:ning)? (?:out )?(?:my|the|our|your) (?:next (?:few |couple of )?)?(?:day|week|diary|time|"
    r"morning|afternoon|visits|months?|weeks?|days|summer|leave)\b|\bplan (?:a)?round\b"
    # a meeting with a manager, and drift raised there: the occasion, not the item ("just out of a meeting with
    # the head of service and drift came up - any reviews overdue")
    r"|\bwith (?:the|my|our) (?:head of service|area manager|service manager|hos)\b"
    r"|\bout of (?:a|the|my) (?:[a-z]+ )?(?:meeting|supervision)\b"
    r"|\bdrift (?:came up|was raised|again|keeps coming up)\b"
    r"|\b(?:icm|initial (?:cin )?meeting|cin meeting|meeting|review)s? (?:was|were|happened|held)(?: on)?"
    r" (?:(?:last |on )?(?:mon|tues?|wed|weds|thurs?|fri|sat|sun)\w*|yesterday|today|this morning|last week"
    r"|the \d+\w*)\b"
    r"|\bafter (?:his|her|their|the) (?:last )?(?:review|icm|meeting|visit)\b",
    re.IGNORECASE,
)


def set_aside(text: str) -> str:
    """The text less the type words that do not name the item asked about (:data:`_ASIDE`)."""
    return _ASIDE.sub(" ", text)


def _words(text: str) -> list[str]:
    tokens = _TOKEN.findall(set_aside(text.lower().replace("_", " ")))
    return [_singular(t) for t in tokens if t not in _FILLERS]


def normalise_item_type(text: Optional[str]) -> Optional[str]:
    """The item type (one of ITEM_TYPES) that ``text`` names, or None if it names none.

    Accepts the entity's own values, engine item codes, plurals, "CIN review",
    "home visit", and one typo per word ("reveiw"). None and empty text give None.
    """
    if not text or not text.strip():
        return None
    words = _words(text)
    if not words:
        return None
    for candidate in (words, [_correct(w) for w in words]):
        phrase = " ".join(candidate)
        if phrase in _ALIASES:
            return _ALIASES[phrase]
        compound = _compound_type(candidate)
        if compound:
            return compound
        heads = {_HEADS[w] for w in candidate if w in _HEADS}
        if len(heads) == 1:
            return heads.pop()
        if len(heads) > 1:
            covering = _covering_type(candidate)
            if covering:
                return covering
    if _CADENCE.search(" ".join(words)):
        return "visit"  # "the three weekly ones": the visits kept to that rhythm (no other item is weekly)
    return None


#: A weekly rhythm with no type word beside it: only visits run by the week.
_CADENCE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|eight)[ -]?weekly\b")


#: Words beside a type word that make it another type: the review's record goes out as the plan does
#: ("review notes sent out"), a case open a year is the oversight milestone ("12 month review", "12 months open").
_COMPOUNDS: Tuple[Tuple[Tuple[str, ...], str], ...] = (
    (("review", "record"), "plan"),
    (("review", "note"), "plan"),
    (("review", "minute"), "plan"),
    (("trajectory",), "oversight"),
    # Medway's 6- and 9-month points, named by who holds them: the Area Manager's and the Head of Service's
    (("area", "manager"), "oversight"),
    (("am", "review"), "oversight"),
    (("head", "service"), "oversight"),
    (("hos",), "oversight"),
    # short names: an initial CIN meeting, a child and family assessment
    (("icm",), "meeting"),
    (("c&f",), "assessment"),
    (("c", "and", "f"), "assessment"),
    (("45", "day"), "assessment"),  # the assessment's statutory 45 working days ("riley 45 days when")
    (("45", "working", "day"), "assessment"),
    (("6", "month", "review"), "oversight"),
    (("9", "month", "review"), "oversight"),
    (("12", "month", "review"), "oversight"),
    (("6", "month", "open"), "oversight"),
    (("9", "month", "open"), "oversight"),
    (("12", "month", "open"), "oversight"),
)
#: Words of sending out: with a plan or a review named, the plan's circulation ("when does the plan have to go out").
_SENDING = frozenset({"circulate", "circulated", "circulating", "distribute", "distributed", "distributing"})
_GOING_OUT = (("go", "out"), ("sent", "out"), ("send", "out"), ("going", "out"), ("gone", "out"))


def _compound_type(words: List[str]) -> Optional[str]:
    """The type a compound names ("review record" -> plan), or the plan when a plan or review is sent out."""
    for phrase, item_type in _COMPOUNDS:
        size = len(phrase)
        if any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1)):
            return item_type
    sent = bool(_SENDING & set(words)) or any(tuple(words[i : i + 2]) in _GOING_OUT for i in range(len(words) - 1))
    if sent and {"plan", "review"} & set(words):
        return "plan"
    return None


#: Phrases that name fewer items than their type does ("initial meeting" is the first meeting, not reviews).
_PHRASE_ITEMS: Dict[str, Tuple[str, ...]] = {
    "initial meeting": ("initial_cin_meeting",),
    "initial cin meeting": ("initial_cin_meeting",),
    "first meeting": ("initial_cin_meeting",),
    "first cin meeting": ("initial_cin_meeting",),
}


def _covering_type(words: List[str]) -> Optional[str]:
    """Several types named at once ("reviews or meetings", "initial meetings or plans"): the narrowest type
    whose items include every item named, or None when no one type covers them all."""
    named: Set[str] = set()
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if len(words) - i >= size and phrase in _ALIASES:
                named.update(_PHRASE_ITEMS.get(phrase, ITEM_TYPE_ITEMS[_ALIASES[phrase]]))
                i += size
                break
        else:
            i += 1
    covering = sorted((len(items), t) for t, items in ITEM_TYPE_ITEMS.items() if named <= set(items))
    if not covering or (len(covering) > 1 and covering[0][0] == covering[1][0]):
        return None
    return covering[0][1]


_SEEING = frozenset({"see", "seeing", "seen", "visit", "visiting", "visited"})  # "when do I next need to see Ada"


def find_item_type(entity_text: Optional[str], message: Optional[str], kind: str = "due") -> Optional[str]:
    """The item type a question is about: from the NLU's entity if it names one, else the message.

    The entity extractor sometimes tags a stray word ("hey", "sunday") or
    splits a phrase ("cin" + "review"); the message names the type as long as
    it holds exactly one type word ("what plans need circulating"). For a
    child's summary the message is not read ("a summary of Layla" asks for
    everything, not case summaries); otherwise "see" or "seen" with no type word means a visit.
    """
    found = normalise_item_type(entity_text)
    if found and message and set_aside(message) != message:
        found = normalise_item_type(message)  # the NLU may have tagged "visits" in "between visits": the words decide
    if kind == "child_summary" and found == "case_summary" and "case" not in _words(entity_text or ""):
        return None  # "summary for Amelia": the summary asked for, not the case summary item
    if message and kind != "child_summary":
        compound = _compound_type(_words(message))
        if compound:  # the NLU caught "review" of "the review record": the words name the plan
            return compound
    if found and message and kind != "child_summary":
        words = _words(message)
        if len({_HEADS[w] for w in words if w in _HEADS}) > 1:  # "reviews or meetings": the entity holds one
            return _covering_type(words) or found
    if found or not message or kind == "child_summary":
        return found
    found = normalise_item_type(message)
    if found is None and _SEEING & set(_TOKEN.findall(_NOT_SEEING_A_CHILD.sub(" ", message.lower()))):
        return "visit"
    return found


#: "see" that is not seeing a child: "I want to see it all in one place", "let me see what's due".
_NOT_SEEING_A_CHILD = re.compile(r"\bsee (?:it|what|everything|all|the list|if|how|whether|where|when|them all)\b")


def items_for(item_type: Optional[str]) -> Optional[FrozenSet[str]]:
    """The engine items an item type covers; None (no filter) when no type is given.

    ``item_type`` must already be normalised: an unknown value is a programming error.
    """
    if item_type is None:
        return None
    if item_type not in ITEM_TYPE_ITEMS:
        raise ValueError(f"unknown item type {item_type!r}; normalise it first (one of {', '.join(ITEM_TYPES)})")
    return frozenset(ITEM_TYPE_ITEMS[item_type])


def item_name(item: str) -> str:
    """An engine item in plain English ("cin_review" -> "CIN review")."""
    return ITEM_NAMES.get(item, item.replace("_", " "))


def type_name(item_type: Optional[str], count: int = 1) -> str:
    """An item type in plain English, plural unless count is 1; "item(s)" when no type."""
    name = TYPE_NAMES.get(item_type, "item") if item_type else "item"
    return name if count == 1 else plural(name)


def plural(name: str) -> str:
    """ "visit" -> "visits", "case summary" -> "case summaries"."""
    if name in _PLURALS:
        return _PLURALS[name]
    if name.endswith("y") and not name.endswith(("ay", "ey", "oy", "uy")):
        return name[:-1] + "ies"
    return name + "s"


def _check(items: Iterable[str]) -> None:
    unknown = set(items) - set(ITEMS)
    if unknown:  # the engine renamed an item: fail at import, not mid-conversation
        raise RuntimeError(f"vocab names engine items that do not exist: {sorted(unknown)}")


_check(i for items in ITEM_TYPE_ITEMS.values() for i in items)
_check(ITEM_NAMES)

"""What the message that starts a visit record already says: the child, the day, seen, seen alone.

"Saw Amelia yesterday on her own" answers four of the form's questions; the
form asks only for the rest. Read with care: "visited Amelia" says nothing about
whether she was seen; a child not seen cannot have been seen alone (so that is
recorded as entailed); "last week" is not a day. The child is only ever one on
the asker's own cases (:func:`assistant.dialogue.children.named_children`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional

from dateutil.relativedelta import relativedelta

from assistant.casestore import Store, UnknownWorkerError
from assistant.dialogue.caseload_words import asks_how_long_unseen
from assistant.dialogue.children import named_children, words_of
from assistant.dialogue.control import asks_what_is_due, put_as_question
from assistant.dialogue.visits import VisitDateError, parse_visit_date
from assistant.domain.names import forms_of

_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|weds|thurs?|fri|sat|sun"
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_DATE_PHRASES = [
    r"day before yesterday",
    r"yesterday(?: morning| afternoon| evening| lunchtime)?",
    r"(?:earlier )?today|this (?:morning|afternoon|evening)|just (?:got back|been|now|left|leaving)|just visited|"
    r"just saw|leaving (?:now|just now)",
    rf"(?:on |last |this |past )?(?:{_DAYS})(?: \d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{_MONTHS}))?",
    r"(?:\d{1,2}|a|one|two|three|four|five|six|seven) days? ago",
    rf"(?:on )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{_MONTHS})(?:,? \d{{4}})?",
    rf"(?:on )?(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?",
    r"(?:on )?\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?",
    r"(?:on )?\d{4}-\d{1,2}-\d{1,2}",
    r"(?:on )?(?:the )?\d{1,2}(?:st|nd|rd|th)",  # "on the 17th", "ruby 17th"
]
_DATE_IN_TEXT = re.compile(r"(?<![\w/])(?:" + "|".join(_DATE_PHRASES) + r")(?![\w/])", re.IGNORECASE)
_TODAY_WORDS = re.compile(
    r"^(?:just (?:got back|been|now|left|leaving)|just visited|just saw|leaving (?:now|just now))$"
)
_DAY_OF_MONTH = re.compile(r"^(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)$")


def _day_of_month(day: int, today: dt.date) -> dt.date:
    """ "The 23rd": the latest such day not after today (this month's, else an earlier month's)."""
    for back in range(0, 3):
        month_start = today.replace(day=1) - relativedelta(months=back)
        try:
            found = month_start.replace(day=day)
        except ValueError:
            continue  # the 31st of a 30-day month: look further back
        if found <= today:
            return found
    raise VisitDateError(f'"the {day}" is not a day I can place')


_NOT_SEEN = re.compile(
    r"\b(?:didn'?t|did not|couldn'?t|could not|wasn'?t able to|was not able to|unable to|failed to) (?:see|get to see|"
    r"meet)\b(?! (?:him|her|them|\w+) (?:alone|on (?:his|her|their) own))"
    r"|\bnot seen\b|\b(?:nobody|no one|noone|no-one) (?:was )?(?:home|in|answered)\b|\bno answer\b"
    r"|\b(?:wasn'?t|weren'?t|was not|were not) (?:home|in|there|at home|available)\b|\bnot (?:at )?home\b"
    r"|\bno access\b|\bwasn'?t seen\b"
    r"|\bnot (?:in|home|there|at home|answering) when (?:i|we) (?:went|called|visited|got there|arrived|knocked)\b"
    # only the adults spoken to: "he was at football, spoke to mum only"
    r"|\b(?:spoke|talked) (?:to|with) (?:(?:his|her|their|the) )?(?:mum|dad|parents?|carers?|nan|gran|grandma|"
    r"grandad|aunt|auntie|uncle)(?: and (?:mum|dad|nan|gran|grandma|grandad))? only\b"
    r"|\bonly (?:spoke to|saw|talked to|seen) (?:(?:his|her|their|the) )?(?:mum|dad|parents?|carers?|nan|gran)\b",
    re.IGNORECASE,
)
_SEEN = re.compile(
    r"\b(?:saw|seen|met|spoke (?:to|with)|talked (?:to|with)|chatted with)\b"
    r"|\b(?:he|she|they) (?:was|were) (?:there|in|home|at home)\b",
    re.IGNORECASE,
)
_NOT_ALONE = re.compile(
    r"\bseen alone[:\s-]*(?:no|n)\b|\balone[:\s-]*no\b"
    r"|\bnot (?:seen )?alone\b|\bnot on (?:his|her|their) own\b|\b(?:couldn'?t|could not|didn'?t|did not|wasn'?t "
    r"able to|was not able to|unable to|no chance to|never got to) (?:see|speak to|talk to|get) (?:him|her|them|\w+) "
    r"(?:alone|on (?:his|her|their) own)"
    # someone had to stay: "wouldn't speak to me without his mum there"
    r"|\bwithout (?:his|her|their) (?:mum|dad|mother|father|carers?|nan|gran|foster carers?|parents?)"
    r"(?: there| present| in the room| with (?:him|her|them))\b",
    re.IGNORECASE,
)
_ALONE = re.compile(
    r"\b(?:seen |saw (?:him|her|them|\w+) |spoke (?:to|with) (?:him|her|them|\w+) |on )?alone\b"
    r"|\bon (?:his|her|their) own\b|\b(?:by him|by her|by them)sel(?:f|ves)\b|\bone[- ]to[- ]one\b|\b1[:-]1\b"
    r"|\bjust (?:me and (?:him|her|them|\w+)|(?:him|her|them|\w+) and me|the two of us|us two)\b|\bprivately\b",
    re.IGNORECASE,
)
_PEOPLE = (
    r"(?:(?:his|her|their|the) )?(?:(?:baby|little|big|older|younger) )?(?:mum|dad|mam|mom|mother|father|parents?|"
    r"carers?|foster carers?|nan|nanna|nana|gran|granny|grandma|grandad|grandparents?|aunt|auntie|aunty|uncle|"
    r"brothers?|sisters?|siblings?|step-?dad|step-?mum|partner|boyfriend|girlfriend|family|cousins?|friends?|"
    r"teachers?|staff|(?:key|support|care|residential) ?workers?|(?:the )?kids|(?:the )?others)"
)
#: Someone else there throughout: "with mum and nan the whole time", "mum sat in", "together the whole time".
_WITH_OTHERS = re.compile(
    rf"\b(?:with|alongside) {_PEOPLE}(?:,? (?:and|&) {_PEOPLE})*\b"
    rf"|\b{_PEOPLE} (?:was|were|stayed|sat) (?:in|present|there|in the room|in on it|with (?:us|him|her|them))\b"
    rf"|\b{_PEOPLE} sat in\b|\b{_PEOPLE} (?:was |were )?(?:present|there) (?:throughout|the whole time|all along)\b"
    r"|\btogether (?:the whole time|throughout|all the time)\b"
    rf"|\b{_PEOPLE} (?:with|beside|next to) (?:him|her|them) (?:throughout|the whole time|all the time|all along)\b"
    r"|\b(?:the )?whole (?:time|visit)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class VisitSaid:
    """What a message says about a visit (None: not said)."""

    day: Optional[dt.date] = None
    day_phrase: Optional[str] = None  # a day it gave that is not a real day, for the form to say why
    child_seen: Optional[bool] = None
    seen_alone: Optional[bool] = None


def _as_written_out(text: str) -> str:
    """The message with the shorthand of a quick note written out ("yday" yesterday, "w/ mum" with mum)."""
    said = " ".join(text.replace("\u2019", "'").split())
    for short, full in _SHORTHAND:
        said = short.sub(full, said)
    return " ".join(said.split())


_SHORTHAND = (
    (re.compile(r"\b(?:yday|y'day|yest|yesterdy|ystrday|yesterda)\b", re.IGNORECASE), "yesterday"),
    (re.compile(r"\b(?:tdy|2day)\b", re.IGNORECASE), "today"),
    (re.compile(r"\bthis am\b", re.IGNORECASE), "this morning"),
    (re.compile(r"\bthis pm\b", re.IGNORECASE), "this afternoon"),
    (re.compile(r"(?<!\w)w/(?=\s|\w)", re.IGNORECASE), "with "),
    (re.compile(r"\b(?:thru ?out|thru-out|throughout)\b", re.IGNORECASE), "throughout"),
)


def read_visit(text: str, today: dt.date) -> VisitSaid:
    """The day, seen and seen-alone a message gives (without the child: that needs the asker's cases)."""
    said = _as_written_out(text)
    day: Optional[dt.date] = None
    phrase: Optional[str] = None
    for m in _DATE_IN_TEXT.finditer(said):
        found = m.group(0).strip()
        try:
            ordinal = _DAY_OF_MONTH.match(found.lower())
            if _TODAY_WORDS.match(found.lower()):
                day = today
            elif ordinal:
                day = _day_of_month(int(ordinal.group(1)), today)
            else:
                day = parse_visit_date(found, today)
            phrase = None
            break
        except VisitDateError:
            phrase = phrase or found
    seen: Optional[bool] = None
    alone: Optional[bool] = None
    if re.search(r"\bchild seen[:\s-]*(?:yes|y)\b", said, re.IGNORECASE):
        seen = True
    if _NOT_SEEN.search(said) and not seen:
        seen, alone = False, False  # not seen, so not seen alone: recorded as entailed
    else:
        if _NOT_ALONE.search(said):
            seen, alone = True, False
        elif _ALONE.search(said):
            seen, alone = True, True
        elif _WITH_OTHERS.search(said) and _SEEN.search(said):
            seen, alone = True, False  # seen, with someone else there throughout
        elif _WITH_OTHERS.search(said):
            alone = False  # "home visit to Theo, his dad was present throughout": not alone, seen not said
        elif _SEEN.search(said):
            seen = True
    return VisitSaid(day, phrase, seen, alone)


#: How a message reporting a visit begins ("saw Amelia today", "popped round to the Okafors' yesterday").
_REPORT_START = re.compile(
    r"^\W*(?:(?:right|ok|okay|so|just|um|erm|hi|morning|afternoon|i|i've|ive|i have|we|we've)\W+)*"
    r"(?:saw|visited|seen|met|hv|popped (?:round|in|over|by)|went (?:round|over|to see|out to)|called (?:round|in on)|"
    r"home visit|did (?:a|an|the|my|[a-z'-]+(?:'s|s)) (?:[a-z]+ ){0,2}(?:home )?(?:visit|hv)|been to see|dropped in|"
    r"caught up with)\b"
    # the child, then the visit as done: "lottie scarisbrick hv done this am"
    r"|^\W*[a-z'-]+(?: [a-z'-]+)?(?:'s)? (?:home visit|hv|visit) (?:done|completed|carried out)\b"
    # or the child first: "joy seen at school this morning", "Sky and Jordan visited today"
    r"|^\W*(?!(?:not|never|hasn'?t|has|have|was|been|who|when)\b)[a-z'-]+(?:,? (?:and |& )?[a-z'-]+)? "
    r"(?:was |were |got |both )?(?:seen|visited)\b(?! (?:by|since)\b)",
    re.IGNORECASE,
)


#: A question asked after the report ("visited today, mum refused consent, what do I do now").
_ASKS_INSIDE = re.compile(
    r"\b(?:what|how|who|why|which)\b|\b(?:should|can|could|do|does|is|am|must|shall) (?:i|we|they|he|she|it|you)\b",
    re.IGNORECASE,
)


def reports_a_visit(text: str, today: dt.date) -> bool:
    """The message reports a visit made ("visited Sunny on the 4th", "Danny wasn't home when I went round
    this morning"), which the NLU may take for a caseload or procedure question: it says the day, begins as
    a report does (or says the child was not seen), and asks nothing."""
    said = " ".join(text.replace("\u2019", "'").split())
    if not said or "?" in said or put_as_question(said) or asks_what_is_due(said) or _ASKS_INSIDE.search(said):
        return False
    if asks_how_long_unseen(said):
        return False  # "not seen sunny in a while, has it gone over": a question about time gone by
    if read_visit(said, today).day is None:
        # no day said: a report only when it begins as one and says how it went ("visited tommy but he wasn't in")
        return bool(_REPORT_START.search(said) and (_NOT_SEEN.search(said) or _SEEN_HOW.search(said)))
    return bool(_REPORT_START.search(said) or _NOT_SEEN.search(said))


#: How the child was seen, said of a visit made ("on her own", "mum there throughout"): a report, not a question.
_SEEN_HOW = re.compile(
    r"\b(?:on (?:his|her|their) own|alone|with (?:mum|dad|nan|gran|grandma|carer|foster carer|parents?) "
    r"(?:there|present|in the room|throughout)|(?:mum|dad|carer|parents?) (?:sat in|present|there) (?:throughout|"
    r"the whole time|all the time))\b",
    re.IGNORECASE,
)


def alone_each(text: str, first_names: Mapping[str, str]) -> Dict[str, bool]:
    """Whether each child was seen alone, where a part of the message speaks of that child alone ("precious was
    with mum the whole time but grace spoke to me on her own"): case id -> seen alone, for those said of only."""
    found: Dict[str, bool] = {}
    last: Optional[bool] = None
    parts = _PARTS.split(" ".join(text.replace("\u2019", "'").split()))
    for part in (piece for whole in parts for piece in _by_child(whole, first_names)):
        words = set(words_of(part))
        about = [  # "ronnie" for Ronan: the forms people use
            case_id
            for case_id, first in first_names.items()
            if any(set(words_of(form)) <= words for form in {first, *forms_of(first)})
        ]
        if not about:
            continue  # no child named: said of the visit
        if _NOT_ALONE.search(part) or _WITH_OTHERS.search(part):
            found.update(dict.fromkeys(about, False))  # "ronnie and archie with mum there": each of them
        elif _ALONE.search(part):
            found.update(dict.fromkeys(about, True))
        elif last is not None and len(about) == 1 and _NOT_THE_OTHER.match(part):
            found[about[0]] = not last  # "Tyler on his own but not Chidera"
        last = found.get(about[-1], last)
    return found


def _by_child(part: str, first_names: Mapping[str, str]) -> List[str]:
    """A part cut where a child's name opens a new clause, for a note typed without commas ("saw destiny rio
    and blessing today destiny and rio on their own blessing with mum"): a name after a word that is not
    another name or a word joining names ("and", "saw", "with") begins the next clause."""
    forms = {
        said
        for first in first_names.values()
        for form in {first, *forms_of(first)}
        for said in [" ".join(words_of(form))]
        if said and " " not in said
    }
    words = part.split()
    pieces: List[str] = []
    start = 0
    for i in range(1, len(words)):
        word, before = " ".join(words_of(words[i])), " ".join(words_of(words[i - 1]))
        if word in forms and before not in forms and before not in _JOINING_NAMES:
            pieces.append(" ".join(words[start:i]))
            start = i
    return [*pieces, " ".join(words[start:])]


_JOINING_NAMES = frozenset("and & or nor not but except saw seen see seeing visited visit met with both to for".split())
#: The other child put as the exception to what was just said: "(but) not Chidera", "(and) not his sister".
_NOT_THE_OTHER = re.compile(r"\s*(?:and |but )?not\b", re.IGNORECASE)
#: Where a message turns from one child to another: a comma, "but", "while", "whereas", a full stop.
_PARTS = re.compile(r"[,;.!]|\b(?:but|while|whilst|whereas|then)\b", re.IGNORECASE)


def prefilled(
    store: Optional[Store], worker_id: Optional[str], text: str, child_entity: Optional[str], today: dt.date
) -> Dict[str, object]:
    """The form's slots the first message already answers: ``visit_child``, ``visit_date``, ``child_seen``,
    ``seen_alone`` (only those said; the child only if one of the asker's own is named), and
    ``visit_siblings`` when it names a family (the other children's case ids), with ``visit_alone_each``
    when it says of some of them apart whether they were seen alone (:func:`alone_each`)."""
    said = read_visit(text, today)
    slots: Dict[str, object] = {}
    child = None
    siblings: List[str] = []
    each: Dict[str, bool] = {}
    if store is not None and worker_id:
        try:
            scope = store.scope_for(worker_id)
        except UnknownWorkerError:
            scope = None
        if scope is not None:
            named = named_children(store, scope, text, child_entity, first_names=True)
            child = named[0] if named else None
            if len(named) > 1:  # "the Abdi boys": the same visit for each child of the family
                siblings = list(named[1:])
                slots["visit_siblings"] = siblings
                firsts = {case_id: first for case_id, first, _, _ in store.case_names(scope) if case_id in named}
                each = alone_each(text, firsts)
                if each:
                    slots["visit_alone_each"] = each
    if child:
        slots["visit_child"] = child
    if said.day is not None:
        slots["visit_date"] = said.day.isoformat()
    elif said.day_phrase:
        slots["visit_date"] = said.day_phrase  # the form's check says why it is not a day
    if said.child_seen is not None:
        slots["child_seen"] = said.child_seen
    if said.seen_alone is not None or said.child_seen is False:
        slots["seen_alone"] = bool(said.seen_alone) and said.child_seen is not False  # not seen: not seen alone
    if child and each and set(each) == {child, *siblings}:  # said of every child: nothing left to ask
        slots.setdefault("child_seen", True)
        slots.setdefault("seen_alone", each[child])
    return slots


__all__ = ["VisitSaid", "alone_each", "prefilled", "read_visit", "reports_a_visit"]

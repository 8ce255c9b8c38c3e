"""The worker's own words, read where the NLU's reading of a caseload question is weak.

Pure functions of the message text (and today): which kind of caseload
question it is ("when is Theo due his review" is his next review; "which
families have I got" is the caseload; a manager's "my lot" is the team), and
whether a message the NLU took for something else is about the asker's own
work. assistant.dialogue.caseload asks these before answering.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from assistant.dialogue.intents import TEAM_KINDS
from assistant.domain.patterns import pattern
from assistant.domain.timeframe import TimeframeError, find_window_phrase, mentions_time
from assistant.domain.vocabulary import normalise_item_type

_GUIDANCE_CUES = re.compile(
    r"\b(?:how (?:often|long|soon|quickly|many days|many weeks|do|should|does)|should|must|guidance|policy|"
    r"procedures?|timescales?|rules?|law|legislation|what does|who (?:chairs|attends|should|must)|why|explain|"
    r"mean|means|after (?:a|the) (?:referral|assessment|meeting|review|strategy))\b",
    re.IGNORECASE,
)
_OWN = re.compile(
    r"\b(?:i|i've|ive|i'm|im|me|my|mine)\b|\bwhat(?:'s| is|s) on\b|\bon my plate\b|\bto do\b|\bget done\b",
    re.IGNORECASE,
)
#: Late now, said of the asker's (or the team's) items: "out of timescale" is lateness, not a question of timescales.
_LATE = (
    r"overdue|late|out of (?:time|timescales?)|outside (?:of )?timescales?|behind|"
    r"let (?:[\w']+ ){0,3}(?:slide|slip|drift)|"
    r"(?<!\bno )red(?! flags?\b)|in the red|"
    r"slipped|(?:gone |gone over |over |past )(?:the )?\d+ (?:working )?(?:days|weeks)|drifted|drifting"
    r"|not (?:been )?(?:\w+ )?(?:within|in) (?:the )?\d+ (?:working )?(?:days|weeks)"  # "not circulated within 3 days"
)
_LATE_NOW = re.compile(rf"\b(?:{_LATE})\b", re.IGNORECASE)
_TEAM = re.compile(r"\bteam\b", re.IGNORECASE)  # "team assessments out of timescale"
_WE = re.compile(r"\b(?:we|we're|were we|our|us)\b", re.IGNORECASE)  # "are we behind on visits": the team's
_ITEMS_FIRST = re.compile(
    r"\W*(?:(?:first|initial|home|cin|case|statutory) )*(?:visits|reviews|plans|assessments|meetings|supervisions|"
    r"summaries)\b",
    re.IGNORECASE,
)
_OUTSTANDING = re.compile(r"\boutstanding\b", re.IGNORECASE)
_ANY_WORD = re.compile(r"\b(?:any|anything|stuff|things)\b", re.IGNORECASE)  # "anything for connor in feb"
_ANYTHING_FIRST = re.compile(r"\W*(?:any|anything)\b(?! else)", re.IGNORECASE)  # "anything on fri"
_ANY_FIRST = re.compile(r"\W*(?:any|anything|anyone|which|what)\b", re.IGNORECASE)  # "any assessments past 45 days"
_WHATS = re.compile(r"\b(?:what(?:'s|s| is)?|anything|which|am i|are we)\b", re.IGNORECASE)
# a case supposed: a question of procedure ("what if mum refuses"); not an apology ("sorry if this is a silly q")
_WHAT_IF = re.compile(
    r"(?<!sorry )\bif\b(?! any| (?:this|that|it)(?:'s| is) (?:a )?(?:silly|stupid|daft|dumb|basic|obvious))"
    r"|\bwhat happens\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:today|tomorrow|tonight|this|next|coming|rest of|end of|fortnight|by|before|until|till|between now|"
    r"(?:in|during) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b"
)


def own_work_kind(text: str, today: dt.date, strict: bool) -> Optional[str]:
    """The caseload kind of a message about the asker's own work that the NLU missed, or None.

    "what do I need to get done by the end of the month", "which families do I
    have": a window counted from today, or the caseload itself, asked about
    the asker's own work, with none of the words of a question about the
    guidance. ``strict`` (the NLU took it for a procedure question) also needs
    "due" or the like and a window counted from today.
    """
    said = " ".join(text.replace("\u2019", "'").split())
    if _GUIDANCE_CUES.search(_LATE_NOW.sub(" ", said)) or _WHAT_IF.search(said):
        return None
    if _WHOLE_CASELOAD.search(said) and not _DUE_WORDS.search(said) and _OWN.search(said):
        return "caseload"
    named = bool(normalise_item_type(said))  # "cin reviews in the next 7 days?": the items in a window
    asks_items = named or bool(_WHATS.search(said))
    mine = (
        _OWN.search(said)
        or _TEAM_WORDS.search(said)
        or _TEAM.search(said)
        or _ANY_FIRST.match(said)
        or _ITEMS_FIRST.match(said)  # "visits gone over the 15 working days?"
    )
    if asks_items and _LATE_NOW.search(said) and (mine or _WE.search(said)):  # "where are we drifting on reviews"
        return "overdue"  # "assessments out of timescale in the team?", "what's overdue on my caseload"
    try:
        window = find_window_phrase(said, today)
    except TimeframeError:
        return None
    if window is None:  # "first home visits outstanding across the team": not done, and no window: late
        return "overdue" if named and mine and _OUTSTANDING.search(said) and not strict else None
    if strict:
        return "due" if (_DUE_WORDS.search(said) or named) and _RELATIVE.search(window) else None
    return "due" if _OWN.search(said) or _DUE_WORDS.search(said) or named or _ANYTHING_FIRST.match(said) else None


#: Asking for the date of a thing, anywhere in the message ("Glory's plan, when has it got to be sent out",
#: "Lucja assessment deadline?"); not "when did I last ..." (a past event).
_ASKS_DATE = re.compile(
    r"\bwhen(?:'s|s)?\b(?! (?:did|was|were|have|had)\b)|\bdeadline\b|\bdue date\b|\bby when\b|\bwhat date\b"
    r"|\bwhen (?:was|were) (?:[\w']+ ){0,4}?due\b"  # "when was the c&f assessment due": its due date, past or not
    r"|\bhow long (?:have i|do i|until)\b"
    r"|\b(?:visit|review|plan|meeting|assessment|supervision|summary|oversight)s?\s+(?:due\s+)?dates?\b",
    re.IGNORECASE,
)
#: How long a child has gone unseen ("hasn't been seen since September", "gone 8 weeks without being seen",
#: "has Teddy been seen in the last month"): a question about overdue visits, never a visit to record.
_UNSEEN_FOR = re.compile(
    r"\b(?:hasn'?t|has not|haven'?t|have not|not|never)\s+(?:been\s+|had\s+a\s+)?(?:seen|visited|visit)"
    r"\s+(?:since|for|in|within)\b"
    r"|\bwithout (?:being )?(?:seen|a visit|visiting)\b"
    r"|\b(?:has|have)\s+(?:\w+\s+){1,3}?(?:actually\s+|even\s+|really\s+)?been\s+(?:seen|visited)"
    r"\s+(?:at all\s+)?(?:in|within|since|for)\b"
    r"|\b(?:not|no one|nobody)\s+(?:has\s+)?seen\s+(?:\w+\s+){0,2}?(?:in|for|since)\b"
    r"|\bbeen\s+(?:seen|visited)\s+(?:in|on)\s+time\b",  # "has maisie been visited in time?"
    re.IGNORECASE,
)


def asks_if_late(text: str) -> bool:
    """A question whether something is late ("is zainab's visit late", "is maisie out of timescale for her
    visits"): a caseload question, never a visit to record."""
    said = " ".join(text.replace("\u2019", "'").split())
    return bool(_LATE_NOW.search(said) and (_IS_IT.match(said) or said.endswith("?")))


_IS_IT = re.compile(
    r"\W*(?:(?:um|erm|so|and|hi|hey|quick q)\W+)*(?:is|are|has|have|was|were|am i|did i|have i)\b", re.IGNORECASE
)


def late_in_words(text: str) -> bool:
    """Words of lateness ("overdue", "gone past the 3 days", "not circulated within 3 days", "drifted")."""
    return bool(_LATE_NOW.search(text))


def inside_lateness(phrase: str, text: str) -> bool:
    """A "timeframe" the NLU took from a phrase of lateness ("3 days" of "not circulated within 3 days")."""
    said = " ".join(phrase.split()).lower()
    return bool(said) and any(said in m.group(0).lower() for m in _LATE_NOW.finditer(text))


def asks_how_long_unseen(text: str) -> bool:
    """A question about how long a child (or the caseload) has gone without a visit."""
    return bool(_UNSEEN_FOR.search(" ".join(text.replace("\u2019", "'").split())))


_WHOLE_CASELOAD = re.compile(
    r"\b(?:which|what|list|show|how many|who)\b[^?.!]*\b(?:cases|families|children|kids|caseload|young people)\b"
    r"[^?.!]*\b(?:have|got|hold|holding|open|allocated|carry|carrying|on)\b"
    r"|\b(?:overview|rundown|run-down|run down|breakdown|round-up|roundup) of (?:all )?(?:my|our) "
    r"(?:cases|caseload|kids|children|families|young people)\b",
    re.IGNORECASE,
)
_DUE_WORDS = re.compile(
    r"\b(?:due|overdue|late|missed|behind|outstanding|coming up|needs? doing|to do|look ?ahead|what(?:'s|s| is) on)\b",
    re.IGNORECASE,
)
#: The team as a whole, as a worker who is not its manager might ask about it ("everyone's overdue items").
_WHOLE_TEAM_WORDS = re.compile(
    r"\b(?:everyone's|everybody's|the team's|my team's|whole team|across the team|across my team|"
    r"each worker|all (?:the|my) (?:workers|social workers|colleagues))\b",
    re.IGNORECASE,
)
_TEAM_WORDS = re.compile(
    r"\b(?:my team|the team|team's|my lot|everyone|everybody|my workers|my staff|my social workers|each worker|"
    r"all my workers|the whole team|my (?:\w+ )?(?:practitioners|workers|staff|sws|people|colleagues)|"
    r"(?:who|which worker|which of (?:my|the) \w+)(?:'s| is| has)?)\b",
    re.IGNORECASE,
)


def kind_from_words(text: str, kind: str, child_named: bool = False, is_manager: bool = False) -> str:
    """The kind the words settle where the NLU's reading of it is weak.

    "When is Theo due his review?" asks for a child's next item of one type;
    "which families do I have" for the caseload itself; a manager's "my lot"
    or "everyone" for the team.
    """
    if asks_how_long_unseen(text) and kind not in TEAM_KINDS:
        kind = "overdue"
    elif kind == "child_summary" and normalise_item_type(text) and _ASKS_DATE.search(text):
        kind = "next"
    elif kind == "child_summary" and normalise_item_type(text) and _OVERDUE_WORDS.search(text):
        kind = "overdue"  # "Patience's assessment - is it late"
    elif kind == "child_summary" and _LATE_NOW.search(text):
        kind = "overdue"  # "whats late for alfie"
    elif kind != "caseload" and _WHOLE_CASELOAD.search(text) and not _DUE_WORDS.search(text) and not child_named:
        kind = "caseload"
    elif kind in ("due", "overdue") and (_TEAM_WORDS if is_manager else _WHOLE_TEAM_WORDS).search(text):
        kind = f"team_{kind}"  # a worker asking about the whole team gets the managers-only reply
    elif kind in TEAM_KINDS and _OWN.search(text) and not _about_the_team(text):
        kind = kind[len("team_") :]  # "what reviews have I got in june": the asker's own, whatever the NLU guessed
    return kind


def _about_the_team(text: str) -> bool:
    """Words of the team as what is asked about, not as where the asker works ("I'm new to the team")."""
    said = _IN_THE_TEAM.sub(" ", text)
    return bool(_TEAM_WORDS.search(said) or _TEAM.search(said))


_IN_THE_TEAM = re.compile(
    r"\b(?:new to|joined|joining|started (?:in|on|with)|moved (?:to|into)|part of|just started in) (?:the|this|my|a) "
    r"(?:new )?team\b",
    re.IGNORECASE,
)
_OVERDUE_WORDS = re.compile(
    rf"\b(?:{_LATE}|missed|behind|slipped|gone over|past|(?:in|on) time)\b",
    re.IGNORECASE,  # "gone out in time?"
)


def kind_for_one_child(text: str, kind: str, timeframe: Optional[str], today: dt.date) -> str:
    """A list question about one named child, read as the words ask it.

    "When is Joy next due a review" is her next review; "what's due on Daisy's
    case" (no window) is everything open for her, and so is "anything open for
    Saoirse" read as overdue by the NLU with no word of lateness in it.
    """
    if kind not in ("due", "overdue", "child_summary", "next"):
        return kind
    named_type = _names_its_type(text)
    if kind == "next":  # "freya's review is today right", "is connor's review next week": is it in that window
        if _ASKS_DATE.search(text or "") or asks_how_long_unseen(text or ""):
            return kind  # "when is Rose's first review, she came home in october": its date, whatever the window
        window = bool(text and find_window_phrase(text, today))
        return "due" if window and named_type else kind
    asks_its_date = kind != "child_summary" and named_type and _ASKS_DATE.search(text)
    if asks_its_date and not asks_how_long_unseen(text):
        return "next"
    if kind == "overdue":
        asks_late = _OVERDUE_WORDS.search(text or "") or asks_how_long_unseen(text or "")
        return "child_summary" if text and not asks_late else kind
    # the window grammar runs only for the kinds a window changes
    window = bool((timeframe or "").strip() or (text and find_window_phrase(text, today)))
    if kind == "child_summary":
        if window and (_DUE_WORDS.search(text or "") or named_type or _ANY_WORD.search(text or "")):
            return "due"  # "what's due for Kasia before christmas", "is mateo's initial meeting this week"
        if not window and named_type:
            return "next"  # "zara's review", "supervision due for kacey?": that item's next date
        return "next" if not window and _NEXT_THING.search(text or "") else kind  # "Lizzie, what's coming up"
    if not window and (_NEXT_THING.search(text or "") or named_type):
        return "next"  # "next thing due for Sunny?", "kayden whitmore 3 month review"
    return "child_summary" if not window else kind


def _names_its_type(text: str) -> bool:
    """The message names a type of item, other than "summary" alone ("a summary for Layla" asks for everything)."""
    found = normalise_item_type(text)
    return bool(found) and not (found == "case_summary" and not re.search(r"\bcase\b", text, re.IGNORECASE))


_NEXT_THING = re.compile(
    r"\b(?:next|nxt)(?: thing| item| one)?\b(?! (?:week|month|year|fortnight|few|couple|\d))"
    r"|\bcoming up\b|\bupcoming\b",
    re.IGNORECASE,
)


def forward_window_kind(text: str, kind: str, timeframe: Optional[str]) -> str:
    """An overdue list the NLU chose for a message that asks about a window ahead with no word of lateness
    ("anything for me in january?", "what's the team got on before christmas") is a due list."""
    if (
        (timeframe or "").strip()
        and not _OVERDUE_WORDS.search(text)
        and not asks_how_long_unseen(text)  # "not seen in over 6 weeks": time gone by, not a window ahead
        and kind in ("overdue", "team_overdue")
    ):
        return kind.replace("overdue", "due")
    return kind


def asks_outside_the_work(text: str) -> bool:
    """A question that names a child but asks for help outside casework and guidance ("which benefits can
    her mum claim", "recommend a dentist for him"): not a request for the child's items."""
    return bool(_OUTSIDE_THE_WORK.search(text)) and not normalise_item_type(text)


#: Help from other services, which the assistant neither holds nor advises on.
_OUTSIDE_THE_WORK = re.compile(
    r"\b(?:recommend|dentists?|gp|doctors?|opticians?|benefits?|universal credit|entitled to|claim|"
    r"food ?banks?|(?:school )?uniform|furniture|bus pass|taxi|parking|solicitors?)\b",
    re.IGNORECASE,
)


def names_work(text: str, today: dt.date) -> bool:
    """A fragment that names a type of item ("reviews in april", "visits?"), or a window not put as a
    follow-on ("anything in the next fortnight", not "and next week?"): the asker's own work."""
    if normalise_item_type(text):
        return True
    if _FOLLOW_ON.match(text):
        return False  # "and next week?" follows something: with nothing before it, ask what
    try:
        return find_window_phrase(text, today) is not None
    except TimeframeError:
        return False


_FOLLOW_ON = re.compile(r"\s*(?:and|or|what about|how about|same for|then)\b", re.IGNORECASE)


def ordinary_word(name: str, text: Optional[str]) -> bool:
    """One lower-case word as the worker wrote it ("what's due for me this week"): not a name, not a reference.

    A capitalised word, a full name or a case reference is taken as a child meant, so a child outside
    the asker's scope still gets exactly the reply a child who does not exist gets.
    """
    word = name.strip()
    if not re.fullmatch(r"[A-Za-z']+", word) or not word.islower():
        return False
    return text is None or not pattern(rf"(?<![A-Za-z]){re.escape(word.capitalize())}(?![a-z])").search(text)


def says_no_time(phrase: str) -> bool:
    """A "timeframe" with no time in it at all ("on Daisy's case"), or only "next" ("next thing due for
    Sunny"): the NLU's mistake, not a window."""
    return not mentions_time(phrase) or bool(_NEXT_ONLY.fullmatch(" ".join(phrase.lower().split())))


def names_an_item(phrase: str, text: str) -> bool:
    """A "timeframe" that is the name of an item in the message ("kayden's 3 month review", "the 6 week visit"),
    not a window."""
    said = " ".join(phrase.split())
    return bool(said) and bool(
        re.search(rf"\b{re.escape(said)}s?\b[\w' ]{{0,25}}?\b{_ITEM_WORDS}", text, re.IGNORECASE)
    )


_ITEM_WORDS = r"(?:reviews?|visits?|meetings?|plans?|assessments?|supervisions?|summar(?:y|ies)|points?|milestones?)\b"
_NEXT_ONLY = re.compile(r"(?:the )?(?:next(?: thing| one| item)?|coming up|upcoming)")


__all__ = [
    "asks_outside_the_work",
    "asks_how_long_unseen",
    "asks_if_late",
    "forward_window_kind",
    "inside_lateness",
    "kind_for_one_child",
    "kind_from_words",
    "late_in_words",
    "names_an_item",
    "names_work",
    "ordinary_word",
    "own_work_kind",
    "says_no_time",
]

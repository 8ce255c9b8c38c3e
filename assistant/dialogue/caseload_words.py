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
_RELATIVE = re.compile(
    r"\b(?:today|tomorrow|tonight|this|next|coming|rest of|end of|fortnight|by|before|until|till|between now)\b"
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
    if _GUIDANCE_CUES.search(said):
        return None
    if _WHOLE_CASELOAD.search(said) and not _DUE_WORDS.search(said) and _OWN.search(said):
        return "caseload"
    try:
        window = find_window_phrase(said, today)
    except TimeframeError:
        return None
    if window is None:
        return None
    if strict:
        return "due" if _DUE_WORDS.search(said) and _RELATIVE.search(window) else None
    return "due" if _OWN.search(said) or _DUE_WORDS.search(said) else None


_WHEN = re.compile(r"^\W*(?:when(?:'s|s| is| are| do| does| will| should)?|what date)\b", re.IGNORECASE)


_WHOLE_CASELOAD = re.compile(
    r"\b(?:which|what|list|show|how many|who)\b[^?.!]*\b(?:cases|families|children|kids|caseload|young people)\b"
    r"[^?.!]*\b(?:have|got|hold|holding|open|allocated|carry|carrying|on)\b"
    r"|\b(?:overview|rundown|run-down|run down|breakdown|round-up|roundup) of (?:all )?(?:my|our) "
    r"(?:cases|caseload|kids|children|families|young people)\b",
    re.IGNORECASE,
)
_DUE_WORDS = re.compile(r"\b(?:due|overdue|late|missed|behind|outstanding|coming up|need doing|to do)\b", re.IGNORECASE)
_TEAM_WORDS = re.compile(
    r"\b(?:my team|the team|team's|my lot|everyone|everybody|my workers|my staff|my social workers|each worker|"
    r"all my workers|the whole team)\b",
    re.IGNORECASE,
)


def kind_from_words(text: str, kind: str, child_named: bool = False, is_manager: bool = False) -> str:
    """The kind the words settle where the NLU's reading of it is weak.

    "When is Theo due his review?" asks for a child's next item of one type;
    "which families do I have" for the caseload itself; a manager's "my lot"
    or "everyone" for the team.
    """
    if kind == "child_summary" and _WHEN.search(text) and normalise_item_type(text):
        kind = "next"
    elif kind != "caseload" and _WHOLE_CASELOAD.search(text) and not _DUE_WORDS.search(text) and not child_named:
        kind = "caseload"
    elif is_manager and kind in ("due", "overdue") and _TEAM_WORDS.search(text):
        kind = f"team_{kind}"
    return kind


_OVERDUE_WORDS = re.compile(r"\b(?:overdue|late|missed|behind|slipped|gone over|past)\b", re.IGNORECASE)


def kind_for_one_child(text: str, kind: str, timeframe: Optional[str], today: dt.date) -> str:
    """A list question about one named child, read as the words ask it.

    "When is Joy next due a review" is her next review; "what's due on Daisy's
    case" (no window) is everything open for her, and so is "anything open for
    Saoirse" read as overdue by the NLU with no word of lateness in it.
    """
    if kind not in ("due", "overdue"):
        return kind
    if _WHEN.search(text) and normalise_item_type(text):
        return "next"
    if kind == "overdue":
        return "child_summary" if text and not _OVERDUE_WORDS.search(text) else kind
    windowless = not (timeframe or "").strip() and not (text and find_window_phrase(text, today))
    return "child_summary" if windowless else kind


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
    """A "timeframe" with no time in it at all ("on Daisy's case"): the NLU's mistake, not a window."""
    return not mentions_time(phrase)


__all__ = ["kind_for_one_child", "kind_from_words", "ordinary_word", "own_work_kind", "says_no_time"]

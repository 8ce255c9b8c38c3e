"""Numbers between the written and the spoken form.

The language model is spoken text, so the training data's digits are spelled
out the way a worker in England says them ("section 47" -> "section forty
seven", "1989" -> "nineteen eighty nine"). The NLU was trained on the written
form, so a transcript's number words go back to digits where the training
data has digits (:func:`digits_for_assistant`): "fifteen working days" ->
"15 working days", but "one to one" and "the first visit" stay as they are.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_UNITS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_ORDINAL_TENS = (
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}

# Words after a number that make it a quantity the NLU saw in digits ("6 weeks", "a 12 year old").
UNIT_WORDS = frozenset(
    "day days week weeks weekly month months monthly year years yearly hour hours minute minutes working".split()
)


def cardinal(n: int) -> str:
    """British English words for 0 <= n < 1,000,000 ("one hundred and twenty one")."""
    if n < 0 or n >= 1_000_000:
        raise ValueError(f"cannot spell {n}")
    if n < 20:
        return UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return TENS[tens] + (f" {UNITS[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{UNITS[hundreds]} hundred" + (f" and {cardinal(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    if not rest:
        return f"{cardinal(thousands)} thousand"
    return f"{cardinal(thousands)} thousand" + (" and " if rest < 100 else " ") + cardinal(rest)


def ordinal(n: int) -> str:
    """Ordinal words for 1 <= n < 100 ("twenty third"), for dates."""
    if n < 20:
        return _ORDINAL_UNITS[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + f" {_ORDINAL_UNITS[unit]}" if unit else _ORDINAL_TENS[tens]


def year(n: int) -> str:
    """A year as said aloud: 1989 -> "nineteen eighty nine", 2005 -> "two thousand and five"."""
    head, tail = divmod(n, 100)
    if 2000 <= n < 2010 or tail == 0 and n % 1000 == 0:
        return cardinal(n)
    if tail == 0:
        return f"{cardinal(head)} hundred"
    return f"{cardinal(head)} {'oh ' + UNITS[tail] if tail < 10 else cardinal(tail)}"


def _number(text: str) -> str:
    """Digits as words: a year for 1900-2099, else the cardinal; a leading 0 is read digit by digit."""
    if len(text) > 1 and text.startswith("0") or len(text) > 6:
        return " ".join(UNITS[int(d)] for d in text)
    n = int(text)
    return year(n) if 1900 <= n < 2100 and len(text) == 4 else cardinal(n)


_SECTION = re.compile(r"(?<!['\u2019])\bs\.?(\d{1,3})\b", re.IGNORECASE)  # s17, S.47 (not "it's 45")
_ONE_TO_ONE = re.compile(r"\b(?:1:1|121|1-2-1)\b")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")  # 20/11: day/month, as in England
_ORDINAL_DIGITS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(\s+(?:of\s+)?(?:" + "|".join(sorted(_MONTH_ABBREVIATIONS, key=len, reverse=True)) + r")[a-z]*)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\b(\d+)\s*-\s*(\d+)\b")
_DECIMAL = re.compile(r"\b(\d+)\.(\d+)\b")
_DIGITS = re.compile(r"\d+")


def _date(match: "re.Match[str]") -> str:
    day, month = int(match.group(1)), int(match.group(2))
    if 1 <= day <= 31 and 1 <= month <= 12:
        return f"the {ordinal(day)} of {MONTHS[month - 1]}"
    return f"{_number(match.group(1))} {_number(match.group(2))}"


def spell_numbers(text: str) -> str:
    """Every number in ``text`` as the words a worker would say (for the language model).

    "s47" -> "section forty seven", "20/11" -> "the twentieth of november",
    "3rd" -> "third", "24-48 hours" -> "twenty four to forty eight hours",
    "1:1" -> "one to one", "m2" -> "m two".
    """
    text = _ONE_TO_ONE.sub(" one to one ", text)
    text = _SECTION.sub(lambda m: f" section {cardinal(int(m.group(1)))} ", text)
    text = _DATE.sub(lambda m: f" {_date(m)} ", text)
    text = _ORDINAL_DIGITS.sub(
        lambda m: f" {ordinal(int(m.group(1)))} " if 0 < int(m.group(1)) < 100 else m.group(0), text
    )
    text = _DAY_MONTH.sub(
        lambda m: f" the {ordinal(int(m.group(1)))}{m.group(2)} " if 0 < int(m.group(1)) <= 31 else m.group(0), text
    )
    text = _RANGE.sub(lambda m: f" {_number(m.group(1))} to {_number(m.group(2))} ", text)
    text = _DECIMAL.sub(lambda m: f" {_number(m.group(1))} point {' '.join(UNITS[int(d)] for d in m.group(2))} ", text)
    return _DIGITS.sub(lambda m: f" {_number(m.group(0))} ", text)


# --- back to digits ---------------------------------------------------------

_UNIT_VALUE = {w: i for i, w in enumerate(UNITS)} | {"nought": 0, "oh": 0}
_TENS_VALUE = {w: i * 10 for i, w in enumerate(TENS) if w}
_ORDINAL_VALUE = {w: i for i, w in enumerate(_ORDINAL_UNITS) if i} | {
    w: i * 10 for i, w in enumerate(_ORDINAL_TENS) if w
}
_NUMBER_WORDS = frozenset(_UNIT_VALUE) | frozenset(_TENS_VALUE) | {"hundred", "thousand"}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _two_digit(words: Sequence[str], i: int) -> Tuple[Optional[int], int]:
    """A number below 100 starting at words[i] ("forty seven", "twelve"), or (None, i)."""
    if i >= len(words):
        return None, i
    w = words[i]
    if w in _TENS_VALUE:
        if (
            i + 1 < len(words)
            and words[i + 1] in _UNIT_VALUE
            and 0 < _UNIT_VALUE[words[i + 1]] < 10
            and words[i + 1] != "oh"
        ):
            return _TENS_VALUE[w] + _UNIT_VALUE[words[i + 1]], i + 2
        return _TENS_VALUE[w], i + 1
    if w in _UNIT_VALUE and w != "oh":
        return _UNIT_VALUE[w], i + 1
    return None, i


def _cardinal_at(words: Sequence[str], i: int) -> Tuple[Optional[int], int]:
    """The longest cardinal starting at words[i] ("two thousand and five", "one hundred and twenty one")."""
    total, j = 0, i
    value, k = _two_digit(words, j)
    if value is None:
        return None, i
    j = k
    if j < len(words) and words[j] == "hundred":
        value, j = value * 100, j + 1
        rest, k = _two_digit(words, j + 1 if j < len(words) and words[j] == "and" else j)
        if rest is not None and rest > 0:
            value, j = value + rest, k
    if j < len(words) and words[j] == "thousand":
        total, j = value * 1000, j + 1
        rest, k = _cardinal_at(words, j + 1 if j < len(words) and words[j] == "and" else j)
        if rest is not None and rest < 1000 and rest > 0:
            return total + rest, k
        return total, j
    return value, j


def _year_at(words: Sequence[str], i: int) -> Tuple[Optional[int], int]:
    """ "nineteen eighty nine" -> 1989, "twenty twenty three" -> 2023 (a year said in two halves)."""
    if i < len(words) and words[i] in ("nineteen", "twenty"):
        tail, j = _two_digit(words, i + 1)
        if tail is not None and tail >= 10 and j - i >= 2:
            return _UNIT_VALUE.get(words[i], 20) * 100 + tail, j
    return None, i


def digits_for_assistant(text: str) -> str:
    """Number words back to the digits the NLU was trained on, where the training data writes digits.

    "section forty seven" -> "section 47", "fifteen working days" -> "15 working days",
    "four to six weeks" -> "4 to 6 weeks", "the twentieth of november" -> "the 20th of november",
    "children act nineteen eighty nine" -> "children act 1989". A lone small number
    with nothing to count ("one to one", "next one", "the first visit") stays in words.
    """
    words = text.split()
    out: List[str] = []
    i = 0
    while i < len(words):
        if words[i] in _ORDINAL_VALUE or (
            words[i] in _TENS_VALUE and i + 1 < len(words) and words[i + 1] in _ORDINAL_VALUE
        ):
            converted, i = _ordinal_date(words, i, out)
            if converted:
                continue
        value, j = _year_at(words, i)
        if value is None:
            value, j = _cardinal_at(words, i)
        if value is not None and _is_quantity(words, i, j, value, out):
            out.append(str(value))
            i = j
            continue
        out.append(words[i])
        i += 1
    return " ".join(out)


def _is_quantity(words: Sequence[str], i: int, j: int, value: int, before: Sequence[str]) -> bool:
    """Whether number words[i:j] is written in digits in the training data."""
    if j - i > 1 or value >= 10:
        return True
    after = words[j] if j < len(words) else ""
    if after in UNIT_WORDS or (before and before[-1] in ("section", "s")):
        return True
    # "four to six weeks": the first half of a range whose second half counts something.
    if after == "to" and j + 1 < len(words):
        second, k = _cardinal_at(words, j + 1)
        return second is not None and (second >= 10 or (k < len(words) and words[k] in UNIT_WORDS))
    return False


def _ordinal_date(words: Sequence[str], i: int, out: List[str]) -> Tuple[bool, int]:
    """ "twentieth of november" / "third november" -> "20th of november" / "3rd november"; else (False, i)."""
    value, j = 0, i
    if words[j] in _TENS_VALUE:
        value, j = _TENS_VALUE[words[j]], j + 1
    value += _ORDINAL_VALUE[words[j]]
    j += 1
    k = j + 1 if j < len(words) and words[j] == "of" else j
    if k < len(words) and (words[k] in MONTHS or words[k] in _MONTH_ABBREVIATIONS) and 1 <= value <= 31:
        out.append(f"{value}{'th' if 10 <= value % 100 <= 20 else _SUFFIX.get(value % 10, 'th')}")
        return True, j
    return False, i

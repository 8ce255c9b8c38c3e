"""British and Scottish English pronunciations beside the dictionary's American ones.

The acoustic model and CMUdict are American English; most workers are not.
The differences that cost recognition most are regular, so each word gets a
southern British and a Scottish pronunciation with them applied (the
recogniser then picks whichever the speaker's audio fits). Southern British:

- no r after a vowel unless a vowel follows ("after" AE F T ER -> AA F T AH,
  "carer" K EH R ER -> K EH R AH, "year" Y IH R -> Y IH AH);
- the BATH vowel: a before f, s, th and a consonant or the end, and before
  final nt/ns ("staff", "last", "can't": AE -> AA);
- the LOT vowel rounded ("job" JH AA B -> JH AO B), except before r (START words);
- yod after t, d and n where the spelling has u, ew or eu there ("due" D UW -> D Y UW,
  "new" N UW -> N Y UW; not "do", "to", "two" or "noon", which no one says with a y).

Scottish: r kept, one open a (AE -> AA), LOT = THOUGHT (AA -> AO, not before r), FOOT =
GOOSE (UH -> UW), monophthong FACE and GOAT (EY -> EH, OW -> AO).

Chosen on a development set apart from the voice benchmark (docs/channels.md,
"Voice"): intent accuracy from speech 76.6% (American forms only) -> 78.8%
(with the British) -> 80.0% (and the Scottish); word error rate 31.3% ->
29.8% -> 27.1%.
"""

from __future__ import annotations

import re
from typing import List, Optional

VOWELS = frozenset("AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split())
_BATH_FOLLOWERS = frozenset({"F", "S", "TH"})
_YOD_BEFORE = frozenset({"T", "D", "N"})
_YOD_SPELLING = re.compile(r"[tdn](?:u|ew|eu)")  # "due", "new", "student"; not "do", "to", "noon"


def _vowel(phone: Optional[str]) -> bool:
    return phone is not None and phone in VOWELS


def british(phones: str, yod: bool = True) -> str:
    """``phones`` (CMUdict, no stress marks) as a southern British speaker says them.

    ``yod``: whether the word's spelling allows a y before its UW after t, d or n
    (:func:`with_accents` decides from the spelling).
    """
    ps = phones.split()
    out: List[str] = []
    start_vowel = [False] * len(ps)  # AA/AO of a START/NORTH word: not LOT
    for i, p in enumerate(ps):
        nxt = ps[i + 1] if i + 1 < len(ps) else None
        after = ps[i + 2] if i + 2 < len(ps) else None
        if p == "R" and out and _vowel(out[-1]) and not _vowel(nxt):
            prev = out[-1]
            if prev in ("IH", "IY"):
                out[-1] = "IH"
                out.append("AH")
            elif prev in ("UH", "UW", "AY", "AW"):
                out.append("AH")
            elif prev in ("AA", "AO"):
                start_vowel[len(out) - 1] = True
            continue  # the r itself is not said
        if p == "ER" and not _vowel(nxt):
            out.append("AH")
            continue
        if p == "AE" and (
            (nxt in _BATH_FOLLOWERS and (after is None or not _vowel(after)))
            or (nxt == "N" and after in ("T", "S") and i + 3 == len(ps))
        ):
            out.append("AA")
            start_vowel[len(out) - 1] = True
            continue
        if p == "AA" and nxt == "R":  # "starring" or "sorry": CMUdict does not tell them apart; keep it open
            out.append(p)
            start_vowel[len(out) - 1] = True
            continue
        if yod and p == "UW" and out and out[-1] in _YOD_BEFORE:
            out.append("Y")
        out.append(p)
    return " ".join("AO" if p == "AA" and not start_vowel[n] else p for n, p in enumerate(out))


# Scottish English: one open a for TRAP, BATH and PALM; LOT = THOUGHT; FOOT = GOOSE; FACE and GOAT monophthongs.
_SCOTTISH = {"AA": "AO", "AE": "AA", "UH": "UW", "EY": "EH", "OW": "AO"}


def scottish(phones: str) -> str:
    """``phones`` as a Scottish speaker says them (r kept: the rhotic American forms keep theirs)."""
    ps = phones.split()
    return " ".join(p if p == "AA" and ps[i + 1 : i + 2] == ["R"] else _SCOTTISH.get(p, p) for i, p in enumerate(ps))


def with_accents(prons: List[str], word: str = "") -> List[str]:
    """``prons`` of ``word`` followed by the British and the Scottish forms of the first, each only when new."""
    out = list(prons)
    for variant in (
        (british(prons[0], yod=bool(_YOD_SPELLING.search(word.lower()))), scottish(prons[0])) if prons else ()
    ):
        if variant not in out:
            out.append(variant)
    return out

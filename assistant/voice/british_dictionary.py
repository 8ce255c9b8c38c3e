"""British pronunciations from espeak-ng's English dictionaries, in the acoustic model's phones.

CMUdict is American, and the rules in :mod:`assistant.voice.accents` cover
only the regular differences. espeak-ng (installed for speech out) carries a
maintained pronouncing dictionary and rules for five accents of Britain -
southern British, Received Pronunciation, Scottish, Lancashire and the West
Midlands - with the irregular words the rules miss ("what" with the LOT
vowel in England and a wh in Scotland, h-dropping in the Midlands). Each
word's form in every one of those accents is added to the recogniser's
dictionary beside the American and rule-made forms; the recogniser picks
whichever fits the speaker.

espeak-ng speaks IPA; :func:`to_arpabet` maps it onto the 39 ARPAbet phones
of the acoustic model (nearest phone where English IPA has no ARPAbet twin).
Without espeak-ng the dictionary simply has no such forms (the American and
rule-made ones still work).

Note: the voice benchmark's audio is made by espeak-ng too, so on it these
forms match the synthetic speaker's pronunciations exactly; docs/channels.md
("Voice") reports the gain on the development set and says so.
"""

from __future__ import annotations

import logging
import subprocess
import unicodedata
from typing import Dict, List, Optional, Sequence, Tuple

from assistant.voice.speech import espeak_path

logger = logging.getLogger(__name__)

ACCENTS: Tuple[str, ...] = ("en-gb", "en-gb-x-rp", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-gbcwmd")
TIMEOUT_SECONDS = 60

# English IPA as espeak-ng writes it -> ARPAbet (two-symbol sequences first).
IPA_TO_ARPABET: Dict[str, str] = {
    "tʃ": "CH",
    "dʒ": "JH",
    "eɪ": "EY",
    "aɪ": "AY",
    "aʊ": "AW",
    "ɔɪ": "OY",
    "oʊ": "OW",
    "əʊ": "OW",
    "ɪə": "IH AH",
    "iə": "IY AH",
    "eə": "EH",
    "ɛə": "EH",
    "ʊə": "UH AH",
    "ɑɪ": "AY",
    "ʌɪ": "AY",
    "əɪ": "AY",
    "ɐʊ": "AW",
    "ʌʊ": "AW",
    "ɔʊ": "OW",
    "ɒʊ": "OW",
    "a:": "AA",
    "ei": "EY",
    "əu": "OW",
    "æʊ": "AW",
    "ʌʉ": "AW",
    "oɪ": "OY",
    "uə": "UH AH",
    "p": "P",
    "b": "B",
    "t": "T",
    "d": "D",
    "k": "K",
    "ɡ": "G",
    "g": "G",
    "f": "F",
    "v": "V",
    "θ": "TH",
    "ð": "DH",
    "s": "S",
    "z": "Z",
    "ʃ": "SH",
    "ʒ": "ZH",
    "h": "HH",
    "m": "M",
    "n": "N",
    "ŋ": "NG",
    "l": "L",
    "ɫ": "L",
    "r": "R",
    "ɹ": "R",
    "ɾ": "T",
    "w": "W",
    "ʍ": "W",
    "j": "Y",
    "ʔ": "T",
    "x": "K",
    "ç": "HH",
    "ɪ": "IH",
    "i": "IY",
    "ɛ": "EH",
    "e": "EY",
    "æ": "AE",
    "a": "AE",
    "ɑ": "AA",
    "ɒ": "AO",
    "ɔ": "AO",
    "o": "OW",
    "ʊ": "UH",
    "u": "UW",
    "ʉ": "UW",
    "ʌ": "AH",
    "ə": "AH",
    "ɐ": "AH",
    "ɜ": "ER",
    "ɚ": "ER",
    "ᵻ": "IH",
    "ɘ": "AH",
    "ɵ": "OW",
    "ø": "ER",
    "y": "UW",
}
_IGNORED = frozenset("ˈˌːˑ.-_‿\u0329\u0361ʲ")  # stress, length, syllabic and tie marks, palatalisation


def to_arpabet(ipa: str) -> Optional[str]:
    """espeak-ng's IPA for one word as ARPAbet phones ("hˈɒm" -> "HH AO M"); None if a symbol is unknown."""
    text = "".join(c for c in unicodedata.normalize("NFC", ipa) if c not in _IGNORED and not c.isspace())
    phones: List[str] = []
    i = 0
    while i < len(text):
        for width in (2, 1):
            symbol = text[i : i + width]
            if len(symbol) == width and symbol in IPA_TO_ARPABET:
                phones.append(IPA_TO_ARPABET[symbol])
                i += width
                break
        else:
            return None
    return " ".join(phones) or None


def pronunciations(words: Sequence[str], accents: Sequence[str] = ACCENTS) -> Dict[str, List[str]]:
    """Every word's distinct forms across ``accents``, in accent order ({} without espeak-ng).

    One espeak-ng run per accent for all the words (a word a line); a full
    name written as one word ("amelia_brack") is said as its parts.
    """
    found: Dict[str, List[str]] = {}
    program = espeak_path()
    if not words or program is None:
        return found
    for accent in accents:
        for word, ipa in zip(words, _speak_ipa(program, words, accent)):
            phones = to_arpabet(ipa) if ipa else None
            if phones and phones not in found.setdefault(word, []):
                found[word].append(phones)
    return found


def _speak_ipa(program: str, words: Sequence[str], accent: str) -> List[str]:
    """espeak-ng's IPA for each word said alone ("" where it gave nothing usable)."""
    text = "\n".join(word.replace("_", " ") + "." for word in words)
    try:
        done = subprocess.run(
            [program, "-q", "--ipa", "-v", accent],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        logger.warning("espeak-ng did not give %s pronunciations; the dictionary goes without them", accent)
        return [""] * len(words)
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode != 0 or len(lines) != len(words):
        if len(words) > 1:  # a word that came out as two clauses: ask one word at a time
            return [_speak_ipa(program, [word], accent)[0] for word in words]
        return [""]
    return lines

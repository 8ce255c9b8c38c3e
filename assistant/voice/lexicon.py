"""Pronunciations for the language model's words: CMUdict first, then rules.

pocketsphinx can only recognise words its dictionary spells in phones. Most
of the assistant's words are in the CMU dictionary that ships in the
pocketsphinx wheel; the rest are the domain's acronyms (said letter by letter:
"iro" -> I R O), words CMUdict has in another form (plurals, possessives,
compounds like "stepdown", British spellings like "authorisation"), and
children's names, for which a small letter-to-phone rule set gives a
pronunciation close enough for a domain-sized vocabulary.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from assistant.voice import british_dictionary
from assistant.voice.accents import with_accents

LETTERS: Dict[str, str] = {
    "a": "EY",
    "b": "B IY",
    "c": "S IY",
    "d": "D IY",
    "e": "IY",
    "f": "EH F",
    "g": "JH IY",
    "h": "EY CH",
    "i": "AY",
    "j": "JH EY",
    "k": "K EY",
    "l": "EH L",
    "m": "EH M",
    "n": "EH N",
    "o": "OW",
    "p": "P IY",
    "q": "K Y UW",
    "r": "AA R",
    "s": "EH S",
    "t": "T IY",
    "u": "Y UW",
    "v": "V IY",
    "w": "D AH B AH L Y UW",
    "x": "EH K S",
    "y": "W AY",
    "z": "Z EH D",
}

# Said letter by letter by social workers (and not, or not only, as a CMUdict word).
ACRONYMS = frozenset(
    "ai asd asye cfa cin cla cp cpp cs csfh cwd dbs dsl eh ehcp fwi gp gpt hv icm icpc iro kcc lac nfa nhs "
    "oot pep ps rcin rcpc sgo sw tac tm wt".split()
)

# Domain words said as words, and extra ways of saying an acronym.
SPOKEN: Dict[str, Tuple[str, ...]] = {
    "cin": ("S IY AY EH N", "S IH N"),  # "C I N", and "sin" as many workers say it
    "medway": ("M EH D W EY",),
    "taf": ("T AE F",),
    "caf": ("K AE F",),
    "camhs": ("K AE M Z",),
    "lado": ("L EY D OW",),
    "asye": ("EY EH S W AY IY",),
}

_PLURAL_VOICELESS = {"P", "T", "K", "F", "TH"}
_SIBILANT = {"S", "Z", "SH", "ZH", "CH", "JH"}


def cmudict_path() -> Path:
    """The CMU pronouncing dictionary in the pocketsphinx wheel."""
    import pocketsphinx  # imported here so that text-only callers need not load the extension  # noqa: PLC0415 - lazy: text-only callers need not load the extension

    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


def acoustic_model_path() -> Path:
    """The en-us acoustic model in the pocketsphinx wheel."""
    import pocketsphinx  # noqa: PLC0415 - lazy: text-only callers need not load the extension

    return Path(pocketsphinx.get_model_path()) / "en-us" / "en-us"


def _read_cmudict(path: Path) -> Dict[str, List[str]]:
    entries: Dict[str, List[str]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word, _, phones = line.strip().partition(" ")
            if phones:
                entries.setdefault(re.sub(r"\(\d+\)$", "", word), []).append(" ".join(phones.split()))
    return entries


@functools.lru_cache(maxsize=2)
def load_cmudict(path: Optional[str] = None) -> Dict[str, List[str]]:
    """word -> pronunciations, read once per process (126k words, about half a second)."""
    return _read_cmudict(Path(path) if path else cmudict_path())


def _suffix_s(phones: str) -> str:
    """The plural/possessive ending after ``phones``: IH Z after a hiss, S after a voiceless stop, else Z."""
    last = phones.split()[-1]
    if last in _SIBILANT:
        return f"{phones} IH Z"
    return f"{phones} {'S' if last in _PLURAL_VOICELESS else 'Z'}"


_BRITISH = (
    (r"isation", "ization"),
    (r"ise", "ize"),
    (r"ising", "izing"),
    (r"ised", "ized"),
    (r"our", "or"),
    (r"tre$", "ter"),
    (r"ogue$", "og"),
    (r"lled", "led"),
    (r"lling", "ling"),
)
_PREFIXES = ("de", "re", "un", "pre", "non", "over", "under")


class Lexicon:
    """Pronunciations for any lower-case word, best source first."""

    def __init__(self, entries: Optional[Dict[str, List[str]]] = None, accents: bool = True) -> None:
        self.entries = load_cmudict() if entries is None else entries
        self.accents = (
            accents  # also British forms: by rule (assistant.voice.accents) and espeak-ng's (british_dictionary)
        )
        self._british: Dict[str, List[str]] = {}

    def prepare(self, words: Iterable[str]) -> None:
        """Fetch espeak-ng's British forms of ``words`` in one go (else :meth:`pronounce` asks word by word)."""
        wanted = sorted({w for w in words if w not in self._british})
        if self.accents and wanted:
            found = british_dictionary.pronunciations(wanted)
            self._british.update({w: found.get(w, []) for w in wanted})

    def pronounce_all(self, words: Iterable[str]) -> Dict[str, List[str]]:
        """:meth:`pronounce` for each of ``words`` (sorted), espeak-ng asked once for all of them."""
        vocabulary = sorted(set(words))
        self.prepare(vocabulary)
        return {word: list(dict.fromkeys(self.pronounce(word))) for word in vocabulary}

    def direct(self, word: str) -> List[str]:
        """Pronunciations from the dictionary, the domain lists, or a plural/possessive of those; [] if none."""
        if word in SPOKEN:
            extra = [spell_letters(word)] if word in ACRONYMS else []
            return list(SPOKEN[word]) + [p for p in extra if p not in SPOKEN[word]]
        if word in ACRONYMS:
            return [spell_letters(word)]
        if word in self.entries:
            return list(self.entries[word])
        for ending in ("'s", "s'", "s"):
            if word.endswith(ending) and len(word) > len(ending) + 1:
                base = self.direct(word[: -len(ending)])
                if base:
                    return [_suffix_s(p) for p in base]
        return []

    def derived(self, word: str, compounds: bool = True) -> List[str]:
        """Pronunciations built from known parts: British spellings, prefixes, two-word compounds."""
        for pattern, american in _BRITISH:
            variant = re.sub(pattern, american, word)
            if variant != word and variant in self.entries:
                return list(self.entries[variant])
        for prefix in _PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 4 and rest in self.entries:
                head = self.entries[prefix][0] if prefix in self.entries else {"de": "D IY", "re": "R IY"}.get(prefix)
                if head:
                    return [f"{head} {self.entries[rest][0]}"]
        for ending in ("'s", "s"):  # "timescales", "stepdown's"
            if word.endswith(ending) and len(word) > len(ending) + 3:
                base = self.derived(word[: -len(ending)], compounds)
                if base:
                    return [_suffix_s(p) for p in base]
        if "'" in word or not compounds:
            return []
        for cut in range(3, len(word) - 2):  # the longest second part that is a word: "time|scale", not "times|cale"
            head, tail = word[:cut], word[cut:]
            if head in self.entries and tail in self.entries:
                return [f"{self.entries[head][0]} {self.entries[tail][0]}"]
        return []

    def pronounce(self, word: str) -> List[str]:
        """Every pronunciation to put in the dictionary for ``word`` (never empty), the American
        first and then, where they differ, the British and Scottish forms (:mod:`assistant.voice.accents`).

        A full name written as one word ("amelia_brack's") is its parts said in turn.
        """
        found = self._pronounce(word)
        if not self.accents:
            return found
        self.prepare([word])
        return list(dict.fromkeys(with_accents(found, word) + self._british.get(word, [])))

    def _pronounce(self, word: str) -> List[str]:
        if "_" in word:
            return [" ".join(self._pronounce(part)[0] for part in word.split("_") if part)]
        found = self.direct(word) or self.derived(word)
        if found:
            return found
        if word.endswith("'s") and len(word) > 3:
            return [_suffix_s(p) for p in self._pronounce(word[:-2])]
        return [letter_to_phones(word)]


def spell_letters(word: str) -> str:
    """An acronym said letter by letter: "iro" -> "AY AA R OW"."""
    return " ".join(LETTERS[c] for c in word if c in LETTERS)


# --- letters to phones, for names and words no dictionary has ------------------

_VOWELS = set("aeiouy")
_GRAPHEMES: Tuple[Tuple[str, str], ...] = (
    ("tion", "SH AH N"),
    ("sion", "ZH AH N"),
    ("eigh", "EY"),
    ("ough", "AO"),
    ("augh", "AO"),
    ("tch", "CH"),
    ("sch", "SH"),
    ("igh", "AY"),
    ("ch", "CH"),
    ("sh", "SH"),
    ("th", "TH"),
    ("ph", "F"),
    ("wh", "W"),
    ("ck", "K"),
    ("ng", "NG"),
    ("qu", "K W"),
    ("dg", "JH"),
    ("sz", "SH"),
    ("cz", "CH"),
    ("zh", "ZH"),
    ("kh", "K"),
    ("bh", "V"),
    ("mh", "V"),
    ("ee", "IY"),
    ("ea", "IY"),
    ("oo", "UW"),
    ("ou", "AW"),
    ("ow", "OW"),
    ("oa", "OW"),
    ("ai", "EY"),
    ("ay", "EY"),
    ("ei", "EY"),
    ("ey", "EY"),
    ("ie", "IY"),
    ("ia", "IY AH"),
    ("io", "IY OW"),
    ("au", "AO"),
    ("aw", "AO"),
    ("oi", "OY"),
    ("oy", "OY"),
    ("ue", "UW"),
    ("ui", "UW"),
    ("eu", "Y UW"),
    ("ae", "EY"),
    ("ar", "AA R"),
    ("er", "ER"),
    ("ir", "ER"),
    ("ur", "ER"),
    ("or", "AO R"),
    ("a", "AE"),
    ("e", "EH"),
    ("i", "IH"),
    ("o", "AA"),
    ("u", "AH"),
    ("b", "B"),
    ("c", "K"),
    ("d", "D"),
    ("f", "F"),
    ("g", "G"),
    ("h", "HH"),
    ("j", "JH"),
    ("k", "K"),
    ("l", "L"),
    ("m", "M"),
    ("n", "N"),
    ("p", "P"),
    ("q", "K"),
    ("r", "R"),
    ("s", "S"),
    ("t", "T"),
    ("v", "V"),
    ("w", "W"),
    ("x", "K S"),
    ("z", "Z"),
)
_FINAL = {"a": "AH", "i": "IY", "o": "OW", "u": "UW", "y": "IY", "ie": "IY", "ey": "IY", "h": "", "gh": "", "e": ""}


def _single(word: str, i: int) -> Tuple[str, int]:
    """The phones for the grapheme at word[i] and how many letters it took."""
    rest = word[i:]
    nxt = word[i + 1] if i + 1 < len(word) else ""
    if i > 0 and word[i] == word[i - 1] and word[i] not in _VOWELS:
        return "", 1  # a doubled consonant is one sound
    if rest in _FINAL and i > 0 and (rest != "e" or (len(word) > 3 and word[i - 1] not in _VOWELS)):
        return _FINAL[rest], len(rest)
    if word[i] == "y":
        return ("Y", 1) if (i == 0 or nxt in _VOWELS) else ("IH", 1)
    if word[i] in "cg" and nxt in ("e", "i", "y"):
        return ("S" if word[i] == "c" else "JH"), 1
    if i == 0 and rest.startswith("ng"):
        return "N G", 2
    if i == 0 and rest[:2] in ("kn", "wr", "gn"):
        return ("N" if rest[1] == "n" else "R"), 2
    if rest.startswith("gh"):
        return ("G" if i == 0 else ""), 2
    for graphemes, phones in _GRAPHEMES:
        if rest.startswith(graphemes):
            return phones, len(graphemes)
    return "", 1  # a character no rule covers (an accent stripped badly): silent


def letter_to_phones(word: str) -> str:
    """A rule-based pronunciation for a word no dictionary has (mostly names): "kasia" -> K AE S IY AH."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    phones: List[str] = []
    i = 0
    while i < len(letters):
        sound, used = _single(letters, i)
        phones.extend(sound.split())
        i += used
    return " ".join(phones) or "AH"


def phone_set(entries: Optional[Dict[str, List[str]]] = None) -> frozenset:
    """The phones the acoustic model knows: every phone CMUdict uses."""
    entries = load_cmudict() if entries is None else entries
    return frozenset(p for prons in entries.values() for pron in prons for p in pron.split())


def write_dictionary(path: Path, words: Iterable[str], lexicon: Lexicon) -> Dict[str, List[str]]:
    """Write a pocketsphinx dictionary (``word phones``, alternates as ``word(2)``); return what it wrote."""
    written: Dict[str, List[str]] = {}
    lines: List[str] = []
    for word, prons in lexicon.pronounce_all(words).items():
        written[word] = prons
        lines.extend(f"{word if n == 0 else f'{word}({n + 1})'} {pron}" for n, pron in enumerate(prons))
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return written

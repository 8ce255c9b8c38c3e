"""British pronunciations beside the American dictionary's: what a worker in England says must be in the dictionary."""

from __future__ import annotations

import pytest

from assistant.voice.accents import british, scottish, with_accents
from assistant.voice.lexicon import Lexicon, phone_set


@pytest.mark.parametrize(
    "word, american, said_in_england",
    [
        ("after", "AE F T ER", "AA F T AH"),  # no r before a consonant or the end; the BATH vowel
        ("carer", "K EH R ER", "K EH R AH"),  # the r before a vowel is said, the last one is not
        ("year", "Y IH R", "Y IH AH"),
        ("staff", "S T AE F", "S T AA F"),
        ("can't", "K AE N T", "K AA N T"),
        ("job", "JH AA B", "JH AO B"),  # LOT rounded
        ("start", "S T AA R T", "S T AA T"),  # START keeps its open vowel, loses the r
        ("due", "D UW", "D Y UW"),  # yod after d, t, n
        ("plan", "P L AE N", "P L AE N"),  # TRAP stays
    ],
)
def test_a_british_speaker_s_form_is_derived_from_the_american_one(
    word: str, american: str, said_in_england: str
) -> None:
    assert british(american) == said_in_england


@pytest.mark.parametrize(
    "american, said_in_scotland",
    [
        ("P L AE N", "P L AA N"),  # one open a
        ("JH AA B", "JH AO B"),  # LOT = THOUGHT
        ("S T AA R T", "S T AA R T"),  # but START keeps its open a, and its r
        ("W EY T", "W EH T"),  # FACE a monophthong
        ("HH OW M", "HH AO M"),  # GOAT a monophthong
        ("AE F T ER", "AA F T ER"),  # the r is said
    ],
)
def test_a_scottish_speaker_s_form_is_derived_from_the_american_one(american: str, said_in_scotland: str) -> None:
    assert scottish(american) == said_in_scotland


def test_the_dictionary_keeps_every_form_and_adds_none_where_they_agree() -> None:
    assert with_accents(["AE F T ER"], "after") == ["AE F T ER", "AA F T AH", "AA F T ER"]
    assert with_accents(["R IY V Y UW"], "review") == ["R IY V Y UW"]  # said the same everywhere
    assert Lexicon().pronounce("after")[:3] == ["AE F T ER", "AA F T AH", "AA F T ER"]  # then espeak-ng's
    assert Lexicon(accents=False).pronounce("after") == ["AE F T ER"]
    assert with_accents(["S IH T"]) == ["S IH T"]
    assert with_accents([]) == []


@pytest.mark.parametrize("word, american", [("do", "D UW"), ("to", "T UW"), ("two", "T UW"), ("noon", "N UW N")])
def test_no_y_is_added_where_the_spelling_has_none(word: str, american: str) -> None:
    assert "Y" not in " ".join(with_accents([american], word)).split()


def test_a_y_is_added_where_the_spelling_has_u_or_ew() -> None:
    assert "D Y UW" in with_accents(["D UW"], "due")
    assert "N Y UW" in with_accents(["N UW"], "new")


def test_every_added_form_uses_only_phones_the_acoustic_model_knows() -> None:
    lexicon = Lexicon()
    known = phone_set()
    words = ["after", "carer", "worker", "supervision", "fire", "hour", "during", "sure", "iro", "amelia_brack's"]
    assert {p for w in words for pron in lexicon.pronounce(w) for p in pron.split()} <= known

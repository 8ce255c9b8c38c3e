"""espeak-ng's British pronunciations in the recogniser's dictionary: what a worker in Glasgow or
Birmingham says must be a form the recogniser can match."""

from __future__ import annotations

import pytest

from assistant.voice import speech
from assistant.voice.british_dictionary import pronunciations, to_arpabet
from assistant.voice.lexicon import Lexicon, phone_set, write_dictionary


@pytest.mark.parametrize(
    "ipa, phones",
    [
        ("wˈɒt", "W AO T"),  # "what" in England: the LOT vowel
        ("ʍˈʌt", "W AH T"),  # in Scotland
        ("tʃˈaɪld", "CH AY L D"),  # two-symbol sounds read as one phone
        ("ˈʌʊm", "AW M"),  # "home" in the West Midlands: no h
        ("hˈoːm", "HH OW M"),  # length marks dropped
        ("stˈɛpdʌʉn", "S T EH P D AW N"),  # a Scottish diphthong is still one phone
    ],
)
def test_espeak_ng_ipa_becomes_the_acoustic_model_s_phones(ipa: str, phones: str) -> None:
    assert to_arpabet(ipa) == phones


def test_an_unknown_symbol_gives_no_form_rather_than_a_wrong_one() -> None:
    assert to_arpabet("wˈɒ☃t") is None
    assert to_arpabet("ˈ") is None


def test_each_british_accent_s_form_of_a_word_is_found() -> None:
    found = pronunciations(["what", "home"])
    assert {"W AO T", "W AH T"} <= set(found["what"])  # England and Scotland say it differently
    assert "HH OW M" in found["home"]
    assert {p for forms in found.values() for form in forms for p in form.split()} <= phone_set()


def test_the_dictionary_has_the_british_forms_beside_the_american_and_only_with_accents_on(tmp_path) -> None:
    written = write_dictionary(tmp_path / "cin.dict", ["what", "amelia_brack"], Lexicon())
    assert written["what"][0] == "W AH T"  # CMUdict's American form first
    assert "W AO T" in written["what"]
    assert len(written["amelia_brack"]) > 1  # a child's full name gets British forms too
    assert "W AO T" not in Lexicon(accents=False).pronounce("what")


def test_without_espeak_ng_the_dictionary_still_has_the_american_and_rule_made_forms(monkeypatch) -> None:
    monkeypatch.setattr(speech, "ESPEAK", "no-such-espeak-ng")
    assert pronunciations(["what"]) == {}
    assert Lexicon().pronounce("after") == ["AE F T ER", "AA F T AH", "AA F T ER"]

"""The domain language model and dictionary: well-formed, complete, deterministic, and about the domain."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from assistant.voice.arpa import estimate, read_arpa, write_arpa
from assistant.voice.language_model import CHILD, VoiceModel, build_voice_model
from assistant.voice.lexicon import Lexicon, letter_to_phones, phone_set


def dictionary(model: VoiceModel) -> dict:
    entries: dict = {}
    for line in model.dict_path.read_text(encoding="utf-8").splitlines():
        word, phones = line.split(" ", 1)
        entries.setdefault(re.sub(r"\(\d+\)$", "", word), []).append(phones)
    return entries


def test_the_arpa_file_is_well_formed_and_normalised(voice_model: VoiceModel) -> None:
    declared, model = read_arpa(voice_model.lm_path.read_text(encoding="utf-8"))
    assert declared == {n: len(model.grams[n - 1]) for n in (1, 2, 3)}
    assert model.grams[0][("<s>",)][0] == -99.0 and ("</s>",) in model.grams[0]
    for order in model.grams[1:]:
        for gram in list(order)[:500]:
            assert gram[:-1] in model.grams[len(gram) - 2], f"{gram} has no {len(gram) - 1}-gram history"
    vocabulary = [w for (w,) in model.grams[0] if w != "<s>"]
    for history in [(), ("<s>",), ("cin",), ("child", "in"), ("when", "is"), ("section",)]:
        total = sum(10 ** model.probability(w, history) for w in vocabulary)
        assert total == pytest.approx(1.0, abs=1e-3), history


def test_pocketsphinx_loads_the_model(voice_model: VoiceModel) -> None:
    from pocketsphinx import Config, LogMath, NGramModel

    lm = NGramModel(Config(), LogMath(), str(voice_model.lm_path))
    assert lm.size() == 3


def test_the_dictionary_covers_every_word_with_phones_the_acoustic_model_has(voice_model: VoiceModel) -> None:
    _, model = read_arpa(voice_model.lm_path.read_text(encoding="utf-8"))
    entries = dictionary(voice_model)
    lm_words = {w for (w,) in model.grams[0]} - {"<s>", "</s>"}
    assert lm_words - set(entries) == set()
    phones = phone_set()
    bad = {w: p for w, prons in entries.items() for p in prons if not set(p.split()) <= phones}
    assert bad == {}


def test_domain_phrases_are_in_the_model(voice_model: VoiceModel) -> None:
    _, model = read_arpa(voice_model.lm_path.read_text(encoding="utf-8"))
    for phrase in [
        "section forty seven",
        "cin review",
        "the iro",
        "strategy discussion",
        "step down",
        "working days",
        "fifteen working days",
    ]:
        gram = tuple(phrase.split())
        assert gram in model.grams[len(gram) - 1], phrase
        assert model.probability(gram[-1], gram[:-1]) > model.probability(gram[-1], ()) + 0.5, (
            phrase
        )  # the context predicts it


def test_acronyms_are_said_letter_by_letter_and_typos_are_put_right(voice_model: VoiceModel) -> None:
    entries = dictionary(voice_model)
    assert entries["iro"][0] == "AY AA R OW"  # then its British and Scottish forms (assistant.voice.accents)
    assert "S IY AY EH N" in entries["cin"] and "S IH N" in entries["cin"]
    assert entries["medway"][0] == "M EH D W EY"
    assert {"definiton", "assesment", "s47", "s17", "mtg", "whats"}.isdisjoint(entries)


def test_names_and_other_unknown_words_get_a_rule_based_pronunciation() -> None:
    lexicon = Lexicon()
    assert letter_to_phones("kasia") == "K AE S IY AH"
    assert lexicon.pronounce("zofia's")[0].endswith(" Z")
    assert lexicon.pronounce("stepdown")[0] == "S T EH P D AW N"  # a compound of two known words
    assert lexicon.pronounce("amelia_brack")[0].startswith("AH M IY L Y AH B R AE K")


def test_the_build_is_deterministic(voice_model: VoiceModel, tmp_path: Path) -> None:
    build_voice_model(tmp_path)
    for name in ("cin.lm", "cin.dict", "cin.corpus.json"):
        assert (tmp_path / name).read_bytes() == (voice_model.directory / name).read_bytes(), name


def test_a_saved_model_loads_without_rebuilding(voice_model: VoiceModel) -> None:
    loaded = VoiceModel.load(voice_model.directory)
    assert loaded.vocabulary == voice_model.vocabulary
    assert loaded.with_names(["Zofia"]).arpa == voice_model.with_names(["Zofia"]).arpa


def test_a_caseload_model_predicts_the_workers_names_and_is_cached(voice_model: VoiceModel) -> None:
    named = voice_model.with_names(["Zofia", "Emeka Brackwell", "zofia"])
    assert voice_model.with_names(["Emeka Brackwell", "Zofia"]) is named
    _, model = read_arpa(named.arpa)
    assert ("when", "is", "zofia's") in model.grams[2]
    assert ("for", "emeka_brackwell") in model.grams[1]
    assert not any("amelia" in g for g in model.grams[0])  # the training data's names are replaced
    assert set(named.new_words) >= {"zofia", "zofia's", "emeka_brackwell"}
    # Each name shares the class's probability: two names, half each.
    base = estimate(voice_model.corpus.sentences + voice_model.corpus.templates)
    assert model.probability("zofia", ("is",)) == pytest.approx(
        base.probability(CHILD, ("is",)) - math.log10(2), abs=1e-5
    )


def test_no_childs_name_from_a_caseload_is_written_into_the_model_folder(voice_model: VoiceModel) -> None:
    voice_model.with_names(["Quennell"])
    for path in voice_model.directory.iterdir():
        assert "quennell" not in path.read_text(encoding="utf-8").lower()


def test_a_class_member_that_is_also_a_word_keeps_one_entry() -> None:
    model = estimate([("grace", "is", "here"), (CHILD, "is", "here")])
    declared, expanded = read_arpa(write_arpa(model, {CHILD: ["grace", "ivy"]}))
    assert declared[1] == len(expanded.grams[0]) == 6  # <s> </s> grace ivy is here
    total = sum(10 ** expanded.probability(w, ("<s>",)) for (w,) in expanded.grams[0] if w != "<s>")
    assert total == pytest.approx(1.0, abs=1e-6)


def test_the_wording_files_widen_the_model_without_their_writers_names(tmp_path: Path) -> None:
    from assistant.voice.language_model import read_corpus

    narrow = read_corpus(wording_files=())
    wide = read_corpus()
    narrow_words = {w for s in narrow.sentences + narrow.templates for w in s}
    wide_words = {w for s in wide.sentences + wide.templates for w in s}
    assert len(wide.sentences) > 2 * len(narrow.sentences)  # the passages' questions and the limits' requests
    assert {"chronology", "liable", "backdate"} <= wide_words - narrow_words
    assert wide.names == narrow.names  # the class is filled with the training data's names only
    assert not {"hargreaves", "poppy"} & wide_words  # a limit example's invented child is a slot, not words

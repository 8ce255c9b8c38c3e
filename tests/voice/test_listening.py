"""What the recognisers offer the NLU: distinct readings, best first, as the assistant reads them."""

from __future__ import annotations

import pytest

from assistant.voice.listening import (
    CombinedListener,
    Hearing,
    SphinxListener,
    WhisperListener,
    _hearing,
    combine,
    make_listener,
)
from assistant.voice.natural import NaturalVoice
from assistant.voice.recognizer import Recognizer
from assistant.voice.whisper import WhisperRecognizer


def test_repeated_and_empty_readings_are_dropped_keeping_the_order() -> None:
    heard = _hearing(
        [
            ("section 47", "section forty seven"),
            ("", ""),
            ("section 47", "section forty seven"),
            ("s 17", "s seventeen"),
        ],
        2.0,
        0.5,
    )
    assert heard.readings == ("section 47", "s 17")
    assert heard.said_for("s 17") == "s seventeen"
    assert heard.real_time_factor == 0.25


def test_nothing_heard_is_one_empty_reading() -> None:
    assert _hearing([("", ""), ("  ", "")], 1.0, 0.1).readings == ("",)


def test_the_combination_offers_whispers_reading_then_pocketsphinxs_best_and_counts_both_decodes() -> None:
    whisper = Hearing(("When's Amelia's next review?",), ("when's amelia's next review",), 2.0, 0.3)
    sphinx = Hearing(("when is a mealy as next review", "when's amelia's next review"), ("a", "b"), 2.0, 0.2)
    both = combine(whisper, sphinx)
    assert both.readings == ("When's Amelia's next review?", "when is a mealy as next review")
    assert both.decode_seconds == 0.5 and both.audio_seconds == 2.0
    assert combine(whisper, sphinx, keep=None).readings[2] == "when's amelia's next review"


def test_when_whisper_hears_nothing_all_of_pocketsphinxs_readings_are_offered() -> None:
    sphinx = Hearing(("when is a mealy as next review", "when's amelia's next review"), ("a", "b"), 2.0, 0.2)
    assert combine(Hearing(("",), ("",), 1.0, 0.1), sphinx).readings == sphinx.readings


def test_the_combined_listener_hears_a_recording_with_both_and_whispers_words_come_first(
    whisper: WhisperRecognizer, recognizer: Recognizer, natural: NaturalVoice
) -> None:
    pcm = natural.say("Who chairs the CIN review?")
    heard = CombinedListener(WhisperListener(whisper), SphinxListener(recognizer, alternatives=0)).hear(pcm)
    assert heard.readings[0] == "Who chairs the CIN review?" and len(heard.readings) <= 2
    assert heard.said_for(heard.readings[0]) == "who chairs the cin review"
    assert 0 < heard.real_time_factor < 1


def test_an_unknown_recogniser_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="google"):
        make_listener("google")

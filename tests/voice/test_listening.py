"""What the recognisers offer the NLU: distinct readings, best first, as the assistant reads them."""

from __future__ import annotations

from assistant.voice.listening import Hearing, _hearing, combine


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


def test_the_combination_offers_the_first_recognisers_reading_first_and_counts_both_decodes() -> None:
    whisper = Hearing(("When's Amelia's next review?",), ("when's amelia's next review",), 2.0, 0.3)
    sphinx = Hearing(("when is a mealy as next review", "when's amelia's next review"), ("a", "b"), 2.0, 0.2)
    both = combine(whisper, sphinx)
    assert both.readings == (
        "When's Amelia's next review?",
        "when is a mealy as next review",
        "when's amelia's next review",
    )
    assert both.decode_seconds == 0.5 and both.audio_seconds == 2.0
    assert combine(Hearing(("",), ("",), 1.0, 0.1), sphinx).readings == sphinx.readings

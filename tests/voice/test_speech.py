"""Spoken replies: a 16 kHz mono WAV from espeak-ng, short enough for a phone, and a clear error without espeak-ng."""

from __future__ import annotations

import pytest

from assistant.voice import speech
from assistant.voice.audio import RATE, read_wav
from assistant.voice.speech import MORE_ON_SCREEN, SpeechError, shorten, speak, speakable


def test_speak_returns_a_16k_mono_wav(espeak: str) -> None:
    data = speak("Visits are due every fifteen working days.", voice="en-gb", words_per_minute=160)
    assert data[:4] == b"RIFF" and data[22:24] == b"\x01\x00"  # one channel
    pcm = read_wav(data)
    assert pcm.rate == RATE and 1.0 < pcm.seconds < 6.0


def test_a_slower_voice_takes_longer(espeak: str) -> None:
    fast = read_wav(speak("The first review is due within three months.", words_per_minute=190)).seconds
    slow = read_wav(speak("The first review is due within three months.", words_per_minute=120)).seconds
    assert slow > fast * 1.3


def test_a_long_reply_is_cut_to_whole_sentences_and_says_the_rest_is_on_screen() -> None:
    reply = "First sentence here. " + "This sentence has exactly eight words in it. " * 10
    spoken = shorten(reply, max_words=30)
    assert spoken == "First sentence here. " + "This sentence has exactly eight words in it. " * 3 + MORE_ON_SCREEN
    assert shorten("Short answer.", max_words=30) == "Short answer."
    assert shorten("one two three four five six", max_words=3) == f"one two three. {MORE_ON_SCREEN}"


def test_replies_are_made_speakable() -> None:
    text = "**Medway**: see [the guidance](https://example.org/x) on s47 and CIN reviews https://example.org"
    assert speakable(text) == "Medway : see the guidance on section 47 and CIN reviews"
    assert speakable("the cin plan and the iro") == "the CIN plan and the IRO"  # spelled, not "sin"


def test_a_missing_espeak_ng_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "espeak_path", lambda: None)
    with pytest.raises(SpeechError, match="install Debian's espeak-ng"):
        speak("hello")


def test_an_unknown_voice_is_a_speech_error(espeak: str) -> None:
    with pytest.raises(SpeechError, match="no-such-voice"):
        speak("hello", voice="no-such-voice")

"""The natural reply voice: a 16 kHz mono WAV a person (and a recogniser) understands, the same words as
espeak-ng would say, made from the voice inside the installed wheel and never downloaded."""

from __future__ import annotations

import base64

import pytest

from assistant.channels.voice import spoken
from assistant.voice import speech
from assistant.voice.audio import RATE, read_wav
from assistant.voice.natural import NaturalVoice, NaturalVoiceUnavailable
from assistant.voice.speech import MORE_ON_SCREEN, NATURAL, SpeechError, speak_as
from assistant.voice.whisper import WhisperRecognizer


def test_the_natural_voice_speaks_a_16k_mono_wav_that_is_understood(whisper: WhisperRecognizer) -> None:
    data = speak_as("The first review is due within three months.", NATURAL)
    assert data[:4] == b"RIFF" and data[22:24] == b"\x01\x00"  # one channel
    pcm = read_wav(data)
    assert pcm.rate == RATE and 1.5 < pcm.seconds < 6.0
    assert whisper.transcribe(pcm).text == "The first review is due within three months."


def test_it_says_the_acronyms_and_sections_as_espeak_ng_does(whisper: WhisperRecognizer) -> None:
    heard = whisper.transcribe(read_wav(speak_as("The iro chairs the cin review after an s47 enquiry.", NATURAL))).text
    assert "IRO" in heard and "CIN review" in heard and "section 47" in heard


def test_a_long_reply_is_cut_and_says_the_rest_is_on_screen(whisper: WhisperRecognizer) -> None:
    reply = "Visits are every 15 working days. " + "This sentence has exactly eight words in it. " * 12
    pcm = read_wav(speak_as(reply, NATURAL))
    assert pcm.seconds < 30
    assert whisper.transcribe(pcm).text.endswith(MORE_ON_SCREEN)


def test_the_same_reply_gives_the_same_audio(natural: NaturalVoice) -> None:
    assert natural.say("Same words, same sound.").samples == natural.say("Same words, same sound.").samples


def test_the_reply_comes_sentence_by_sentence_for_an_early_start(natural: NaturalVoice) -> None:
    parts = list(natural.sentences("First sentence here. And a second one."))
    assert len(parts) == 2 and all(p.rate == RATE and p.seconds > 0.5 for p in parts)


def test_the_channel_speaks_in_the_voice_the_council_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIN_VOICE_REPLY", "natural")
    natural_wav = base64.b64decode(spoken("Visits are every 15 working days.") or "")
    monkeypatch.setenv("CIN_VOICE_REPLY", "en-gb")
    espeak_wav = base64.b64decode(spoken("Visits are every 15 working days.") or "")
    assert read_wav(natural_wav).seconds > 1 and read_wav(espeak_wav).seconds > 1
    assert natural_wav != espeak_wav


def test_the_voice_is_the_wheels_own_file_and_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import hibari.voices

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("hibari tried to download a voice")

    monkeypatch.setattr(hibari.voices, "download", no_network)
    voice = NaturalVoice()
    assert "site-packages" in voice._tts.model_path and voice._tts.model_path.endswith("hibari.onnx")


def test_a_missing_natural_voice_is_a_speech_error_so_the_text_still_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> NaturalVoice:
        raise NaturalVoiceUnavailable("The natural voice (hibari-tts) is not installed: run `make setup`.")

    monkeypatch.setattr(speech, "natural_voice", missing)
    with pytest.raises(SpeechError, match="make setup"):
        speak_as("hello", NATURAL)

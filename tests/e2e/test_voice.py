"""The voice channel over real HTTP with the default recogniser (Whisper tiny.en and pocketsphinx, the NLU
choosing between their readings): speech in (the natural voice and espeak-ng's), a transcript, the reply and
speech out."""

from __future__ import annotations

import base64

import pytest

from assistant.runtime.launcher import RunningAssistant
from assistant.voice.audio import Pcm, read_wav, to_wav
from assistant.voice.language_model import words
from assistant.voice.natural import natural_voice
from assistant.voice.settings import DEFAULT_RECOGNISER
from assistant.voice.speech import speak
from evaluation.voice_bench import edit_distance
from tests.e2e.conftest import payload
from tests.e2e.test_channels import call

pytestmark = pytest.mark.e2e


def voice(assistant: RunningAssistant) -> str:
    return f"{assistant.url}/webhooks/voice/webhook"


def ask(assistant: RunningAssistant, worker: str, question: str, voice_name: str = "en-gb"):
    if voice_name == "natural":
        wav = to_wav(natural_voice().say(question))
    else:
        wav = speak(question, voice=voice_name, words_per_minute=160)
    return call(voice(assistant), "POST", raw=wav, token=assistant.token_for(worker))


def test_the_server_listens_with_both_recognisers_by_default() -> None:
    assert DEFAULT_RECOGNISER == "combined"  # the server below is started without CIN_VOICE_RECOGNISER


def test_a_question_in_a_workers_own_words_is_heard_as_typed_and_answered_with_citations(
    assistant: RunningAssistant,
) -> None:
    # Worded apart from the training data and from the voice benchmark's sets.
    question = "Sorry, quick one: in Medway, how frequently should a social worker see a child with a CIN plan?"
    status, _, body = ask(assistant, "w1", question, voice_name="natural")
    assert status == 200, body
    assert edit_distance(words(question), words(body["transcript"])) <= 1  # an article may differ, no more
    reply = payload(body["messages"])
    assert reply["type"] == "answer" and reply["authority"] == "medway" and reply["citations"]
    assert "working days" in body["messages"][0]["text"]
    spoken = read_wav(base64.b64decode(body["audio"]))
    assert spoken.rate == 16000 and spoken.seconds > 1.0


def test_espeak_ngs_british_voice_is_heard_answered_and_spoken_back(assistant: RunningAssistant) -> None:
    status, _, body = ask(assistant, "w1", "how often do i have to visit a child in need")
    assert status == 200, body
    assert "visit a child in need" in body["transcript"].lower()
    reply = payload(body["messages"])
    assert reply["type"] == "answer" and reply["authority"] == "medway" and reply["citations"]
    spoken = read_wav(base64.b64decode(body["audio"]))
    assert spoken.rate == 16000 and spoken.seconds > 1.0


def test_a_child_on_the_workers_caseload_is_recognised_by_name(assistant: RunningAssistant) -> None:
    status, _, body = ask(assistant, "w2", "When is Zainab Hale's next visit?", voice_name="natural")
    assert status == 200, body
    assert "Zainab Hale" in body["transcript"]  # spelled as the caseload spells it
    reply = payload(body["messages"])
    assert reply["type"] == "due_items" and reply["query"]["child"]["case_id"] == "c2"


def test_silence_is_not_heard_as_words(assistant: RunningAssistant) -> None:
    two_seconds_of_silence = to_wav(Pcm(bytes(64000)))
    status, _, body = call(voice(assistant), "POST", raw=two_seconds_of_silence, token=assistant.token_for("w1"))
    assert status == 200, body
    assert body["transcript"] == "" and payload(body["messages"])["reason"] == "not_heard"


def test_voice_needs_a_token_and_a_real_recording(assistant: RunningAssistant) -> None:
    status, _, _ = call(voice(assistant), "POST", raw=speak("hello"))
    assert status == 401
    status, _, body = call(voice(assistant), "POST", raw=b"this is not audio", token=assistant.token_for("w1"))
    assert status == 400 and "WAV" in body["error"]

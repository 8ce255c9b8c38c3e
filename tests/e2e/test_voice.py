"""The voice channel over real HTTP: speech synthesised with espeak-ng in, a transcript, the reply and speech out."""

from __future__ import annotations

import base64

import pytest

from assistant.runtime.launcher import RunningAssistant
from assistant.voice.audio import read_wav
from assistant.voice.speech import speak
from tests.e2e.conftest import payload
from tests.e2e.test_channels import call

pytestmark = pytest.mark.e2e


def voice(assistant: RunningAssistant) -> str:
    return f"{assistant.url}/webhooks/voice/webhook"


def ask(assistant: RunningAssistant, worker: str, question: str, voice_name: str = "en-gb"):
    wav = speak(question, voice=voice_name, words_per_minute=160)
    return call(voice(assistant), "POST", raw=wav, token=assistant.token_for(worker))


def test_a_spoken_procedure_question_is_heard_answered_with_citations_and_spoken_back(
    assistant: RunningAssistant,
) -> None:
    status, _, body = ask(assistant, "w1", "how often do i have to visit a child in need")
    assert status == 200, body
    assert "visit" in body["transcript"] and "child in need" in body["transcript"]
    reply = payload(body["messages"])
    assert reply["type"] == "answer" and reply["authority"] == "medway" and reply["citations"]
    spoken = read_wav(base64.b64decode(body["audio"]))
    assert spoken.rate == 16000 and spoken.seconds > 1.0


def test_a_child_on_the_workers_caseload_is_recognised_by_name(assistant: RunningAssistant) -> None:
    status, _, body = ask(assistant, "w2", "when is zainab hale's next visit", voice_name="en-us")
    assert status == 200, body
    assert "zainab" in body["transcript"]
    reply = payload(body["messages"])
    assert reply["type"] == "due_items" and reply["query"]["child"]["case_id"] == "c2"


def test_voice_needs_a_token_and_a_real_recording(assistant: RunningAssistant) -> None:
    status, _, _ = call(voice(assistant), "POST", raw=speak("hello"))
    assert status == 401
    status, _, body = call(voice(assistant), "POST", raw=b"this is not audio", token=assistant.token_for("w1"))
    assert status == 400 and "WAV" in body["error"]

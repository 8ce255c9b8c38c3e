"""The voice channel's two choices, from the environment: which recogniser listens, which voice answers.

``CIN_VOICE_RECOGNISER``: ``combined`` (the default: Whisper tiny.en and
pocketsphinx, the NLU choosing between their readings; chosen by the voice
benchmark on questions written apart from the project, docs/voice.md),
``whisper`` (Whisper alone: as good on a natural voice, worse on espeak-ng's
robotic British ones, and a third quicker) or ``pocketsphinx`` (the closed
domain model alone, as before issue 20).
``CIN_VOICE_REPLY``: ``en-gb`` (espeak-ng's British English, the default) or
``natural`` (hibari's neural voice, American English): a council may prefer either.
"""

from __future__ import annotations

import os
from typing import Mapping, Optional, Tuple

from assistant.config import ConfigError

RECOGNISERS: Tuple[str, ...] = ("combined", "whisper", "pocketsphinx")
DEFAULT_RECOGNISER = "combined"
REPLY_VOICES: Tuple[str, ...] = ("en-gb", "natural")
DEFAULT_REPLY_VOICE = "en-gb"


def _choice(name: str, allowed: Tuple[str, ...], default: str, env: Optional[Mapping[str, str]]) -> str:
    value = ((env if env is not None else os.environ).get(name) or default).strip().lower()
    if value not in allowed:
        raise ConfigError(f"{name}={value!r} is not one of: {', '.join(allowed)}.")
    return value


def recogniser_setting(env: Optional[Mapping[str, str]] = None) -> str:
    """Which recogniser the voice channel uses (``CIN_VOICE_RECOGNISER``)."""
    return _choice("CIN_VOICE_RECOGNISER", RECOGNISERS, DEFAULT_RECOGNISER, env)


def reply_voice_setting(env: Optional[Mapping[str, str]] = None) -> str:
    """Which voice speaks the replies (``CIN_VOICE_REPLY``)."""
    return _choice("CIN_VOICE_REPLY", REPLY_VOICES, DEFAULT_REPLY_VOICE, env)

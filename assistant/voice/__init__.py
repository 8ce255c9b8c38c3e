"""The offline voice layer: WAV in, text out (pocketsphinx), text in, WAV out (espeak-ng).

The HTTP channel reads the upload with :func:`read_wav`, transcribes it with a
:class:`Recognizer` built once from :func:`load_voice_model` (``make setup``
writes it with :func:`build_voice_model` into build/voice), passes
:func:`for_assistant` of the text to the assistant, and speaks the reply
with :func:`speak`.
"""

from assistant.voice.audio import MAX_SECONDS, AudioError, Pcm, read_wav, to_wav
from assistant.voice.language_model import (
    DEFAULT_DIR,
    VoiceModel,
    build_voice_model,
    caseload_names,
)
from assistant.voice.recognizer import Recognizer, Transcript, for_assistant
from assistant.voice.speech import SpeechError, speak

load_voice_model = VoiceModel.load

__all__ = [
    "AudioError",
    "DEFAULT_DIR",
    "MAX_SECONDS",
    "Pcm",
    "Recognizer",
    "SpeechError",
    "Transcript",
    "VoiceModel",
    "build_voice_model",
    "caseload_names",
    "for_assistant",
    "load_voice_model",
    "read_wav",
    "speak",
    "to_wav",
]

"""A natural (neural) voice for spoken replies: hibari's ``heart`` voice, offline, as 16 kHz mono.

espeak-ng is clear but robotic; some councils will want a voice that sounds
like a person. hibari (Apache-2.0) is a 7.9 MB ONNX voice distilled from
Kokoro-82M that runs far faster than real time on one core. Only its default
voice (American English, female) ships inside the wheel; its British voices
are downloads, which this project never makes at run time, so the model file
is taken from the installed package and a missing one is an error, not a fetch.
"""

from __future__ import annotations

import threading
from typing import Any, Iterator, Optional

import numpy as np

from assistant.voice.audio import RATE, Pcm

VOICE = "heart"  # the one voice inside the wheel
SOURCE_RATE = 24000  # hibari's output rate; resampled to the channel's 16 kHz
THREADS = 1  # hibari runs ~100x real time on one core; the other core stays with the servers


class NaturalVoiceUnavailable(RuntimeError):
    """hibari or its bundled voice is not installed; the message says how to install it."""


def to_pcm(audio: "np.ndarray[Any, Any]", rate: int = SOURCE_RATE) -> Pcm:
    """Float samples in [-1, 1] at ``rate`` as 16 kHz 16-bit mono (polyphase resampling, no aliasing)."""
    from scipy.signal import resample_poly  # noqa: PLC0415 - scipy (a Rasa dependency) loads in ~0.3 s: only for speech

    resampled = resample_poly(np.asarray(audio, dtype=np.float64), RATE, rate) if rate != RATE else audio
    return Pcm((np.clip(resampled, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())


class NaturalVoice:
    """hibari's bundled voice, loaded once (about 0.3 s); safe to share between threads."""

    def __init__(self, threads: int = THREADS) -> None:
        try:
            from hibari import Hibari  # noqa: PLC0415 - lazy: onnxruntime loads only when this voice is chosen
            from hibari.voices import voice_path  # noqa: PLC0415 - as above
        except ImportError:
            raise NaturalVoiceUnavailable(
                "The natural voice (hibari-tts) is not installed: run `make setup`."
            ) from None
        try:
            path = voice_path(VOICE, download_missing=False)  # the wheel's own file; never a download
        except (FileNotFoundError, ValueError) as error:
            raise NaturalVoiceUnavailable(f"hibari's bundled voice is missing ({error}): run `make setup`.") from None
        self._tts: Any = Hibari(voice=VOICE, model=path, threads=threads)
        self._lock = threading.Lock()

    def say(self, text: str, speed: float = 1.0, seed: Optional[int] = 0) -> Pcm:
        """``text`` spoken, as 16 kHz mono. ``seed`` fixes hibari's noise: the same text, the same audio."""
        with self._lock:
            audio = self._tts(text, speed=speed, seed=seed)
        return to_pcm(audio)

    def sentences(self, text: str, speed: float = 1.0, seed: Optional[int] = 0) -> Iterator[Pcm]:
        """``text`` one sentence at a time, each as soon as it is made (for the time to first audio)."""
        with self._lock:
            chunks = list(self._tts.phonemize(text))
        rng = np.random.default_rng(seed)
        for phonemes in chunks:
            with self._lock:
                audio = self._tts.from_ids(self._tts.ids(phonemes), speed, rng)
            yield to_pcm(audio)


_shared: Optional[NaturalVoice] = None
_shared_lock = threading.Lock()


def natural_voice() -> NaturalVoice:
    """One :class:`NaturalVoice` per process, made on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = NaturalVoice()
        return _shared

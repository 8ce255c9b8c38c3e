"""WAV in and out for the voice channel: 16 kHz mono 16-bit PCM is what the recogniser takes.

Browsers (Web Audio), phones and espeak-ng all write slightly different WAVs:
other rates, stereo, extra chunks (LIST, fact), and streamed files whose
RIFF and data sizes are placeholders. :func:`read_wav` accepts those and
refuses, with a message a person can act on, anything it cannot hear.
"""

from __future__ import annotations

import audioop  # stdlib until 3.13; the project is pinned to 3.10
import struct
from dataclasses import dataclass

RATE = 16000  # what the pocketsphinx en-us acoustic model was trained on
SAMPLE_WIDTH = 2  # bytes: 16-bit signed little-endian
MAX_SECONDS = 30.0  # a spoken question, not a dictation: longer uploads are refused

_PCM = 1
_EXTENSIBLE = 0xFFFE


class AudioError(ValueError):
    """The upload is not audio the assistant can listen to; the message says why."""


@dataclass(frozen=True)
class Pcm:
    """Mono 16-bit little-endian samples at ``rate`` Hz."""

    samples: bytes
    rate: int = RATE

    @property
    def seconds(self) -> float:
        return len(self.samples) / (SAMPLE_WIDTH * self.rate)


@dataclass(frozen=True)
class _Format:
    channels: int
    rate: int
    bits: int


def _chunks(data: bytes) -> "list[tuple[bytes, int, int]]":
    """(chunk id, start, end) of every chunk after the RIFF/WAVE header; sizes are clamped to the file."""
    found = []
    pos = 12
    while pos + 8 <= len(data):
        cid, size = struct.unpack_from("<4sI", data, pos)
        start = pos + 8
        end = min(start + size, len(data))  # streamed WAVs (espeak-ng --stdout) give 0x7fff.... sizes
        found.append((cid, start, end))
        if cid == b"data":
            break  # nothing after the samples matters, and a streamed size would overrun it anyway
        pos = end + (size & 1)
    return found


def _format(chunk: bytes) -> _Format:
    if len(chunk) < 16:
        raise AudioError("The WAV header is damaged (its fmt chunk is too short).")
    tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", chunk, 0)
    if tag == _EXTENSIBLE and len(chunk) >= 26:
        tag = struct.unpack_from("<H", chunk, 24)[0]  # first two bytes of the sub-format GUID
    if tag != _PCM or bits != 16:
        kind = "PCM" if tag == _PCM else f"format code {tag}"
        raise AudioError(f"The recording must be 16-bit PCM WAV; this one is {bits}-bit {kind}.")
    if channels not in (1, 2):
        raise AudioError(f"The recording must be mono or stereo; this one has {channels} channels.")
    if not 4000 <= rate <= 192000:
        raise AudioError(f"The recording's sample rate ({rate} Hz) is not a usual audio rate.")
    return _Format(channels, rate, bits)


def read_wav(data: bytes, max_seconds: float = MAX_SECONDS) -> Pcm:
    """The recording as 16 kHz mono 16-bit samples (stereo is mixed down, other rates resampled).

    Raises :class:`AudioError` for an empty upload, a file that is not a WAV,
    a WAV that is not 16-bit PCM, one with no samples, or one longer than
    ``max_seconds`` (:data:`MAX_SECONDS` for an upload).
    """
    if not data:
        raise AudioError("The recording is empty.")
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioError("The recording is not a WAV file (expected 16-bit PCM WAV, 16 kHz mono).")
    chunks = {cid: (start, end) for cid, start, end in _chunks(data)}
    if b"fmt " not in chunks:
        raise AudioError("The WAV file has no format (fmt) chunk.")
    fmt = _format(data[slice(*chunks[b"fmt "])])
    if b"data" not in chunks:
        raise AudioError("The WAV file has no audio data.")
    start, end = chunks[b"data"]
    frame = fmt.channels * SAMPLE_WIDTH
    samples = data[start : end - (end - start) % frame]
    if not samples:
        raise AudioError("The recording has no sound in it (0 samples).")
    seconds = len(samples) / (frame * fmt.rate)
    if seconds > max_seconds:
        raise AudioError(
            f"The recording is {seconds:.0f} s long; the limit is {max_seconds:.0f} s. Ask one question at a time."
        )
    return Pcm(_to_mono_16k(samples, fmt))


def _to_mono_16k(samples: bytes, fmt: _Format) -> bytes:
    if fmt.channels == 2:
        samples = audioop.tomono(samples, SAMPLE_WIDTH, 0.5, 0.5)
    if fmt.rate != RATE:
        samples, _ = audioop.ratecv(samples, SAMPLE_WIDTH, 1, fmt.rate, RATE, None)
    return samples


def to_wav(pcm: Pcm) -> bytes:
    """A plain RIFF/WAVE file of the samples (mono, 16-bit, ``pcm.rate``)."""
    size = len(pcm.samples)
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + size,
        b"WAVE",
        b"fmt ",
        16,
        _PCM,
        1,
        pcm.rate,
        pcm.rate * SAMPLE_WIDTH,
        SAMPLE_WIDTH,
        16,
        b"data",
        size,
    )
    return header + pcm.samples + (b"\0" if size & 1 else b"")

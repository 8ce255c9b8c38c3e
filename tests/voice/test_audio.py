"""Reading uploads: what the browser, phones and espeak-ng send is accepted; anything else is refused, saying why."""

from __future__ import annotations

import math
import struct

import pytest

from assistant.voice.audio import MAX_SECONDS, RATE, AudioError, Pcm, read_wav, to_wav


def tone(seconds: float, rate: int, channels: int = 1, hz: float = 440.0) -> bytes:
    """Interleaved 16-bit samples of a sine (the same in every channel)."""
    frames = int(seconds * rate)
    samples = (int(8000 * math.sin(2 * math.pi * hz * i / rate)) for i in range(frames))
    return b"".join(struct.pack("<h", s) * channels for s in samples)


def wav(
    samples: bytes,
    rate: int = RATE,
    channels: int = 1,
    bits: int = 16,
    tag: int = 1,
    extra: bytes = b"",
    data_size: int = -1,
    riff_size: int = -1,
) -> bytes:
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + extra
    body += b"data" + struct.pack("<I", len(samples) if data_size < 0 else data_size) + samples
    return b"RIFF" + struct.pack("<I", len(body) if riff_size < 0 else riff_size) + body


def test_a_16k_mono_recording_is_read_as_it_is() -> None:
    samples = tone(1.0, RATE)
    pcm = read_wav(wav(samples))
    assert pcm.samples == samples and pcm.rate == RATE
    assert pcm.seconds == pytest.approx(1.0)


def test_stereo_is_mixed_down_and_other_rates_resampled_keeping_the_length() -> None:
    pcm = read_wav(wav(tone(2.0, 44100, channels=2), rate=44100, channels=2))
    assert pcm.rate == RATE
    assert pcm.seconds == pytest.approx(2.0, abs=0.01)
    loudest = max(abs(s) for (s,) in struct.iter_unpack("<h", pcm.samples))
    assert 7000 < loudest <= 8000  # the same tone in both channels: mixing keeps its level


def test_a_streamed_wav_with_placeholder_sizes_and_extra_chunks_is_read() -> None:
    """espeak-ng --stdout and some browsers write 0x7fffffff sizes; others put a LIST chunk before the data."""
    samples = tone(0.5, 22050)
    extra = b"LIST" + struct.pack("<I", 5) + b"INFOx" + b"\0"  # odd size: padded to even
    pcm = read_wav(wav(samples, rate=22050, extra=extra, data_size=0x7FFFF000, riff_size=0x7FFFF024))
    assert pcm.seconds == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The recording is empty."),
        (b"ID3\x03\x00 an mp3 file" * 10, "not a WAV file"),
        (wav(bytes(800), bits=8), "must be 16-bit PCM WAV; this one is 8-bit PCM"),
        (wav(bytes(1600), bits=32, tag=3), "must be 16-bit PCM WAV; this one is 32-bit format code 3"),
        (wav(b""), "no sound in it"),
        (wav(bytes(RATE * 2 * 31)), f"31 s long; the limit is {MAX_SECONDS:.0f} s"),
        (b"RIFF\x04\x00\x00\x00WAVE", "no format (fmt) chunk"),
    ],
)
def test_what_cannot_be_heard_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(AudioError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_wav(data)


def test_to_wav_writes_a_file_read_wav_reads_back() -> None:
    pcm = Pcm(tone(0.25, RATE))
    data = to_wav(pcm)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert struct.unpack_from("<I", data, 4)[0] == len(data) - 8
    assert read_wav(data) == pcm

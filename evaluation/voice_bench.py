"""How well the voice layer hears workers: numbers, printed, not asserted.

Each spoken test question in evaluation/sets/voice-questions.yml (written apart from the
training data) is synthesised by espeak-ng under several voices and speeds,
transcribed with the domain model (the question file's caseload passed as the
names, as the channel passes a worker's caseload), and classified by the
trained NLU, which first chooses among the recogniser's readings as the voice
channel does (:mod:`assistant.voice.rescoring`). Printed: intent accuracy on the transcripts (and, for
comparison, on the typed questions), word error rate against the question
spelled as the language model spells it, real-time factor (decode seconds /
audio seconds) and the median and 95th-percentile decode time.

Run: ``.venv/bin/python -m evaluation.voice_bench`` (a few minutes on 2 cores;
most of it is loading the Rasa model and decoding).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import yaml

from assistant.voice.audio import read_wav
from assistant.voice.language_model import PROJECT_ROOT, build_voice_model, words
from assistant.voice.recognizer import Recognizer, for_assistant
from assistant.voice.rescoring import Reading, candidates, choose
from assistant.voice.speech import ESPEAK, espeak_path, speak

QUESTIONS_FILE = PROJECT_ROOT / "evaluation" / "sets" / "voice-questions.yml"
MODEL_FILE = PROJECT_ROOT / "models" / "cin.tar.gz"
VOICES: Tuple[str, ...] = ("en-gb", "en-us", "en-gb-scotland", "en-gb-x-rp")
SPEEDS: Tuple[int, ...] = (140, 165, 190)
VARIANTS = 3  # voice/speed pairs per question
TARGET_ACCURACY = 0.90
TARGET_RTF = 0.3


@dataclass(frozen=True)
class Question:
    text: str
    intent: str


@dataclass(frozen=True)
class QuestionSet:
    questions: Tuple[Question, ...]
    caseload: Tuple[str, ...]


def load_questions(path: Path = QUESTIONS_FILE) -> QuestionSet:
    """The spoken test questions and the caseload names they may mention."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    questions = tuple(Question(str(q["text"]), str(q["intent"])) for q in data.get("questions") or [])
    return QuestionSet(questions, tuple(str(n) for n in data.get("caseload") or []))


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Word-level Levenshtein distance (substitutions, insertions, deletions)."""
    row = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, hyp in enumerate(hypothesis, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ref != hyp))
    return row[-1]


@dataclass(frozen=True)
class Trial:
    """One question said by one voice at one speed."""

    question: Question
    voice: str
    words_per_minute: int
    transcript: str
    heard_intent: Optional[str]
    word_errors: int
    reference_words: int
    audio_seconds: float
    decode_seconds: float
    top_word_errors: int = 0  # in the recogniser's own best reading, before the NLU chose

    @property
    def correct(self) -> bool:
        return self.heard_intent == self.question.intent


@dataclass
class VoiceReport:
    trials: List[Trial] = field(default_factory=list)
    typed_correct: int = 0  # questions the NLU gets right as typed text: the ceiling for voice
    questions: int = 0
    voices: Tuple[str, ...] = ()
    speeds: Tuple[int, ...] = ()
    build_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def intent_accuracy(self) -> float:
        return sum(t.correct for t in self.trials) / len(self.trials) if self.trials else 0.0

    @property
    def typed_accuracy(self) -> float:
        return self.typed_correct / self.questions if self.questions else 0.0

    @property
    def word_error_rate(self) -> float:
        total = sum(t.reference_words for t in self.trials)
        return sum(t.word_errors for t in self.trials) / total if total else 0.0

    @property
    def top_word_error_rate(self) -> float:
        total = sum(t.reference_words for t in self.trials)
        return sum(t.top_word_errors for t in self.trials) / total if total else 0.0

    @property
    def real_time_factor(self) -> float:
        audio = sum(t.audio_seconds for t in self.trials)
        return sum(t.decode_seconds for t in self.trials) / audio if audio else 0.0

    def decode_percentile(self, share: float) -> float:
        times = sorted(t.decode_seconds for t in self.trials)
        if not times:
            return 0.0
        return times[min(len(times) - 1, max(0, round(share * (len(times) - 1))))]

    def by(self, key: Callable[[Trial], str]) -> Dict[str, Tuple[float, float]]:
        """Intent accuracy and WER per group (voice, speed)."""
        groups: Dict[str, List[Trial]] = {}
        for trial in self.trials:
            groups.setdefault(key(trial), []).append(trial)
        return {
            name: (
                sum(t.correct for t in ts) / len(ts),
                sum(t.word_errors for t in ts) / max(1, sum(t.reference_words for t in ts)),
            )
            for name, ts in sorted(groups.items())
        }


def _variants(index: int, voices: Sequence[str], speeds: Sequence[int], count: int) -> List[Tuple[str, int]]:
    """``count`` different voice/speed pairs for question ``index``, rotating so every pair is used evenly."""
    pairs = [(v, s) for s in speeds for v in voices]
    return [pairs[(index * count + k) % len(pairs)] for k in range(min(count, len(pairs)))]


def available_voices(wanted: Sequence[str]) -> List[str]:
    """The wanted espeak-ng voices this machine has."""
    listed = subprocess.run([ESPEAK, "--voices=en"], capture_output=True, text=True, check=False).stdout
    have = {line.split()[1] for line in listed.splitlines()[1:] if len(line.split()) > 1}
    return [v for v in wanted if v in have]


def voice_bench(
    log: Callable[[str], None] = print,
    questions_file: Path = QUESTIONS_FILE,
    voices: Sequence[str] = VOICES,
    speeds: Sequence[int] = SPEEDS,
    variants: int = VARIANTS,
    model_file: Path = MODEL_FILE,
    limit: Optional[int] = None,
) -> VoiceReport:
    """Synthesise, transcribe and classify every test question; see the module docstring."""
    started = time.perf_counter()
    if espeak_path() is None:
        raise RuntimeError("espeak-ng is not installed: install Debian's espeak-ng package.")
    question_set = load_questions(questions_file)
    questions = question_set.questions[:limit] if limit else question_set.questions
    voices = available_voices(voices)
    report = VoiceReport(questions=len(questions), voices=tuple(voices), speeds=tuple(speeds))
    with tempfile.TemporaryDirectory(prefix="cin-voice-bench-") as folder:
        built = time.perf_counter()
        model = build_voice_model(Path(folder))
        report.build_seconds = time.perf_counter() - built
        log(f"Built the voice model in {report.build_seconds:.1f} s ({len(model.vocabulary)} words).")
        recognizer = Recognizer(model)
        log("Loading the NLU model ...")
        from assistant.nlu.understanding import Understanding  # heavy (Rasa, TensorFlow)

        understanding = Understanding(model_file)
        for index, question in enumerate(questions):
            report.typed_correct += understanding.parse(question.text).intent == question.intent
            for voice, wpm in _variants(index, voices, speeds, variants):
                report.trials.append(_trial(question, voice, wpm, recognizer, understanding, question_set.caseload))
            if (index + 1) % 25 == 0:
                log(f"  {index + 1}/{len(questions)} questions, intent accuracy so far {report.intent_accuracy:.1%}")
    report.seconds = time.perf_counter() - started
    return report


def _trial(
    question: Question, voice: str, wpm: int, recognizer: Recognizer, understanding: object, names: Sequence[str]
) -> Trial:
    """As the voice channel does it: transcribe, let the NLU choose among the readings, classify."""
    pcm = read_wav(speak(question.text, voice=voice, words_per_minute=wpm, max_words=1000))
    transcript = recognizer.transcribe(pcm, names=names)
    spoken: Dict[str, str] = {}  # as the NLU reads it -> as said; the recogniser's order
    for text in candidates(transcript.text, transcript.alternatives):
        spoken.setdefault(for_assistant(text), text)

    def parse(text: str) -> Reading:
        parsed = understanding.parse(text)  # type: ignore[attr-defined]
        return Reading(text, parsed.intent, parsed.confidence)

    chosen = choose(list(spoken), parse)
    reference = words(question.text)
    heard = spoken[chosen.text]
    return Trial(
        question,
        voice,
        wpm,
        heard,
        chosen.intent,
        edit_distance(reference, heard.split()),
        len(reference),
        transcript.audio_seconds,
        transcript.decode_seconds,
        edit_distance(reference, transcript.text.split()),
    )


def render(report: VoiceReport, misses: int = 15) -> str:
    """The report as text: the headline numbers against their targets, per voice and speed, and some misses."""

    def verdict(ok: bool) -> str:
        return "ok" if ok else "BELOW TARGET"

    lines = [
        f"Voice benchmark: {report.questions} questions x {len(report.trials) // max(1, report.questions)} voice/speed variants "
        f"= {len(report.trials)} utterances (voices {', '.join(report.voices)}; {', '.join(map(str, report.speeds))} wpm)",
        f"  intent accuracy (spoken)   {report.intent_accuracy:7.1%}   target >= {TARGET_ACCURACY:.0%}  {verdict(report.intent_accuracy >= TARGET_ACCURACY)}",
        f"  intent accuracy (typed)    {report.typed_accuracy:7.1%}   the NLU on the same questions as text: the ceiling",
        f"  word error rate            {report.word_error_rate:7.1%}   of the reading sent to the assistant "
        f"({report.top_word_error_rate:.1%} of the recogniser's own best)",
        f"  real-time factor           {report.real_time_factor:7.3f}   target < {TARGET_RTF}  {verdict(report.real_time_factor < TARGET_RTF)}",
        f"  decode time p50 / p95      {report.decode_percentile(0.5) * 1000:5.0f} / {report.decode_percentile(0.95) * 1000:.0f} ms",
        f"  model build                {report.build_seconds:7.1f} s;  whole run {report.seconds:.0f} s",
        "  by voice:  " + "; ".join(f"{k} {a:.0%} (WER {w:.0%})" for k, (a, w) in report.by(lambda t: t.voice).items()),
        "  by speed:  "
        + "; ".join(
            f"{k} wpm {a:.0%} (WER {w:.0%})" for k, (a, w) in report.by(lambda t: str(t.words_per_minute)).items()
        ),
    ]
    wrong = [t for t in report.trials if not t.correct][:misses]
    if wrong:
        lines.append(f"  first {len(wrong)} misses (expected -> heard: transcript):")
        lines += [
            f"    {t.question.intent} -> {t.heard_intent} [{t.voice} {t.words_per_minute}]: "
            f"'{t.question.text}' heard as '{t.transcript}'"
            for t in wrong
        ]
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Voice benchmark: espeak-ng -> pocketsphinx -> NLU.")
    parser.add_argument("--variants", type=int, default=VARIANTS, help="voice/speed pairs per question")
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions")
    args = parser.parse_args(argv)
    report = voice_bench(variants=args.variants, limit=args.limit)
    print(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

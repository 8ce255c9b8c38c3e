"""Procedure questions written blind (evaluation/sets/procedure-*.yml), graded on what the worker reads.

The sets were written by a helper that saw only the guidance documents and a
description of the users (never data/, tests/ or the code): ``procedure-dev``
is for learning from; ``procedure-sealed`` is scored once, at the end, and its
misses are never read. Each question has the asker's council and the facts a
correct reply must contain (each fact a list of acceptable phrasings, copied
from the guidance); about 8% are questions the guidance does not answer, where
the right reply says so.

Graded on the reply's text, as shown:

- an answerable question is right when every fact appears (case, spacing,
  quote marks and markdown ignored); an answer that says the guidance does not
  cover it is a *wrong abstention*;
- an unanswerable question is right when the reply says the guidance does not
  cover it (an abstention, a curated silence such as "does not set a timescale
  for this", or a not-understood reply), not when it only quotes something.

Systems: the assistant as the chat answers (the trained NLU, then the same
answer function the action calls), or a passage ranking's top three (the
baselines), scored on the same facts.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from assistant.dialogue.reply import Reply
from assistant.knowledge.answering.context import Context
from assistant.knowledge.answering.rank import RankerSettings, ranker_of

SETS_DIR = Path(__file__).resolve().parent / "sets"
DEV = SETS_DIR / "procedure-dev.yml"
SEALED = SETS_DIR / "procedure-sealed.yml"
DEV2 = SETS_DIR / "procedure-dev2.yml"  # seventh session, a second writer
SEALED2 = SETS_DIR / "procedure-sealed2.yml"  # seventh session, scored once at its end


@dataclass(frozen=True)
class Question:
    id: str
    council: str
    text: str
    answerable: bool
    facts: Tuple[Tuple[str, ...], ...]
    source: Optional[Dict[str, str]]


@dataclass(frozen=True)
class Graded:
    question: Question
    right: bool
    abstained: bool
    missing: Tuple[str, ...]
    reply: str
    seconds: float = 0.0


def load(path: Path = DEV) -> List[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(
            str(q["id"]),
            str(q["council"]),
            str(q["question"]),
            bool(q.get("answerable", True)),
            tuple(tuple(str(a) for a in fact) for fact in q.get("facts") or ()),
            q.get("source"),
        )
        for q in raw
    ]


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, one space, straight quotes and apostrophes, no markdown emphasis or list dashes' spacing."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("**", "").replace("*", "").replace("\u2013", "-").replace("\u2014", "-")
    return _SPACE.sub(" ", text).strip().lower()


ABSTAIN_MARKS = (
    "does not cover",
    "does not set",
    "could not find",
    "doesn't read as a procedure",
    "not covered",
    "i'm not sure which",
    "didn't understand",
    "did you mean",
)


def abstains(reply: Reply) -> bool:
    """The reply says the guidance does not answer (or asks what was meant) instead of answering."""
    payload = reply.payload or {}
    if payload.get("type") == "clarify":
        return True
    if "abstained" in payload:  # retrieval answers say it outright
        return bool(payload["abstained"])
    return payload.get("status") == "silent"  # topic answers: "does not cover" is a silence


def says_silent(reply: Reply) -> bool:
    """The reply tells the worker the guidance does not cover this (a curated silence counts, with its quote)."""
    return abstains(reply) or (reply.payload or {}).get("status") == "silent"


def grade(question: Question, reply: Reply, seconds: float = 0.0) -> Graded:
    shown = normalise(reply.text)
    missing = tuple(" / ".join(f) for f in question.facts if not any(normalise(a) in shown for a in f))
    abstained = abstains(reply) if question.answerable else says_silent(reply)
    right = (not missing and not abstained) if question.answerable else abstained
    return Graded(question, right, abstained, missing, reply.text, seconds)


@dataclass
class Result:
    name: str
    graded: List[Graded] = field(default_factory=list)

    def counts(self) -> Dict[str, Tuple[int, int]]:
        out: Dict[str, List[int]] = {}
        for g in self.graded:
            for key in (
                "all",
                "answerable" if g.question.answerable else "unanswerable",
                f"council {g.question.council}",
            ):
                out.setdefault(key, [0, 0])
                out[key][0] += g.right
                out[key][1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def render(self, show_misses: bool = False) -> str:
        counts = self.counts()
        answerable = [g for g in self.graded if g.question.answerable]
        wrong_abstain = sum(1 for g in answerable if g.abstained)
        lines = [f"{self.name}:"]
        for key in ("all", "answerable", "unanswerable") + tuple(sorted(k for k in counts if k.startswith("council"))):
            if key in counts:
                right, total = counts[key]
                lines.append(f"  {key:<26} {right:>4}/{total:<4} {100 * right / total:5.1f}%")
        if answerable:
            lines.append(
                f"  wrong abstentions          {wrong_abstain:>4}/{len(answerable):<4} "
                f"{100 * wrong_abstain / len(answerable):5.1f}% of answerable questions"
            )
        seconds = [g.seconds for g in self.graded if g.seconds]
        if seconds:
            seconds.sort()
            lines.append(
                f"  time per question          median {seconds[len(seconds) // 2] * 1000:.0f} ms, "
                f"worst {seconds[-1] * 1000:.0f} ms"
            )
        if show_misses:
            for g in self.graded:
                if not g.right:
                    why = (
                        "abstained"
                        if g.abstained and g.question.answerable
                        else ("answered, should abstain" if not g.question.answerable else f"missing {list(g.missing)}")
                    )
                    lines.append(f"  MISS {g.question.id} [{g.question.council}] {g.question.text!r}: {why}")
                    lines.append("       " + g.reply.replace("\n", "\n       ")[:900])
        return "\n".join(lines)


System = Callable[[Question], Reply]


def run(questions: Sequence[Question], system: System, name: str) -> Result:
    result = Result(name)
    for q in questions:
        started = time.perf_counter()
        reply = system(q)
        result.graded.append(grade(q, reply, time.perf_counter() - started))
    return result


def search_baseline(name: str, weights: Mapping[str, float]) -> System:
    """A passage search's top three passages, quoted as the reply (no answering, no abstaining)."""
    ctx = Context(None, None, None)
    settings = RankerSettings(dict(weights), -1e9, 0.0, 3)

    def system(q: Question) -> Reply:
        authorities = [q.council] + [a for a in ctx.authorities if a in ctx.general and a != q.council]
        top = ranker_of(ctx).rank(q.text, authorities, {}, settings)[:3]
        return Reply("\n".join(r.passage.text for r in top), {"type": "answer", "abstained": False})

    system.__name__ = name
    return system


BASELINES: Dict[str, Mapping[str, float]] = {
    "BM25 top three": {"lexical": 1.0},
    "hybrid BM25 + MiniLM top three": {"lexical": 1.0, "meaning": 1.0},
}


def misses_by_cause(result: Result) -> Counter:
    causes: Counter = Counter()
    for g in result.graded:
        if g.right:
            continue
        if not g.question.answerable:
            causes["answered an unanswerable question"] += 1
        elif g.abstained:
            causes["wrong abstention"] += 1
        else:
            causes["facts missing"] += 1
    return causes


__all__ = [
    "BASELINES",
    "DEV",
    "DEV2",
    "SEALED",
    "SEALED2",
    "Graded",
    "Question",
    "Result",
    "grade",
    "load",
    "misses_by_cause",
    "normalise",
    "run",
    "search_baseline",
]

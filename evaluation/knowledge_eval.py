"""Score an answering system on the evaluation set (``evaluation/sets/knowledge-questions.yml``).

Each question carries the ``facts`` a correct answer must contain and the ``cite``
(document, section) pairs a correct citation may point at. A question counts as
answered correctly when

* every fact occurs in the answer's text or its citations' quotes (case-insensitive,
  whitespace collapsed, Markdown emphasis removed). A fact may be a list of
  alternative wordings ("12 weeks" / "twelve weeks"): any one of them will do;
* at least one citation has an acceptable (document, section), sections compared
  after whitespace collapse (case-insensitive).

Three systems are provided: :func:`ask_system` (``answers.ask``, what
``cin-assistant ask`` prints), :func:`oracle_topic_system` (``answers.answer`` on the
question's gold topic with the question text - what the chat does when its NLU picks
the right topic; ``cin-assistant eval --oracle-topic``) and :func:`bm25_baseline` (the
top passage of a plain BM25 :func:`answers.search` over the same passages, as a
one-citation answer)::

    qs = load_questions()
    print(evaluate(qs, ask_system).render())
    print(evaluate(qs, oracle_topic_system).render())
    print(evaluate(qs, bm25_baseline).render())

The facts were written from the guidance in ``knowledge/sources`` (and the curated
quotes in ``knowledge/policies``), not from the assistant's output.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from assistant.knowledge.passages import collapse_ws, display_text

EVAL_PATH = Path(__file__).resolve().parent / "sets" / "knowledge-questions.yml"

Fact = Union[str, Sequence[str]]  # one wording, or alternatives (any one suffices)


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class EvalQuestion:
    text: str
    topic: str
    authority: Optional[str]
    facts: Tuple[Tuple[str, ...], ...]  # each fact: its alternative wordings
    cites: Tuple[Tuple[str, str], ...]  # acceptable (document, section)
    split: str = ""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "EvalQuestion":
        facts = tuple((f,) if isinstance(f, str) else tuple(str(a) for a in f) for f in (d.get("facts") or []))
        raw = d.get("cite") or []
        if isinstance(raw, Mapping) or (len(raw) == 2 and all(isinstance(x, str) for x in raw)):
            raw = [raw]  # a single (document, section)
        cites = []
        for c in raw:
            if isinstance(c, Mapping):
                cites.append((str(c["document"]), str(c["section"])))
            else:
                cites.append((str(c[0]), str(c[1])))
        return cls(
            str(d["q"]), str(d.get("topic", "")), d.get("authority"), facts, tuple(cites), str(d.get("split", ""))
        )


def load_questions(path: Optional[Path] = None) -> List[EvalQuestion]:
    import yaml

    data = yaml.safe_load(Path(path or EVAL_PATH).read_text(encoding="utf-8"))
    return [EvalQuestion.from_dict(q) for q in data["questions"]]


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class SystemAnswer:
    """The minimal shape scored: text and citations ({document, section, quote?})."""

    text: str
    citations: List[Dict[str, str]]
    topic: str = ""


AnswerFn = Callable[[EvalQuestion], Any]  # returns anything with .text and .citations


def _norm(text: str) -> str:
    return collapse_ws(display_text(text or "")).lower()


def _norm_section(section: str) -> str:
    return collapse_ws(section or "").lower()


def ask_system(q: EvalQuestion):
    """The assistant's answer (``answers.ask``), as ``cin-assistant ask`` gives it."""
    from assistant.knowledge.answering import ask

    return ask(q.text, q.authority)


def oracle_topic_system(q: EvalQuestion):
    """``answers.answer`` on the question's gold topic, given the question text: what the chat
    does when its intent classifier picks the right topic (the ceiling for answer selection)."""
    from assistant.knowledge.answering import answer

    return answer(q.topic, q.authority, question=q.text)


def oracle_topic_focus_system(q: EvalQuestion):
    """:func:`oracle_topic_system` with ``focus_compare``: a question naming no council also
    gets the one passage across all guidance that best answers it (opt-in; by default a
    side-by-side answer is not changed by the question)."""
    from assistant.knowledge.answering import answer

    return answer(q.topic, q.authority, question=q.text, focus_compare=True)


def bm25_baseline(q: EvalQuestion) -> SystemAnswer:
    """Baseline: the top passage of a plain BM25 search over the same passages."""
    from assistant.knowledge.answering import search

    hits = search(q.text, q.authority, limit=1)
    if not hits:
        return SystemAnswer("", [])
    p = hits[0].passage
    return SystemAnswer(p.text, [{"document": p.document, "section": p.section, "quote": p.text}], hits[0].topic or "")


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Judgement:
    question: EvalQuestion
    correct: bool
    missing_facts: Tuple[str, ...]
    cited_ok: bool
    cited: Tuple[Tuple[str, str], ...]
    topic: str = ""

    def reason(self) -> str:
        parts = []
        if self.missing_facts:
            parts.append("missing " + ", ".join(repr(f) for f in self.missing_facts))
        if not self.cited_ok:
            got = "; ".join(f"{d} \u00a7{s}" for d, s in self.cited[:3]) or "no citation"
            parts.append(f"wrong citation ({got})")
        return " and ".join(parts) or "ok"


def judge(q: EvalQuestion, answer: Any) -> Judgement:
    """Does ``answer`` (with ``.text`` and ``.citations``) contain every fact and a right citation?"""
    cits = list(getattr(answer, "citations", None) or [])
    blob = _norm(" ".join([getattr(answer, "text", "") or ""] + [str(c.get("quote", "")) for c in cits]))
    missing = tuple(alts[0] for alts in q.facts if not any(_norm(a) in blob for a in alts))
    cited = tuple((str(c.get("document", "")), str(c.get("section", ""))) for c in cits)
    ok_cites = {(d, _norm_section(s)) for d, s in q.cites}
    cited_ok = any((d, _norm_section(s)) in ok_cites for d, s in cited)
    return Judgement(q, not missing and cited_ok, missing, cited_ok, cited, str(getattr(answer, "topic", "") or ""))


@dataclass
class EvalReport:
    name: str
    judgements: List[Judgement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.judgements)

    @property
    def correct(self) -> int:
        return sum(j.correct for j in self.judgements)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def failures(self) -> List[Judgement]:
        return [j for j in self.judgements if not j.correct]

    def counts(self) -> Dict[str, int]:
        f = self.failures
        return {
            "total": self.total,
            "correct": self.correct,
            "missing_fact_only": sum(1 for j in f if j.missing_facts and j.cited_ok),
            "wrong_citation_only": sum(1 for j in f if not j.missing_facts and not j.cited_ok),
            "both": sum(1 for j in f if j.missing_facts and not j.cited_ok),
        }

    def _by(self, key: Callable[[Judgement], str]) -> Dict[str, Tuple[int, int, float]]:
        right: Counter = Counter()
        total: Counter = Counter()
        for j in self.judgements:
            k = key(j)
            total[k] += 1
            right[k] += j.correct
        return {k: (right[k], total[k], right[k] / total[k]) for k in sorted(total)}

    def per_topic(self) -> Dict[str, Tuple[int, int, float]]:
        """topic -> (correct, total, accuracy)."""
        return self._by(lambda j: j.question.topic)

    def per_split(self) -> Dict[str, Tuple[int, int, float]]:
        return self._by(lambda j: j.question.split or "-")

    def render(self, show_failures: bool = True) -> str:
        c = self.counts()
        lines = [
            f"{self.name}: {self.correct}/{self.total} = {self.accuracy:.1%} answered with the right facts and a correct citation",
            f"  failures: {c['missing_fact_only']} missing a fact, {c['wrong_citation_only']} wrong citation, {c['both']} both",
        ]
        splits = self.per_split()
        if len(splits) > 1:
            lines.append("  by split: " + ", ".join(f"{s} {r}/{t} ({a:.0%})" for s, (r, t, a) in splits.items()))
        lines.append("  by topic:")
        for t, (r, n, a) in self.per_topic().items():
            lines.append(f"    {t:<24} {r:>3}/{n:<3} {a:.0%}")
        if show_failures and self.failures:
            lines.append("  failures:")
            for j in self.failures:
                who = f" [{j.question.authority}]" if j.question.authority else ""
                lines.append(f"    {j.question.text!r}{who}: {j.reason()}")
        return "\n".join(lines)


def evaluate(
    questions: Iterable[Union[EvalQuestion, Mapping[str, Any]]], answer_fn: AnswerFn, name: str = ""
) -> EvalReport:
    """Run ``answer_fn`` over ``questions`` and score each answer with :func:`judge`."""
    report = EvalReport(name or getattr(answer_fn, "__name__", "system"))
    for q in questions:
        if not isinstance(q, EvalQuestion):
            q = EvalQuestion.from_dict(q)
        report.judgements.append(judge(q, answer_fn(q)))
    return report


__all__ = [
    "EVAL_PATH",
    "EvalQuestion",
    "EvalReport",
    "Judgement",
    "SystemAnswer",
    "ask_system",
    "bm25_baseline",
    "evaluate",
    "judge",
    "load_questions",
    "oracle_topic_focus_system",
    "oracle_topic_system",
]

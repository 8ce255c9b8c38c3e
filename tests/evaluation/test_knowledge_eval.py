"""Answer correctness on the evaluation set: the scorer, and ask() against a BM25 baseline.

A question is answered correctly when the answer contains every one of its ``facts``
and cites at least one acceptable (document, section) (evaluation/knowledge_eval.py).

Measured (233 questions; dev 201 used for tuning, holdout 32 not):
    ask()                                185/233 = 79.4% before answer() used the question;
                                         187/233 = 80.3% after (dev 164/201, holdout 23/32)
    oracle topic: answer(gold topic, authority, question=q), what the chat does when its
    NLU picks the right topic            200/233 = 85.8% (dev 173/201, holdout 27/32);
                                         named-council questions 78/80; without the question 198/233
    oracle topic + focus_compare (opt-in) 220/233 = 94.4% (dev 191/201, holdout 29/32)
    BM25 baseline                         81/233 = 34.8%
The issue's target is 95%; ask() does not reach it yet (see the printed failures).
Floors sit about 3 points under the measured figures, so a few regressions fail the
test; the baseline must stay clearly below ask().
"""

from pathlib import Path

import pytest
import yaml

from evaluation.knowledge_eval import (
    EvalQuestion,
    SystemAnswer,
    ask_system,
    bm25_baseline,
    evaluate,
    judge,
    load_questions,
    oracle_topic_focus_system,
    oracle_topic_system,
)

EVAL = Path(__file__).resolve().parents[2] / "evaluation" / "sets" / "knowledge-questions.yml"
ASK_FLOOR = 0.77
ORACLE_FLOOR = 0.83
ORACLE_NAMED_FLOOR = 0.95  # questions naming a council: the single-authority answer
FOCUS_FLOOR = 0.91
MEDWAY = "002_dcf06b917ba11a67.txt"

Q = EvalQuestion.from_dict(
    {
        "q": "how often do i visit in medway",
        "topic": "visits",
        "authority": "medway",
        "facts": ["15 working days"],
        "cite": [[MEDWAY, "10.1"]],
    }
)


def _answer(text, document=MEDWAY, section="10.1", quote=""):
    return SystemAnswer(text, [{"document": document, "section": section, "quote": quote}])


# --------------------------------------------------------------------------- the scorer


def test_right_answer_counts():
    assert judge(Q, _answer("Medway's guidance: visits at least every 15 working days.")).correct


def test_fact_may_come_from_a_quote_and_is_case_and_space_insensitive():
    a = _answer("See the quote.", quote="no less than every 15\n  WORKING days")
    assert judge(Q, a).correct


def test_markdown_emphasis_is_ignored():
    q = EvalQuestion.from_dict({"q": "x", "topic": "visits", "facts": ["within 7 days"], "cite": [["d", "2"]]})
    assert judge(q, _answer("a home visit within **7 days**", "d", "2")).correct


def test_missing_fact_does_not_count():
    j = judge(Q, _answer("Medway's guidance: visits at least every 6 weeks."))
    assert not j.correct and j.missing_facts == ("15 working days",) and j.cited_ok


def test_wrong_citation_does_not_count():
    j = judge(Q, _answer("visits at least every 15 working days", section="13.2"))
    assert not j.correct and not j.missing_facts and not j.cited_ok
    assert not judge(Q, SystemAnswer("visits at least every 15 working days", [])).correct
    assert not judge(Q, _answer("visits at least every 15 working days", document="004_808dbef9a7f1c264.txt")).correct


def test_section_compared_after_whitespace_collapse():
    q = EvalQuestion.from_dict({"q": "x", "topic": "t", "facts": ["a"], "cite": [["d", "Timescales /  Frequency"]]})
    assert judge(q, _answer("a", "d", " Timescales / Frequency ")).correct


def test_alternative_wordings_and_every_fact_needed():
    q = EvalQuestion.from_dict(
        {"q": "x", "topic": "t", "facts": [["12 weeks", "twelve weeks"], "8 weeks"], "cite": [["d", "9.2"]]}
    )
    assert judge(q, _answer("reviewed every twelve weeks; 13.2 says 8 weeks", "d", "9.2")).correct
    assert not judge(q, _answer("reviewed every twelve weeks", "d", "9.2")).correct


def test_report_counts_and_render():
    qs = [Q, Q]
    answers = iter([_answer("15 working days"), _answer("6 weeks", section="1")])
    r = evaluate(qs, lambda q: next(answers), name="fake")
    assert (r.correct, r.total, r.accuracy) == (1, 2, 0.5)
    assert r.counts()["both"] == 1 and len(r.failures) == 1
    assert r.per_topic() == {"visits": (1, 2, 0.5)}
    text = r.render()
    assert "fake: 1/2 = 50.0%" in text and "how often do i visit in medway" in text


# --------------------------------------------------------------------------- the set


def test_every_question_has_facts_and_citations():
    raw = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["questions"]
    assert len(raw) >= 200
    for q in raw:
        assert q.get("facts") and q.get("cite"), q["q"]
    qs = load_questions(EVAL)
    assert all(q.facts and q.cites for q in qs)


def test_facts_come_from_the_cited_guidance():
    """Each fact occurs in a passage (or curated rule quote) at one of its acceptable citations,
    except the silence facts of questions a council's guidance does not cover."""
    import re

    from assistant.knowledge.ingest import corpus_index
    from assistant.knowledge.passages import display_text
    from assistant.rules import load_policies

    norm = lambda s: re.sub(r"\s+", " ", display_text(s)).strip().lower()  # noqa: E731
    texts: dict = {}
    for p in corpus_index().passages:
        texts.setdefault((p.document, norm(p.section)), []).append(p.text)
    for pol in load_policies().values():
        for r in pol.rules:
            cits = [r.citation] + list(getattr(r, "supporting", None) or []) + [c.citation for c in (r.conflicts or [])]
            for c in cits:
                texts.setdefault((c.document, norm(c.section)), []).append(c.quote)
    bad = []
    for q in load_questions(EVAL):
        for d, s in q.cites:
            if (d, norm(s)) not in texts:
                bad.append(f"{q.text!r}: no passage at {d} {s}")
        blob = norm(" ".join(t for d, s in q.cites for t in texts.get((d, norm(s)), [])))
        for alts in q.facts:
            if alts[0] in ("kent", "does not"):  # the answer must say Kent's guidance is silent
                continue
            if not any(norm(a) in blob for a in alts):
                bad.append(f"{q.text!r}: fact {alts[0]!r} not in its cited guidance")
    assert not bad, "\n".join(bad)


# --------------------------------------------------------------------------- both systems


@pytest.fixture(scope="module")
def reports():
    qs = load_questions(EVAL)
    return evaluate(qs, ask_system, "ask"), evaluate(qs, bm25_baseline, "bm25 baseline")


def test_ask_beats_bm25_baseline_and_floor(reports, capsys):
    ask_r, bm25_r = reports
    with capsys.disabled():
        print()
        print(ask_r.render())
        print(bm25_r.render(show_failures=False))
    assert ask_r.total == bm25_r.total >= 200
    assert ask_r.accuracy > bm25_r.accuracy
    assert ask_r.accuracy >= ASK_FLOOR, f"ask accuracy {ask_r.accuracy:.1%} below {ASK_FLOOR:.0%}"


# --------------------------------------------------------------------------- oracle topic


@pytest.fixture(scope="module")
def oracle_reports():
    qs = load_questions(EVAL)
    return evaluate(qs, oracle_topic_system, "oracle topic"), evaluate(qs, oracle_topic_focus_system, "oracle + focus")


def test_oracle_topic_scores_answer_with_the_question(oracle_reports, reports, capsys):
    oracle, focus = oracle_reports
    ask_r, _ = reports
    with capsys.disabled():
        print()
        print(oracle.render(show_failures=False))
        print(focus.render())
    assert oracle.total == ask_r.total
    assert oracle.accuracy >= ask_r.accuracy  # the right topic can only help
    assert oracle.accuracy >= ORACLE_FLOOR, f"oracle accuracy {oracle.accuracy:.1%} below {ORACLE_FLOOR:.0%}"
    named = [j for j in oracle.judgements if j.question.authority]
    assert sum(j.correct for j in named) / len(named) >= ORACLE_NAMED_FLOOR
    assert focus.accuracy >= max(FOCUS_FLOOR, oracle.accuracy)
    # focus_compare only adds to side-by-side answers: a named-council answer is the same
    assert [j.correct for j in focus.judgements if j.question.authority] == [j.correct for j in named]


def test_oracle_system_passes_the_question_to_answer(monkeypatch):
    import assistant.knowledge.answering as answers

    seen = {}

    def fake(topic, authority, **kw):
        seen.update(topic=topic, authority=authority, **kw)
        return SystemAnswer("15 working days", [{"document": MEDWAY, "section": "10.1"}])

    monkeypatch.setattr(answers, "answer", fake)
    assert judge(Q, oracle_topic_system(Q)).correct
    assert seen == {"topic": "visits", "authority": "medway", "question": Q.text}
    oracle_topic_focus_system(Q)
    assert seen["focus_compare"] is True

"""The end-to-end chat scorer (evaluation/chat_eval.py) and its held-out file, without a server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from evaluation.chat_bench import percentile
from evaluation.chat_eval import (
    CASELOAD_KINDS,
    Caseload,
    Expect,
    Procedural,
    demo_store_url,
    expected_items,
    load_heldout,
    score_caseload,
    score_procedural,
)
from evaluation.nlu_cv import parse_reports

TODAY = dt.date(2026, 11, 23)
ME = "002_dcf06b917ba11a67.txt"


def _proc(**kw: Any) -> Procedural:
    base = dict(
        q="how often do i visit",
        sender="medway-w0005",
        sender_authority="medway",
        topic="visits",
        authority="medway",
        facts=(("15 working days", "fifteen working days"),),
        cites=((ME, "10.1"),),
    )
    base.update(kw)
    return Procedural(**base)


def _answer(
    text: str, citations: List[Dict[str, str]], type_: str = "answer", topic: str = "visits"
) -> List[Dict[str, Any]]:
    return [
        {"recipient_id": "w", "text": text},
        {"recipient_id": "w", "custom": {"type": type_, "topic": topic, "citations": citations}},
    ]


RIGHT = _answer(
    "Medway's guidance: Visits at least every **15 working  days**.",
    [{"document": ME, "section": "10.1", "quote": "..."}],
)


# --------------------------------------------------------------------------- procedural


def test_a_right_answer_scores() -> None:
    s = score_procedural(_proc(), RIGHT)
    assert s.ok and s.reason() == "ok"


def test_an_alternative_wording_of_a_fact_is_enough() -> None:
    replies = _answer("no less than every fifteen working days", [{"document": ME, "section": " 10.1 "}])
    assert score_procedural(_proc(), replies).ok


def test_a_wrong_citation_fails_and_says_what_was_cited() -> None:
    replies = _answer("every 15 working days", [{"document": ME, "section": "9.2"}])
    s = score_procedural(_proc(), replies)
    assert not s.ok
    assert "no acceptable citation" in s.reason() and "9.2" in s.reason()


def test_a_missing_fact_fails_and_names_it() -> None:
    replies = _answer("visit regularly", [{"document": ME, "section": "10.1"}])
    s = score_procedural(_proc(), replies)
    assert not s.ok and "missing fact(s) '15 working days'" in s.reason()


def test_a_fact_only_in_a_citation_quote_does_not_count() -> None:
    replies = _answer("see the guidance", [{"document": ME, "section": "10.1", "quote": "every 15 working days"}])
    assert not score_procedural(_proc(), replies).ok


def test_a_clarify_reply_to_a_procedure_question_is_a_miss_with_a_reason() -> None:
    replies = [{"text": "Sorry, I didn't understand."}, {"custom": {"type": "clarify", "reason": "not_understood"}}]
    s = score_procedural(_proc(), replies)
    assert not s.ok and s.reason().startswith("reply type clarify/not_understood, expected answer (visits)")


def test_no_payload_is_a_miss() -> None:
    s = score_procedural(_proc(), [{"text": "hello"}])
    assert not s.ok and "no custom payload" in s.reason()


# --------------------------------------------------------------------------- caseload

ITEM = {"case_id": "cs1", "child_id": "ch1", "child_name": "A B", "item": "visit", "due": "2026-11-25", "status": "due"}
EXPECTED = [[("cs1", "visit", "2026-11-25", "due")]]


def _due_reply(
    window: Any = ("2026-11-23", "2026-11-29"),
    items: Any = (ITEM,),
    kind: str = "due",
    item_type: Any = "visit",
    child: Any = None,
) -> List[Dict[str, Any]]:
    return [
        {"text": "You have 1 visit due."},
        {
            "custom": {
                "type": "due_items",
                "query": {
                    "kind": kind,
                    "item_type": item_type,
                    "child": child,
                    "window": {"start": window[0], "end": window[1]} if isinstance(window, tuple) else window,
                },
                "items": list(items),
            }
        },
    ]


MSG = Caseload("visits due this week", "medway-w0005", Expect("due", "visit", ("2026-11-23", "2026-11-29"), None))


def test_a_right_caseload_answer_scores() -> None:
    assert score_caseload(MSG, _due_reply(), EXPECTED, TODAY).ok


def test_a_wrong_window_fails_with_both_windows_named() -> None:
    s = score_caseload(MSG, _due_reply(window={"start": "2026-11-30", "end": "2026-12-06"}), EXPECTED, TODAY)
    assert not s.ok
    assert "window 2026-11-30..2026-12-06 (expected 2026-11-23..2026-11-29)" in s.reason()


def test_a_missing_window_fails() -> None:
    s = score_caseload(MSG, _due_reply(window=None), EXPECTED, TODAY)
    assert not s.ok and "window null" in s.reason()


def test_wrong_kind_item_type_or_child_fail() -> None:
    assert "kind 'overdue'" in score_caseload(MSG, _due_reply(kind="overdue"), EXPECTED, TODAY).reason()
    assert "item_type None" in score_caseload(MSG, _due_reply(item_type=None), EXPECTED, TODAY).reason()
    child = {"case_id": "cs1", "child_id": "ch1", "name": "A B"}
    assert "child 'ch1' (expected None)" in score_caseload(MSG, _due_reply(child=child), EXPECTED, TODAY).reason()


def test_different_items_fail_with_what_differs() -> None:
    late = dict(ITEM, due="2026-11-20", status="overdue")
    s = score_caseload(MSG, _due_reply(items=[ITEM, late]), EXPECTED, TODAY)
    assert not s.ok and "1 unexpected" in s.reason()
    s = score_caseload(MSG, _due_reply(items=[]), EXPECTED, TODAY)
    assert not s.ok and "1 missing" in s.reason()


def test_items_compare_on_the_spec_fields_in_any_order() -> None:
    other = dict(ITEM, case_id="cs2", due="2026-11-24", rule="whatever", child_name="changed")
    want = [sorted([("cs1", "visit", "2026-11-25", "due"), ("cs2", "visit", "2026-11-24", "due")])]
    assert score_caseload(MSG, _due_reply(items=[ITEM, other]), want, TODAY).ok


def test_a_refusal_to_a_caseload_question_is_a_miss() -> None:
    replies = [{"text": "no"}, {"custom": {"type": "refusal", "reason": "not_a_manager"}}]
    s = score_caseload(MSG, replies, EXPECTED, TODAY)
    assert not s.ok and s.reason().startswith("reply type refusal/not_a_manager")


# --------------------------------------------------------------------------- the held-out file


@pytest.fixture(scope="module")
def heldout():
    return load_heldout()


@pytest.fixture(scope="module")
def demo_store(heldout, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from assistant.casestore import open_store

    url = demo_store_url(heldout.seed, heldout.today, tmp_path_factory.mktemp("demo"), heldout.children)
    with open_store(url) as store:
        yield store


def test_the_heldout_set_is_big_enough(heldout) -> None:
    assert heldout.total >= 300
    assert len(heldout.procedural) >= 190
    assert len(heldout.caseload) >= 130
    assert len(heldout.followups) >= 8


def test_every_topic_and_every_kind_is_covered(heldout) -> None:
    from assistant.knowledge.topics import default_topics

    assert {t.id for t in default_topics().topics} <= {p.topic for p in heldout.procedural}
    assert set(CASELOAD_KINDS) <= {c.expect.kind for c in heldout.caseload}
    assert {p.sender_authority for p in heldout.procedural} == {"medway", "camden", "kent", "practice_matters"}
    item_types = {c.expect.item_type for c in heldout.caseload}
    assert {"visit", "review", "meeting", "plan", "assessment", "supervision", "case_summary", None} <= item_types


def test_every_fact_and_citation_is_usable(heldout) -> None:
    from assistant.knowledge.ingest import load_index
    from assistant.rules import load_policies

    index = load_index()
    passages = getattr(index, "passages", index)
    known = {(p.document, " ".join(p.section.split()).lower()) for p in passages}
    for policy in load_policies().values():
        for rule in policy.rules:
            cites = [rule.citation, *(c.citation for c in rule.conflicts), *getattr(rule, "supporting", ())]
            known |= {(c.document, " ".join(c.section.split()).lower()) for c in cites}
        for silence in getattr(policy, "silent", ()) or ():
            known.add((silence.citation.document, " ".join(silence.citation.section.split()).lower()))
    for p in heldout.procedural:
        assert p.facts, p.q
        assert any((d, " ".join(s.split()).lower()) in known for d, s in p.cites), (p.q, p.cites)
        assert p.authority in ("medway", "camden", "kent", "practice_matters"), p.q


def test_senders_exist_and_match_their_council(heldout, demo_store) -> None:
    for p in heldout.procedural:
        worker = demo_store.worker(p.sender)
        assert worker is not None, p.sender
        assert worker.authority_id == p.sender_authority, (p.q, p.sender)
    for c in heldout.caseload + heldout.followups:
        assert demo_store.worker(c.sender) is not None, c.sender


def test_team_questions_come_from_at_least_two_managers(heldout, demo_store) -> None:
    team_senders = {c.sender for c in heldout.caseload if c.expect.kind in ("team_due", "team_overdue")}
    assert len(team_senders) >= 2
    for sender in team_senders:
        assert demo_store.scope_for(sender).is_manager, sender


def test_every_expected_child_is_in_the_senders_scope_and_named_uniquely(heldout, demo_store) -> None:
    firsts = 0
    for c in heldout.caseload + heldout.followups:
        if c.expect.child is None:
            assert c.expect.kind not in ("next", "child_summary"), c.q
            continue
        scope = demo_store.scope_for(c.sender)
        hits = demo_store.find_children(scope, c.expect.child)
        assert [m.child.child_id for m in hits] == [c.expect.child], (c.q, c.sender)
        child = hits[0].child
        text = " ".join([*c.turns, c.q]).lower()
        full = f"{child.first_name} {child.last_name}".lower()
        case_ids = [k.case_id for k in hits[0].cases]
        if full in text:
            named = full
        elif any(cid in text for cid in case_ids):
            named = next(cid for cid in case_ids if cid in text)
        else:
            assert child.first_name.lower() in text, (c.q, child)
            named = child.first_name
            firsts += 1
        assert [m.child.child_id for m in demo_store.find_children(scope, named)] == [c.expect.child], (c.q, named)
    assert firsts >= 3  # a few children named by first name only


def test_expected_items_can_be_computed_for_every_caseload_message(heldout, demo_store) -> None:
    nonempty = 0
    for c in heldout.caseload + heldout.followups:
        options = expected_items(demo_store, c.sender, c.expect, heldout.today)
        assert options and all(isinstance(o, list) for o in options)
        nonempty += bool(options[0])
        if c.expect.kind in ("overdue", "team_overdue"):
            assert all(key[3] == "overdue" for key in options[0]), c.q
        if c.expect.kind == "next":
            assert all(len(o) <= 1 for o in options), c.q
    assert nonempty >= 0.6 * (len(heldout.caseload) + len(heldout.followups))


def test_windows_are_the_spec_windows(heldout) -> None:
    from assistant.domain.timeframe import parse_window

    for c in heldout.caseload:
        if c.expect.kind in ("due", "team_due"):
            assert c.expect.window is not None, c.q
        else:
            assert c.expect.window is None, c.q
    # the hand-written windows agree with the shared parser for the phrases used
    w = parse_window("next week", heldout.today)
    assert (w.start.isoformat(), w.end.isoformat()) == ("2026-11-30", "2026-12-06")


# --------------------------------------------------------------------------- bench and cv helpers


def test_percentiles() -> None:
    assert percentile([1.0], 95) == 1.0
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_cv_reports_are_parsed(tmp_path: Path) -> None:
    import json

    (tmp_path / "intent_report.json").write_text(
        json.dumps({"accuracy": 0.9, "macro avg": {"f1-score": 0.85}, "weighted avg": {"f1-score": 0.88}})
    )
    (tmp_path / "DIETClassifier_report.json").write_text(
        json.dumps({"macro avg": {"f1-score": 0.7}, "weighted avg": {"f1-score": 0.75}, "micro avg": {"f1-score": 0.8}})
    )
    log = "INFO Intent evaluation results\nINFO test f1_score: 0.870 (0.010)\nINFO Entity extractor: DIETClassifier\nINFO test f1_score: 0.790 (0.020)\n"
    figs = parse_reports(tmp_path, log)
    assert figs.intent == {"macro_f1": 0.85, "weighted_f1": 0.88, "accuracy": 0.9}
    assert figs.entities["DIETClassifier"]["micro_f1"] == 0.8
    assert figs.folds["intent"]["test f1_score"] == (0.87, 0.01)
    assert figs.folds["entity DIETClassifier"]["test f1_score"] == (0.79, 0.02)
    assert "macro F1 0.850" in figs.render(5, tmp_path)

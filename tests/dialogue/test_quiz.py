"""The quiz: questions from the curated rules, real phrases as options, honest marking."""

from __future__ import annotations

import json
from typing import Dict, Optional

import pytest

from assistant.dialogue.quiz import answer_quiz, parse_choice, start_quiz, stop_quiz
from assistant.domain.durations import parse_duration
from assistant.domain.policy import Rule
from assistant.rules import load_policies

COUNCILS = ("medway", "camden", "kent", "practice_matters")
OPTIONS = ["6 weeks", "15 working days", "every two months", "3 months"]


@pytest.fixture(scope="module")
def rules() -> Dict[str, Rule]:
    """Every curated rule by id, from the file that wrote it."""
    out: Dict[str, Rule] = {}
    for code, policy in load_policies().items():
        for r in policy.rules:
            if r.authority == code:
                out[r.id] = r
    return out


def _days(phrase: str) -> float:
    d = parse_duration(phrase)
    return d.amount * {"working_days": 1.4, "days": 1, "weeks": 7, "months": 30.44}[d.unit]


@pytest.mark.parametrize("authority", COUNCILS + (None,))
def test_options_are_real_phrases_and_only_one_is_right(authority: Optional[str], rules: Dict[str, Rule]) -> None:
    phrases = {r.duration.phrase for r in rules.values()}
    for seed in range(15):
        state, _ = start_quiz(authority, seed)
        assert len(state["questions"]) == 5
        for q in state["questions"]:
            rule = rules[q["rule_id"]]
            options = q["options"]
            assert 3 <= len(options) <= 4
            assert options[q["correct"]] == rule.duration.phrase  # the rule's own words
            wrong = [o for i, o in enumerate(options) if i != q["correct"]]
            assert len({o.casefold() for o in options}) == len(options)
            for o in wrong:
                assert o in phrases, o  # another rule's phrase, never invented
                right, other = _days(rule.duration.phrase), _days(o)
                assert max(right, other) / min(right, other) > 1.25, (q["question"], o)
            assert q["citations"][0]["quote"] == rule.citation.quote


def test_a_question_names_its_council_and_does_not_give_the_answer_away() -> None:
    state, reply = start_quiz("medway", 3, length=12)
    for q in state["questions"]:
        assert q["question"].startswith(("In Medway,", "Under the England statutory baseline,"))
        assert q["options"][q["correct"]].casefold() not in q["question"].casefold()
    assert reply.text.startswith("Here's a quiz of 12 questions on Medway's CIN timescales.")


def test_the_visits_question_reads_as_a_worker_would_ask_it() -> None:
    for seed in range(30):
        state, _ = start_quiz("medway", seed, length=20)
        texts = [q["question"] for q in state["questions"]]
        if "In Medway, how often must a child on a CIN plan be visited?" in texts:
            return
    pytest.fail("Medway's general visiting rule never became a question")


def test_the_workers_own_council_comes_first() -> None:
    state, _ = start_quiz("medway", 11)
    assert {q["authority"] for q in state["questions"]} == {"medway"}
    kent, _ = start_quiz("kent", 11)  # Kent has three rules of its own: then its baseline, then others
    authorities = [q["authority"] for q in kent["questions"]]
    assert authorities[:3] == ["kent"] * 3 and authorities[3] == "england"


def test_with_no_council_the_quiz_takes_councils_in_turn() -> None:
    state, reply = start_quiz(None, 5)
    assert len({q["authority"] for q in state["questions"]}) >= 4
    assert reply.payload["authority"] is None


def test_the_same_seed_gives_the_same_quiz() -> None:
    assert start_quiz("camden", 42)[0] == start_quiz("camden", 42)[0]
    assert len({json.dumps(start_quiz("camden", s)[0]["questions"]) for s in range(6)}) > 1


def _play(state: dict, pick) -> dict:
    replies = []
    while state["status"] == "asking":
        q = state["questions"][state["current"]]
        state, reply = answer_quiz(json.loads(json.dumps(state)), pick(q))  # as if from a Rasa slot
        replies.append(reply)
    return {"state": state, "replies": replies}


def test_all_right_scores_five_out_of_five() -> None:
    state, _ = start_quiz("medway", 1)
    run = _play(state, lambda q: "abcd"[q["correct"]])
    last = run["replies"][-1]
    assert "You scored 5 out of 5" in last.text
    assert last.payload["status"] == "finished" and last.payload["score"] == 5
    assert last.payload["asked"] == 5 and last.payload["of"] == 5 and last.payload["question"] is None
    assert all(r.payload["result"]["correct"] for r in run["replies"])


def test_all_wrong_scores_nought_out_of_five() -> None:
    state, _ = start_quiz(None, 2)
    run = _play(state, lambda q: q["options"][(q["correct"] + 1) % len(q["options"])])  # by wording
    last = run["replies"][-1]
    assert "You scored 0 out of 5" in last.text
    assert last.payload["score"] == 0 and last.payload["status"] == "finished"
    assert not any(r.payload["result"]["correct"] for r in run["replies"])
    assert all(r.payload["result"]["explanation"].startswith("Not quite: the answer is") for r in run["replies"])


def test_the_payload_shape() -> None:
    state, first = start_quiz("camden", 8)
    p = first.payload
    assert p["type"] == "quiz" and p["status"] == "asking" and p["result"] is None
    assert (p["asked"], p["of"], p["score"]) == (1, 5, 0)
    assert p["question"] == state["questions"][0]["question"] and p["options"] == state["questions"][0]["options"]
    state, second = answer_quiz(state, "a")
    r = second.payload["result"]
    assert set(r) == {"correct", "explanation", "citations"}
    assert all(set(c) == {"document", "section", "quote"} for c in r["citations"])
    assert second.payload["asked"] == 2
    assert second.text.endswith(f"{state['questions'][1]['options'][-1]}.")
    json.dumps(second.payload)


@pytest.mark.parametrize(
    "said, index",
    [
        ("b", 1),
        ("B", 1),
        ("option b", 1),
        ("Option B.", 1),
        ("b)", 1),
        ("the second one", 1),
        ("second", 1),
        ("2", 1),
        ("option two", 1),
        ("15 working days", 1),
        ("fifteen working days", 1),
        ("I think it's 15 working days", 1),
        ("15 workin days", 1),
        ("every 2 months", 2),
        ("two months", 2),
        ("the last one", 3),
        ("d", 3),
        ("a", 0),
        ("six weeks", 0),
        ("first", 0),
    ],
)
def test_answers_are_understood_however_they_are_said(said: str, index: int) -> None:
    assert parse_choice(said, OPTIONS) == index


@pytest.mark.parametrize("said", ["", "banana", "e", "5", "0", "no idea", "7 days", "fourth one please and b"])
def test_what_is_not_an_option_is_not_guessed(said: str) -> None:
    assert parse_choice(said, OPTIONS) is None


def test_d_is_not_an_option_when_there_are_three() -> None:
    assert parse_choice("d", OPTIONS[:3]) is None
    assert parse_choice("c", OPTIONS[:3]) == 2


def test_the_second_one_marks_option_two() -> None:
    state, _ = start_quiz("practice_matters", 4)
    q = state["questions"][0]
    new, reply = answer_quiz(state, "the second one")
    assert reply.payload["result"]["correct"] is (q["correct"] == 1)
    assert new["answers"] == [{"choice": 1, "correct": q["correct"] == 1}]


def test_an_unrecognised_answer_asks_again_without_scoring() -> None:
    state, first = start_quiz("kent", 9)
    same, reply = answer_quiz(state, "purple monkey")
    assert same == state
    p = reply.payload
    assert (p["status"], p["asked"], p["answered"], p["score"], p["result"]) == ("asking", 1, 0, 0, None)
    assert p["question"] == first.payload["question"]
    assert "a letter" in reply.text and "the second one" in reply.text
    assert first.payload["question"] in reply.text


def _state_at(authority: str, rule_id: str) -> dict:
    for seed in range(50):
        state, _ = start_quiz(authority, seed, length=40)
        for i, q in enumerate(state["questions"]):
            if q["rule_id"] == rule_id:
                return dict(state, current=i)
    raise AssertionError(f"{rule_id} never asked")


def test_the_explanation_quotes_the_rule_and_where_it_is() -> None:
    state = _state_at("medway", "medway.visit")
    q = state["questions"][state["current"]]
    _, reply = answer_quiz(state, q["options"][q["correct"]])
    assert reply.payload["result"]["explanation"].startswith(
        "Correct. Medway's guidance, section 10.1, says: \"Visits should take place no less than every 15 working days"
    )
    assert reply.payload["result"]["citations"][0]["section"] == "10.1"


def test_a_conflicting_rule_is_marked_by_the_rule_used_and_the_conflict_explained() -> None:
    state = _state_at("medway", "medway.cin_review")
    q = state["questions"][state["current"]]
    assert q["options"][q["correct"]] == "twelve weeks"
    _, reply = answer_quiz(state, q["options"][q["correct"]])
    result = reply.payload["result"]
    assert "contradicts itself" in result["explanation"] and "13.2" in result["explanation"]
    assert [c["section"] for c in result["citations"]] == ["9.2", "13.2"]


def test_stop_gives_the_score_so_far() -> None:
    state, _ = start_quiz("medway", 6)
    q = state["questions"][0]
    state, _ = answer_quiz(state, "abcd"[q["correct"]])
    state, _ = answer_quiz(state, "abcd"[(state["questions"][1]["correct"] + 1) % 3])
    reply = stop_quiz(state)
    assert "You scored 1 out of 2" in reply.text
    p = reply.payload
    assert (p["status"], p["score"], p["answered"], p["question"], p["result"]) == ("stopped", 1, 2, None, None)


def test_stop_before_any_answer() -> None:
    state, _ = start_quiz("camden", 6)
    reply = stop_quiz(state)
    assert reply.payload["status"] == "stopped" and "before any answers" in reply.text


def test_answering_after_the_end_repeats_the_score() -> None:
    state, _ = start_quiz("camden", 2, length=1)
    state, reply = answer_quiz(state, "a")
    assert reply.payload["status"] == "finished"
    again, reply2 = answer_quiz(state, "b")
    assert again == state and reply2.payload["status"] == "finished"
    assert f"You scored {state['score']} out of 1" in reply2.text


def test_an_unknown_council_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown authority 'narnia'"):
        start_quiz("narnia", 1)


def test_a_state_that_is_not_a_quiz_is_refused() -> None:
    with pytest.raises(ValueError):
        answer_quiz({"foo": 1}, "a")

"""A message the NLU falls back on: answered from the guidance when it leans to procedure and a passage
answers, else the closest topics."""

from __future__ import annotations

from typing import Any, Dict, List

from assistant.dialogue.fallback import not_sure, procedure_guess


def _ranking(*names: str) -> List[Dict[str, Any]]:
    """A fallback ranking as Rasa gives it: nlu_fallback first, then the intents, best first."""
    scores = [0.29 - 0.05 * n for n in range(len(names))]
    return [{"name": "nlu_fallback", "confidence": 0.7}] + [
        {"name": nm, "confidence": c} for nm, c in zip(names, scores)
    ]


def test_a_procedure_leaning_guess_a_passage_answers_is_answered_with_citations() -> None:
    reply = not_sure(
        "cp to cin process in medway", _ranking("ask_step_down_from_cp", "ask_step_up"), ["medway"], home="kent"
    )
    assert reply.type == "answer" and reply.payload["best_guess"] is True
    assert reply.payload["authority"] == "medway" and not reply.payload["abstained"]
    assert reply.payload["citations"] and all(c["quote"] for c in reply.payload["citations"])
    assert all(c["quote"] in reply.text for c in reply.payload["citations"])  # quoted whole, as cited


def test_the_workers_own_council_answers_a_guess_that_names_none() -> None:
    reply = not_sure(
        "when does a cin case step down from child protection", _ranking("ask_step_down_from_cp"), [], home="camden"
    )
    assert (reply.type, reply.payload["authority"]) == ("answer", "camden")


def test_a_guess_no_passage_answers_gets_the_clarifying_reply_not_a_quote() -> None:
    reply = not_sure("whats the weather like", _ranking("ask_definition"), [], home="kent")
    assert (reply.type, reply.reason) == ("clarify", "not_understood")
    assert "citations" not in reply.payload


def test_a_caseload_guess_outweighing_procedure_is_never_answered_from_guidance() -> None:
    ranking = _ranking("child_summary", "ask_drift_oversight", "child_next_item")
    assert procedure_guess(ranking) is False
    assert not_sure("whats open for c99", ranking, [], home="kent").type == "clarify"


def test_no_ranking_at_all_gets_the_closest_topics() -> None:
    assert procedure_guess([]) is False and procedure_guess([{"name": "nlu_fallback", "confidence": 1.0}]) is False
    reply = not_sure("cp to cin process", [], [], home="kent")
    assert reply.type == "clarify" and reply.payload["suggestions"][0]["topic"] == "step_down_from_cp"


def test_procedure_topics_together_outweighing_a_single_caseload_guess_count_as_procedure() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.7},
        {"name": "ask_reviews", "confidence": 0.25},
        {"name": "due_items", "confidence": 0.2},
        {"name": "ask_visits", "confidence": 0.15},
    ]
    assert procedure_guess(ranking) is True
    # a caseload intent first is not a procedure guess, however the rest add up
    assert procedure_guess([ranking[0], ranking[2], ranking[1], ranking[3]]) is False


def test_a_guess_of_small_talk_and_out_of_scope_is_said_to_be_outside_the_work() -> None:
    reply = not_sure("how do you say 'good morning' in polish", _ranking("chitchat", "out_of_scope", "ask_child_voice"))
    assert reply.payload.get("type") == "refusal" and reply.payload.get("reason") == "out_of_scope"
    reply = not_sure("how do i say this to mum", _ranking("chitchat", "ask_child_voice", "out_of_scope"), home="kent")
    assert reply.payload.get("reason") != "out_of_scope"  # something of the work among its best guesses

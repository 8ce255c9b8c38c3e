"""A message the NLU falls back on: answered when both readings agree, else the closest topics."""

from __future__ import annotations

from typing import Any, Dict, List

from assistant.dialogue.fallback import agreed_topic, not_sure


def _ranking(*names: str) -> List[Dict[str, Any]]:
    """A fallback ranking as Rasa gives it: nlu_fallback first, then the intents, best first."""
    scores = [0.29 - 0.05 * n for n in range(len(names))]
    return [{"name": "nlu_fallback", "confidence": 0.7}] + [
        {"name": nm, "confidence": c} for nm, c in zip(names, scores)
    ]


def test_a_best_guess_the_guidance_index_agrees_with_is_answered_with_citations() -> None:
    text = "cp to cin process in medway"
    assert agreed_topic(text, _ranking("ask_step_down_from_cp", "ask_step_up")) == "step_down_from_cp"
    reply = not_sure(text, _ranking("ask_step_down_from_cp", "ask_step_up"), ["medway"], home="kent")
    assert reply.type == "answer" and reply.payload["best_guess"] is True
    assert reply.payload["topic"] == "step_down_from_cp" and reply.payload["authority"] == "medway"
    assert reply.text.startswith("I think you're asking about \"") and reply.payload["citations"]
    assert all(c["quote"] for c in reply.payload["citations"])


def test_the_workers_own_council_answers_a_best_guess_that_names_none() -> None:
    reply = not_sure("cp to cin process", _ranking("ask_step_down_from_cp"), [], home="kent")
    assert (reply.type, reply.payload["authority"]) == ("answer", "kent")


def test_readings_that_disagree_get_the_closest_topics_not_an_answer() -> None:
    text = "cp to cin process"
    assert agreed_topic(text, _ranking("ask_step_up", "ask_step_down_from_cp")) is None
    reply = not_sure(text, _ranking("ask_step_up", "ask_step_down_from_cp"), [], home="kent")
    assert (reply.type, reply.reason) == ("clarify", "not_understood")
    assert reply.payload["suggestions"][0]["topic"] == "step_down_from_cp"


def test_a_best_guess_that_is_not_a_procedure_topic_is_never_answered() -> None:
    assert agreed_topic("cp to cin process", _ranking("child_next_item", "ask_step_down_from_cp")) is None
    assert agreed_topic("whats the weather like", _ranking("ask_definition")) is None  # the index finds nothing
    assert agreed_topic("cp to cin process", []) is None  # the dialogue's fallback: no NLU ranking
    assert agreed_topic("cp to cin process", [{"name": "nlu_fallback", "confidence": 1.0}]) is None


def test_a_caseload_runner_up_means_the_message_may_be_about_a_child_so_it_is_not_guessed() -> None:
    # "whats open for c99": the NLU's best guess drift and oversight, its runner-up a child's summary.
    assert agreed_topic("whats open for c99", _ranking("ask_drift_oversight", "child_summary")) is None
    assert agreed_topic("cp to cin process", _ranking("ask_step_down_from_cp", "child_next_item")) is None
    assert not_sure("whats open for c99", _ranking("ask_drift_oversight", "child_summary")).type == "clarify"

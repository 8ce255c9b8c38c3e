"""The kind of a message (procedure, caseload, conversation, other) re-weighs the intent ranking."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.dialogue.intents import CASELOAD, CONVERSATION, OTHER, PROCEDURE, message_kind
from assistant.nlu.message_kinds import KindModel, reweigh, reweigh_within


def test_every_intent_has_one_kind() -> None:
    assert message_kind("ask_visits") == PROCEDURE and message_kind("ask_anything") == PROCEDURE
    assert message_kind("due_items") == CASELOAD and message_kind("record_visit") == CASELOAD
    assert message_kind("out_of_scope") == OTHER and message_kind("chitchat") == OTHER
    assert message_kind("greet") == CONVERSATION and message_kind(None) == CONVERSATION


def _ranking():
    # DIET's guess: a caseload request, though the procedure topics together are close behind
    return [
        {"name": "due_items", "confidence": 0.5},
        {"name": "ask_reviews", "confidence": 0.3},
        {"name": "ask_visits", "confidence": 0.1},
        {"name": "greet", "confidence": 0.1},
    ]


def test_a_message_the_embedding_calls_procedure_is_answered_as_procedure() -> None:
    ranking = reweigh(_ranking(), {PROCEDURE: 0.95, CASELOAD: 0.03, CONVERSATION: 0.02}, message_kind, 0.6)
    assert ranking[0]["name"] == "ask_reviews"
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6
    # the topics keep DIET's proportions: the prior for the passage ranking is unchanged in shape
    shares = {r["name"]: r["confidence"] for r in ranking}
    assert abs(shares["ask_reviews"] / shares["ask_visits"] - 3.0) < 1e-6


def test_when_both_opinions_agree_nothing_changes_order() -> None:
    ranking = reweigh(_ranking(), {CASELOAD: 0.9, PROCEDURE: 0.05, CONVERSATION: 0.05}, message_kind, 0.6)
    assert [r["name"] for r in ranking][:2] == ["due_items", "ask_reviews"]


def test_no_say_for_the_embedding_keeps_diets_ranking() -> None:
    ranking = reweigh(_ranking(), {PROCEDURE: 1.0}, message_kind, 0.0)
    before = {r["name"]: r["confidence"] for r in _ranking()}
    for r in ranking:
        assert abs(r["confidence"] - before[r["name"]]) < 0.01


def test_the_kind_model_learns_separable_kinds_and_survives_a_save(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    centres = {PROCEDURE: np.eye(8)[0], CASELOAD: np.eye(8)[1], OTHER: np.eye(8)[2]}
    vectors, labels = [], []
    for kind, centre in centres.items():
        for _ in range(30):
            vectors.append(centre + 0.1 * rng.standard_normal(8))
            labels.append(kind)
    model = KindModel.fit(np.array(vectors), labels)
    model.save(tmp_path)
    loaded = KindModel.load(tmp_path)
    probabilities = loaded.probabilities(np.array([centres[CASELOAD]]))[0]
    assert loaded.kinds[int(np.argmax(probabilities))] == CASELOAD
    assert abs(float(probabilities.sum()) - 1.0) < 1e-5


def test_two_kinds_are_spelled_out_as_two_columns() -> None:
    model = KindModel.fit(np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]]), [PROCEDURE] * 2 + [OTHER] * 2)
    probabilities = model.probabilities(np.array([[1.0, 0.0]]))[0]
    assert probabilities.shape == (2,) and model.kinds[int(np.argmax(probabilities))] == PROCEDURE


def _caseload_ranking():
    # DIET's guess: a due list, though the message asks for one child's next review
    return [
        {"name": "due_items", "confidence": 0.45},
        {"name": "child_next_item", "confidence": 0.25},
        {"name": "ask_reviews", "confidence": 0.2},
        {"name": "greet", "confidence": 0.1},
    ]


def test_the_embedding_picks_the_caseload_request_and_the_kind_keeps_its_share() -> None:
    requests = {"due_items": 0.05, "child_next_item": 0.9, "overdue_items": 0.05}
    ranking = reweigh_within(_caseload_ranking(), requests, 0.5)
    shares = {r["name"]: r["confidence"] for r in ranking}
    assert ranking[0]["name"] == "child_next_item"
    caseload = sum(v for k, v in shares.items() if k in requests)
    assert abs(caseload - 0.7) < 1e-6  # still a caseload request, as sure as DIET was
    assert shares["ask_reviews"] == 0.2 and shares["greet"] == 0.1  # other kinds untouched
    assert "overdue_items" in shares  # an intent DIET left out of its ranking can still be chosen


def test_with_no_say_for_the_embedding_the_caseload_ranking_is_diets() -> None:
    ranking = reweigh_within(_caseload_ranking(), {"due_items": 0.01, "child_next_item": 0.99}, 0.0)
    shares = {r["name"]: r["confidence"] for r in ranking}
    assert ranking[0]["name"] == "due_items"
    assert abs(shares["due_items"] - 0.45) < 0.01 and abs(shares["child_next_item"] - 0.25) < 0.01


def test_a_message_no_caseload_intent_was_guessed_for_is_left_alone() -> None:
    ranking = [{"name": "ask_reviews", "confidence": 0.8}, {"name": "greet", "confidence": 0.2}]
    assert reweigh_within(ranking, {"due_items": 0.9, "child_next_item": 0.1}, 0.5) == ranking

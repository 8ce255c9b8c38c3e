"""Saying "the guidance does not cover that" when it does not, and answering when it does.

The learned abstention (assistant/knowledge/answering/abstention.py) weighs the
quoted passages' features and how close the question is to questions written as
ones the guidance does not answer. Its figures on unseen questions are the
README's; these tests pin the behaviour a worker sees.
"""

from __future__ import annotations

import dataclasses

import pytest

from assistant.knowledge.answering.abstention import ABSTENTION_FEATURES, SIGNS, Abstention
from assistant.knowledge.answering.question import answer_question
from assistant.knowledge.answering.rank import ranker_settings


@pytest.mark.parametrize(
    ("council", "question"),
    [
        ("medway", "can the cin review minutes be translated into urdu for the grandparents"),
        ("kent", "do we pay for a taxi so dad can get to the cin meeting"),
        ("kent", "what is the parking policy for visiting staff at head office"),
    ],
)
def test_a_detail_the_guidance_never_gives_is_said_not_covered(council: str, question: str) -> None:
    a = answer_question(question, council, topic_prior={})
    assert a.abstained and "does not seem to cover that" in a.text
    assert "says:" not in a.text  # the closest sections are named, never quoted as if they answered


@pytest.mark.parametrize(
    ("council", "question", "fact"),
    [
        ("medway", "who is meant to write up the cin plan after the first meeting", "CIN Plan"),
        ("camden", "what does the chair of a cin review have to decide", "decide whether the plan"),
        ("kent", "who gets a copy of the plan once the meeting is done", "circulated to family members"),
    ],
)
def test_an_answerable_question_in_a_workers_words_is_answered(council: str, question: str, fact: str) -> None:
    a = answer_question(question, council, topic_prior={})
    assert not a.abstained and fact in a.text


def test_the_shipped_model_weighs_every_feature_the_way_it_should_lean() -> None:
    abstention = ranker_settings().abstention
    assert abstention is not None and set(abstention.weights) == set(ABSTENTION_FEATURES)
    for name, weight in abstention.weights.items():
        assert weight * SIGNS[name] >= 0, name
    assert abstention.weights["near_unanswered"] < 0 and abstention.weights["asked_top"] > 0


def test_without_a_learned_model_the_best_score_threshold_decides() -> None:
    settings = dataclasses.replace(ranker_settings(), abstention=None, abstain_below=1e9)
    a = answer_question("how often are cin reviews in medway", "medway", topic_prior={}, settings=settings)
    assert a.abstained
    assert Abstention.from_data(None) is None and Abstention.from_data({}) is None


def test_the_model_reads_back_as_written() -> None:
    abstention = ranker_settings().abstention
    assert abstention is not None
    again = Abstention.from_data(abstention.to_data())
    assert again is not None and again.answer_from == abstention.answer_from
    features = {name: 0.5 for name in ABSTENTION_FEATURES}
    assert again.probability(features) == pytest.approx(abstention.probability(features), abs=1e-3)

"""The caseload requests in workers' words the NLU learns from (assistant/dialogue/caseload_examples.py)."""

from __future__ import annotations

from typing import FrozenSet

from assistant.dialogue.caseload_examples import INTENT_OF_KIND, caseload_examples
from assistant.dialogue.intents import CASELOAD_INTENTS
from tests.dialogue.conftest import plain_words


def test_every_caseload_request_has_many_examples_in_workers_words() -> None:
    examples = caseload_examples()
    assert set(INTENT_OF_KIND.values()) == set(CASELOAD_INTENTS)
    assert {intent for _, intent in examples} == set(CASELOAD_INTENTS)
    assert all(sum(1 for _, i in examples if i == intent) >= 75 for intent in CASELOAD_INTENTS)


def test_no_example_is_a_sentence_of_an_evaluation_set(evaluation_sentences: FrozenSet[str]) -> None:
    texts = [plain_words(text) for text, _ in caseload_examples()]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & evaluation_sentences

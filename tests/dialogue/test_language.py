"""Welsh detection (assistant/dialogue/language.py): Welsh questions get the English-only reply,
and no English question the project knows of is ever mistaken for Welsh."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from assistant.dialogue.language import ENGLISH_ONLY_WELSH, english_only, is_welsh

ROOT = Path(__file__).resolve().parents[2]

# Written for this test (a worker's everyday questions, in Welsh).
WELSH = [
    "Pryd mae'r ymweliad nesaf i fod?",  # when is the next visit due?
    "Beth sy'n ddyledus yr wythnos hon?",  # what's due this week?
    "Pa mor aml ddylwn i ymweld â'r plentyn?",  # how often should I visit the child?
    "Oes gen i unrhyw ymweliadau hwyr?",  # have I any late visits?
    "Dw i eisiau cofnodi ymweliad",  # I want to record a visit
    "Pwy sy’n cadeirio’r cyfarfod adolygu?",  # who chairs the review meeting? (typographic apostrophes)
    "Allwch chi siarad Cymraeg?",  # can you speak Welsh?
    "Bore da, sut wyt ti?",  # good morning, how are you?
    "Diolch yn fawr",  # thank you very much
    "diolch",
    "Shwmae",
    "PRYD MAE'R ADOLYGIAD NESAF?",  # shouting still counts
]

# English questions that carry Welsh words (names, places, a stray word): still English.
ENGLISH_WITH_WELSH_WORDS = [
    "when is Dafydd ap Rhys's next visit",
    "the family moved from Pen y Bont ar Ogwr, which council is it now",
    "what's due for my yr 7 kid this week",
    "does the EU settlement scheme affect a cin plan",
    "can you answer in cymraeg",
    "helo",
    "Mae",  # a child's name answering "which one?"
    "Mae Lloyd",
    "hon i need the visit timescale",
]


def _nlu_examples() -> Iterator[str]:
    """Every English example in the NLU training data, entity annotations removed."""
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield re.sub(
                        r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}",
                        lambda m: m.group(1) or m.group(2) or "",
                        line[2:],
                    )


def _heldout_questions() -> Iterator[str]:
    heldout = yaml.safe_load((ROOT / "evaluation" / "sets" / "chat-heldout.yml").read_text(encoding="utf-8"))
    for section in ("procedural", "caseload"):
        for item in heldout.get(section, []):
            yield str(item["q"])
    for item in heldout.get("followups", []):
        yield from (str(turn) for turn in item["turns"])
    evaluation = yaml.safe_load((ROOT / "evaluation" / "sets" / "knowledge-questions.yml").read_text(encoding="utf-8"))
    for item in evaluation["questions"]:
        yield str(item["q"])


@pytest.mark.parametrize("text", WELSH)
def test_a_welsh_question_is_recognised(text: str) -> None:
    assert is_welsh(text)


@pytest.mark.parametrize("text", ENGLISH_WITH_WELSH_WORDS)
def test_an_english_question_with_welsh_names_or_places_is_not(text: str) -> None:
    assert not is_welsh(text)


def test_no_english_example_the_project_has_is_taken_for_welsh() -> None:
    english = [*_nlu_examples(), *_heldout_questions()]
    assert len(english) > 2000  # the training data (1,760) and both held-out sets (593)
    mistaken = [text for text in english if is_welsh(text)]
    assert mistaken == []


def test_the_reply_says_english_only_in_welsh_then_english() -> None:
    reply = english_only()
    assert reply.text.startswith(ENGLISH_ONLY_WELSH)
    assert "only answer in English" in reply.text and "?" in reply.text  # with an example question to ask
    assert (reply.type, reply.reason, reply.payload["language"]) == ("clarify", "not_english", "cy")

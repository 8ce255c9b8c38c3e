"""Numbers: spelled out for the language model, back to digits for the NLU where it was trained on digits."""

from __future__ import annotations

import pytest

from assistant.voice.language_model import words
from assistant.voice.recognizer import for_assistant


@pytest.mark.parametrize(
    "transcript, for_nlu",
    [
        ("section forty seven", "section 47"),
        (
            "what's the difference between section seventeen and section forty seven",
            "what's the difference between section 17 and section 47",
        ),
        ("is it fifteen working days between visits", "is it 15 working days between visits"),
        ("is the assessment forty five working days", "is the assessment 45 working days"),
        ("first review within four to six weeks", "first review within 4 to 6 weeks"),
        ("within twenty four to forty eight hours", "within 24 to 48 hours"),
        ("can a twelve year old attend", "can a 12 year old attend"),
        ("the children act nineteen eighty nine", "the children act 1989"),
        ("i saw her on the twenty first of november", "i saw her on the 21st of november"),
        ("what's due in the next ten days", "what's due in the next 10 days"),
        # Words that are not quantities stay words.
        ("one to one supervision how often", "one to one supervision how often"),
        ("when is the first home visit", "when is the first home visit"),
        ("go back one", "go back one"),
        ("the second review", "the second review"),
    ],
)
def test_for_assistant_writes_numbers_as_the_training_data_does(transcript: str, for_nlu: str) -> None:
    assert for_assistant(transcript) == for_nlu


@pytest.mark.parametrize(
    "typed, spoken",
    [
        ("s47 vs s17", "section forty seven vs section seventeen"),
        ("whats the S.47 threshold", "what's the section forty seven threshold"),
        ("is it 15 working days", "is it fifteen working days"),
        ("visited Tyler on 20/11", "visited tyler on the twentieth of november"),
        ("Working Together 2023", "working together twenty twenty three"),
        ("1:1 supervision", "one to one supervision"),
        ("[Amelia](child)'s next review", "amelia's next review"),
        ("child-in-need mtg", "child in need meeting"),
    ],
)
def test_the_language_model_spells_text_as_it_is_said(typed: str, spoken: str) -> None:
    from assistant.voice.language_model import strip_annotations

    assert " ".join(words(strip_annotations(typed))) == spoken


def test_spelling_and_reading_back_agree_on_the_training_datas_numbers() -> None:
    for typed in (
        "section 47",
        "45 working days",
        "next 14 days",
        "every 6 weeks",
        "a 12 year old",
        "children act 1989",
    ):
        assert for_assistant(" ".join(words(typed))) == typed

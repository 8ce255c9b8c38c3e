"""The NLU reads words, not punctuation: what is set aside and what stays part of a word."""

from __future__ import annotations

import pytest

from assistant.nlu.punctuation import is_punctuation, without_punctuation


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("What are you exactly?", "What are you exactly"),
        ("No, that's not what I meant. Start again.", "No that's not what I meant Start again"),
        ("who chairs the review?!", "who chairs the review"),
        ('the "review" (the second one)...', "the review the second one"),
        ("visit - today", "visit today"),
    ],
)
def test_marks_that_end_or_join_sentences_are_set_aside(written: str, read: str) -> None:
    assert without_punctuation(written) == read


@pytest.mark.parametrize(
    "word", ["s.47", "what's", "step-down", "3/4", "£50", "3.30pm", "CIN/CP", "the Walshes'", "14:00"]
)
def test_marks_inside_a_word_stay(word: str) -> None:
    assert without_punctuation(f"is it {word}?") == f"is it {word}"


@pytest.mark.parametrize("token", ["?", "...", "--", '"', ",", "—"])
def test_a_token_of_punctuation_alone_is_not_read(token: str) -> None:
    assert is_punctuation(token)


@pytest.mark.parametrize("token", ["'s", "n't", "s.47", "a", "£", "47", "um"])
def test_a_word_is_read(token: str) -> None:
    assert not is_punctuation(token)

"""The sentence embedding as the NLU hands it to the action server (assistant/knowledge/sentence_model.py)."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from assistant.knowledge.sentence_model import DIMENSIONS, embed, vector_from_text, vector_to_text


def test_an_embedding_survives_the_parse_data_exactly() -> None:
    vector = embed(["who chairs a child in need review"])[0]
    back = vector_from_text(vector_to_text(vector))
    assert back is not None and np.array_equal(back, vector)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "not base64 at all!",
        base64.b64encode(b"\x00" * 16).decode(),  # too short
        base64.b64encode(np.full(DIMENSIONS, np.nan, dtype="<f4").tobytes()).decode(),  # not numbers
        ["a", "list"],
        "A" * 100_000,
    ],
)
def test_anything_else_in_its_place_is_ignored(text: object) -> None:
    assert vector_from_text(text) is None

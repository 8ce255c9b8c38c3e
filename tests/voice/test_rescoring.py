"""Choosing among the recogniser's readings: the NLU's sense of each decides, the top reading when it is sure."""

from __future__ import annotations

import asyncio
from typing import Dict, List, Tuple

import pytest

from assistant.channels.voice import best_reading
from assistant.voice.rescoring import CONFIDENT, MARGIN, Reading, best_of, candidates, choose

NLU: Dict[str, Tuple[str, float]] = {
    "when is a mealy as next visit": ("ask_visits", 0.41),
    "when is amelia's next visit": ("child_next_item", 0.97),
    "when is amelia next visit": ("child_next_item", 0.88),
    "what is the threshold for section forty seven": ("ask_s17_vs_s47", 0.93),
    "what is the threshold for section forty seven in": ("ask_s17_vs_s47", 0.99),
    "mumble grumble": ("nlu_fallback", 0.9),
    "mumble rumble": ("nlu_fallback", 0.95),
    "who chairs the cin review": ("ask_chairing", 0.62),
    "who attends the cin review": ("ask_attendance", 0.74),
    "who cares the cin review": ("ask_attendance", 0.9),
}


def reading(text: str) -> Reading:
    return Reading(text, *NLU[text])


def test_a_reading_the_nlu_is_sure_of_stands_and_the_rest_are_not_parsed() -> None:
    parsed: List[str] = []

    def parse(text: str) -> Reading:
        parsed.append(text)
        return reading(text)

    texts = ["what is the threshold for section forty seven", "what is the threshold for section forty seven in"]
    assert NLU[texts[0]][1] >= CONFIDENT
    assert choose(texts, parse).text == texts[0]
    assert parsed == texts[:1]


def test_an_unsure_top_reading_gives_way_to_the_one_the_nlu_makes_most_sense_of() -> None:
    texts = ["when is a mealy as next visit", "when is amelia next visit", "when is amelia's next visit"]
    chosen = choose(texts, reading)
    assert (chosen.text, chosen.intent) == ("when is amelia's next visit", "child_next_item")


def test_a_reading_the_nlu_could_not_read_is_never_preferred() -> None:
    readings = [reading("when is a mealy as next visit"), reading("mumble rumble")]
    assert best_of(readings).text == "when is a mealy as next visit"
    # Nothing understood: the recogniser's own best goes on (the chat then asks the worker to rephrase).
    assert best_of([reading("mumble grumble"), reading("mumble rumble")]).text == "mumble grumble"


def test_an_understood_top_reading_gives_way_only_to_one_the_nlu_is_clearly_surer_of() -> None:
    top, close, clear = (
        reading("who chairs the cin review"),
        reading("who attends the cin review"),
        reading("who cares the cin review"),
    )
    assert close.confidence - top.confidence < MARGIN <= clear.confidence - top.confidence
    assert best_of([top, close]).text == top.text  # a little surer is not enough
    assert best_of([top, close, clear]).text == clear.text


def test_candidates_are_the_top_then_different_alternatives_in_order() -> None:
    assert candidates("a b", ["a b", "", "a c", "a d", "a c", "a e"], limit=2) == ["a b", "a c", "a d"]
    assert candidates("", []) == [""]


class _Agent:
    """The one call the voice channel makes of the Rasa agent: parse_message."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.parsed: List[str] = []

    async def parse_message(self, text: str) -> dict:
        self.parsed.append(text)
        if self.fail:
            raise RuntimeError("the model is reloading")
        name, confidence = NLU[text]
        return {"text": text, "intent": {"name": name, "confidence": confidence}}


def test_the_voice_channel_sends_the_reading_the_nlu_chose_with_its_parse() -> None:
    texts = ["when is a mealy as next visit", "when is amelia's next visit"]
    heard = asyncio.run(best_reading(texts, _Agent()))
    assert heard.text == "when is amelia's next visit"
    # The parse goes with it, so the turn does not parse the words again.
    assert heard.parse_data == {"text": heard.text, "intent": {"name": "child_next_item", "confidence": 0.97}}


def test_a_single_reading_is_parsed_once_and_its_parse_goes_with_it() -> None:
    agent = _Agent()
    heard = asyncio.run(best_reading(["when is amelia's next visit"], agent))
    assert agent.parsed == ["when is amelia's next visit"]
    assert heard.parse_data is not None and heard.parse_data["intent"]["name"] == "child_next_item"


@pytest.mark.parametrize("agent", [None, _Agent(fail=True)])
def test_without_the_nlu_the_recognisers_best_reading_goes_on(agent: object) -> None:
    texts = ["when is a mealy as next visit", "when is amelia's next visit"]
    heard = asyncio.run(best_reading(texts, agent))
    assert (heard.text, heard.parse_data) == (texts[0], None)  # Rasa parses it in the turn
    assert asyncio.run(best_reading([""], agent)).text == ""

"""Induction mode: ten short steps, each quoting the worker's council from the real documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.dialogue.induction import (
    MAX_QUOTE_CHARS,
    InductionError,
    induction_step,
    induction_steps,
    load_induction,
)
from assistant.knowledge.corpus import SourceTexts
from assistant.knowledge.passages import display_text, quoted_from

COUNCILS = ("medway", "camden", "kent", "practice_matters")
STAGES = (
    "referral",
    "allocation",
    "assessment",
    "plan_and_first_meeting",
    "visits",
    "reviews",
    "supervision",
    "step_up",
    "step_down",
    "closure",
)
ENGLAND_DOC = "003_d24a3e6a0e95c7d3.txt"


@pytest.fixture(scope="module")
def sources() -> SourceTexts:
    return SourceTexts.from_manifest()


def test_the_journey_is_the_ten_stages_in_order() -> None:
    steps = induction_steps()
    assert tuple(s.id for s in steps) == STAGES
    assert all(s.topics for s in steps)


def test_explanations_state_no_timescale_or_number() -> None:
    """Timescales only ever come from the cited rules; the walk-through's own words carry none."""
    for s in induction_steps():
        assert not re.search(r"\d", s.explanation), s.id
        assert not re.search(r"\b(weekly|monthly|yearly|fortnight\w*)\b", s.explanation, re.I), s.id


def test_an_unknown_topic_is_an_error_naming_the_step(tmp_path: Path) -> None:
    bad = tmp_path / "induction.yml"
    bad.write_text(
        "steps:\n"
        "  - {id: referral, title: Referral, explanation: A referral arrives., topics: [definition]}\n"
        "  - {id: assessment, title: Assessment, explanation: The assessment., topics: [assesment]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InductionError, match=r"step 'assessment'.*unknown topic 'assesment'"):
        load_induction(bad)


def test_a_timescale_in_an_explanation_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "induction.yml"
    bad.write_text(
        "steps:\n  - {id: visits, title: Visits, explanation: Visit every 15 working days., topics: [visits]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InductionError, match=r"step 'visits'.*'1'"):
        load_induction(bad)


@pytest.mark.parametrize("council", COUNCILS)
def test_every_step_quotes_the_document_it_cites(council: str, sources: SourceTexts) -> None:
    for number, stage in enumerate(STAGES, start=1):
        reply = induction_step(number, council)
        where = f"{council} step {number}"
        p = reply.payload
        assert (p["type"], p["step"], p["of"], p["stage"], p["authority"]) == ("induction", number, 10, stage, council)
        assert p["status"] in ("answered", "silent", "conflict"), where
        assert reply.text.startswith(f"Step {number} of 10: {p['title']}. "), where
        assert reply.text.endswith("Say next, back or stop."), where
        assert induction_steps()[number - 1].explanation in reply.text, where
        json.dumps(p)  # it travels as the REST channel's custom message
        if p["status"] != "silent":
            assert p["citations"], where
        for c in p["citations"]:
            assert set(c) == {"document", "section", "quote"}, where
            source = sources.text(c["document"])
            assert source and quoted_from(c["quote"], source), (
                f"{where}: quote not in {c['document']}: {c['quote'][:60]}"
            )
            # what is read aloud is the start of that quote, as the document words it
            opening = display_text(c["quote"])[:60]
            assert opening in reply.text, f"{where}: {opening!r} not spoken"
            assert opening in display_text(source), where


@pytest.mark.parametrize("council", COUNCILS)
def test_steps_are_short_enough_to_listen_to(council: str) -> None:
    for number in range(1, 11):
        text = induction_step(number, council).text
        assert len(text) < 1000, (council, number, len(text))
        for quoted in re.findall(r'says: "(.*?)(?:…)?"(?: |$)', text):
            assert len(quoted) <= MAX_QUOTE_CHARS + 5, (council, number)


def test_medway_visits_quote_its_own_rule() -> None:
    reply = induction_step(5, "medway")
    assert reply.payload["status"] == "answered"
    assert reply.payload["citations"][0]["section"] == "10.1"
    assert "Medway's guidance, section 10.1, says:" in reply.text
    assert "15 working days" in reply.text


def test_medway_reviews_tell_the_worker_the_guidance_contradicts_itself() -> None:
    reply = induction_step(6, "medway")
    assert reply.payload["status"] == "conflict"
    assert [c["section"] for c in reply.payload["citations"]] == ["9.2", "13.2"]
    assert "twelve weeks" in reply.text and "8 weeks" in reply.text
    assert "Check with your manager" in reply.text


def test_a_council_silent_on_a_step_says_so_and_borrows_nobody_elses_rule() -> None:
    reply = induction_step(5, "kent")  # Kent's document sets no visiting frequency
    assert reply.payload["status"] == "silent"
    assert reply.payload["citations"] == []
    assert "Kent's guidance in this assistant does not" in reply.text
    assert "15 working days" not in reply.text and "6 weeks" not in reply.text


def test_camden_visits_point_to_the_policy_that_holds_them() -> None:
    reply = induction_step(5, "camden")
    assert reply.payload["status"] == "silent"
    assert "Home visits policy" in reply.text
    assert reply.payload["citations"][0]["section"] == "2"


def test_the_statutory_baseline_is_labelled_as_such() -> None:
    reply = induction_step(3, "kent")
    assert "statutory baseline" in reply.text
    assert "general guidance, not a council procedure" in reply.text
    assert reply.payload["citations"][0]["document"] == ENGLAND_DOC


def test_a_silent_timescale_is_said_before_the_next_topic_is_quoted() -> None:
    reply = induction_step(4, "kent")  # no initial-meeting timescale; the plan's contents instead
    assert "does not say when the initial CIN meeting must be held" in reply.text
    assert reply.payload["status"] == "answered"


def test_with_no_council_the_general_guide_is_quoted_and_labelled() -> None:
    reply = induction_step(3, None)
    assert reply.payload["authority"] is None
    assert "The England general guide (general guidance, not a council procedure)" in reply.text
    assert "which council you work for" in reply.text


def test_back_from_the_first_step_stays_there_and_says_so() -> None:
    reply = induction_step(0, "medway")
    assert reply.payload["step"] == 1 and reply.payload["stage"] == "referral"
    assert reply.text.startswith("You're already at the first step. Step 1 of 10")
    assert induction_step(-3, "medway").payload["step"] == 1


@pytest.mark.parametrize("past", [11, 12, 99])
def test_next_after_the_last_step_finishes_and_suggests_the_quiz(past: int) -> None:
    reply = induction_step(past, "camden")
    p = reply.payload
    assert (p["type"], p["status"], p["step"], p["of"], p["citations"]) == ("induction", "finished", 10, 10, [])
    assert "quiz" in reply.text
    assert "referral" in reply.text and "closure" in reply.text


def test_the_last_step_is_still_a_step() -> None:
    reply = induction_step(10, "medway")
    assert reply.payload["stage"] == "closure" and reply.payload["status"] != "finished"

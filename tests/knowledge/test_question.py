"""Question-first answers: the passages are ranked for the question itself, the topic is only a prior."""

from __future__ import annotations

from assistant.knowledge.answering.question import answer_question


def test_a_timescale_question_leads_with_the_councils_curated_rule() -> None:
    a = answer_question("how often do I have to visit a child on a cin plan", "medway", topic_prior={"visits": 0.9})
    assert "15 working days" in a.text.split("\n")[0]
    assert any(c["authority"] == "medway" for c in a.citations)


def test_a_question_inside_a_topic_gets_its_own_answer_not_the_topics_timescale() -> None:
    a = answer_question("what does the chair of a cin review have to decide", "camden", topic_prior={"reviews": 0.9})
    assert "decide whether the plan is meeting the child's needs" in a.text
    assert not a.abstained


def test_no_quote_stops_at_a_colon_or_is_a_bare_heading() -> None:
    a = answer_question("what should a cin review do", "camden", topic_prior={"reviews": 0.9})
    for c in a.citations:
        assert not c["quote"].rstrip().endswith(":"), c["quote"]
        assert len(c["quote"].split()) > 4, c["quote"]


def test_a_question_the_guidance_does_not_answer_says_so() -> None:
    # More in test_abstention.py; the figures on unseen questions are the README's.
    for question in ("how do I claim back my mileage", "when is the christmas party"):
        a = answer_question(question, "medway", topic_prior={})
        assert a.abstained and "does not seem to cover that" in a.text


def test_a_timescale_the_council_does_not_set_is_said_plainly_with_what_others_set() -> None:
    a = answer_question("how often do we do case summaries", "medway", topic_prior={"case_summaries": 0.95})
    assert a.text.startswith("Medway's guidance in this assistant does not")
    assert "90 days" in a.text and "Camden" in a.text

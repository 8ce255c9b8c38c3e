"""Procedure answers in the chat: whose guidance answers, and the answer payload."""

from __future__ import annotations

from assistant.dialogue.procedure import answer_procedure, normalise_authorities, topic_for_intent, topic_prior
from assistant.knowledge.sentence_model import embed, vector_to_text
from assistant.nlu.understanding import Parsed, answer_question


def test_each_topic_intent_names_its_topic_and_other_intents_none() -> None:
    assert topic_for_intent("ask_visits") == "visits"
    assert topic_for_intent("ask_s17_vs_s47") == "s17_vs_s47"
    assert topic_for_intent("due_items") is None
    assert topic_for_intent("ask_made_up_topic") is None


def test_council_names_as_typed_become_codes() -> None:
    assert normalise_authorities(["Medway", "KCC", "medway", None, "camden"]) == ["medway", "kent", "camden"]
    assert normalise_authorities(["camdens", "Medway's", "practice_matters"]) == [
        "camden",
        "medway",
        "practice_matters",
    ]


def test_the_workers_own_council_answers_when_none_is_named() -> None:
    reply = answer_procedure("how often do i visit", [], home="medway", prior={"visits": 1.0})
    assert (reply.payload["type"], reply.payload["authority"], reply.payload["status"]) == (
        "answer",
        "medway",
        "answered",
    )
    assert "15 working days" in reply.text
    assert any(c["section"] == "10.1" for c in reply.payload["citations"])


def test_a_council_named_in_the_question_wins_over_the_workers_own() -> None:
    reply = answer_procedure(
        "how often do they visit in practice matters", ["practice matters"], home="medway", prior={"visits": 1.0}
    )
    assert reply.payload["authority"] == "practice_matters"
    assert "6 weeks" in reply.text


def test_a_council_in_the_text_counts_even_when_the_nlu_missed_the_entity() -> None:
    assert (
        answer_procedure("how often are reviews in camden", [], home="medway", prior={"reviews": 1.0}).payload[
            "authority"
        ]
        == "camden"
    )


def test_two_councils_or_an_unknown_sender_get_the_councils_side_by_side() -> None:
    both = answer_procedure(
        "medway v practice matters visits", ["medway", "practice_matters"], home=None, prior={"visits": 1.0}
    )
    assert both.payload["status"] == "compared" and both.payload["authority"] == "medway"
    nobody = answer_procedure("how often do i visit", [], home=None, prior={"visits": 1.0})
    assert (nobody.payload["status"], nobody.payload["authority"]) == ("compared", None)


def test_every_citation_carries_document_section_and_quote() -> None:
    reply = answer_procedure("how often are cin reviews", [], home="medway", prior={"reviews": 1.0})
    assert reply.payload["status"] == "conflict"  # 9.2 says 12 weeks, 13.2 says 8
    assert all(c["document"] and c["section"] and c["quote"] for c in reply.payload["citations"])


def test_the_command_line_door_answers_like_the_chat_for_the_same_parse() -> None:
    ranking = [{"name": "ask_visits", "confidence": 0.98}, {"name": "ask_reviews", "confidence": 0.02}]
    parsed = Parsed("ask_visits", 0.98, [{"entity": "authority", "value": "medway"}], ranking)
    assert answer_question(parsed, "how often do i visit in medway") == answer_procedure(
        "how often do i visit in medway", ["medway"], None, topic_prior(ranking)
    )


def test_a_message_that_is_not_a_procedure_question_offers_topics_instead() -> None:
    reply = answer_question(Parsed("due_items", 0.9), "whats due this week visits")
    assert (reply.payload["type"], reply.payload["reason"]) == ("clarify", "not_understood")
    assert "due_items" in reply.text


def test_the_topic_prior_is_each_topics_share_of_the_procedure_confidence() -> None:
    ranking = [
        {"name": "due_items", "confidence": 0.5},
        {"name": "ask_visits", "confidence": 0.3},
        {"name": "ask_reviews", "confidence": 0.1},
        {"name": "ask_not_a_topic", "confidence": 0.1},
    ]
    prior = topic_prior(ranking)
    assert set(prior) == {"visits", "reviews"}
    assert abs(prior["visits"] - 0.75) < 1e-9 and abs(prior["reviews"] - 0.25) < 1e-9
    assert topic_prior([{"name": "due_items", "confidence": 1.0}]) == {}


def test_a_question_inside_a_topic_gets_the_questions_answer_not_the_topics_timescale() -> None:
    # who records the review, asked under the reviews topic: the recording passage, not the review frequency
    reply = answer_procedure(
        "who signs off the records of cin review meetings", [], home="medway", prior={"reviews": 0.7, "recording": 0.3}
    )
    assert "Practice Manager will sign off the records" in reply.text
    assert "twelve weeks" not in reply.text.split("\n")[0]


def test_a_timescale_question_gets_the_curated_rule_first() -> None:
    reply = answer_procedure("how often should cin reviews happen", [], home="kent", prior={"reviews": 0.9})
    first = reply.text.split("\n")[0]
    assert "3 months" in first or "three months" in first
    assert reply.payload["citations"][0]["authority"] == "kent"


def test_a_question_the_guidance_does_not_answer_is_said_plainly_with_the_closest_sections() -> None:
    reply = answer_procedure("what is the parking policy for visiting staff at head office", [], home="kent")
    assert reply.payload["abstained"] is True and reply.payload["status"] == "silent"
    assert "does not seem to cover" in reply.text and "closest parts are" in reply.text
    assert not any(c["quote"][:40] in reply.text for c in reply.payload["citations"])  # named, never quoted


def test_a_question_the_nlu_took_for_something_else_is_still_ranked_against_the_passages() -> None:
    # Asked as a procedure question (cin-assistant ask, the ask door): the quiz intent's misreading is not the end.
    reply = answer_question(Parsed("start_quiz", 0.9), "what decisions must a cin review make", home="medway")
    assert reply.payload["type"] == "answer" and reply.payload.get("best_guess") is True
    assert reply.payload["citations"]


def test_the_nlus_embedding_handed_on_gives_the_same_answer_as_embedding_afresh() -> None:
    question = "what should be written down after a cin meeting and by when"
    handed = vector_to_text(embed([question])[0])
    afresh = answer_procedure(question, [], home="kent", prior={"recording": 0.7, "meetings": 0.3})
    for carried in (handed, "garbled", None):
        reply = answer_procedure(
            question, [], home="kent", prior={"recording": 0.7, "meetings": 0.3}, sentence_vector=carried
        )
        assert (reply.text, reply.payload) == (afresh.text, afresh.payload)


def test_a_different_embedding_is_used_rather_than_ignored() -> None:
    question = "who chairs the review"
    other = vector_to_text(embed(["how often must a child in need be visited at home"])[0])
    plain = answer_procedure(question, [], home="medway", prior={})
    steered = answer_procedure(question, [], home="medway", prior={}, sentence_vector=other)
    assert plain.payload.get("citations") != steered.payload.get("citations")

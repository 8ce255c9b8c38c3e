"""Procedure answers in the chat: whose guidance answers, and the answer payload."""

from __future__ import annotations

from assistant.dialogue.procedure import answer_procedure, normalise_authorities, topic_for_intent
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
    reply = answer_procedure("visits", "how often do i visit", [], home="medway")
    assert (reply.payload["type"], reply.payload["authority"], reply.payload["status"]) == (
        "answer",
        "medway",
        "answered",
    )
    assert "15 working days" in reply.text
    assert any(c["section"] == "10.1" for c in reply.payload["citations"])


def test_a_council_named_in_the_question_wins_over_the_workers_own() -> None:
    reply = answer_procedure(
        "visits", "how often do they visit in practice matters", ["practice matters"], home="medway"
    )
    assert reply.payload["authority"] == "practice_matters"
    assert "6 weeks" in reply.text


def test_a_council_in_the_text_counts_even_when_the_nlu_missed_the_entity() -> None:
    assert (
        answer_procedure("reviews", "how often are reviews in camden", [], home="medway").payload["authority"]
        == "camden"
    )


def test_two_councils_or_an_unknown_sender_get_the_councils_side_by_side() -> None:
    both = answer_procedure("visits", "medway v practice matters visits", ["medway", "practice_matters"], home=None)
    assert both.payload["status"] == "compared" and both.payload["authority"] == "medway"
    nobody = answer_procedure("visits", "how often do i visit", [], home=None)
    assert (nobody.payload["status"], nobody.payload["authority"]) == ("compared", None)


def test_every_citation_carries_document_section_and_quote() -> None:
    reply = answer_procedure("reviews", "how often are cin reviews", [], home="medway")
    assert reply.payload["status"] == "conflict"  # 9.2 says 12 weeks, 13.2 says 8
    assert all(c["document"] and c["section"] and c["quote"] for c in reply.payload["citations"])


def test_the_command_line_door_answers_like_the_chat_for_the_same_parse() -> None:
    parsed = Parsed("ask_visits", 0.98, [{"entity": "authority", "value": "medway"}])
    assert answer_question(parsed, "how often do i visit in medway") == answer_procedure(
        "visits", "how often do i visit in medway", ["medway"], None
    )


def test_a_message_that_is_not_a_procedure_question_offers_topics_instead() -> None:
    reply = answer_question(Parsed("due_items", 0.9), "whats due this week visits")
    assert (reply.payload["type"], reply.payload["reason"]) == ("clarify", "not_understood")
    assert "due_items" in reply.text

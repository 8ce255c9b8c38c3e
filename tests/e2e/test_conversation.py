"""Conversations through the real servers: procedure, caseload, follow-ups, the visit form,
induction, quiz. The store is tests/fixtures/csv-chat (synthetic), today 2026-11-23."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from typing import Any, Dict, List

import pytest

from assistant.casestore import open_store
from assistant.config import ASK_PATH
from assistant.runtime.launcher import DEFAULT_MODEL, RunningAssistant
from assistant.services.caseload import due_for_team, due_for_worker, window_for
from tests.e2e.conftest import ACTION_SECRET, TODAY, payload, texts

pytestmark = pytest.mark.e2e

DAY = dt.date.fromisoformat(TODAY)


def _items(reply: Dict[str, Any]) -> List[tuple]:
    return [(i["case_id"], i["item"], i["due"], i["status"]) for i in reply["items"]]


# --- procedure --------------------------------------------------------------------------------


def test_a_medway_worker_gets_medways_visiting_rule_quoted_and_cited(assistant: RunningAssistant) -> None:
    replies = assistant.send("w1", "how often do i have to visit a child on a cin plan")
    reply = payload(replies)
    assert (reply["type"], reply["topic"], reply["authority"]) == ("answer", "visits", "medway")
    assert "15 working days" in texts(replies)
    assert any(c["section"] == "10.1" and "15 working days" in c["quote"] for c in reply["citations"])


@pytest.mark.parametrize(
    "ways",
    [
        ("who chairs a cin review", "Who chairs a CIN review?", "who chairs a cin review..."),
        ("whats due for me this week", "What's due for me, this week?"),
        ("what are you exactly", "What are you, exactly?"),
        ("sorry i was talking to someone else", "Sorry - I was talking to someone else."),
    ],
)
def test_a_question_is_answered_the_same_with_or_without_its_punctuation(
    assistant: RunningAssistant, ways: tuple
) -> None:
    replies = [assistant.send("w1", way) for way in ways]
    kinds = {(payload(r).get("type"), payload(r).get("topic"), payload(r).get("kind")) for r in replies}
    assert len(kinds) == 1, kinds
    assert len({texts(r) for r in replies}) == 1


def test_a_camden_worker_is_told_plainly_the_guidance_is_silent_on_visits(assistant: RunningAssistant) -> None:
    reply = payload(assistant.send("w3", "how often should i be visiting my cin kids"))
    assert (reply["topic"], reply["authority"], reply["status"]) == ("visits", "camden", "silent")


def test_a_council_named_in_the_question_wins_over_the_workers_own(assistant: RunningAssistant) -> None:
    reply = payload(assistant.send("w1", "how often are cin reviews held in camden"))
    assert (reply["topic"], reply["authority"]) == ("reviews", "camden")


def test_what_about_another_council_follows_up_on_the_same_topic(assistant: RunningAssistant) -> None:
    assistant.send("w2", "who chairs a cin review")
    reply = payload(assistant.send("w2", "what about in camden"))
    assert (reply["type"], reply["topic"], reply["authority"]) == ("answer", "chairing", "camden")


def test_the_command_line_and_the_chat_give_the_same_answer(assistant: RunningAssistant) -> None:
    question = "whats the timescale for the first cin meeting after the assessment"
    chat = payload(assistant.send("w1", question))
    # the command line with the model loaded in its own process (as when the assistant is not running)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "ask",
            "--json",
            "--authority",
            "medway",
            "--model",
            str(DEFAULT_MODEL),
            question,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    command = json.loads(out.stdout)
    assert (command["topic"], command["authority"], command["citations"]) == (
        chat["topic"],
        chat["authority"],
        chat["citations"],
    )


def _ask_running(assistant: RunningAssistant, *args: str) -> subprocess.CompletedProcess:
    """`cin-assistant ask` against the running server's ask route, holding the deployment's service secret."""
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "--server", f"{assistant.url}{ASK_PATH}", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CIN_ACTION_SECRET": ACTION_SECRET},
    )


def test_ask_asks_the_running_assistant_and_answers_as_the_chat_does(assistant: RunningAssistant) -> None:
    question = "who chairs a cin review"
    chat = payload(assistant.send("w1", question))  # w1 works for Medway
    out = _ask_running(assistant, "--json", "--authority", "medway", question)
    command = json.loads(out.stdout)
    assert "loading the model" not in out.stderr  # answered by the running server, not a model loaded here
    assert (command["authority"], command["citations"]) == (chat["authority"], chat["citations"])


def test_ask_answers_a_file_of_questions_in_one_go(assistant: RunningAssistant, tmp_path) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text("# a trainer's list\nwho chairs a cin review\n\nhow often should i visit\n", encoding="utf-8")
    out = _ask_running(assistant, "--file", str(questions), "--json", "--authority", "kent")
    answers = json.loads(out.stdout)
    assert [a["question"] for a in answers] == ["who chairs a cin review", "how often should i visit"]
    assert all(a["authority"] == "kent" and a["text"] for a in answers)
    plain = _ask_running(assistant, "--file", str(questions), "--authority", "kent").stdout
    assert plain.count("Q: ") == 2 and answers[1]["text"] in plain


# --- caseload ---------------------------------------------------------------------------------


def test_whats_due_this_week_matches_the_due_command(assistant: RunningAssistant, chat_store_url: str) -> None:
    reply = payload(assistant.send("w1", "what's due this week"))
    assert reply["type"] == "due_items"
    assert reply["query"]["kind"] == "due"
    assert reply["query"]["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    with open_store(chat_store_url) as store:
        expected = due_for_worker(store, "w1", DAY, window_for("this week", DAY)).to_json(worker_id="w1")
    assert _items(reply) == [(i["case_id"], i["item"], i["due"], i["status"]) for i in expected["items"]]
    assert ("c1", "visit", "2026-11-26", "due") in _items(reply)


def test_a_childs_next_review_then_a_follow_up_about_her_visit(assistant: RunningAssistant) -> None:
    first = payload(assistant.send("w1", "when is amelia kestrel's next review"))
    assert (first["query"]["kind"], first["query"]["item_type"], first["query"]["child"]["case_id"]) == (
        "next",
        "review",
        "c1",
    )
    assert _items(first) == [("c1", "cin_review", "2026-12-31", "due")]  # 12 weeks after the meeting on 8 October
    second = payload(assistant.send("w1", "and her next visit?"))
    assert (second["query"]["kind"], second["query"]["item_type"], second["query"]["child"]["case_id"]) == (
        "next",
        "visit",
        "c1",
    )
    assert _items(second) == [("c1", "visit", "2026-11-26", "due")]  # 15 working days after 5 November


def test_two_children_called_amelia_get_a_clarifying_question(assistant: RunningAssistant) -> None:
    replies = assistant.send("w1", "when's amelia's next visit")
    reply = payload(replies)
    assert (reply["type"], reply["reason"]) == ("clarify", "ambiguous_child")
    assert sorted(o["case_id"] for o in reply["options"]) == ["c1", "c3"]
    answer = payload(assistant.send("w1", "amelia kestrel"))
    assert answer["type"] == "due_items" and answer["query"]["child"]["case_id"] == "c1"


def test_someone_elses_child_gets_the_same_reply_as_a_child_who_does_not_exist(assistant: RunningAssistant) -> None:
    other = assistant.send("w2", "when is amelia kestrel's next visit")
    nobody = assistant.send("w2", "when is amelia quixworth's next visit")
    assert payload(other) == payload(nobody) and payload(other)["reason"] == "child_not_found"
    # the reply echoes only the words typed: with them taken out, the two are identical
    assert re.sub(r'"[^"]*"', '""', texts(other)) == re.sub(r'"[^"]*"', '""', texts(nobody))


def test_a_manager_sees_the_teams_overdue_visits_and_a_worker_is_refused(
    assistant: RunningAssistant, chat_store_url: str
) -> None:
    reply = payload(assistant.send("m1", "whats overdue in my team"))
    assert (reply["type"], reply["query"]["kind"]) == ("due_items", "team_overdue")
    with open_store(chat_store_url) as store:
        expected = due_for_team(store, "m1", DAY, window_for(None, DAY), overdue_only=True).to_json(worker_id="m1")
    assert _items(reply) == [(i["case_id"], i["item"], i["due"], i["status"]) for i in expected["items"]]
    assert ("c2", "visit", "2026-10-22", "overdue") in _items(reply)
    refused = payload(assistant.send("w1", "whats overdue in my team"))
    assert (refused["type"], refused["reason"]) == ("refusal", "not_a_manager")


# --- recording a visit ------------------------------------------------------------------------


def test_recording_a_visit_asks_confirms_saves_and_gives_the_next_due_date(assistant: RunningAssistant) -> None:
    first = payload(assistant.send("w2", "i visited zainab today"))
    assert (first["type"], first["status"], first["slot"]) == ("form", "asking", "child_seen")
    assert payload(assistant.send("w2", "yes"))["slot"] == "seen_alone"
    confirm = payload(assistant.send("w2", "yes"))
    assert confirm["status"] == "confirm" and confirm["visit"]["case_id"] == "c2"
    saved = payload(assistant.send("w2", "yes"))
    assert saved["status"] == "saved"
    assert [(i["item"], i["due"]) for i in saved["items"]] == [("visit", "2026-12-14")]  # 15 working days on
    overdue = payload(assistant.send("w2", "have i missed any visits"))
    assert ("c2", "visit") not in [(i["case_id"], i["item"]) for i in overdue["items"]]


def test_a_visit_in_the_future_is_refused_and_stop_cancels(assistant: RunningAssistant) -> None:
    assistant.send("w3", "log a visit for freya")
    refused = payload(assistant.send("w3", "30 november"))
    assert (refused["type"], refused["reason"]) == ("refusal", "future_date")
    cancelled = payload(assistant.send("w3", "stop"))
    assert (cancelled["type"], cancelled["status"]) == ("form", "cancelled")


# --- induction and quiz -----------------------------------------------------------------------


def test_the_walk_through_goes_forward_and_back_with_the_councils_rules(assistant: RunningAssistant) -> None:
    first = payload(assistant.send("w1", "walk me through the cin process"))
    assert (first["type"], first["step"], first["authority"]) == ("induction", 1, "medway")
    assert payload(assistant.send("w1", "next"))["step"] == 2
    assert payload(assistant.send("w1", "go back"))["step"] == 1
    assert payload(assistant.send("w1", "stop"))["status"] == "stopped"


def test_the_quiz_asks_scores_and_stops(assistant: RunningAssistant) -> None:
    question = payload(assistant.send("w1", "quiz me on cin timescales"))
    assert question["type"] == "quiz" and len(question["options"]) >= 3
    result = payload(assistant.send("w1", "a"))
    assert result["type"] == "quiz" and result["result"] is not None and result["asked"] == 2
    stopped = payload(assistant.send("w1", "stop"))
    assert (stopped["type"], stopped["status"]) == ("quiz", "stopped")


# --- forms that pre-fill and let go (w5 holds Noah Ferris, c6) ---------------------------------


def test_a_visit_message_that_says_it_all_goes_straight_to_the_read_back(assistant: RunningAssistant) -> None:
    assistant.restart("w5")
    confirm = payload(assistant.send("w5", "I visited Noah yesterday and saw him on his own"))
    assert (confirm["type"], confirm["status"]) == ("form", "confirm")
    visit = confirm["visit"]
    assert (visit["case_id"], visit["date"], visit["child_seen"], visit["seen_alone"]) == (
        "c6",
        "2026-11-22",
        True,
        True,
    )
    assert payload(assistant.send("w5", "no"))["status"] == "cancelled"


def test_only_what_the_message_left_out_is_asked(assistant: RunningAssistant) -> None:
    assistant.restart("w5")
    asking = payload(assistant.send("w5", "visited noah on friday"))
    assert (asking["type"], asking["slot"]) == ("form", "child_seen")
    assert asking["visit"]["case_id"] == "c6" and asking["visit"]["date"] == "2026-11-20"
    assert payload(assistant.send("w5", "stop"))["status"] == "cancelled"


def test_a_question_inside_the_visit_form_is_answered_and_the_form_let_go(
    assistant: RunningAssistant, chat_store_url: str
) -> None:
    assistant.restart("w5")
    before = open_store(chat_store_url).counts()["events"]
    assert payload(assistant.send("w5", "log a visit for noah"))["slot"] == "visit_date"
    replies = assistant.send("w5", "what's overdue on my caseload")
    assert payload(replies)["type"] == "due_items"
    assert "stopped recording the visit" in texts(replies)
    after = payload(assistant.send("w5", "how often should i visit a child in need"))  # no form question now
    assert after["type"] == "answer"
    assert open_store(chat_store_url).counts()["events"] == before


def test_start_again_inside_a_form_clears_the_conversation(assistant: RunningAssistant) -> None:
    assistant.restart("w5")
    assert payload(assistant.send("w5", "record a visit for noah"))["type"] == "form"
    restarted = payload(assistant.send("w5", "start again"))
    assert (restarted["type"], restarted["status"]) == ("smalltalk", "restarted")
    follow_up = payload(assistant.send("w5", "and her next visit?"))  # nothing carried over to follow up on
    assert follow_up["type"] != "form"


def test_a_caseload_question_inside_the_quiz_is_answered_and_the_quiz_let_go(assistant: RunningAssistant) -> None:
    assistant.restart("w1")
    assert payload(assistant.send("w1", "quiz me"))["type"] == "quiz"
    replies = assistant.send("w1", "what's due for me this week")
    assert payload(replies)["type"] == "due_items" and "stopped the quiz" in texts(replies)
    assert payload(assistant.send("w1", "what's overdue"))["type"] == "due_items"


def test_a_request_to_decline_in_words_no_pattern_knows_is_declined_from_its_meaning(
    assistant: RunningAssistant,
) -> None:
    # No limit pattern reads "do my notes" as writing text for the worker; the NLU's learned guess does.
    reply = payload(assistant.send("w2", "can you do my supervision notes for thursday"))
    assert (reply["type"], reply["reason"]) == ("refusal", "compose_text")

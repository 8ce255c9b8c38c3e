"""Recording a visit from the chat: "I saw Amelia yesterday on her own", checked, read back, then saved.

ActionPrepareVisit opens the form with what the first message already says;
ValidateVisitForm checks each answer (a child the worker may see, on an open
case, on a real day that has happened) and lets go of the form for a message
that is not an answer; the four ask actions put the form's questions, after
the reason an answer was refused; ActionAskVisitConfirmed reads the visit back;
ActionSubmitVisit writes it only on a yes and says when the next visit is due;
ActionCancelVisit stops with nothing saved.

Today is Monday 23 November 2026; w1's open case is Amelia Kestrel's (c1,
referred 1 September, last seen 5 November); Casey Wren's (c4) is closed;
Bobby Lark (c2) is a colleague's.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

import pytest

from actions.visit import (
    FORM_SLOTS,
    ActionAskChildSeen,
    ActionAskSeenAlone,
    ActionAskVisitChild,
    ActionAskVisitConfirmed,
    ActionAskVisitDate,
    ActionCancelVisit,
    ActionPrepareVisit,
    ActionSubmitVisit,
    ValidateVisitForm,
)
from assistant.casestore import Store
from tests.actions.chat import Turn, domain, run, tracker

AMELIA = {"visit_child": "Amelia K", "visit_case_id": "c1"}
READY = {**AMELIA, "visit_date": "2026-11-22", "child_seen": True, "seen_alone": True}
CLEARED = dict.fromkeys(FORM_SLOTS)


def _validate(
    text: str,
    candidates: Dict[str, Any],
    asked: Optional[str],
    slots: Optional[Dict[str, Any]] = None,
    intent: str = "inform",
    entities: Sequence[Tuple[str, str]] = (),
) -> Turn:
    """The form's validation of one message, as Rasa's form calls it (``asked``: the question it put)."""
    on = tracker(
        text,
        intent,
        entities=entities,
        slots={**(slots or {}), "requested_slot": asked},
        form="visit_form",
        candidates=candidates,
    )
    return run(ValidateVisitForm(), on, domain())


# --- ActionPrepareVisit --------------------------------------------------------------------


def test_the_first_message_fills_in_the_child_the_day_and_seen_alone(served: Store) -> None:
    turn = run(
        ActionPrepareVisit(),
        tracker("I saw Amelia yesterday on her own", "record_visit", entities=[("child", "Amelia")]),
    )
    assert turn.messages == []  # the form asks what is left (here only the confirmation)
    assert turn.after({"visit_confirmed": True, "visit_problem": {"text": "old"}}) == {
        **CLEARED,
        "visit_child": "c1",  # her case, settled from the name the NLU caught
        "visit_date": "2026-11-22",
        "child_seen": True,
        "seen_alone": True,
    }


def test_a_child_not_seen_is_recorded_as_not_seen_alone_either(served: Store) -> None:
    turn = run(ActionPrepareVisit(), tracker("visited Amelia Kestrel on friday, nobody was home", "record_visit"))
    slots = turn.slots
    assert (slots["visit_date"], slots["child_seen"], slots["seen_alone"]) == ("2026-11-20", False, False)
    assert slots["visit_child"] == "c1"  # her case, found on w1's caseload without the NLU's entity


def test_a_question_about_visits_due_is_answered_not_recorded(served: Store) -> None:
    before = served.counts()
    turn = run(
        ActionPrepareVisit(),
        tracker("what visits do I need to do by Friday", "record_visit", entities=[("timeframe", "by friday")]),
    )
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["item_type"] == "visit"
    assert turn.text.startswith("You have 1 visit due by Friday 27 November")
    assert turn.followup == "action_listen" and not set(turn.slots) & set(FORM_SLOTS)
    assert served.counts() == before


def test_a_question_about_a_childs_next_visit_is_answered_not_recorded(served: Store) -> None:
    before = served.counts()
    turn = run(ActionPrepareVisit(), tracker("amelia nxt visit?", "record_visit", entities=[("child", "amelia")]))
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["kind"] == "next"
    assert turn.payload["query"]["child"]["case_id"] == "c1" and turn.payload["query"]["item_type"] == "visit"
    assert turn.followup == "action_listen" and not set(turn.slots) & set(FORM_SLOTS)
    assert served.counts() == before


def test_a_request_to_delete_a_visit_is_declined_and_never_opens_the_form(served: Store) -> None:
    before = served.counts()
    turn = run(ActionPrepareVisit(), tracker("please delete the visit I put in yesterday for Amelia", "record_visit"))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "change_records")
    assert turn.slots == CLEARED and turn.followup == "action_listen"
    assert served.counts() == before


def test_with_the_records_out_of_reach_the_day_is_still_read(records_down: None) -> None:
    turn = run(ActionPrepareVisit(), tracker("saw Amelia today", "record_visit", entities=[("child", "Amelia")]))
    assert turn.messages == []
    assert turn.slots["visit_date"] == "2026-11-23" and turn.slots["child_seen"] is True
    assert turn.slots["visit_child"] is None  # no child from a store it cannot read


# --- ValidateVisitForm ---------------------------------------------------------------------


def test_the_pre_filled_child_and_day_are_checked_on_the_forms_first_turn(served: Store) -> None:
    turn = _validate(
        "I saw Amelia yesterday on her own",
        {"visit_child": "Amelia", "visit_date": "2026-11-22", "child_seen": True, "seen_alone": True},
        asked=None,
        intent="record_visit",
    )
    assert turn.messages == []
    assert turn.slots["visit_child"] == "Amelia K" and turn.slots["visit_case_id"] == "c1"
    assert turn.slots["visit_date"] == "2026-11-22" and "visit_problem" not in turn.slots


@pytest.mark.parametrize(
    "said, reason",
    [
        ("Bobby", "child_not_found"),  # a colleague's child: the same reply as a child that does not exist
        ("Zebedee", "child_not_found"),
        ("c4", "case_closed"),
    ],
)
def test_a_child_the_visit_cannot_be_recorded_for_is_refused_and_asked_again(
    served: Store, said: str, reason: str
) -> None:
    turn = _validate(said, {"visit_child": said}, asked="visit_child")
    assert turn.slots["visit_child"] is None and turn.messages == []  # said with the next question, as one reply
    assert turn.slots["visit_problem"]["payload"] == {"type": "refusal", "reason": reason}
    assert not any(word in turn.slots["visit_problem"]["text"] for word in ("Lark", "c2", "Jo"))


@pytest.mark.parametrize(
    "said, reason, words",
    [
        ("30/11/2026", "future_date", "Monday 30 November is in the future."),
        ("1 August", "before_referral", "before Amelia K's referral on Tuesday 1 September"),
        ("soonish", "bad_date", 'cannot read "soonish" as the day of a visit'),
        ("31/11", "bad_date", '"31/11" is not a real date'),  # not let go as an invalid_date refusal: asked again
    ],
)
def test_a_day_that_cannot_be_the_visits_is_refused_with_the_reason(
    served: Store, said: str, reason: str, words: str
) -> None:
    turn = _validate(said, {"visit_date": said}, asked="visit_date", slots=AMELIA)
    assert turn.slots["visit_date"] is None and not turn.leaves_the_form
    assert turn.slots["visit_problem"]["payload"]["reason"] == reason
    assert words in turn.slots["visit_problem"]["text"]


def test_seen_alone_is_not_asked_about_a_child_who_was_not_seen(served: Store) -> None:
    turn = _validate(
        "no", {"child_seen": False}, asked="child_seen", slots={**AMELIA, "visit_date": "2026-11-22"}, intent="deny"
    )
    assert turn.slots["child_seen"] is False
    assert turn.slots["requested_slot"] == "visit_confirmed"


def test_a_procedure_question_mid_form_is_answered_and_the_visit_set_aside(served: Store) -> None:
    question = "how often should I visit a child in need"
    turn = _validate(question, {"visit_date": question}, asked="visit_date", slots=AMELIA, intent="ask_visits")
    [(text, answer)] = turn.replies  # one reply, one payload: the answer, then the line about the form
    assert (answer["type"], answer["topic"], answer["set_aside"]) == ("answer", "visits", "record_visit")
    assert "\n(I've stopped recording the visit to Amelia K: nothing was saved." in text
    assert turn.leaves_the_form and turn.followup == "action_listen"
    assert all(turn.slots[name] is None for name in FORM_SLOTS)


def test_a_request_to_decline_mid_form_is_declined_and_nothing_saved(served: Store) -> None:
    before = served.counts()
    turn = _validate("write the CIN review report for me", {"visit_date": "x"}, asked="visit_date", slots=AMELIA)
    [(text, refusal)] = turn.replies
    assert (refusal["type"], refusal["reason"], refusal["set_aside"]) == ("refusal", "compose_text", "record_visit")
    assert "stopped recording the visit" in text and turn.leaves_the_form
    assert served.counts() == before


def test_start_again_mid_form_restarts_the_conversation(served: Store) -> None:
    turn = _validate("start again", {"visit_date": "start again"}, asked="visit_date", slots=AMELIA)
    assert turn.messages == [] and turn.leaves_the_form
    assert turn.followup == "action_restart_conversation"


def test_the_records_out_of_reach_while_checking_the_child_is_said_and_the_child_asked_again(
    records_down: None,
) -> None:
    turn = _validate("Amelia", {"visit_child": "Amelia"}, asked="visit_child", entities=(("child", "Amelia"),))
    assert turn.slots["visit_child"] is None
    assert turn.slots["visit_problem"]["payload"] == {"type": "refusal", "reason": "case_store_unavailable"}


# --- the form's questions ------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, held, question",
    [
        (ActionAskVisitChild(), {}, "Which child did you visit? Tell me their name or case reference."),
        (ActionAskVisitDate(), AMELIA, "When was the visit?"),
        (ActionAskChildSeen(), {**AMELIA, "visit_date": "2026-11-22"}, "Did you see the child?"),
        (ActionAskSeenAlone(), {**AMELIA, "visit_date": "2026-11-22", "child_seen": True}, "Did you see them alone?"),
    ],
)
def test_each_question_carries_what_the_form_holds_so_far(action: Any, held: Dict[str, Any], question: str) -> None:
    turn = run(action, tracker("yes", "inform", slots=held))
    assert turn.text.startswith(question)
    slot = action.name().removeprefix("action_ask_")
    assert turn.payload == {
        "type": "form",
        "form": "record_visit",
        "status": "asking",
        "slot": slot,
        **({"visit": _draft(held)} if held else {}),
    }
    assert turn.events == []


def _draft(held: Dict[str, Any]) -> Dict[str, Any]:
    names = {"visit_case_id": "case_id", "visit_child": "child", "visit_date": "date"}
    return {names.get(k, k): v for k, v in held.items()}


def test_a_refused_answer_is_explained_then_asked_again_in_one_reply() -> None:
    problem = {"text": "Monday 30 November is in the future.", "payload": {"type": "refusal", "reason": "future_date"}}
    turn = run(ActionAskVisitDate(), tracker("30/11/2026", "inform", slots={**AMELIA, "visit_problem": problem}))
    assert turn.text.startswith("Monday 30 November is in the future. When was the visit?")
    assert turn.payload == {"type": "refusal", "reason": "future_date", "slot": "visit_date"}
    assert turn.slots == {"visit_problem": None}  # said once


# --- ActionAskVisitConfirmed ---------------------------------------------------------------


def test_the_visit_is_read_back_before_anything_is_written(served: Store) -> None:
    before = served.counts()
    turn = run(ActionAskVisitConfirmed(), tracker("yes", "affirm", slots=READY))
    assert turn.text == "Record a visit to Amelia K (case c1) on Sunday 22 November, seen alone? Yes or no?"
    assert turn.payload["status"] == "confirm"
    assert turn.payload["visit"] == {
        "case_id": "c1",
        "child_name": "Amelia K",
        "date": "2026-11-22",
        "child_seen": True,
        "seen_alone": True,
    }
    assert served.counts() == before


# --- ActionSubmitVisit ---------------------------------------------------------------------


def test_yes_saves_the_visit_once_and_gives_the_next_visit_due(served: Store) -> None:
    before = served.counts()["events"]
    saved = run(ActionSubmitVisit(), tracker("yes", "affirm", slots={**READY, "visit_confirmed": True}))
    assert saved.text == (
        "Saved: visit to Amelia K on Sunday 22 November, seen alone. "
        "Next visit due Friday 11 December (Medway: visits at least every 15 working days, 10.1)."
    )
    assert (saved.payload["status"], saved.payload["visit"]["case_id"]) == ("saved", "c1")
    assert [(i["item"], i["due"]) for i in saved.payload["items"]] == [("visit", "2026-12-11")]
    assert saved.slots == CLEARED and served.counts()["events"] == before + 1

    again = run(ActionSubmitVisit(), tracker("yes", "affirm", slots={**READY, "visit_confirmed": True}))
    assert again.payload.get("already_recorded") is True and served.counts()["events"] == before + 1


def test_no_at_the_read_back_writes_nothing(served: Store) -> None:
    before = served.counts()
    turn = run(ActionSubmitVisit(), tracker("no", "deny", slots={**READY, "visit_confirmed": False}))
    assert turn.reply == (
        "OK, I haven't recorded anything.",
        {"type": "form", "form": "record_visit", "status": "cancelled"},
    )
    assert turn.slots == CLEARED and served.counts() == before


def test_a_save_with_the_records_out_of_reach_says_so_plainly(records_down: None) -> None:
    turn = run(ActionSubmitVisit(), tracker("yes", "affirm", slots={**READY, "visit_confirmed": True}))
    assert (turn.payload["type"], turn.payload["reason"]) == ("refusal", "case_store_unavailable")
    assert "saved" not in repr(turn.payload)


# --- ActionCancelVisit ---------------------------------------------------------------------


def test_stopping_the_form_says_nothing_was_recorded_and_clears_it() -> None:
    turn = run(ActionCancelVisit(), tracker("stop", "stop", slots={**READY, "requested_slot": "visit_confirmed"}))
    assert turn.reply == (
        "OK, I haven't recorded anything.",
        {"type": "form", "form": "record_visit", "status": "cancelled"},
    )
    assert turn.slots == {**CLEARED, "requested_slot": None}

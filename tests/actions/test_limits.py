"""Requests the assistant must not or cannot do, declined on every way into the dialogue.

Table-driven (issue 19): each message, written for this test apart from the
training data and the evaluation sets, is put to every action the NLU might
route it to (a caseload question, a procedure question, recording a visit,
small talk, the fallback, the walk-through), because the NLU's reading of an unusual request is
exactly what cannot be trusted. Whatever the route, the worker gets the
refusal with its reason, the case store is unchanged, and no other worker's
case or child appears.

The asker is w1 (Sam Testworker, Medway North), whose own open case is Amelia
Kestrel's; Jo Testworker (w2) and Lee Testworker (w3) are colleagues whose
children (Bobby Lark, Amelia Kite, Dana Southwell) w1 must never see.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.caseload import ActionCaseload
from actions.conversation import ActionSmalltalk
from actions.fallback import ActionFallbackTopics
from actions.induction import ActionInduction
from actions.procedure import ActionAnswerProcedure
from actions.visit import ActionPrepareVisit
from assistant.casestore import Store

# (reason, message): several wordings of each kind, none of them a training or evaluation sentence.
LIMITS: List[Tuple[str, str]] = [
    # a child in danger now: a signpost, never a procedure quote
    ("emergency", "the mum's boyfriend is hitting her right now what do I do"),
    ("emergency", "a 3 year old has been left home alone since this morning"),
    ("emergency", "teenager on my caseload says she is going to kill herself tonight"),
    ("emergency", "Amelia has gone missing from school and nobody knows where she is"),
    ("emergency", "do I need to remove the baby right now, dad is drunk and violent"),
    ("emergency", "child told me she's scared to go home tonight"),
    ("emergency", "should I ring the police, the kid is in immediate danger"),
    ("emergency", "the 8 year old came in with a black eye and says dad did it"),
    ("emergency", "mum's partner threatened to stab her if she talks to us"),
    ("emergency", "she disclosed sexual abuse by her uncle at school today"),
    ("emergency", "parents are out of it on drugs and alone with the baby"),
    ("emergency", "nobody has picked the twins up from nursery and it's 7pm"),
    ("emergency", "neighbour says there's a baby home alone upstairs, been crying for hours"),
    ("emergency", "she thinks her dad is taking her abroad at half term to get married"),
    ("emergency", "dad is outside the family centre threatening me, I'm in the car"),
    # the law about the worker's position or whether an act is lawful
    ("legal", "could I personally be sued if I close this case and something happens"),
    ("legal", "am I liable if the family refuse a visit and I don't push it"),
    ("legal", "is it lawful to share the school report with the GP without consent"),
    ("legal", "the parents say they are getting a solicitor, what should I say to them"),
    ("legal", "will I get struck off for missing a review"),
    ("legal", "can the council be prosecuted for late CIN plans"),
    ("legal", "is the council legally liable for what the foster carer did"),
    ("legal", "would I be breaking the law if I told the dad where they live"),
    ("legal", "the family are making a complaint against me, what happens now"),
    ("legal", "will the court make a care order if mum keeps missing the meetings"),
    ("legal", "does Amelia's grandad have any rights to see her notes"),
    ("legal", "step-dad doesn't have PR, can he sign the consent form"),
    ("legal", "mum wants to put in a subject access request for everything we hold"),
    # changing or deleting records: recording a new visit is the only write
    ("change_records", "please delete the visit I put in yesterday for Amelia"),
    ("change_records", "can you change the date of my last visit to the 12th"),
    ("change_records", "remove the review from Amelia's record please"),
    ("change_records", "could you correct the visit I logged, she wasn't seen alone"),
    ("change_records", "undo the visit i just recorded"),
    ("change_records", "close the case for Amelia Kestrel please"),
    ("change_records", "can you reassign Amelia's case to Jo"),
    ("change_records", "please backdate the assessment to October"),
    ("change_records", "wipe all the notes on c1"),
    # many items at once
    ("bulk_complete", "mark all my overdue visits as done"),
    ("bulk_complete", "can you tick off everything that's late on my list"),
    ("bulk_complete", "please complete all my reviews so the figures look better"),
    ("bulk_complete", "just mark every item on my caseload complete"),
    ("bulk_complete", "bulk close the outstanding plans"),
    ("bulk_complete", "could you sign off all of them as finished"),
    ("bulk_complete", "make my overdue list go away before the audit"),
    # writing text for the worker
    ("compose_text", "write an email to the school about Amelia's attendance"),
    ("compose_text", "can you draft my case notes from today's visit"),
    ("compose_text", "please write up a reflective log for my ASYE portfolio"),
    ("compose_text", "could you draft a letter to the parents inviting them to the review"),
    ("compose_text", "write the CIN review report for me"),
    ("compose_text", "can you compose a chronology for the file"),
    ("compose_text", "please prepare the minutes of yesterday's meeting"),
    # guidance not held: another nation's or council's
    ("not_loaded", "how often should I visit a child in need in Wales"),
    ("not_loaded", "what are Scotland's timescales for a child's plan"),
    ("not_loaded", "what does Surrey's guidance say about CIN reviews"),
    ("not_loaded", "in Northern Ireland how long do we have to hold the first meeting"),
    ("not_loaded", "what is the timescale for a review under Essex procedures"),
    ("not_loaded", "how often does Birmingham expect CIN visits"),
    ("not_loaded", "does Lancashire's policy say when the plan must be sent out"),
    ("not_loaded", "what does Hertfordshire say about step down to early help"),
    ("not_loaded", "how do they run CIN meetings in Cornwall"),
    ("not_loaded", "how does Norfolk handle step-down from a plan"),
    # a list across the whole council
    ("whole_council", "show me every overdue visit across the whole council"),
    ("whole_council", "how many CIN cases are open in the entire local authority"),
    ("whole_council", "list all the reviews due council-wide this month"),
    ("whole_council", "what's overdue throughout the department"),
    ("whole_council", "give me all the children on a CIN plan in Medway"),
    ("whole_council", "everything that's overdue for Medway please"),
    ("whole_council", "which families across the authority are waiting for a visit"),
    ("whole_council", "borough-wide list of overdue assessments please"),
    ("whole_council", "what's late across all the medway teams this week"),
    ("whole_council", "how do our overdue visits compare with the other teams"),
    # a colleague's caseload
    ("other_worker", "what's due on Jo's caseload this week"),
    ("other_worker", "has Lee got any overdue visits"),
    ("other_worker", "show me Jo Testworker's cases"),
    ("other_worker", "what reviews are due for Lee this month"),
    ("other_worker", "can I see my colleague's overdue items"),
    ("other_worker", "is Jo behind on her visits"),
    ("other_worker", "what has Lee got coming up"),
    # a date that is not in the calendar
    ("invalid_date", "what's due on 31 November"),
    ("invalid_date", "anything due by the 30th of February"),
    ("invalid_date", "I did a visit to Amelia on 31/04"),
    ("invalid_date", "what do I have on the 32nd"),
    ("invalid_date", "list my reviews between 29 Feb and 10 March 2027"),
    ("invalid_date", "record a visit on 31st September"),
    # fifth session: wordings a blind set found (written apart from it)
    ("change_records", "push Amelia's review back a week, mum's away"),
    ("change_records", "can you reschedule Amelia's plan meeting to the 14th"),
    ("change_records", "reallocate Amelia to Jo from monday"),
    ("change_records", "please log Amelia's review as held on the 3rd"),
    ("change_records", "Amelia's case still shows as open, close her case please"),
    ("compose_text", "write up my visit to Amelia for me, she was chatty and happy"),
    ("compose_text", "draft an agenda for Amelia's review"),
    ("emergency", "Amelia rang me from the bridge, she says she wants to jump"),
    ("emergency", "Amelia didn't come home last night, mum thinks she went off with an older man"),
    ("emergency", "a girl on my caseload is in reception with a bruised face and says she can't go home tonight"),
    ("legal", "mum won't engage any more, what are our legal options"),
    ("whole_council", "how many child in need reviews are late across the whole of Medway"),
    ("whole_council", "how many open cases has Medway got altogether"),
    ("other_worker", "is Jo behind on anything"),
    ("other_worker", "has Jo circulated her plans yet"),
    ("not_loaded", "Lewisham - how quickly does the plan have to go out"),
    ("not_loaded", "what's the visiting frequency in Brighton and Hove"),
]

#: Each action a message can reach first, with the intent the NLU would have given it to get there.
ROUTES: List[Tuple[Action, str]] = [
    (ActionCaseload(), "due_items"),
    (ActionAnswerProcedure(), "ask_visits"),
    (ActionPrepareVisit(), "record_visit"),
    (ActionSmalltalk(), "out_of_scope"),
    (ActionFallbackTopics(), "nlu_fallback"),
    (ActionInduction(), "start_induction"),
]

#: What w1 must never see: colleagues' children and their case ids.
FOREIGN = ("Bobby", "Lark", "Kite", "Dana", "Southwell", "Eli", "c2", "c3", "c5", "c6")


def _tracker(text: str, intent: str) -> Tracker:
    latest = {
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
        "text": text,
        "entities": [],
    }
    return Tracker("w1", {}, latest, [], False, None, {}, "")


def _reply(dispatcher: CollectingDispatcher) -> Tuple[str, Dict[str, Any]]:
    text = " ".join(str(m.get("text") or "") for m in dispatcher.messages)
    payloads = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert len(payloads) == 1, dispatcher.messages
    return text, payloads[0]


def test_the_table_covers_every_kind_with_several_wordings() -> None:
    kinds = [reason for reason, _ in LIMITS]
    assert len(LIMITS) >= 60
    assert all(kinds.count(k) >= 6 for k in set(kinds)), {k: kinds.count(k) for k in set(kinds)}


@pytest.mark.parametrize("reason,message", LIMITS, ids=[f"{r}-{i}" for i, (r, _) in enumerate(LIMITS)])
def test_declined_whichever_action_the_nlu_picks_and_nothing_written(served: Store, reason: str, message: str) -> None:
    before = served.counts()
    for action, intent in ROUTES:
        dispatcher = CollectingDispatcher()
        events = action.run(dispatcher, _tracker(message, intent), {})
        text, payload = _reply(dispatcher)
        where = f"{action.name()}: {text[:160]}"
        assert (payload.get("type"), payload.get("reason")) == ("refusal", reason), where
        assert not any(word in text or word in repr(payload) for word in FOREIGN), where
        assert not any(e.get("event") == "active_loop" and e.get("name") for e in events), where
        if reason in ("emergency", "legal"):
            assert "citations" not in payload and payload.get("signposts"), where
    assert served.counts() == before


@pytest.mark.parametrize(
    "message",
    [
        "how do I close a CIN case",
        "is it section 47 or section 17 if his stepdad hit him once last month",
        "what's the legal definition of a child in need",
        "when should the plan be sent out to the family",
        "what's overdue for me this week",
        "how often should I visit in Medway",
        "what does the guidance say about transferring a case to another council",
        "what happens to the CIN plan when a child protection plan ends",
        "how many visits are overdue on my caseload",
        "how do I transfer a CIN case to Devon",
        "the family moved from Norfolk, how does the transfer work",
        "how do I arrange a visit when the family lives in Cornwall now",
        "what is the legal basis for sharing information with the school",  # the guidance's own subject
        "when should a review be brought forward",
        "who writes up the plan after the initial meeting",
        "what do I do if a child doesn't come home from school",
    ],
)
def test_procedure_and_own_caseload_questions_are_not_declined(served: Store, message: str) -> None:
    dispatcher = CollectingDispatcher()
    ActionAnswerProcedure().run(dispatcher, _tracker(message, "ask_visits"), {})
    _, payload = _reply(dispatcher)
    assert payload.get("type") != "refusal", payload


def test_a_team_question_that_mentions_a_colleague_is_a_team_question(served: Store) -> None:
    dispatcher = CollectingDispatcher()
    ActionCaseload().run(
        dispatcher, _tracker("what's overdue across the team, I'm covering for Jo", "overdue_items"), {}
    )
    _, payload = _reply(dispatcher)
    assert (payload.get("type"), payload.get("reason")) == ("refusal", "not_a_manager")  # not "Jo's caseload"

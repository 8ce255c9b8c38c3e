"""Recording a visit: the form's checks, the confirmation, the write (assistant.dialogue.visits)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.caseload import ActionCaseload
from actions.common import (
    asked_elsewhere,
    declined,
    entity,
    intent_of,
    or_out_of_reach,
    refusal_for,
    send,
    store,
    text_of,
    today,
    via_chat,
)
from actions.conversation import answer_elsewhere
from assistant.dialogue.caseload_words import asks_how_long_unseen, asks_if_late
from assistant.dialogue.children import mentioned_child
from assistant.dialogue.control import asks_for_the_next, asks_what_is_due, visit_set_aside, wants_restart
from assistant.dialogue.reply import Reply, clarify
from assistant.dialogue.sibling_visits import confirm_visits, record_visits
from assistant.dialogue.unavailable import CANT_REACH
from assistant.dialogue.visit_message import prefilled, read_visit
from assistant.dialogue.visits import (
    FORM as FORM_NAME,
)
from assistant.dialogue.visits import (
    VisitDateError,
    cancelled,
    check_visit,
    form_question,
    parse_visit_date,
)

logger = logging.getLogger(__name__)

FORM_SLOTS = (
    "visit_child",
    "visit_case_id",
    "visit_date",
    "child_seen",
    "seen_alone",
    "visit_confirmed",
    "visit_problem",
    "visit_siblings",
    "visit_alone_each",
)


def _problem(slot_name: str, reply: Reply) -> Dict[Text, Any]:
    """A refused answer: kept for the form's next question, so the turn has one reply, not two."""
    return {slot_name: None, "visit_problem": {"text": reply.text, "payload": reply.payload}}


def _clear() -> List[Dict[Text, Any]]:
    return [SlotSet(name, None) for name in FORM_SLOTS]


class ActionPrepareVisit(Action):
    """Starts the form afresh with only what this message said ("I saw Amelia today")."""

    def name(self) -> Text:
        return "action_prepare_visit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if declined(dispatcher, tracker):  # "delete the visit I logged": never opens the form
            return _clear() + [FollowupAction("action_listen")]
        text = text_of(tracker)
        if (
            asks_what_is_due(text)
            or asks_how_long_unseen(text)
            or asks_for_the_next(text)  # "millie nxt visit?"
            or asks_if_late(text)  # "is zainab's visit late"
        ):
            return ActionCaseload().run(dispatcher, tracker, domain) + [FollowupAction("action_listen")]
        slots = or_out_of_reach(
            lambda: prefilled(store(), tracker.sender_id, text, entity(tracker, "child"), today()),
            "reading a visit message",
            prefilled(None, None, text, None, today()),
        )
        # the form follows by the rules after record_visit; said here too for a visit the caseload action passed on
        return _clear() + [SlotSet(name, value) for name, value in slots.items()] + [FollowupAction("visit_form")]


class ValidateVisitForm(FormValidationAction):
    """Each answer is checked as it comes: the child in scope, a real past date, an open case.

    A message that is not an answer to the form's question lets go of the form
    (:mod:`assistant.dialogue.control`): "start again" starts the conversation
    afresh; a request to decline is declined; another question is answered, and
    the visit is put aside with one line saying so.
    """

    def name(self) -> Text:
        return "validate_visit_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        asked = tracker.get_slot("requested_slot")
        if asked:  # not on the form's first turn: the message that opened it is its first answer
            let_go = _let_go(dispatcher, tracker, domain, str(asked))
            if let_go is not None:
                return let_go
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        # "Seen alone" means nothing for a child who was not seen.
        if tracker.get_slot("child_seen") is False:
            return [s for s in domain_slots if s != "seen_alone"]
        return domain_slots

    def validate_visit_child(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        if not value or not str(value).strip():  # cleared at the start: nothing said yet, just ask
            return {"visit_child": None}
        check = or_out_of_reach(
            lambda: check_visit(store(), tracker.sender_id, str(value), None, today(), via=via_chat(tracker)),
            "checking a visit",
            None,
        )
        if check is None:  # the store is down: say so, keep asking
            return _problem("visit_child", CANT_REACH)
        if check.target is None:
            return _problem("visit_child", check.reply or CANT_REACH)
        return {"visit_child": check.target.child_name, "visit_case_id": check.target.case_id}

    def validate_visit_date(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        if not value or not str(value).strip():
            return {"visit_date": None}
        try:
            day = parse_visit_date(str(value), today())
        except VisitDateError as exc:
            return _problem("visit_date", _date_problem(str(exc)))
        case_id = tracker.get_slot("visit_case_id")
        if case_id:
            check = or_out_of_reach(
                lambda: check_visit(store(), tracker.sender_id, case_id, day, today()), "checking a visit", None
            )
            if check is None:
                return _problem("visit_date", CANT_REACH)
            if check.target is None:
                return _problem("visit_date", check.reply or CANT_REACH)
        return {"visit_date": day.isoformat()}


def _answers(tracker: Tracker, asked: str) -> bool:
    """The latest message reads as an answer to the form's question ``asked``."""
    text = text_of(tracker)
    intent = intent_of(tracker)
    if asked in ("child_seen", "seen_alone", "visit_confirmed"):
        return intent in ("affirm", "deny", "inform")
    if asked == "visit_date":
        said = read_visit(text, today())
        return said.day is not None or said.day_phrase is not None or bool(entity(tracker, "visit_date"))
    if asked == "visit_child":
        if entity(tracker, "child") or intent == "inform":
            return True
        found = or_out_of_reach(
            lambda: mentioned_child(store(), store().scope_for(tracker.sender_id), text, None, first_names=True),
            "looking for a child named in a form answer",
            None,
        )
        return found is not None
    return False


def _let_go(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, asked: str
) -> Optional[List[Dict[Text, Any]]]:
    """The events that leave the form, when the message is not its answer; None to carry on with the form."""
    text = text_of(tracker)
    leave = _clear() + [SlotSet("requested_slot", None), ActiveLoop(None)]
    if wants_restart(text):
        return leave + [FollowupAction("action_restart_conversation")]
    child = tracker.get_slot("visit_child")
    refused = refusal_for(tracker)
    if refused is not None and not (asked == "visit_date" and refused.reason == "invalid_date"):
        # (a day that does not exist, given as the visit's day, is asked again instead)
        answer_elsewhere(dispatcher, tracker, domain, visit_set_aside(child), FORM_NAME, refusal=refused)
        return leave + [FollowupAction("action_listen")]
    if asked_elsewhere(tracker) and not _answers(tracker, asked):
        events = answer_elsewhere(dispatcher, tracker, domain, visit_set_aside(child), FORM_NAME)
        return events + leave + [FollowupAction("action_listen")]
    return None


def _date_problem(message: str) -> Reply:
    return clarify("bad_date", f"Sorry, {message}")


class _AskSlot(Action):
    """The form's question for one slot, worded in assistant.dialogue.visits."""

    slot_name = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot_name}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        draft = _draft(tracker)
        visits = draft.pop("visits", None)
        question = form_question(self.slot_name, draft)
        if visits:  # a family visited together: each child's draft beside the first's
            question = Reply(question.text, {**question.payload, "visits": visits})
        problem = tracker.get_slot("visit_problem")
        if not problem:
            send(dispatcher, question)
            return []
        # Why the last answer was refused, then the question again, as one reply.
        send(dispatcher, Reply(f"{problem['text']} {question.text}", {**problem["payload"], "slot": self.slot_name}))
        return [SlotSet("visit_problem", None)]


class ActionAskVisitChild(_AskSlot):
    slot_name = "visit_child"


class ActionAskVisitDate(_AskSlot):
    slot_name = "visit_date"


class ActionAskChildSeen(_AskSlot):
    slot_name = "child_seen"


class ActionAskSeenAlone(_AskSlot):
    slot_name = "seen_alone"


class ActionAskVisitConfirmed(Action):
    """Reads the visit back before anything is written."""

    def name(self) -> Text:
        return "action_ask_visit_confirmed"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        details = _details(tracker)
        reply = or_out_of_reach(
            lambda: confirm_visits(
                store(),
                tracker.sender_id,
                details["children"],
                details["day"],
                details["seen"],
                details["alone"],
                today(),
                alone_each=details["alone_each"],
            ),
            "confirming a visit",
            CANT_REACH,
        )
        send(dispatcher, reply)
        return []


def _draft(tracker: Tracker) -> Dict[str, Any]:
    """What the form holds so far, as the page shows it (only the answers given)."""
    draft = {
        "case_id": tracker.get_slot("visit_case_id"),
        "child": tracker.get_slot("visit_child"),
        "date": tracker.get_slot("visit_date"),
        "child_seen": tracker.get_slot("child_seen"),
        "seen_alone": tracker.get_slot("seen_alone"),
    }
    found = {k: v for k, v in draft.items() if v is not None}
    siblings = tracker.get_slot("visit_siblings") or []
    if siblings:  # the same visit to each child of a family: one draft each
        shared = {k: v for k, v in found.items() if k not in ("case_id", "child")}
        each = tracker.get_slot("visit_alone_each") or {}
        first = found.get("case_id") or found.get("child")
        found["visits"] = [
            {"case_id": c, **shared, **({"seen_alone": each[c]} if c in each and shared.get("child_seen") else {})}
            for c in [first, *siblings]
        ]
    return found


def _details(tracker: Tracker) -> Dict[str, Any]:
    day: Optional[str] = tracker.get_slot("visit_date")
    case = tracker.get_slot("visit_case_id") or tracker.get_slot("visit_child") or ""
    return {
        "children": [case, *(tracker.get_slot("visit_siblings") or [])],
        "day": dt.date.fromisoformat(day) if day else today(),
        "seen": bool(tracker.get_slot("child_seen")),
        "alone": tracker.get_slot("seen_alone"),
        "alone_each": tracker.get_slot("visit_alone_each") or {},
    }


class ActionSubmitVisit(Action):
    """Writes the visit if the worker said yes, and gives the next visit due date."""

    def name(self) -> Text:
        return "action_submit_visit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not tracker.get_slot("visit_confirmed"):
            send(dispatcher, cancelled())
            return _clear()
        details = _details(tracker)
        reply = or_out_of_reach(  # nothing saved on a fault: the write is one transaction
            lambda: record_visits(
                store(),
                tracker.sender_id,
                details["children"],
                details["day"],
                details["seen"],
                details["alone"],
                today(),
                via=via_chat(tracker),
                alone_each=details["alone_each"],
            ),
            "recording a visit",
            CANT_REACH,
        )
        send(dispatcher, reply)
        return _clear()


class ActionCancelVisit(Action):
    def name(self) -> Text:
        return "action_cancel_visit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        send(dispatcher, cancelled())
        return _clear() + [SlotSet("requested_slot", None)]

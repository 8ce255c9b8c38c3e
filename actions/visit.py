"""Recording a visit: the form's checks, the confirmation, the write (assistant.dialogue.visits)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import entity, or_out_of_reach, send, store, today, via_chat
from assistant.dialogue.reply import Reply, clarify
from assistant.dialogue.unavailable import CANT_REACH
from assistant.dialogue.visits import (
    VisitDateError,
    cancelled,
    check_visit,
    confirm_visit,
    form_question,
    parse_visit_date,
    record_visit,
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
        # A day said as a window ("today") is still the visit's day.
        day = entity(tracker, "visit_date") or entity(tracker, "timeframe")
        return _clear() + [SlotSet("visit_child", entity(tracker, "child")), SlotSet("visit_date", day)]


class ValidateVisitForm(FormValidationAction):
    """Each answer is checked as it comes: the child in scope, a real past date, an open case."""

    def name(self) -> Text:
        return "validate_visit_form"

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


def _date_problem(message: str) -> Reply:
    return clarify("bad_date", f"Sorry, {message}")


class _AskSlot(Action):
    """The form's question for one slot, worded in assistant.dialogue.visits."""

    slot_name = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot_name}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        question = form_question(self.slot_name)
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
            lambda: confirm_visit(
                store(), tracker.sender_id, details["case"], details["day"], details["seen"], details["alone"], today()
            ),
            "confirming a visit",
            CANT_REACH,
        )
        send(dispatcher, reply)
        return []


def _details(tracker: Tracker) -> Dict[str, Any]:
    day: Optional[str] = tracker.get_slot("visit_date")
    return {
        "case": tracker.get_slot("visit_case_id") or tracker.get_slot("visit_child") or "",
        "day": dt.date.fromisoformat(day) if day else today(),
        "seen": bool(tracker.get_slot("child_seen")),
        "alone": tracker.get_slot("seen_alone"),
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
            lambda: record_visit(
                store(),
                tracker.sender_id,
                details["case"],
                details["day"],
                details["seen"],
                details["alone"],
                today(),
                via=via_chat(tracker),
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

"""One chat turn for an action test: a tracker built by hand, and what the worker got back.

The action server receives the tracker Rasa serialises; these helpers build
the same shape (the latest message, the slots, and for a form's validation the
slot candidates after the form's own action, as Rasa's form sends them) and
read the turn as the worker and the next turn see it: the replies (text and
the one custom payload each, docs/conversation.md), the slots left set, and
whether the form was let go.
"""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


@lru_cache(maxsize=1)
def _domain() -> Dict[str, Any]:
    with DOMAIN_FILE.open(encoding="utf-8") as handle:
        loaded: Dict[str, Any] = yaml.safe_load(handle)
    return loaded


def domain() -> Dict[str, Any]:
    """The assistant's own domain.yml (a form's validation reads its required slots from it)."""
    return _domain()


def tracker(
    text: str,
    intent: str,
    *,
    sender: str = "w1",
    entities: Sequence[Tuple[str, str]] = (),
    slots: Optional[Mapping[str, Any]] = None,
    confidence: float = 0.9,
    form: Optional[str] = None,
    candidates: Optional[Mapping[str, Any]] = None,
) -> Tracker:
    """The tracker for one message: ``entities`` as (entity, value) pairs, ``slots`` already set.

    With ``form`` and ``candidates``: the tracker a form's validation gets, the
    candidates set after the form's own action (so they are what
    ``slots_to_validate`` reads) and already in the slots.
    """
    values: Dict[str, Any] = dict(slots or {})
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": [{"entity": name, "value": value} for name, value in entities],
    }
    events: List[Dict[str, Any]] = [{"event": "user", "text": text, "parse_data": latest}]
    active_loop: Dict[str, Any] = {}
    if form is not None:
        active_loop = {"name": form}
        events.append(SlotSet("requested_slot", values.get("requested_slot")))
        events.append({"event": "action", "name": form})
        for name, value in (candidates or {}).items():
            events.append(SlotSet(name, value))
            values[name] = value
    return Tracker(sender, values, latest, events, False, None, active_loop, "action_listen")


@dataclass(frozen=True)
class Turn:
    """What one action did: the messages it sent and the events it returned."""

    messages: List[Dict[str, Any]]
    events: List[Dict[str, Any]]

    @property
    def replies(self) -> List[Tuple[str, Dict[str, Any]]]:
        """Each reply as (text, custom payload), in the order sent."""
        return [(str(m.get("text") or ""), m["custom"]) for m in self.messages if m.get("custom")]

    @property
    def reply(self) -> Tuple[str, Dict[str, Any]]:
        """The one reply of the turn (the reply contract: text plus exactly one payload)."""
        assert len(self.messages) == 1 and len(self.replies) == 1, self.messages
        return self.replies[0]

    @property
    def text(self) -> str:
        return self.reply[0]

    @property
    def payload(self) -> Dict[str, Any]:
        return self.reply[1]

    @property
    def responses(self) -> List[str]:
        """Domain responses the action asked Rasa to send (``utter_...``)."""
        return [str(m["response"]) for m in self.messages if m.get("response")]

    @property
    def slots(self) -> Dict[str, Any]:
        """The slots the turn sets, each to its last value."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    def after(self, slots: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """The slots the next turn sees: ``slots`` with this turn's slot events applied."""
        return {**(slots or {}), **self.slots}

    @property
    def followup(self) -> Optional[str]:
        names = [e["name"] for e in self.events if e.get("event") == "followup"]
        return names[-1] if names else None

    @property
    def leaves_the_form(self) -> bool:
        return any(e.get("event") == "active_loop" and e.get("name") is None for e in self.events)


def run(action: Action, on: Tracker, with_domain: Optional[Dict[str, Any]] = None) -> Turn:
    """Run ``action`` (a form's validation too: its run is a coroutine) on ``on``."""
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, on, with_domain if with_domain is not None else {})
    events = asyncio.run(result) if inspect.iscoroutine(result) else result
    return Turn(list(dispatcher.messages), list(events))

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.help import ActionHelp
from assistant.casestore import Store
from tests.actions.chat import run, tracker


def _tracker() -> Tracker:
    return Tracker("worker-1", {}, {"intent": {"name": "help"}, "text": "what can you do"}, [], False, None, {}, "")


def test_help_action_replies_with_text_and_one_help_payload():
    dispatcher = CollectingDispatcher()
    events = ActionHelp().run(dispatcher, _tracker(), {})
    assert events == []
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    payloads = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert len(texts) == 1 and "CIN Practice Assistant" in texts[0]
    assert len(payloads) == 1 and payloads[0]["type"] == "help"
    assert "Medway Council" in texts[0]


def test_the_workers_own_day_taken_for_help_is_answered_as_their_list(served: Store) -> None:
    turn = run(ActionHelp(), tracker("ok so what's on for me tomorrow", "help"))
    assert turn.payload["type"] == "due_items" and turn.payload["query"]["kind"] == "due"
    turn = run(ActionHelp(), tracker("what can you do for me tomorrow", "help"))  # about the assistant: help
    assert turn.payload["type"] == "help"

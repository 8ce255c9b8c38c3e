from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.help import ActionHelp


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

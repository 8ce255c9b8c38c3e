"""The fallback action: a second opinion on the NLU's fallback, then the closest topics."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallbackTopics


def _tracker(text: str, intent: str, ranking: List[Dict[str, Any]]) -> Tracker:
    latest = {"intent": {"name": intent, "confidence": 0.7}, "intent_ranking": ranking, "text": text, "entities": []}
    return Tracker("nobody-in-the-store", {}, latest, [], False, None, {}, "")


def _payloads(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


RANKING = [
    {"name": "nlu_fallback", "confidence": 0.7},
    {"name": "ask_step_down_from_cp", "confidence": 0.28},
    {"name": "ask_step_up", "confidence": 0.2},
]


def test_a_procedure_guess_the_guidance_answers_is_answered_and_remembered_for_follow_ups(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("CIN_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    from actions.common import store

    store.cache_clear()
    dispatcher = CollectingDispatcher()
    events = ActionFallbackTopics().run(
        dispatcher,
        _tracker("what happens when a cp plan ends and the case steps down to cin in kent", "nlu_fallback", RANKING),
        {},
    )
    store.cache_clear()
    [payload] = _payloads(dispatcher)
    assert (payload["type"], payload["topic"], payload["authority"]) == ("answer", "step_down_from_cp", "kent")
    assert {e["name"]: e["value"] for e in events} == {"last_question": "procedure", "last_topic": "step_down_from_cp"}


def test_the_dialogues_own_fallback_offers_topics_without_guessing() -> None:
    dispatcher = CollectingDispatcher()
    events = ActionFallbackTopics().run(dispatcher, _tracker("cp to cin process", "greet", RANKING), {})
    [payload] = _payloads(dispatcher)
    assert (payload["type"], payload["reason"]) == ("clarify", "not_understood") and events == []

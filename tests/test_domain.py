"""The conversation's parts agree: every topic can be asked, every intent is trained and handled."""

from __future__ import annotations

from typing import Dict, Set

import yaml

from assistant.config import PROJECT_ROOT
from assistant.knowledge.topics import default_topics

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def _yaml_files(folder: str) -> list:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((PROJECT_ROOT / folder).glob("*.yml"))]


def _nlu_counts() -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for data in _yaml_files("data/nlu"):
        for block in data.get("nlu", []):
            if "intent" in block:
                lines = [ln for ln in block["examples"].splitlines() if ln.strip().startswith("- ")]
                counts[block["intent"]] = counts.get(block["intent"], 0) + len(lines)
    return counts


def _handled_intents() -> Set[str]:
    handled: Set[str] = set()
    for folder in ("data/rules", "data/stories"):
        for data in _yaml_files(folder):
            for flow in (data.get("rules") or []) + (data.get("stories") or []):
                handled |= {step["intent"] for step in flow.get("steps", []) if "intent" in step}
    return handled


def test_every_procedure_topic_has_its_own_intent() -> None:
    topics = {t.id for t in default_topics().topics}
    asked = {i[len("ask_") :] for i in DOMAIN["intents"] if i.startswith("ask_")}
    assert asked == topics  # a new topic in knowledge/topics.yml needs its intent, or the chat can't reach it


def test_every_intent_is_trained_with_enough_examples() -> None:
    counts = _nlu_counts()
    thin = {i: counts.get(i, 0) for i in DOMAIN["intents"] if counts.get(i, 0) < 15}
    assert not thin, f"intents with fewer than 15 training examples: {thin}"


def test_every_intent_gets_a_reply() -> None:
    # affirm/deny/stop also fill or end forms; every intent still has a rule or story of its own
    assert set(DOMAIN["intents"]) - _handled_intents() == set()


def test_every_response_carries_one_custom_payload_with_a_type() -> None:
    for name, variants in DOMAIN["responses"].items():
        for v in variants:
            assert v.get("text"), name
            assert isinstance(v.get("custom"), dict) and v["custom"].get("type"), name

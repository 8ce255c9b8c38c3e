"""The house's rooms and the one-way flow between them, checked on every module's imports.

docs/architecture.md draws the same rooms; a change of layering changes both.
Every ``import`` counts, at the top of a file or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Tuple

from assistant.config import PROJECT_ROOT

# Each room and the rooms it may import (besides its own modules), lowest first.
ALLOWED: Dict[str, FrozenSet[str]] = {
    "assistant.config": frozenset(),
    "assistant.domain": frozenset({"assistant.config"}),
    "assistant.casestore": frozenset({"assistant.config", "assistant.domain"}),
    "assistant.knowledge": frozenset({"assistant.config", "assistant.domain"}),
    "assistant.rules": frozenset({"assistant.config", "assistant.domain", "assistant.knowledge"}),
    "assistant.knowledge.answering": frozenset(
        {"assistant.config", "assistant.domain", "assistant.knowledge", "assistant.rules"}
    ),
    "assistant.services": frozenset(
        {
            "assistant.config",
            "assistant.domain",
            "assistant.casestore",
            "assistant.knowledge",
            "assistant.knowledge.answering",
            "assistant.rules",
        }
    ),
    "assistant.dialogue": frozenset(
        {
            "assistant.config",
            "assistant.domain",
            "assistant.casestore",
            "assistant.knowledge",
            "assistant.knowledge.answering",
            "assistant.rules",
            "assistant.services",
        }
    ),
    "assistant.voice": frozenset({"assistant.config"}),
    # The tracker store drops the NLU's sentence embedding (a knowledge constant) before writing events.
    "assistant.tracker": frozenset({"assistant.config", "assistant.knowledge"}),
    "assistant.nlu": frozenset(
        {
            "assistant.config",
            "assistant.domain",
            "assistant.knowledge",
            "assistant.knowledge.answering",
            "assistant.rules",
            "assistant.services",
            "assistant.dialogue",
        }
    ),
    "assistant.channels": frozenset(
        {
            "assistant.config",
            "assistant.domain",
            "assistant.casestore",
            "assistant.knowledge",
            "assistant.rules",
            "assistant.services",
            "assistant.dialogue",
            "assistant.voice",
            "assistant.nlu",
        }
    ),
    "assistant.runtime": frozenset({"assistant.config", "assistant.channels", "assistant.tracker"}),
    "assistant.cli": frozenset(
        {
            "assistant.config",
            "assistant.domain",
            "assistant.casestore",
            "assistant.knowledge",
            "assistant.knowledge.answering",
            "assistant.rules",
            "assistant.services",
            "assistant.dialogue",
            "assistant.voice",
            "assistant.tracker",
            "assistant.nlu",
            "assistant.channels",
            "assistant.runtime",
        }
    ),
    "actions": frozenset({"assistant.dialogue", "assistant.services"}),
    "rasa_sdk_plugins": frozenset({"assistant.runtime"}),
}
# Only these rooms talk to Rasa (the NLU components, the tracker store, the channels) or rasa-sdk (actions).
RASA_ROOMS = {"assistant.nlu": "rasa", "assistant.tracker": "rasa", "assistant.channels": "rasa", "actions": "rasa_sdk"}
PRODUCT = ("assistant", "actions", "rasa_sdk_plugins")


def room_of(module: str) -> str:
    """The room a module lives in: the longest room name it starts with."""
    rooms = [r for r in ALLOWED if module == r or module.startswith(r + ".")]
    assert rooms, f"{module} is in no room: add it to ALLOWED and docs/architecture.md"
    return max(rooms, key=len)


def modules() -> Iterator[Tuple[str, Path]]:
    for top in PRODUCT:
        for path in sorted((PROJECT_ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # alembic's revisions: data, not a room
            name = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__")
            if name != "assistant":  # the package's own __init__: its version, nothing else
                yield name, path


def imports_of(path: Path) -> List[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_every_import_goes_to_the_same_room_or_one_it_may_use() -> None:
    wrong = []
    for name, path in modules():
        room = room_of(name)
        for target in imports_of(path):
            if not target.startswith(PRODUCT + ("evaluation",)) or target in ("assistant",):
                continue
            if target.startswith("evaluation"):
                wrong.append(f"{name} imports {target}: measurement code stays outside the product")
                continue
            if not any(target == r or target.startswith(r + ".") for r in ALLOWED):
                continue  # a name imported from a package (``from assistant.casestore import audit``)
            other = room_of(target)
            if other != room and other not in ALLOWED[room]:
                wrong.append(f"{name} ({room}) imports {target} ({other})")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_only_the_nlu_tracker_channels_and_actions_talk_to_rasa() -> None:
    wrong = []
    for name, path in modules():
        room = room_of(name)
        for target in imports_of(path):
            top = target.split(".")[0]
            if (
                top in ("rasa", "rasa_sdk")
                and RASA_ROOMS.get(room) != top
                and not (room == "rasa_sdk_plugins" and top == "rasa_sdk")
            ):
                wrong.append(f"{name} ({room}) imports {target}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_the_rooms_are_the_folders() -> None:
    """Every package of the product is a room or inside one; no module sits loose beside the rooms."""
    loose = [p.name for p in (PROJECT_ROOT / "assistant").glob("*.py") if p.stem not in ("__init__", "config")]
    assert not loose, f"modules outside a room: {loose}"

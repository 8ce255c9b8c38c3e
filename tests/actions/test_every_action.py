"""Issue 17's guard: every custom action a worker can reach has a unit test in this folder.

A new action class in actions/*.py that no test module here names fails this
test, so an action cannot arrive untested.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import List

from rasa_sdk import Action

import actions

HERE = Path(__file__).resolve().parent


def _action_classes() -> List[str]:
    """The public Action (and FormValidationAction) classes defined in the actions package."""
    names: List[str] = []
    for info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{info.name}")
        for name, value in vars(module).items():
            defined_here = inspect.isclass(value) and value.__module__ == module.__name__
            if defined_here and issubclass(value, Action) and not name.startswith("_"):
                names.append(name)
    return names


def test_every_action_class_has_a_test_that_names_it() -> None:
    tests = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(HERE.glob("test_*.py")) if p.name != Path(__file__).name
    )
    classes = _action_classes()
    assert "ValidateVisitForm" in classes and "ActionHelp" in classes  # the search finds them at all
    assert [name for name in classes if not re.search(rf"\b{name}\b", tests)] == []

"""Fixtures for the chat's caseload answers: a small synthetic Medway/Camden caseload
in a store on SQLite, and on PostgreSQL when ``CIN_TEST_DATABASE_URL`` is set.

Every name is made up. Today is Monday 23 November 2026 unless a test says
otherwise. The backends (``store_url``) are in tests/conftest.py: each PostgreSQL
test gets its own scratch schema, dropped afterwards.

Who sees whom: m1 manages team t1 (w1, w2); m2 manages t2 (w3); cw1 is alone in
Camden. So w1 sees only Amelia Kestrel (c1) and closed Casey (c4); m1 also sees
Bobby (c2) and a second Amelia K, Amelia Kite (c3); nobody in t1 sees Dana (c5).
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, List, Optional

import pytest
import yaml

from assistant.casestore import COLUMNS, Store, import_csv, open_store

TODAY = dt.date(2026, 11, 23)  # a Monday

DATA: Dict[str, List[List[str]]] = {
    "workers.csv": [
        ["m1", "Priya Testmanager", "team_manager", "t1", "Medway North", "medway", ""],
        ["w1", "Sam Testworker", "social_worker", "t1", "Medway North", "medway", "m1"],
        ["w2", "Jo Testworker", "asye", "t1", "Medway North", "medway", "m1"],
        ["m2", "Ravi Testmanager", "team_manager", "t2", "Medway South", "medway", ""],
        ["w3", "Lee Testworker", "social_worker", "t2", "Medway South", "medway", "m2"],
        ["cw1", "Cat Testworker", "social_worker", "tc", "Camden Test Team", "camden", ""],
    ],
    "children.csv": [
        ["ch1", "Amelia", "Kestrel", "2015-03-02", "N"],
        ["ch2", "Bobby", "Lark", "2012-07-19", "Y"],
        ["ch3", "Amelia", "Kite", "2016-04-04", "N"],
        ["ch4", "Casey", "Wren", "2014-01-01", "N"],
        ["ch5", "Dana", "Southwell", "2013-02-02", "N"],
        ["ch6", "Eli", "Fixture", "2018-08-08", "N"],
    ],
    "cases.csv": [
        ["c1", "ch1", "w1", "standard", "2026-09-01"],
        ["c2", "ch2", "w2", "disability_welfare", "2026-08-03"],
        ["c3", "ch3", "w2", "standard", "2026-10-05"],
        ["c4", "ch4", "w1", "standard", "2026-01-05"],
        ["c5", "ch5", "w3", "standard", "2026-09-01"],
        ["c6", "ch6", "cw1", "standard", "2026-10-01"],
    ],
    "events.csv": [
        ["c1", "assessment_completed", "2026-10-01", "", "", ""],
        ["c1", "initial_cin_meeting", "2026-10-08", "", "", ""],
        ["c1", "plan_circulated", "2026-10-09", "", "", ""],
        ["c1", "visit", "2026-11-05", "Y", "Y", ""],
        ["c2", "assessment_completed", "2026-08-20", "", "", ""],
        ["c2", "initial_cin_meeting", "2026-08-27", "", "", ""],
        ["c2", "visit", "2026-10-01", "Y", "N", ""],
        ["c3", "assessment_completed", "2026-10-20", "", "", ""],
        ["c3", "initial_cin_meeting", "2026-10-27", "", "", ""],
        ["c3", "visit", "2026-11-10", "Y", "N", ""],
        ["c4", "assessment_completed", "2026-02-01", "", "", ""],
        ["c4", "case_closed", "2026-06-01", "", "", ""],
        ["c5", "assessment_completed", "2026-09-20", "", "", ""],
        ["c5", "initial_cin_meeting", "2026-09-25", "", "", ""],
        ["c5", "visit", "2026-11-02", "Y", "Y", ""],
        ["c6", "visit", "2026-10-05", "Y", "Y", ""],
        ["c6", "assessment_completed", "2026-10-20", "", "", ""],
        ["c6", "initial_cin_meeting", "2026-10-26", "", "", ""],
    ],
}


def write_data(directory: Path, data: Optional[Dict[str, List[List[str]]]] = None) -> Path:
    """The caseload (``DATA`` unless given) as exchange-format CSV files in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in (DATA if data is None else data).items():
        with (directory / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS[name])
            writer.writerows(rows)
    return directory


@pytest.fixture
def store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """A store holding the synthetic caseload above."""
    opened = open_store(store_url)
    try:
        import_csv(opened, write_data(tmp_path / "csv"))
        yield opened
    finally:
        opened.close()


@contextlib.contextmanager
def store_with(
    store_url: str,
    directory: Path,
    children: List[List[str]],
    cases: List[List[str]],
) -> Iterator[Store]:
    """The caseload above plus more children and their cases (rows as in children.csv and cases.csv)."""
    data = copy.deepcopy(DATA)
    data["children.csv"] += children
    data["cases.csv"] += cases
    opened = open_store(store_url)
    try:
        import_csv(opened, write_data(directory / "csv", data))
        yield opened
    finally:
        opened.close()


SETS = Path(__file__).resolve().parents[2] / "evaluation" / "sets"


def plain_words(text: str) -> str:
    """A sentence as compared with the evaluation sets: lower-case words and digits only."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.fixture(scope="session")
def evaluation_sentences() -> FrozenSet[str]:
    """Every string of every evaluation set (as :func:`plain_words`): no training example may be one of them."""
    return frozenset(
        plain_words(s)
        for path in SETS.rglob("*.yml")
        for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    )

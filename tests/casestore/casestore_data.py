"""A small, obviously synthetic caseload for the case store tests.

Every name is made up ("Testworker", "Fixture", "Placeholder"); no real child
or worker is described. The files are held as lists of cells so a test can
break one row and know the line number it broke (header = line 1).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Dict, List, Sequence

from sqlalchemy import select

from assistant.casestore import Store
from assistant.casestore.models import Base

Rows = List[List[str]]

HEADERS: Dict[str, List[str]] = {
    "workers.csv": ["worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"],
    "children.csv": ["child_id", "first_name", "last_name", "birth_date", "disabled"],
    "cases.csv": ["case_id", "child_id", "worker_id", "category", "referral_date"],
    "events.csv": ["case_id", "event", "date", "child_seen", "seen_alone", "note"],
}

# Team T1: manager mgr1; w1, w2 and supervisor sup1. Team T2: manager mgr2; w3, w4.
# sup1 manages w2 and w3 (w3 sits in the other team), so sup1 is a manager by reports.
BASE: Dict[str, Rows] = {
    "workers.csv": [
        ["mgr1", "Tess Testmanager", "team_manager", "T1", "Test Team North", "medway", ""],
        ["w1", "Wendy Testworker", "social_worker", "T1", "Test Team North", "medway", "mgr1"],
        ["w2", "Walter Testworker", "asye", "T1", "Test Team North", "medway", "sup1"],
        ["sup1", "Pat Testsupervisor", "practice_supervisor", "T1", "Test Team North", "medway", "mgr1"],
        ["w3", "Xena Testworker", "social_worker", "T2", "Test Team South", "medway", "sup1"],
        ["w4", "Yuri Testworker", "senior_practitioner", "T2", "Test Team South", "medway", "mgr2"],
        ["mgr2", "Tom Testmanager", "team_manager", "T2", "Test Team South", "medway", ""],
    ],
    "children.csv": [
        ["ch1", "Pip", "Fixture", "2015-03-01", "N"],
        ["ch2", "Pip", "Placeholder", "2017-07-20", "Y"],
        ["ch3", "Amelia", "Testcase", "2012-11-30", "N"],
        ["ch4", "Zed", "Example", "", "N"],
        ["ch5", "Olive", "Sample", "2019-01-01", "Y"],
        ["ch6", "Quinn", "Dummy", "2011-05-05", "N"],
    ],
    "cases.csv": [
        ["c1", "ch1", "w1", "standard", "2026-01-05"],
        ["c2", "ch2", "w2", "disability", "2026-02-10"],
        ["c3", "ch3", "w1", "standard", "2025-09-01"],
        ["c4", "ch4", "", "standard", "2026-10-01"],
        ["c5", "ch5", "w3", "disability_welfare", "2026-03-03"],
        ["c6", "ch6", "w4", "standard", "2026-04-04"],
    ],
    "events.csv": [
        ["c1", "visit", "2026-03-01", "Y", "Y", "Synthetic note, with a comma"],
        ["c1", "assessment_completed", "2026-02-01", "", "", ""],
        ["c1", "initial_cin_meeting", "2026-02-10", "", "", ""],
        ["c1", "visit", "2026-03-01", "Y", "N", ""],
        ["c2", "visit", "2026-02-20", "N", "", "not at home (synthetic)"],
        ["c3", "case_closed", "2026-01-01", "", "", ""],
        ["c5", "supervision", "2026-04-01", "", "", ""],
        ["c6", "visit", "2026-05-01", "Y", "Y", ""],
    ],
}

# A second authority, imported on its own: nothing here is visible from medway.
KENT: Dict[str, Rows] = {
    "workers.csv": [["k1", "Kim Testworker", "social_worker", "K1", "Test Team East", "kent", ""]],
    "children.csv": [["kch1", "Pip", "Otherplace", "2016-06-06", "N"]],
    "cases.csv": [["kc1", "kch1", "k1", "standard", "2026-05-05"]],
    "events.csv": [],
}


def dataset(base: Dict[str, Rows] = BASE) -> Dict[str, Rows]:
    """A deep copy a test may change freely."""
    return copy.deepcopy(base)


def write_dataset(directory: Path, files: Dict[str, Rows], headers: Dict[str, Sequence[str]] = HEADERS) -> Path:
    """Write the files as a council would (quoted only where needed, UTF-8)."""
    import csv

    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        with (directory / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(headers[name])
            writer.writerows(rows)
    return directory


def snapshot(store: Store) -> Dict[str, list]:
    """Every row of every table, in key order: equal snapshots mean an unchanged store."""
    result: Dict[str, list] = {}
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            result[table.name] = [tuple(row) for row in connection.execute(select(table).order_by(*order))]
    return result

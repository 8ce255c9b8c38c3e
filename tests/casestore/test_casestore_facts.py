"""The store's aggregate facts must say exactly what the full histories say.

Reports over a whole authority use the SQL summary; the chat uses histories.
If they disagreed, a manager's report and a worker's chat would give
different due dates for the same child.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.casestore import CaseFacts, Store, import_csv
from assistant.casestore.demo import generate_demo, write_demo_csv

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo_store(store: Store, tmp_path: Path) -> Store:
    write_demo_csv(generate_demo(11, today=TODAY), tmp_path / "demo")
    import_csv(store, tmp_path / "demo")
    return store


@pytest.mark.parametrize("as_of", [TODAY, dt.date(2026, 6, 1), dt.date(2025, 12, 24)])
def test_sql_facts_equal_facts_from_histories_for_every_authority(demo_store: Store, as_of: dt.date) -> None:
    compared = 0
    for authority in ("practice_matters", "kent", "medway", "camden"):
        summarised = demo_store.open_case_facts_for_authority(authority, as_of)
        histories = demo_store.open_cases_for_authority(authority)
        assert [f.case_id for f in summarised] == [c.case_id for c in histories]
        for facts, case in zip(summarised, histories):
            assert facts == CaseFacts.from_history(case, as_of), case.case_id
            compared += 1
    assert compared > 200  # a real caseload, with visits, reviews, step-downs and circulations

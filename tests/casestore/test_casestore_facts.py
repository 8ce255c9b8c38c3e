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
from assistant.casestore.exchange.demo import generate_demo, write_demo_csv

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


# --- the summary table (case_facts) behind the authority-wide list --------------------

from sqlalchemy import func, insert, select  # noqa: E402

from assistant.casestore.models import CaseFactsRow, Event  # noqa: E402
from assistant.domain.engine import due_report, open_items, policy_for  # noqa: E402
from assistant.rules import policies  # noqa: E402
from assistant.services import caseload  # noqa: E402

AUTHORITIES = ("practice_matters", "kent", "medway", "camden")


def summary_rows(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(CaseFactsRow)).scalar_one()


def facts_agree_with_histories(store: Store, as_of: dt.date) -> int:
    compared = 0
    for authority in AUTHORITIES:
        histories = {c.case_id: c for c in store.open_cases_for_authority(authority)}
        for facts in store.open_case_facts_for_authority(authority, as_of):
            assert facts == CaseFacts.from_history(histories[facts.case_id], as_of), facts.case_id
            compared += 1
    return compared


@pytest.mark.parametrize("overdue_only", [True, False])
def test_authority_list_equals_the_per_case_path(demo_store: Store, overdue_only: bool) -> None:
    """due_for_authority (summary rows, batched engine) == every case's full history through open_items."""
    loaded = policies()
    listed = 0
    for phrase in ("this week", "this month"):
        window = caseload.window_for(phrase, TODAY)
        for authority in AUTHORITIES:
            fast = caseload.due_for_authority(demo_store, authority, TODAY, window, overdue_only=overdue_only)
            cases = demo_store.open_cases_for_authority(authority)
            assert fast == due_report(cases, TODAY, window, loaded, overdue_only=overdue_only)
            per_case = [
                i
                for case in cases
                for i in open_items(case, policy_for(authority, loaded), TODAY)
                if (i.due < TODAY and not i.one_off) or (not overdue_only and window.start <= i.due <= window.end)
            ]
            per_case.sort(key=lambda i: (i.due, i.child_name, i.case_id, i.item))
            assert list(fast.items) == per_case
            for item in ("visit", "oversight"):
                assert caseload.due_for_authority(
                    demo_store, authority, TODAY, window, item, overdue_only
                ) == due_report(cases, TODAY, window, policies(), item, overdue_only)
            listed += len(fast.items)
    assert listed > 100


def test_import_fills_the_summary_for_every_case_with_events(demo_store: Store) -> None:
    with demo_store.engine.connect() as connection:
        with_events = connection.execute(select(func.count(func.distinct(Event.case_id)))).scalar_one()
    assert summary_rows(demo_store) == with_events > 200


def test_summary_follows_appended_events(demo_store: Store) -> None:
    case = next(c for c in demo_store.open_cases_for_authority("kent") if c.worker_id)
    scope = demo_store.scope_for(case.worker_id)
    demo_store.append_event(scope, case.case_id, "visit", TODAY, child_seen=True, seen_alone=True)
    demo_store.append_event(scope, case.case_id, "cin_review", TODAY)
    facts = {f.case_id: f for f in demo_store.open_case_facts_for_authority("kent", TODAY)}[case.case_id]
    assert facts.last_seen_visit == TODAY and facts.last_cin_review == TODAY
    assert ("cin_review", TODAY) in facts.uncirculated_meetings
    assert facts_agree_with_histories(demo_store, TODAY) > 200


def test_summary_catches_up_with_events_written_around_the_store(demo_store: Store) -> None:
    """Rows added without the store (a DBA's script) are summarised before the next report."""
    case = demo_store.open_cases_for_authority("medway")[0]
    with demo_store.engine.begin() as connection:
        connection.execute(
            insert(Event),
            [
                {
                    "case_id": case.case_id,
                    "event": "case_summary",
                    "date": TODAY,
                    "child_seen": None,
                    "seen_alone": None,
                    "note": "",
                    "source": "csv",
                    "recorded_at": dt.datetime(2026, 11, 23, 9),
                }
            ],
        )
    facts = {f.case_id: f for f in demo_store.open_case_facts_for_authority("medway", TODAY)}[case.case_id]
    assert facts.last_case_summary == TODAY
    assert facts_agree_with_histories(demo_store, TODAY) > 200


def test_a_store_from_before_the_summary_is_summarised_on_first_report(demo_store: Store) -> None:
    with demo_store.engine.begin() as connection:
        connection.execute(CaseFactsRow.__table__.delete())
        connection.execute(CaseFactsRow.__table__.metadata.tables["case_facts_state"].update().values(last_event_id=0))
    assert summary_rows(demo_store) == 0
    assert facts_agree_with_histories(demo_store, TODAY) > 200
    assert summary_rows(demo_store) > 200


def test_reimport_with_a_later_referral_date_changes_the_first_visit(demo_store: Store, tmp_path: Path) -> None:
    """The summary keeps the last visit, not "visited since referral", so a corrected referral date counts."""
    import csv

    folder = tmp_path / "demo"
    with open(folder / "cases.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    moved = 0
    for row in body:
        row[header.index("referral_date")] = TODAY.isoformat()
        moved += 1
    with open(folder / "cases.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    import_csv(demo_store, folder)
    assert moved > 200
    assert facts_agree_with_histories(demo_store, TODAY) > 200
    assert any(not f.visited_since_referral for f in demo_store.open_case_facts_for_authority("kent", TODAY))

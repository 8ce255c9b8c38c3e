"""Scoped queries on the synthetic caseload: who sees what, child look-up, histories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List

import pytest
from casestore_data import KENT, dataset, write_dataset
from sqlalchemy import event

from assistant.casestore import (
    Store,
    UnknownCaseError,
    UnknownWorkerError,
    import_csv,
)


def case_ids(cases) -> List[str]:
    return [case.case_id for case in cases]


# --- scope -----------------------------------------------------------------------


def test_worker_sees_only_their_own(loaded: Store) -> None:
    scope = loaded.scope_for("w1")
    assert scope.worker_ids == {"w1"}
    assert not scope.is_manager and scope.unallocated_authority is None
    assert case_ids(loaded.open_cases_for_scope(scope)) == ["c1"]  # c3 is closed


def test_team_manager_sees_team_and_unallocated(loaded: Store) -> None:
    scope = loaded.scope_for("mgr1")
    assert scope.worker_ids == {"mgr1", "w1", "w2", "sup1"}
    assert scope.is_manager and scope.unallocated_authority == "medway"
    assert case_ids(loaded.open_cases_for_scope(scope)) == ["c1", "c2", "c4"]


def test_named_manager_sees_team_and_direct_reports_elsewhere(loaded: Store) -> None:
    """sup1 is a practice supervisor but manages w2 and w3 (w3 is in the other team)."""
    scope = loaded.scope_for("sup1")
    assert scope.is_manager
    assert scope.worker_ids == {"sup1", "mgr1", "w1", "w2", "w3"}
    assert case_ids(loaded.open_cases_for_scope(scope)) == ["c1", "c2", "c4", "c5"]


def test_other_team_manager(loaded: Store) -> None:
    scope = loaded.scope_for("mgr2")
    assert scope.worker_ids == {"mgr2", "w3", "w4"}
    assert case_ids(loaded.open_cases_for_scope(scope)) == ["c4", "c5", "c6"]


def test_unknown_worker_is_an_error(loaded: Store) -> None:
    with pytest.raises(UnknownWorkerError):
        loaded.scope_for("nobody")


def test_other_authority_is_invisible(loaded: Store, tmp_path: Path) -> None:
    import_csv(loaded, write_dataset(tmp_path / "kent", dataset(KENT)))
    medway_manager = loaded.scope_for("mgr1")
    assert "kc1" not in case_ids(loaded.open_cases_for_scope(medway_manager))
    assert [m.child.child_id for m in loaded.find_children(medway_manager, "pip")] == ["ch1", "ch2"]
    kent = loaded.scope_for("k1")
    assert case_ids(loaded.open_cases_for_scope(kent)) == ["kc1"]
    assert case_ids(loaded.open_cases_for_authority("kent")) == ["kc1"]
    assert "kc1" not in case_ids(loaded.open_cases_for_authority("medway"))


# --- cases and histories -----------------------------------------------------------


def test_open_cases_for_worker_carry_child_and_history(loaded: Store) -> None:
    [case] = loaded.open_cases_for_worker("w1")
    assert case.case_id == "c1" and case.worker_id == "w1" and case.authority_id == "medway"
    assert case.category == "standard" and case.referral_date == dt.date(2026, 1, 5)
    assert case.child.child_id == "ch1" and case.child.display_name == "Pip F"
    assert case.child.birth_date == dt.date(2015, 3, 1) and case.child.disabled is False
    assert case.is_open
    assert [(e.event, e.date.isoformat(), e.child_seen, e.seen_alone) for e in case.events] == [
        ("assessment_completed", "2026-02-01", None, None),
        ("initial_cin_meeting", "2026-02-10", None, None),
        ("visit", "2026-03-01", True, True),  # file order breaks the tie
        ("visit", "2026-03-01", True, False),
    ]
    assert case.events[2].note == "Synthetic note, with a comma"
    assert {e.source for e in case.events} == {"csv"}


def test_open_cases_for_workers_and_authority(loaded: Store) -> None:
    assert case_ids(loaded.open_cases_for_workers(["w1", "w2"])) == ["c1", "c2"]
    assert case_ids(loaded.open_cases_for_workers(["w1"], unallocated_authority="medway")) == ["c1", "c4"]
    assert loaded.open_cases_for_workers([]) == []
    assert case_ids(loaded.open_cases_for_authority("medway")) == ["c1", "c2", "c4", "c5", "c6"]
    assert case_ids(loaded.open_cases_for_authority("medway", include_unallocated=False)) == ["c1", "c2", "c5", "c6"]
    [unallocated] = [c for c in loaded.open_cases_for_authority("medway") if c.worker_id is None]
    assert unallocated.case_id == "c4" and unallocated.child.birth_date is None


def test_histories_of_many_cases_take_two_queries(loaded: Store) -> None:
    statements: List[str] = []

    def count(conn, cursor, statement, *rest) -> None:
        statements.append(statement)

    event.listen(loaded.engine, "before_cursor_execute", count)
    try:
        cases = loaded.open_cases_for_authority("medway")
    finally:
        event.remove(loaded.engine, "before_cursor_execute", count)
    assert len(cases) == 5 and sum(len(c.events) for c in cases) == 7
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


def test_cases_by_id_respects_scope(loaded: Store) -> None:
    w1 = loaded.scope_for("w1")
    [closed] = loaded.cases(["c3"], scope=w1)
    assert not closed.is_open and closed.events[-1].event == "case_closed"
    assert loaded.cases(["c2"], scope=w1) == loaded.cases(["nope"], scope=w1) == []
    assert case_ids(loaded.cases(["c2", "c1"])) == ["c1", "c2"]


# --- workers ------------------------------------------------------------------------


def test_worker_and_team_workers(loaded: Store) -> None:
    worker = loaded.worker("w1")
    assert worker is not None
    assert (worker.name, worker.role, worker.team_id, worker.team_name, worker.authority_id, worker.manager_id) == (
        "Wendy Testworker",
        "social_worker",
        "T1",
        "Test Team North",
        "medway",
        "mgr1",
    )
    assert loaded.worker("nobody") is None
    assert [w.worker_id for w in loaded.team_workers("T1")] == ["sup1", "mgr1", "w2", "w1"]  # by name
    assert loaded.team_workers("T9") == []


# --- finding a child -----------------------------------------------------------------


def found(store: Store, viewer: str, text: str) -> List[str]:
    return [match.child.child_id for match in store.find_children(store.scope_for(viewer), text)]


def test_two_children_with_the_same_first_name_are_both_returned(loaded: Store) -> None:
    matches = loaded.find_children(loaded.scope_for("mgr1"), "Pip")
    assert [(m.child.first_name, m.child.last_name) for m in matches] == [("Pip", "Fixture"), ("Pip", "Placeholder")]
    assert [[c.case_id for c in m.cases] for m in matches] == [["c1"], ["c2"]]


@pytest.mark.parametrize(
    "text",
    ["pip", "PIP", "Pi", "  pip  ", "pip fixture", "Pip Fixture", "pip f", "pi fix", "fixture", "ch1", "C1"],
)
def test_ways_to_name_a_child(loaded: Store, text: str) -> None:
    assert found(loaded, "w1", text) == ["ch1"]


def test_out_of_scope_child_looks_exactly_like_a_missing_one(loaded: Store) -> None:
    scope = loaded.scope_for("w1")
    missing = loaded.find_children(scope, "Nobody Nonexistent")
    assert missing == []
    for text in ["Pip Placeholder", "placeholder", "ch2", "c2", "Olive", "Zed"]:
        assert loaded.find_children(scope, text) == missing
    with pytest.raises(UnknownCaseError) as out_of_scope:
        loaded.append_event(scope, "c2", "supervision", dt.date(2026, 6, 1))
    with pytest.raises(UnknownCaseError) as absent:
        loaded.append_event(scope, "c999", "supervision", dt.date(2026, 6, 1))
    assert type(out_of_scope.value) is type(absent.value)
    assert str(out_of_scope.value).replace("c2", "X") == str(absent.value).replace("c999", "X")


def test_closed_and_unallocated_cases_in_look_up(loaded: Store) -> None:
    [amelia] = loaded.find_children(loaded.scope_for("w1"), "amelia")
    assert [(c.case_id, c.is_open) for c in amelia.cases] == [("c3", False)]
    assert found(loaded, "mgr1", "zed") == ["ch4"]  # unallocated: managers see it
    assert found(loaded, "w1", "zed") == []


@pytest.mark.parametrize("text", ["%", "_ip", "p%", "", "   "])
def test_wildcards_and_blanks_match_nothing(loaded: Store, text: str) -> None:
    assert found(loaded, "mgr1", text) == []


# --- recording ---------------------------------------------------------------------------


def test_append_event_is_scoped_and_idempotent(loaded: Store) -> None:
    scope = loaded.scope_for("w1")
    before = loaded.counts()["events"]
    first = loaded.append_event(
        scope, "c1", "visit", dt.date(2026, 6, 1), child_seen=True, seen_alone=False, note=" synthetic "
    )
    again = loaded.append_event(
        scope, "c1", "visit", dt.date(2026, 6, 1), child_seen=True, seen_alone=False, note="synthetic"
    )
    assert first == again and first.source == "chat" and first.note == "synthetic"
    assert loaded.counts()["events"] == before + 1
    assert loaded.open_cases_for_worker("w1")[0].events[-1] == first


def test_append_event_rejects_bad_fields(loaded: Store) -> None:
    scope = loaded.scope_for("w1")
    for kwargs in (
        dict(event="visited"),
        dict(event="visit"),  # child_seen missing
        dict(event="visit", child_seen=False, seen_alone=True),
        dict(event="supervision", child_seen=True),
        dict(event="supervision", source="email"),
    ):
        with pytest.raises(ValueError):
            loaded.append_event(scope, "c1", date=dt.date(2026, 6, 1), **kwargs)


def test_closing_a_case_removes_it_from_open_lists(loaded: Store) -> None:
    manager = loaded.scope_for("mgr1")
    loaded.append_event(manager, "c4", "case_closed", dt.date(2026, 11, 1))
    assert case_ids(loaded.open_cases_for_scope(manager)) == ["c1", "c2"]
    [zed] = loaded.find_children(manager, "zed")
    assert zed.cases[0].is_open is False

"""The synthetic demo caseload: deterministic, plausible, and importable as it stands.

A small seed only; the 100,000-children run is measured by hand
(``python -m assistant.casestore.exchange.demo --children 100000 ...``), not here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

import pytest

from assistant.casestore import (
    CATEGORIES,
    COLUMNS,
    EVENTS,
    ROLES,
    STEP_DOWN_EVENTS,
    Counts,
    Store,
    import_csv,
)
from assistant.casestore.exchange.demo import (
    CASE_HOLDING_ROLES,
    DEFAULT_AUTHORITIES,
    FIRST_NAMES,
    LAST_NAMES,
    DemoData,
    generate_demo,
    write_demo_csv,
)

TODAY = dt.date(2026, 11, 23)
FILES = ("workers.csv", "children.csv", "cases.csv", "events.csv")


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate_demo(11, today=TODAY)


def csv_bytes(data: DemoData, directory: Path) -> Dict[str, bytes]:
    write_demo_csv(data, directory)
    return {name: (directory / name).read_bytes() for name in FILES}


def open_case_ids(data: DemoData) -> set:
    closed = {row[0] for row in data.events if row[1] == "case_closed"}
    return {row[0] for row in data.cases} - closed


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path, demo: DemoData) -> None:
    first = csv_bytes(demo, tmp_path / "a")
    again = csv_bytes(generate_demo(11, today=TODAY), tmp_path / "b")
    other = csv_bytes(generate_demo(12, today=TODAY), tmp_path / "c")
    assert first == again
    assert all(first[name] != other[name] for name in FILES)
    assert csv_bytes(generate_demo(11, today=TODAY + dt.timedelta(days=1)), tmp_path / "d") != first
    header = first["events.csv"].split(b"\n", 1)[0].decode()
    assert header == ",".join(COLUMNS["events.csv"])


def test_every_authority_has_teams_and_workers_in_every_role(demo: DemoData) -> None:
    authorities = Counter(row[5] for row in demo.workers)
    assert set(authorities) == set(DEFAULT_AUTHORITIES)
    teams = {(row[3], row[5]) for row in demo.workers}
    assert Counter(authority for _, authority in teams) == {a: 2 for a in DEFAULT_AUTHORITIES}
    assert {row[2] for row in demo.workers} == set(ROLES)
    by_id = {row[0]: row for row in demo.workers}
    for _worker_id, name, role, team_id, _team_name, _authority, manager_id in demo.workers:
        if role == "team_manager":
            assert manager_id is None
        else:  # everyone else reports to someone in the same team
            assert manager_id in by_id and by_id[manager_id][3] == team_id
        assert name.split(" ")[0] in FIRST_NAMES and name.split(" ")[1] in LAST_NAMES


def test_each_case_holder_has_15_to_25_open_cases_and_every_case_a_worker(demo: DemoData) -> None:
    open_ids = open_case_ids(demo)
    load: Counter = Counter(row[2] for row in demo.cases if row[0] in open_ids)
    holders = [row[0] for row in demo.workers if row[2] in CASE_HOLDING_ROLES]
    assert holders and all(15 <= load[worker] <= 25 for worker in holders), sorted(load[w] for w in holders)
    assert set(load) == set(holders)  # managers and care workers hold no open cases
    assert all(row[2] for row in demo.cases)  # the importer needs a worker on every case


def test_children_scale_exactly_and_keep_caseloads_in_range() -> None:
    data = generate_demo(5, today=TODAY, children=1500)
    assert len(data.children) == 1500
    open_ids = open_case_ids(data)
    load: Counter = Counter(row[2] for row in data.cases if row[0] in open_ids)
    holders = [row[0] for row in data.workers if row[2] in CASE_HOLDING_ROLES]
    assert all(15 <= load[worker] <= 25 for worker in holders)
    assert {row[5] for row in data.workers} == set(DEFAULT_AUTHORITIES)


def test_the_files_import_cleanly_into_a_fresh_store(store: Store, tmp_path: Path, demo: DemoData) -> None:
    written = write_demo_csv(demo, tmp_path / "demo")
    report = import_csv(store, tmp_path / "demo")
    assert report.files == {name: Counts(added=written[name]) for name in FILES}
    assert report.authorities == Counts(added=4) and report.teams == Counts(added=8)
    counts = store.counts()
    assert counts["cases"] == len(demo.cases) and counts["events"] == len(demo.events)
    for authority in DEFAULT_AUTHORITIES:
        assert store.open_cases_for_authority(authority)
    again = import_csv(store, tmp_path / "demo")
    assert not again.changed


def test_codes_dates_and_flags_are_well_formed(demo: DemoData) -> None:
    referral = {row[0]: row[4] for row in demo.cases}
    birth = {row[0]: row[3] for row in demo.children}
    child_of = {row[0]: row[1] for row in demo.cases}
    assert {row[3] for row in demo.cases} <= set(CATEGORIES)
    for case_id, event, date, seen, alone, _note in demo.events:
        assert event in EVENTS
        assert referral[case_id] <= date <= TODAY
        if event == "visit":
            assert seen is not None and not (alone and not seen)
        else:
            assert seen is None and alone is None
    for _case_id, child_id, _, _, when in demo.cases:
        assert birth[child_id] is None or birth[child_id] < when <= TODAY
    assert len(set(demo.events)) == len(demo.events)  # an event's identity is unique
    assert all(child_of[case_id] for case_id in referral)


def test_medway_has_each_disability_level_and_practice_matters_low_risk(demo: DemoData) -> None:
    authority_of = {row[0]: row[5] for row in demo.workers}
    disabled = {row[0]: row[4] for row in demo.children}
    by_authority: Dict[str, Counter] = defaultdict(Counter)
    for _case_id, child_id, worker_id, category, _ in demo.cases:
        by_authority[authority_of[worker_id]][category] += 1
        if category != "standard":
            assert disabled[child_id]
    for category in ("disability_review", "disability", "disability_welfare"):
        assert by_authority["medway"][category] > 0, category
    assert by_authority["practice_matters"]["disability_low_risk"] > 0
    assert set(by_authority["kent"]) == {"standard"} and set(by_authority["camden"]) == {"standard"}


def test_camden_has_step_downs_by_every_route(demo: DemoData) -> None:
    authority_of_worker = {row[0]: row[5] for row in demo.workers}
    authority_of_case = {row[0]: authority_of_worker[row[2]] for row in demo.cases}
    routes: Dict[str, Counter] = defaultdict(Counter)
    for case_id, event, *_ in demo.events:
        if event in STEP_DOWN_EVENTS:
            routes[authority_of_case[case_id]][event] += 1
    assert set(routes["camden"]) == set(STEP_DOWN_EVENTS)
    for route_case in [row[0] for row in demo.events if row[1] in STEP_DOWN_EVENTS]:
        events = {row[1] for row in demo.events if row[0] == route_case}
        assert "initial_cin_meeting" in events  # the CIN plan agreed at the step-down


def test_histories_look_lived_in_some_on_time_some_overdue(demo: DemoData) -> None:
    open_ids = open_case_ids(demo)
    history: Dict[str, List[tuple]] = defaultdict(list)
    for row in demo.events:
        history[row[0]].append(row)
    six_weeks = TODAY - dt.timedelta(weeks=6)
    overdue = on_time = in_assessment = 0
    category = {row[0]: row[3] for row in demo.cases}
    for case_id in open_ids:
        events = history[case_id]
        codes = {row[1] for row in events}
        if "assessment_completed" not in codes:
            in_assessment += 1
            continue
        seen = [row[2] for row in events if row[1] == "visit" and row[3]]
        started = [row[2] for row in events if row[1] == "initial_cin_meeting"]
        if started and max(started) < six_weeks and category[case_id] == "standard":
            if not seen or max(seen) < six_weeks:
                overdue += 1
            else:
                on_time += 1
    assert in_assessment > 0  # some assessments still in progress
    assert overdue > 0  # a last seen visit older than 6 weeks on an open CIN case
    assert on_time > 3 * overdue  # but mostly on time (standard cases: visits every 3-6 weeks)
    codes = Counter(row[1] for row in demo.events)
    for code in (
        "visit",
        "assessment_completed",
        "initial_cin_meeting",
        "cin_review",
        "plan_circulated",
        "supervision",
        "case_summary",
        "case_closed",
    ):
        assert codes[code] > 0, code
    seen_flags = Counter((row[3], row[4]) for row in demo.events if row[1] == "visit")
    assert seen_flags[(True, True)] > seen_flags[(True, False)] > seen_flags[(False, False)] > 0
    assert len(open_ids) < len(demo.cases)  # some cases are closed


def test_some_children_have_an_earlier_closed_episode(demo: DemoData) -> None:
    cases_per_child = Counter(row[1] for row in demo.cases)
    assert any(count > 1 for count in cases_per_child.values())
    assert len(demo.children) == len(cases_per_child)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        generate_demo(1, today=TODAY, authorities=())
    with pytest.raises(ValueError):
        generate_demo(1, today=TODAY, children=0)
    with pytest.raises(ValueError):
        generate_demo(1, today=TODAY, teams_per_authority=0)

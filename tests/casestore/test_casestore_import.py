"""The CSV import (spec §4): all or nothing, every problem named, idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List

import pytest
from casestore_data import HEADERS, KENT, Rows, dataset, snapshot, write_dataset

from assistant.casestore import Counts, CsvImportError, Store, export_csv, import_csv, open_store
from assistant.casestore.exchange.csv_import import MAX_PROBLEMS


def line_of(index: int) -> int:
    """The file line of a data row (header is line 1)."""
    return index + 2


def test_import_fills_an_empty_store(store: Store, base_dir: Path) -> None:
    report = import_csv(store, base_dir)
    assert report.files == {
        "workers.csv": Counts(added=7),
        "children.csv": Counts(added=6),
        "cases.csv": Counts(added=6),
        "events.csv": Counts(added=8),
    }
    assert report.teams == Counts(added=2) and report.authorities == Counts(added=1)
    assert store.counts() == {"authorities": 1, "teams": 2, "workers": 7, "children": 6, "cases": 6, "events": 8}
    assert "workers.csv: added 7, updated 0, unchanged 0" in report.summary()
    assert "Pip" not in report.summary()  # counts only, never names


def test_reimport_changes_nothing(loaded: Store, base_dir: Path) -> None:
    before = snapshot(loaded)
    report = import_csv(loaded, base_dir)
    assert not report.changed
    assert report.files["workers.csv"] == Counts(unchanged=7)
    assert report.files["events.csv"] == Counts(unchanged=8)
    assert report.teams == Counts(unchanged=2) and report.authorities == Counts(unchanged=1)
    assert snapshot(loaded) == before


def test_reimport_updates_changed_names_and_allocations(loaded: Store, tmp_path: Path) -> None:
    files = dataset()
    files["workers.csv"][1][1] = "Wendy Renamed-Testworker"
    files["workers.csv"][2][6] = "mgr1"  # w2 now managed by mgr1
    files["cases.csv"][1][2] = "w1"  # c2 reallocated from w2 to w1
    files["cases.csv"][3][2] = "w4"  # c4 allocated
    files["children.csv"][3][3] = "2020-02-29"  # a birth date learnt
    files["events.csv"].append(["c1", "supervision", "2026-04-15", "", "", ""])
    before = snapshot(loaded)
    report = import_csv(loaded, write_dataset(tmp_path / "changed", files))
    assert report.files == {
        "workers.csv": Counts(updated=2, unchanged=5),
        "children.csv": Counts(updated=1, unchanged=5),
        "cases.csv": Counts(updated=2, unchanged=4),
        "events.csv": Counts(added=1, unchanged=8),
    }
    after = snapshot(loaded)
    assert after["authorities"] == before["authorities"] and after["teams"] == before["teams"]
    assert after["events"][:8] == before["events"]  # history only grows
    assert loaded.worker("w1").name == "Wendy Renamed-Testworker"
    assert loaded.worker("w2").manager_id == "mgr1"
    assert [c.case_id for c in loaded.open_cases_for_worker("w1")] == ["c1", "c2"]
    assert [c.case_id for c in loaded.open_cases_for_worker("w4")] == ["c4", "c6"]
    assert loaded.cases(["c4"])[0].authority_id == "medway"


def test_files_may_refer_to_rows_already_stored(loaded: Store, tmp_path: Path) -> None:
    files: Dict[str, Rows] = {
        "workers.csv": [],
        "children.csv": [["ch7", "Rue", "Mockwell", "2018-08-08", "N"]],
        "cases.csv": [["c7", "ch7", "w1", "standard", "2026-09-09"], ["c8", "ch7", "", "standard", "2026-09-10"]],
        "events.csv": [["c1", "cin_review", "2026-05-01", "", "", ""]],
    }
    report = import_csv(loaded, write_dataset(tmp_path / "delta", files))
    assert report.files["cases.csv"] == Counts(added=2)
    assert loaded.cases(["c8"])[0].authority_id == "medway"  # the store's only authority


def test_unallocated_new_case_needs_a_single_authority(store: Store, tmp_path: Path) -> None:
    files = dataset()
    files["workers.csv"] += KENT["workers.csv"]
    with pytest.raises(CsvImportError) as failure:
        import_csv(store, write_dataset(tmp_path / "two", files))
    assert [(p.file, p.line) for p in failure.value.problems] == [("cases.csv", line_of(3))]
    assert "authority is unknown" in failure.value.problems[0].reason


def test_dry_run_counts_but_writes_nothing(store: Store, base_dir: Path) -> None:
    report = import_csv(store, base_dir, dry_run=True)
    assert report.dry_run and report.files["children.csv"] == Counts(added=6)
    assert set(store.counts().values()) == {0}


def test_export_round_trips(loaded: Store, tmp_path: Path) -> None:
    first = tmp_path / "export1"
    written = export_csv(loaded, first)
    assert written == {"workers.csv": 7, "children.csv": 6, "cases.csv": 6, "events.csv": 8}
    assert not import_csv(loaded, first).changed  # its own export is a no-op
    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        import_csv(other, first)
        second = tmp_path / "export2"
        export_csv(other, second)
    finally:
        other.close()
    for name in written:
        assert (first / name).read_bytes() == (second / name).read_bytes()


# --- refusals -------------------------------------------------------------------------

Mutation = Callable[[Dict[str, Rows]], None]


def _set(file: str, row: int, column: str, value: str) -> Mutation:
    def mutate(files: Dict[str, Rows]) -> None:
        files[file][row][HEADERS[file].index(column)] = value

    return mutate


def _append(file: str, row: List[str]) -> Mutation:
    return lambda files: files[file].append(row)


BAD_ROWS = {
    "unknown child": (
        _set("cases.csv", 2, "child_id", "ch99"),
        "cases.csv",
        line_of(2),
        "child_id 'ch99' is not a known child",
    ),
    "unknown worker": (
        _set("cases.csv", 0, "worker_id", "w99"),
        "cases.csv",
        line_of(0),
        "worker_id 'w99' is not a known worker",
    ),
    "unknown case": (
        _set("events.csv", 4, "case_id", "c99"),
        "events.csv",
        line_of(4),
        "case_id 'c99' is not a known case",
    ),
    "unknown manager": (
        _set("workers.csv", 1, "manager_id", "w99"),
        "workers.csv",
        line_of(1),
        "manager_id 'w99' is not a known worker",
    ),
    "own manager": (
        _set("workers.csv", 1, "manager_id", "w1"),
        "workers.csv",
        line_of(1),
        "manager_id is the worker's own id",
    ),
    "impossible date": (
        _set("cases.csv", 1, "referral_date", "2026-02-31"),
        "cases.csv",
        line_of(1),
        "referral_date '2026-02-31' is not a real date",
    ),
    "not leap year": (
        _set("children.csv", 0, "birth_date", "2015-02-29"),
        "children.csv",
        line_of(0),
        "birth_date '2015-02-29' is not a real date",
    ),
    "UK date": (
        _set("events.csv", 0, "date", "01/03/2026"),
        "events.csv",
        line_of(0),
        "date '01/03/2026' is not a date as YYYY-MM-DD",
    ),
    "missing date": (_set("events.csv", 1, "date", ""), "events.csv", line_of(1), "date is empty"),
    "unknown role": (_set("workers.csv", 2, "role", "wizard"), "workers.csv", line_of(2), "unknown role 'wizard'"),
    "unknown category": (
        _set("cases.csv", 0, "category", "urgent"),
        "cases.csv",
        line_of(0),
        "unknown category 'urgent'",
    ),
    "unknown event": (
        _set("events.csv", 2, "event", "home_visit"),
        "events.csv",
        line_of(2),
        "unknown event 'home_visit'",
    ),
    "bad disabled": (
        _set("children.csv", 1, "disabled", "yes"),
        "children.csv",
        line_of(1),
        "disabled must be Y or N, got 'yes'",
    ),
    "empty disabled": (_set("children.csv", 1, "disabled", ""), "children.csv", line_of(1), "disabled is empty"),
    "bad child_seen": (
        _set("events.csv", 0, "child_seen", "1"),
        "events.csv",
        line_of(0),
        "child_seen must be Y or N, got '1'",
    ),
    "visit without child_seen": (
        _set("events.csv", 0, "child_seen", ""),
        "events.csv",
        line_of(0),
        "a visit needs child_seen Y or N",
    ),
    "seen alone but not seen": (
        _set("events.csv", 4, "seen_alone", "Y"),
        "events.csv",
        line_of(4),
        "seen_alone is Y but child_seen is N",
    ),
    "flags on a meeting": (
        _set("events.csv", 2, "child_seen", "Y"),
        "events.csv",
        line_of(2),
        "child_seen must be empty for initial_cin_meeting",
    ),
    "duplicate worker": (
        _append("workers.csv", ["w1", "Another Testworker", "asye", "T1", "Test Team North", "medway", ""]),
        "workers.csv",
        line_of(7),
        "duplicate worker_id 'w1' (first on line 3)",
    ),
    "duplicate child": (
        _append("children.csv", ["ch1", "Another", "Fixture", "", "N"]),
        "children.csv",
        line_of(6),
        "duplicate child_id 'ch1' (first on line 2)",
    ),
    "duplicate case": (
        _append("cases.csv", ["c1", "ch1", "w1", "standard", "2026-01-05"]),
        "cases.csv",
        line_of(6),
        "duplicate case_id 'c1' (first on line 2)",
    ),
    "duplicate event": (
        _append("events.csv", ["c1", "visit", "2026-03-01", "Y", "Y", "Synthetic note, with a comma"]),
        "events.csv",
        line_of(8),
        "the same event as line 2",
    ),
    "empty name": (_set("workers.csv", 2, "name", ""), "workers.csv", line_of(2), "name is empty"),
    "empty id": (_set("events.csv", 1, "case_id", ""), "events.csv", line_of(1), "case_id is empty"),
    "team in two places": (
        _set("workers.csv", 3, "team_name", "Test Team Elsewhere"),
        "workers.csv",
        line_of(3),
        "team 'T1' is 'Test Team Elsewhere' in 'medway' here but 'Test Team North' in 'medway' on line 2",
    ),
    "short row": (_append("cases.csv", ["c10", "ch1"]), "cases.csv", line_of(6), "expected 5 values, found 2"),
    "overlong id": (
        _set("workers.csv", 0, "team_id", "x" * 65),
        "workers.csv",
        line_of(0),
        "team_id is longer than 64 characters",
    ),
}


def assert_refused(store: Store, directory: Path, expected: List[tuple]) -> CsvImportError:
    """The import fails with exactly these (file, line, reason-start) problems and changes nothing."""
    before = snapshot(store)
    with pytest.raises(CsvImportError) as failure:
        import_csv(store, directory)
    got = [(p.file, p.line, p.reason) for p in failure.value.problems]
    assert len(got) == len(expected), got
    for (file, line, reason), (want_file, want_line, want_reason) in zip(got, expected):
        assert (file, line) == (want_file, want_line), got
        assert reason.startswith(want_reason), got
    assert snapshot(store) == before
    return failure.value


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_bad_row_refuses_the_whole_import(loaded: Store, tmp_path: Path, case: str) -> None:
    mutate, file, line, reason = BAD_ROWS[case]
    files = dataset()
    mutate(files)
    # Give every file something new, so a partial write would show in the snapshot.
    files["children.csv"].append(["ch9", "Newby", "Testchild", "2020-01-01", "N"])
    files["cases.csv"].append(["c9", "ch9", "w1", "standard", "2026-06-06"])
    files["events.csv"].append(["c9", "visit", "2026-06-07", "Y", "Y", ""])
    files["workers.csv"][0][1] = "Tess Renamed-Testmanager"
    error = assert_refused(loaded, write_dataset(tmp_path / "bad", files), [(file, line, reason)])
    assert f"{file}:{line}: {reason}" in str(error)


def test_bad_rows_refuse_an_import_into_an_empty_store(store: Store, tmp_path: Path) -> None:
    files = dataset()
    files["cases.csv"][2][1] = "ch99"
    assert_refused(store, write_dataset(tmp_path / "bad", files), [("cases.csv", line_of(2), "child_id 'ch99'")])
    assert set(store.counts().values()) == {0}


def test_every_problem_is_reported_at_once(loaded: Store, tmp_path: Path) -> None:
    files = dataset()
    files["workers.csv"][2][2] = "wizard"
    files["children.csv"][0][3] = "2015-13-01"
    files["cases.csv"][0][3] = "urgent"
    files["cases.csv"][1][1] = "ch99"
    files["events.csv"][3][0] = "c99"
    files["events.csv"][5][1] = "closed"
    assert_refused(
        loaded,
        write_dataset(tmp_path / "bad", files),
        [
            ("workers.csv", line_of(2), "unknown role"),
            ("children.csv", line_of(0), "birth_date '2015-13-01' is not a real date"),
            ("cases.csv", line_of(0), "unknown category"),
            ("cases.csv", line_of(1), "child_id 'ch99'"),
            ("events.csv", line_of(3), "case_id 'c99'"),
            ("events.csv", line_of(5), "unknown event 'closed'"),
        ],
    )


def test_problem_list_is_capped_but_counted(loaded: Store, tmp_path: Path) -> None:
    files = dataset()
    files["events.csv"] = [["c99", "supervision", f"2026-01-{day:02d}", "", "", ""] for day in range(1, 29)] * 10
    for index, row in enumerate(files["events.csv"]):
        row[5] = f"synthetic {index}"
    with pytest.raises(CsvImportError) as failure:
        import_csv(loaded, write_dataset(tmp_path / "bad", files))
    assert failure.value.total == 280 and len(failure.value.problems) == min(280, MAX_PROBLEMS)
    assert "and 80 more" in str(failure.value)


def test_wrong_headers(loaded: Store, tmp_path: Path) -> None:
    headers = dict(HEADERS)
    headers["children.csv"] = ["child_id", "first_name", "last_name", "birth_date"]  # disabled missing
    headers["cases.csv"] = HEADERS["cases.csv"] + ["authority"]
    files = dataset()
    files["children.csv"] = [row[:4] for row in files["children.csv"]]
    files["cases.csv"] = [row + ["medway"] for row in files["cases.csv"]]
    directory = write_dataset(tmp_path / "bad", files, headers)
    error = assert_refused(
        loaded,
        directory,
        [
            ("children.csv", 1, "wrong header: missing column(s) disabled"),
            ("cases.csv", 1, "wrong header: unexpected column(s) authority"),
        ],
    )
    assert "expected child_id,first_name,last_name,birth_date,disabled" in error.problems[0].reason


def test_columns_in_another_order_are_fine(store: Store, tmp_path: Path) -> None:
    order = [4, 0, 3, 1, 2]
    headers = dict(HEADERS)
    headers["children.csv"] = [HEADERS["children.csv"][i] for i in order]
    files = dataset()
    files["children.csv"] = [[row[i] for i in order] for row in files["children.csv"]]
    import_csv(store, write_dataset(tmp_path / "reordered", files, headers))
    assert store.cases(["c1"])[0].child.first_name == "Pip"


def test_missing_and_empty_files(loaded: Store, tmp_path: Path) -> None:
    directory = write_dataset(tmp_path / "bad", dataset())
    (directory / "events.csv").unlink()
    (directory / "children.csv").write_text("", encoding="utf-8")
    assert_refused(
        loaded,
        directory,
        [("children.csv", 1, "empty file: expected the header"), ("events.csv", 0, "file is missing")],
    )


def test_file_that_is_not_utf8(loaded: Store, tmp_path: Path) -> None:
    directory = write_dataset(tmp_path / "bad", dataset())
    text = (directory / "children.csv").read_text(encoding="utf-8").replace("Olive", "Zoë")
    (directory / "children.csv").write_bytes(text.encode("latin-1"))
    assert_refused(loaded, directory, [("children.csv", line_of(4), "not UTF-8")])


def test_utf8_with_bom_and_blank_lines_and_spaces(store: Store, tmp_path: Path) -> None:
    directory = write_dataset(tmp_path / "excel", dataset())
    path = directory / "children.csv"
    text = path.read_text(encoding="utf-8").replace("Olive", " Zoë ") + "\n\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    report = import_csv(store, directory)
    assert report.files["children.csv"] == Counts(added=6)
    [zoe] = store.find_children(store.scope_for("w3"), "ZOË")  # case-folding beyond ASCII
    assert zoe.child.first_name == "Zoë"


def test_notes_with_awkward_characters_are_stored_exactly(store: Store, tmp_path: Path) -> None:
    """PostgreSQL bulk-loads with COPY: tabs, backslashes, quotes and line breaks must survive it."""
    files = dataset()
    awkward = 'Mum said "not today",\tcall back\\later\nsecond line; Zoë’s café'
    files["events.csv"].append(["c1", "visit", "2026-03-08", "N", "", awkward])
    files["events.csv"].append(["c1", "supervision", "2026-03-09", "", "", ""])
    import_csv(store, write_dataset(tmp_path / "awkward", files))
    (case,) = store.cases(["c1"])
    notes = {(e.event, e.date.isoformat()): e for e in case.events}
    assert notes[("visit", "2026-03-08")].note == awkward
    assert notes[("visit", "2026-03-08")].child_seen is False and notes[("visit", "2026-03-08")].seen_alone is None
    assert notes[("supervision", "2026-03-09")].note == ""

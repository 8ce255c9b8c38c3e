"""The CSV importer's in-memory entry point (``import_rows``), and the census importer writing through it.

``import_rows`` takes the four files' rows without the files: the same checks,
the same line numbers in problems, the same single transaction and audit row.
The census importer hands it its rows instead of writing temporary files.
Every store test runs on SQLite and, with CIN_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Dict, List

import pytest
from casestore_data import BASE, HEADERS, Rows, dataset, snapshot, write_dataset
from test_casestore_census import AUTHORITY, MULTI, NEW, census_xml, write

from assistant.casestore import Counts, CsvImportError, Store, audit, import_csv
from assistant.casestore.audit import read_audit
from assistant.casestore.exchange.census import import_cin_census
from assistant.casestore.exchange.csv_import import import_rows


def as_rows(files: Dict[str, Rows]) -> Dict[str, List[Dict[str, object]]]:
    """The dataset's rows as import_rows takes them: per file, a mapping by column."""
    return {name: [dict(zip(HEADERS[name], row)) for row in rows] for name, rows in files.items()}


def test_rows_in_memory_store_what_the_files_store(store: Store, base_dir: Path) -> None:
    first = import_rows(store, as_rows(dataset(BASE)))
    assert first.files["events.csv"] == Counts(added=len(BASE["events.csv"]))
    again = import_csv(store, base_dir)  # the same data from the files: every row identical, so unchanged
    assert not again.changed
    assert again.files == {name: Counts(unchanged=counts.added) for name, counts in first.files.items()}


def test_problems_name_the_same_lines_as_the_files_would(loaded: Store, tmp_path: Path) -> None:
    broken = dataset(BASE)
    broken["children.csv"][2][3] = "2012-02-30"
    broken["events.csv"][4][1] = "home_visit"
    with pytest.raises(CsvImportError) as from_files:
        import_csv(loaded, write_dataset(tmp_path / "broken", broken))
    before = snapshot(loaded)
    with pytest.raises(CsvImportError) as from_rows:
        import_rows(loaded, as_rows(broken))
    assert snapshot(loaded) == before
    assert from_rows.value.problems == from_files.value.problems
    first = str(from_rows.value.problems[0])
    assert first == "children.csv:4: birth_date '2012-02-30' is not a real date"


def test_values_are_taken_as_values_and_trimmed(store: Store) -> None:
    rows = as_rows(dataset(BASE))
    rows["children.csv"][0].update(first_name="  =Pip ", birth_date=dt.date(2015, 3, 1), disabled=False)
    rows["events.csv"] = [
        {
            "case_id": "c4",
            "event": "case_closed",
            "date": dt.date(2026, 10, 2),
            "child_seen": None,
            "seen_alone": None,
            "note": None,
        }
    ]
    import_rows(store, rows)
    (case,) = store.cases(["c1"])
    assert case.child.first_name == "=Pip"  # no formula guard to take off: a value is a value
    (closed,) = store.cases(["c4"])
    assert [(e.event, e.date, e.note) for e in closed.events] == [("case_closed", dt.date(2026, 10, 2), "")]


def test_a_wrong_column_is_a_problem_and_a_wrong_file_a_mistake(loaded: Store) -> None:
    rows = as_rows(dataset(BASE))
    rows["cases.csv"][1]["allocated_to"] = "w1"
    with pytest.raises(CsvImportError) as caught:
        import_rows(loaded, rows)
    assert [str(p) for p in caught.value.problems] == [
        "cases.csv:3: unexpected column(s) allocated_to (expected case_id,child_id,worker_id,category,referral_date)"
    ]
    with pytest.raises(ValueError, match="not exchange files: event.csv"):
        import_rows(loaded, {"event.csv": []})


def test_an_import_from_rows_is_audited_like_one_from_files(store: Store) -> None:
    import_rows(store, as_rows(dataset(BASE)), via=audit.CLI)
    [entry] = read_audit(store)
    assert (entry.action, entry.kind, entry.outcome) == (audit.WRITE, "import_csv", audit.SAVED)
    assert entry.role == audit.OPERATOR
    assert set(entry.case_ids) == {row[0] for row in BASE["cases.csv"]}


# --- the census, written through import_rows ---------------------------------------------------


def test_a_census_import_writes_one_audit_row_with_its_cases(loaded: Store, tmp_path: Path) -> None:
    path = write(tmp_path, census_xml(MULTI, NEW))
    import_cin_census(loaded, path, None, AUTHORITY, dry_run=True, via=audit.CLI)
    assert read_audit(loaded) == []  # a dry run writes nothing, audit included
    import_cin_census(loaded, path, None, AUTHORITY, via=audit.CLI)
    [entry] = read_audit(loaded)
    assert (entry.action, entry.kind, entry.outcome) == (audit.WRITE, "import_census", audit.SAVED)
    assert (entry.role, entry.source, entry.worker_id) == (audit.OPERATOR, "cli", None)
    assert entry.case_ids == (
        "medway:SYN-MULTI-1:2021-05-10",
        "medway:SYN-MULTI-1:2023-06-01",
        "medway:SYN-NEW-2:2024-01-10",
    )
    import_cin_census(loaded, path, None, AUTHORITY, via=audit.CLI)  # unchanged: nothing to record
    assert len(read_audit(loaded)) == 1


def test_a_census_import_needs_no_temporary_folder(
    loaded: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows go to the importer in memory: with no usable temporary folder the import still works."""
    path = write(tmp_path, census_xml(NEW))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    report = import_cin_census(loaded, path, None, AUTHORITY)
    assert report.imported == ("SYN-NEW-2",) and report.cases == Counts(added=1)

"""CSV formula injection: an exported cell a spreadsheet would run as a formula is written as text.

A name or note starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is exported with a leading ``'`` (OWASP's advice), and the importer takes
it off again, so moving a caseload between stores changes nothing. Every store
test runs on SQLite and, with CIN_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Dict, List

from casestore_data import BASE, HEADERS, Rows, dataset, write_dataset
from sqlalchemy import select, update

from assistant.casestore import Store, export_csv, import_csv, open_store
from assistant.casestore.models import Child, Event, Worker

FORMULA_NAME = "=cmd|' /C calc'!A0"
FORMULA_NOTE = "@SUM(1+1)"
#: Values that start with a character a spreadsheet reads as a formula, and must survive a round trip.
LEGITIMATE = {"last_name": "-Hyphenated", "note": "-ve result", "quoted": "'=already quoted"}


def _read(path: Path) -> List[List[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _stored(store: Store) -> Dict[str, list]:
    """The rows the exchange files carry, as stored (the audit tables and recording times left out)."""
    with store.engine.connect() as connection:
        return {
            "workers": [tuple(row) for row in connection.execute(select(Worker).order_by(Worker.worker_id))],
            "children": [tuple(row) for row in connection.execute(select(Child).order_by(Child.child_id))],
            "events": [
                tuple(row)
                for row in connection.execute(
                    select(Event.case_id, Event.event, Event.date, Event.note).order_by(
                        Event.case_id, Event.date, Event.id
                    )
                )
            ],
        }


def _load_hostile(store: Store, tmp_path: Path) -> None:
    """The base caseload with formula-like names and notes, and a name that already starts with a quote."""
    import_csv(store, _hostile(tmp_path))
    with store.engine.begin() as connection:  # as the chat could store it: an imported file would lose the quote
        connection.execute(update(Child).where(Child.child_id == "ch2").values(first_name=LEGITIMATE["quoted"]))


def _hostile(tmp_path: Path) -> Path:
    files = dataset()
    files["children.csv"][0][1] = FORMULA_NAME  # ch1's first name
    files["children.csv"][0][2] = LEGITIMATE["last_name"]
    files["events.csv"][0][5] = FORMULA_NOTE  # c1's first visit
    files["events.csv"][4][5] = LEGITIMATE["note"]  # c2's visit
    files["workers.csv"][1][1] = "+44 Testworker"  # w1's name
    return write_dataset(tmp_path / "hostile", files)


def test_formula_cells_are_exported_with_a_leading_quote(store: Store, tmp_path: Path) -> None:
    _load_hostile(store, tmp_path)
    export_csv(store, tmp_path / "out")
    children = {row[0]: row for row in _read(tmp_path / "out" / "children.csv")}
    assert children["ch1"][1] == "'" + FORMULA_NAME
    assert children["ch1"][2] == "'-Hyphenated"
    assert children["ch2"][1] == "''=already quoted"  # quoted again, so the importer gives back what was stored
    notes = [row[5] for row in _read(tmp_path / "out" / "events.csv")]
    assert "'" + FORMULA_NOTE in notes and "'-ve result" in notes
    assert FORMULA_NOTE not in notes
    workers = {row[0]: row for row in _read(tmp_path / "out" / "workers.csv")}
    assert workers["w1"][1] == "'+44 Testworker"
    for rows in (_read(tmp_path / "out" / name) for name in HEADERS):
        for row in rows[1:]:
            for cell in row:
                assert not cell or cell[0] not in "=+-@\t\r", cell  # nothing a spreadsheet would evaluate


def test_an_export_with_quoted_cells_round_trips_exactly(store: Store, tmp_path: Path) -> None:
    _load_hostile(store, tmp_path)
    first = tmp_path / "export1"
    export_csv(store, first)
    assert not import_csv(store, first).changed  # its own export is a no-op: the quotes come off on import
    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        import_csv(other, first)
        assert _stored(other) == _stored(store)
        second = tmp_path / "export2"
        export_csv(other, second)
    finally:
        other.close()
    for name in HEADERS:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    stored = _stored(store)
    assert stored["children"][0][:3] == ("ch1", FORMULA_NAME, "-Hyphenated")  # the names as given
    assert stored["children"][1][1] == LEGITIMATE["quoted"]
    assert FORMULA_NOTE in [row[-1] for row in stored["events"]]


def test_a_normal_export_is_byte_for_byte_unchanged(loaded: Store, tmp_path: Path) -> None:
    """The base caseload has no formula-like cell, so its export is the files as a council wrote them, sorted."""
    export_csv(loaded, tmp_path / "out")
    expected: Dict[str, Rows] = {name: sorted(rows, key=lambda row: row[0]) for name, rows in BASE.items()}
    # events by case, then date; sorted() is stable, so events on one day keep their file order
    expected["events.csv"] = sorted(BASE["events.csv"], key=lambda row: (row[0], row[2]))
    for name, rows in expected.items():
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(HEADERS[name])
        writer.writerows(rows)
        assert (tmp_path / "out" / name).read_bytes() == text.getvalue().encode("utf-8"), name

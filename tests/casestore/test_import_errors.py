"""Bad import files (issue 7, "Bad input"): the wrong encoding, broken CSV and XML, control
characters, impossible dates and repeated ids each get a clear reason naming the file and the
line or element, the store is left exactly as it was, and the command line says so on stderr
with a non-zero exit and no traceback.

test_casestore_import.py and test_casestore_census.py cover the row-by-row checks; this file
covers what arrives broken as a file. Every store test runs on SQLite and, with
CIN_TEST_DATABASE_URL, on PostgreSQL; nothing is mocked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List

import pytest
from casestore_data import dataset, snapshot, write_dataset
from test_casestore_census import AUTHORITY, FIXTURES, LIIA, assessment, census_xml, child_xml, cp_plan, episode

from assistant.casestore import CsvImportError, Store, import_csv
from assistant.casestore.exchange.census import CensusImportError, import_cin_census
from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]
FileEdit = Callable[[Path], None]


# --- the four-CSV import ---------------------------------------------------------------------


def _recode(name: str, codec: str, old: str = "Olive", new: str = "Zoë’s") -> FileEdit:
    """Save one file in another encoding, with characters that differ between encodings."""

    def edit(directory: Path) -> None:
        path = directory / name
        path.write_bytes(path.read_text(encoding="utf-8").replace(old, new).encode(codec))

    return edit


def _replace(name: str, old: bytes, new: bytes) -> FileEdit:
    def edit(directory: Path) -> None:
        path = directory / name
        assert old in path.read_bytes()
        path.write_bytes(path.read_bytes().replace(old, new, 1))

    return edit


# name: (edit, file, line, reason fragments). children.csv line 6 is Olive's row (ch5).
BROKEN_CSV: Dict[str, tuple] = {
    "Windows-1252 (Excel's plain CSV)": (
        _recode("children.csv", "cp1252"),
        "children.csv",
        6,
        ["not UTF-8", "Windows-1252", 'save it as "CSV UTF-8"'],
    ),
    "Latin-1": (_recode("children.csv", "latin-1", new="Zoë"), "children.csv", 6, ["not UTF-8", "Latin-1"]),
    "UTF-16 with a byte-order mark": (_recode("cases.csv", "utf-16", "c1", "c1"), "cases.csv", 1, ["UTF-16"]),
    "UTF-16 without a byte-order mark": (_recode("cases.csv", "utf-16-le", "c1", "c1"), "cases.csv", 1, ["NUL bytes"]),
    "a NUL byte in a note": (_replace("events.csv", b"Synthetic", b"Syn\x00thetic"), "events.csv", 2, ["NUL bytes"]),
    "a quote never closed": (
        _replace("children.csv", b"ch5,Olive", b'ch5,"Olive'),
        "children.csv",
        6,
        ["a quoted value opened on line 6 is never closed"],
    ),
    "a control character in a name": (
        _replace("children.csv", b"Olive", b"Ol\x07ive"),
        "children.csv",
        6,
        ["first_name contains a control character (U+0007)"],
    ),
    "an escape character in an id": (
        _replace("workers.csv", b"w4,", b"w\x1b4,"),
        "workers.csv",
        7,
        ["worker_id contains a control character (U+001B)"],
    ),
    "a form feed in a note": (
        _replace("events.csv", b"Synthetic note", b"Synthetic\x0cnote"),
        "events.csv",
        2,
        ["note contains a control character (U+000C)"],
    ),
    "random bytes": (lambda d: (d / "cases.csv").write_bytes(bytes(range(256)) * 4), "cases.csv", 1, ["NUL bytes"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN_CSV))
def test_a_broken_csv_file_is_refused_with_its_line_and_the_store_is_unchanged(
    loaded: Store, tmp_path: Path, case: str
) -> None:
    edit, file, line, fragments = BROKEN_CSV[case]
    files = dataset()
    files["children.csv"].append(["ch9", "Newby", "Testchild", "2020-01-01", "N"])  # a partial write would show
    files["cases.csv"].append(["c9", "ch9", "w1", "standard", "2026-06-06"])
    directory = write_dataset(tmp_path / "bad", files)
    edit(directory)
    before = snapshot(loaded)
    with pytest.raises(CsvImportError) as refused:
        import_csv(loaded, directory)
    first, *knock_on = refused.value.problems
    assert (first.file, first.line) == (file, line), refused.value.problems
    assert all(fragment in first.reason for fragment in fragments), first
    # Rows of an unreadable file are unknown to the files after it; nothing else is reported.
    assert all("is not a known" in p.reason for p in knock_on), knock_on
    assert snapshot(loaded) == before


def test_impossible_dates_and_repeated_ids_are_all_named_at_once(loaded: Store, tmp_path: Path) -> None:
    files = dataset()
    files["children.csv"].append(["ch9", "Newby", "Testchild", "2026-02-31", "N"])  # 31 February
    files["children.csv"].append(["ch1", "Pip", "Again", "2015-03-01", "N"])  # the same child id twice
    files["cases.csv"].append(["c9", "ch1", "w1", "standard", "2026-13-01"])  # month 13
    files["cases.csv"].append(["c2", "ch2", "w2", "disability", "2026-02-10"])  # the same case id twice
    files["events.csv"].append(["c1", "supervision", "2026-02-29", "", "", ""])  # 2026 is not a leap year
    before = snapshot(loaded)
    with pytest.raises(CsvImportError) as refused:
        import_csv(loaded, write_dataset(tmp_path / "bad", files))
    assert [str(p) for p in refused.value.problems] == [
        "children.csv:8: birth_date '2026-02-31' is not a real date",
        "children.csv:9: duplicate child_id 'ch1' (first on line 2)",
        "cases.csv:8: referral_date '2026-13-01' is not a real date",
        "cases.csv:9: duplicate case_id 'c2' (first on line 3)",
        "events.csv:10: date '2026-02-29' is not a real date",
    ]
    assert snapshot(loaded) == before


# --- the census import -----------------------------------------------------------------------

VALID = census_xml(child_xml("SYN-ENC-1", episode("2023-01-01", assessment("2023-01-02", "2023-02-01"))))
DECLARED_UTF16 = '<?xml version="1.0" encoding="UTF-16"?>'


def _census(tmp_path: Path, data: bytes, name: str = "census.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_utf16_census_imports_exactly_as_its_utf8_original(loaded: Store, tmp_path: Path) -> None:
    """XML says its own encoding, so a UTF-16 return (a real sample, re-saved) is read, not refused."""
    original = (FIXTURES / LIIA).read_text(encoding="utf-8")
    utf16 = _census(tmp_path, (DECLARED_UTF16 + original).encode("utf-16"), "liia-utf16.xml")
    report = import_cin_census(loaded, utf16, None, AUTHORITY)
    assert report.imported == ("DfEX0000001",) and report.events.added == 4
    again = import_cin_census(loaded, FIXTURES / LIIA, None, AUTHORITY)
    assert not again.changed  # the UTF-8 original adds nothing: the same rows were stored


# name: (bytes, where, reason fragment): a file the importer cannot read at all.
UNREADABLE_CENSUS: Dict[str, tuple] = {
    "Latin-1 bytes in a file saying UTF-8": (
        ('<?xml version="1.0" encoding="UTF-8"?>\n' + VALID.replace("WBRI", "Zoë")).encode("latin-1"),
        "census.xml",
        "line 2: byte 0xeb is not UTF-8, the encoding the file declares",
    ),
    "Windows-1252 with no declaration": (
        VALID.replace("WBRI", "Zo’").encode("cp1252"),
        "census.xml",
        "byte 0x92 is not UTF-8",
    ),
    "an encoding nobody knows": (
        ('<?xml version="1.0" encoding="EBCDIC-XYZ"?>' + VALID).encode("ascii"),
        "census.xml",
        "declares the encoding 'EBCDIC-XYZ', which cannot be read",
    ),
    "a multi-byte encoding the parser cannot read": (
        ('<?xml version="1.0" encoding="Shift_JIS"?>' + VALID).encode("ascii"),
        "census.xml",
        "declares the encoding 'Shift_JIS', which cannot be read",
    ),
    "UTF-32": (
        ('<?xml version="1.0" encoding="UTF-32"?>' + VALID).encode("utf-32"),
        "census.xml",
        "the file is UTF-32",
    ),
    "a real sample cut off halfway": (
        (FIXTURES / LIIA).read_bytes()[:1700],
        "census.xml",
        "not well-formed XML: ",
    ),
    "random bytes": (bytes(range(256)) * 4, "census.xml", "is not UTF-8"),
    "an empty file": (b"", "census.xml", "not well-formed XML: no element found"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE_CENSUS))
def test_an_unreadable_census_is_refused_with_a_reason_and_the_store_is_unchanged(
    loaded: Store, tmp_path: Path, case: str
) -> None:
    data, where, fragment = UNREADABLE_CENSUS[case]
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as refused:
        import_cin_census(loaded, _census(tmp_path, data), None, AUTHORITY, allow_partial=True)
    (problem,) = refused.value.problems
    assert problem.path == where and fragment in problem.reason, problem
    assert snapshot(loaded) == before


def test_impossible_dates_deep_in_a_census_are_named_by_element_path(loaded: Store, tmp_path: Path) -> None:
    bad = child_xml(
        "SYN-DATES",
        episode("2023-01-01", assessment("2023-01-02", "2023-02-31") + cp_plan("2023-01-05", "2023-13-01")),
    )
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as refused:
        import_cin_census(loaded, _census(tmp_path, census_xml(bad).encode()), None, AUTHORITY)
    assert [str(p) for p in refused.value.problems] == [
        "SYN-DATES: Message/Children/Child[1]/CINdetails[1]/Assessments[1]/AssessmentAuthorisationDate: "
        "AssessmentAuthorisationDate '2023-02-31' is not a real date",
        "SYN-DATES: Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]/CPPendDate: "
        "CPPendDate '2023-13-01' is not a real date",
    ]
    assert snapshot(loaded) == before


def test_a_census_nested_deeper_than_python_recurses_is_still_checked(loaded: Store, tmp_path: Path) -> None:
    """5,000 levels of nesting used to end in a RecursionError; now the child is checked as usual."""
    deep = "<Note>" * 5000 + "</Note>" * 5000
    bad = child_xml("SYN-DEEP", episode("2023-01-01", deep + plan_on("2023-02-30")))
    with pytest.raises(CensusImportError) as refused:
        import_cin_census(loaded, _census(tmp_path, census_xml(bad).encode()), None, AUTHORITY)
    (problem,) = refused.value.problems
    assert (
        problem.path.endswith("CINdetails[1]/CINPlanDates[1]/CINPlanStartDate") and "not a real date" in problem.reason
    )


def plan_on(start: str) -> str:
    return f"<CINPlanDates><CINPlanStartDate>{start}</CINPlanStartDate></CINPlanDates>"


def test_an_allocations_file_in_windows_1252_is_refused_with_its_line(loaded: Store, tmp_path: Path) -> None:
    allocations = tmp_path / "allocations.csv"
    allocations.write_bytes("LAchildID,worker_id\nSYN-ENC-1,w1\n# Zoë’s worker\n".encode("cp1252"))
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as refused:
        import_cin_census(loaded, _census(tmp_path, VALID.encode()), allocations, AUTHORITY, allow_partial=True)
    (problem,) = refused.value.problems
    assert problem.path == "allocations.csv:3" and "Windows-1252" in problem.reason
    assert snapshot(loaded) == before


# --- the command line --------------------------------------------------------------------------


def _run_cli(args: List[str], capsys: pytest.CaptureFixture) -> tuple:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_import_csv_refuses_a_windows_1252_file_on_stderr(
    loaded: Store, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    directory = write_dataset(tmp_path / "bad", dataset())
    _recode("children.csv", "cp1252")(directory)
    before = snapshot(loaded)
    code, out, err = _run_cli(["import", "csv", str(directory), "--db", store_url], capsys)
    assert code == 1 and out == ""
    assert "import refused, nothing was changed" in err and "children.csv:6: not UTF-8" in err
    assert snapshot(loaded) == before


def test_cli_import_csv_names_every_repeated_id_and_bad_date(
    loaded: Store, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    files = dataset()
    files["cases.csv"].append(["c1", "ch1", "w1", "standard", "2026-01-05"])
    files["events.csv"].append(["c1", "visit", "2026-02-31", "Y", "Y", ""])
    before = snapshot(loaded)
    code, out, err = _run_cli(["import", "csv", str(write_dataset(tmp_path / "bad", files)), "--db", store_url], capsys)
    assert code == 1 and out == ""
    assert "cases.csv:8: duplicate case_id 'c1' (first on line 2)" in err
    assert "events.csv:10: date '2026-02-31' is not a real date" in err
    assert snapshot(loaded) == before


def test_cli_import_census_names_the_element_of_a_month_13_date(
    loaded: Store, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = _census(tmp_path, census_xml(child_xml("SYN-M13", episode("2023-01-01"), birth="2026-13-01")).encode())
    before = snapshot(loaded)
    code, out, err = _run_cli(
        ["import", "cin-census", str(path), "--authority", AUTHORITY, "--db", store_url],
        capsys,
    )
    assert code == 1 and out == ""
    assert "SYN-M13: Message/Children/Child[1]/ChildIdentifiers/PersonBirthDate: PersonBirthDate '2026-13-01'" in err
    assert snapshot(loaded) == before


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["import", "cin-census", "{xml}", "--authority", AUTHORITY], id="census in an unknown encoding"),
        pytest.param(["import", "csv", "{folder}"], id="CSV folder in UTF-16"),
    ],
)
def test_the_command_exits_1_with_the_reason_and_no_traceback(
    loaded: Store, store_url: str, tmp_path: Path, command: List[str]
) -> None:
    """As an operator runs it: a separate process, so nothing this test does could hide a traceback."""
    xml = _census(tmp_path, ('<?xml version="1.0" encoding="EBCDIC-XYZ"?>' + VALID).encode("ascii"))
    folder = write_dataset(tmp_path / "bad", dataset())
    _recode("workers.csv", "utf-16", "w1", "w1")(folder)
    args = [part.format(xml=xml, folder=folder) for part in command]
    before = snapshot(loaded)
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args, "--db", store_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert ("EBCDIC-XYZ" in done.stderr) if "cin-census" in args else ("workers.csv:1: not UTF-8" in done.stderr)
    assert "nothing was changed" in done.stderr
    assert snapshot(loaded) == before

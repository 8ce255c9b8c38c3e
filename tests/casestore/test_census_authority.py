"""Whose census it is: the header's LEA code held against the authority named (docs/census-mapping.md).

Importing Medway's return as Kent would file Medway's children under Kent and
show them to Kent's managers. With ``authority_check=REFUSE`` (what the command
line passes) such a file is refused whole; ``FORCE`` imports it and the report
says so. Every store test runs on SQLite and, with CIN_TEST_DATABASE_URL, on
PostgreSQL; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from casestore_data import KENT, dataset, snapshot, write_dataset
from test_casestore_census import AUTHORITY, D2I_2024, FIXTURES, MULTI, NEW, census_xml, write

from assistant.casestore import Counts, Store, import_csv
from assistant.casestore.exchange.census import (
    LEA_CODES,
    LEA_PATH,
    AuthorityCheck,
    CensusImportError,
    LeaMatch,
    census_case_id,
    import_cin_census,
)

REFUSE, FORCE, OFF = AuthorityCheck.REFUSE, AuthorityCheck.FORCE, AuthorityCheck.OFF
MEDWAY_FILE = census_xml(MULTI, NEW)  # census_xml writes Medway's code, 887, in Header/Source/LEA
PRACTICE_MATTERS = {
    "workers.csv": [["pm1", "Pat Testpractice", "team_manager", "PM1", "Test Team West", "practice_matters", ""]],
    "children.csv": [],
    "cases.csv": [],
    "events.csv": [],
}


def with_lea(text: str, lea: str) -> str:
    """The same census with another LEA element ("" leaves the element out)."""
    return text.replace("<LEA>887</LEA>", f"<LEA>{lea}</LEA>" if lea else "")


@pytest.fixture
def with_kent(loaded: Store, tmp_path: Path) -> Store:
    """The base caseload (Medway) plus Kent's one worker, so a census can be imported for either."""
    import_csv(loaded, write_dataset(tmp_path / "kent", dataset(KENT)))
    return loaded


def test_the_table_holds_the_dfe_codes_of_the_councils_in_the_corpus() -> None:
    assert LEA_CODES == {"medway": "887", "kent": "886", "camden": "202"}
    assert "practice_matters" not in LEA_CODES  # a made-up council has no code: its files must be forced


def test_medways_file_named_as_kent_is_refused_and_the_store_is_unchanged(with_kent: Store, tmp_path: Path) -> None:
    path = write(tmp_path, MEDWAY_FILE)
    before = snapshot(with_kent)
    for partial in (False, True):  # allow_partial does not let another council's file in
        with pytest.raises(CensusImportError) as caught:
            import_cin_census(with_kent, path, None, "kent", allow_partial=partial, authority_check=REFUSE)
        assert snapshot(with_kent) == before
        (problem,) = caught.value.problems
        assert (problem.child, problem.path) == ("file", LEA_PATH)
        assert "the file's LEA is 887 (medway), but the authority named is kent (LEA 886)" in problem.reason
        assert caught.value.lea == LeaMatch("kent", "886", "887", refused=True)


def test_a_forced_import_files_the_children_under_the_named_authority_and_says_so(
    with_kent: Store, tmp_path: Path
) -> None:
    report = import_cin_census(with_kent, write(tmp_path, MEDWAY_FILE), None, "kent", authority_check=FORCE)
    assert report.imported == ("SYN-MULTI-1", "SYN-NEW-2") and report.cases == Counts(added=3)
    assert report.lea == LeaMatch("kent", "886", "887", forced=True)
    assert (
        "authority check overridden: the file's LEA is 887 (medway), but the authority named is kent (LEA 886); "
        "imported as kent"
    ) in report.summary()
    (case,) = with_kent.cases([census_case_id("kent", "SYN-NEW-2", dt.date(2024, 1, 10))])
    assert case.authority_id == "kent" and case.worker_id is None


def test_a_matching_file_imports_exactly_as_it_did_before_the_check(loaded: Store, tmp_path: Path) -> None:
    path = write(tmp_path, MEDWAY_FILE)
    dry = {
        check: import_cin_census(loaded, path, None, AUTHORITY, dry_run=True, authority_check=check)
        for check in AuthorityCheck
    }
    assert dry[OFF] == dry[REFUSE] == dry[FORCE]  # nothing to refuse, nothing forced
    assert dry[OFF].lea == LeaMatch(AUTHORITY, "887", "887")
    report = import_cin_census(loaded, path, None, AUTHORITY, authority_check=REFUSE)
    assert report.imported == ("SYN-MULTI-1", "SYN-NEW-2")
    assert (report.children, report.cases, report.events) == (Counts(added=2), Counts(added=3), Counts(added=7))
    assert "overridden" not in report.summary()


def test_a_file_without_an_lea_code_is_refused_unless_forced(loaded: Store, tmp_path: Path) -> None:
    path = write(tmp_path, with_lea(census_xml(NEW), ""))
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, path, None, AUTHORITY, authority_check=REFUSE)
    assert snapshot(loaded) == before
    assert caught.value.problems[0].reason.startswith(
        "the file has no LEA code, but the authority named is medway (LEA 887)"
    )
    assert import_cin_census(loaded, path, None, AUTHORITY, authority_check=FORCE).lea.forced


def test_an_authority_with_no_code_needs_forcing(loaded: Store, tmp_path: Path) -> None:
    """The choice for practice_matters (no real council, so no code): refuse unless forced, never skip."""
    import_csv(loaded, write_dataset(tmp_path / "pm", PRACTICE_MATTERS))
    path = write(tmp_path, MEDWAY_FILE)
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, path, None, "practice_matters", authority_check=REFUSE)
    assert snapshot(loaded) == before
    assert caught.value.lea is not None and caught.value.lea.describe() == (
        "the file's LEA is 887 (medway), and no LEA code is known for practice_matters to check it against"
    )
    report = import_cin_census(loaded, path, None, "practice_matters", authority_check=FORCE)
    assert report.imported == ("SYN-MULTI-1", "SYN-NEW-2") and report.lea.forced
    assert "authority check overridden" in report.summary()


def test_the_refusal_comes_first_with_every_other_problem_of_the_file(with_kent: Store, tmp_path: Path) -> None:
    """One run shows everything to fix: the LEA problem, then each child's (or the file-level ones)."""
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(with_kent, FIXTURES / D2I_2024, None, AUTHORITY, authority_check=REFUSE)
    first, *rest = caught.value.problems
    assert first.path == LEA_PATH and "the file's LEA is 201 (a council not in the LEA table)" in first.reason
    assert {p.child for p in rest} == {"DfEX0000001", "child_fails_assessments"}

    with pytest.raises(CensusImportError) as caught:
        import_cin_census(with_kent, write(tmp_path, MEDWAY_FILE), None, "camden", authority_check=REFUSE)
    assert [p.path for p in caught.value.problems] == [LEA_PATH, "authority"]  # and camden has no workers


def test_without_the_check_another_councils_sample_still_imports(loaded: Store) -> None:
    """The library's default (OFF): the real samples (LEA 201) are imported as Medway's by the other tests."""
    report = import_cin_census(loaded, FIXTURES / "liia-tools-cin-2022.xml", None, AUTHORITY)
    assert report.imported == ("DfEX0000001",)
    assert report.lea == LeaMatch(AUTHORITY, "887", "201") and "overridden" not in report.summary()


def test_an_odd_lea_value_is_quoted_short_on_one_line() -> None:
    odd = LeaMatch("kent", "886", "88\n6" + "x" * 50, refused=True)
    assert "\n" not in odd.describe() and "'88\\n6xxxxxxxxxxxxxxxx'" in odd.describe()

"""The DfE CIN census importer: real samples, one case per episode, all or nothing, idempotent.

The three samples are third-party files (tests/fixtures/cin-census/SOURCES.md),
copied from shared/fixtures/cin-census so these tests need only the project.
Every store test runs on SQLite and, with CIN_TEST_DATABASE_URL, on PostgreSQL
(see conftest.py); nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest
from casestore_data import KENT, dataset, snapshot, write_dataset

from assistant.casestore import Counts, Store, import_csv
from assistant.casestore.exchange.census import (
    CensusImportError,
    CensusReport,
    census_case_id,
    census_child_id,
    import_cin_census,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "cin-census"
SHARED = ROOT.parent / "shared" / "fixtures" / "cin-census"
LIIA = "liia-tools-cin-2022.xml"
D2I_2024 = "d2i-CIN_Census_2024.xml"
D2I_2026 = "d2i-CIN_Census_2026.xml"
SAMPLES = (LIIA, D2I_2024, D2I_2026)
AUTHORITY = "medway"  # the authority of the base caseload (casestore_data.BASE)


# --- building census files -------------------------------------------------------


def census_xml(*children: str, reference: str = "2024-03-31") -> str:
    """A census message with these Child elements (as XML text)."""
    return (
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
        f"<ReferenceDate>{reference}</ReferenceDate></CollectionDetails>"
        "<Source><SourceLevel>L</SourceLevel><LEA>887</LEA></Source></Header>"
        f"<Children>{''.join(children)}</Children></Message>"
    )


def sample_child(name: str, la_child_id: str) -> str:
    """One Child element of a real sample, as XML text."""
    root = ET.parse(FIXTURES / name).getroot()
    for child in root.iter("Child"):
        if child.findtext("ChildIdentifiers/LAchildID") == la_child_id:
            return ET.tostring(child, encoding="unicode")
    raise LookupError(la_child_id)


def child_xml(
    la_child_id: Optional[str],
    *episodes: str,
    birth: str = "2015-05-05",
    gender: str = "<Sex>F</Sex>",
    disabilities: str = "<Disability>NONE</Disability>",
    extra_ids: str = "",
) -> str:
    ident = f"<LAchildID>{la_child_id}</LAchildID>" if la_child_id is not None else ""
    return (
        f"<Child><ChildIdentifiers>{ident}<UPNunknown>UN1</UPNunknown>"
        f"<PersonBirthDate>{birth}</PersonBirthDate>{gender}{extra_ids}</ChildIdentifiers>"
        f"<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities>{disabilities}</Disabilities>"
        f"</ChildCharacteristics>{''.join(episodes)}</Child>"
    )


def episode(referral: Optional[str], body: str = "", closure: Optional[str] = None, reason: str = "RC7") -> str:
    ref = f"<CINreferralDate>{referral}</CINreferralDate>" if referral is not None else ""
    close = (
        f"<CINclosureDate>{closure}</CINclosureDate><ReasonForClosure>{reason}</ReasonForClosure>" if closure else ""
    )
    return (
        f"<CINdetails>{ref}<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N4</PrimaryNeedCode>{close}"
        f"{body}<ReferralNFA>false</ReferralNFA></CINdetails>"
    )


def assessment(start: str, authorised: Optional[str] = None) -> str:
    auth = f"<AssessmentAuthorisationDate>{authorised}</AssessmentAuthorisationDate>" if authorised else ""
    return f"<Assessments><AssessmentActualStartDate>{start}</AssessmentActualStartDate>{auth}</Assessments>"


def plan(start: str, end: Optional[str] = None) -> str:
    finish = f"<CINPlanEndDate>{end}</CINPlanEndDate>" if end else ""
    return f"<CINPlanDates><CINPlanStartDate>{start}</CINPlanStartDate>{finish}</CINPlanDates>"


def cp_plan(start: str, end: Optional[str] = None) -> str:
    finish = f"<CPPendDate>{end}</CPPendDate>" if end else ""
    return (
        f"<ChildProtectionPlans><CPPstartDate>{start}</CPPstartDate>{finish}"
        "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
        "<NumberOfPreviousCPP>1</NumberOfPreviousCPP></ChildProtectionPlans>"
    )


# Two synthetic children (ids made up here). MULTI: a closed episode, then an open one with two
# assessments, two CIN plans (the first ended when a CP plan began) and a CP plan that ended.
MULTI = child_xml(
    "SYN-MULTI-1",
    episode("2021-05-10", assessment("2021-05-11", "2021-06-20") + plan("2021-07-01"), closure="2022-01-15"),
    episode(
        "2023-06-01",
        assessment("2023-06-02", "2023-07-10")
        + assessment("2023-08-01", "2023-09-01")
        + plan("2023-07-20", "2023-08-15")
        + plan("2023-12-01")
        + cp_plan("2023-08-16", "2023-11-20"),
    ),
)
MULTI_OPEN_EVENTS = {
    ("assessment_completed", dt.date(2023, 9, 1)),
    ("initial_cin_meeting", dt.date(2023, 7, 20)),
    ("initial_cin_meeting", dt.date(2023, 12, 1)),
    ("cp_plan_ended", dt.date(2023, 11, 20)),
}
MULTI_CLOSED_EVENTS = {
    ("assessment_completed", dt.date(2021, 6, 20)),
    ("initial_cin_meeting", dt.date(2021, 7, 1)),
    ("case_closed", dt.date(2022, 1, 15)),
}
# NEW: an open episode with its assessment still in progress; the older GenderCurrent element.
NEW = child_xml(
    "SYN-NEW-2",
    episode("2024-01-10", assessment("2024-01-11")),
    gender="<GenderCurrent>2</GenderCurrent>",
    disabilities="<Disability>AUT</Disability><Disability>COMM</Disability>",
)


def write(tmp_path: Path, text: str, name: str = "census.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_allocations(tmp_path: Path, rows: List[Tuple[str, str]], header: str = "LAchildID,worker_id") -> Path:
    path = tmp_path / "allocations.csv"
    path.write_text("\n".join([header, *(f"{a},{b}" for a, b in rows)]) + "\n", encoding="utf-8")
    return path


def events_of(store: Store, case_id: str) -> Set[Tuple[str, dt.date]]:
    (case,) = store.cases([case_id])
    return {(event.event, event.date) for event in case.events}


def mixed_census(tmp_path: Path) -> Path:
    """Real sample children (one valid, one not) with the two synthetic ones."""
    return write(
        tmp_path,
        census_xml(
            sample_child(LIIA, "DfEX0000001"),
            MULTI,
            NEW,
            sample_child(D2I_2024, "child_fails_assessments"),
        ),
    )


# --- the real samples ---------------------------------------------------------------


def test_liia_sample_maps_its_episode_to_a_closed_case(loaded: Store) -> None:
    report = import_cin_census(loaded, FIXTURES / LIIA, None, AUTHORITY)
    assert report.reference_date == dt.date(2022, 3, 31)
    assert report.children_in_file == 1 and report.imported == ("DfEX0000001",) and report.rejected == ()
    assert report.children == Counts(added=1) and report.cases == Counts(added=1) and report.events == Counts(added=4)
    assert report.open_cases == 0 and report.unallocated_cases == 1

    case_id = census_case_id(AUTHORITY, "DfEX0000001", dt.date(1970, 10, 6))
    assert case_id == "medway:DfEX0000001:1970-10-06"
    (case,) = loaded.cases([case_id])
    assert case.child.child_id == census_child_id(AUTHORITY, "DfEX0000001") == "medway:DfEX0000001"
    assert (case.child.first_name, case.child.last_name) == ("DfEX0000001", "Census")
    assert case.child.birth_date == dt.date(1966, 3, 24)
    assert case.child.disabled  # HAND, HEAR
    assert case.worker_id is None and case.authority_id == AUTHORITY and case.category == "standard"
    assert case.referral_date == dt.date(1970, 10, 6) and not case.is_open
    assert events_of(loaded, case_id) == {
        ("assessment_completed", dt.date(1971, 7, 18)),  # AssessmentAuthorisationDate
        ("initial_cin_meeting", dt.date(1971, 1, 24)),  # CINPlanStartDate
        ("cp_plan_ended", dt.date(1971, 3, 14)),  # CPPendDate
        ("case_closed", dt.date(1971, 2, 27)),  # CINclosureDate
    }
    assert {event.source for event in case.events} == {"census"}  # where each record came from
    # Signed off after the episode closed: odd, kept as recorded, and said so.
    assert sorted(w.path.rsplit("/", 1)[-1] for w in report.warnings) == ["AssessmentAuthorisationDate", "CPPendDate"]
    assert all("after the episode's CINclosureDate 1971-02-27" in w.reason for w in report.warnings)


@pytest.mark.parametrize("sample", [D2I_2024, D2I_2026])
def test_d2i_samples_are_refused_whole_and_the_store_is_unchanged(loaded: Store, sample: str) -> None:
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, FIXTURES / sample, None, AUTHORITY)
    assert snapshot(loaded) == before
    problems = caught.value.problems
    assert {p.child for p in problems} == {"DfEX0000001", "child_fails_assessments"}
    reasons = {(p.child, p.path, p.reason) for p in problems}
    child1 = "Message/Children/Child[1]/CINdetails[1]"
    child2 = "Message/Children/Child[2]/CINdetails[1]"
    assert (
        "DfEX0000001",
        f"{child1}/Assessments[1]/AssessmentActualStartDate",
        "AssessmentActualStartDate 2028-04-28 is after the collection's reference date 2024-03-31",
    ) in reasons
    assert (
        "DfEX0000001",
        f"{child1}/Assessments[1]/AssessmentAuthorisationDate",
        "AssessmentAuthorisationDate 2020-09-19 is before the episode's CINreferralDate 2022-10-06",
    ) in reasons
    assert (
        "child_fails_assessments",
        f"{child2}/CINreferralDate",
        "CINreferralDate 2024-10-24 is after the collection's reference date 2024-03-31",
    ) in reasons
    if sample == D2I_2026:  # the pre-proceedings block is dated 2026-27
        assert any(p.path == f"{child1}/PreProceedingsandFGDM/PPStartDate" for p in problems)
    assert "nothing was changed" in str(caught.value)


@pytest.mark.parametrize("sample", [D2I_2024, D2I_2026])
def test_d2i_samples_with_allow_partial_import_nothing_and_report_each_child(loaded: Store, sample: str) -> None:
    before = snapshot(loaded)
    report = import_cin_census(loaded, FIXTURES / sample, None, AUTHORITY, allow_partial=True)
    assert snapshot(loaded) == before
    assert report.imported == () and report.rejected == ("DfEX0000001", "child_fails_assessments")
    assert report.children == report.cases == report.events == Counts() and not report.changed
    # Sex "1" is a GenderCurrent code: accepted with a warning (gender is not stored).
    assert any(w.child == "DfEX0000001" and w.path.endswith("/Sex") for w in report.warnings)


def test_in_project_copies_match_the_shared_samples_and_import_the_same(loaded: Store) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"the shared fixtures folder {SHARED} is absent (it is outside this repository)")
    for name in SAMPLES:
        assert (FIXTURES / name).read_bytes() == (SHARED / name).read_bytes(), name
    report = import_cin_census(loaded, SHARED / LIIA, None, AUTHORITY)
    assert (report.children, report.cases, report.events) == (Counts(added=1), Counts(added=1), Counts(added=4))
    with pytest.raises(CensusImportError):
        import_cin_census(loaded, SHARED / D2I_2026, None, AUTHORITY)


# --- all or nothing, partial, idempotent -------------------------------------------------


def test_one_invalid_child_blocks_the_whole_import(loaded: Store, tmp_path: Path) -> None:
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, mixed_census(tmp_path), None, AUTHORITY)
    assert snapshot(loaded) == before
    assert {p.child for p in caught.value.problems} == {"child_fails_assessments"}
    assert all(p.path.startswith("Message/Children/Child[4]/") for p in caught.value.problems)


def test_allow_partial_imports_the_valid_children_and_reports_the_rest(loaded: Store, tmp_path: Path) -> None:
    report = import_cin_census(loaded, mixed_census(tmp_path), None, AUTHORITY, allow_partial=True)
    assert report.imported == ("DfEX0000001", "SYN-MULTI-1", "SYN-NEW-2")
    assert report.rejected == ("child_fails_assessments",)
    assert {p.child for p in report.problems} == {"child_fails_assessments"}
    assert report.children == Counts(added=3)
    assert report.cases == Counts(added=4)  # 1 + 2 episodes + 1
    assert report.events == Counts(added=4 + 3 + 4 + 0)
    assert report.open_cases == 2 and report.unallocated_cases == 4

    multi_open = census_case_id(AUTHORITY, "SYN-MULTI-1", dt.date(2023, 6, 1))
    multi_closed = census_case_id(AUTHORITY, "SYN-MULTI-1", dt.date(2021, 5, 10))
    assert events_of(loaded, multi_open) == MULTI_OPEN_EVENTS
    assert events_of(loaded, multi_closed) == MULTI_CLOSED_EVENTS
    new_case = census_case_id(AUTHORITY, "SYN-NEW-2", dt.date(2024, 1, 10))
    (case,) = loaded.cases([new_case])
    assert case.is_open and case.events == () and case.child.disabled and case.child.birth_date == dt.date(2015, 5, 5)
    assert loaded.cases([census_case_id(AUTHORITY, "child_fails_assessments", dt.date(2024, 10, 24))]) == []


def test_reimporting_the_same_census_changes_nothing(loaded: Store, tmp_path: Path) -> None:
    path = mixed_census(tmp_path)
    import_cin_census(loaded, path, None, AUTHORITY, allow_partial=True)
    before = snapshot(loaded)
    again = import_cin_census(loaded, path, None, AUTHORITY, allow_partial=True)
    assert not again.changed
    assert again.children == Counts(unchanged=3) and again.cases == Counts(unchanged=4)
    assert again.events == Counts(unchanged=11)
    assert snapshot(loaded) == before


def test_dry_run_counts_without_writing(loaded: Store, tmp_path: Path) -> None:
    before = snapshot(loaded)
    report = import_cin_census(loaded, write(tmp_path, census_xml(MULTI, NEW)), None, AUTHORITY, dry_run=True)
    assert report.dry_run and report.cases == Counts(added=3) and report.events == Counts(added=7)
    assert "would add" in report.summary()
    assert snapshot(loaded) == before


# --- allocations ------------------------------------------------------------------------


def test_allocated_children_go_to_their_worker_and_the_rest_to_the_managers(loaded: Store, tmp_path: Path) -> None:
    allocations = write_allocations(tmp_path, [("SYN-MULTI-1", "w1")])
    report = import_cin_census(loaded, write(tmp_path, census_xml(MULTI, NEW)), allocations, AUTHORITY)
    assert report.unallocated_cases == 1 and report.open_cases == 2

    multi_open = census_case_id(AUTHORITY, "SYN-MULTI-1", dt.date(2023, 6, 1))
    new_case = census_case_id(AUTHORITY, "SYN-NEW-2", dt.date(2024, 1, 10))
    assert multi_open in {c.case_id for c in loaded.open_cases_for_worker("w1")}
    (closed,) = loaded.cases([census_case_id(AUTHORITY, "SYN-MULTI-1", dt.date(2021, 5, 10))])
    assert closed.worker_id == "w1"  # the child's history stays with its worker

    (unallocated,) = loaded.cases([new_case])
    assert unallocated.worker_id is None and unallocated.authority_id == AUTHORITY
    manager = {c.case_id for c in loaded.open_cases_for_scope(loaded.scope_for("mgr1"))}
    worker = {c.case_id for c in loaded.open_cases_for_scope(loaded.scope_for("w1"))}
    assert new_case in manager and multi_open in manager
    assert new_case not in worker and multi_open in worker

    # A later census without the allocations file leaves the allocation alone.
    again = import_cin_census(loaded, write(tmp_path, census_xml(MULTI, NEW)), None, AUTHORITY)
    assert not again.changed
    (still,) = loaded.cases([multi_open])
    assert still.worker_id == "w1"


def test_a_census_import_keeps_names_and_category_set_in_the_store(loaded: Store, tmp_path: Path) -> None:
    path = write(tmp_path, census_xml(NEW))
    import_cin_census(loaded, path, None, AUTHORITY)
    child_id = census_child_id(AUTHORITY, "SYN-NEW-2")
    case_id = census_case_id(AUTHORITY, "SYN-NEW-2", dt.date(2024, 1, 10))
    files = {
        "workers.csv": [["mgr1", "Tess Testmanager", "team_manager", "T1", "Test Team North", "medway", ""]],
        "children.csv": [[child_id, "Pip", "Renamed", "2015-05-05", "Y"]],
        "cases.csv": [[case_id, child_id, "w4", "disability", "2024-01-10"]],
        "events.csv": [],
    }
    import_csv(loaded, write_dataset(tmp_path / "local", files))
    report = import_cin_census(loaded, path, None, AUTHORITY)
    assert not report.changed
    (case,) = loaded.cases([case_id])
    assert (case.child.first_name, case.child.last_name, case.worker_id, case.category) == (
        "Pip",
        "Renamed",
        "w4",
        "disability",
    )


def test_allocation_problems_make_the_child_invalid(loaded: Store, tmp_path: Path) -> None:
    import_csv(loaded, write_dataset(tmp_path / "kent", dataset(KENT)))
    third = child_xml("SYN-THIRD-3", episode("2023-02-02"))
    allocations = write_allocations(
        tmp_path,
        [
            ("SYN-MULTI-1", "nobody"),
            ("SYN-NEW-2", "k1"),
            ("SYN-THIRD-3", "w1"),
            ("SYN-THIRD-3", "w2"),
            ("NOT-IN-CENSUS", "w1"),
        ],
    )
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, write(tmp_path, census_xml(MULTI, NEW, third)), allocations, AUTHORITY)
    assert snapshot(loaded) == before
    reasons = {p.child: (p.path, p.reason) for p in caught.value.problems}
    assert reasons["SYN-MULTI-1"] == ("allocations.csv:2", "worker_id 'nobody' is not a worker in the case store")
    assert reasons["SYN-NEW-2"] == ("allocations.csv:3", "worker_id 'k1' works in 'kent', not 'medway'")
    assert reasons["SYN-THIRD-3"] == ("allocations.csv:4, 5", "allocated to more than one worker (w1, w2)")
    report = import_cin_census(
        loaded, write(tmp_path, census_xml(MULTI, NEW, third)), allocations, AUTHORITY, allow_partial=True
    )
    assert report.imported == () and len(report.rejected) == 3
    assert any(w.path == "allocations.csv:6" and "not in the census" in w.reason for w in report.warnings)


def test_a_broken_allocations_file_refuses_the_census(loaded: Store, tmp_path: Path) -> None:
    allocations = write_allocations(tmp_path, [("SYN-NEW-2", "w1")], header="child,worker")
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, write(tmp_path, census_xml(NEW)), allocations, AUTHORITY, allow_partial=True)
    (problem,) = caught.value.problems
    assert problem.path == "allocations.csv:1" and "wrong header" in problem.reason


# --- validation, child by child -------------------------------------------------------------

INVALID: Dict[str, Tuple[str, str, str, str]] = {
    # name: (Child XML, expected child label, path ending, reason fragment)
    "no LAchildID": (child_xml(None, episode("2023-01-01")), "child #1", "ChildIdentifiers/LAchildID", "no LAchildID"),
    "empty LAchildID": (child_xml("", episode("2023-01-01")), "child #1", "ChildIdentifiers/LAchildID", "is empty"),
    "unparseable date": (
        child_xml("BAD-1", episode("31/03/2023")),
        "BAD-1",
        "CINdetails[1]/CINreferralDate",
        "'31/03/2023' is not a date as YYYY-MM-DD",
    ),
    "impossible date": (
        child_xml("BAD-2", episode("2023-02-30")),
        "BAD-2",
        "CINdetails[1]/CINreferralDate",
        "'2023-02-30' is not a real date",
    ),
    "impossible birth date": (
        child_xml("BAD-3", episode("2023-01-01"), birth="2015-13-01"),
        "BAD-3",
        "ChildIdentifiers/PersonBirthDate",
        "not a real date",
    ),
    "closure before referral": (
        child_xml("BAD-4", episode("2023-05-01", closure="2023-04-01")),
        "BAD-4",
        "CINdetails[1]/CINclosureDate",
        "CINclosureDate 2023-04-01 is before the CINreferralDate 2023-05-01",
    ),
    "future date": (
        child_xml("BAD-5", episode("2023-05-01", plan("2024-06-01"))),
        "BAD-5",
        "CINdetails[1]/CINPlanDates[1]/CINPlanStartDate",
        "is after the collection's reference date 2024-03-31",
    ),
    "no referral date": (
        child_xml("BAD-6", episode(None, assessment("2023-01-01"))),
        "BAD-6",
        "CINdetails[1]/CINreferralDate",
        "CINdetails has no CINreferralDate",
    ),
    "unknown disability": (
        child_xml("BAD-7", episode("2023-01-01"), disabilities="<Disability>WINGS</Disability>"),
        "BAD-7",
        "Disabilities/Disability[1]",
        "unknown Disability code 'WINGS'",
    ),
    "NONE with a disability": (
        child_xml(
            "BAD-8", episode("2023-01-01"), disabilities="<Disability>NONE</Disability><Disability>VIS</Disability>"
        ),
        "BAD-8",
        "ChildCharacteristics/Disabilities",
        "Disability NONE is listed together with VIS",
    ),
    "died with an open episode": (
        child_xml("BAD-9", episode("2023-01-01"), extra_ids="<PersonDeathDate>2023-06-01</PersonDeathDate>"),
        "BAD-9",
        "CINdetails[1]",
        "died on 2023-06-01 (PersonDeathDate) but this episode has no CINclosureDate",
    ),
    "plan ends before it starts": (
        child_xml("BAD-10", episode("2023-01-01", plan("2023-03-01", "2023-02-01"))),
        "BAD-10",
        "CINPlanDates[1]/CINPlanEndDate",
        "CINPlanEndDate 2023-02-01 is before its CINPlanStartDate 2023-03-01",
    ),
    "assessment before the referral": (
        child_xml("BAD-11", episode("2023-03-01", assessment("2023-01-01", "2023-02-01"))),
        "BAD-11",
        "Assessments[1]/AssessmentAuthorisationDate",
        "is before the episode's CINreferralDate 2023-03-01",
    ),
    "two episodes on one referral date": (
        child_xml("BAD-12", episode("2023-01-01", closure="2023-02-01"), episode("2023-01-01")),
        "BAD-12",
        "CINdetails[2]/CINreferralDate",
        "a second episode referred on 2023-01-01",
    ),
    "two open episodes": (
        child_xml("BAD-13", episode("2022-01-01"), episode("2023-01-01")),
        "BAD-13",
        "CINdetails[2]",
        "a second open episode",
    ),
    "no episode": (child_xml("BAD-14"), "BAD-14", "Child[1]/CINdetails", "no CINdetails"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_each_invalid_child_is_named_with_its_element_and_reason(loaded: Store, tmp_path: Path, case: str) -> None:
    bad, label, path_end, reason = INVALID[case]
    path = write(tmp_path, census_xml(bad, NEW))
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, path, None, AUTHORITY)
    assert snapshot(loaded) == before
    matching = [
        p for p in caught.value.problems if p.child == label and p.path.endswith(path_end) and reason in p.reason
    ]
    assert matching, caught.value.problems
    assert all(p.path.startswith("Message/Children/Child[1]") for p in caught.value.problems)

    report = import_cin_census(loaded, path, None, AUTHORITY, allow_partial=True)
    assert report.imported == ("SYN-NEW-2",) and report.rejected == (label,)


def test_a_repeated_lachildid_rejects_every_copy(loaded: Store, tmp_path: Path) -> None:
    twin = child_xml("SYN-NEW-2", episode("2022-02-02", closure="2022-03-03"))
    report = import_cin_census(
        loaded, write(tmp_path, census_xml(NEW, twin, MULTI)), None, AUTHORITY, allow_partial=True
    )
    assert report.imported == ("SYN-MULTI-1",) and report.rejected == ("SYN-NEW-2", "SYN-NEW-2")
    assert all("used by more than one child (Child 1, 2)" in p.reason for p in report.problems)


@pytest.mark.parametrize(
    "gender, warned",
    [
        ("<Sex>M</Sex>", False),
        ("<Sex>u</Sex>", False),
        ("<GenderCurrent>9</GenderCurrent>", False),
        ("<GenderCurrent>1</GenderCurrent><Sex>M</Sex>", False),
        ("<Sex>2</Sex>", True),  # a GenderCurrent code in the newer element (as the d2i samples do)
        ("<Sex>X</Sex>", True),
        ("<GenderCurrent>1</GenderCurrent><Sex>F</Sex>", True),
        ("", True),
    ],
)
def test_gender_and_sex_are_accepted_and_checked_but_never_block(
    loaded: Store, tmp_path: Path, gender: str, warned: bool
) -> None:
    path = write(tmp_path, census_xml(child_xml("SYN-G", episode("2023-01-01"), gender=gender)))
    report = import_cin_census(loaded, path, None, AUTHORITY)
    assert report.imported == ("SYN-G",)
    assert bool(report.warnings) == warned, report.warnings


def test_namespaced_census_with_time_zone_dates_is_read(loaded: Store, tmp_path: Path) -> None:
    text = census_xml(child_xml("SYN-NS", episode("2023-01-01Z", plan("2023-02-01+01:00"))))
    text = text.replace("<Message>", '<Message xmlns="http://www.dfe.gov.uk/CIN">', 1)
    report = import_cin_census(loaded, write(tmp_path, text), None, AUTHORITY)
    assert report.imported == ("SYN-NS",) and report.events == Counts(added=1)


# --- refusals that are not about a child -------------------------------------------------------


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("<Message><Children>", "not well-formed XML"),
        ("<Return><Children/></Return>", "not a census 'Message'"),
        ("<Message><Header/><Children/></Message>", "no ReferenceDate"),
        (census_xml(NEW, reference="31/03/2024"), "ReferenceDate '31/03/2024' is not a date"),
        (census_xml(NEW).replace("<Collection>CIN<", "<Collection>CLA<"), "not a Children in Need census"),
        ('<!DOCTYPE m [<!ENTITY x "y">]>' + census_xml(NEW), "declares a DTD"),
    ],
)
def test_unusable_files_are_refused(loaded: Store, tmp_path: Path, text: str, fragment: str) -> None:
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, write(tmp_path, text), None, AUTHORITY, allow_partial=True)
    assert any(fragment in p.reason for p in caught.value.problems), caught.value.problems
    assert snapshot(loaded) == before


def test_an_authority_without_workers_is_refused(loaded: Store, tmp_path: Path) -> None:
    with pytest.raises(CensusImportError) as caught:
        import_cin_census(loaded, write(tmp_path, census_xml(NEW)), None, "camden")
    assert "no workers in 'camden'" in str(caught.value)


def test_report_summary_has_counts_only(loaded: Store, tmp_path: Path) -> None:
    report: CensusReport = import_cin_census(loaded, write(tmp_path, census_xml(MULTI, NEW)), None, AUTHORITY)
    text = report.summary()
    assert "2 child(ren) in file, 2 imported, 0 rejected" in text
    assert "cases: added 3" in text and "events: added 7" in text

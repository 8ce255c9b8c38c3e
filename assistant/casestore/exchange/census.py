"""Import a DfE Children in Need census return (XML) into the case store.

``import_cin_census(store, xml_path, allocations, authority)`` reads one
council's census file, checks every child, turns each CIN episode
(``CINdetails``) into a case with its events, and hands the rows to the case
store's own CSV importer in memory
(:func:`assistant.casestore.exchange.csv_import.import_rows`): there is one
code path for writes, one transaction, and the same idempotency rules.

The census names no worker and no child. ``allocations`` (a CSV of
``LAchildID,worker_id``) says who holds which child; a child not in it gets
unallocated cases in ``authority``, which that authority's managers see.

The file says whose return it is (``Header/Source/LEA``, the council's DfE
code). With ``authority_check`` (the command line always sets it) a file whose
code is not ``authority``'s in :data:`LEA_CODES` is refused, or imported anyway
and reported as forced, so one council's children are not filed under another.

Every choice the mapping makes (ids, names, which date becomes which event,
what is refused) is written up, with its reason, in ``docs/census-mapping.md``.

Validation is per child. A child with any problem is *invalid*; by default one
invalid child refuses the whole file (:class:`CensusImportError`, store
unchanged), and with ``allow_partial=True`` the valid children are imported
and the invalid ones reported in :class:`CensusReport`. Problems that are not
about one child (an unreadable file, a missing reference date, a broken
allocations file, an authority the store does not know, another council's
file) always refuse the file. Oddities that cannot hurt the store (a gender
code, an assessment signed off after the episode closed) are *warnings*:
reported, never blocking.

The file's own encoding is honoured (its byte-order mark or XML declaration:
UTF-8, UTF-16, Latin-1, Windows-1252 ...). Bytes that do not match it, or an
encoding the parser cannot read (UTF-32, Shift_JIS, an unknown name), refuse
the file with the line and what to do. A DTD or entity declaration (a census
has none) refuses the file; the parser (defusedxml) finds it in any encoding.
Element paths are walked without recursion, so no nesting depth ends in a
RecursionError.

The modules beside this one: :mod:`census_xml` (the file), :mod:`census_child`
(one child checked), :mod:`census_allocations`, :mod:`census_rows` (what is
written) and :mod:`census_report` (problems, the LEA check, the report).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from assistant.casestore.exchange.census_allocations import Allocation, allocate, read_allocations
from assistant.casestore.exchange.census_child import (
    CONTROL,
    CensusChild,
    CensusEvent,
    ChildReader,
    census_case_id,
    census_child_id,
)
from assistant.casestore.exchange.census_report import (
    LEA_CODES,
    LEA_PATH,
    AuthorityCheck,
    CensusImportError,
    CensusProblem,
    CensusReport,
    LeaMatch,
)
from assistant.casestore.exchange.census_rows import CensusRows, StoreState, census_rows, write_rows
from assistant.casestore.exchange.census_xml import (
    children_named,
    first_named,
    parse_census_date,
    parse_message,
    text_of,
)
from assistant.casestore.exchange.csv_format import CASES, CHILDREN, EVENTS_FILE
from assistant.casestore.exchange.csv_import import ID_LENGTH, Counts, ImportReport
from assistant.casestore.store import Store

# --- every child, checked ---------------------------------------------------------------------


@dataclass
class _Checked:
    """Every child of the file, checked, with the import's problems and warnings in the order they are reported."""

    children: List[CensusChild]
    problems: List[CensusProblem]
    warnings: List[CensusProblem]
    worker_of: Dict[str, str]  # LAchildID -> the worker the allocations file names, checked

    @property
    def valid(self) -> List[CensusChild]:
        return [child for child in self.children if not child.problems]

    @property
    def invalid(self) -> List[CensusChild]:
        return [child for child in self.children if child.problems]


def _check_children(
    root: ET.Element,
    reference_date: dt.date,
    authority: str,
    state: StoreState,
    allocated: Dict[str, List[Allocation]],
    allocations_name: str,
) -> _Checked:
    """Read and check every Child, then its allocation; allocation warnings are reported before the children's."""
    reader = ChildReader(reference_date, authority)
    children_element = first_named(root, "Children")
    assert children_element is not None  # parse_message refuses a file without one
    children: List[CensusChild] = []
    for element in children_named(children_element, "Child"):
        position = len(children) + 1
        children.append(reader.read(element, position, f"Message/Children/Child[{position}]"))
    _flag_repeated_ids(children)
    worker_of, warnings = allocate(children, allocated, state, authority, allocations_name)
    problems = [problem for child in children for problem in child.problems]
    warnings.extend(warning for child in children for warning in child.warnings)
    return _Checked(children, problems, warnings, worker_of)


def _flag_repeated_ids(children: List[CensusChild]) -> None:
    """Make every copy of a repeated LAchildID invalid: which one is right is not ours to guess."""
    positions: Dict[str, List[int]] = defaultdict(list)
    for child in children:
        if child.la_child_id:
            positions[child.la_child_id].append(child.position)
    for child in children:
        where = positions.get(child.la_child_id or "", [])
        if len(where) > 1:
            child.problem(
                f"{child.path}/ChildIdentifiers/LAchildID",
                f"LAchildID {child.la_child_id!r} is used by more than one child (Child {', '.join(map(str, where))})",
            )


# --- the import ------------------------------------------------------------------------------


def import_cin_census(
    store: Store,
    xml_path: Path,
    allocations: Optional[Path],
    authority: str,
    *,
    allow_partial: bool = False,
    dry_run: bool = False,
    via: Optional[Any] = None,
    authority_check: AuthorityCheck = AuthorityCheck.OFF,
) -> CensusReport:
    """Import a CIN census XML file for ``authority`` (one case per CINdetails episode).

    ``allocations`` is an optional CSV ``LAchildID,worker_id`` naming the
    worker who holds each child; every worker must be one of ``authority``'s
    in the store. Cases of children it does not name are unallocated in
    ``authority`` (its managers see them); a case already in the store keeps
    its worker and category unless the allocations file names a worker.

    All or nothing by default: any invalid child raises
    :class:`CensusImportError` listing every problem (child, element path,
    reason) and the store is unchanged. With ``allow_partial`` the valid
    children are imported and the rest reported in the returned
    :class:`CensusReport`. Importing the same file again changes nothing.
    ``dry_run`` checks and counts without writing. ``via``: audited as in
    :func:`assistant.casestore.exchange.csv_import.import_csv`.

    ``authority_check`` holds the file's LEA code against ``authority``'s in
    :data:`LEA_CODES`: ``REFUSE`` refuses a file that does not match (even with
    ``allow_partial``; its problem comes first, with every child's), ``FORCE``
    imports it and the report says so, ``OFF`` (the default) does not compare.
    """
    authority = _usable_authority(authority)
    root, reference_date = parse_message(Path(xml_path))
    lea = _check_lea(root, authority, authority_check)
    state = StoreState.load(store, authority)
    fatal: List[CensusProblem] = []
    if not state.workers_in(authority):
        fatal.append(
            CensusProblem(
                "file",
                "authority",
                f"the case store has no workers in {authority!r}: import its workers.csv first "
                f"(the census's unallocated cases go to that authority's managers)",
            )
        )
    allocated = read_allocations(Path(allocations), fatal) if allocations is not None else {}
    if fatal:
        raise _refusal(lea, fatal)
    checked = _check_children(
        root, reference_date, authority, state, allocated, Path(allocations).name if allocations is not None else ""
    )
    if lea.refused or (checked.invalid and not allow_partial):
        raise _refusal(lea, checked.problems)
    rows = census_rows(checked.valid, checked.worker_of, state, authority)
    return _report(authority, reference_date, checked, rows, write_rows(store, rows, dry_run, via), dry_run, lea)


def _usable_authority(authority: str) -> str:
    """The authority key trimmed, or a refusal: it becomes part of every id the import writes."""
    authority = (authority or "").strip()
    if not authority or len(authority) > ID_LENGTH or CONTROL.search(authority):
        raise CensusImportError([CensusProblem("file", "authority", f"not a usable authority code: {authority!r}")])
    return authority


def _report(
    authority: str,
    reference_date: dt.date,
    checked: _Checked,
    rows: CensusRows,
    store_report: Optional[ImportReport],
    dry_run: bool,
    lea: LeaMatch,
) -> CensusReport:
    """The census's report: the store's counts, and which children were imported or rejected and why."""
    files = store_report.files if store_report is not None else {}
    return CensusReport(
        authority=authority,
        reference_date=reference_date,
        children_in_file=len(checked.children),
        imported=tuple(child.la_child_id for child in checked.valid if child.la_child_id),
        rejected=tuple(child.label for child in checked.invalid),
        problems=tuple(checked.problems),
        warnings=tuple(checked.warnings),
        children=files.get(CHILDREN, Counts()),
        cases=files.get(CASES, Counts()),
        events=files.get(EVENTS_FILE, Counts()),
        open_cases=rows.open_cases,
        unallocated_cases=rows.unallocated,
        dry_run=dry_run,
        store_report=store_report,
        lea=lea,
    )


# --- whose file it is -------------------------------------------------------------------------


def _check_lea(root: ET.Element, authority: str, check: AuthorityCheck) -> LeaMatch:
    """The file's LEA code against ``authority``'s, marked refused or forced as ``check`` says when they differ."""
    found = text_of(first_named(first_named(first_named(root, "Header"), "Source"), "LEA")) or None
    match = LeaMatch(authority, LEA_CODES.get(authority), found)
    if match.matches or check is AuthorityCheck.OFF:
        return match
    return replace(match, forced=check is AuthorityCheck.FORCE, refused=check is AuthorityCheck.REFUSE)


def _refusal(lea: LeaMatch, problems: Sequence[CensusProblem]) -> CensusImportError:
    """The error refusing the file: a refused LEA code first (it is about the whole file), then the rest."""
    if lea.refused:
        return CensusImportError([lea.problem(), *problems], lea=lea)
    return CensusImportError(problems)


__all__ = [
    "LEA_CODES",
    "LEA_PATH",
    "CensusEvent",
    "AuthorityCheck",
    "CensusImportError",
    "CensusProblem",
    "CensusReport",
    "LeaMatch",
    "census_case_id",
    "census_child_id",
    "import_cin_census",
    "parse_census_date",
]

"""What a census import writes: the store's state it keeps (workers, names a manager gave, allocations and
categories), the four exchange files' rows for the valid children, and handing them to the CSV importer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from sqlalchemy import select

from assistant.casestore.exchange.census_child import CensusChild, census_case_id, census_child_id
from assistant.casestore.exchange.census_report import CensusImportError, CensusProblem
from assistant.casestore.exchange.csv_format import CASES, CHILDREN, COLUMNS, EVENTS_FILE, WORKERS
from assistant.casestore.exchange.csv_import import CsvImportError, ImportReport, import_rows
from assistant.casestore.models import Case, Child, Team, Worker
from assistant.casestore.store import Store
from assistant.domain.codes import SOURCE_CENSUS

#: What the store gets for a census child's name (the census has none): see docs/census-mapping.md.
CENSUS_LAST_NAME = "Census"
DEFAULT_CATEGORY = "standard"


# --- what the store already holds ---------------------------------------------------------------


@dataclass(frozen=True)
class WorkerRow:
    """A worker as stored, which is also its workers.csv row: the import repeats stored workers, never edits one."""

    worker_id: str
    name: str
    role: str
    team_id: str
    team_name: str
    authority: str
    manager_id: Optional[str]


@dataclass(frozen=True)
class StoredName:
    """A census child's names as stored: a manager may have named the child, which a census never undoes."""

    first_name: str
    last_name: str


@dataclass(frozen=True)
class StoredCase:
    """A census case's allocation and category as stored: the council's decisions, which the census lacks."""

    worker_id: Optional[str]
    category: str


@dataclass
class StoreState:
    """What the import needs from the store, read once before any row is built."""

    workers: Dict[str, WorkerRow]
    names: Dict[str, StoredName]  # census child_id ->
    cases: Dict[str, StoredCase]  # census case_id ->

    @classmethod
    def load(cls, store: Store, authority: str) -> "StoreState":
        prefix = census_child_id(authority, "")
        worker_columns = (
            Worker.worker_id,
            Worker.name,
            Worker.role,
            Worker.team_id,
            Team.name.label("team_name"),
            Team.authority_id.label("authority"),
            Worker.manager_id,
        )
        with store.engine.connect() as connection:
            workers = {
                row.worker_id: WorkerRow(**row._mapping)
                for row in connection.execute(select(*worker_columns).join(Team, Worker.team_id == Team.team_id))
            }
            names = {
                row.child_id: StoredName(row.first_name, row.last_name)
                for row in connection.execute(
                    select(Child.child_id, Child.first_name, Child.last_name).where(
                        Child.child_id.startswith(prefix, autoescape=True)
                    )
                )
            }
            cases = {
                row.case_id: StoredCase(row.worker_id, row.category)
                for row in connection.execute(
                    select(Case.case_id, Case.worker_id, Case.category).where(
                        Case.case_id.startswith(prefix, autoescape=True)
                    )
                )
            }
        return cls(workers, names, cases)

    def workers_in(self, authority: str) -> List[str]:
        """The authority's worker ids, in order: the first stands in workers.csv for the authority itself."""
        return sorted(worker.worker_id for worker in self.workers.values() if worker.authority == authority)


# --- the rows written ------------------------------------------------------------------------


@dataclass(frozen=True)
class _ChildRow:
    child_id: str
    first_name: str
    last_name: str
    birth_date: Optional[dt.date]
    disabled: bool


@dataclass(frozen=True)
class _CaseRow:
    case_id: str
    child_id: str
    worker_id: Optional[str]
    category: str
    referral_date: dt.date


@dataclass(frozen=True)
class _EventRow:
    """A census event: no seen-flags and an empty note, so it is the same event as one recorded elsewhere."""

    case_id: str
    event: str
    date: dt.date
    child_seen: Optional[bool] = None
    seen_alone: Optional[bool] = None
    note: str = ""


@dataclass
class CensusRows:
    """The four exchange files' rows for the valid children, and the counts the report adds to the store's."""

    workers: List[WorkerRow]
    children: List[_ChildRow] = field(default_factory=list)
    cases: List[_CaseRow] = field(default_factory=list)
    events: List[_EventRow] = field(default_factory=list)
    open_cases: int = 0
    unallocated: int = 0

    def by_file(self) -> Dict[str, List[Dict[str, object]]]:
        """The rows as the CSV importer takes them in memory: per file, each a mapping by column."""
        files = ((WORKERS, self.workers), (CHILDREN, self.children), (CASES, self.cases), (EVENTS_FILE, self.events))
        return {
            name: [{column: getattr(row, column) for column in COLUMNS[name]} for row in rows] for name, rows in files
        }


def census_rows(valid: List[CensusChild], worker_of: Dict[str, str], state: StoreState, authority: str) -> CensusRows:
    """The ``valid`` children's rows, keeping what the store holds that a census does not carry.

    ``worker_of``: LAchildID -> the worker the allocations file names, checked.

    workers.csv repeats, as stored, the workers the allocations name and the
    authority's first worker: the CSV importer gives a new unallocated case the
    import's only authority, so that worker makes it ``authority``.
    """
    worker_ids = sorted(set(worker_of.values()) | {state.workers_in(authority)[0]})
    rows = CensusRows(workers=[state.workers[worker_id] for worker_id in worker_ids])
    for child in valid:
        assert child.la_child_id is not None  # a child without one is invalid
        child_id = census_child_id(authority, child.la_child_id)
        name = state.names.get(child_id, StoredName(child.la_child_id, CENSUS_LAST_NAME))
        rows.children.append(
            _ChildRow(
                child_id=child_id,
                first_name=name.first_name,
                last_name=name.last_name,
                birth_date=child.birth_date,
                disabled=child.disabled,
            )
        )
        for episode in child.episodes:
            case_id = census_case_id(authority, child.la_child_id, episode.referral)
            stored = state.cases.get(case_id, StoredCase(worker_id=None, category=DEFAULT_CATEGORY))
            worker_id = worker_of.get(child.la_child_id, stored.worker_id)
            rows.cases.append(
                _CaseRow(
                    case_id=case_id,
                    child_id=child_id,
                    worker_id=worker_id,
                    category=stored.category,
                    referral_date=episode.referral,
                )
            )
            rows.open_cases += episode.closure is None
            rows.unallocated += worker_id is None
            rows.events.extend(_EventRow(case_id=case_id, event=e.event, date=e.date) for e in episode.events)
    return rows


def write_rows(store: Store, rows: CensusRows, dry_run: bool, via: Optional[Any]) -> Optional[ImportReport]:
    """Hand the rows to the CSV importer in memory: its checks, its one transaction and its audit row.

    None when no child is valid: there is nothing to write.
    """
    if not rows.children:
        return None
    try:
        return import_rows(store, rows.by_file(), dry_run=dry_run, source=SOURCE_CENSUS, via=via)
    except CsvImportError as exc:  # the store changed under us, or a bug: nothing was written
        raise CensusImportError(
            [CensusProblem("case store", f"{p.file}:{p.line}", p.reason) for p in exc.problems]
        ) from exc

"""All-or-nothing import of a council's four CSV files (spec §4).

Everything is read and checked first, every problem is collected as (file,
line, reason), and only a clean import writes, in one transaction. A failed
import raises :class:`CsvImportError` and leaves the store exactly as it was.

Choices the spec leaves open (and why):

* Columns may come in any order, but the header must name exactly the
  spec's columns. Cells are trimmed of surrounding spaces, and lose the
  leading ``'`` an export puts before a value a spreadsheet would run as a
  formula (:func:`~assistant.casestore.exchange.csv_format.guard_formula`); a UTF-8 byte-order
  mark is accepted (spreadsheets write one); blank lines are skipped. Line
  numbers are the file's physical lines, header = line 1; line 0 means the
  file as a whole (e.g. missing). A file that is not UTF-8 is refused with
  the line of the first bad byte and what it looks like (Windows-1252, UTF-16),
  since a guessed encoding could store a wrong name. Ids, names and notes may
  not hold control characters (a note may hold tabs and line breaks).
* Ids may refer to rows already in the store as well as to rows in the same
  import, so a council can send a smaller file later.
* Workers, teams, children and cases are keyed by their ids. A re-import with
  a changed value (a worker's name, role, team or manager; a child's details;
  a case's allocation, category or referral date) overwrites the stored row
  and counts as *updated*; an identical row is *unchanged*. Rows missing from
  the files are left alone: an export is not a deletion.
* Events are append-only and have no id in the file. An event is identified
  by (case_id, event, date, child_seen, seen_alone, note): a row whose
  identity is already stored (from any source, e.g. the chat) is *unchanged*;
  two identical rows in one file are a duplicate and fail the import.
* A case's authority is its worker's. An unallocated case (empty worker_id)
  keeps the authority it has in the store; a new one takes the import's only
  authority, and fails if the files span several authorities.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Set, Tuple

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.engine import Connection

from assistant.casestore.audit import record_import
from assistant.casestore.exchange.csv_format import (
    CASES,
    CHILDREN,
    COLUMNS,
    CONTROL_CHARACTERS,
    EVENTS_FILE,
    NOTE_CONTROL_CHARACTERS,
    WORKERS,
    TextDecodeError,
    decode_utf8,
    event_field_problems,
    format_yes_no,
    parse_yes_no,
    unguard_formula,
    unreadable_csv,
)
from assistant.casestore.models import Authority, Case, Child, Event, Team, Worker
from assistant.casestore.store import Store
from assistant.casestore.summary import refresh_case_facts
from assistant.domain.codes import CATEGORIES, ROLES, SOURCE_CSV
from assistant.domain.codes import EVENTS as EVENT_CODES

#: Stop listing problems after this many (the count of the rest is still reported).
MAX_PROBLEMS = 200
ID_LENGTH = 64
NAME_LENGTH = 200
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHUNK = 500  # ids per IN (...) when reading stored events


class Problem(NamedTuple):
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


class CsvImportError(Exception):
    """The import was refused; nothing was written. ``problems`` lists every one found (up to a cap)."""

    def __init__(self, problems: List[Problem], total: int) -> None:
        self.problems = problems
        self.total = total
        more = f"\n... and {total - len(problems)} more" if total > len(problems) else ""
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"import refused, nothing was changed: {total} problem(s)\n{lines}{more}")


@dataclass(frozen=True)
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do), per file and for the derived tables."""

    files: Dict[str, Counts]
    teams: Counts
    authorities: Counts
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        every = [*self.files.values(), self.teams, self.authorities]
        return any(counts.added or counts.updated for counts in every)

    def summary(self) -> str:
        """One line per file, for the CLI (no names, only counts)."""
        rows = [*self.files.items(), ("teams", self.teams), ("authorities", self.authorities)]
        verb = "would add" if self.dry_run else "added"
        return "\n".join(f"{name}: {verb} {c.added}, updated {c.updated}, unchanged {c.unchanged}" for name, c in rows)


class _Problems:
    """Collects problems up to the cap, counting all of them."""

    def __init__(self) -> None:
        self.items: List[Problem] = []
        self.total = 0

    def add(self, file: str, line: int, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file, line, reason))


# --- reading -----------------------------------------------------------------


def _read_file(directory: Path, name: str, problems: _Problems) -> Iterator[Tuple[int, Dict[str, str]]]:
    """Yield (line number, row by column) for one file, reporting file-level problems."""
    path = directory / name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(name, 0, f"file is missing from {directory}")
        return
    except OSError as exc:
        problems.add(name, 0, f"cannot read the file: {exc.strerror or exc}")
        return
    try:
        text = decode_utf8(raw)
    except TextDecodeError as exc:
        problems.add(name, exc.line, exc.reason)
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    expected = COLUMNS[name]
    last_line = 0
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            problems.add(name, 1, f"empty file: expected the header {','.join(expected)}")
            return
        columns = [cell.strip() for cell in header]
        missing = [c for c in expected if c not in columns]
        unexpected = [c for c in columns if c not in expected]
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if missing or unexpected or repeated:
            parts = []
            if missing:
                parts.append(f"missing column(s) {', '.join(missing)}")
            if unexpected:
                parts.append(f"unexpected column(s) {', '.join(unexpected)}")
            if repeated:
                parts.append(f"repeated column(s) {', '.join(repeated)}")
            problems.add(name, 1, f"wrong header: {'; '.join(parts)} (expected {','.join(expected)})")
            return
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not cells or all(not cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                problems.add(name, line, f"expected {len(columns)} values, found {len(cells)}")
                continue
            # The exporter's formula guard comes off before the trim (see csv_format.guard_formula).
            yield line, {column: unguard_formula(cell).strip() for column, cell in zip(columns, cells)}
    except csv.Error as exc:
        problems.add(name, last_line + 1, unreadable_csv(exc, last_line + 1))


#: Where the checks get one file's rows: (file name, problems) -> (line, row by column), as _read_file yields.
_RowSource = Callable[[str, _Problems], Iterable[Tuple[int, Dict[str, str]]]]


def _memory_rows(
    rows_by_file: Mapping[str, Iterable[Mapping[str, object]]], name: str, problems: _Problems
) -> Iterator[Tuple[int, Dict[str, str]]]:
    """Yield one file's rows given in memory exactly as _read_file yields a file's, so every check is the same.

    Each value becomes the text the file would hold (dates ISO, booleans Y/N,
    None empty; no formula guard to take off), trimmed as a cell is. Lines are
    numbered as in the file the rows would make (header = line 1, one line per
    row), so a problem names the same line either way. A file not given has no rows.
    """
    columns = COLUMNS[name]
    for line, row in enumerate(rows_by_file.get(name, ()), start=2):
        unexpected = [str(key) for key in row if key not in columns]
        if unexpected:
            problems.add(name, line, f"unexpected column(s) {', '.join(unexpected)} (expected {','.join(columns)})")
            continue
        cells = {column: _memory_cell(row.get(column)) for column in columns}
        if any(cells.values()):  # a row with no values is a blank line, which a file's reader skips
            yield line, cells


def _memory_cell(value: object) -> str:
    """A value as its cell's text after reading (see csv_format.write_csv_file for the same conversion)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return format_yes_no(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


class _Checker:
    """Field checks that report into the problem list and return the parsed value."""

    def __init__(self, problems: _Problems, name: str) -> None:
        self.problems = problems
        self.name = name
        self.line = 0

    def fail(self, reason: str) -> None:
        self.problems.add(self.name, self.line, reason)

    def required(self, row: Dict[str, str], column: str, limit: int = NAME_LENGTH) -> str:
        value = row[column]
        if not value:
            self.fail(f"{column} is empty")
        elif len(value) > limit:
            self.fail(f"{column} is longer than {limit} characters")
        else:
            self.printable(value, column)
        return value

    def printable(self, value: str, column: str, pattern: "re.Pattern[str]" = CONTROL_CHARACTERS) -> None:
        """Control characters in an id, name or note mean a corrupt or binary file, not a value."""
        found = pattern.search(value)
        if found:
            self.fail(f"{column} contains a control character (U+{ord(found.group()):04X})")

    def ident(self, row: Dict[str, str], column: str, optional: bool = False) -> Optional[str]:
        value = row[column]
        if not value:
            if not optional:
                self.fail(f"{column} is empty")
            return None
        if len(value) > ID_LENGTH:
            self.fail(f"{column} is longer than {ID_LENGTH} characters")
        else:
            self.printable(value, column)
        return value

    def code(self, row: Dict[str, str], column: str, allowed: Tuple[str, ...]) -> str:
        value = row[column]
        if value not in allowed:
            self.fail(f"unknown {column} {value!r} (expected one of: {', '.join(allowed)})")
        return value

    def date(self, row: Dict[str, str], column: str, optional: bool = False) -> Optional[dt.date]:
        value = row[column]
        if not value:
            if not optional:
                self.fail(f"{column} is empty")
            return None
        if not _ISO_DATE.match(value):
            self.fail(f"{column} {value!r} is not a date as YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{column} {value!r} is not a real date")
            return None

    def yes_no(self, row: Dict[str, str], column: str, optional: bool = False) -> Optional[bool]:
        try:
            value = parse_yes_no(row[column])
        except ValueError:
            self.fail(f"{column} must be Y or N, got {row[column]!r}")
            return None
        if value is None and not optional:
            self.fail(f"{column} is empty (expected Y or N)")
        return value

    def unique(self, seen: Dict[str, int], value: Optional[str], column: str) -> bool:
        """Record an id's first line; report later repeats. True if the id is new."""
        if value is None:
            return False
        if value in seen:
            self.fail(f"duplicate {column} {value!r} (first on line {seen[value]})")
            return False
        seen[value] = self.line
        return True


# --- the stored state the files are checked against ----------------------------


@dataclass
class _Stored:
    authorities: Set[str]
    teams: Dict[str, Tuple[str, str]]  # team_id -> (name, authority_id)
    workers: Dict[str, Tuple[str, str, str, Optional[str]]]  # -> (name, role, team_id, manager_id)
    children: Dict[str, Tuple[str, str, Optional[dt.date], bool]]
    cases: Dict[str, Tuple[str, Optional[str], str, str, dt.date]]  # -> (child, worker, authority, category, referral)

    @classmethod
    def load(cls, connection: Connection) -> "_Stored":
        return cls(
            authorities=set(connection.execute(select(Authority.authority_id)).scalars()),
            teams={r[0]: (r[1], r[2]) for r in connection.execute(select(Team.team_id, Team.name, Team.authority_id))},
            workers={
                r[0]: (r[1], r[2], r[3], r[4])
                for r in connection.execute(
                    select(Worker.worker_id, Worker.name, Worker.role, Worker.team_id, Worker.manager_id)
                )
            },
            children={
                r[0]: (r[1], r[2], r[3], bool(r[4]))
                for r in connection.execute(
                    select(Child.child_id, Child.first_name, Child.last_name, Child.birth_date, Child.disabled)
                )
            },
            cases={
                r[0]: (r[1], r[2], r[3], r[4], r[5])
                for r in connection.execute(
                    select(
                        Case.case_id,
                        Case.child_id,
                        Case.worker_id,
                        Case.authority_id,
                        Case.category,
                        Case.referral_date,
                    )
                )
            },
        )


EventKey = Tuple[str, str, dt.date, Optional[bool], Optional[bool], str]


def _stored_event_keys(connection: Connection, case_ids: Set[str]) -> Set[EventKey]:
    """Identities of the stored events of these cases, read a chunk of cases at a time."""
    keys: Set[EventKey] = set()
    ordered = sorted(case_ids)
    for start in range(0, len(ordered), _CHUNK):
        rows = connection.execute(
            select(Event.case_id, Event.event, Event.date, Event.child_seen, Event.seen_alone, Event.note).where(
                Event.case_id.in_(ordered[start : start + _CHUNK])
            )
        )
        for case_id, event, date, child_seen, seen_alone, note in rows:
            keys.add(
                (
                    case_id,
                    event,
                    date,
                    None if child_seen is None else bool(child_seen),
                    None if seen_alone is None else bool(seen_alone),
                    note,
                )
            )
    return keys


# --- the plan: what the files say, checked --------------------------------------


@dataclass
class _Plan:
    authorities: Set[str] = field(default_factory=set)
    teams: Dict[str, Tuple[str, str]] = field(default_factory=dict)
    workers: Dict[str, Tuple[str, str, str, Optional[str]]] = field(default_factory=dict)
    children: Dict[str, Tuple[str, str, Optional[dt.date], bool]] = field(default_factory=dict)
    cases: Dict[str, Tuple[str, Optional[str], str, str, dt.date]] = field(default_factory=dict)
    events: List[EventKey] = field(default_factory=list)


def _check_files(read: _RowSource, stored: _Stored, problems: _Problems) -> Tuple[_Plan, Set[str]]:
    """Parse and check the four files against each other and the store. Returns the plan and event case ids."""
    plan = _Plan()

    # workers.csv (also defines teams and authorities)
    check = _Checker(problems, WORKERS)
    worker_lines: Dict[str, int] = {}
    team_lines: Dict[str, int] = {}
    managers: List[Tuple[int, str, str]] = []
    partial_workers: Dict[str, str] = {}  # worker -> team, for rows with other problems
    for line, row in read(WORKERS, problems):
        check.line = line
        before = problems.total
        worker_id = check.ident(row, "worker_id")
        is_new = check.unique(worker_lines, worker_id, "worker_id")
        name = check.required(row, "name")
        role = check.code(row, "role", ROLES)
        team_id = check.ident(row, "team_id")
        team_name = check.required(row, "team_name")
        authority = check.ident(row, "authority")
        manager_id = check.ident(row, "manager_id", optional=True)
        if team_id and team_name and authority:
            if team_id in plan.teams:
                if plan.teams[team_id] != (team_name, authority):
                    first_name, first_authority = plan.teams[team_id]
                    check.fail(
                        f"team {team_id!r} is {team_name!r} in {authority!r} here but "
                        f"{first_name!r} in {first_authority!r} on line {team_lines[team_id]}"
                    )
            else:
                plan.teams[team_id] = (team_name, authority)
                team_lines[team_id] = line
                plan.authorities.add(authority)
        if manager_id is not None and worker_id is not None:
            if manager_id == worker_id:
                check.fail("manager_id is the worker's own id")
            else:
                managers.append((line, worker_id, manager_id))
        if is_new and worker_id is not None and team_id:
            partial_workers[worker_id] = team_id
            if problems.total == before:
                plan.workers[worker_id] = (name, role, team_id, manager_id)
    known_workers = set(stored.workers) | set(worker_lines)
    for line, _worker_id, manager_id in managers:
        if manager_id not in known_workers:
            problems.add(WORKERS, line, f"manager_id {manager_id!r} is not a known worker")

    def authority_of_worker(worker_id: str) -> Optional[str]:
        team_id = partial_workers.get(worker_id) or (stored.workers.get(worker_id) or (None, None, None, None))[2]
        if team_id in plan.teams:
            return plan.teams[team_id][1]
        if team_id in stored.teams:
            return stored.teams[team_id][1]
        return None

    # children.csv
    check = _Checker(problems, CHILDREN)
    child_lines: Dict[str, int] = {}
    for line, row in read(CHILDREN, problems):
        check.line = line
        before = problems.total
        child_id = check.ident(row, "child_id")
        is_new = check.unique(child_lines, child_id, "child_id")
        first_name = check.required(row, "first_name")
        last_name = check.required(row, "last_name")
        birth_date = check.date(row, "birth_date", optional=True)
        disabled = check.yes_no(row, "disabled")
        if is_new and child_id is not None and problems.total == before:
            plan.children[child_id] = (first_name, last_name, birth_date, bool(disabled))
    known_children = set(stored.children) | set(child_lines)

    # cases.csv
    check = _Checker(problems, CASES)
    case_lines: Dict[str, int] = {}
    sole_authority = _sole_authority(plan, stored)
    for line, row in read(CASES, problems):
        check.line = line
        before = problems.total
        case_id = check.ident(row, "case_id")
        is_new = check.unique(case_lines, case_id, "case_id")
        child_id = check.ident(row, "child_id")
        if child_id is not None and child_id not in known_children:
            check.fail(f"child_id {child_id!r} is not a known child")
        worker_id = check.ident(row, "worker_id", optional=True)
        case_authority: Optional[str] = None
        if worker_id is not None:
            if worker_id not in known_workers:
                check.fail(f"worker_id {worker_id!r} is not a known worker")
            else:
                case_authority = authority_of_worker(worker_id)
        elif case_id in stored.cases:
            case_authority = stored.cases[case_id][2]
        elif sole_authority is not None:
            case_authority = sole_authority
        else:
            check.fail(
                "worker_id is empty and the import spans several authorities, "
                "so this new unallocated case's authority is unknown"
            )
        category = check.code(row, "category", CATEGORIES)
        referral_date = check.date(row, "referral_date")
        if is_new and case_id is not None and problems.total == before and case_authority is not None:
            plan.cases[case_id] = (child_id, worker_id, case_authority, category, referral_date)  # type: ignore[assignment]
    known_cases = set(stored.cases) | set(case_lines)

    # events.csv
    check = _Checker(problems, EVENTS_FILE)
    event_lines: Dict[EventKey, int] = {}
    for line, row in read(EVENTS_FILE, problems):
        check.line = line
        before = problems.total
        case_id = check.ident(row, "case_id")
        if case_id is not None and case_id not in known_cases:
            check.fail(f"case_id {case_id!r} is not a known case")
        event = row["event"]
        date = check.date(row, "date")
        check.printable(row["note"], "note", NOTE_CONTROL_CHARACTERS)
        flags_before = problems.total
        child_seen = check.yes_no(row, "child_seen", optional=True)
        seen_alone = check.yes_no(row, "seen_alone", optional=True)
        if problems.total == flags_before:
            for reason in event_field_problems(event, child_seen, seen_alone):
                check.fail(reason)
        elif not event:
            check.fail("event is empty")
        elif event not in EVENT_CODES:
            check.fail(f"unknown event {event!r} (expected one of: {', '.join(EVENT_CODES)})")
        if problems.total == before:
            key: EventKey = (case_id, event, date, child_seen, seen_alone, row["note"])  # type: ignore[assignment]
            if key in event_lines:
                check.fail(f"the same event as line {event_lines[key]} (same case, event, date, seen flags and note)")
            else:
                event_lines[key] = line
                plan.events.append(key)
    return plan, {key[0] for key in plan.events}


def _sole_authority(plan: _Plan, stored: _Stored) -> Optional[str]:
    """The one authority an unallocated new case can belong to, if there is exactly one."""
    candidates = plan.authorities or stored.authorities
    return next(iter(candidates)) if len(candidates) == 1 else None


# --- writing ---------------------------------------------------------------------


def _split(planned: Dict, stored: Dict) -> Tuple[List, List, int]:
    """Keys to add, keys to update, and how many are unchanged."""
    added = [key for key in planned if key not in stored]
    updated = [key for key in planned if key in stored and stored[key] != planned[key]]
    return added, updated, len(planned) - len(added) - len(updated)


def _update_rows(connection: Connection, table, key_column: str, rows: List[Dict]) -> None:
    if rows:
        statement = update(table).where(table.c[key_column] == bindparam("_key"))
        connection.execute(statement, rows)


def import_csv(
    store: Store,
    directory: Path,
    dry_run: bool = False,
    source: str = SOURCE_CSV,
    via: Optional[Any] = None,
) -> ImportReport:
    """Import workers.csv, children.csv, cases.csv and events.csv from ``directory``.

    ``source`` records where new events came from ("csv", or "census" when
    the census importer writes through here). With ``via`` (an
    :class:`assistant.casestore.audit.Via`; the CLI passes its own) an import that
    changes anything is recorded on the audit trail, in its own transaction,
    with the cases it added or changed.

    All or nothing: raises :class:`CsvImportError` listing every problem
    (file, line, reason) and writes nothing, or applies everything in one
    transaction. Importing the same files again changes nothing. With
    ``dry_run`` the files are checked and counted but nothing is written.
    """
    return _import(store, functools.partial(_read_file, Path(directory)), dry_run, source, via)


def import_rows(
    store: Store,
    rows: Mapping[str, Iterable[Mapping[str, object]]],
    dry_run: bool = False,
    source: str = SOURCE_CSV,
    via: Optional[Any] = None,
) -> ImportReport:
    """Import the four files' rows given in memory, with exactly :func:`import_csv`'s checks and writes.

    For a caller that builds the rows itself (the census importer): no
    temporary files to write and read back. ``rows`` maps a file name
    (``workers.csv`` ...) to its rows, each a mapping keyed by column as
    :func:`~assistant.casestore.exchange.csv_format.write_csv_file` takes
    them (dates as ``datetime.date``, booleans, ``None`` for empty); a file
    left out has no rows. Problems name the line the row would have in the
    file (header = line 1). ``dry_run``, ``source`` and ``via`` as in :func:`import_csv`.
    """
    unknown = sorted(set(rows) - set(COLUMNS))
    if unknown:
        raise ValueError(f"not exchange files: {', '.join(unknown)} (expected {', '.join(COLUMNS)})")
    return _import(store, functools.partial(_memory_rows, rows), dry_run, source, via)


def _import(store: Store, read: _RowSource, dry_run: bool, source: str, via: Optional[Any]) -> ImportReport:
    """Check every row ``read`` gives against the store, then write all of them in one transaction or none."""
    with store.engine.begin() as connection:
        stored = _Stored.load(connection)
        problems = _Problems()
        plan, event_cases = _check_files(read, stored, problems)
        if problems.total:
            raise CsvImportError(problems.items, problems.total)

        stored_events = _stored_event_keys(connection, event_cases & set(stored.cases))
        new_events = [key for key in plan.events if key not in stored_events]
        new_authorities = sorted(plan.authorities - stored.authorities)
        teams_added, teams_updated, teams_same = _split(plan.teams, stored.teams)
        workers_added, workers_updated, workers_same = _split(plan.workers, stored.workers)
        children_added, children_updated, children_same = _split(plan.children, stored.children)
        cases_added, cases_updated, cases_same = _split(plan.cases, stored.cases)

        report = ImportReport(
            files={
                WORKERS: Counts(len(workers_added), len(workers_updated), workers_same),
                CHILDREN: Counts(len(children_added), len(children_updated), children_same),
                CASES: Counts(len(cases_added), len(cases_updated), cases_same),
                EVENTS_FILE: Counts(len(new_events), 0, len(plan.events) - len(new_events)),
            },
            teams=Counts(len(teams_added), len(teams_updated), teams_same),
            authorities=Counts(len(new_authorities), 0, len(plan.authorities) - len(new_authorities)),
            dry_run=dry_run,
        )
        if dry_run or not report.changed:
            return report

        authorities, teams = Authority.__table__, Team.__table__
        workers, children = Worker.__table__, Child.__table__
        cases, events = Case.__table__, Event.__table__
        if new_authorities:
            connection.execute(insert(authorities), [{"authority_id": a} for a in new_authorities])

        def team_row(team_id: str) -> Dict:
            name, authority_id = plan.teams[team_id]
            return {"name": name, "authority_id": authority_id}

        if teams_added:
            _bulk_insert(connection, teams, [{"team_id": t, **team_row(t)} for t in teams_added])
        _update_rows(connection, teams, "team_id", [{"_key": t, **team_row(t)} for t in teams_updated])

        def worker_row(worker_id: str) -> Dict:
            name, role, team_id, manager_id = plan.workers[worker_id]
            return {"name": name, "role": role, "team_id": team_id, "manager_id": manager_id}

        # New workers go in without their manager (who may be new too), then every
        # changed or managed worker is updated, so foreign keys hold at each step.
        if workers_added:
            _bulk_insert(
                connection, workers, [{"worker_id": w, **worker_row(w), "manager_id": None} for w in workers_added]
            )
        managed_new = [w for w in workers_added if plan.workers[w][3] is not None]
        _update_rows(
            connection, workers, "worker_id", [{"_key": w, **worker_row(w)} for w in workers_updated + managed_new]
        )

        def child_row(child_id: str) -> Dict:
            first_name, last_name, birth_date, disabled = plan.children[child_id]
            return {"first_name": first_name, "last_name": last_name, "birth_date": birth_date, "disabled": disabled}

        if children_added:
            _bulk_insert(connection, children, [{"child_id": c, **child_row(c)} for c in children_added])
        _update_rows(connection, children, "child_id", [{"_key": c, **child_row(c)} for c in children_updated])

        def case_row(case_id: str) -> Dict:
            child_id, worker_id, authority_id, category, referral_date = plan.cases[case_id]
            return {
                "child_id": child_id,
                "worker_id": worker_id,
                "authority_id": authority_id,
                "category": category,
                "referral_date": referral_date,
            }

        if cases_added:
            _bulk_insert(connection, cases, [{"case_id": c, **case_row(c)} for c in cases_added])
        _update_rows(connection, cases, "case_id", [{"_key": c, **case_row(c)} for c in cases_updated])

        if new_events:
            recorded_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            _bulk_insert(
                connection,
                events,
                [
                    {
                        "case_id": case_id,
                        "event": event,
                        "date": date,
                        "child_seen": child_seen,
                        "seen_alone": seen_alone,
                        "note": note,
                        "source": source,
                        "recorded_at": recorded_at,
                    }
                    for case_id, event, date, child_seen, seen_alone, note in new_events
                ],
            )
        # Keep the per-case due-date summary current, in the same transaction.
        refresh_case_facts(connection, {key[0] for key in new_events})
        if via is not None:
            record_import(connection, via, source, [*cases_added, *cases_updated, *(key[0] for key in new_events)])
    _refresh_statistics(store)
    return report


def _bulk_insert(connection: Connection, table: Table, rows: List[Dict]) -> None:
    """Insert many rows inside the import's transaction; on PostgreSQL with COPY.

    psycopg2's batched INSERTs spent a third of a 100,000-child import quoting
    values on the client; COPY streams them as text instead.
    """
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        _sqlite_insert(connection, table, rows)
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(row[c]) for c in columns))
        buffer.write("\n")
    buffer.seek(0)
    cursor = connection.connection.cursor()  # the DBAPI connection of this same transaction
    try:
        cursor.copy_expert(f'COPY "{table.name}" ({", ".join(columns)}) FROM STDIN', buffer)
    finally:
        cursor.close()


def _sqlite_insert(connection: Connection, table: Table, rows: List[Dict]) -> None:
    """executemany straight on the driver, values converted by SQLAlchemy's own bind processors.

    SQLAlchemy's executemany built each row's parameters in Python: for three
    million events that was most of a SQLite import. The values stored are the same.
    """
    dialect = connection.dialect
    columns = list(rows[0])
    processors = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    quoted = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    statement = f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({quoted}) VALUES ({marks})"
    pairs = list(zip(columns, processors))
    cursor = connection.connection.cursor()  # the DBAPI connection of this same transaction
    try:
        cursor.executemany(statement, [tuple(row[c] if p is None else p(row[c]) for c, p in pairs) for row in rows])
    finally:
        cursor.close()


def _copy_value(value: object) -> str:
    """One value in COPY's text format: \\N for NULL, backslash escapes for the rest."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text_value = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return text_value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _refresh_statistics(store: Store) -> None:
    """Let the query planner see the new rows (ANALYZE), after the import has committed.

    Without it PostgreSQL plans the scoped queries for empty tables until
    autovacuum catches up: one worker's due list took 71 ms instead of 16 ms
    on a freshly imported 25,000-child store, an authority's 22 s instead of 1.4 s.
    """
    with store.engine.begin() as connection:
        connection.execute(text("ANALYZE"))

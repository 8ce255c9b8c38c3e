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

The rows are read by :mod:`csv_read` (from files, or given in memory) and
checked by :mod:`csv_checks`; this module writes them.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Set, Tuple

from sqlalchemy import Table, bindparam, insert, inspect, select, text, update
from sqlalchemy.engine import Connection

from assistant.casestore.audit import record_import
from assistant.casestore.exchange.csv_checks import (
    ID_LENGTH,
    MAX_PROBLEMS,
    NAME_LENGTH,
    EventKey,
    Plan,
    Problem,
    Problems,
    RowSource,
    Stored,
    check_files,
)
from assistant.casestore.exchange.csv_format import CASES, CHILDREN, COLUMNS, EVENTS_FILE, WORKERS
from assistant.casestore.exchange.csv_read import memory_rows, read_file
from assistant.casestore.models import Authority, Case, Child, Event, Team, Worker
from assistant.casestore.store import Store
from assistant.casestore.summary import refresh_case_facts
from assistant.domain.codes import SOURCE_CSV

_CHUNK = 500  # ids per IN (...) when reading stored events


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
    return _import(store, functools.partial(read_file, Path(directory)), dry_run, source, via)


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
    return _import(store, functools.partial(memory_rows, rows), dry_run, source, via)


def _import(store: Store, read: RowSource, dry_run: bool, source: str, via: Optional[Any]) -> ImportReport:
    """Check every row ``read`` gives against the store, then write all of them in one transaction or none."""
    with store.engine.begin() as connection:
        stored = Stored.load(connection)
        problems = Problems()
        plan, event_cases = check_files(read, stored, problems)
        if problems.total:
            raise CsvImportError(problems.items, problems.total)
        changes = _Changes.between(plan, stored, _stored_event_keys(connection, event_cases & set(stored.cases)))
        report = changes.report(plan, dry_run)
        if dry_run or not report.changed:
            return report
        _write(connection, plan, changes, source)
        # Keep the per-case due-date summary current, in the same transaction.
        refresh_case_facts(connection, {key[0] for key in changes.new_events})
        if via is not None:
            record_import(connection, via, source, changes.changed_cases())
    _refresh_statistics(store)
    return report


@dataclass(frozen=True)
class _Split:
    """One table's planned rows against the stored ones: keys to add, keys to update, how many are unchanged."""

    added: List
    updated: List
    unchanged: int

    @classmethod
    def of(cls, planned: Dict, stored: Dict) -> "_Split":
        return cls(*_split(planned, stored))

    def counts(self) -> Counts:
        return Counts(len(self.added), len(self.updated), self.unchanged)


@dataclass(frozen=True)
class _Changes:
    """What a checked plan changes in the store."""

    new_events: List[EventKey]
    new_authorities: List[str]
    teams: _Split
    workers: _Split
    children: _Split
    cases: _Split

    @classmethod
    def between(cls, plan: Plan, stored: Stored, stored_events: Set[EventKey]) -> "_Changes":
        return cls(
            new_events=[key for key in plan.events if key not in stored_events],
            new_authorities=sorted(plan.authorities - stored.authorities),
            teams=_Split.of(plan.teams, stored.teams),
            workers=_Split.of(plan.workers, stored.workers),
            children=_Split.of(plan.children, stored.children),
            cases=_Split.of(plan.cases, stored.cases),
        )

    def report(self, plan: Plan, dry_run: bool) -> "ImportReport":
        return ImportReport(
            files={
                WORKERS: self.workers.counts(),
                CHILDREN: self.children.counts(),
                CASES: self.cases.counts(),
                EVENTS_FILE: Counts(len(self.new_events), 0, len(plan.events) - len(self.new_events)),
            },
            teams=self.teams.counts(),
            authorities=Counts(len(self.new_authorities), 0, len(plan.authorities) - len(self.new_authorities)),
            dry_run=dry_run,
        )

    def changed_cases(self) -> List[str]:
        """The cases added or changed, for the audit trail (a case with new events counts as changed)."""
        return [*self.cases.added, *self.cases.updated, *(key[0] for key in self.new_events)]


def _write(connection: Connection, plan: Plan, changes: _Changes, source: str) -> None:
    """Apply the changes inside the import's transaction, in the order the foreign keys need."""
    if changes.new_authorities:
        connection.execute(insert(Authority.__table__), [{"authority_id": a} for a in changes.new_authorities])

    def team_row(team_id: str) -> Dict:
        name, authority_id = plan.teams[team_id]
        return {"name": name, "authority_id": authority_id}

    _upsert(connection, Team.__table__, "team_id", changes.teams, team_row)

    def worker_row(worker_id: str) -> Dict:
        name, role, team_id, manager_id = plan.workers[worker_id]
        return {"name": name, "role": role, "team_id": team_id, "manager_id": manager_id}

    # New workers go in without their manager (who may be new too), then every
    # changed or managed worker is updated, so foreign keys hold at each step.
    workers, added = Worker.__table__, changes.workers.added
    if added:
        _bulk_insert(connection, workers, [{"worker_id": w, **worker_row(w), "manager_id": None} for w in added])
    managed_new = [w for w in added if plan.workers[w][3] is not None]
    _update_rows(
        connection, workers, "worker_id", [{"_key": w, **worker_row(w)} for w in changes.workers.updated + managed_new]
    )

    def child_row(child_id: str) -> Dict:
        first_name, last_name, birth_date, disabled = plan.children[child_id]
        return {"first_name": first_name, "last_name": last_name, "birth_date": birth_date, "disabled": disabled}

    _upsert(connection, Child.__table__, "child_id", changes.children, child_row)

    def case_row(case_id: str) -> Dict:
        child_id, worker_id, authority_id, category, referral_date = plan.cases[case_id]
        return {
            "child_id": child_id,
            "worker_id": worker_id,
            "authority_id": authority_id,
            "category": category,
            "referral_date": referral_date,
        }

    _upsert(connection, Case.__table__, "case_id", changes.cases, case_row)
    _insert_events(connection, changes.new_events, source)


def _upsert(connection: Connection, table: Table, key: str, split: _Split, row_of: Callable[[str], Dict]) -> None:
    """Insert the added keys' rows, then update the changed ones' (``_key`` names the row to update)."""
    if split.added:
        _bulk_insert(connection, table, [{key: k, **row_of(k)} for k in split.added])
    _update_rows(connection, table, key, [{"_key": k, **row_of(k)} for k in split.updated])


def _insert_events(connection: Connection, new_events: List[EventKey], source: str) -> None:
    if not new_events:
        return
    recorded_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    _bulk_insert(
        connection,
        Event.__table__,
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
    Only the store's own tables: a bare ANALYZE takes every table of the
    database, the system catalogs included, and deadlocks with another session
    doing the same (two stores' imports at once).
    """
    with store.engine.begin() as connection:
        quote = connection.dialect.identifier_preparer.quote
        for table in inspect(connection).get_table_names():
            connection.execute(text(f"ANALYZE {quote(table)}"))


__all__ = [
    "ID_LENGTH",
    "MAX_PROBLEMS",
    "NAME_LENGTH",
    "Counts",
    "CsvImportError",
    "ImportReport",
    "Problem",
    "import_csv",
    "import_rows",
]

"""Checking the four exchange files' rows (spec §4), wherever they come from, against each other and the
store: every problem collected as (file, line, reason), and a plan of what a clean import writes.

The files are checked in order (workers, children, cases, events), each
against those before it and the rows already stored; see
:mod:`assistant.casestore.exchange.csv_import` for the choices the checks make.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Set, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Connection

from assistant.casestore.exchange.csv_format import (
    CASES,
    CHILDREN,
    CONTROL_CHARACTERS,
    EVENTS_FILE,
    NOTE_CONTROL_CHARACTERS,
    WORKERS,
    event_field_problems,
    parse_yes_no,
)
from assistant.casestore.models import Authority, Case, Child, Team, Worker
from assistant.domain.codes import CATEGORIES, ROLES
from assistant.domain.codes import EVENTS as EVENT_CODES

#: Stop listing problems after this many (the count of the rest is still reported).
MAX_PROBLEMS = 200
ID_LENGTH = 64
NAME_LENGTH = 200
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Problem(NamedTuple):
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


class Problems:
    """Collects problems up to the cap, counting all of them."""

    def __init__(self) -> None:
        self.items: List[Problem] = []
        self.total = 0

    def add(self, file: str, line: int, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file, line, reason))


#: Where the checks get one file's rows: (file name, problems) -> (line, row by column), as read_file yields.
RowSource = Callable[[str, Problems], Iterable[Tuple[int, Dict[str, str]]]]


class Checker:
    """Field checks that report into the problem list and return the parsed value."""

    def __init__(self, problems: Problems, name: str) -> None:
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
class Stored:
    authorities: Set[str]
    teams: Dict[str, Tuple[str, str]]  # team_id -> (name, authority_id)
    workers: Dict[str, Tuple[str, str, str, Optional[str]]]  # -> (name, role, team_id, manager_id)
    children: Dict[str, Tuple[str, str, Optional[dt.date], bool]]
    cases: Dict[str, Tuple[str, Optional[str], str, str, dt.date]]  # -> (child, worker, authority, category, referral)

    @classmethod
    def load(cls, connection: Connection) -> "Stored":
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


# --- the plan: what the files say, checked --------------------------------------


@dataclass
class Plan:
    authorities: Set[str] = field(default_factory=set)
    teams: Dict[str, Tuple[str, str]] = field(default_factory=dict)
    workers: Dict[str, Tuple[str, str, str, Optional[str]]] = field(default_factory=dict)
    children: Dict[str, Tuple[str, str, Optional[dt.date], bool]] = field(default_factory=dict)
    cases: Dict[str, Tuple[str, Optional[str], str, str, dt.date]] = field(default_factory=dict)
    events: List[EventKey] = field(default_factory=list)


def check_files(read: RowSource, stored: Stored, problems: Problems) -> Tuple[Plan, Set[str]]:
    """Parse and check the four files against each other and the store. Returns the plan and event case ids."""
    checks = _FileChecks(read, stored, problems)
    checks.workers()
    checks.children()
    checks.cases()
    checks.events()
    return checks.plan, {key[0] for key in checks.plan.events}


class _FileChecks:
    """The four files checked in order, each against the ones before it and the store, into one plan."""

    def __init__(self, read: RowSource, stored: Stored, problems: Problems) -> None:
        self.read = read
        self.stored = stored
        self.problems = problems
        self.plan = Plan()
        self.partial_workers: Dict[str, str] = {}  # worker -> team, for rows with other problems
        self.known_workers: Set[str] = set()
        self.known_children: Set[str] = set()
        self.known_cases: Set[str] = set()

    def workers(self) -> None:
        """workers.csv (also defines teams and authorities)."""
        plan, problems = self.plan, self.problems
        check = Checker(problems, WORKERS)
        worker_lines: Dict[str, int] = {}
        team_lines: Dict[str, int] = {}
        managers: List[Tuple[int, str, str]] = []
        for line, row in self.read(WORKERS, problems):
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
                self.partial_workers[worker_id] = team_id
                if problems.total == before:
                    plan.workers[worker_id] = (name, role, team_id, manager_id)
        self.known_workers = set(self.stored.workers) | set(worker_lines)
        for line, _worker_id, manager_id in managers:
            if manager_id not in self.known_workers:
                problems.add(WORKERS, line, f"manager_id {manager_id!r} is not a known worker")

    def authority_of_worker(self, worker_id: str) -> Optional[str]:
        stored = self.stored
        team_id = self.partial_workers.get(worker_id) or (stored.workers.get(worker_id) or (None, None, None, None))[2]
        if team_id in self.plan.teams:
            return self.plan.teams[team_id][1]
        if team_id in stored.teams:
            return stored.teams[team_id][1]
        return None

    def children(self) -> None:
        """children.csv."""
        problems = self.problems
        check = Checker(problems, CHILDREN)
        child_lines: Dict[str, int] = {}
        for line, row in self.read(CHILDREN, problems):
            check.line = line
            before = problems.total
            child_id = check.ident(row, "child_id")
            is_new = check.unique(child_lines, child_id, "child_id")
            first_name = check.required(row, "first_name")
            last_name = check.required(row, "last_name")
            birth_date = check.date(row, "birth_date", optional=True)
            disabled = check.yes_no(row, "disabled")
            if is_new and child_id is not None and problems.total == before:
                self.plan.children[child_id] = (first_name, last_name, birth_date, bool(disabled))
        self.known_children = set(self.stored.children) | set(child_lines)

    def cases(self) -> None:
        """cases.csv: a case's authority is its worker's, else the stored one's, else the import's only one."""
        problems, stored = self.problems, self.stored
        check = Checker(problems, CASES)
        case_lines: Dict[str, int] = {}
        sole_authority = _sole_authority(self.plan, stored)
        for line, row in self.read(CASES, problems):
            check.line = line
            before = problems.total
            case_id = check.ident(row, "case_id")
            is_new = check.unique(case_lines, case_id, "case_id")
            child_id = check.ident(row, "child_id")
            if child_id is not None and child_id not in self.known_children:
                check.fail(f"child_id {child_id!r} is not a known child")
            worker_id = check.ident(row, "worker_id", optional=True)
            case_authority: Optional[str] = None
            if worker_id is not None:
                if worker_id not in self.known_workers:
                    check.fail(f"worker_id {worker_id!r} is not a known worker")
                else:
                    case_authority = self.authority_of_worker(worker_id)
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
                self.plan.cases[case_id] = (child_id, worker_id, case_authority, category, referral_date)  # type: ignore[assignment]
        self.known_cases = set(stored.cases) | set(case_lines)

    def events(self) -> None:
        """events.csv: two rows with one identity are a duplicate."""
        problems = self.problems
        check = Checker(problems, EVENTS_FILE)
        event_lines: Dict[EventKey, int] = {}
        for line, row in self.read(EVENTS_FILE, problems):
            check.line = line
            before = problems.total
            case_id = check.ident(row, "case_id")
            if case_id is not None and case_id not in self.known_cases:
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
                    check.fail(
                        f"the same event as line {event_lines[key]} (same case, event, date, seen flags and note)"
                    )
                else:
                    event_lines[key] = line
                    self.plan.events.append(key)


def _sole_authority(plan: Plan, stored: Stored) -> Optional[str]:
    """The one authority an unallocated new case can belong to, if there is exactly one."""
    candidates = plan.authorities or stored.authorities
    return next(iter(candidates)) if len(candidates) == 1 else None

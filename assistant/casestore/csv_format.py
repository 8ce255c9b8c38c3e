"""The exchange format (spec §4) and the case vocabularies, in one place.

The importer, the exporter, the demo-data generator and the due-date engine all
import these names, so a role, category or event code is spelt once.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Dict, Iterable, Mapping, Optional, Sequence, Tuple

# --- vocabularies ----------------------------------------------------------

ROLES: Tuple[str, ...] = (
    "social_worker",
    "asye",
    "senior_practitioner",
    "practice_supervisor",
    "practice_manager",
    "team_manager",
    "community_care_worker",
)
#: Roles that see their whole team, whether or not anyone names them as manager.
MANAGER_ROLES: Tuple[str, ...] = ("practice_manager", "team_manager")

CATEGORIES: Tuple[str, ...] = (
    "standard",
    "disability_low_risk",
    "disability_review",
    "disability",
    "disability_welfare",
)

VISIT = "visit"
CASE_CLOSED = "case_closed"
#: Events by which a case enters CIN from a higher tier (spec §2, "CIN start").
STEP_DOWN_EVENTS: Tuple[str, ...] = ("cp_plan_ended", "discharged_from_care", "proceedings_concluded")
EVENTS: Tuple[str, ...] = (
    VISIT,
    "assessment_completed",
    "initial_cin_meeting",
    "cin_review",
    "plan_circulated",
    "supervision",
    "case_summary",
    *STEP_DOWN_EVENTS,
    CASE_CLOSED,
)

#: Where an event came from: an import, a worker telling the chat, a census load.
SOURCE_CSV = "csv"
SOURCE_CHAT = "chat"
SOURCE_CENSUS = "census"
SOURCES: Tuple[str, ...] = (SOURCE_CSV, SOURCE_CHAT, SOURCE_CENSUS)

# --- files and columns -----------------------------------------------------

WORKERS = "workers.csv"
CHILDREN = "children.csv"
CASES = "cases.csv"
EVENTS_FILE = "events.csv"

#: Each file's header, in the order the spec gives and the exporter writes.
COLUMNS: Dict[str, Tuple[str, ...]] = {
    WORKERS: ("worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"),
    CHILDREN: ("child_id", "first_name", "last_name", "birth_date", "disabled"),
    CASES: ("case_id", "child_id", "worker_id", "category", "referral_date"),
    EVENTS_FILE: ("case_id", "event", "date", "child_seen", "seen_alone", "note"),
}
#: The order files are read and written in: each file refers only to earlier ones.
FILES: Tuple[str, ...] = (WORKERS, CHILDREN, CASES, EVENTS_FILE)

YES = "Y"
NO = "N"


def format_yes_no(value: Optional[bool]) -> str:
    """``True``/``False``/``None`` as the file's ``Y``/``N``/empty."""
    if value is None:
        return ""
    return YES if value else NO


def parse_yes_no(text: str) -> Optional[bool]:
    """``Y``/``N`` (either case) to a bool, empty to ``None``; anything else is a ValueError."""
    value = text.strip().upper()
    if value == "":
        return None
    if value == YES:
        return True
    if value == NO:
        return False
    raise ValueError(f"expected Y or N, got {text!r}")


def event_field_problems(event: str, child_seen: Optional[bool], seen_alone: Optional[bool]) -> list[str]:
    """Why an event's code and seen-flags do not fit together (empty list: they do).

    Visits say whether the child was seen (required) and seen alone (may be
    unknown, and cannot be yes if the child was not seen); other events carry
    neither. The importer and the chat's recorder share this rule.
    """
    if not event:
        return ["event is empty"]
    if event not in EVENTS:
        return [f"unknown event {event!r} (expected one of: {', '.join(EVENTS)})"]
    problems = []
    if event == VISIT:
        if child_seen is None:
            problems.append("a visit needs child_seen Y or N")
        elif seen_alone and not child_seen:
            problems.append("seen_alone is Y but child_seen is N")
    else:
        if child_seen is not None:
            problems.append(f"child_seen must be empty for {event}")
        if seen_alone is not None:
            problems.append(f"seen_alone must be empty for {event}")
    return problems


def write_csv_file(path: Path, name: str, rows: Iterable[Mapping[str, object] | Sequence[object]]) -> int:
    """Write one exchange file (header first) and return the number of data rows.

    ``name`` is one of :data:`FILES`; rows are mappings keyed by column name or
    sequences in column order. Dates may be ``datetime.date`` (written ISO),
    booleans are written Y/N and ``None`` as empty, so the demo-data generator
    and :func:`assistant.casestore.export_csv` write byte-identical files.
    """
    columns = COLUMNS[name]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            values = [row.get(column) for column in columns] if isinstance(row, Mapping) else list(row)
            if len(values) != len(columns):
                raise ValueError(f"{name}: expected {len(columns)} values, got {len(values)}")
            writer.writerow([_cell(value) for value in values])
            count += 1
    return count


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return format_yes_no(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)

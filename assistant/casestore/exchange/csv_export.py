"""Write the store back out as the four exchange files (spec §4).

For moving a caseload between stores and for checking an import round-trips;
the demo-data generator writes the same files with :func:`write_csv_file`.
Event sources and recording times are not part of the format and are dropped.
A cell a spreadsheet would run as a formula (a name starting with "=", say) is
written with a leading ``'`` by :func:`write_csv_file`, so opening an export in
Excel runs nothing; the importer takes the quote off, so the round trip is exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from sqlalchemy import select

from assistant.casestore.exchange.csv_format import (
    CASES,
    CHILDREN,
    EVENTS_FILE,
    WORKERS,
    write_csv_file,
)
from assistant.casestore.models import Case, Child, Event, Team, Worker
from assistant.casestore.store import Store


def export_csv(store: Store, directory: Path) -> Dict[str, int]:
    """Write workers.csv, children.csv, cases.csv and events.csv into ``directory``; rows per file."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written: Dict[str, int] = {}
    with store.engine.connect() as connection:
        written[WORKERS] = write_csv_file(
            directory / WORKERS,
            WORKERS,
            connection.execute(
                select(
                    Worker.worker_id,
                    Worker.name,
                    Worker.role,
                    Worker.team_id,
                    Team.name,
                    Team.authority_id,
                    Worker.manager_id,
                )
                .join(Team, Worker.team_id == Team.team_id)
                .order_by(Worker.worker_id)
            ),
        )
        written[CHILDREN] = write_csv_file(
            directory / CHILDREN,
            CHILDREN,
            (
                (child_id, first, last, birth, bool(disabled))
                for child_id, first, last, birth, disabled in connection.execute(
                    select(
                        Child.child_id, Child.first_name, Child.last_name, Child.birth_date, Child.disabled
                    ).order_by(Child.child_id)
                )
            ),
        )
        written[CASES] = write_csv_file(
            directory / CASES,
            CASES,
            connection.execute(
                select(Case.case_id, Case.child_id, Case.worker_id, Case.category, Case.referral_date).order_by(
                    Case.case_id
                )
            ),
        )
        written[EVENTS_FILE] = write_csv_file(
            directory / EVENTS_FILE,
            EVENTS_FILE,
            (
                (case_id, event, date, _flag(seen), _flag(alone), note)
                for case_id, event, date, seen, alone, note in connection.execute(
                    select(
                        Event.case_id, Event.event, Event.date, Event.child_seen, Event.seen_alone, Event.note
                    ).order_by(Event.case_id, Event.date, Event.id)
                )
            ),
        )
    return written


def _flag(value: object) -> object:
    return None if value is None else bool(value)

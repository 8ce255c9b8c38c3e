"""Who holds which child: the allocations file (``LAchildID,worker_id``), read and checked against the
census's children and the store's workers. The census itself names no worker."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

from assistant.casestore.exchange.census_child import CensusChild
from assistant.casestore.exchange.census_report import CensusProblem
from assistant.casestore.exchange.census_rows import StoreState
from assistant.casestore.exchange.csv_format import TextDecodeError, decode_utf8, unreadable_csv

ALLOCATION_COLUMNS: Tuple[str, ...] = ("LAchildID", "worker_id")


@dataclass(frozen=True)
class Allocation:
    """One row of the allocations file: the worker it names, and its line for a problem to point at."""

    line: int
    worker_id: str


def read_allocations(path: Path, fatal: List[CensusProblem]) -> Dict[str, List[Allocation]]:
    """LAchildID -> its rows; file-level problems go to ``fatal`` (the file is then refused whole)."""
    name = path.name
    found: Dict[str, List[Allocation]] = defaultdict(list)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        fatal.append(CensusProblem(name, f"{name}:0", f"cannot read the allocations file: {exc.strerror or exc}"))
        return found
    try:
        text = decode_utf8(raw)
    except TextDecodeError as exc:
        fatal.append(CensusProblem(name, f"{name}:{exc.line}", f"the allocations file is {exc.reason}"))
        return found
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last_line = 0
    try:
        header = next(reader, None)
        columns = [cell.strip() for cell in header or []]
        if sorted(c.lower() for c in columns) != sorted(c.lower() for c in ALLOCATION_COLUMNS):
            fatal.append(
                CensusProblem(
                    name, f"{name}:1", f"wrong header {','.join(columns)!r} (expected {','.join(ALLOCATION_COLUMNS)})"
                )
            )
            return found
        child_index = [c.lower() for c in columns].index("lachildid")
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not cells or all(not cell.strip() for cell in cells):
                continue
            if len(cells) != 2:
                fatal.append(CensusProblem(name, f"{name}:{line}", f"expected 2 values, found {len(cells)}"))
                continue
            la_child_id, worker_id = cells[child_index].strip(), cells[1 - child_index].strip()
            if not la_child_id or not worker_id:
                fatal.append(CensusProblem(name, f"{name}:{line}", "LAchildID and worker_id must both be given"))
                continue
            found[la_child_id].append(Allocation(line, worker_id))
    except csv.Error as exc:
        fatal.append(CensusProblem(name, f"{name}:{last_line + 1}", unreadable_csv(exc, last_line + 1)))
    return found


def allocate(
    children: List[CensusChild],
    allocated: Dict[str, List[Allocation]],
    state: StoreState,
    authority: str,
    allocations_name: str,
) -> Tuple[Dict[str, str], List[CensusProblem]]:
    """Each allocated child's worker, and warnings for rows naming no child of the file.

    A worker the store does not have, one of another authority, or two workers
    for one child make that child invalid: a guessed allocation would show a
    child to the wrong worker.
    """
    by_id = {child.la_child_id: child for child in children if child.la_child_id}
    worker_of: Dict[str, str] = {}
    warnings: List[CensusProblem] = []
    for la_child_id, rows in allocated.items():
        child = by_id.get(la_child_id)
        if child is None:
            warnings.append(
                CensusProblem(
                    allocations_name,
                    f"{allocations_name}:{rows[0].line}",
                    f"LAchildID {la_child_id!r} is not in the census; allocation ignored",
                )
            )
            continue
        workers = sorted({row.worker_id for row in rows})
        where = f"{allocations_name}:{', '.join(str(row.line) for row in rows)}"
        worker = state.workers.get(workers[0])
        if len(workers) > 1:
            child.problem(where, f"allocated to more than one worker ({', '.join(workers)})")
        elif worker is None:
            child.problem(where, f"worker_id {workers[0]!r} is not a worker in the case store")
        elif worker.authority != authority:
            child.problem(where, f"worker_id {workers[0]!r} works in {worker.authority!r}, not {authority!r}")
        else:
            worker_of[la_child_id] = workers[0]
    return worker_of, warnings

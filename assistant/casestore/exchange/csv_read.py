"""Where an import's rows come from: a CSV file on disk, or rows given in memory, read the same way.

Both yield (line, row by column) with the same cells and line numbers, so
every check (:mod:`csv_checks`) and every problem is the same either way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Dict, Iterable, Iterator, Mapping, Tuple

from assistant.casestore.exchange.csv_checks import Problems
from assistant.casestore.exchange.csv_format import (
    COLUMNS,
    TextDecodeError,
    decode_utf8,
    format_yes_no,
    unguard_formula,
    unreadable_csv,
)

# --- reading -----------------------------------------------------------------


def read_file(directory: Path, name: str, problems: Problems) -> Iterator[Tuple[int, Dict[str, str]]]:
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


def memory_rows(
    rows_by_file: Mapping[str, Iterable[Mapping[str, object]]], name: str, problems: Problems
) -> Iterator[Tuple[int, Dict[str, str]]]:
    """Yield one file's rows given in memory exactly as read_file yields a file's, so every check is the same.

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

"""The exchange format (spec §4) and the case vocabularies, in one place.

The importer, the exporter, the demo-data generator and the due-date engine all
import these names, so a role, category or event code is spelt once.
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path
from typing import Dict, Iterable, Mapping, Optional, Sequence, Tuple

from assistant.domain.codes import EVENTS, VISIT

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


#: Characters no id or name may hold (C0 and C1 controls): a sign of a corrupt or binary file.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
#: The same in a free-text note, where tab and line breaks are allowed.
NOTE_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# --- spreadsheet formulas ---------------------------------------------------
#
# A cell starting with "=", "+", "-", "@", a tab or a carriage return is run as a formula when the file is
# opened in a spreadsheet (CSV injection), so a child named "=HYPERLINK(...)" would become a live link.
# Every such cell is written with a leading "'" (OWASP's advice: spreadsheets read it as "this is text").
# Dates (YYYY-MM-DD), Y/N flags and ids need no exception: the format has no negative numbers.
#
# The importer takes the quote off again (unguard_formula), so export -> import -> export is lossless and
# stable for values that legitimately start so ("-ve result", "-Hyphenated"). To keep that reversible, a
# value that already starts with quotes and then a trigger ("'=x") gets one more quote on export. The cost:
# a hand-made file whose cell starts with "'" and a trigger loses that one apostrophe on import.
FORMULA_GUARD = "'"
_NEEDS_GUARD = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")


def guard_formula(text: str) -> str:
    """The cell as written: ``'`` in front if a spreadsheet would otherwise run it as a formula."""
    return FORMULA_GUARD + text if _NEEDS_GUARD.match(text) else text


def unguard_formula(cell: str) -> str:
    """The value a cell written by :func:`guard_formula` stands for (one guarding quote removed)."""
    return cell[len(FORMULA_GUARD) :] if _GUARDED.match(cell) else cell


class TextDecodeError(ValueError):
    """A file that is not UTF-8 text: ``line`` (1-based) and a reason that says how to fix it."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def decode_utf8(raw: bytes) -> str:
    """A text file's content: UTF-8, a byte-order mark allowed; else TextDecodeError naming the line.

    Spreadsheets save CSV as UTF-8, Windows-1252 ("CSV" rather than "CSV UTF-8")
    or UTF-16 ("Unicode text"); the reason names which it looks like, so the
    person importing knows which "Save as" to choose.
    """
    save_as = 'save it as "CSV UTF-8"'
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _raise(1, f"not UTF-8: the file is UTF-32; {save_as}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _raise(1, f'not UTF-8: the file is UTF-16 (a spreadsheet\'s "Unicode text"); {save_as}')
    nul = raw.find(b"\x00")
    if nul >= 0:
        return _raise(
            raw.count(b"\n", 0, nul) + 1,
            f"not UTF-8 text: NUL bytes (offset {nul}), so UTF-16 without a byte-order mark or not a text "
            f"file at all; {save_as}",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("cp1252")
            guess = 'it looks like Windows-1252 or Latin-1, a spreadsheet\'s plain "CSV"'
        except UnicodeDecodeError:
            guess = "not a text encoding the importer knows"
        return _raise(line, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}: {guess}); {save_as}")


def unreadable_csv(error: csv.Error, line: int) -> str:
    """The reason for a CSV the reader gave up on at the record starting on ``line``, in plain words."""
    if "unexpected end of data" in str(error):
        return f"unreadable CSV: a quoted value opened on line {line} is never closed"
    return f"unreadable CSV: {error}"


def _raise(line: int, reason: str) -> str:
    raise TextDecodeError(line, reason)


def write_csv_file(path: Path, name: str, rows: Iterable[Mapping[str, object] | Sequence[object]]) -> int:
    """Write one exchange file (header first) and return the number of data rows.

    ``name`` is one of :data:`FILES`; rows are mappings keyed by column name or
    sequences in column order. Dates may be ``datetime.date`` (written ISO),
    booleans are written Y/N and ``None`` as empty, so the demo-data generator
    and :func:`assistant.casestore.export_csv` write byte-identical files. A
    cell a spreadsheet would run as a formula is written with a leading ``'``
    (:func:`guard_formula`), which the importer removes.
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
        return value.isoformat()
    return guard_formula(str(value))

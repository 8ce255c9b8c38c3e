"""Plain text (a .txt file, or a PDF's page text) into sections: numbers, headings, bullets and text tables.

The sectioniser copes with the shipped corpus as it is:

* numbered sections ("1. Introduction", "4.Early Help", "1 Purpose and scope") and
  numbered clauses ("9.2  The CIN Plan should ...", "13. 1  All members ...", "6.1 Chairing
  the meetings"): a clause with body text starts a subsection whose heading is inherited
  from its parent section;
* documents without numbers: a short line with no closing punctuation (".", ",", ";",
  ":") is a heading; in a numbered document such lines are body text (titles before the
  first numbered section are dropped);
* bullets ("•", "·", "-", "*", "–", "o ");
* a table laid out as text (a Word table extraction): every line that *starts with a tab*
  begins a cell; a short cell followed by another cell is a row heading, the cells after
  it are that row's content (one block per line), cited by the row heading;
* running headers/footers (a short line repeated three or more times, e.g. Camden's "CIN
  procedures"), bare page numbers and bare link lines are dropped, and text is never
  joined across them, so every block stays a verbatim (whitespace-collapsed) quote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List, Optional, Set

from assistant.knowledge.errors import ReaderError
from assistant.knowledge.line_patterns import (
    BARE_NUMBER,
    LINK_ONLY,
    heading_like,
    parse_bullet,
    parse_numbered,
    words,
)
from assistant.knowledge.passages import collapse_ws
from assistant.knowledge.sections import Section, SectionBuilder


def _logical_lines(lines: List[str], join_wrapped: bool) -> List[str]:
    """Re-join lines a PDF (or a hard-wrapped text file) broke mid-paragraph."""
    if not join_wrapped:
        return lines
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if not lengths:
        return lines
    width = sorted(lengths)[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]
    out: List[str] = []
    for line in lines:
        s = line.strip()
        if (
            out
            and s
            and out[-1].strip()
            and len(out[-1].strip()) >= 0.6 * width
            and out[-1].rstrip()[-1:] not in ".!?:"
            and not line.startswith("\t")
            and parse_bullet(line) is None
            and parse_numbered(s) is None
        ):
            out[-1] = out[-1].rstrip() + " " + s
        else:
            out.append(line)
    return out


def _looks_wrapped(lines: List[str]) -> bool:
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if len(lengths) < 8:
        return False
    longest = max(lengths)
    if longest > 120:
        return False
    near_full = sum(1 for n in lengths if n >= 0.75 * longest)
    return near_full >= 0.3 * len(lengths)


def sectionise_text(text: str, *, join_wrapped: Optional[bool] = None) -> List[Section]:
    """Sections of a plain-text guidance document (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    if join_wrapped is None:
        join_wrapped = _looks_wrapped(lines)
    lines = _logical_lines(lines, join_wrapped)
    dropped = _dropper(_running_lines(lines))
    numbered_doc = _numbered_document(lines)
    b = SectionBuilder()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t") and collapse_ws(line):
            i = _read_table(lines, i, b, dropped)
            continue
        i += 1
        _read_line(b, line, dropped, numbered_doc)
    return b.result()


def _running_lines(lines: List[str]) -> Set[str]:
    """Running headers/footers: short lines repeated three or more times."""
    counts: Dict[str, int] = {}
    for line in lines:
        s = collapse_ws(line)
        if s and words(s) <= 8 and parse_bullet(line) is None and parse_numbered(s) is None:
            counts[s] = counts.get(s, 0) + 1
    return {s for s, n in counts.items() if n >= 3}


def _dropper(running: Set[str]) -> Callable[[str], bool]:
    """The test for a line left out: a running header or footer, a bare page number, a bare link."""

    def dropped(line: str) -> bool:
        s = collapse_ws(line)
        return s in running or bool(BARE_NUMBER.match(s)) or bool(LINK_ONLY.match(s))

    return dropped


def _numbered_document(lines: List[str]) -> bool:
    """Two or more numbered top-level headings (not in a table): the document is numbered."""
    return (
        sum(
            1
            for line in lines
            if not line.startswith("\t")
            and (n := parse_numbered(line.strip())) is not None
            and n.is_heading
            and "." not in n.number
        )
        >= 2
    )


def _read_line(b: SectionBuilder, line: str, dropped: Callable[[str], bool], numbered_doc: bool) -> None:
    """One line outside a table: a link after a lead-in, a dropped line, a bullet, a number, a heading, text."""
    s = collapse_ws(line)
    if not s:
        return
    if LINK_ONLY.match(s) and _after_lead_in(b):  # "the form, available at:" and the link it gives
        b.add(s, "item")
        return
    if dropped(line):
        b.gap = True
        return
    bullet = parse_bullet(line)
    if bullet:
        b.add(bullet[0], "bullet", bullet[1])
        return
    numbered = parse_numbered(line.strip())
    if numbered and (numbered_doc or not numbered.is_heading or "." in numbered.number):
        if numbered.is_heading:
            b.start(numbered.number, numbered.rest)
        else:
            b.start(numbered.number, "")
            b.add(numbered.rest, numbered_ok=False)
        return
    if heading_like(s):
        if not numbered_doc:
            b.start("", s)
            return
        if b.current is None:  # a title above the first numbered section
            return
    b.add(s, numbered_ok=False)


def _after_lead_in(b: SectionBuilder) -> bool:
    """The last block read ends with ":" (or is a link after such a lead-in): the next line belongs to it."""
    cur = b.current
    if cur is None or not cur.blocks:
        return False
    last = cur.blocks[-1]
    return last.text.endswith(":") or (last.kind == "item" and bool(LINK_ONLY.match(last.text)))


def _read_table(lines: List[str], i: int, b: SectionBuilder, dropped: Callable[[str], bool]) -> int:
    """Read a table laid out as text from line ``i``; return the index after it."""
    cells: List[List[str]] = []
    while i < len(lines):
        line = lines[i]
        s = collapse_ws(line)
        if not s:
            i += 1
            continue
        if not line.startswith("\t"):
            numbered = parse_numbered(s)
            if numbered and numbered.is_heading and "." not in numbered.number:
                break  # the numbered text resumes
            if not cells:
                break
            cells[-1].append(line)
        else:
            cells.append([line])
        i += 1

    b.begin_table()
    title = ""
    row_heading = ""
    for k, cell in enumerate(cells):
        joined = collapse_ws(" ".join(cell))
        if k + 1 < len(cells) and heading_like(joined, max_words=14):
            if not title:
                title = joined
            row_heading = joined
            b.start("", row_heading, table=title, row=True)
            continue
        if b.current is None or not b.current.row:
            b.start("", row_heading or title, table=title or "table", row=True)
        for line in cell:
            if dropped(line):
                b.gap = True
                continue
            bullet = parse_bullet(line)
            if bullet:
                b.add(bullet[0], "bullet", bullet[1])
            else:
                b.add(line, "item", numbered_ok=False)
    b.end_table()
    return i


def decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise ReaderError("binary data in a text file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def read_text(path: Path) -> List[Section]:
    return sectionise_text(decode_text(path.read_bytes()))


__all__ = ["decode_text", "read_text", "sectionise_text"]

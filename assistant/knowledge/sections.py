"""The shape every reader returns: sections of paragraph, bullet and table-cell blocks, built in reading order.

A :class:`Section` is a numbered section, a headed section or a row of a
table; its :class:`Block` s are the quotable text. Every reader feeds a
:class:`SectionBuilder`, which inherits a bare clause's heading from its
parent section, joins a sentence carried over a page break, and returns a
section a table interrupted to its place after the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from assistant.knowledge.line_patterns import parse_bullet, parse_numbered
from assistant.knowledge.passages import GAP, collapse_ws


@dataclass
class Block:
    """A paragraph, bullet or table-cell line.

    ``text`` has any bullet marker removed; ``raw`` is the text as it stands in the
    source (marker included), used when a lead-in and its bullets are quoted together.
    ``adjacent`` is False when something was dropped between this block and the one
    before it (a running header), so the two must not be quoted as one.
    """

    text: str
    kind: str = "para"  # para | bullet | item (a line of a table cell)
    raw: str = ""
    adjacent: bool = True
    seq: int = 0  # reading order within the document

    def __post_init__(self) -> None:
        if not self.raw:
            self.raw = self.text


@dataclass
class Section:
    """A numbered section, a headed section, or a row of a table."""

    number: str  # "9.2" as printed (spaces removed), "" if unnumbered
    heading: str  # the heading text, inherited from the parent for a bare clause
    blocks: List[Block] = field(default_factory=list)
    table: str = ""  # for a table row: the table's title (heading is the row heading)
    seq: int = 0
    row: bool = False  # a row of a table, cited by its row heading

    def cite(self) -> str:
        """What a citation calls this section: its number, else its (row) heading."""
        return self.number or self.heading


class SectionBuilder:
    """Collects sections and blocks in reading order (shared by every reader)."""

    def __init__(self) -> None:
        self.sections: List[Section] = []
        self._seq = 0
        self._headings: Dict[str, str] = {}  # number -> heading, for inheritance
        self._outer: Optional[Section] = None  # the section a table interrupted
        self.gap = False  # something was dropped since the last block

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    @property
    def current(self) -> Optional[Section]:
        return self.sections[-1] if self.sections else None

    def start(self, number: str, heading: str, *, table: str = "", row: bool = False) -> Section:
        heading = collapse_ws(heading).rstrip(" .:")
        if number:
            if heading:
                self._headings[number] = heading
            else:
                parent = number
                while "." in parent and not heading:
                    parent = parent.rsplit(".", 1)[0]
                    heading = self._headings.get(parent, "")
        section = Section(number=number, heading=heading, table=table, seq=self._next(), row=row)
        self.sections.append(section)
        if not row:
            self._outer = None
        self.gap = False
        return section

    def heading(self, text: str) -> Section:
        """An explicit heading (HTML h1-h6, a Word Heading style): may carry a number."""
        numbered = parse_numbered(text)
        if numbered:
            return self.start(numbered.number, numbered.rest)
        return self.start("", text)

    def end_table(self) -> None:
        """Paragraphs after a table belong to the section the table sat in."""
        if self._outer is not None and self.current is not None and self.current.row:
            self.sections.append(self._outer)
            self._outer = None

    def begin_table(self) -> None:
        cur = self.current
        if cur is not None and not cur.row:
            self._outer = cur

    def add(self, text: str, kind: str = "para", raw: str = "", *, numbered_ok: bool = True) -> None:
        text = collapse_ws(text)
        raw = collapse_ws(raw) if raw else text
        if not text:
            return
        if kind == "para" and numbered_ok:
            numbered = parse_numbered(text)
            if numbered and not numbered.is_heading:
                self.start(numbered.number, "")
                text = numbered.rest
                raw = numbered.rest
            elif numbered and numbered.is_heading:
                self.start(numbered.number, numbered.rest)
                return
        if self.current is None:
            self.start("", "")
        section = self.current
        assert section is not None
        adjacent = not self.gap
        self.gap = False
        prev = section.blocks[-1] if section.blocks else None
        if prev is not None and kind in ("para", "item") and text[:1].islower() and prev.text[-1:] not in ".!?:;":
            # a sentence carried over a blank line or a page break: one sentence, never a quote that stops at
            # "the case must"; where a running header was dropped between its parts, " … " marks the place
            joint = " " if adjacent else GAP
            prev.text = f"{prev.text}{joint}{text}"
            prev.raw = f"{prev.raw}{joint}{raw}"
            return
        section.blocks.append(Block(text=text, kind=kind, raw=raw, adjacent=adjacent, seq=self._next()))

    def result(self) -> List[Section]:
        # a section resumed after a table appears twice in the list; keep the first
        seen: set = set()
        out: List[Section] = []
        for s in self.sections:
            if id(s) not in seen:
                seen.add(id(s))
                out.append(s)
        return out


def table_row(b: SectionBuilder, cells: Sequence[str], title: str) -> None:
    """A table row from HTML or Word: the first cell heads it, the rest are its content."""
    cells = [c for c in cells if collapse_ws(c)]
    if not cells:
        return
    if len(cells) == 1:
        b.add(cells[0], numbered_ok=False)
        return
    outer = b._outer.heading if b._outer is not None else ""
    b.start("", collapse_ws(cells[0]), table=title or outer or "table", row=True)
    for cell in cells[1:]:
        for line in cell.split("\n"):
            if collapse_ws(line):
                bullet = parse_bullet(line)
                if bullet:
                    b.add(bullet[0], "bullet", bullet[1])
                else:
                    b.add(line, "item", numbered_ok=False)


__all__ = ["Block", "Section", "SectionBuilder", "table_row"]

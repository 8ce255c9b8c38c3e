"""Read guidance documents into sections of paragraph/bullet blocks.

One reader per format, all returning the same shape, a list of
:class:`Section` (number or heading, heading text, blocks):

* ``.txt``          plain text, through :func:`sectionise_text`;
* ``.md``           Markdown -> HTML (``markdown``) -> the HTML reader;
* ``.html``/``.htm`` headings h1-h6, paragraphs, list items and table rows (BeautifulSoup);
* ``.docx``         paragraphs with Heading/Title styles, list paragraphs and tables (python-docx),
                    once its zip is known not to expand past :data:`DOCX_MAX_UNCOMPRESSED`;
* ``.pdf``          page text (pypdf) -> :func:`sectionise_text` with wrapped lines re-joined.

The plain-text sectioniser copes with the shipped corpus as it is:

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

Readers raise :class:`ReaderError` with a human reason; ingest names the file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import markdown
from bs4 import BeautifulSoup

from assistant.knowledge.passages import GAP, collapse_ws


class ReaderError(ValueError):
    """A document cannot be read; the message is the reason (the caller names the file)."""


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


# --------------------------------------------------------------------------- text helpers

_TERMINAL = ".:;,"  # a heading may end with "?" (Practice Matters), not with these
_WORD = re.compile(r"[A-Za-z0-9][\w'’/-]*")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[•·▪◦‣●■□➢➤\-\*–]|o(?= ))\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.[ ]?\d{1,2}){0,3})(?P<dot>\.)?(?:\s+|(?=[A-Z“\"‘']))(?P<rest>\S.*)$")
_BARE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_LINK_ONLY = re.compile(r"^(?:\[[^\]]*\]\([^)]*\)\s*)+$|^(?:https?://|www\.)\S+$")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def heading_like(text: str, *, max_words: int = 12) -> bool:
    """A short line with no closing punctuation that does not start lower-case."""
    t = collapse_ws(text)
    if not t or not re.search(r"[A-Za-z]", t):
        return False
    if t[0].islower() or t[-1] in _TERMINAL or len(t) > 100:
        return False
    if re.search(r"[.!?]\s+[A-Z]", t):  # two sentences
        return False
    return words(t) <= max_words


@dataclass(frozen=True)
class Numbered:
    number: str  # normalised: "13.1"
    rest: str
    is_heading: bool


def parse_numbered(line: str) -> Optional[Numbered]:
    """'9.2  The plan ...' -> clause 9.2 with body; '1. Introduction' -> heading 1."""
    m = _NUMBERED.match(line.strip())
    if not m:
        return None
    number = m.group("num").replace(" ", "")
    rest = collapse_ws(m.group("rest"))
    if not rest or rest[0].islower() or not re.search(r"[A-Za-z]", rest):
        return None
    dotted = "." in number
    top = int(number.split(".")[0])
    if top == 0 or top > 60:
        return None
    n_words = words(rest)
    short = n_words <= 12 and len(rest) <= 100 and not re.search(r"[.!?]\s+[A-Z]", rest)
    end = rest[-1]
    if dotted:
        is_heading = short and end not in _TERMINAL
    else:
        is_heading = short and (end not in _TERMINAL or (end in ".:" and n_words <= 6))
    if not dotted and not m.group("dot") and not is_heading:
        return None  # "2 Social workers will ..." is a sentence, not a section
    return Numbered(number, rest, is_heading)


def parse_bullet(line: str) -> Optional[Tuple[str, str]]:
    """(text without marker, raw text) for a bullet line, else None."""
    m = _BULLET.match(line)
    if not m:
        return None
    return collapse_ws(m.group("text")), collapse_ws(m.group("marker") + " " + m.group("text"))


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", collapse_ws(text).lower()).strip("-")
    return s[:limit].rstrip("-") or "section"


# --------------------------------------------------------------------------- the builder


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


# --------------------------------------------------------------------------- plain text


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

    # running headers/footers: short lines repeated three or more times
    counts: Dict[str, int] = {}
    for line in lines:
        s = collapse_ws(line)
        if s and words(s) <= 8 and parse_bullet(line) is None and parse_numbered(s) is None:
            counts[s] = counts.get(s, 0) + 1
    running = {s for s, n in counts.items() if n >= 3}

    def dropped(line: str) -> bool:
        s = collapse_ws(line)
        return s in running or bool(_BARE_NUMBER.match(s)) or bool(_LINK_ONLY.match(s))

    numbered_doc = (
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

    b = SectionBuilder()
    i = 0
    while i < len(lines):
        line = lines[i]
        s = collapse_ws(line)
        if line.startswith("\t") and s:
            i = _read_table(lines, i, b, dropped)
            continue
        i += 1
        if not s:
            continue
        if _LINK_ONLY.match(s) and _after_lead_in(b):  # "the form, available at:" and the link it gives
            b.add(s, "item")
            continue
        if dropped(line):
            b.gap = True
            continue
        bullet = parse_bullet(line)
        if bullet:
            b.add(bullet[0], "bullet", bullet[1])
            continue
        numbered = parse_numbered(line.strip())
        if numbered and (numbered_doc or not numbered.is_heading or "." in numbered.number):
            if numbered.is_heading:
                b.start(numbered.number, numbered.rest)
            else:
                b.start(numbered.number, "")
                b.add(numbered.rest, numbered_ok=False)
            continue
        if heading_like(s):
            if not numbered_doc:
                b.start("", s)
                continue
            if b.current is None:  # a title above the first numbered section
                continue
        b.add(s, numbered_ok=False)
    return b.result()


def _after_lead_in(b: SectionBuilder) -> bool:
    """The last block read ends with ":" (or is a link after such a lead-in): the next line belongs to it."""
    cur = b.current
    if cur is None or not cur.blocks:
        return False
    last = cur.blocks[-1]
    return last.text.endswith(":") or (last.kind == "item" and bool(_LINK_ONLY.match(last.text)))


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


# --------------------------------------------------------------------------- formats


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ReaderError("binary data in a text file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def read_text(path: Path) -> List[Section]:
    return sectionise_text(_decode(path.read_bytes()))


def read_markdown(path: Path) -> List[Section]:
    html = markdown.markdown(_decode(path.read_bytes()), extensions=["tables", "sane_lists"])
    return sections_from_html(html)


def read_html(path: Path) -> List[Section]:
    data = path.read_bytes()
    text: Union[str, bytes]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data  # let BeautifulSoup detect the declared encoding
    return sections_from_html(text)


_HTML_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote", "pre"]


def sections_from_html(html) -> List[Section]:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav"]):
        tag.decompose()
    b = SectionBuilder()
    in_table: Optional[object] = None
    for el in soup.find_all(_HTML_TAGS):
        table = el.find_parent("table")
        if el.name != "tr" and table is not None:
            continue  # read with its row
        if in_table is not None and table is not in_table:
            b.end_table()
            in_table = None
        if el.name in ("p", "dt", "dd", "blockquote", "pre") and el.find_parent(["li", "blockquote"]):
            continue
        if el.name == "blockquote" and el.find(["p", "li"]):
            continue
        if el.name[0] == "h" and el.name[1:].isdigit():
            text = collapse_ws(el.get_text(" "))
            if text:
                b.heading(text)
        elif el.name == "li":
            own = [s for s in el.find_all(string=True) if s.find_parent("li") is el]
            text = collapse_ws(" ".join(own))
            if text:
                b.add(text, "bullet", "• " + text)
        elif el.name == "tr":
            if in_table is None:
                in_table = table
                b.begin_table()
            cells = el.find_all(["th", "td"], recursive=False)
            if cells and all(c.name == "th" for c in cells) and len(cells) > 1:
                continue  # column headings
            texts = [c.get_text("\n") for c in cells]
            caption = table.find("caption") if table is not None else None
            title = collapse_ws(caption.get_text(" ")) if caption else ""
            _table_row(b, texts, title)
        else:
            b.add(el.get_text(" "))
    if in_table is not None:
        b.end_table()
    return b.result()


def _table_row(b: SectionBuilder, cells: Sequence[str], title: str) -> None:
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


# A .docx is a zip and python-docx inflates the parts it reads in memory, so a small file that expands to
# gigabytes (a zip bomb) is refused before python-docx sees it. zipfile never inflates a member past the size
# its directory declares, so checking the declared sizes is enough. Real guidance documents are a few MB.
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # bytes, all parts together
DOCX_MAX_RATIO = 200  # Word's XML deflates about 10:1; a run of one byte deflates about 1000:1
DOCX_RATIO_FROM = 1024 * 1024  # bytes: smaller parts may compress as far as they like
DOCX_MAX_MEMBERS = 5000  # a long report with many images has a few hundred parts


def check_docx_zip(path: Path) -> None:
    """Raise ReaderError if the .docx's zip would expand too far to read safely.

    A file that cannot be opened as a zip at all is left to python-docx, which
    reports it as it always has.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    if len(members) > DOCX_MAX_MEMBERS:
        raise ReaderError(
            f"not a readable Word document ({len(members)} parts in its zip, more than the {DOCX_MAX_MEMBERS} "
            "a Word document could need)"
        )
    total = sum(member.file_size for member in members)
    if total > DOCX_MAX_UNCOMPRESSED:
        raise ReaderError(
            f"not a readable Word document (it expands to {total // (1024 * 1024)} MB, more than the "
            f"{DOCX_MAX_UNCOMPRESSED // (1024 * 1024)} MB limit)"
        )
    for member in members:
        if member.file_size > DOCX_RATIO_FROM and member.file_size > DOCX_MAX_RATIO * max(member.compress_size, 1):
            raise ReaderError(
                f"not a readable Word document (its part {member.filename!r} is compressed "
                f"{member.file_size // max(member.compress_size, 1)}:1, more than {DOCX_MAX_RATIO}:1: a zip bomb?)"
            )


def read_docx(path: Path) -> List[Section]:
    check_docx_zip(path)
    try:
        import docx  # noqa: PLC0415 - lazy: python-docx only for a .docx
        from docx.table import Table  # noqa: PLC0415 - lazy: python-docx only for a .docx
        from docx.text.paragraph import Paragraph  # noqa: PLC0415 - lazy: python-docx only for a .docx

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and package errors
        raise ReaderError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None

    b = SectionBuilder()
    counters: List[int] = []
    try:
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                para = Paragraph(child, document)
                text = collapse_ws(para.text)
                if not text:
                    continue
                style = (para.style.name if para.style is not None else "") or ""
                num_pr = child.pPr.numPr if child.pPr is not None else None
                if style.startswith("Heading") or style == "Title":
                    if num_pr is not None and parse_numbered(text) is None:
                        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
                        del counters[level + 1 :]
                        while len(counters) <= level:
                            counters.append(0)
                        counters[level] += 1
                        text = ".".join(str(n) for n in counters) + " " + text
                    b.heading(text)
                elif num_pr is not None or "List" in style:
                    b.add(text, "bullet", "• " + text)
                else:
                    b.add(text)
            elif tag == "tbl":
                table = Table(child, document)
                b.begin_table()
                for row in table.rows:
                    seen: List[object] = []
                    texts: List[str] = []
                    for cell in row.cells:
                        if any(cell._tc is s for s in seen):
                            continue  # a merged cell repeats
                        seen.append(cell._tc)
                        texts.append(cell.text)
                    _table_row(b, texts, "")
                b.end_table()
    except ReaderError:
        raise
    except Exception as exc:
        raise ReaderError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    return b.result()


def pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader  # noqa: PLC0415 - lazy: pypdf only for a .pdf

        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReaderError("the PDF is password-protected")
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except ReaderError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError and friends
        raise ReaderError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not text.strip():
        raise ReaderError("the PDF has no extractable text (a scan? run OCR on it first)")
    return text


def read_pdf(path: Path) -> List[Section]:
    return sectionise_text(pdf_text(path), join_wrapped=True)


READERS: Dict[str, Callable[[Path], List[Section]]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}

SUPPORTED_EXTENSIONS: Tuple[str, ...] = tuple(sorted(READERS))


def read_document(path: Path) -> List[Section]:
    """Sections of the document at ``path``, by its extension; ReaderError if unreadable."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReaderError(
            f"unsupported file type {path.suffix or '(no extension)'!r}; supported: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    try:
        return reader(path)
    except ReaderError:
        raise
    except (OSError, ValueError, LookupError) as exc:
        raise ReaderError(f"cannot be read ({type(exc).__name__}: {exc})") from None


def iter_blocks(sections: Iterable[Section]) -> Iterable[Tuple[Section, Block]]:
    for section in sections:
        for block in section.blocks:
            yield section, block

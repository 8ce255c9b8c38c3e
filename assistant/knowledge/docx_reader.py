"""Word documents into sections: paragraphs with Heading/Title styles, list paragraphs and tables (python-docx).

A .docx is a zip and python-docx inflates the parts it reads in memory, so a
small file that expands to gigabytes (a zip bomb) is refused before
python-docx sees it (:func:`check_docx_zip`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import List

from assistant.knowledge.errors import ReaderError
from assistant.knowledge.line_patterns import parse_numbered
from assistant.knowledge.passages import collapse_ws
from assistant.knowledge.sections import Section, SectionBuilder, table_row

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
                    table_row(b, texts, "")
                b.end_table()
    except ReaderError:
        raise
    except Exception as exc:
        raise ReaderError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    return b.result()


__all__ = [
    "DOCX_MAX_MEMBERS",
    "DOCX_MAX_RATIO",
    "DOCX_MAX_UNCOMPRESSED",
    "DOCX_RATIO_FROM",
    "check_docx_zip",
    "read_docx",
]

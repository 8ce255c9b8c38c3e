"""Read guidance documents into sections of paragraph/bullet blocks, by file type.

One reader per format, all returning the same shape, a list of
:class:`~assistant.knowledge.sections.Section` (number or heading, heading text, blocks):

* ``.txt``          plain text, through :func:`~assistant.knowledge.plain_text.sectionise_text`
                    (:mod:`.plain_text` says what it makes of numbers, headings, bullets and tables);
* ``.md``           Markdown -> HTML (``markdown``) -> the HTML reader (:mod:`.html_reader`);
* ``.html``/``.htm`` headings h1-h6, paragraphs, list items and table rows (BeautifulSoup);
* ``.docx``         paragraphs with Heading/Title styles, list paragraphs and tables (python-docx),
                    once its zip is known not to expand past :data:`DOCX_MAX_UNCOMPRESSED` (:mod:`.docx_reader`);
* ``.pdf``          page text (pypdf) -> the plain-text sectioniser with wrapped lines re-joined (:mod:`.pdf_reader`).

What a line is (a number, a bullet, a heading) is :mod:`.line_patterns`; the
sections and the builder every reader fills are :mod:`.sections`.

Readers raise :class:`ReaderError` with a human reason; ingest names the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, Iterable, List, Tuple

from assistant.knowledge.docx_reader import (
    DOCX_MAX_MEMBERS,
    DOCX_MAX_RATIO,
    DOCX_MAX_UNCOMPRESSED,
    DOCX_RATIO_FROM,
    check_docx_zip,
    read_docx,
)
from assistant.knowledge.errors import ReaderError
from assistant.knowledge.html_reader import read_html, read_markdown, sections_from_html
from assistant.knowledge.line_patterns import Numbered, heading_like, parse_bullet, parse_numbered, slug, words
from assistant.knowledge.pdf_reader import pdf_text, read_pdf
from assistant.knowledge.plain_text import read_text, sectionise_text
from assistant.knowledge.sections import Block, Section, SectionBuilder

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


__all__ = [
    "DOCX_MAX_MEMBERS",
    "DOCX_MAX_RATIO",
    "DOCX_MAX_UNCOMPRESSED",
    "DOCX_RATIO_FROM",
    "READERS",
    "SUPPORTED_EXTENSIONS",
    "Block",
    "Numbered",
    "ReaderError",
    "Section",
    "SectionBuilder",
    "check_docx_zip",
    "heading_like",
    "iter_blocks",
    "parse_bullet",
    "parse_numbered",
    "pdf_text",
    "read_docx",
    "read_document",
    "read_html",
    "read_markdown",
    "read_pdf",
    "read_text",
    "sectionise_text",
    "sections_from_html",
    "slug",
    "words",
]

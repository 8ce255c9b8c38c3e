"""PDF documents into sections: the pages' text (pypdf), wrapped lines re-joined, then the plain-text sectioniser."""

from __future__ import annotations

from pathlib import Path
from typing import List

from assistant.knowledge.errors import ReaderError
from assistant.knowledge.plain_text import sectionise_text
from assistant.knowledge.sections import Section


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


__all__ = ["pdf_text", "read_pdf"]

"""A .docx that is a zip bomb is refused before python-docx inflates it; real documents still read.

The bombs are built here with zipfile, written in chunks, so the test itself
never holds more than a megabyte of them in memory.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import Optional

import pytest

from assistant.knowledge.ingest import DocumentMeta, IngestError, ingest
from assistant.knowledge.readers import ReaderError, read_document, read_docx

docx = pytest.importorskip("docx")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "guidance"
MB = 1024 * 1024
DOCUMENT_PART = "word/document.xml"


def _real_docx(path: Path) -> Path:
    """A small, genuine Word document."""
    document = docx.Document()
    document.add_heading("Visits", level=1)
    document.add_paragraph("Children are visited every 20 working days.")
    document.save(path)
    return path


def _docx_shaped(path: Path, document_mb: Optional[int], *, members: int = 0) -> Path:
    """A real .docx, its word/document.xml replaced by ``document_mb`` MB of one repeated byte (None: kept),
    and ``members`` extra tiny parts."""
    with zipfile.ZipFile(_real_docx(path.with_suffix(".template.docx"))) as template:
        parts = [(info.filename, template.read(info)) for info in template.infolist()]
    chunk = b"A" * MB
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name != DOCUMENT_PART or document_mb is None:
                archive.writestr(name, data)
        if document_mb is not None:
            with archive.open(DOCUMENT_PART, "w") as member:
                for _ in range(document_mb):
                    member.write(chunk)
        for number in range(members):
            archive.writestr(f"word/media/part{number}.xml", "<a/>")
    return path


def _refused_quickly(path: Path, fragment: str) -> None:
    for read in (read_docx, read_document):
        started = time.perf_counter()
        with pytest.raises(ReaderError, match="not a readable Word document") as refused:
            read(path)
        assert fragment in str(refused.value)
        assert time.perf_counter() - started < 1.0, "the bomb was inflated before it was refused"


def test_a_docx_that_expands_to_100_mb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = _docx_shaped(tmp_path / "bomb.docx", 100)
    assert bomb.stat().st_size < MB  # small on disk: that is what makes it a bomb
    _refused_quickly(bomb, "more than the 50 MB limit")


def test_a_member_compressed_absurdly_far_is_refused(tmp_path: Path) -> None:
    _refused_quickly(_docx_shaped(tmp_path / "ratio.docx", 2), "compressed")


def test_a_docx_with_thousands_of_parts_is_refused(tmp_path: Path) -> None:
    _refused_quickly(_docx_shaped(tmp_path / "parts.docx", None, members=5001), "parts")


def test_ingest_refuses_a_bomb_and_leaves_the_index(tmp_path: Path) -> None:
    index = tmp_path / "index.json"
    ingest([FIXTURES / "northshire_cin.md"], index_path=index)
    before = index.read_bytes()
    bomb = _docx_shaped(tmp_path / "bomb.docx", 100)
    with pytest.raises(IngestError) as refused:
        ingest([bomb], index_path=index, metadata={"bomb.docx": DocumentMeta("westvale", "Westvale CIN procedure")})
    assert "bomb.docx" in str(refused.value) and "more than the 50 MB limit" in str(refused.value)
    assert index.read_bytes() == before


def test_a_real_small_docx_is_still_read(tmp_path: Path) -> None:
    (section,) = read_document(_real_docx(tmp_path / "small.docx"))
    assert section.heading == "Visits"
    assert [block.text for block in section.blocks] == ["Children are visited every 20 working days."]


def test_a_file_that_is_not_a_zip_is_reported_as_before(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ReaderError, match="not a readable Word document \\(PackageNotFoundError"):
        read_document(path)

"""The knowledge index file: its JSON format, read and written whole, and the passages it holds.

A JSON file holding, per document, its metadata, SHA-256, the parser version
that read it and its passages. It is replaced atomically (temp file +
``os.replace``), so a failed write leaves the old file byte-identical.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from assistant.knowledge.errors import IngestError
from assistant.knowledge.passages import Passage

INDEX_FORMAT = 1
PARSER_VERSION = 9  # bump when sectioning/chunking changes: every document is re-read


class IndexedDocument(NamedTuple):
    document: str
    authority: str
    title: str
    kind: str
    sha256: str


class KnowledgeIndex:
    """The passages of every ingested document, in document then reading order."""

    def __init__(self, records: Sequence[Mapping], path: Optional[Path] = None) -> None:
        self.path = path
        self._records = list(records)
        self.passages: Tuple[Passage, ...] = tuple(Passage.from_dict(p) for r in self._records for p in r["passages"])
        self._by_id: Dict[str, Passage] = {p.id: p for p in self.passages}

    @property
    def documents(self) -> List[IndexedDocument]:
        return [
            IndexedDocument(r["document"], r["authority"], r["title"], r["kind"], r["sha256"]) for r in self._records
        ]

    def for_authority(self, authority: str) -> List[Passage]:
        return [p for p in self.passages if p.authority == authority]

    def for_document(self, document: str) -> List[Passage]:
        return [p for p in self.passages if p.document == document]

    def by_id(self, passage_id: str) -> Optional[Passage]:
        return self._by_id.get(passage_id)

    def authorities(self) -> List[str]:
        return list(dict.fromkeys(p.authority for p in self.passages))

    def __len__(self) -> int:
        return len(self.passages)

    def __iter__(self) -> Iterator[Passage]:
        return iter(self.passages)


def read_records(index_path: Path, *, strict: bool) -> List[Dict]:
    try:
        data = json.loads(index_path.read_text(encoding="utf-8"))
        if data.get("format") != INDEX_FORMAT:
            raise ValueError(f"index format {data.get('format')!r}, expected {INDEX_FORMAT}")
        records = data["documents"]
        for r in records:
            r["passages"]  # noqa: B018 - shape check
        return records
    except FileNotFoundError:
        if strict:
            raise IngestError(f"No knowledge index at {index_path}; run `cin-assistant ingest` first") from None
        return []
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OSError) as exc:
        if strict:
            raise IngestError(f"The knowledge index {index_path} is unreadable ({exc}); re-run ingest") from None
        return []  # rebuilt from the documents being ingested


def write_records(index_path: Path, records: Sequence[Mapping]) -> None:
    index_path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"format": INDEX_FORMAT, "parser": PARSER_VERSION, "documents": list(records)},
        ensure_ascii=False,
        indent=1,
    )
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".json.tmp", dir=str(index_path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, index_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = ["INDEX_FORMAT", "PARSER_VERSION", "IndexedDocument", "KnowledgeIndex", "read_records", "write_records"]

"""The words a rule's quote is checked against: the shipped corpus, then any council's ingested document.

A curated rule quotes a document of ``knowledge/sources`` (MANIFEST.yml). A
council that adopts the assistant brings its own procedure through
``cin-assistant ingest FILE --authority KEY``: that document lives in the
knowledge index, not the manifest, and its drafted rules quote it. Either way a
quote must be the document's own words, so the same strict check applies; only
where the words are read from differs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, Optional

from assistant.knowledge.corpus import SourceTexts, collapse_ws
from assistant.knowledge.ingest import DEFAULT_INDEX, IngestError, KnowledgeIndex, corpus_index, load_index

IndexLoader = Callable[[], KnowledgeIndex]


def index_loader(path: Optional[Path] = None) -> IndexLoader:
    """Reads the index at ``path``, or the shipped one (ingesting the manifest first if it is stale)."""
    if path is None or Path(path) == DEFAULT_INDEX:
        return corpus_index
    return lambda: load_index(Path(path))


class QuoteSources:
    """Collapsed text of every document a citation may name.

    The index is read only when a citation names a document the manifest does
    not list, so the shipped rule files load without touching it.
    """

    def __init__(self, manifest: SourceTexts, index: Optional[IndexLoader] = None) -> None:
        self.manifest = manifest
        self._load_index = index if index is not None else index_loader()
        self._index: Optional[KnowledgeIndex] = None
        self._index_error: Optional[str] = None
        self._ingested: Dict[str, Optional[str]] = {}

    def _indexed(self, document: str) -> Optional[str]:
        if document in self._ingested:
            return self._ingested[document]
        if self._index is None and self._index_error is None:
            try:
                self._index = self._load_index()
            except IngestError as exc:
                self._index_error = str(exc)
        passages = self._index.for_document(document) if self._index is not None else []
        text = collapse_ws(" ".join(p.text for p in passages)) if passages else None
        self._ingested[document] = text
        return text

    def knows(self, document: str) -> bool:
        """Is the document in the manifest or the knowledge index?"""
        return document in self.manifest.paths or self._indexed(document) is not None

    def text(self, document: str) -> Optional[str]:
        """The document's collapsed text (the manifest file's, else its ingested passages'), or None."""
        if document in self.manifest.paths:
            return self.manifest.text(document)
        return self._indexed(document)

    def where(self) -> str:
        """Where a document was looked for, for the error message when it was not found."""
        place = "knowledge/sources/MANIFEST.yml"
        index = self._index.path if self._index is not None and self._index.path else DEFAULT_INDEX
        if self._index_error:
            return f"{place}, and the knowledge index could not be read ({self._index_error})"
        return f"{place} or the knowledge index ({index})"


__all__ = ["IndexLoader", "QuoteSources", "index_loader"]

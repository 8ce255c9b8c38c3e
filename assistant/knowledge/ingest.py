"""Guidance ingestion: documents -> passages with stable ids -> the knowledge index.

::

    ingest()                          # every document in knowledge/sources/MANIFEST.yml
    ingest([Path("camden.docx")], metadata={"camden.docx": DocumentMeta("camden", "CIN procedures")})
    load_index().for_authority("medway")
    corpus_index().by_id("medway/10.1/1")

The steps, one module each: :mod:`.readers` reads a file into sections;
:mod:`.document_meta` says where it comes from (the manifest, a sidecar
``<file>.meta.yml`` or ``metadata``; without any, :class:`IngestError`);
:mod:`.chunking` cuts the sections into passages, leaving out a closing
advert (:mod:`.adverts`); :mod:`.index_file` keeps them.

**Index.** A JSON file (``var/knowledge/index.json`` by default) holding, per
document, its metadata, SHA-256 and passages. ``ingest`` adds or replaces the documents
it is given and keeps the others. A document whose bytes, metadata and parser version are
unchanged is not re-read, and when nothing changed the index file is not rewritten. All
documents are read before anything is written, and the file is replaced atomically
(temp file + ``os.replace``), so a failure leaves the index byte-identical.

**Ids** are ``<authority>/<section-key>/<n>`` (e.g. ``medway/9.2/1``,
``camden/9-2/1`` for Camden's second section 9, ``practice_matters/<heading-slug>/3``,
``medway/<table-row-heading-slug>/2``); they depend only on the document's text, so an
unchanged file keeps its ids. A second document from an authority already in the index
gets the prefix ``<authority>.<file-stem-slug>``, kept on re-ingest.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.config import SOURCES_DIR, VAR_DIR
from assistant.knowledge.chunking import LEAD_WITH_ITEMS_CHARS, document_passages
from assistant.knowledge.corpus import CorpusError, load_manifest
from assistant.knowledge.document_meta import DocumentMeta, meta_record, resolve_meta
from assistant.knowledge.errors import IngestError, ReaderError
from assistant.knowledge.index_file import (
    PARSER_VERSION,
    IndexedDocument,
    KnowledgeIndex,
    read_records,
    write_records,
)
from assistant.knowledge.line_patterns import slug
from assistant.knowledge.passages import Passage, collapse_ws
from assistant.knowledge.readers import SUPPORTED_EXTENSIONS, read_document
from assistant.knowledge.sentences import split_sentences

__all__ = [
    "DEFAULT_INDEX",
    "DocumentMeta",
    "IndexedDocument",
    "IngestError",
    "IngestReport",
    "KnowledgeIndex",
    "Passage",
    "LEAD_WITH_ITEMS_CHARS",
    "PARSER_VERSION",
    "corpus_index",
    "document_passages",
    "ingest",
    "load_index",
    "split_sentences",
]

DEFAULT_INDEX = VAR_DIR / "knowledge" / "index.json"


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did."""

    index_path: Path
    added: Tuple[str, ...] = ()
    updated: Tuple[str, ...] = ()
    unchanged: Tuple[str, ...] = ()
    passages: Mapping[str, int] = field(default_factory=dict)  # per document ingested this run
    written: bool = False  # False when nothing changed: the index file was left alone

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        lines = []
        for label, names in (("added", self.added), ("updated", self.updated), ("unchanged", self.unchanged)):
            for name in names:
                lines.append(f"{label:9} {name}  ({self.passages.get(name, 0)} passages)")
        lines.append(f"index: {self.index_path}" + ("" if self.written else " (no change)"))
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading the documents


def _read_bytes(path: Path) -> bytes:
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise IngestError(
            f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; "
            f"supported: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a directory, not a document") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _targets(paths: Optional[Sequence[Path]]) -> List[Path]:
    if paths is not None:
        return [Path(p) for p in paths]
    try:
        return [doc.path for doc in load_manifest(SOURCES_DIR)]
    except CorpusError as exc:
        raise IngestError(str(exc)) from None


def _unchanged(old: Mapping, sha: str, meta_rec: Mapping) -> bool:
    """The indexed record was read from these bytes, with this metadata, by this parser."""
    return (
        old.get("sha256") == sha
        and old.get("parser") == PARSER_VERSION
        and all(old.get(k) == v for k, v in meta_rec.items())
    )


def _id_prefix(path: Path, meta: DocumentMeta, old: Optional[Mapping], records: Sequence[Mapping]) -> str:
    """The document's id prefix: kept from its record, else the authority, else ``<authority>.<file-stem-slug>``."""
    prefix = old.get("id_prefix") if old is not None and old.get("authority") == meta.authority else None
    if prefix is None:
        taken = {r.get("id_prefix") for r in records if r["document"] != path.name}
        prefix = meta.authority
        if prefix in taken:
            prefix = f"{meta.authority}.{slug(path.stem)}"
            n = 2
            while prefix in taken:
                prefix, n = f"{meta.authority}.{slug(path.stem)}-{n}", n + 1
    return prefix


def _document_record(
    path: Path, meta: DocumentMeta, meta_rec: Dict, sha: str, old: Optional[Mapping], records: Sequence[Mapping]
) -> Dict:
    """The index record of one document, read afresh."""
    name = path.name
    try:
        sections = read_document(path)
    except ReaderError as exc:
        raise IngestError(f"{path}: {exc}") from None
    prefix = _id_prefix(path, meta, old, records)
    passages, excluded = document_passages(sections, document=name, meta=meta, id_prefix=prefix)
    if not passages:
        raise IngestError(f"{path}: no guidance text found in it (empty, or nothing but headings)")
    return {
        "document": name,
        "path": str(path),
        **meta_rec,
        "sha256": sha,
        "parser": PARSER_VERSION,
        "id_prefix": prefix,
        "excluded_from": excluded,
        "passages": [p.to_dict() for p in passages],
    }


def _check_unique_ids(records: Sequence[Mapping]) -> None:
    ids: Dict[str, str] = {}
    for r in records:
        for p in r["passages"]:
            if p["id"] in ids:
                raise IngestError(f"{r['document']}: passage id {p['id']} clashes with {ids[p['id']]}")
            ids[p["id"]] = r["document"]


def _build(
    paths: Optional[Sequence[Path]],
    records: List[Dict],
    metadata: Optional[Mapping[str, DocumentMeta]],
) -> Tuple[List[Dict], List[str], List[str], List[str], Dict[str, int]]:
    """New index records (nothing written): read every document first, fail before any write."""
    records = [dict(r) for r in records]
    by_name = {r["document"]: k for k, r in enumerate(records)}
    added: List[str] = []
    updated: List[str] = []
    unchanged: List[str] = []
    counts: Dict[str, int] = {}
    seen: Dict[str, Path] = {}
    for path in _targets(paths):
        name = path.name
        if name in seen and seen[name].resolve() != path.resolve():
            raise IngestError(f"{path}: two documents named {name} ({seen[name]}); rename one")
        seen[name] = path
        data = _read_bytes(path)
        meta = resolve_meta(path, metadata)
        sha = hashlib.sha256(data).hexdigest()
        meta_rec = meta_record(meta)
        old = records[by_name[name]] if name in by_name else None
        if old is not None and _unchanged(old, sha, meta_rec):
            if name not in unchanged:
                unchanged.append(name)
            counts[name] = len(old["passages"])
            continue
        record = _document_record(path, meta, meta_rec, sha, old, records)
        if old is None:
            by_name[name] = len(records)
            records.append(record)
            added.append(name)
        else:
            records[by_name[name]] = record
            updated.append(name)
        counts[name] = len(record["passages"])
    _check_unique_ids(records)
    return records, added, updated, unchanged, counts


# --------------------------------------------------------------------------- the API


def ingest(
    paths: Optional[Sequence[Path]] = None,
    *,
    index_path: Path = DEFAULT_INDEX,
    metadata: Optional[Mapping[str, DocumentMeta]] = None,
) -> IngestReport:
    """Read ``paths`` (default: every manifest document) into the index at ``index_path``.

    Unchanged documents are skipped; when nothing changed the index is not rewritten.
    Raises IngestError, naming the file and the reason, if any document cannot be read
    or lacks metadata — and then the index is left exactly as it was.
    """
    index_path = Path(index_path)
    existing = read_records(index_path, strict=False)
    records, added, updated, unchanged, counts = _build(paths, existing, metadata)
    written = False
    if added or updated or not index_path.exists() or records != existing:
        try:
            write_records(index_path, records)
        except OSError as exc:
            raise IngestError(f"Cannot write the knowledge index {index_path}: {exc}") from None
        written = True
    _cached_corpus_index.cache_clear()
    return IngestReport(
        index_path=index_path,
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        passages=counts,
        written=written,
    )


def load_index(index_path: Path = DEFAULT_INDEX) -> KnowledgeIndex:
    """The index at ``index_path``; IngestError if it is missing or unreadable."""
    index_path = Path(index_path)
    return KnowledgeIndex(read_records(index_path, strict=True), index_path)


def _stale(index_path: Path) -> bool:
    records = {r["document"]: r for r in read_records(index_path, strict=False)}
    try:
        manifest = load_manifest(SOURCES_DIR)
    except CorpusError as exc:
        raise IngestError(str(exc)) from None
    for doc in manifest:
        r = records.get(doc.file)
        if r is None or r.get("parser") != PARSER_VERSION or r.get("authority") != doc.authority:
            return True
        if r.get("title") != collapse_ws(doc.title) or r.get("kind") != doc.kind:
            return True
        try:
            if hashlib.sha256(doc.path.read_bytes()).hexdigest() != r.get("sha256"):
                return True
        except OSError:
            return True  # ingest will name the missing file
    return False


@functools.lru_cache(maxsize=1)
def _cached_corpus_index() -> KnowledgeIndex:
    if _stale(DEFAULT_INDEX):
        try:
            ingest(None, index_path=DEFAULT_INDEX)
        except IngestError as exc:
            if "Cannot write" not in str(exc):
                raise
            # a read-only install: build the shipped corpus in memory
            records, *_ = _build(None, [], None)
            return KnowledgeIndex(records)
    return load_index(DEFAULT_INDEX)


def corpus_index() -> KnowledgeIndex:
    """The shipped corpus, ingested first if the index is missing or stale; cached per process."""
    return _cached_corpus_index()


corpus_index.cache_clear = _cached_corpus_index.cache_clear  # type: ignore[attr-defined]

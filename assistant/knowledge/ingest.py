"""Guidance ingestion: documents -> passages with stable ids -> the knowledge index.

::

    ingest()                          # every document in knowledge/sources/MANIFEST.yml
    ingest([Path("camden.docx")], metadata={"camden.docx": DocumentMeta("camden", "CIN procedures")})
    load_index().for_authority("medway")
    corpus_index().by_id("medway/10.1/1")

**Metadata.** Every passage carries its authority, title and kind. For a file the
manifest lists (matched by file name: ``knowledge/sources/MANIFEST.yml``, or a
``MANIFEST.yml`` beside the file) they come from there. For any other file give them
either (a) in ``metadata`` — a mapping from the file's name (or its path as given) to a
:class:`DocumentMeta`; the CLI builds it from ``--authority/--title/--kind`` — or (b) in
a sidecar ``<file>.meta.yml`` next to the file (keys ``authority``, ``title``, ``kind``,
optional ``authority_name`` and ``exclude_from``). ``metadata`` wins over the sidecar,
the sidecar over the manifest. Without any, ingest fails with :class:`IngestError`.

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

**Adverts.** Vendor explainers end with promotional material that is not guidance. A
*call to action* — a short line starting "Try free…", "Start your free…", "Free trial",
"Book a demo", "Request a demo", "Sign up now/today", "Buy now", "Subscribe now", "Get
started now/today/free" or "Download our app" — marks it. The advert begins at the heading
of the section holding the call to action; when the call to action is itself a heading
or button line with no text of its own, it begins at the heading just before it (if that
section is short: at most 3 blocks / 80 words). Everything from there to the end of the
document is left out. A document can also name where to stop explicitly with
``exclude_from`` phrases (a heading or the start of a paragraph) in its sidecar, in
``DocumentMeta`` or in ``knowledge/sources/exclusions.yml``
(``documents: {<file>: {exclude_from: [<phrase>, ...]}}``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple

import yaml

from assistant.config import SOURCES_DIR, VAR_DIR
from assistant.knowledge.corpus import (
    MANIFEST_NAME,
    CorpusError,
    GuidanceDocument,
    load_manifest,
)
from assistant.knowledge.passages import GAP, KINDS, Passage, collapse_ws
from assistant.knowledge.readers import (
    SUPPORTED_EXTENSIONS,
    Block,
    ReaderError,
    Section,
    heading_like,
    read_document,
    slug,
    words,
)

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
EXCLUSIONS_FILE = SOURCES_DIR / "exclusions.yml"
INDEX_FORMAT = 1
PARSER_VERSION = 8  # bump when sectioning/chunking changes: every document is re-read

MAX_PASSAGE_CHARS = 600  # a paragraph up to this long (and <= 4 sentences) stays whole
CHUNK_CHARS = 450  # longer paragraphs are cut into runs of <= 3 sentences about this long
LEAD_WITH_ITEMS_CHARS = 1500  # "The plan must be: o updated ... o circulated ...": a lead-in and its list, whole
LIST_PARAGRAPH_WORDS = 60  # an unmarked line after a lead-in is one of its items when no longer than this


class IngestError(RuntimeError):
    """A document cannot be ingested (or the index read); the message names the file and why."""


@dataclass(frozen=True)
class DocumentMeta:
    """Where a document comes from, for a file the manifest does not list."""

    authority: str  # a short lower-case key: "medway", "camden", "kent"
    title: str
    kind: str = "local_procedure"  # or "general_guidance"
    authority_name: str = ""
    exclude_from: Tuple[str, ...] = ()

    def check(self, name: str) -> "DocumentMeta":
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", self.authority or ""):
            raise IngestError(
                f"{name}: authority must be a short lower-case key such as 'medway' "
                f"(letters, digits, _ or -), got {self.authority!r}"
            )
        if not collapse_ws(self.title or ""):
            raise IngestError(f"{name}: the document needs a title")
        if self.kind not in KINDS:
            raise IngestError(f"{name}: kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        return self


class IndexedDocument(NamedTuple):
    document: str
    authority: str
    title: str
    kind: str
    sha256: str


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


# --------------------------------------------------------------------------- sentences & passages

_SENTENCE_END = re.compile(r"[.!?][\"”’)\]*]*\s+")
_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "no",
    "st",
    "cf",
    "vs",
    "approx",
    "para",
    "paras",
    "s",
    "ss",
    "ch",
    "sec",
    "fig",
    "ref",
    "op",
    "viz",
    "al",
}


def split_sentences(text: str) -> List[str]:
    """Sentences of whitespace-collapsed ``text``; each is a substring of it."""
    out: List[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        nxt = text[m.end() : m.end() + 2]
        if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "“\"‘'([*"):
            continue
        before = text[start : m.start()].rsplit(" ", 1)[-1].lstrip("([“\"'‘").lower()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def _chunks(text: str) -> List[str]:
    """A paragraph as passage-sized runs of 1-4 sentences."""
    sentences = split_sentences(text)
    if len(sentences) <= 4 and len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    out: List[str] = []
    run: List[str] = []
    for sentence in sentences:
        if run and (len(run) >= 3 or len(" ".join(run + [sentence])) > CHUNK_CHARS):
            out.append(" ".join(run))
            run = []
        run.append(sentence)
    if run:
        out.append(" ".join(run))
    return out


def _cell_heading(block: Block) -> bool:
    """A table cell's sub-heading ("Key responsibilities"): not quoted on its own, and it ends a list."""
    return (
        block.kind == "item" and heading_like(block.text) and words(block.text) <= 3 and not block.text.startswith("[")
    )


def _item_kind(block: Block) -> str:
    """What kind of list a block can be an item of: plain lines, bullets (or table-cell lines), links."""
    if block.text.startswith("[") and block.kind == "item":
        return "link"
    return "para" if block.kind == "para" else "bullet"


def _list_end(blocks: Sequence[Block], lead: int) -> int:
    """Where the list a lead-in (``blocks[lead]``, ending ":") introduces ends: the first block after it
    that is not one of its items (a new lead-in, a sub-heading, a long paragraph), within the size budget."""
    first = lead + 1
    total = len(blocks[lead].text)
    kind = _item_kind(blocks[first]) if first < len(blocks) else ""  # unmarked lines, bullets, or links
    k = first
    while k < len(blocks):
        block = blocks[k]
        if block.text.endswith(":") or _cell_heading(block) or _item_kind(block) != kind:
            break
        if kind == "para" and words(block.text) > LIST_PARAGRAPH_WORDS:
            break
        if not block.adjacent and (block.kind == "para" or (k > first and block.kind != blocks[k - 1].kind)):
            break  # something was dropped here and the list does not visibly go on
        if k > first and total + len(block.raw) > LEAD_WITH_ITEMS_CHARS:
            break
        total += len(block.raw) + 1
        k += 1
    return k


def _lead_with_items(block: Block, items: Sequence[Block]) -> Tuple[str, str]:
    """(text before the lead-in sentence, the lead-in sentence with its items) for one passage."""
    sentences = split_sentences(block.text)
    k = len(sentences) - 1
    while k > 0 and words(" ".join(sentences[k:])) < 6:  # "However:" needs its sentence
        k -= 1
    lead = " ".join(sentences[k:])
    parts = [lead]
    for item in items:
        parts.append((GAP if not item.adjacent else " ") + item.raw)
    return block.text[: len(block.text) - len(lead)].strip(), "".join(parts)


def _section_texts(section: Section) -> List[Tuple[str, int]]:
    """(passage text, reading-order seq) for a section's blocks.

    A lead-in ending with ":" is never quoted alone: it and the list it
    introduces (bullets, table-cell lines, or the short unmarked lines of a
    plain-text list) are one passage, so an answer that quotes "A child is in
    need if:" quotes the conditions too. Where a running header was dropped
    between two items the passage marks the gap with " … ".
    """
    blocks = section.blocks
    out: List[Tuple[str, int]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.text.endswith(":"):
            j = _list_end(blocks, i)
            earlier, together = _lead_with_items(block, blocks[i + 1 : j])
            if earlier:
                out.extend((c, block.seq) for c in _chunks(earlier))
            if j > i + 1:  # a lead-in with nothing to introduce (its list was cut off) is not quoted at all
                out.append((together, block.seq))
            i = max(j, i + 1)
            continue
        if not _cell_heading(block):
            out.extend((c, block.seq) for c in _chunks(block.text))
        i += 1
    return [(t, seq) for t, seq in out if words(t) >= 3]


def _advert_start(sections: Sequence[Section], exclude_from: Sequence[str]) -> Optional[int]:
    """Index of the first section of a trailing advert, if the document has one."""
    phrases = [collapse_ws(p).lower() for p in exclude_from if collapse_ws(p)]
    for k, section in enumerate(sections):
        texts = [section.heading] + [b.text for b in section.blocks[:1]]
        if any(t.lower().startswith(p) or t.lower() == p for t in texts if t for p in phrases):
            return k
    for k, section in enumerate(sections):
        cta_heading = bool(_CALL_TO_ACTION.match(section.heading or ""))
        cta_blocks = [b for b in section.blocks if words(b.text) <= 15 and _CALL_TO_ACTION.match(b.text)]
        if not (cta_heading or cta_blocks):
            continue
        own_text = [b for b in section.blocks if b not in cta_blocks]
        if not own_text and k > 0:
            prev = sections[k - 1]
            if prev.blocks and len(prev.blocks) <= 3 and sum(words(b.text) for b in prev.blocks) <= 80:
                return k - 1
        return k
    return None


_CALL_TO_ACTION = re.compile(
    r"^\W*(try\s+(it\s+|us\s+)?(now\s+|today\s+)?(for\s+)?free\b|start\s+(your\s+)?free\b|free\s+trial\b"
    r"|book\s+(a|your)\s+(free\s+)?demo\b|request\s+a\s+demo\b|sign\s+up\s+(now|today|free|for\s+free)\b"
    r"|buy\s+now\b|subscribe\s+(now|today)\b|get\s+started\s+(now|today|free|for\s+free)\b"
    r"|download\s+(the|our)\s+app\b)",
    re.I,
)


def document_passages(
    sections: Sequence[Section],
    *,
    document: str,
    meta: DocumentMeta,
    id_prefix: str,
) -> Tuple[List[Passage], Optional[str]]:
    """Passages of a read document, and the heading the advert (if any) was cut from."""
    cut = _advert_start(sections, meta.exclude_from)
    excluded = None
    if cut is not None:
        excluded = sections[cut].heading or (sections[cut].blocks[0].text if sections[cut].blocks else "")
        sections = sections[:cut]
    drafts: List[Tuple[int, str, Section, str]] = []  # (seq, key, section, text)
    keys_seen: Dict[str, int] = {}
    for section in sections:
        texts = _section_texts(section)
        if not texts:
            continue
        base = section.number or (slug(section.heading) if section.heading else "preamble")
        keys_seen[base] = keys_seen.get(base, 0) + 1
        key = base if keys_seen[base] == 1 else f"{base}-{keys_seen[base]}"
        for text, seq in texts:
            drafts.append((seq, key, section, text))
    counters: Dict[str, int] = {}
    numbered: List[Tuple[int, int, str, Section, str]] = []
    for position, (seq, key, section, text) in enumerate(drafts):
        counters[key] = counters.get(key, 0) + 1
        numbered.append((seq, position, f"{id_prefix}/{key}/{counters[key]}", section, text))
    numbered.sort(key=lambda t: (t[0], t[1]))  # reading order (a section resumed after a table)
    passages = [
        Passage(
            id=pid,
            document=document,
            authority=meta.authority,
            title=collapse_ws(meta.title),
            kind=meta.kind,
            section=section.cite(),
            heading=section.table if section.row and section.table else section.heading,
            text=text,
            order=order,
        )
        for order, (_seq, _pos, pid, section, text) in enumerate(numbered)
    ]
    return passages, excluded


# --------------------------------------------------------------------------- metadata


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".meta.yml")


def _meta_from_mapping(data: Mapping, name: str) -> DocumentMeta:
    try:
        exclude = data.get("exclude_from") or ()
        if isinstance(exclude, str):
            exclude = (exclude,)
        return DocumentMeta(
            authority=str(data["authority"]),
            title=str(data["title"]),
            kind=str(data.get("kind") or "local_procedure"),
            authority_name=str(data.get("authority_name") or ""),
            exclude_from=tuple(str(e) for e in exclude),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise IngestError(f"{name}: metadata needs authority and title ({exc})") from None


def _manifest_entry(path: Path) -> Optional[GuidanceDocument]:
    for directory in dict.fromkeys([path.parent, SOURCES_DIR]):
        if not (directory / MANIFEST_NAME).exists():
            continue
        try:
            for doc in load_manifest(directory):
                if doc.file == path.name:
                    return doc
        except CorpusError as exc:
            raise IngestError(str(exc)) from None
    return None


def _exclusions() -> Dict[str, Tuple[str, ...]]:
    if not EXCLUSIONS_FILE.exists():
        return {}
    try:
        data = yaml.safe_load(EXCLUSIONS_FILE.read_text(encoding="utf-8")) or {}
        out = {}
        for name, entry in (data.get("documents") or {}).items():
            phrases = entry.get("exclude_from") or ()
            out[str(name)] = (phrases,) if isinstance(phrases, str) else tuple(map(str, phrases))
        return out
    except (yaml.YAMLError, AttributeError, TypeError) as exc:
        raise IngestError(f"{EXCLUSIONS_FILE}: malformed ({exc})") from None


def _resolve_meta(path: Path, given: Optional[Mapping[str, DocumentMeta]]) -> DocumentMeta:
    meta: Optional[DocumentMeta] = None
    if given:
        for key in (str(path), path.name, str(path.resolve())):
            if key in given:
                meta = given[key]
                break
    if meta is None and _sidecar(path).exists():
        try:
            data = yaml.safe_load(_sidecar(path).read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise IngestError(f"{_sidecar(path)}: unreadable metadata ({exc})") from None
        meta = _meta_from_mapping(data, str(_sidecar(path)))
    if meta is None:
        entry = _manifest_entry(path)
        if entry is not None:
            meta = DocumentMeta(entry.authority, entry.title, entry.kind, entry.authority_name)
    if meta is None:
        raise IngestError(
            f"{path}: not in the corpus manifest and no metadata given — pass "
            f"--authority/--title/--kind, or write {_sidecar(path).name} beside it "
            "(authority:, title:, kind:)"
        )
    extra = _exclusions().get(path.name, ())
    if extra:
        meta = DocumentMeta(meta.authority, meta.title, meta.kind, meta.authority_name, meta.exclude_from + extra)
    return meta.check(str(path))


def _meta_record(meta: DocumentMeta) -> Dict:
    return {
        "authority": meta.authority,
        "authority_name": meta.authority_name or meta.authority,
        "title": collapse_ws(meta.title),
        "kind": meta.kind,
        "exclude_from": list(meta.exclude_from),
    }


# --------------------------------------------------------------------------- the index file


def _read_records(index_path: Path, *, strict: bool) -> List[Dict]:
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


def _write_records(index_path: Path, records: Sequence[Mapping]) -> None:
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
        meta = _resolve_meta(path, metadata)
        sha = hashlib.sha256(data).hexdigest()
        meta_rec = _meta_record(meta)
        old = records[by_name[name]] if name in by_name else None
        if (
            old is not None
            and old.get("sha256") == sha
            and old.get("parser") == PARSER_VERSION
            and all(old.get(k) == v for k, v in meta_rec.items())
        ):
            if name not in unchanged:
                unchanged.append(name)
            counts[name] = len(old["passages"])
            continue
        try:
            sections = read_document(path)
        except ReaderError as exc:
            raise IngestError(f"{path}: {exc}") from None
        prefix = old.get("id_prefix") if old is not None and old.get("authority") == meta.authority else None
        if prefix is None:
            taken = {r.get("id_prefix") for r in records if r["document"] != name}
            prefix = meta.authority
            if prefix in taken:
                prefix = f"{meta.authority}.{slug(path.stem)}"
                n = 2
                while prefix in taken:
                    prefix, n = f"{meta.authority}.{slug(path.stem)}-{n}", n + 1
        passages, excluded = document_passages(sections, document=name, meta=meta, id_prefix=prefix)
        if not passages:
            raise IngestError(f"{path}: no guidance text found in it (empty, or nothing but headings)")
        record = {
            "document": name,
            "path": str(path),
            **meta_rec,
            "sha256": sha,
            "parser": PARSER_VERSION,
            "id_prefix": prefix,
            "excluded_from": excluded,
            "passages": [p.to_dict() for p in passages],
        }
        if old is None:
            by_name[name] = len(records)
            records.append(record)
            added.append(name)
        else:
            records[by_name[name]] = record
            updated.append(name)
        counts[name] = len(passages)
    ids: Dict[str, str] = {}
    for r in records:
        for p in r["passages"]:
            if p["id"] in ids:
                raise IngestError(f"{r['document']}: passage id {p['id']} clashes with {ids[p['id']]}")
            ids[p["id"]] = r["document"]
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
    existing = _read_records(index_path, strict=False)
    records, added, updated, unchanged, counts = _build(paths, existing, metadata)
    written = False
    if added or updated or not index_path.exists() or records != existing:
        try:
            _write_records(index_path, records)
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
    return KnowledgeIndex(_read_records(index_path, strict=True), index_path)


def _stale(index_path: Path) -> bool:
    records = {r["document"]: r for r in _read_records(index_path, strict=False)}
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

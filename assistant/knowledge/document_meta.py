"""Where a document comes from (authority, title, kind), for the passages ingest makes of it.

Every passage carries its authority, title and kind. For a file the manifest
lists (matched by file name: ``knowledge/sources/MANIFEST.yml``, or a
``MANIFEST.yml`` beside the file) they come from there. For any other file give them
either (a) in ``metadata`` — a mapping from the file's name (or its path as given) to a
:class:`DocumentMeta`; the CLI builds it from ``--authority/--title/--kind`` — or (b) in
a sidecar ``<file>.meta.yml`` next to the file (keys ``authority``, ``title``, ``kind``,
optional ``authority_name`` and ``exclude_from``). ``metadata`` wins over the sidecar,
the sidecar over the manifest. Without any, ingest fails with :class:`IngestError`.
``knowledge/sources/exclusions.yml`` adds ``exclude_from`` phrases by file name
(:mod:`.adverts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

import yaml

from assistant.config import SOURCES_DIR
from assistant.knowledge.corpus import MANIFEST_NAME, CorpusError, GuidanceDocument, load_manifest
from assistant.knowledge.errors import IngestError
from assistant.knowledge.passages import KINDS, collapse_ws

EXCLUSIONS_FILE = SOURCES_DIR / "exclusions.yml"


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


def resolve_meta(path: Path, given: Optional[Mapping[str, DocumentMeta]]) -> DocumentMeta:
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


def meta_record(meta: DocumentMeta) -> Dict:
    return {
        "authority": meta.authority,
        "authority_name": meta.authority_name or meta.authority,
        "title": collapse_ws(meta.title),
        "kind": meta.kind,
        "exclude_from": list(meta.exclude_from),
    }


__all__ = ["EXCLUSIONS_FILE", "DocumentMeta", "meta_record", "resolve_meta"]

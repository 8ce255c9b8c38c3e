"""The guidance documents the product ships with, and their provenance.

``knowledge/sources/MANIFEST.yml`` names each document's authority, title and
kind; everything that quotes guidance reads it through here, so a citation
always carries where the words came from.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PureWindowsPath
from typing import Dict, List, Optional, Tuple

import yaml

from assistant.config import SOURCES_DIR

MANIFEST_NAME = "MANIFEST.yml"


_WHITESPACE = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Whitespace runs to single spaces, trimmed: how quotes are compared with their sources."""
    return _WHITESPACE.sub(" ", text).strip()


class CorpusError(RuntimeError):
    """The corpus is incomplete or its manifest unreadable; the message says how to fix it."""


@dataclass(frozen=True)
class GuidanceDocument:
    """One guidance document and where it comes from."""

    file: str
    authority: str
    authority_name: str
    title: str
    kind: str  # local_procedure | general_guidance
    path: Path


def _plain_file_name(entry: object, manifest: Path) -> str:
    """The entry's ``file`` if it is a bare file name, else CorpusError naming it.

    The manifest may have been copied from a fill folder, so a path in it
    ("../../etc/passwd", "/etc/passwd") would read or write outside the corpus.
    """
    name = entry if isinstance(entry, str) else ""
    if (
        not name
        or name in (".", "..")
        or any(character in name for character in "/\\\0")
        or Path(name).is_absolute()
        or PureWindowsPath(name).drive
    ):
        raise CorpusError(
            f"The corpus manifest {manifest} lists file {entry!r}, which is not a plain file name "
            "(no folders, '..', drive or absolute path): refused"
        )
    return name


def _inside(folder: Path, name: str) -> Optional[Path]:
    """``folder / name`` with any link followed, or None when that lands outside ``folder``."""
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder.resolve()) else None


def _read_manifest(sources_dir: Path) -> List[GuidanceDocument]:
    manifest = sources_dir / MANIFEST_NAME
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
        documents = []
        for e in data["documents"]:
            name = _plain_file_name(e["file"], manifest)
            documents.append(
                GuidanceDocument(
                    file=name,
                    authority=e["authority"],
                    authority_name=e.get("authority_name", e["authority"]),
                    title=e["title"],
                    kind=e.get("kind", "local_procedure"),
                    path=sources_dir / name,
                )
            )
        return documents
    except FileNotFoundError:
        raise CorpusError(f"No corpus manifest at {manifest}") from None
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise CorpusError(f"The corpus manifest {manifest} is malformed: {exc}") from None


def load_manifest(sources_dir: Path = SOURCES_DIR) -> List[GuidanceDocument]:
    """Read the manifest; a missing or malformed one is a CorpusError.

    Read once per version of the file: every answer consults it, and parsing
    the YAML each time cost several milliseconds of every chat reply.
    """
    manifest = sources_dir / MANIFEST_NAME
    try:
        stamp = manifest.stat().st_mtime_ns
    except OSError:
        return _read_manifest(sources_dir)  # raises the CorpusError that names the problem
    return list(_manifest_version(str(sources_dir), stamp))


@lru_cache(maxsize=8)
def _manifest_version(sources_dir: str, stamp: int) -> Tuple[GuidanceDocument, ...]:
    return tuple(_read_manifest(Path(sources_dir)))


def ensure_corpus(sources_dir: Path = SOURCES_DIR, fill_from: Optional[Path] = None) -> List[str]:
    """Check every manifest document is present; copy missing ones from ``fill_from``.

    Returns the names of the files copied. Raises CorpusError when a document
    is missing and cannot be filled, naming it, and when a copy would read from
    outside ``fill_from`` or write outside ``sources_dir`` (a path or a link).
    """
    if not (sources_dir / MANIFEST_NAME).exists() and fill_from and (fill_from / MANIFEST_NAME).exists():
        sources_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(fill_from / MANIFEST_NAME, sources_dir / MANIFEST_NAME)
    copied: List[str] = []
    missing: List[str] = []
    for doc in load_manifest(sources_dir):
        if doc.path.exists():
            continue
        if fill_from is not None and (fill_from / doc.file).exists():
            # doc.file is a plain name, but either folder may hold a link to somewhere else.
            source, target = _inside(fill_from, doc.file), _inside(sources_dir, doc.file)
            if source is None or target is None:
                outside = fill_from if source is None else sources_dir
                raise CorpusError(f"The corpus document {doc.file!r} is a link out of {outside}: refused")
            shutil.copy2(source, target)
            copied.append(doc.file)
        else:
            missing.append(doc.file)
    if missing:
        raise CorpusError(
            f"Guidance documents missing from {sources_dir}: {', '.join(missing)}. "
            "Restore them from version control (git checkout -- knowledge/sources)."
        )
    return copied


class SourceTexts:
    """The manifest's documents as whitespace-collapsed text, each read once.

    Rule files and the topic taxonomy both check that a quoted phrase really
    occurs in the document it cites; this is the one place that reads them.
    """

    def __init__(self, paths: Dict[str, Path]) -> None:
        self.paths = dict(paths)
        self._texts: Dict[str, str] = {}

    @classmethod
    def from_manifest(cls, sources_dir: Path = SOURCES_DIR) -> "SourceTexts":
        """The manifest's documents; CorpusError when the manifest cannot be read."""
        return cls({doc.file: doc.path for doc in load_manifest(sources_dir)})

    def text(self, document: str) -> Optional[str]:
        """The document's collapsed text, or None if it is not in the manifest or cannot be read."""
        if document not in self.paths:
            return None
        if document not in self._texts:
            try:
                self._texts[document] = collapse_ws(self.paths[document].read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                return None
        return self._texts[document]

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
from pathlib import Path
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


def _read_manifest(sources_dir: Path) -> List[GuidanceDocument]:
    manifest = sources_dir / MANIFEST_NAME
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
        entries = data["documents"]
        return [
            GuidanceDocument(
                file=e["file"],
                authority=e["authority"],
                authority_name=e.get("authority_name", e["authority"]),
                title=e["title"],
                kind=e.get("kind", "local_procedure"),
                path=sources_dir / e["file"],
            )
            for e in entries
        ]
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
    is missing and cannot be filled, naming it.
    """
    if not (sources_dir / MANIFEST_NAME).exists() and fill_from and (fill_from / MANIFEST_NAME).exists():
        sources_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(fill_from / MANIFEST_NAME, sources_dir / MANIFEST_NAME)
    copied: List[str] = []
    missing: List[str] = []
    for doc in load_manifest(sources_dir):
        if doc.path.exists():
            continue
        source = fill_from / doc.file if fill_from else None
        if source is not None and source.exists():
            shutil.copy2(source, doc.path)
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

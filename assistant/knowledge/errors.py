"""What goes wrong reading guidance: a document no reader can read, a document or index ingest cannot use."""

from __future__ import annotations


class ReaderError(ValueError):
    """A document cannot be read; the message is the reason (the caller names the file)."""


class IngestError(RuntimeError):
    """A document cannot be ingested (or the index read); the message names the file and why."""


__all__ = ["IngestError", "ReaderError"]

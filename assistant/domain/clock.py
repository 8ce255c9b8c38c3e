"""The one UTC clock: what every stored time (audit rows, accounts, tokens, events recorded) is read from."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """Now in UTC as a naive datetime: how the case store keeps times (portable across SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


__all__ = ["utcnow"]

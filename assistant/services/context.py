"""What every chat request needs from the world: the case store, today's date, and the way in for the audit trail.

The action server's adapters (``actions/``) and the page's panel ask here
rather than opening stores or reading settings themselves, so every way in
uses the same store, the same clock and the same audit wording.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from assistant.casestore import Store, open_store
from assistant.casestore.audit import Via
from assistant.config import load_settings


@lru_cache(maxsize=1)
def case_store() -> Store:
    """The case store named by CIN_DATABASE_URL, opened once per process."""
    return open_store(load_settings().database_url)


def today() -> dt.date:
    """Today, or CIN_TODAY for tests and demos (read on every call: settings may change)."""
    return load_settings().today()


def chat_via(channel: Optional[str]) -> Via:
    """The chat as a way in, with the input channel a message came through (rest, web, voice)."""
    return Via("chat", channel)


__all__ = ["Via", "case_store", "chat_via", "today"]

"""Regular expressions built from data (children's and colleagues' names, places, councils), compiled once.

Python's ``re`` keeps only 512 compiled patterns. A team's caseload, the
colleague list and the place list build more than that for every message, so
each message recompiled hundreds of them: a third of the action server's time
before this cache. The patterns stay in this process's memory only.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=16384)
def pattern(source: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(source, flags)``, compiled once per process."""
    return re.compile(source, flags)


__all__ = ["pattern"]

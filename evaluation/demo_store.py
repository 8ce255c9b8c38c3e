"""The seeded demo case store the chat's evaluation and benchmark talk to: a temporary SQLite file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional


def demo_store_url(seed: int, today: dt.date, directory: Path, children: Optional[int] = None) -> str:
    """Generate the seeded demo caseload and import it into a SQLite file in ``directory``; its URL."""
    from assistant.casestore import import_csv, open_store
    from assistant.casestore.exchange.demo import generate_demo, write_demo_csv

    directory = Path(directory)
    data = generate_demo(seed, today=today, children=children)
    write_demo_csv(data, directory / "csv")
    url = f"sqlite:///{directory / 'demo.sqlite3'}"
    with open_store(url) as store:
        import_csv(store, directory / "csv")
    return url


__all__ = ["demo_store_url"]

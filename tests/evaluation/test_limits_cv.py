"""`python -m evaluation limits-cv` prints, for each kind, the patterns' catch beside the learned guess's."""

from __future__ import annotations

import re

from evaluation import limits_cv


def test_the_table_counts_every_example_of_every_kind_and_every_allowed_text() -> None:
    table = limits_cv.run(folds=2)
    for kind in ("emergency", "legal", "change_records", "bulk_complete", "compose_text"):
        row = re.search(rf"^  {kind}\s+(\d+)/(\d+)\s+(\d+)/(\d+)", table, re.MULTILINE)
        assert row is not None, table
        patterns, n, learned, n2 = map(int, row.groups())
        assert n == n2 >= 50 and patterns <= learned <= n  # the learned guess only ever adds to the patterns
    assert re.search(r"^  NLU training sentences\s+\d+/\d{4}", table, re.MULTILINE), table

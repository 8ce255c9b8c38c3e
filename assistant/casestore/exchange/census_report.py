"""What a census import reports: each problem, the file's LEA code held against the authority, the refusal
(:class:`CensusImportError`) and the report of an import (:class:`CensusReport`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from assistant.casestore.exchange.csv_import import Counts, ImportReport

MAX_MESSAGE_PROBLEMS = 200

#: Each council's local authority code: the three digits the DfE gives it, which a census return carries in
#: ``Message/Header/Source/LEA``. ``practice_matters`` is a made-up council with no code, so a file imported
#: for it is refused unless forced (docs/census-mapping.md, "Whose file it is").
LEA_CODES: Dict[str, str] = {"medway": "887", "kent": "886", "camden": "202"}
LEA_PATH = "Message/Header/Source/LEA"
_LEA_FORM = re.compile(r"^\d{3}$")


# --- results and errors -------------------------------------------------------------


class CensusProblem(NamedTuple):
    """One thing wrong (or odd) in the census.

    ``child`` is the child's LAchildID, or ``child #N`` (its position among
    the file's children, from 1) when it has none; ``file`` or the
    allocations file's name for problems that are not about one child.
    ``path`` is the element's path ("Message/Children/Child[2]/CINdetails[1]/
    CINclosureDate") or, for the allocations file, ``name:line``.
    """

    child: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.child}: {self.path}: {self.reason}"


class AuthorityCheck(Enum):
    """What a file whose LEA code is not the named authority's does (docs/census-mapping.md, "Whose file it is")."""

    OFF = "off"  # not compared: the library's default, kept for callers that import other councils' samples
    REFUSE = "refuse"  # refused, and so is a file whose code cannot be matched (the command line's default)
    FORCE = "force"  # imported as the named authority whatever the file says; the report says so


@dataclass(frozen=True)
class LeaMatch:
    """The file's LEA code held against the authority named, kept so a refusal or a forced import can say both."""

    authority: str
    expected: Optional[str]  # the authority's code in LEA_CODES; None when the table has none
    found: Optional[str]  # the file's Message/Header/Source/LEA; None when absent or empty
    forced: bool = False  # imported as ``authority`` although the two did not match
    refused: bool = False  # the file is refused for it

    @property
    def matches(self) -> bool:
        return self.expected is not None and self.found == self.expected

    def describe(self) -> str:
        """One line naming the file's code and the authority's, for a mismatch (codes and keys only)."""
        if self.found is None:
            file_side = "the file has no LEA code"
        else:
            known = [key for key, code in LEA_CODES.items() if code == self.found]
            owner = known[0] if known else "a council not in the LEA table"
            shown = self.found if _LEA_FORM.match(self.found) else repr(self.found[:20])
            file_side = f"the file's LEA is {shown} ({owner})"
        if self.expected is None:
            return f"{file_side}, and no LEA code is known for {self.authority} to check it against"
        return f"{file_side}, but the authority named is {self.authority} (LEA {self.expected})"

    def problem(self) -> CensusProblem:
        """The refusal as a problem of the whole file."""
        return CensusProblem(
            "file",
            LEA_PATH,
            f"{self.describe()}: refused, so one council's children are not filed under another's "
            f"(forcing the authority imports it anyway)",
        )


class CensusImportError(Exception):
    """The census was refused and nothing was written; ``problems`` lists every reason.

    ``lea`` is set when the file was refused (among other reasons, perhaps) for
    its LEA code, so a caller can say so in one line; its problem comes first.
    """

    def __init__(self, problems: Sequence[CensusProblem], lea: Optional[LeaMatch] = None) -> None:
        self.problems: List[CensusProblem] = list(problems)
        self.lea = lea
        shown = self.problems[:MAX_MESSAGE_PROBLEMS]
        more = len(self.problems) - len(shown)
        lines = "\n".join(f"  {problem}" for problem in shown)
        tail = f"\n  ... and {more} more" if more else ""
        children = sorted({p.child for p in self.problems})
        super().__init__(
            f"census import refused, nothing was changed: {len(self.problems)} problem(s) "
            f"({len(children)} child(ren) or file(s))\n{lines}{tail}"
        )


@dataclass(frozen=True)
class CensusReport:
    """What a census import did (or, with ``dry_run``, would do)."""

    authority: str
    reference_date: dt.date
    children_in_file: int
    imported: Tuple[str, ...]  # LAchildIDs of the children written (would be, on a dry run)
    rejected: Tuple[str, ...]  # invalid children left out (allow_partial), by LAchildID or "child #N"
    problems: Tuple[CensusProblem, ...]  # why each rejected child was rejected
    warnings: Tuple[CensusProblem, ...]  # oddities that did not stop a child
    children: Counts
    cases: Counts
    events: Counts
    open_cases: int  # of the imported cases, those without a CINclosureDate
    unallocated_cases: int  # of the imported cases, those with no worker
    dry_run: bool = False
    store_report: Optional[ImportReport] = None  # the case store's own report of the write
    lea: Optional[LeaMatch] = None  # the file's LEA code against the authority's

    @property
    def changed(self) -> bool:
        return self.store_report is not None and self.store_report.changed

    def summary(self) -> str:
        """A few lines for the CLI: counts and ids, never anything else about a child."""
        verb = "would add" if self.dry_run else "added"
        lines = [
            f"census {self.reference_date.isoformat()} for {self.authority}: "
            f"{self.children_in_file} child(ren) in file, "
            f"{len(self.imported)} imported, {len(self.rejected)} rejected, {len(self.warnings)} warning(s)",
        ]
        if self.lea is not None and self.lea.forced:
            lines.append(f"authority check overridden: {self.lea.describe()}; imported as {self.authority}")
        for name, counts in (("children", self.children), ("cases", self.cases), ("events", self.events)):
            lines.append(f"{name}: {verb} {counts.added}, updated {counts.updated}, unchanged {counts.unchanged}")
        lines.append(f"open cases: {self.open_cases}, unallocated: {self.unallocated_cases}")
        return "\n".join(lines)

"""Import a DfE Children in Need census return (XML) into the case store.

``import_cin_census(store, xml_path, allocations, authority)`` reads one
council's census file, checks every child, turns each CIN episode
(``CINdetails``) into a case with its events, and hands the rows to the case
store's own CSV importer in memory
(:func:`assistant.casestore.exchange.csv_import.import_rows`): there is one
code path for writes, one transaction, and the same idempotency rules.

The census names no worker and no child. ``allocations`` (a CSV of
``LAchildID,worker_id``) says who holds which child; a child not in it gets
unallocated cases in ``authority``, which that authority's managers see.

The file says whose return it is (``Header/Source/LEA``, the council's DfE
code). With ``authority_check`` (the command line always sets it) a file whose
code is not ``authority``'s in :data:`LEA_CODES` is refused, or imported anyway
and reported as forced, so one council's children are not filed under another.

Every choice the mapping makes (ids, names, which date becomes which event,
what is refused) is written up, with its reason, in ``docs/census-mapping.md``.

Validation is per child. A child with any problem is *invalid*; by default one
invalid child refuses the whole file (:class:`CensusImportError`, store
unchanged), and with ``allow_partial=True`` the valid children are imported
and the invalid ones reported in :class:`CensusReport`. Problems that are not
about one child (an unreadable file, a missing reference date, a broken
allocations file, an authority the store does not know, another council's
file) always refuse the file. Oddities that cannot hurt the store (a gender
code, an assessment signed off after the episode closed) are *warnings*:
reported, never blocking.

The file's own encoding is honoured (its byte-order mark or XML declaration:
UTF-8, UTF-16, Latin-1, Windows-1252 ...). Bytes that do not match it, or an
encoding the parser cannot read (UTF-32, Shift_JIS, an unknown name), refuse
the file with the line and what to do. A DTD or entity declaration (a census
has none) refuses the file; the parser (defusedxml) finds it in any encoding.
Element paths are walked without recursion, so no nesting depth ends in a
RecursionError.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from sqlalchemy import select

from assistant.casestore.exchange.csv_format import (
    CASES,
    CHILDREN,
    COLUMNS,
    EVENTS_FILE,
    WORKERS,
    TextDecodeError,
    decode_utf8,
    unreadable_csv,
)
from assistant.casestore.exchange.csv_import import (
    ID_LENGTH,
    Counts,
    CsvImportError,
    ImportReport,
    import_rows,
)
from assistant.casestore.models import Case, Child, Team, Worker
from assistant.casestore.store import Store
from assistant.domain.codes import CASE_CLOSED, SOURCE_CENSUS

# --- the census's vocabularies (DfE CIN census; see tests/fixtures/cin-census) --------

DISABILITY_CODES: Tuple[str, ...] = (
    "NONE",
    "MOB",
    "HAND",
    "PC",
    "INC",
    "COMM",
    "LD",
    "HEAR",
    "VIS",
    "BEH",
    "CON",
    "AUT",
    "DDA",
)
NO_DISABILITY = "NONE"
#: ``GenderCurrent`` (to 2023-24) and ``Sex`` (from 2024-25). Read and checked, never stored.
GENDER_CURRENT_CODES: Dict[str, str] = {"0": "not recorded", "1": "male", "2": "female", "9": "indeterminate"}
SEX_CODES: Dict[str, str] = {"M": "male", "F": "female", "U": "unknown"}
PRIMARY_NEED_CODES: Tuple[str, ...] = tuple(f"N{n}" for n in range(10))
CLOSURE_REASONS: Tuple[str, ...] = tuple(f"RC{n}" for n in range(1, 10))
YES_NO_TRUE = ("true", "1")
YES_NO = ("true", "false", "1", "0")

#: Date elements that may lie after the collection's reference date (a due or expected date).
FUTURE_ALLOWED: Tuple[str, ...] = ("ExpectedPersonBirthDate", "InitialCPCtarget")
#: Leaf elements that hold a date although "Date" is not in their name.
EXTRA_DATE_ELEMENTS: Tuple[str, ...] = ("InitialCPCtarget",)
#: Blocks that may repeat; their path segments always carry a position ("CINdetails[2]").
REPEATED_BLOCKS: Tuple[str, ...] = (
    "Child",
    "CINdetails",
    "Assessments",
    "CINPlanDates",
    "Section47",
    "ChildProtectionPlans",
    "Disability",
)

#: What the store gets for a census child's name (the census has none): see docs/census-mapping.md.
CENSUS_LAST_NAME = "Census"
DEFAULT_CATEGORY = "standard"
ALLOCATION_COLUMNS: Tuple[str, ...] = ("LAchildID", "worker_id")
MAX_MESSAGE_PROBLEMS = 200

_XS_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

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


# --- ids ------------------------------------------------------------------------------


def census_child_id(authority: str, la_child_id: str) -> str:
    """The store's child_id for a census child: ``<authority>:<LAchildID>``."""
    return f"{authority}:{la_child_id}"


def census_case_id(authority: str, la_child_id: str, referral_date: dt.date) -> str:
    """The store's case_id for one CIN episode: ``<authority>:<LAchildID>:<CINreferralDate>``."""
    return f"{authority}:{la_child_id}:{referral_date.isoformat()}"


# --- reading the XML ------------------------------------------------------------------


def _local(tag: object) -> str:
    """An element's name without its namespace (``{ns}Child`` -> ``Child``)."""
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1]


def _text(element: Optional[ET.Element]) -> str:
    return "" if element is None else (element.text or "").strip()


def _children_named(parent: Optional[ET.Element], name: str) -> List[ET.Element]:
    return [] if parent is None else [child for child in parent if _local(child.tag) == name]


def _first(parent: Optional[ET.Element], name: str) -> Optional[ET.Element]:
    found = _children_named(parent, name)
    return found[0] if found else None


def _segment(parent: ET.Element, element: ET.Element) -> str:
    """This element's path segment, with its position among same-named siblings where it matters."""
    name = _local(element.tag)
    same = [child for child in parent if _local(child.tag) == name]
    if name in REPEATED_BLOCKS or len(same) > 1:
        return f"{name}[{same.index(element) + 1}]"
    return name


def _walk(element: ET.Element, path: str) -> Iterator[Tuple[ET.Element, str]]:
    """Every descendant of ``element`` with its path, in document order.

    With a stack rather than recursion: a file nested thousands of levels deep
    is refused for its content, not by a RecursionError.
    """
    stack: List[Tuple[ET.Element, str]] = []

    def push_children(parent: ET.Element, parent_path: str) -> None:
        children = [child for child in parent if isinstance(child.tag, str)]  # not comments, PIs
        stack.extend((child, f"{parent_path}/{_segment(parent, child)}") for child in reversed(children))

    push_children(element, path)
    while stack:
        node, node_path = stack.pop()
        yield node, node_path
        push_children(node, node_path)


def _is_date_element(element: ET.Element) -> bool:
    name = _local(element.tag)
    leaf = not any(isinstance(child.tag, str) for child in element)
    return leaf and ("Date" in name or name in EXTRA_DATE_ELEMENTS)


def parse_census_date(text: str) -> dt.date:
    """An ``xs:date`` (``YYYY-MM-DD``, optionally with a time zone, which is ignored); ValueError if not."""
    match = _XS_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date as YYYY-MM-DD")
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


# --- one child, checked ----------------------------------------------------------------


@dataclass(frozen=True)
class CensusEvent:
    """An event a census episode gives: its code and date (the store's event has no seen-flags and no note)."""

    event: str
    date: dt.date


@dataclass(frozen=True)
class _Dated:
    """A mapped date with the element it came from, so a problem or warning about it can name the element."""

    event: str
    date: dt.date
    path: str
    element: str


@dataclass
class _Episode:
    path: str
    referral: dt.date
    closure: Optional[dt.date]
    events: List[CensusEvent]  # no duplicates


@dataclass
class _CensusChild:
    position: int
    path: str
    la_child_id: Optional[str] = None
    birth_date: Optional[dt.date] = None
    disabled: bool = False
    episodes: List[_Episode] = field(default_factory=list)
    problems: List[CensusProblem] = field(default_factory=list)
    warnings: List[CensusProblem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.la_child_id or f"child #{self.position}"

    def problem(self, path: str, reason: str) -> None:
        self.problems.append(CensusProblem(self.label, path, reason))

    def warn(self, path: str, reason: str) -> None:
        self.warnings.append(CensusProblem(self.label, path, reason))


class _ChildReader:
    """Reads and checks one ``Child`` element against the collection's reference date."""

    def __init__(self, reference_date: dt.date, authority: str) -> None:
        self.reference_date = reference_date
        self.authority = authority
        self.dates: Dict[int, dt.date] = {}  # id(element) -> its checked date, for the child being read

    def read(self, element: ET.Element, position: int, path: str) -> _CensusChild:
        """The child with every problem and warning found: identity, dates, disabilities, each episode."""
        child = _CensusChild(position, path)
        identifiers = _first(element, "ChildIdentifiers")
        ids_path = f"{path}/ChildIdentifiers"
        if identifiers is None:
            child.problem(ids_path, "no ChildIdentifiers, so no LAchildID")
        else:
            self._identifiers(child, identifiers, ids_path)
        self.dates = self._checked_dates(child, element, path)
        if identifiers is not None:
            self._life_dates(child, identifiers, ids_path)
        self._disabilities(child, _first(element, "ChildCharacteristics"), f"{path}/ChildCharacteristics")
        death = self._date(identifiers, "PersonDeathDate") if identifiers is not None else None
        self._episodes(child, element, path, death)
        return child

    # -- parts ---------------------------------------------------------------------

    def _checked_dates(self, child: _CensusChild, element: ET.Element, path: str) -> Dict[int, dt.date]:
        """Every date in the child's record (by element) that is a real date, not after the reference date.

        Whether or not it becomes an event: a wrong date is a sign of a wrong record.
        """
        dates: Dict[int, dt.date] = {}
        for node, node_path in _walk(element, path):
            if not _is_date_element(node):
                continue
            raw = _text(node)
            if not raw:
                continue  # an empty element reads as absent
            try:
                value = parse_census_date(raw)
            except ValueError as exc:
                child.problem(node_path, f"{_local(node.tag)} {exc}")
                continue
            if value > self.reference_date and _local(node.tag) not in FUTURE_ALLOWED:
                child.problem(
                    node_path,
                    f"{_local(node.tag)} {value.isoformat()} is after the collection's reference date "
                    f"{self.reference_date.isoformat()}",
                )
                continue
            dates[id(node)] = value
        return dates

    def _episodes(self, child: _CensusChild, element: ET.Element, path: str, death: Optional[dt.date]) -> None:
        """Each CINdetails as an episode: two sharing a referral date would be one case, two open ones a muddle."""
        details = _children_named(element, "CINdetails")
        if not details:
            child.problem(f"{path}/CINdetails", "no CINdetails: every census child has at least one CIN episode")
        open_episode: Optional[str] = None
        referrals: Dict[dt.date, str] = {}
        for element_details in details:
            episode_path = f"{path}/{_segment(element, element_details)}"
            episode = self._episode(child, element_details, episode_path, death)
            if episode is None:
                continue
            if episode.referral in referrals:
                child.problem(
                    f"{episode_path}/CINreferralDate",
                    f"a second episode referred on {episode.referral.isoformat()} "
                    f"(as {referrals[episode.referral]}): each episode needs its own referral date",
                )
                continue
            referrals[episode.referral] = episode_path
            if episode.closure is None:
                if open_episode is not None:
                    child.problem(
                        episode_path,
                        f"a second open episode (no CINclosureDate); {open_episode} is open too",
                    )
                    continue
                open_episode = episode_path
            child.episodes.append(episode)

    def _date(self, parent: Optional[ET.Element], name: str) -> Optional[dt.date]:
        """The checked date of ``parent``'s first ``name`` element, or None (absent, empty or invalid)."""
        element = _first(parent, name)
        return None if element is None else self.dates.get(id(element))

    def _identifiers(self, child: _CensusChild, identifiers: ET.Element, path: str) -> None:
        found = _children_named(identifiers, "LAchildID")
        value = _text(found[0]) if found else ""
        if not found:
            child.problem(f"{path}/LAchildID", "no LAchildID")
        elif len(found) > 1:
            child.problem(f"{path}/LAchildID", "more than one LAchildID")
        elif not value:
            child.problem(f"{path}/LAchildID", "LAchildID is empty")
        elif _CONTROL.search(value):
            child.problem(f"{path}/LAchildID", f"LAchildID {value!r} contains control characters")
        else:
            child.la_child_id = value
            longest = len(census_case_id(self.authority, value, dt.date(2000, 1, 1)))
            if longest > ID_LENGTH:
                limit = len(value) - (longest - ID_LENGTH)
                child.problem(
                    f"{path}/LAchildID",
                    f"LAchildID is {len(value)} characters; at most {limit} fit in a case id for {self.authority}",
                )
        self._gender(child, identifiers, path)

    def _gender(self, child: _CensusChild, identifiers: ET.Element, path: str) -> None:
        """GenderCurrent (older returns) and Sex (2024-25 on): either, checked, never stored."""
        seen: Dict[str, str] = {}
        for name, own, other in (
            ("GenderCurrent", GENDER_CURRENT_CODES, SEX_CODES),
            ("Sex", SEX_CODES, GENDER_CURRENT_CODES),
        ):
            element = _first(identifiers, name)
            if element is None:
                continue
            code = _text(element).upper()
            if code in own:
                seen[name] = own[code]
            elif code in other:
                seen[name] = other[code]
                child.warn(
                    f"{path}/{name}",
                    f"{name} {code!r} is a {'Sex' if name == 'GenderCurrent' else 'GenderCurrent'} code "
                    f"({other[code]}); accepted (gender is not stored)",
                )
            else:
                child.warn(
                    f"{path}/{name}",
                    f"unknown {name} code {code!r} (expected one of: {', '.join(own)}); ignored (gender is not stored)",
                )
        if not seen and _first(identifiers, "GenderCurrent") is None and _first(identifiers, "Sex") is None:
            child.warn(path, "neither GenderCurrent nor Sex is given (gender is not stored)")
        if len(seen) == 2 and len(set(seen.values())) == 2 and "not recorded" not in seen.values():
            child.warn(path, f"GenderCurrent says {seen['GenderCurrent']} but Sex says {seen['Sex']} (not stored)")

    def _life_dates(self, child: _CensusChild, identifiers: ET.Element, path: str) -> None:
        child.birth_date = self._date(identifiers, "PersonBirthDate")
        death = self._date(identifiers, "PersonDeathDate")
        if death is not None and child.birth_date is not None and death < child.birth_date:
            child.problem(
                f"{path}/PersonDeathDate",
                f"PersonDeathDate {death.isoformat()} is before PersonBirthDate {child.birth_date.isoformat()}",
            )

    def _disabilities(self, child: _CensusChild, characteristics: Optional[ET.Element], path: str) -> None:
        block = _first(characteristics, "Disabilities")
        if block is None:
            return  # no Disabilities block: no disability recorded
        block_path = f"{path}/Disabilities"
        codes: List[str] = []
        for element in _children_named(block, "Disability"):
            code = _text(element).upper()
            element_path = f"{block_path}/{_segment(block, element)}"
            if not code:
                child.problem(element_path, "Disability is empty")
            elif code not in DISABILITY_CODES:
                child.problem(
                    element_path, f"unknown Disability code {code!r} (expected one of: {', '.join(DISABILITY_CODES)})"
                )
            else:
                codes.append(code)
        if NO_DISABILITY in codes and len(set(codes)) > 1:
            others = ", ".join(sorted(set(codes) - {NO_DISABILITY}))
            child.problem(block_path, f"Disability NONE is listed together with {others}")
        child.disabled = any(code != NO_DISABILITY for code in codes)

    def _episode(
        self, child: _CensusChild, details: ET.Element, path: str, death: Optional[dt.date]
    ) -> Optional[_Episode]:
        """One CINdetails and its events, or None when anything in it is wrong (the child is then invalid)."""
        before = len(child.problems)
        referral, closure = self._episode_span(child, details, path, death)
        events = self._assessment_event(child, details, path) + self._plan_events(child, details, path)
        step_downs, open_plan = self._cp_plan_events(child, details, path)
        events += step_downs
        if closure is not None:
            events.append(_Dated(CASE_CLOSED, closure, f"{path}/CINclosureDate", "CINclosureDate"))
        if referral is not None:
            self._check_within_episode(child, events, referral, closure)
        self._episode_warnings(child, details, path, closure, open_plan)
        if referral is None or len(child.problems) > before:
            return None
        unique: List[CensusEvent] = []
        for dated in events:
            event = CensusEvent(dated.event, dated.date)
            if event not in unique:
                unique.append(event)
        return _Episode(path, referral, closure, unique)

    def _episode_span(
        self, child: _CensusChild, details: ET.Element, path: str, death: Optional[dt.date]
    ) -> Tuple[Optional[dt.date], Optional[dt.date]]:
        """The episode's referral and closure dates, checked against each other and the child's death."""
        referral_elements = _children_named(details, "CINreferralDate")
        referral = self._date(details, "CINreferralDate")
        if not referral_elements or not _text(referral_elements[0]):
            child.problem(f"{path}/CINreferralDate", "CINdetails has no CINreferralDate")
        elif len(referral_elements) > 1:
            child.problem(f"{path}/CINreferralDate", "more than one CINreferralDate in one CINdetails")
        if len(_children_named(details, "CINclosureDate")) > 1:
            child.problem(f"{path}/CINclosureDate", "more than one CINclosureDate in one CINdetails")
        closure = self._date(details, "CINclosureDate")
        if referral is not None and closure is not None and closure < referral:
            child.problem(
                f"{path}/CINclosureDate",
                f"CINclosureDate {closure.isoformat()} is before the CINreferralDate {referral.isoformat()}",
            )
        if referral is not None and death is not None and referral > death:
            child.problem(
                f"{path}/CINreferralDate",
                f"CINreferralDate {referral.isoformat()} is after the child's PersonDeathDate {death.isoformat()}",
            )
        if death is not None and closure is None and _text(_first(details, "CINclosureDate")) == "":
            child.problem(
                path, f"the child died on {death.isoformat()} (PersonDeathDate) but this episode has no CINclosureDate"
            )
        return referral, closure

    def _assessment_event(self, child: _CensusChild, details: ET.Element, path: str) -> List[_Dated]:
        """The latest authorisation completes the assessment; one without an authorisation is still in progress."""
        latest: Optional[_Dated] = None
        for block in _children_named(details, "Assessments"):
            block_path = f"{path}/{_segment(details, block)}"
            started = self._date(block, "AssessmentActualStartDate")
            authorised = self._date(block, "AssessmentAuthorisationDate")
            if authorised is None:
                continue  # still in progress
            where = f"{block_path}/AssessmentAuthorisationDate"
            if started is not None and authorised < started:
                child.problem(
                    where,
                    f"AssessmentAuthorisationDate {authorised.isoformat()} is before its "
                    f"AssessmentActualStartDate {started.isoformat()}",
                )
            if latest is None or authorised > latest.date:
                latest = _Dated("assessment_completed", authorised, where, "AssessmentAuthorisationDate")
        return [latest] if latest is not None else []

    def _plan_events(self, child: _CensusChild, details: ET.Element, path: str) -> List[_Dated]:
        """Each CIN plan starts with an initial CIN meeting; its end has no event and is only checked."""
        events: List[_Dated] = []
        for block in _children_named(details, "CINPlanDates"):
            block_path = f"{path}/{_segment(details, block)}"
            start_element = _first(block, "CINPlanStartDate")
            start = self._date(block, "CINPlanStartDate")
            end = self._date(block, "CINPlanEndDate")
            if start_element is None or not _text(start_element):
                child.problem(f"{block_path}/CINPlanStartDate", "CINPlanDates has no CINPlanStartDate")
                continue
            if start is not None and end is not None and end < start:
                child.problem(
                    f"{block_path}/CINPlanEndDate",
                    f"CINPlanEndDate {end.isoformat()} is before its CINPlanStartDate {start.isoformat()}",
                )
            if start is not None:
                where = f"{block_path}/CINPlanStartDate"
                events.append(_Dated("initial_cin_meeting", start, where, "CINPlanStartDate"))
        return events

    def _cp_plan_events(self, child: _CensusChild, details: ET.Element, path: str) -> Tuple[List[_Dated], bool]:
        """Each child protection plan that ended is a step-down into CIN; also whether one is still running."""
        events: List[_Dated] = []
        open_plan = False
        for block in _children_named(details, "ChildProtectionPlans"):
            block_path = f"{path}/{_segment(details, block)}"
            start = self._date(block, "CPPstartDate")
            end = self._date(block, "CPPendDate")
            if end is None:
                if _text(_first(block, "CPPendDate")) == "" and _first(block, "CPPstartDate") is not None:
                    open_plan = True
                continue
            if start is not None and end < start:
                child.problem(
                    f"{block_path}/CPPendDate",
                    f"CPPendDate {end.isoformat()} is before its CPPstartDate {start.isoformat()}",
                )
            events.append(_Dated("cp_plan_ended", end, f"{block_path}/CPPendDate", "CPPendDate"))
        return events, open_plan

    def _check_within_episode(
        self, child: _CensusChild, events: List[_Dated], referral: dt.date, closure: Optional[dt.date]
    ) -> None:
        """Work before the referral it answers is refused; work after the closure is odd but harmless."""
        for dated in events:
            if dated.date < referral:
                child.problem(
                    dated.path,
                    f"{dated.element} {dated.date.isoformat()} is before the episode's CINreferralDate "
                    f"{referral.isoformat()}",
                )
            elif closure is not None and dated.date > closure:
                child.warn(
                    dated.path,
                    f"{dated.element} {dated.date.isoformat()} is after the episode's CINclosureDate "
                    f"{closure.isoformat()}; imported as recorded ({dated.event} on a closed case)",
                )

    def _episode_warnings(
        self, child: _CensusChild, details: ET.Element, path: str, closure: Optional[dt.date], open_plan: bool
    ) -> None:
        need = _first(details, "PrimaryNeedCode")
        if need is not None and _text(need).upper() not in PRIMARY_NEED_CODES:
            child.warn(f"{path}/PrimaryNeedCode", f"unknown PrimaryNeedCode {_text(need)!r} (not stored)")
        reason = _first(details, "ReasonForClosure")
        if reason is not None and _text(reason) and _text(reason).upper() not in CLOSURE_REASONS:
            child.warn(f"{path}/ReasonForClosure", f"unknown ReasonForClosure {_text(reason)!r} (not stored)")
        if closure is None:
            if open_plan:
                child.warn(
                    path,
                    "the child is on a child protection plan (a CPPstartDate with no CPPendDate): "
                    "the case is imported as an open CIN case; CIN timescales start when the plan ends",
                )
            nfa = _first(details, "ReferralNFA")
            if nfa is not None and _text(nfa).lower() in YES_NO_TRUE:
                child.warn(f"{path}/ReferralNFA", "ReferralNFA is true but the episode has no CINclosureDate")


# --- the allocations file --------------------------------------------------------------


@dataclass(frozen=True)
class _Allocation:
    """One row of the allocations file: the worker it names, and its line for a problem to point at."""

    line: int
    worker_id: str


def _read_allocations(path: Path, fatal: List[CensusProblem]) -> Dict[str, List[_Allocation]]:
    """LAchildID -> its rows; file-level problems go to ``fatal`` (the file is then refused whole)."""
    name = path.name
    found: Dict[str, List[_Allocation]] = defaultdict(list)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        fatal.append(CensusProblem(name, f"{name}:0", f"cannot read the allocations file: {exc.strerror or exc}"))
        return found
    try:
        text = decode_utf8(raw)
    except TextDecodeError as exc:
        fatal.append(CensusProblem(name, f"{name}:{exc.line}", f"the allocations file is {exc.reason}"))
        return found
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last_line = 0
    try:
        header = next(reader, None)
        columns = [cell.strip() for cell in header or []]
        if sorted(c.lower() for c in columns) != sorted(c.lower() for c in ALLOCATION_COLUMNS):
            fatal.append(
                CensusProblem(
                    name, f"{name}:1", f"wrong header {','.join(columns)!r} (expected {','.join(ALLOCATION_COLUMNS)})"
                )
            )
            return found
        child_index = [c.lower() for c in columns].index("lachildid")
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not cells or all(not cell.strip() for cell in cells):
                continue
            if len(cells) != 2:
                fatal.append(CensusProblem(name, f"{name}:{line}", f"expected 2 values, found {len(cells)}"))
                continue
            la_child_id, worker_id = cells[child_index].strip(), cells[1 - child_index].strip()
            if not la_child_id or not worker_id:
                fatal.append(CensusProblem(name, f"{name}:{line}", "LAchildID and worker_id must both be given"))
                continue
            found[la_child_id].append(_Allocation(line, worker_id))
    except csv.Error as exc:
        fatal.append(CensusProblem(name, f"{name}:{last_line + 1}", unreadable_csv(exc, last_line + 1)))
    return found


# --- the file ---------------------------------------------------------------------------------


_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _declared_encoding(raw: bytes) -> str:
    """The encoding a file's byte-order mark or XML declaration gives it (XML's default: UTF-8)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF8, "UTF-8"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return encoding
    match = _XML_ENCODING.match(raw.lstrip()[:200])
    return match.group(1).decode("ascii") if match else "UTF-8"


def _encoding_problem(raw: bytes) -> Optional[str]:
    """Why an unparseable file is not text in the encoding it declares (None if it is, or is unknown)."""
    declared = _declared_encoding(raw)
    if declared == "UTF-32":
        return "the file is UTF-32, which the importer cannot read; save it as UTF-8"
    try:
        raw.decode(declared)
    except LookupError:
        return None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return (
            f"line {line}: byte 0x{raw[exc.start]:02x} is not {declared}, the encoding the file "
            f"{'declares' if _XML_ENCODING.match(raw.lstrip()[:200]) else 'must have without a declaration'}; "
            f"save it as UTF-8 (or declare the encoding it is in)"
        )
    return None


def _parse_message(xml_path: Path) -> Tuple[ET.Element, dt.date]:
    """The document's root and its reference date, or CensusImportError."""
    name = xml_path.name

    def refuse(path: str, reason: str) -> CensusImportError:
        return CensusImportError([CensusProblem("file", path or name, reason)])

    try:
        raw = xml_path.read_bytes()
    except OSError as exc:
        raise refuse(name, f"cannot read the census file: {exc.strerror or exc}") from None
    try:
        # The parser, not a search of the bytes, refuses a DTD: it sees one in any encoding (UTF-16 too).
        root = SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:  # a ValueError, so caught before the encoding errors below
        raise refuse(
            name, "the file declares a DTD or entities; a census return has neither, so it is refused"
        ) from None
    except ET.ParseError as exc:
        raise refuse(name, _encoding_problem(raw) or f"not well-formed XML: {exc}") from None
    except (LookupError, ValueError):  # an encoding Python does not know, or expat cannot read
        raise refuse(
            name, f"the file declares the encoding {_declared_encoding(raw)!r}, which cannot be read; save it as UTF-8"
        ) from None
    if _local(root.tag) != "Message":
        raise refuse(_local(root.tag), f"the root element is {_local(root.tag)!r}, not a census 'Message'")
    collection = _first(_first(_first(root, "Header"), "CollectionDetails"), "Collection")
    if collection is not None and _text(collection).upper() != "CIN":
        raise refuse(
            "Message/Header/CollectionDetails/Collection",
            f"collection {_text(collection)!r} is not a Children in Need census (CIN)",
        )
    reference = _first(_first(_first(root, "Header"), "CollectionDetails"), "ReferenceDate")
    where = "Message/Header/CollectionDetails/ReferenceDate"
    if reference is None or not _text(reference):
        raise refuse(where, "no ReferenceDate: the collection's end date is needed to check the children's dates")
    try:
        reference_date = parse_census_date(_text(reference))
    except ValueError as exc:
        raise refuse(where, f"ReferenceDate {exc}") from None
    if _first(root, "Children") is None:
        raise refuse("Message/Children", "no Children element")
    return root, reference_date


# --- whose file it is -------------------------------------------------------------------------


def _check_lea(root: ET.Element, authority: str, check: AuthorityCheck) -> LeaMatch:
    """The file's LEA code against ``authority``'s, marked refused or forced as ``check`` says when they differ."""
    found = _text(_first(_first(_first(root, "Header"), "Source"), "LEA")) or None
    match = LeaMatch(authority, LEA_CODES.get(authority), found)
    if match.matches or check is AuthorityCheck.OFF:
        return match
    return replace(match, forced=check is AuthorityCheck.FORCE, refused=check is AuthorityCheck.REFUSE)


def _refusal(lea: LeaMatch, problems: Sequence[CensusProblem]) -> CensusImportError:
    """The error refusing the file: a refused LEA code first (it is about the whole file), then the rest."""
    if lea.refused:
        return CensusImportError([lea.problem(), *problems], lea=lea)
    return CensusImportError(problems)


# --- what the store already holds ---------------------------------------------------------------


@dataclass(frozen=True)
class _WorkerRow:
    """A worker as stored, which is also its workers.csv row: the import repeats stored workers, never edits one."""

    worker_id: str
    name: str
    role: str
    team_id: str
    team_name: str
    authority: str
    manager_id: Optional[str]


@dataclass(frozen=True)
class _StoredName:
    """A census child's names as stored: a manager may have named the child, which a census never undoes."""

    first_name: str
    last_name: str


@dataclass(frozen=True)
class _StoredCase:
    """A census case's allocation and category as stored: the council's decisions, which the census lacks."""

    worker_id: Optional[str]
    category: str


@dataclass
class _StoreState:
    """What the import needs from the store, read once before any row is built."""

    workers: Dict[str, _WorkerRow]
    names: Dict[str, _StoredName]  # census child_id ->
    cases: Dict[str, _StoredCase]  # census case_id ->

    @classmethod
    def load(cls, store: Store, authority: str) -> "_StoreState":
        prefix = census_child_id(authority, "")
        worker_columns = (
            Worker.worker_id,
            Worker.name,
            Worker.role,
            Worker.team_id,
            Team.name.label("team_name"),
            Team.authority_id.label("authority"),
            Worker.manager_id,
        )
        with store.engine.connect() as connection:
            workers = {
                row.worker_id: _WorkerRow(**row._mapping)
                for row in connection.execute(select(*worker_columns).join(Team, Worker.team_id == Team.team_id))
            }
            names = {
                row.child_id: _StoredName(row.first_name, row.last_name)
                for row in connection.execute(
                    select(Child.child_id, Child.first_name, Child.last_name).where(
                        Child.child_id.startswith(prefix, autoescape=True)
                    )
                )
            }
            cases = {
                row.case_id: _StoredCase(row.worker_id, row.category)
                for row in connection.execute(
                    select(Case.case_id, Case.worker_id, Case.category).where(
                        Case.case_id.startswith(prefix, autoescape=True)
                    )
                )
            }
        return cls(workers, names, cases)

    def workers_in(self, authority: str) -> List[str]:
        """The authority's worker ids, in order: the first stands in workers.csv for the authority itself."""
        return sorted(worker.worker_id for worker in self.workers.values() if worker.authority == authority)


# --- every child, checked ---------------------------------------------------------------------


@dataclass
class _Checked:
    """Every child of the file, checked, with the import's problems and warnings in the order they are reported."""

    children: List[_CensusChild]
    problems: List[CensusProblem]
    warnings: List[CensusProblem]
    worker_of: Dict[str, str]  # LAchildID -> the worker the allocations file names, checked

    @property
    def valid(self) -> List[_CensusChild]:
        return [child for child in self.children if not child.problems]

    @property
    def invalid(self) -> List[_CensusChild]:
        return [child for child in self.children if child.problems]


def _check_children(
    root: ET.Element,
    reference_date: dt.date,
    authority: str,
    state: _StoreState,
    allocated: Dict[str, List[_Allocation]],
    allocations_name: str,
) -> _Checked:
    """Read and check every Child, then its allocation; allocation warnings are reported before the children's."""
    reader = _ChildReader(reference_date, authority)
    children_element = _first(root, "Children")
    assert children_element is not None  # _parse_message refuses a file without one
    children: List[_CensusChild] = []
    for element in _children_named(children_element, "Child"):
        position = len(children) + 1
        children.append(reader.read(element, position, f"Message/Children/Child[{position}]"))
    _flag_repeated_ids(children)
    worker_of, warnings = _allocate(children, allocated, state, authority, allocations_name)
    problems = [problem for child in children for problem in child.problems]
    warnings.extend(warning for child in children for warning in child.warnings)
    return _Checked(children, problems, warnings, worker_of)


def _flag_repeated_ids(children: List[_CensusChild]) -> None:
    """Make every copy of a repeated LAchildID invalid: which one is right is not ours to guess."""
    positions: Dict[str, List[int]] = defaultdict(list)
    for child in children:
        if child.la_child_id:
            positions[child.la_child_id].append(child.position)
    for child in children:
        where = positions.get(child.la_child_id or "", [])
        if len(where) > 1:
            child.problem(
                f"{child.path}/ChildIdentifiers/LAchildID",
                f"LAchildID {child.la_child_id!r} is used by more than one child (Child {', '.join(map(str, where))})",
            )


def _allocate(
    children: List[_CensusChild],
    allocated: Dict[str, List[_Allocation]],
    state: _StoreState,
    authority: str,
    allocations_name: str,
) -> Tuple[Dict[str, str], List[CensusProblem]]:
    """Each allocated child's worker, and warnings for rows naming no child of the file.

    A worker the store does not have, one of another authority, or two workers
    for one child make that child invalid: a guessed allocation would show a
    child to the wrong worker.
    """
    by_id = {child.la_child_id: child for child in children if child.la_child_id}
    worker_of: Dict[str, str] = {}
    warnings: List[CensusProblem] = []
    for la_child_id, rows in allocated.items():
        child = by_id.get(la_child_id)
        if child is None:
            warnings.append(
                CensusProblem(
                    allocations_name,
                    f"{allocations_name}:{rows[0].line}",
                    f"LAchildID {la_child_id!r} is not in the census; allocation ignored",
                )
            )
            continue
        workers = sorted({row.worker_id for row in rows})
        where = f"{allocations_name}:{', '.join(str(row.line) for row in rows)}"
        worker = state.workers.get(workers[0])
        if len(workers) > 1:
            child.problem(where, f"allocated to more than one worker ({', '.join(workers)})")
        elif worker is None:
            child.problem(where, f"worker_id {workers[0]!r} is not a worker in the case store")
        elif worker.authority != authority:
            child.problem(where, f"worker_id {workers[0]!r} works in {worker.authority!r}, not {authority!r}")
        else:
            worker_of[la_child_id] = workers[0]
    return worker_of, warnings


# --- the rows written ------------------------------------------------------------------------


@dataclass(frozen=True)
class _ChildRow:
    child_id: str
    first_name: str
    last_name: str
    birth_date: Optional[dt.date]
    disabled: bool


@dataclass(frozen=True)
class _CaseRow:
    case_id: str
    child_id: str
    worker_id: Optional[str]
    category: str
    referral_date: dt.date


@dataclass(frozen=True)
class _EventRow:
    """A census event: no seen-flags and an empty note, so it is the same event as one recorded elsewhere."""

    case_id: str
    event: str
    date: dt.date
    child_seen: Optional[bool] = None
    seen_alone: Optional[bool] = None
    note: str = ""


@dataclass
class _CensusRows:
    """The four exchange files' rows for the valid children, and the counts the report adds to the store's."""

    workers: List[_WorkerRow]
    children: List[_ChildRow] = field(default_factory=list)
    cases: List[_CaseRow] = field(default_factory=list)
    events: List[_EventRow] = field(default_factory=list)
    open_cases: int = 0
    unallocated: int = 0

    def by_file(self) -> Dict[str, List[Dict[str, object]]]:
        """The rows as the CSV importer takes them in memory: per file, each a mapping by column."""
        files = ((WORKERS, self.workers), (CHILDREN, self.children), (CASES, self.cases), (EVENTS_FILE, self.events))
        return {
            name: [{column: getattr(row, column) for column in COLUMNS[name]} for row in rows] for name, rows in files
        }


def _census_rows(checked: _Checked, state: _StoreState, authority: str) -> _CensusRows:
    """The valid children's rows, keeping what the store holds that a census does not carry.

    workers.csv repeats, as stored, the workers the allocations name and the
    authority's first worker: the CSV importer gives a new unallocated case the
    import's only authority, so that worker makes it ``authority``.
    """
    worker_ids = sorted(set(checked.worker_of.values()) | {state.workers_in(authority)[0]})
    rows = _CensusRows(workers=[state.workers[worker_id] for worker_id in worker_ids])
    for child in checked.valid:
        assert child.la_child_id is not None  # a child without one is invalid
        child_id = census_child_id(authority, child.la_child_id)
        name = state.names.get(child_id, _StoredName(child.la_child_id, CENSUS_LAST_NAME))
        rows.children.append(
            _ChildRow(
                child_id=child_id,
                first_name=name.first_name,
                last_name=name.last_name,
                birth_date=child.birth_date,
                disabled=child.disabled,
            )
        )
        for episode in child.episodes:
            case_id = census_case_id(authority, child.la_child_id, episode.referral)
            stored = state.cases.get(case_id, _StoredCase(worker_id=None, category=DEFAULT_CATEGORY))
            worker_id = checked.worker_of.get(child.la_child_id, stored.worker_id)
            rows.cases.append(
                _CaseRow(
                    case_id=case_id,
                    child_id=child_id,
                    worker_id=worker_id,
                    category=stored.category,
                    referral_date=episode.referral,
                )
            )
            rows.open_cases += episode.closure is None
            rows.unallocated += worker_id is None
            rows.events.extend(_EventRow(case_id=case_id, event=e.event, date=e.date) for e in episode.events)
    return rows


def _write(store: Store, rows: _CensusRows, dry_run: bool, via: Optional[Any]) -> Optional[ImportReport]:
    """Hand the rows to the CSV importer in memory: its checks, its one transaction and its audit row.

    None when no child is valid: there is nothing to write.
    """
    if not rows.children:
        return None
    try:
        return import_rows(store, rows.by_file(), dry_run=dry_run, source=SOURCE_CENSUS, via=via)
    except CsvImportError as exc:  # the store changed under us, or a bug: nothing was written
        raise CensusImportError(
            [CensusProblem("case store", f"{p.file}:{p.line}", p.reason) for p in exc.problems]
        ) from exc


# --- the import ------------------------------------------------------------------------------


def import_cin_census(
    store: Store,
    xml_path: Path,
    allocations: Optional[Path],
    authority: str,
    *,
    allow_partial: bool = False,
    dry_run: bool = False,
    via: Optional[Any] = None,
    authority_check: AuthorityCheck = AuthorityCheck.OFF,
) -> CensusReport:
    """Import a CIN census XML file for ``authority`` (one case per CINdetails episode).

    ``allocations`` is an optional CSV ``LAchildID,worker_id`` naming the
    worker who holds each child; every worker must be one of ``authority``'s
    in the store. Cases of children it does not name are unallocated in
    ``authority`` (its managers see them); a case already in the store keeps
    its worker and category unless the allocations file names a worker.

    All or nothing by default: any invalid child raises
    :class:`CensusImportError` listing every problem (child, element path,
    reason) and the store is unchanged. With ``allow_partial`` the valid
    children are imported and the rest reported in the returned
    :class:`CensusReport`. Importing the same file again changes nothing.
    ``dry_run`` checks and counts without writing. ``via``: audited as in
    :func:`assistant.casestore.exchange.csv_import.import_csv`.

    ``authority_check`` holds the file's LEA code against ``authority``'s in
    :data:`LEA_CODES`: ``REFUSE`` refuses a file that does not match (even with
    ``allow_partial``; its problem comes first, with every child's), ``FORCE``
    imports it and the report says so, ``OFF`` (the default) does not compare.
    """
    authority = _usable_authority(authority)
    root, reference_date = _parse_message(Path(xml_path))
    lea = _check_lea(root, authority, authority_check)
    state = _StoreState.load(store, authority)
    fatal: List[CensusProblem] = []
    if not state.workers_in(authority):
        fatal.append(
            CensusProblem(
                "file",
                "authority",
                f"the case store has no workers in {authority!r}: import its workers.csv first "
                f"(the census's unallocated cases go to that authority's managers)",
            )
        )
    allocated = _read_allocations(Path(allocations), fatal) if allocations is not None else {}
    if fatal:
        raise _refusal(lea, fatal)
    checked = _check_children(
        root, reference_date, authority, state, allocated, Path(allocations).name if allocations is not None else ""
    )
    if lea.refused or (checked.invalid and not allow_partial):
        raise _refusal(lea, checked.problems)
    rows = _census_rows(checked, state, authority)
    return _report(authority, reference_date, checked, rows, _write(store, rows, dry_run, via), dry_run, lea)


def _usable_authority(authority: str) -> str:
    """The authority key trimmed, or a refusal: it becomes part of every id the import writes."""
    authority = (authority or "").strip()
    if not authority or len(authority) > ID_LENGTH or _CONTROL.search(authority):
        raise CensusImportError([CensusProblem("file", "authority", f"not a usable authority code: {authority!r}")])
    return authority


def _report(
    authority: str,
    reference_date: dt.date,
    checked: _Checked,
    rows: _CensusRows,
    store_report: Optional[ImportReport],
    dry_run: bool,
    lea: LeaMatch,
) -> CensusReport:
    """The census's report: the store's counts, and which children were imported or rejected and why."""
    files = store_report.files if store_report is not None else {}
    return CensusReport(
        authority=authority,
        reference_date=reference_date,
        children_in_file=len(checked.children),
        imported=tuple(child.la_child_id for child in checked.valid if child.la_child_id),
        rejected=tuple(child.label for child in checked.invalid),
        problems=tuple(checked.problems),
        warnings=tuple(checked.warnings),
        children=files.get(CHILDREN, Counts()),
        cases=files.get(CASES, Counts()),
        events=files.get(EVENTS_FILE, Counts()),
        open_cases=rows.open_cases,
        unallocated_cases=rows.unallocated,
        dry_run=dry_run,
        store_report=store_report,
        lea=lea,
    )


__all__ = [
    "LEA_CODES",
    "AuthorityCheck",
    "CensusImportError",
    "CensusProblem",
    "CensusReport",
    "LeaMatch",
    "census_case_id",
    "census_child_id",
    "import_cin_census",
    "parse_census_date",
]

"""One census ``Child``, read and checked: its identity, dates, disabilities and CIN episodes, each
episode's events, and every problem (the child is then invalid) or warning (reported, never blocking)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from assistant.casestore.exchange.census_report import CensusProblem
from assistant.casestore.exchange.census_xml import (
    children_named,
    first_named,
    is_date_element,
    local_name,
    parse_census_date,
    segment,
    text_of,
    walk,
)
from assistant.casestore.exchange.csv_import import ID_LENGTH
from assistant.domain.codes import CASE_CLOSED

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

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# --- ids ------------------------------------------------------------------------------


def census_child_id(authority: str, la_child_id: str) -> str:
    """The store's child_id for a census child: ``<authority>:<LAchildID>``."""
    return f"{authority}:{la_child_id}"


def census_case_id(authority: str, la_child_id: str, referral_date: dt.date) -> str:
    """The store's case_id for one CIN episode: ``<authority>:<LAchildID>:<CINreferralDate>``."""
    return f"{authority}:{la_child_id}:{referral_date.isoformat()}"


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
class CensusChild:
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


class ChildReader:
    """Reads and checks one ``Child`` element against the collection's reference date."""

    def __init__(self, reference_date: dt.date, authority: str) -> None:
        self.reference_date = reference_date
        self.authority = authority
        self.dates: Dict[int, dt.date] = {}  # id(element) -> its checked date, for the child being read

    def read(self, element: ET.Element, position: int, path: str) -> CensusChild:
        """The child with every problem and warning found: identity, dates, disabilities, each episode."""
        child = CensusChild(position, path)
        identifiers = first_named(element, "ChildIdentifiers")
        ids_path = f"{path}/ChildIdentifiers"
        if identifiers is None:
            child.problem(ids_path, "no ChildIdentifiers, so no LAchildID")
        else:
            self._identifiers(child, identifiers, ids_path)
        self.dates = self._checked_dates(child, element, path)
        if identifiers is not None:
            self._life_dates(child, identifiers, ids_path)
        self._disabilities(child, first_named(element, "ChildCharacteristics"), f"{path}/ChildCharacteristics")
        death = self._date(identifiers, "PersonDeathDate") if identifiers is not None else None
        self._episodes(child, element, path, death)
        return child

    # -- parts ---------------------------------------------------------------------

    def _checked_dates(self, child: CensusChild, element: ET.Element, path: str) -> Dict[int, dt.date]:
        """Every date in the child's record (by element) that is a real date, not after the reference date.

        Whether or not it becomes an event: a wrong date is a sign of a wrong record.
        """
        dates: Dict[int, dt.date] = {}
        for node, node_path in walk(element, path):
            if not is_date_element(node):
                continue
            raw = text_of(node)
            if not raw:
                continue  # an empty element reads as absent
            try:
                value = parse_census_date(raw)
            except ValueError as exc:
                child.problem(node_path, f"{local_name(node.tag)} {exc}")
                continue
            if value > self.reference_date and local_name(node.tag) not in FUTURE_ALLOWED:
                child.problem(
                    node_path,
                    f"{local_name(node.tag)} {value.isoformat()} is after the collection's reference date "
                    f"{self.reference_date.isoformat()}",
                )
                continue
            dates[id(node)] = value
        return dates

    def _episodes(self, child: CensusChild, element: ET.Element, path: str, death: Optional[dt.date]) -> None:
        """Each CINdetails as an episode: two sharing a referral date would be one case, two open ones a muddle."""
        details = children_named(element, "CINdetails")
        if not details:
            child.problem(f"{path}/CINdetails", "no CINdetails: every census child has at least one CIN episode")
        open_episode: Optional[str] = None
        referrals: Dict[dt.date, str] = {}
        for element_details in details:
            episode_path = f"{path}/{segment(element, element_details)}"
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
        element = first_named(parent, name)
        return None if element is None else self.dates.get(id(element))

    def _identifiers(self, child: CensusChild, identifiers: ET.Element, path: str) -> None:
        found = children_named(identifiers, "LAchildID")
        value = text_of(found[0]) if found else ""
        if not found:
            child.problem(f"{path}/LAchildID", "no LAchildID")
        elif len(found) > 1:
            child.problem(f"{path}/LAchildID", "more than one LAchildID")
        elif not value:
            child.problem(f"{path}/LAchildID", "LAchildID is empty")
        elif CONTROL.search(value):
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

    def _gender(self, child: CensusChild, identifiers: ET.Element, path: str) -> None:
        """GenderCurrent (older returns) and Sex (2024-25 on): either, checked, never stored."""
        seen: Dict[str, str] = {}
        for name, own, other in (
            ("GenderCurrent", GENDER_CURRENT_CODES, SEX_CODES),
            ("Sex", SEX_CODES, GENDER_CURRENT_CODES),
        ):
            element = first_named(identifiers, name)
            if element is None:
                continue
            code = text_of(element).upper()
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
        if not seen and first_named(identifiers, "GenderCurrent") is None and first_named(identifiers, "Sex") is None:
            child.warn(path, "neither GenderCurrent nor Sex is given (gender is not stored)")
        if len(seen) == 2 and len(set(seen.values())) == 2 and "not recorded" not in seen.values():
            child.warn(path, f"GenderCurrent says {seen['GenderCurrent']} but Sex says {seen['Sex']} (not stored)")

    def _life_dates(self, child: CensusChild, identifiers: ET.Element, path: str) -> None:
        child.birth_date = self._date(identifiers, "PersonBirthDate")
        death = self._date(identifiers, "PersonDeathDate")
        if death is not None and child.birth_date is not None and death < child.birth_date:
            child.problem(
                f"{path}/PersonDeathDate",
                f"PersonDeathDate {death.isoformat()} is before PersonBirthDate {child.birth_date.isoformat()}",
            )

    def _disabilities(self, child: CensusChild, characteristics: Optional[ET.Element], path: str) -> None:
        block = first_named(characteristics, "Disabilities")
        if block is None:
            return  # no Disabilities block: no disability recorded
        block_path = f"{path}/Disabilities"
        codes: List[str] = []
        for element in children_named(block, "Disability"):
            code = text_of(element).upper()
            element_path = f"{block_path}/{segment(block, element)}"
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
        self, child: CensusChild, details: ET.Element, path: str, death: Optional[dt.date]
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
        self, child: CensusChild, details: ET.Element, path: str, death: Optional[dt.date]
    ) -> Tuple[Optional[dt.date], Optional[dt.date]]:
        """The episode's referral and closure dates, checked against each other and the child's death."""
        referral_elements = children_named(details, "CINreferralDate")
        referral = self._date(details, "CINreferralDate")
        if not referral_elements or not text_of(referral_elements[0]):
            child.problem(f"{path}/CINreferralDate", "CINdetails has no CINreferralDate")
        elif len(referral_elements) > 1:
            child.problem(f"{path}/CINreferralDate", "more than one CINreferralDate in one CINdetails")
        if len(children_named(details, "CINclosureDate")) > 1:
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
        if death is not None and closure is None and text_of(first_named(details, "CINclosureDate")) == "":
            child.problem(
                path, f"the child died on {death.isoformat()} (PersonDeathDate) but this episode has no CINclosureDate"
            )
        return referral, closure

    def _assessment_event(self, child: CensusChild, details: ET.Element, path: str) -> List[_Dated]:
        """The latest authorisation completes the assessment; one without an authorisation is still in progress."""
        latest: Optional[_Dated] = None
        for block in children_named(details, "Assessments"):
            block_path = f"{path}/{segment(details, block)}"
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

    def _plan_events(self, child: CensusChild, details: ET.Element, path: str) -> List[_Dated]:
        """Each CIN plan starts with an initial CIN meeting; its end has no event and is only checked."""
        events: List[_Dated] = []
        for block in children_named(details, "CINPlanDates"):
            block_path = f"{path}/{segment(details, block)}"
            start_element = first_named(block, "CINPlanStartDate")
            start = self._date(block, "CINPlanStartDate")
            end = self._date(block, "CINPlanEndDate")
            if start_element is None or not text_of(start_element):
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

    def _cp_plan_events(self, child: CensusChild, details: ET.Element, path: str) -> Tuple[List[_Dated], bool]:
        """Each child protection plan that ended is a step-down into CIN; also whether one is still running."""
        events: List[_Dated] = []
        open_plan = False
        for block in children_named(details, "ChildProtectionPlans"):
            block_path = f"{path}/{segment(details, block)}"
            start = self._date(block, "CPPstartDate")
            end = self._date(block, "CPPendDate")
            if end is None:
                if text_of(first_named(block, "CPPendDate")) == "" and first_named(block, "CPPstartDate") is not None:
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
        self, child: CensusChild, events: List[_Dated], referral: dt.date, closure: Optional[dt.date]
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
        self, child: CensusChild, details: ET.Element, path: str, closure: Optional[dt.date], open_plan: bool
    ) -> None:
        need = first_named(details, "PrimaryNeedCode")
        if need is not None and text_of(need).upper() not in PRIMARY_NEED_CODES:
            child.warn(f"{path}/PrimaryNeedCode", f"unknown PrimaryNeedCode {text_of(need)!r} (not stored)")
        reason = first_named(details, "ReasonForClosure")
        if reason is not None and text_of(reason) and text_of(reason).upper() not in CLOSURE_REASONS:
            child.warn(f"{path}/ReasonForClosure", f"unknown ReasonForClosure {text_of(reason)!r} (not stored)")
        if closure is None:
            if open_plan:
                child.warn(
                    path,
                    "the child is on a child protection plan (a CPPstartDate with no CPPendDate): "
                    "the case is imported as an open CIN case; CIN timescales start when the plan ends",
                )
            nfa = first_named(details, "ReferralNFA")
            if nfa is not None and text_of(nfa).lower() in YES_NO_TRUE:
                child.warn(f"{path}/ReferralNFA", "ReferralNFA is true but the episode has no CINclosureDate")

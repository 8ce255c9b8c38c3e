"""Synthetic demo caseloads: the four exchange files, made up from a seed.

``generate_demo(seed, today=...)`` builds workers, children, cases and
histories for the authorities that have rules (practice_matters, kent,
medway, camden); ``write_demo_csv(data, folder)`` writes them with the case
store's own :func:`write_csv_file`, ready for :func:`import_csv`.

Everything is invented. Names are drawn from the built-in lists below
(first names in common use, surnames made up from syllables), so no child or
worker describes a real person. The same seed and ``today`` always give the
same bytes: one :class:`random.Random` drives everything, in a fixed order.

What the histories look like (relative to ``today``):

* each case-holding worker (social_worker, asye, senior_practitioner) holds
  15-25 open cases, plus some closed ones; every case has a worker (the CSV
  importer refuses new unallocated cases that span several authorities);
* an open case has a referral, a first home visit, an assessment (recent
  ones still in progress, a few overdue), an initial CIN meeting, the plan
  circulated, visits (the child seen, mostly alone), CIN reviews each followed
  by a circulated plan, case supervision and case summaries;
* most work happens on time; a share of cases has drifted (the last visit,
  review or supervision is older than the authority expects), so there are
  overdue items to find;
* Medway has disabled children in its three levels (``disability_review``,
  ``disability``, ``disability_welfare``), Practice Matters some
  ``disability_low_risk`` cases; Camden has step-downs into CIN
  (``cp_plan_ended``, ``discharged_from_care``, ``proceedings_concluded``),
  the other authorities a few from child protection;
* some children have a closed earlier episode, and some cases are closed
  (after assessment, or after months of CIN).

The cadences below are how often the invented workers tend to act, so the
histories look plausible next to each authority's guidance. They are not the
rules: due dates come only from ``knowledge/policies``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from assistant.casestore.exchange.csv_format import (
    CASES,
    CHILDREN,
    EVENTS_FILE,
    WORKERS,
    write_csv_file,
)
from assistant.domain.phrasing import authority_name

DEFAULT_AUTHORITIES: Tuple[str, ...] = ("practice_matters", "kent", "medway", "camden")
CASELOAD = (15, 25)  # open cases per case-holding worker
CASE_HOLDING_ROLES: Tuple[str, ...] = ("social_worker", "asye", "senior_practitioner")
TARGET_CASELOAD = 20
OPEN_SHARE = 0.82  # with ``children``: the share of children whose current case is open
CLOSED_SHARE = 0.2  # without ``children``: closed-only children per open case
EARLIER_EPISODE_SHARE = 0.08  # open cases whose child also has a closed earlier episode


FIRST_NAMES: Tuple[str, ...] = (
    "Aaliyah",
    "Aarav",
    "Abdul",
    "Ada",
    "Adam",
    "Aisha",
    "Alfie",
    "Amara",
    "Amelia",
    "Amir",
    "Ana",
    "Archie",
    "Arlo",
    "Ava",
    "Ayaan",
    "Bella",
    "Ben",
    "Bilal",
    "Caleb",
    "Chloe",
    "Cora",
    "Daisy",
    "Dev",
    "Eden",
    "Edie",
    "Elijah",
    "Ella",
    "Elsie",
    "Emeka",
    "Emily",
    "Erin",
    "Esme",
    "Ethan",
    "Evie",
    "Ezra",
    "Fatima",
    "Felix",
    "Finley",
    "Florence",
    "Freya",
    "George",
    "Grace",
    "Hana",
    "Harper",
    "Harry",
    "Hassan",
    "Hugo",
    "Ibrahim",
    "Imogen",
    "Isaac",
    "Isla",
    "Ivy",
    "Jack",
    "Jacob",
    "Jaden",
    "Jasmine",
    "Jude",
    "Kai",
    "Kayla",
    "Kofi",
    "Layla",
    "Leo",
    "Lily",
    "Logan",
    "Lola",
    "Luca",
    "Lucy",
    "Maisie",
    "Maryam",
    "Mason",
    "Maya",
    "Mia",
    "Milo",
    "Mohammed",
    "Muhammad",
    "Nadia",
    "Noah",
    "Nora",
    "Oliver",
    "Olivia",
    "Omar",
    "Oscar",
    "Phoebe",
    "Priya",
    "Reggie",
    "Riley",
    "Rosie",
    "Ruby",
    "Sami",
    "Sara",
    "Sienna",
    "Sofia",
    "Sonny",
    "Theo",
    "Thomas",
    "Tobi",
    "Willow",
    "Yusuf",
    "Zac",
    "Zainab",
    "Zara",
    "Zofia",
)
_SURNAME_HEADS: Tuple[str, ...] = (
    "Alder",
    "Amber",
    "Ash",
    "Birch",
    "Bram",
    "Brack",
    "Calder",
    "Cress",
    "Dell",
    "Dun",
    "Elm",
    "Fallow",
    "Fen",
    "Gorse",
    "Hazel",
    "Heath",
    "Holm",
    "Ken",
    "Lark",
    "Lind",
    "Mar",
    "Mossel",
    "Nettle",
    "Oak",
    "Orrin",
    "Pell",
    "Quill",
    "Rowan",
    "Rush",
    "Sedge",
    "Sorrel",
    "Stan",
    "Thistle",
    "Tarn",
    "Umber",
    "Vale",
    "Wend",
    "Willow",
    "Wren",
    "Yarrow",
)
_SURNAME_TAILS: Tuple[str, ...] = (
    "acre",
    "bridge",
    "brook",
    "by",
    "combe",
    "croft",
    "dale",
    "field",
    "ford",
    "gate",
    "hurst",
    "more",
    "shaw",
    "stead",
    "thorpe",
    "wick",
    "wold",
    "worth",
)
LAST_NAMES: Tuple[str, ...] = tuple(head + tail for head in _SURNAME_HEADS for tail in _SURNAME_TAILS)

# How often the invented workers tend to act, in days (see the module docstring: not the rules).
_VISIT_EVERY: Dict[Tuple[str, str], int] = {
    ("practice_matters", "*"): 42,
    ("practice_matters", "disability_low_risk"): 42,
    ("medway", "*"): 21,
    ("medway", "disability_review"): 365,
    ("medway", "disability"): 84,
    ("medway", "disability_welfare"): 21,
    ("kent", "*"): 28,
    ("camden", "*"): 28,
    ("*", "*"): 28,
}
_REVIEW_EVERY: Dict[Tuple[str, str], Tuple[int, int]] = {  # (first review, later reviews)
    ("practice_matters", "*"): (42, 42),
    ("practice_matters", "disability_low_risk"): (91, 91),
    ("kent", "*"): (91, 182),
    ("medway", "*"): (84, 84),
    ("medway", "disability_review"): (365, 365),
    ("medway", "disability"): (182, 182),
    ("medway", "disability_welfare"): (84, 84),
    ("camden", "*"): (91, 91),
    ("*", "*"): (91, 91),
}
_FIRST_REVIEW_AFTER_STEP_DOWN: Dict[str, int] = {  # Camden's routes; others keep their usual first review
    "cp_plan_ended": 91,
    "discharged_from_care": 28,
    "proceedings_concluded": 28,
}
_SUPERVISION_EVERY = 45
_SUMMARY_EVERY: Dict[str, int] = {"camden": 90, "*": 120}
_STEP_DOWN_SHARE: Dict[str, float] = {"camden": 0.35, "*": 0.06}
_LATE_STEP = 0.07  # one interval in this many is done late (but done)
_DRIFT = 0.1  # open cases whose visits have drifted past the usual interval


@dataclass(frozen=True)
class DemoData:
    """The four files' rows, each a tuple in :data:`COLUMNS` order (dates as ``date``, flags as bool)."""

    seed: int
    today: dt.date
    workers: Tuple[tuple, ...]
    children: Tuple[tuple, ...]
    cases: Tuple[tuple, ...]
    events: Tuple[tuple, ...]

    def rows(self, name: str) -> Tuple[tuple, ...]:
        """The rows of one exchange file by its name (``workers.csv`` ...)."""
        return {WORKERS: self.workers, CHILDREN: self.children, CASES: self.cases, EVENTS_FILE: self.events}[name]

    def counts(self) -> Dict[str, int]:
        return {name: len(self.rows(name)) for name in (WORKERS, CHILDREN, CASES, EVENTS_FILE)}


@dataclass
class _Holder:
    worker_id: str
    authority: str
    team_index: int  # within the authority
    disability_team: bool
    quota: int = 0


def _lookup(table: Dict, authority: str, category: str):
    for key in ((authority, category), (authority, "*"), ("*", "*")):
        if key in table:
            return table[key]
    raise KeyError((authority, category))


def _holder_counts(
    authorities: Sequence[str],
    teams_per_authority: int,
    workers_per_team: int,
    open_cases: Optional[int],
) -> List[int]:
    """Case holders per authority: the given structure, or as many as ``open_cases`` need."""
    if open_cases is None:
        return [teams_per_authority * workers_per_team] * len(authorities)
    holders = max(len(authorities), math.ceil(open_cases / CASELOAD[1]), round(open_cases / TARGET_CASELOAD))
    if open_cases >= CASELOAD[0] * len(authorities):
        holders = min(holders, open_cases // CASELOAD[0])
    base, extra = divmod(holders, len(authorities))
    return [base + (1 if index < extra else 0) for index in range(len(authorities))]


def _quotas(rng: random.Random, holders: List[_Holder], open_cases: Optional[int]) -> None:
    """Give each holder an open caseload: 15-25 each, summing to ``open_cases`` when it is given."""
    low, high = CASELOAD
    if open_cases is None:
        for holder in holders:
            holder.quota = rng.randint(low, high)
        return
    base, extra = divmod(open_cases, len(holders))
    for index, holder in enumerate(holders):
        holder.quota = base + (1 if index < extra else 0)
    if base < low or base >= high:
        return  # too few (or too many) children for the range: keep them even
    for holder in holders:  # spread the loads out while keeping the sum and the range
        other = holders[rng.randrange(len(holders))]
        move = rng.randint(0, 5)
        move = min(move, holder.quota - low, high - other.quota)
        if move > 0 and other is not holder:
            holder.quota -= move
            other.quota += move


def _person(rng: random.Random) -> Tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


class _Generator:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.children: List[tuple] = []
        self.cases: List[tuple] = []
        self.events: List[tuple] = []

    # -- ids ---------------------------------------------------------------------

    def new_child(self, referral: dt.date, disabled: bool) -> Tuple[str, dt.date]:
        rng = self.rng
        child_id = f"ch{len(self.children) + 1:06d}"
        oldest = max(self.today - dt.timedelta(days=17 * 365 + 200), referral - dt.timedelta(days=17 * 365))
        newest = referral - dt.timedelta(days=14)
        span = max(0, (newest - oldest).days)
        birth = oldest + dt.timedelta(days=rng.randint(0, span)) if span else newest
        first, last = _person(rng)
        self.children.append((child_id, first, last, birth, disabled))
        return child_id, birth

    def new_case(self, child_id: str, worker_id: str, category: str, referral: dt.date) -> str:
        case_id = f"cs{len(self.cases) + 1:06d}"
        self.cases.append((case_id, child_id, worker_id, category, referral))
        return case_id

    # -- histories -----------------------------------------------------------------

    def _step(self, every: int) -> int:
        """Days to the next occurrence of something done about every ``every`` days."""
        rng = self.rng
        if rng.random() < _LATE_STEP:
            return max(1, int(every * rng.uniform(1.05, 1.5)))
        return max(1, int(every * rng.uniform(0.55, 0.97)))

    def _series(self, start: dt.date, every: int, until: dt.date, first_every: Optional[int] = None) -> List[dt.date]:
        dates: List[dt.date] = []
        when = start + dt.timedelta(days=self._step(first_every or every))
        while when <= until:
            dates.append(when)
            when += dt.timedelta(days=self._step(every))
        return dates

    def history(
        self,
        case_id: str,
        authority: str,
        category: str,
        referral: dt.date,
        birth: dt.date,
        closed_on: Optional[dt.date],
        step_down: Optional[str],
        drift: bool,
    ) -> None:
        """Events from the referral to ``closed_on`` (a closed case) or to today."""
        rng = self.rng
        end = closed_on or self.today
        out: List[tuple] = []
        young = (end - birth).days < 4 * 365

        def event(code: str, when: dt.date) -> None:
            if when <= end:
                out.append((case_id, code, when, None, None, ""))

        def visit(when: dt.date) -> None:
            if when > end:
                return
            seen = rng.random() < 0.93
            alone = seen and not young and rng.random() < 0.72
            note = "" if seen else "child not at home"
            out.append((case_id, "visit", when, seen, alone, note))

        # Referral, first home visit, assessment.
        first_visit = referral + dt.timedelta(days=rng.randint(1, 6) if rng.random() > 0.06 else rng.randint(8, 16))
        visit(first_visit)
        delay = rng.randint(18, 58) if rng.random() > 0.05 else rng.randint(70, 110)
        assessed = referral + dt.timedelta(days=delay)
        visits_until = end
        if assessed > end:  # still in progress: visits during the assessment only
            for when in self._series(first_visit, 14, end):
                visit(when)
            self._finish(case_id, out, closed_on)
            return
        event("assessment_completed", assessed)
        for when in self._series(first_visit, 14, assessed - dt.timedelta(days=1)):
            visit(when)
        if closed_on is not None and rng.random() < 0.35:  # closed after assessment, no further action
            closed = min(end, assessed + dt.timedelta(days=rng.randint(0, 10)))
            self._finish(case_id, out, closed)
            return

        # Into CIN: an initial meeting after the assessment, or a step-down later on.
        if step_down is not None:
            stepped = assessed + dt.timedelta(days=rng.randint(60, 300))
            if stepped > end:
                stepped = assessed + dt.timedelta(days=max(1, (end - assessed).days // 2))
            event(step_down, stepped)
            event("initial_cin_meeting", stepped)  # the CIN plan agreed as the child steps down
            for when in self._series(assessed, 12, stepped - dt.timedelta(days=1)):
                visit(when)  # child protection / care visits before the step-down
            start = stepped
        else:
            meeting_delay = rng.randint(5, 13) if rng.random() > 0.08 else rng.randint(16, 30)
            start = assessed + dt.timedelta(days=meeting_delay)
            event("initial_cin_meeting", start)
        if start > end:
            self._finish(case_id, out, closed_on)
            return

        meetings = [start]
        first_review, later_reviews = _lookup(_REVIEW_EVERY, authority, category)
        if step_down is not None and authority == "camden":
            first_review = _FIRST_REVIEW_AFTER_STEP_DOWN[step_down]
        review_until = end
        if closed_on is None and rng.random() < 0.08:  # a review has slipped
            review_until = end - dt.timedelta(days=int(later_reviews * rng.uniform(0.5, 1.5)))
        for when in self._series(start, later_reviews, review_until, first_every=first_review):
            event("cin_review", when)
            meetings.append(when)
        for index, meeting in enumerate(meetings):
            latest = index == len(meetings) - 1
            if latest and closed_on is None and rng.random() < 0.03:
                continue  # the latest plan forgotten (a circulation due after today is simply not there yet)
            days = rng.randint(1, 3) if rng.random() > 0.1 else rng.randint(5, 14)
            event("plan_circulated", meeting + dt.timedelta(days=days))

        every = _lookup(_VISIT_EVERY, authority, category)
        if drift and closed_on is None:
            visits_until = end - dt.timedelta(days=int(every * rng.uniform(1.15, 2.5)))
        for when in self._series(start, every, visits_until):
            visit(when)

        supervision_until = end
        if closed_on is None and rng.random() < 0.1:
            supervision_until = end - dt.timedelta(days=int(_SUPERVISION_EVERY * rng.uniform(1.3, 2.5)))
        for when in self._series(start, _SUPERVISION_EVERY, supervision_until):
            event("supervision", when)
        summary_every = _SUMMARY_EVERY.get(authority, _SUMMARY_EVERY["*"])
        for when in self._series(start, summary_every, end):
            event("case_summary", when)
        self._finish(case_id, out, closed_on)

    def _finish(self, case_id: str, out: List[tuple], closed_on: Optional[dt.date]) -> None:
        if closed_on is not None:
            out = [row for row in out if row[2] <= closed_on]
            out.append((case_id, "case_closed", closed_on, None, None, ""))
        out.sort(key=lambda row: (row[2], row[1]))
        seen = set()
        for row in out:  # an event's identity is unique in events.csv
            if row not in seen:
                seen.add(row)
                self.events.append(row)


def _category(rng: random.Random, authority: str, holder: _Holder) -> str:
    if authority == "medway" and holder.disability_team:
        return rng.choice(("disability_review", "disability", "disability", "disability_welfare"))
    if authority == "practice_matters" and rng.random() < 0.12:
        return "disability_low_risk"
    return "standard"


def generate_demo(
    seed: int,
    *,
    authorities: Sequence[str] = DEFAULT_AUTHORITIES,
    teams_per_authority: int = 2,
    workers_per_team: int = 5,
    today: dt.date,
    children: Optional[int] = None,
) -> DemoData:
    """A synthetic caseload for ``authorities``, the same for the same arguments.

    Without ``children``: ``teams_per_authority`` teams each with
    ``workers_per_team`` case holders, each holding 15-25 open cases, plus
    closed cases. With ``children``: exactly that many children, and as many
    teams of ``workers_per_team`` case holders per authority as keep every
    holder at 15-25 open cases (fewer if there are too few children for one
    holder per authority). Each team also has a team manager, a practice
    manager, a practice supervisor and a community care worker.
    """
    if not authorities:
        raise ValueError("at least one authority is needed")
    if len(set(authorities)) != len(authorities):
        raise ValueError("authorities must be distinct")
    if teams_per_authority < 1 or workers_per_team < 1:
        raise ValueError("teams_per_authority and workers_per_team must be at least 1")
    if children is not None and children < 1:
        raise ValueError("children must be at least 1")
    rng = random.Random(seed)

    open_target = None if children is None else max(1, round(children * OPEN_SHARE))
    per_authority = _holder_counts(authorities, teams_per_authority, workers_per_team, open_target)

    # Workers: per team a manager, a practice manager, a supervisor, the case holders and a care worker.
    workers: List[tuple] = []
    holders: List[_Holder] = []
    for authority, holder_count in zip(authorities, per_authority):
        display = authority_name(authority)
        teams = max(1, math.ceil(holder_count / workers_per_team))
        number = 0
        for team_index in range(teams):
            disability_team = authority == "medway" and (teams == 1 or team_index % 3 == 1)
            team_id = f"{authority}-t{team_index + 1:02d}"
            kind = "0-25 Disability Service" if disability_team and teams > 1 else "Children in Need Team"
            team_name = f"{display} {kind} {team_index + 1}"

            team = (team_id, team_name, authority)

            def add(role: str, manager: Optional[str], team: Tuple[str, str, str] = team) -> str:
                """One worker of this team (``team``: its id, name and authority, bound now)."""
                nonlocal number
                number += 1
                worker_id = f"{team[2]}-w{number:04d}"
                first, last = _person(rng)
                workers.append((worker_id, f"{first} {last}", role, *team, manager))
                return worker_id

            manager = add("team_manager", None)
            practice = add("practice_manager", manager)
            supervisor = add("practice_supervisor", practice)
            in_team = min(workers_per_team, holder_count - team_index * workers_per_team)
            for index in range(in_team):
                role = "senior_practitioner" if index == 0 else "asye" if index == 2 else "social_worker"
                reports_to = supervisor if role == "asye" or index % 2 else practice
                disability_holder = disability_team and (teams > 1 or index % 3 == 0)
                holders.append(_Holder(add(role, reports_to), authority, team_index, disability_holder))
            add("community_care_worker", practice)

    _quotas(rng, holders, open_target)
    generator = _Generator(rng, today)
    by_authority: Dict[str, List[_Holder]] = {}
    for holder in holders:
        by_authority.setdefault(holder.authority, []).append(holder)

    def earlier_episode(child_id: str, birth: dt.date, holder: _Holder, referral: dt.date) -> None:
        latest_close = referral - dt.timedelta(days=rng.randint(30, 200))
        opened = latest_close - dt.timedelta(days=rng.randint(20, 400))
        if opened <= birth:
            return
        colleague = rng.choice(by_authority[holder.authority])
        case_id = generator.new_case(child_id, colleague.worker_id, "standard", opened)
        generator.history(case_id, holder.authority, "standard", opened, birth, latest_close, None, False)

    def open_case(holder: _Holder) -> None:
        authority = holder.authority
        category = _category(rng, authority, holder)
        roll = rng.random()
        if roll < 0.2:
            age = rng.randint(0, 60)
        elif roll < 0.75:
            age = rng.randint(60, 365)
        else:
            age = rng.randint(365, 900)
        referral = today - dt.timedelta(days=age)
        disabled = category != "standard" or rng.random() < 0.05
        child_id, birth = generator.new_child(referral, disabled)
        has_earlier = rng.random() < EARLIER_EPISODE_SHARE
        step_share = _STEP_DOWN_SHARE.get(authority, _STEP_DOWN_SHARE["*"])
        step_down = None
        if age > 90 and rng.random() < step_share:
            if authority == "camden":
                step_down = rng.choice(
                    ("cp_plan_ended", "cp_plan_ended", "discharged_from_care", "proceedings_concluded")
                )
            else:
                step_down = "cp_plan_ended"
        drift = rng.random() < _DRIFT
        if has_earlier:
            earlier_episode(child_id, birth, holder, referral)
        case_id = generator.new_case(child_id, holder.worker_id, category, referral)
        generator.history(case_id, authority, category, referral, birth, None, step_down, drift)

    def closed_case(holder: _Holder) -> None:
        authority = holder.authority
        category = _category(rng, authority, holder)
        closed_on = today - dt.timedelta(days=rng.randint(1, 400))
        referral = closed_on - dt.timedelta(days=rng.randint(20, 500))
        child_id, birth = generator.new_child(referral, category != "standard" or rng.random() < 0.05)
        step_down = "cp_plan_ended" if rng.random() < 0.05 else None
        case_id = generator.new_case(child_id, holder.worker_id, category, referral)
        generator.history(case_id, authority, category, referral, birth, closed_on, step_down, False)

    open_total = sum(holder.quota for holder in holders)
    closed_total = children - open_total if children is not None else round(open_total * CLOSED_SHARE)
    for holder in holders:
        for _ in range(holder.quota):
            open_case(holder)
    for _ in range(max(0, closed_total)):
        closed_case(holders[rng.randrange(len(holders))])

    return DemoData(
        seed=seed,
        today=today,
        workers=tuple(workers),
        children=tuple(generator.children),
        cases=tuple(generator.cases),
        events=tuple(generator.events),
    )


def write_demo_csv(data: DemoData, directory: Path) -> Dict[str, int]:
    """Write workers.csv, children.csv, cases.csv and events.csv into ``directory``; rows per file."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return {
        name: write_csv_file(directory / name, name, data.rows(name))
        for name in (WORKERS, CHILDREN, CASES, EVENTS_FILE)
    }

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

The names are in :mod:`demo_names`, each case's history in :mod:`demo_history`
(with the cadences: how often the invented workers tend to act, so the
histories look plausible next to each authority's guidance. They are not the
rules: due dates come only from ``knowledge/policies``).
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
from assistant.casestore.exchange.demo_history import Generator
from assistant.casestore.exchange.demo_names import FIRST_NAMES, LAST_NAMES, person
from assistant.domain.phrasing import authority_name

DEFAULT_AUTHORITIES: Tuple[str, ...] = ("practice_matters", "kent", "medway", "camden")
CASELOAD = (15, 25)  # open cases per case-holding worker
CASE_HOLDING_ROLES: Tuple[str, ...] = ("social_worker", "asye", "senior_practitioner")
TARGET_CASELOAD = 20
OPEN_SHARE = 0.82  # with ``children``: the share of children whose current case is open
CLOSED_SHARE = 0.2  # without ``children``: closed-only children per open case
EARLIER_EPISODE_SHARE = 0.08  # open cases whose child also has a closed earlier episode

_STEP_DOWN_SHARE: Dict[str, float] = {"camden": 0.35, "*": 0.06}
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
    workers, holders = _staff(rng, authorities, per_authority, workers_per_team)
    _quotas(rng, holders, open_target)
    caseload = _Caseload(rng, today, holders)
    open_total = sum(holder.quota for holder in holders)
    closed_total = children - open_total if children is not None else round(open_total * CLOSED_SHARE)
    for holder in holders:
        for _ in range(holder.quota):
            caseload.open_case(holder)
    for _ in range(max(0, closed_total)):
        caseload.closed_case(holders[rng.randrange(len(holders))])

    generator = caseload.generator
    return DemoData(
        seed=seed,
        today=today,
        workers=tuple(workers),
        children=tuple(generator.children),
        cases=tuple(generator.cases),
        events=tuple(generator.events),
    )


def _staff(
    rng: random.Random, authorities: Sequence[str], per_authority: List[int], workers_per_team: int
) -> Tuple[List[tuple], List[_Holder]]:
    """Workers (per team a manager, a practice manager, a supervisor, the case holders and a care worker),
    and the case holders among them."""
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
                first, last = person(rng)
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
    return workers, holders


class _Caseload:
    """The holders' cases: open ones (a few with a closed earlier episode) and closed ones."""

    def __init__(self, rng: random.Random, today: dt.date, holders: List[_Holder]) -> None:
        self.rng = rng
        self.today = today
        self.generator = Generator(rng, today)
        self.by_authority: Dict[str, List[_Holder]] = {}
        for holder in holders:
            self.by_authority.setdefault(holder.authority, []).append(holder)

    def earlier_episode(self, child_id: str, birth: dt.date, holder: _Holder, referral: dt.date) -> None:
        rng, generator = self.rng, self.generator
        latest_close = referral - dt.timedelta(days=rng.randint(30, 200))
        opened = latest_close - dt.timedelta(days=rng.randint(20, 400))
        if opened <= birth:
            return
        colleague = rng.choice(self.by_authority[holder.authority])
        case_id = generator.new_case(child_id, colleague.worker_id, "standard", opened)
        generator.history(case_id, holder.authority, "standard", opened, birth, latest_close, None, False)

    def open_case(self, holder: _Holder) -> None:
        rng, generator = self.rng, self.generator
        authority = holder.authority
        category = _category(rng, authority, holder)
        roll = rng.random()
        if roll < 0.2:
            age = rng.randint(0, 60)
        elif roll < 0.75:
            age = rng.randint(60, 365)
        else:
            age = rng.randint(365, 900)
        referral = self.today - dt.timedelta(days=age)
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
            self.earlier_episode(child_id, birth, holder, referral)
        case_id = generator.new_case(child_id, holder.worker_id, category, referral)
        generator.history(case_id, authority, category, referral, birth, None, step_down, drift)

    def closed_case(self, holder: _Holder) -> None:
        rng, generator = self.rng, self.generator
        authority = holder.authority
        category = _category(rng, authority, holder)
        closed_on = self.today - dt.timedelta(days=rng.randint(1, 400))
        referral = closed_on - dt.timedelta(days=rng.randint(20, 500))
        child_id, birth = generator.new_child(referral, category != "standard" or rng.random() < 0.05)
        step_down = "cp_plan_ended" if rng.random() < 0.05 else None
        case_id = generator.new_case(child_id, holder.worker_id, category, referral)
        generator.history(case_id, authority, category, referral, birth, closed_on, step_down, False)


def write_demo_csv(data: DemoData, directory: Path) -> Dict[str, int]:
    """Write workers.csv, children.csv, cases.csv and events.csv into ``directory``; rows per file."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return {
        name: write_csv_file(directory / name, name, data.rows(name))
        for name in (WORKERS, CHILDREN, CASES, EVENTS_FILE)
    }


__all__ = [
    "CASE_HOLDING_ROLES",
    "DEFAULT_AUTHORITIES",
    "FIRST_NAMES",
    "LAST_NAMES",
    "DemoData",
    "generate_demo",
    "write_demo_csv",
]

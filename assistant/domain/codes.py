"""The codes the case records use (spec §2 and §4): roles, categories, events, items.

One vocabulary for the exchange format, the case store, the rule files and the
due-date engine, so a role, category, event or item code is spelt once.
"""

from __future__ import annotations

from typing import Tuple

ROLES: Tuple[str, ...] = (
    "social_worker",
    "asye",
    "senior_practitioner",
    "practice_supervisor",
    "practice_manager",
    "team_manager",
    "community_care_worker",
)
#: Roles that see their whole team, whether or not anyone names them as manager.
MANAGER_ROLES: Tuple[str, ...] = ("practice_manager", "team_manager")

CATEGORIES: Tuple[str, ...] = (
    "standard",
    "disability_low_risk",
    "disability_review",
    "disability",
    "disability_welfare",
)

VISIT = "visit"
CASE_CLOSED = "case_closed"
#: Events by which a case enters CIN from a higher tier (spec §2, "CIN start").
STEP_DOWN_EVENTS: Tuple[str, ...] = ("cp_plan_ended", "discharged_from_care", "proceedings_concluded")
EVENTS: Tuple[str, ...] = (
    VISIT,
    "assessment_completed",
    "initial_cin_meeting",
    "cin_review",
    "plan_circulated",
    "supervision",
    "case_summary",
    *STEP_DOWN_EVENTS,
    CASE_CLOSED,
)

#: Where an event came from: an import, a worker telling the chat, a census load.
SOURCE_CSV = "csv"
SOURCE_CHAT = "chat"
SOURCE_CENSUS = "census"
SOURCES: Tuple[str, ...] = (SOURCE_CSV, SOURCE_CHAT, SOURCE_CENSUS)

#: What the engine computes due dates for (the rule files' ``item``).
ITEMS: Tuple[str, ...] = (
    "assessment",
    "first_home_visit",
    "initial_cin_meeting",
    "plan_circulation",
    "visit",
    "cin_review",
    "supervision",
    "case_summary",
    "oversight",
)

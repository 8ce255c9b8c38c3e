"""Spec §3, row by row: each authority's rule has the right item, duration and conditions."""

from __future__ import annotations

from typing import Optional

import pytest

from assistant.rules import load_policies


@pytest.fixture(scope="module")
def policies():
    return load_policies()


# (spec row, authority, item, category, route, occurrence, amount, unit, section starts with, anchor)
ROWS = [
    (
        "baseline: assessment 45 wd",
        "england",
        "assessment",
        "standard",
        None,
        None,
        45,
        "working_days",
        "Timescales",
        "referral",
    ),
    (
        "pm: initial CIN plan/meeting 10 wd",
        "practice_matters",
        "initial_cin_meeting",
        "standard",
        None,
        None,
        10,
        "working_days",
        'bullet "Where continued support',
        "assessment_completed",
    ),
    (
        "pm: reviews 6-weekly (first)",
        "practice_matters",
        "cin_review",
        "standard",
        None,
        "first",
        6,
        "weeks",
        'bullet "CIN Plans should be reviewed',
        "cin_start",
    ),
    (
        "pm: reviews 6-weekly (later)",
        "practice_matters",
        "cin_review",
        "standard",
        None,
        "subsequent",
        6,
        "weeks",
        'bullet "CIN Plans should be reviewed',
        "previous",
    ),
    (
        "pm: disability_low_risk reviews 3-monthly",
        "practice_matters",
        "cin_review",
        "disability_low_risk",
        None,
        "subsequent",
        3,
        "months",
        'bullet "CIN Plans should be reviewed',
        "previous",
    ),
    (
        "pm: visits every 6 weeks",
        "practice_matters",
        "visit",
        "standard",
        None,
        None,
        6,
        "weeks",
        'bullet "Whilst the case remains open',
        "previous",
    ),
    (
        "pm: supervision every two months",
        "practice_matters",
        "supervision",
        "standard",
        None,
        None,
        2,
        "months",
        'bullet "There should be regular case supervision',
        "previous",
    ),
    (
        "kent: plan circulated within 10 days",
        "kent",
        "plan_circulation",
        "standard",
        None,
        None,
        10,
        "days",
        "Child in Need (CIN)",
        "meeting",
    ),
    (
        "kent: first review 3 months",
        "kent",
        "cin_review",
        "standard",
        None,
        "first",
        3,
        "months",
        "CIN Review Meetings",
        "cin_start",
    ),
    (
        "kent: then 6-monthly",
        "kent",
        "cin_review",
        "standard",
        None,
        "subsequent",
        6,
        "months",
        "CIN Review Meetings",
        "previous",
    ),
    (
        "medway: initial meeting 10 wd",
        "medway",
        "initial_cin_meeting",
        "standard",
        None,
        None,
        10,
        "working_days",
        "6.2",
        "assessment_completed",
    ),
    (
        "medway: plan circulated 3 wd",
        "medway",
        "plan_circulation",
        "standard",
        None,
        None,
        3,
        "working_days",
        "6.2",
        "meeting",
    ),
    (
        "medway: first review 12 weeks",
        "medway",
        "cin_review",
        "standard",
        None,
        "first",
        12,
        "weeks",
        "9.2",
        "cin_start",
    ),
    (
        "medway: then every 12 weeks",
        "medway",
        "cin_review",
        "standard",
        None,
        "subsequent",
        12,
        "weeks",
        "9.2",
        "previous",
    ),
    ("medway: visits 15 wd", "medway", "visit", "standard", None, None, 15, "working_days", "10.1", "previous"),
    (
        "medway: disability_review visit yearly",
        "medway",
        "visit",
        "disability_review",
        None,
        None,
        12,
        "months",
        "12.1",
        "previous",
    ),
    (
        "medway: disability_review review yearly",
        "medway",
        "cin_review",
        "disability_review",
        None,
        "subsequent",
        12,
        "months",
        "12.1",
        "previous",
    ),
    (
        "medway: disability visits 12-weekly",
        "medway",
        "visit",
        "disability",
        None,
        None,
        12,
        "weeks",
        "12.1",
        "previous",
    ),
    (
        "medway: disability reviews 6-monthly",
        "medway",
        "cin_review",
        "disability",
        None,
        "subsequent",
        6,
        "months",
        "12.1",
        "previous",
    ),
    (
        "medway: welfare visits 3-weekly",
        "medway",
        "visit",
        "disability_welfare",
        None,
        None,
        3,
        "weeks",
        "12.1",
        "previous",
    ),
    (
        "medway: welfare reviews 12-weekly",
        "medway",
        "cin_review",
        "disability_welfare",
        None,
        "subsequent",
        12,
        "weeks",
        "12.1",
        "previous",
    ),
    (
        "camden: first home visit 7 days",
        "camden",
        "first_home_visit",
        "standard",
        None,
        None,
        7,
        "days",
        "2",
        "referral",
    ),
    (
        "camden: initial meeting 2 weeks",
        "camden",
        "initial_cin_meeting",
        "standard",
        None,
        None,
        2,
        "weeks",
        "5",
        "assessment_completed",
    ),
    (
        "camden: review within 3 months",
        "camden",
        "cin_review",
        "standard",
        None,
        "first",
        3,
        "months",
        "5",
        "cin_start",
    ),
    (
        "camden: then every 3 months",
        "camden",
        "cin_review",
        "standard",
        None,
        "subsequent",
        3,
        "months",
        "5",
        "previous",
    ),
    (
        "camden: CP step-down first review 3 months",
        "camden",
        "cin_review",
        "standard",
        "cp_plan_ended",
        "first",
        3,
        "months",
        "5",
        "cp_plan_ended",
    ),
    (
        "camden: care step-down first review 4 weeks",
        "camden",
        "cin_review",
        "standard",
        "discharged_from_care",
        "first",
        4,
        "weeks",
        "5",
        "discharged_from_care",
    ),
    (
        "camden: proceedings first review 4 weeks",
        "camden",
        "cin_review",
        "standard",
        "proceedings_concluded",
        "first",
        4,
        "weeks",
        "8",
        "proceedings_concluded",
    ),
    (
        "camden: review record 10 wd",
        "camden",
        "plan_circulation",
        "standard",
        None,
        None,
        10,
        "working_days",
        "6.5",
        "meeting",
    ),
    ("camden: case summary 90 days", "camden", "case_summary", "standard", None, None, 90, "days", "10", "previous"),
]


@pytest.mark.parametrize(
    "authority,item,category,route,occurrence,amount,unit,section,anchor",
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_spec_row_has_its_rule(
    policies,
    authority: str,
    item: str,
    category: str,
    route: Optional[str],
    occurrence: Optional[str],
    amount: int,
    unit: str,
    section: str,
    anchor: str,
):
    rule = policies[authority].rule_for(item, category, route, occurrence)
    assert rule is not None, f"{authority} has no {item} rule"
    assert (rule.duration.amount, rule.duration.unit) == (amount, unit)
    assert rule.citation.section.startswith(section)
    assert rule.anchor_for(occurrence) == anchor
    assert rule.rule and rule.citation.quote


# (spec row, authority, category, [(months, who contains)])
OVERSIGHT = [
    ("pm: 6 months PS/TM", "practice_matters", [(6, "Team Manager")]),
    ("medway: AM 6, HoS 9 (13.3)", "medway", [(6, "Area Manager"), (9, "Head of Service")]),
    ("camden: 12 months next review (7)", "camden", [(12, "review")]),
]


@pytest.mark.parametrize("authority,milestones", [pytest.param(*row[1:], id=row[0]) for row in OVERSIGHT])
def test_oversight_milestones(policies, authority, milestones):
    rules = policies[authority].rules_for("oversight", "standard")
    got = sorted((r.duration.amount, r.duration.unit, r.who) for r in rules)
    assert [(m, "months") for m, _ in milestones] == [(a, u) for a, u, _ in got]
    for (_, who_part), (_, _, who) in zip(milestones, got):
        assert who_part in who
    assert all(r.anchor_for() == "cin_start" for r in rules)


@pytest.mark.parametrize("authority", ["practice_matters", "kent", "medway", "camden"])
def test_every_authority_inherits_the_statutory_assessment_timescale(policies, authority):
    rule = policies[authority].rule_for("assessment", "standard")
    assert rule.id == "england.assessment" and rule.authority == "england"
    assert rule.citation.document == "003_d24a3e6a0e95c7d3.txt"


def test_medway_plan_circulation_cites_6_2_11_1_and_the_table(policies):
    rule = policies["medway"].rule_for("plan_circulation", "standard")
    sections = [rule.citation.section] + [c.section for c in rule.supporting]
    assert sections[:2] == ["6.2", "11.1"]
    assert any(s.startswith("Guidance for Child In Need Review Meetings") for s in sections[2:])


def test_items_without_guidance_have_no_rule(policies):
    """Where the loaded guidance is silent there is no item (spec §2), and nothing is invented."""
    assert policies["kent"].items() == ["assessment", "plan_circulation", "cin_review"]
    assert policies["medway"].rule_for("supervision", "standard") is None
    assert policies["practice_matters"].rule_for("plan_circulation", "standard") is None

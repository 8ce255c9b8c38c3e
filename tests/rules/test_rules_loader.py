"""Loading the rule files: what gets refused, inheritance, conflicts and lookups."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from assistant.domain.policy import CATEGORIES
from assistant.rules import POLICIES_DIR, RuleError, load_policies

MEDWAY_DOC = "002_dcf06b917ba11a67.txt"
VISIT_QUOTE = (
    "Visits should take place no less than every 15 working days, and more frequently "
    "if the situation requires this, in which case this should be specified in the CIN plan."
)


@pytest.fixture(scope="module")
def policies():
    return load_policies()


def _good_rule(**changes: Any) -> dict:
    rule = {
        "id": "anytown.visit",
        "item": "visit",
        "duration": "15 working days",
        "rule": "visits at least every 15 working days",
        "citation": {"document": MEDWAY_DOC, "section": "10.1", "quote": VISIT_QUOTE},
    }
    rule.update(changes)
    return rule


def _write(folder: Path, name: str, rules: list, **top: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"authority": name, "name": f"{name.title()} Council", "rules": rules, **top}
    path = folder / f"{name}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# -- the shipped files -------------------------------------------------------------
def test_the_shipped_policies_load(policies):
    assert set(policies) == {"england", "practice_matters", "kent", "medway", "camden"}
    for code, policy in policies.items():
        assert policy.authority == code and policy.name
        assert len({r.id for r in policy.rules}) == len(policy.rules)


def test_medway_review_conflict_is_loaded_with_both_citations(policies):
    rule = policies["medway"].rule_for("cin_review", "standard", None, "subsequent")
    assert rule.id == "medway.cin_review"
    assert (rule.duration.amount, rule.duration.unit) == (12, "weeks")
    assert rule.citation.section == "9.2" and "every twelve weeks" in rule.citation.quote
    [conflict] = rule.conflicts
    assert conflict.citation.document == MEDWAY_DOC
    assert conflict.citation.section == "13.2"
    assert "a minimum of 8 weeks" in conflict.citation.quote
    assert "8 weeks" in conflict.note and "12 weeks" in conflict.note


def test_medway_plan_and_initial_meeting_conflicts_are_recorded(policies):
    medway = policies["medway"]
    circulation = medway.rule_for("plan_circulation", "standard")
    quotes = " | ".join(c.citation.quote for c in circulation.conflicts)
    assert "updated within two working days" in quotes and "Update the plan (3 days)" in quotes
    meeting = medway.rule_for("initial_cin_meeting", "standard")
    [conflict] = meeting.conflicts
    assert "decision that the CIN plan is required" in conflict.citation.quote
    assert meeting.citation.section == "6.2" and "completion of the Assessment" in meeting.citation.quote


@pytest.mark.parametrize("category", CATEGORIES)
def test_camden_has_no_visit_rule(policies, category):
    camden = policies["camden"]
    assert camden.rules_for("visit", category) == []
    assert "visit" not in camden.items()


def test_camden_says_where_its_visit_rule_lives(policies):
    silence = policies["camden"].silent_on("visit")
    assert silence.citation.section == "2"
    assert "*Home visits* policy" in silence.citation.quote


def test_category_specific_rule_replaces_the_general_one(policies):
    medway = policies["medway"]
    assert [r.id for r in medway.rules_for("visit", "disability")] == ["medway.visit.disability"]
    assert [r.id for r in medway.rules_for("visit", "standard")] == ["medway.visit"]
    assert [r.id for r in medway.rules_for("visit", "disability_low_risk")] == ["medway.visit"]


def test_route_rule_comes_first_and_replaces_the_general_first_review(policies):
    camden = policies["camden"]
    first = camden.rules_for("cin_review", "standard", "cp_plan_ended", "first")
    assert [r.id for r in first] == ["camden.cin_review.first.cp_plan_ended"]
    every = camden.rules_for("cin_review", "standard", "discharged_from_care")
    assert [r.id for r in every] == ["camden.cin_review.first.discharged_from_care", "camden.cin_review.subsequent"]
    assert [r.id for r in camden.rules_for("cin_review", "standard", None, "first")] == ["camden.cin_review.first"]


def test_first_and_subsequent_rules_sit_side_by_side(policies):
    kent = policies["kent"]
    assert [r.id for r in kent.rules_for("cin_review", "standard")] == [
        "kent.cin_review.first",
        "kent.cin_review.subsequent",
    ]


# -- a new authority needs no code ------------------------------------------------
def test_a_made_up_authority_loads_with_no_code_change(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    shutil.copy2(POLICIES_DIR / "england.yml", folder / "england.yml")
    _write(folder, "anytown", [_good_rule()])
    loaded = load_policies(folder)
    anytown = loaded["anytown"]
    assert anytown.name == "Anytown Council"
    assert anytown.items() == ["assessment", "visit"]
    assert anytown.rule_for("visit", "standard").duration.amount == 15
    assert anytown.rule_for("assessment", "disability").id == "england.assessment"


def test_an_authority_rule_replaces_the_baseline_rule_for_the_same_item(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    shutil.copy2(POLICIES_DIR / "england.yml", folder / "england.yml")
    own = _good_rule(
        id="anytown.assessment",
        item="assessment",
        duration="45 working days",
        rule="assessment within 45 working days",
        citation={
            "document": "003_d24a3e6a0e95c7d3.txt",
            "section": "Key Takeaways",
            "quote": "Assessment should be completed within 45 working days",
        },
    )
    _write(folder, "anytown", [own])
    assert [r.id for r in load_policies(folder)["anytown"].rules] == ["anytown.assessment"]


# -- bad files are refused, naming file, rule and reason ---------------------------
def _drop(key: str) -> Callable[[dict], None]:
    return lambda rule: rule.pop(key)


def _cite(**changes: Any) -> Callable[[dict], None]:
    return lambda rule: rule["citation"].update(changes)


BAD = [
    ("unknown item", lambda r: r.update(item="home_call"), "unknown item 'home_call'"),
    ("unknown category", lambda r: r.update(category="disabled"), "unknown category 'disabled'"),
    ("unknown route", lambda r: r.update(route="adopted"), "unknown route 'adopted'"),
    ("unreadable duration", lambda r: r.update(duration="now and then"), "unreadable duration"),
    ("missing duration", _drop("duration"), "missing 'duration'"),
    ("missing citation", _drop("citation"), "missing citation"),
    ("missing quote", lambda r: r["citation"].pop("quote"), "missing 'quote'"),
    ("empty quote", _cite(quote="  "), "missing 'quote'"),
    (
        "document not in manifest",
        _cite(document="999_nowhere.txt"),
        "'999_nowhere.txt', which is not in knowledge/sources/MANIFEST.yml",
    ),
    (
        "quote not in document",
        _cite(quote="Visits should take place every 15 working days."),
        "quote is not in 002_dcf06b917ba11a67.txt",
    ),
    ("duration not in quote", lambda r: r.update(duration="15 days"), "does not appear in the quote"),
    ("missing rule text", _drop("rule"), "missing 'rule'"),
    ("misspelt field", lambda r: r.update(catgory="disability"), "unknown field(s) in a rule: catgory"),
    ("unquoted section number", _cite(section=10.1), "write it in quotes"),
    ("occurrence on a visit", lambda r: r.update(occurrence="first"), "'occurrence' applies only to cin_review"),
    ("oversight without who", lambda r: r.update(item="oversight"), "must say 'who'"),
    ("unknown anchor", lambda r: r.update(anchor="birthday"), "unknown anchor 'birthday'"),
]


@pytest.mark.parametrize("mutate,reason", [pytest.param(m, why, id=name) for name, m, why in BAD])
def test_a_bad_rule_is_refused_naming_file_rule_and_reason(tmp_path, mutate, reason):
    rule = copy.deepcopy(_good_rule())
    mutate(rule)
    _write(tmp_path, "anytown", [rule])
    with pytest.raises(RuleError) as caught:
        load_policies(tmp_path)
    message = str(caught.value)
    assert message.startswith("anytown.yml: rule anytown.visit: "), message
    assert reason in message
    assert caught.value.file == "anytown.yml" and caught.value.rule_id == "anytown.visit"


def test_a_duplicate_id_in_one_file_is_refused(tmp_path):
    _write(tmp_path, "anytown", [_good_rule(), _good_rule(category="disability")])
    with pytest.raises(RuleError, match=r"anytown\.yml: rule anytown\.visit: duplicate id"):
        load_policies(tmp_path)


def test_a_duplicate_id_across_files_is_refused(tmp_path):
    _write(tmp_path, "anytown", [_good_rule()])
    _write(tmp_path, "othertown", [_good_rule()])
    with pytest.raises(
        RuleError, match=r"othertown\.yml: rule anytown\.visit: duplicate id \(already used in anytown\.yml\)"
    ):
        load_policies(tmp_path)


def test_two_rules_for_the_same_item_and_conditions_are_refused(tmp_path):
    _write(tmp_path, "anytown", [_good_rule(), _good_rule(id="anytown.visit.again")])
    with pytest.raises(
        RuleError, match=r"anytown\.yml: rule anytown\.visit\.again: same item and conditions as rule anytown\.visit"
    ):
        load_policies(tmp_path)


def test_a_rule_without_an_id_is_refused_by_position(tmp_path):
    rule = _good_rule()
    rule.pop("id")
    _write(tmp_path, "anytown", [rule])
    with pytest.raises(RuleError, match=r"anytown\.yml: rule #1: missing 'id'"):
        load_policies(tmp_path)


def test_the_authority_must_match_the_file_name(tmp_path):
    path = _write(tmp_path, "anytown", [_good_rule()])
    path.rename(tmp_path / "elsewhere.yml")
    with pytest.raises(RuleError, match=r"elsewhere\.yml: 'authority' must be 'elsewhere'"):
        load_policies(tmp_path)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    (tmp_path / "anytown.yml").write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"anytown\.yml: not valid YAML"):
        load_policies(tmp_path)


def test_silence_on_an_item_that_has_a_rule_is_refused(tmp_path):
    silent = [{"item": "visit", "note": "elsewhere", "citation": _good_rule()["citation"]}]
    _write(tmp_path, "anytown", [_good_rule()], silent=silent)
    with pytest.raises(RuleError, match=r"anytown\.yml: rule silent:visit: the file has a rule for visit"):
        load_policies(tmp_path)


def test_a_bad_conflict_citation_is_refused(tmp_path):
    conflict = {
        "citation": {"document": MEDWAY_DOC, "section": "13.2", "quote": "reviews every 8 weeks"},
        "note": "says 8",
    }
    _write(tmp_path, "anytown", [_good_rule(conflicts=[conflict])])
    with pytest.raises(RuleError, match=r"anytown\.yml: rule anytown\.visit: conflict citation quote is not in"):
        load_policies(tmp_path)

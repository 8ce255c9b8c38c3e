"""Drafted rules in the rule files: checked like any rule, kept apart until confirmed (loader, confirm)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.knowledge.ingest import DocumentMeta, ingest
from assistant.rules import POLICIES_DIR, RuleError, load_policies
from assistant.rules.confirm import ConfirmError, confirm_drafts
from assistant.rules.sources import index_loader

DOC = "eastmoor_cin.txt"
TEXT = """1. Visits

1.1 Children in need are visited at least every 4 weeks.

1.2 Visits are recorded within 2 working days.

2. Oversight

2.1 When a CIN plan has been open for 6 months the Team Manager reviews it.
"""
VISIT = "Children in need are visited at least every 4 weeks."


@pytest.fixture
def world(tmp_path: Path):
    """A council's document ingested into a temporary index, and a rule folder with the baseline."""
    doc = tmp_path / DOC
    doc.write_text(TEXT, encoding="utf-8")
    index = tmp_path / "index.json"
    ingest([doc], index_path=index, metadata={DOC: DocumentMeta("eastmoor", "Eastmoor CIN procedure")})
    folder = tmp_path / "policies"
    folder.mkdir()
    shutil.copy2(POLICIES_DIR / "england.yml", folder / "england.yml")
    return folder, index_loader(index)


def _rule(**changes: Any) -> dict:
    rule = {
        "id": "eastmoor.visit",
        "status": "draft",
        "item": "visit",
        "duration": "4 weeks",
        "anchor": "previous",
        "rule": "visits at least every 4 weeks",
        "citation": {"document": DOC, "section": "1.1", "quote": VISIT},
    }
    rule.update(changes)
    return rule


def _write(folder: Path, rules: list, **top: Any) -> Path:
    path = folder / "eastmoor.yml"
    data = {"authority": "eastmoor", "name": "Eastmoor Council", "rules": rules, **top}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_a_draft_gives_no_rule_until_confirmed(world):
    folder, index = world
    _write(folder, [_rule()])
    eastmoor = load_policies(folder, index=index)["eastmoor"]
    assert eastmoor.rules_for("visit", "standard") == []
    assert [r.id for r in eastmoor.drafts] == ["eastmoor.visit"] and eastmoor.drafts[0].is_draft
    assert [r.id for r in eastmoor.rules] == ["england.assessment"]  # the baseline is inherited meanwhile
    _write(folder, [_rule(status="confirmed")])
    eastmoor = load_policies(folder, index=index)["eastmoor"]
    assert eastmoor.rule_for("visit", "standard").id == "eastmoor.visit" and eastmoor.drafts == ()


def test_a_rule_without_status_is_confirmed_so_the_curated_files_are_unchanged(world):
    folder, index = world
    rule = _rule()
    del rule["status"]
    _write(folder, [rule])
    assert load_policies(folder, index=index)["eastmoor"].rule_for("visit", "standard").status == "confirmed"


def test_a_draft_is_checked_as_strictly_as_a_rule(world):
    folder, index = world
    _write(folder, [_rule(citation={"document": DOC, "section": "1.1", "quote": "Children are visited weekly."})])
    with pytest.raises(RuleError, match="quote is not in eastmoor_cin.txt"):
        load_policies(folder, index=index)
    _write(folder, [_rule(status="maybe")])
    with pytest.raises(RuleError, match="unknown status 'maybe'"):
        load_policies(folder, index=index)


def test_a_document_neither_in_the_manifest_nor_ingested_is_named_with_what_to_do(world, tmp_path):
    folder, _ = world
    _write(folder, [_rule()])
    with pytest.raises(RuleError, match=r"eastmoor_cin.txt.*cin-assistant ingest FILE --authority KEY"):
        load_policies(folder, index=index_loader(tmp_path / "empty.json"))


def test_two_drafts_may_offer_one_item_but_two_confirmed_rules_may_not(world):
    folder, index = world
    other = _rule(id="eastmoor.visit-2", duration="4 weeks")
    _write(folder, [_rule(), other])
    assert len(load_policies(folder, index=index)["eastmoor"].drafts) == 2
    _write(folder, [_rule(status="confirmed"), {**other, "status": "confirmed"}])
    with pytest.raises(RuleError, match="same item and conditions as rule eastmoor.visit"):
        load_policies(folder, index=index)


def test_an_oversight_draft_may_wait_for_who_but_a_confirmed_one_may_not(world):
    folder, index = world
    quote = "When a CIN plan has been open for 6 months the Team Manager reviews it."
    oversight = _rule(
        id="eastmoor.oversight",
        item="oversight",
        duration="6 months",
        anchor="cin_start",
        rule="oversight at 6 months",
        citation={"document": DOC, "section": "2.1", "quote": quote},
    )
    _write(folder, [oversight])
    assert load_policies(folder, index=index)["eastmoor"].drafts[0].who is None
    _write(folder, [{**oversight, "status": "confirmed"}])
    with pytest.raises(RuleError, match="must say 'who'"):
        load_policies(folder, index=index)


def test_unmapped_sentences_are_kept_with_their_reason_and_checked_quote(world):
    folder, index = world
    entry = {
        "quote": "Visits are recorded within 2 working days.",
        "document": DOC,
        "section": "1.2",
        "phrase": "within 2 working days",
        "reason": "a deadline, not how often",
    }
    _write(folder, [_rule()], unmapped=[entry])
    [kept] = load_policies(folder, index=index)["eastmoor"].unmapped
    assert kept.citation.section == "1.2" and kept.reason == "a deadline, not how often"
    _write(folder, [_rule()], unmapped=[{**entry, "quote": "Visits are recorded monthly."}])
    with pytest.raises(RuleError, match="unmapped #1"):
        load_policies(folder, index=index)


def test_the_items_default_anchor_written_out_changes_nothing(world):
    folder, index = world
    _write(folder, [_rule(status="confirmed", anchor="previous")])
    assert load_policies(folder, index=index)["eastmoor"].rule_for("visit", "standard").anchor is None


# --------------------------------------------------------------------------- confirming
DRAFTED = """# a person's own comment, kept
authority: eastmoor
name: "Eastmoor Council"

rules:
  # another comment
  - id: eastmoor.visit
    status: draft         # flip me
    item: visit
    duration: "4 weeks"   # 4 weeks
    anchor: previous
    rule: "visits at least every 4 weeks"
    citation:
      document: "eastmoor_cin.txt"
      section: "1.1"
      quote: "Children in need are visited at least every 4 weeks."

unmapped: []
"""


def test_confirming_flips_one_line_and_keeps_the_persons_comments(world):
    folder, index = world
    path = folder / "eastmoor.yml"
    path.write_text(DRAFTED, encoding="utf-8")
    done = confirm_drafts(path, item="visit", index=index)
    assert [r.id for r in done.rules] == ["eastmoor.visit"] and done.drafts_left == ()
    assert path.read_text(encoding="utf-8") == DRAFTED.replace("status: draft ", "status: confirmed ")
    with pytest.raises(ConfirmError, match="no draft for the item visit in eastmoor.yml. Drafts: none"):
        confirm_drafts(path, item="visit", index=index)


def test_confirming_a_file_that_does_not_load_changes_nothing(world):
    folder, index = world
    path = folder / "eastmoor.yml"
    broken = DRAFTED.replace("at least every 4 weeks.", "at least every 5 weeks.")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfirmError, match="cannot be read as it stands"):
        confirm_drafts(path, every=True, index=index)
    assert path.read_text(encoding="utf-8") == broken

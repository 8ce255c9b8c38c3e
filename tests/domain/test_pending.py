"""What the engine cannot compute yet for a council, and why: drafts wait, nothing is made up."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from assistant.domain.durations import parse_duration
from assistant.domain.engine import due_report
from assistant.domain.pending import not_computed
from assistant.domain.policy import AuthorityPolicy, Citation, Rule, Unmapped
from assistant.domain.records import CaseRecord, ChildRecord, EventRecord
from assistant.domain.timeframe import parse_window
from assistant.rules import policies

TODAY = dt.date(2026, 11, 23)
QUOTE = Citation("eastmoor_cin.txt", "1.1", "Children in need are visited at least every 4 weeks.")


def _visit(status: str) -> Rule:
    return Rule(
        id="eastmoor.visit",
        authority="eastmoor",
        item="visit",
        duration=parse_duration("4 weeks"),
        rule="visits at least every 4 weeks",
        citation=QUOTE,
        status=status,
    )


def _with(eastmoor: AuthorityPolicy) -> dict:
    shipped = dict(policies())
    base = shipped["england"].rules
    shipped["eastmoor"] = dataclasses.replace(eastmoor, rules=eastmoor.rules + base)
    return shipped


def _eastmoor(rules=(), drafts=(), unmapped=()) -> AuthorityPolicy:
    return AuthorityPolicy(
        "eastmoor", "Eastmoor Council", Path("eastmoor.yml"), tuple(rules), (), tuple(drafts), tuple(unmapped)
    )


def _case(authority: str = "eastmoor") -> CaseRecord:
    # CIN start Mon 5 Oct 2026; seen Mon 2 Nov: a 4-weekly visit would be due Mon 30 Nov
    events = (
        EventRecord(1, "assessment_completed", dt.date(2026, 9, 28), None, None, "", "csv", dt.datetime(2026, 1, 1)),
        EventRecord(2, "initial_cin_meeting", dt.date(2026, 10, 5), None, None, "", "csv", dt.datetime(2026, 1, 1)),
        EventRecord(3, "visit", dt.date(2026, 11, 2), True, True, "", "csv", dt.datetime(2026, 1, 1)),
    )
    child = ChildRecord("ch1", "Ava", "Test", None, False)
    return CaseRecord("e1", child, "w1", authority, "standard", dt.date(2026, 9, 1), events)


def _report(rules: dict, authority: str = "eastmoor"):
    return due_report([_case(authority)], TODAY, parse_window("next 14 days", TODAY), rules)


def test_a_drafted_visit_rule_gives_no_date_and_says_how_to_confirm_it():
    report = _report(_with(_eastmoor(drafts=[_visit("draft")])))
    assert [i.item for i in report.items] == []
    [waiting] = report.not_computed
    assert waiting.item == "visit" and waiting.drafts == ("eastmoor.visit",)
    assert waiting.reason.startswith("Eastmoor Council's visit rule is drafted, not yet confirmed (eastmoor.visit)")
    assert "`cin-assistant rules confirm --authority eastmoor --item visit`" in waiting.reason
    assert report.to_json(authority="eastmoor")["not_computed"][0]["item"] == "visit"


def test_once_confirmed_the_visit_is_due_and_nothing_waits():
    report = _report(_with(_eastmoor(rules=[_visit("confirmed")])))
    assert [(i.item, i.due) for i in report.items] == [("visit", dt.date(2026, 11, 30))]
    assert report.not_computed == () and "not_computed" not in report.to_json(authority="eastmoor")


def test_a_council_with_no_rule_file_gets_the_baseline_only_and_is_told_so():
    report = _report(dict(policies()), authority="westvale")
    [waiting] = report.not_computed
    assert waiting.item is None and "Westvale has no rule file" in waiting.reason
    assert "cin-assistant rules draft --authority westvale" in waiting.reason
    # asking only about the assessment, which the baseline computes: nothing to say
    assert not_computed(["westvale"], policies(), item="assessment") == ()


def test_a_council_whose_file_holds_only_unmapped_sentences_is_told_so():
    unmapped = Unmapped(QUOTE, "names no due-date item")
    [waiting] = _report(_with(_eastmoor(unmapped=[unmapped]))).not_computed
    assert waiting.item is None and "no rules of its own yet" in waiting.reason and "unmapped" in waiting.reason


def test_the_shipped_councils_have_nothing_waiting():
    assert not_computed(["medway", "kent", "camden", "practice_matters"], policies()) == ()

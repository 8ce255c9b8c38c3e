"""Adding a council from its own CIN chapter, as the person onboarding it would, command by command.

Fixtures (tests/fixtures/councils/<key>/, each with SOURCE.md): three real councils' published
chapters (Walsall, Sefton, Lincolnshire) and one made up (Northshire). For each: `ingest` into a
temporary index, `rules draft`, recall of the timescale sentences (the lists below are written by
hand from the chapters), `rules check`, `due` before confirming (nothing made up; the waiting items
named), `rules confirm`, and `due` dates for hand-worked synthetic cases under the confirmed rules.
Nothing touches var/ or knowledge/policies: every command gets --index, --policies and --db.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
import yaml

from assistant.cli import main as cli_main
from assistant.knowledge.corpus import collapse_ws
from assistant.rules import POLICIES_DIR

COUNCILS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "councils"
TODAY = "2026-11-23"  # a Monday

# (item, occurrence, category, route, duration phrase, anchor, section, quote start)
Rule = Tuple[str, Optional[str], Optional[str], Optional[str], str, str, str, str]


@dataclass(frozen=True)
class Council:
    key: str
    file: str
    title: str
    name: str
    timescale_sentences: Tuple[str, ...]  # every sentence of the chapter that states a timescale (by hand)
    rules: Tuple[Rule, ...]  # what the draft should make of them
    unmapped: Tuple[str, ...]  # the sentences the draft should list, not draft (starts)
    events: str  # events.csv rows for the hand-worked cases
    cases: str  # cases.csv rows
    window: str
    due: Tuple[Tuple[str, str, str, str], ...]  # (case, item, due, status) after confirming, in `due` order
    # (`due` sorts by date, then child's name: the cases' children are Ava, Ben, Cai, Dee in case order)


WALSALL_SECTION = "Social Work Visits and Reviews in Respect of Children Subject to a Child in Need Plan"

COUNCILS: Dict[str, Council] = {
    c.key: c
    for c in (
        Council(
            key="walsall",
            file="walsall_cin_visits_reviews.txt",
            title=WALSALL_SECTION,
            name="Walsall Council",
            timescale_sentences=(
                "Children in Need must be seen at home at least every 6 weeks.",
                "If the child is not seen alone or parent/carers refuse to give their consent to their child being "
                "seen alone the social worker should discuss this with their Manager within 48hrs and a timeframe "
                "agreed for a further visit within 5 working days.",
                "The plan should be updated as required through the CIN review meetings which should take place at "
                "least every 12 weeks.",
            ),
            rules=(
                ("visit", None, None, None, "6 weeks", "previous", WALSALL_SECTION, "Children in Need must be seen"),
                ("cin_review", None, None, None, "12 weeks", "previous", WALSALL_SECTION, "The plan should be updated"),
            ),
            unmapped=("If the child is not seen alone",),
            # w1: first review from the CIN start (Mon 21 Sep + 12 weeks = Mon 14 Dec), visit Mon 19 Oct + 6 weeks
            # = Mon 30 Nov. w2: reviewed Mon 28 Sep -> Mon 21 Dec; last seen Mon 28 Sep -> Mon 9 Nov, overdue.
            cases="w1,ch1,sw1,standard,2026-08-03\nw2,ch2,sw1,standard,2026-06-01\n",
            events=(
                "w1,assessment_completed,2026-09-14,,,\nw1,initial_cin_meeting,2026-09-21,,,\n"
                "w1,visit,2026-10-19,Y,Y,\nw2,assessment_completed,2026-07-01,,,\n"
                "w2,initial_cin_meeting,2026-07-06,,,\nw2,cin_review,2026-09-28,,,\nw2,visit,2026-09-28,Y,N,\n"
            ),
            window="next 40 days",
            due=(
                ("w2", "visit", "2026-11-09", "overdue"),
                ("w1", "visit", "2026-11-30", "due"),
                ("w1", "cin_review", "2026-12-14", "due"),
                ("w2", "cin_review", "2026-12-21", "due"),
            ),
        ),
        Council(
            key="sefton",
            file="sefton_cin_plans_reviews.txt",
            title="Child in Need Plans and Reviews",
            name="Sefton Council",
            timescale_sentences=(
                "The first Child in Need meeting is to be undertaken within 10 days of the assessment outcome.",
                "Child In Need review meetings are then to be held every 4 weeks from the initial Child in Need "
                "meeting.",
                "Child In Need plans should follow a 12-week model, therefore all actions for children’s social care "
                "should endeavour to be completed during this period to enable step down to Early Help or case "
                "closure.",
            ),
            rules=(
                (
                    "initial_cin_meeting",
                    None,
                    None,
                    None,
                    "10 days",
                    "assessment_completed",
                    "Related guidance",
                    "The first Child in Need meeting",
                ),
                ("cin_review", None, None, None, "4 weeks", "previous", "Related guidance", "Child In Need review"),
            ),
            unmapped=("Child In Need plans should follow a 12-week model",),
            # s1: assessed Wed 18 Nov + 10 calendar days = Sat 28 Nov -> Fri 27 Nov. s2: reviewed Mon 9 Nov + 4 weeks
            # = Mon 7 Dec. s3: initial meeting Mon 12 Oct, never reviewed: Mon 9 Nov, overdue.
            cases="s1,ch1,sw1,standard,2026-10-05\ns2,ch2,sw1,standard,2026-09-01\ns3,ch3,sw1,standard,2026-09-01\n",
            events=(
                "s1,assessment_completed,2026-11-18,,,\ns2,assessment_completed,2026-10-01,,,\n"
                "s2,initial_cin_meeting,2026-10-12,,,\ns2,cin_review,2026-11-09,,,\n"
                "s3,assessment_completed,2026-10-01,,,\ns3,initial_cin_meeting,2026-10-12,,,\n"
            ),
            window="next 30 days",
            due=(
                ("s3", "cin_review", "2026-11-09", "overdue"),
                ("s1", "initial_cin_meeting", "2026-11-27", "due"),
                ("s2", "cin_review", "2026-12-07", "due"),
            ),
        ),
        Council(
            key="lincolnshire",
            file="lincolnshire_cfpp_meetings.txt",
            title="Child and Family Progress Plans and Meetings",
            name="Lincolnshire County Council",
            timescale_sentences=(
                "The plan will be created at day 20 of the Child and Family Assessment and will be in the form of a "
                "safety plan with separate service actions identified.",
                "The plan may start prior to day 20 to avoid any unnecessary delay in supporting the child and family, "
                "however in all cases where an SCA continues beyond 20 days, a Child and Family Progress Plan will be "
                "created.",
                "When the Strategy Discussion decides that the child is a Child in Need of support, the first Child "
                "and Family Progress Meeting will take place within 10 working days from the date of the Strategy "
                "Discussion.",
                "If at the end of a Section 47 Enquiry it is decided that the child is in need of support and not at "
                "continuing risk of Significant Harm, the first Child and Family Progress Meeting will take place "
                "within 10 working days from the end date of the Section 47 Enquiry.",
            ),
            # Its meetings are "Child and Family Progress Meetings", counted from a strategy discussion or a
            # section 47 enquiry, which the case records do not hold: nothing to draft, all four listed.
            rules=(),
            unmapped=(
                "The plan will be created at day 20",
                "The plan may start prior to day 20",
                "When the Strategy",
                "If at the end of a Section 47",
            ),
            # Only the statutory baseline: referral Mon 2 Nov + 45 working days = Thu 7 Jan 2027.
            cases="l1,ch1,sw1,standard,2026-11-02\n",
            events="",
            window="next 60 days",
            due=(("l1", "assessment", "2027-01-07", "due"),),
        ),
        Council(
            key="northshire",
            file="northshire_cin_planning_and_review.md",
            title="Northshire Council: Child in Need planning and review",
            name="Northshire Council",
            timescale_sentences=(
                "Where the assessment concludes that the child is in need of services, the initial CIN meeting must "
                "be held within 15 working days of the assessment being completed.",
                "Invitations are sent to the family and professionals at least 5 working days before the meeting.",
                "The chair circulates the CIN plan to the family and every professional within 5 working days of each "
                "CIN meeting or review.",
                "Visiting and reviewing of children in need is 6 weekly.",
                "Visits must be recorded on the child's file within 2 working days.",
                "Children with disabilities whose plan is a short breaks package only are visited every 12 weeks.",
                "Where a child is stepped down from a child protection plan, the first CIN review is held within 4 "
                "weeks of the child protection plan ending.",
                "Case supervision takes place at least every 4 weeks.",
                "A case summary is written every 3 months.",
                "Where a CIN plan has been open for 9 months, the Head of Service reviews the case with the team "
                "manager.",
                "If concerns escalate, a strategy discussion is held within 24 hours.",
                "The plan is expected to have achieved its outcomes by day 180.",
            ),
            rules=(
                ("initial_cin_meeting", None, None, None, "15 working days", "assessment_completed", "2.1", "Where"),
                ("plan_circulation", None, None, None, "5 working days", "meeting", "2.3", "The chair circulates"),
                # one combined statement, two rules
                ("visit", None, None, None, "6 weekly", "previous", "3.1", "Visiting and reviewing"),
                ("cin_review", None, None, None, "6 weekly", "previous", "3.1", "Visiting and reviewing"),
                ("visit", None, "disability", None, "12 weeks", "previous", "3.3", "Children with disabilities"),
                ("cin_review", "first", None, "cp_plan_ended", "4 weeks", "cp_plan_ended", "3.4", "Where a child is"),
                ("supervision", None, None, None, "4 weeks", "previous", "4.1", "Case supervision"),
                ("case_summary", None, None, None, "3 months", "previous", "4.2", "A case summary"),
                ("oversight", None, None, None, "9 months", "cin_start", "4.3", "Where a CIN plan has been open"),
            ),
            unmapped=(
                "Invitations are sent",
                "Visits must be recorded",
                "If concerns escalate",
                "The plan is expected",
            ),
            cases=(
                "n1,ch1,sw1,standard,2026-08-03\nn2,ch2,sw1,standard,2026-11-02\n"
                "n3,ch3,sw1,disability,2026-08-03\nn4,ch4,sw1,standard,2026-02-02\n"
            ),
            events=(
                # n1: circulation Mon 28 Sep + 5 working days = Mon 5 Oct (overdue); first review 28 Sep + 6 weeks =
                # Mon 9 Nov (overdue); supervision Tue 10 Nov + 4 weeks = Tue 8 Dec; seen Mon 2 Nov + 6 weeks = Mon
                # 14 Dec; summary 28 Sep + 3 months = Mon 28 Dec (bank holiday) -> Thu 24 Dec.
                "n1,assessment_completed,2026-09-14,,,\nn1,initial_cin_meeting,2026-09-28,,,\n"
                "n1,visit,2026-11-02,Y,Y,\nn1,supervision,2026-11-10,,,\n"
                # n2: stepped down from CP on Mon 2 Nov (the CIN start): first review 4 weeks = Mon 30 Nov;
                # supervision Mon 30 Nov; visit Mon 14 Dec; assessment 45 working days from referral = Thu 7 Jan.
                "n2,cp_plan_ended,2026-11-02,,,\n"
                # n3 (disability): seen Mon 12 Oct + 12 weeks = Mon 4 Jan; reviewed Mon 26 Oct + 6 weeks = Mon 7 Dec,
                # that review's plan not circulated: + 5 working days = Mon 2 Nov (overdue); supervision Mon 16 Nov
                # + 4 weeks = Mon 14 Dec.
                "n3,assessment_completed,2026-09-07,,,\nn3,initial_cin_meeting,2026-09-14,,,\n"
                "n3,plan_circulated,2026-09-16,,,\nn3,visit,2026-10-12,Y,Y,\nn3,cin_review,2026-10-26,,,\n"
                "n3,supervision,2026-11-16,,,\nn3,case_summary,2026-11-16,,,\n"
                # n4: open since Mon 30 Mar: 9-month oversight Wed 30 Dec; seen Mon 16 Nov + 6 weeks = Mon 28 Dec
                # (bank holiday) -> Thu 24 Dec; reviewed Mon 9 Nov -> Mon 21 Dec; supervision Mon 9 Nov -> Mon 7 Dec;
                # summary Thu 1 Oct + 3 months = Fri 1 Jan (bank holiday) -> Thu 31 Dec.
                "n4,assessment_completed,2026-03-16,,,\nn4,initial_cin_meeting,2026-03-30,,,\n"
                "n4,plan_circulated,2026-03-31,,,\nn4,case_summary,2026-10-01,,,\nn4,cin_review,2026-11-09,,,\n"
                "n4,supervision,2026-11-09,,,\nn4,plan_circulated,2026-11-12,,,\nn4,visit,2026-11-16,Y,Y,\n"
            ),
            window="next 60 days",
            due=(
                ("n1", "plan_circulation", "2026-10-05", "overdue"),
                ("n3", "plan_circulation", "2026-11-02", "overdue"),
                ("n1", "cin_review", "2026-11-09", "overdue"),
                ("n2", "cin_review", "2026-11-30", "due"),
                ("n2", "supervision", "2026-11-30", "due"),
                ("n3", "cin_review", "2026-12-07", "due"),
                ("n4", "supervision", "2026-12-07", "due"),
                ("n1", "supervision", "2026-12-08", "due"),
                ("n1", "visit", "2026-12-14", "due"),
                ("n2", "visit", "2026-12-14", "due"),
                ("n3", "supervision", "2026-12-14", "due"),
                ("n4", "cin_review", "2026-12-21", "due"),
                ("n1", "case_summary", "2026-12-24", "due"),
                ("n4", "visit", "2026-12-24", "due"),
                ("n4", "oversight", "2026-12-30", "due"),
                ("n4", "case_summary", "2026-12-31", "due"),
                ("n3", "visit", "2027-01-04", "due"),
                ("n2", "assessment", "2027-01-07", "due"),
            ),
        ),
    )
}

CHILDREN = (
    "child_id,first_name,last_name,birth_date,disabled\nch1,Ava,Test,2015-01-01,N\nch2,Ben,Test,2014-02-02,N\n"
    "ch3,Cai,Test,2013-03-03,Y\nch4,Dee,Test,2012-04-04,N\n"
)


@dataclass
class Onboarding:
    """One council's temporary world: its index, rule folder (the shipped files plus its own) and case store."""

    council: Council
    index: Path
    policies: Path
    db: str
    draft_output: str

    @property
    def rule_file(self) -> Path:
        return self.policies / f"{self.council.key}.yml"

    def files(self) -> List[str]:
        return ["--index", str(self.index), "--policies", str(self.policies)]

    def draft(self) -> dict:
        return yaml.safe_load(self.rule_file.read_text(encoding="utf-8"))

    def due(self, capsys: pytest.CaptureFixture, *extra: str) -> dict:
        args = ["due", "--authority", self.council.key, "--today", TODAY, "--window", self.council.window, "--json"]
        code, out, err = run(capsys, *args, "--db", self.db, *self.files(), *extra)
        assert code == 0, err
        return json.loads(out)


def run(capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, str, str]:
    code = cli_main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _write_cases(folder: Path, council: Council) -> None:
    folder.mkdir()
    (folder / "workers.csv").write_text(
        "worker_id,name,role,team_id,team_name,authority,manager_id\n"
        f"sw1,Sam Test,social_worker,{council.key}-t1,{council.key} team,{council.key},\n",
        encoding="utf-8",
    )
    (folder / "children.csv").write_text(CHILDREN, encoding="utf-8")
    (folder / "cases.csv").write_text("case_id,child_id,worker_id,category,referral_date\n" + council.cases)
    (folder / "events.csv").write_text("case_id,event,date,child_seen,seen_alone,note\n" + council.events)


def _onboard(council: Council, tmp_path: Path, capsys: pytest.CaptureFixture) -> Onboarding:
    """Ingested and drafted, nothing confirmed; its synthetic cases imported."""
    policies = tmp_path / "policies"
    shutil.copytree(POLICIES_DIR, policies)
    world = Onboarding(council, tmp_path / "index.json", policies, f"sqlite:///{tmp_path / 'cases.sqlite3'}", "")
    source = COUNCILS_DIR / council.key / council.file
    code, _, err = run(
        capsys, "ingest", str(source), "--authority", council.key, "--title", council.title, "--index", str(world.index)
    )
    assert code == 0, err
    code, world.draft_output, err = run(
        capsys, "rules", "draft", "--authority", council.key, "--name", council.name, *world.files()
    )
    assert code == 0, err
    _write_cases(tmp_path / "cases", council)
    assert run(capsys, "import", "csv", str(tmp_path / "cases"), "--db", world.db)[0] == 0
    return world


@pytest.fixture(params=sorted(COUNCILS))
def onboarded(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture) -> Onboarding:
    return _onboard(COUNCILS[request.param], tmp_path, capsys)


@pytest.fixture
def northshire(tmp_path: Path, capsys: pytest.CaptureFixture) -> Onboarding:
    return _onboard(COUNCILS["northshire"], tmp_path, capsys)


# --------------------------------------------------------------------------- the draft
def test_every_timescale_sentence_of_the_chapter_is_in_the_draft_with_its_quote(onboarded: Onboarding) -> None:
    data = onboarded.draft()
    quotes = {collapse_ws(r["citation"]["quote"]) for r in data["rules"] or []}
    quotes |= {collapse_ws(u["quote"]) for u in data["unmapped"] or []}
    sentences = onboarded.council.timescale_sentences
    found = [s for s in sentences if collapse_ws(s) in quotes]
    recall = len(found) / len(sentences)
    missing = [s for s in sentences if s not in found]
    assert recall == 1.0, f"{onboarded.council.key}: recall {len(found)}/{len(sentences)}; missing {missing}"
    # and nothing else: an age ("aged 16 years") or a sentence without a timescale is not drafted
    assert quotes <= {collapse_ws(s) for s in sentences}


def test_the_draft_holds_the_hand_mapped_rules_each_with_its_exact_sentence(onboarded: Onboarding) -> None:
    council = onboarded.council
    data = onboarded.draft()
    source = collapse_ws((COUNCILS_DIR / council.key / council.file).read_text(encoding="utf-8"))
    got = []
    for rule in data["rules"] or []:
        assert rule["status"] == "draft"
        quote = rule["citation"]["quote"]
        assert quote and collapse_ws(quote) in source  # never a draft rule without the council's own words
        assert rule["citation"]["document"] == council.file
        assert rule["duration"] in quote
        got.append(
            (
                rule["item"],
                rule.get("occurrence"),
                rule.get("category"),
                rule.get("route"),
                rule["duration"],
                rule["anchor"],
                rule["citation"]["section"],
            )
        )
        wanted = next(r for r in council.rules if r[:7] == got[-1])
        assert quote.startswith(wanted[7])
    assert got == [r[:7] for r in council.rules]
    unmapped = [u["quote"] for u in data["unmapped"] or []]
    assert len(unmapped) == len(council.unmapped)
    for start, quote in zip(council.unmapped, unmapped):
        assert quote.startswith(start)
    assert all(u["reason"] for u in data["unmapped"] or [])
    assert f"{len(council.rules)} draft rule(s)" in onboarded.draft_output


# --------------------------------------------------------------------------- before confirming
def test_rules_check_shows_the_drafts_and_nothing_unused(onboarded: Onboarding, capsys) -> None:
    council = onboarded.council
    code, out, err = run(capsys, "rules", "check", "--authority", council.key, *onboarded.files())
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if ln.strip().startswith(council.key))
    assert f"confirmed 0, drafts {len(council.rules)}, unmapped {len(council.unmapped)}" in line
    assert "not used by any rule 0" in line
    assert out.count("DRAFT ") == len(council.rules)


def test_due_before_confirming_names_what_waits_and_makes_up_no_date(onboarded: Onboarding, capsys) -> None:
    council = onboarded.council
    data = onboarded.due(capsys)
    drafted = {r[0] for r in council.rules}
    assert not [i for i in data["items"] if i["item"] in drafted - {"assessment"}]
    waiting = data["not_computed"]
    if drafted:
        assert {w["item"] for w in waiting} == drafted
        visit = next((w for w in waiting if w["item"] == "visit"), None)
        if visit:
            assert f"{council.name}'s visit rule is drafted, not yet confirmed" in visit["reason"]
            assert f"cin-assistant rules confirm --authority {council.key} --item visit" in visit["reason"]
    else:
        [entry] = waiting
        assert entry["item"] is None and "no rules of its own yet" in entry["reason"]
    # the statutory baseline is computed all along
    assert [i["item"] for i in data["items"] if i["item"] == "assessment"] == [
        i[1] for i in council.due if i[1] == "assessment"
    ]


# --------------------------------------------------------------------------- confirming, then due dates
def test_after_confirming_due_gives_the_hand_worked_dates(onboarded: Onboarding, capsys) -> None:
    council = onboarded.council
    code, out, err = run(capsys, "rules", "confirm", "--authority", council.key, "--all", *onboarded.files())
    if not council.rules:
        assert code == 1 and "no draft for any" in err
    else:
        assert code == 0, err
        assert "Drafts left: none." in out
        assert all(r["status"] == "confirmed" for r in onboarded.draft()["rules"])
    data = onboarded.due(capsys)
    got = [(i["case_id"], i["item"], i["due"], i["status"]) for i in data["items"]]
    assert got == list(council.due)
    assert all(i["source"]["document"] in (council.file, "003_d24a3e6a0e95c7d3.txt") for i in data["items"])
    if council.rules:
        assert "not_computed" not in data
    code, out, err = run(capsys, "rules", "check", "--authority", council.key, *onboarded.files())
    assert code == 0 and f"confirmed {len(council.rules)}, drafts 0" in out


def test_confirming_one_item_leaves_the_others_waiting(capsys, northshire: Onboarding) -> None:
    world = northshire
    code, out, err = run(capsys, "rules", "confirm", "--authority", "northshire", "--item", "visit", *world.files())
    assert code == 0, err
    assert "northshire.visit: visits at least every 6 weeks" in out
    assert "northshire.visit.disability" in out  # every visit draft of the item
    data = world.due(capsys)
    assert {i["item"] for i in data["items"]} == {"visit", "assessment"}
    assert "visit" not in {w["item"] for w in data["not_computed"]}
    assert "cin_review" in {w["item"] for w in data["not_computed"]}


def test_a_table_reader_sees_why_an_item_is_missing(capsys, northshire: Onboarding) -> None:
    world = northshire
    args = ["due", "--authority", "northshire", "--today", TODAY, "--db", world.db, *world.files()]
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "Not computed yet (no confirmed rule):" in out
    assert "Northshire Council's visit rule is drafted, not yet confirmed" in out


def test_two_drafts_for_one_item_cannot_both_be_confirmed(capsys, northshire: Onboarding) -> None:
    world = northshire
    text = world.rule_file.read_text(encoding="utf-8")
    second = text.replace("id: northshire.supervision\n", "id: northshire.supervision-2\n")
    block = second[second.index("  - id: northshire.supervision-2") : second.index("  - id: northshire.case_summary")]
    world.rule_file.write_text(
        text.replace("  - id: northshire.case_summary", block + "  - id: northshire.case_summary")
    )
    before = world.rule_file.read_text(encoding="utf-8")
    code, _, err = run(capsys, "rules", "confirm", "--authority", "northshire", "--item", "supervision", *world.files())
    assert code == 1
    assert "same item and conditions" in err and "confirm one with --id" in err
    assert world.rule_file.read_text(encoding="utf-8") == before
    code, _, err = run(
        capsys, "rules", "confirm", "--authority", "northshire", "--id", "northshire.supervision", *world.files()
    )
    assert code == 0, err


def test_an_oversight_milestone_is_confirmed_only_once_it_says_who(capsys, northshire: Onboarding) -> None:
    world = northshire
    text = world.rule_file.read_text(encoding="utf-8")
    assert 'who: "Head of Service"' in text
    world.rule_file.write_text(text.replace('who: "Head of Service"', 'who: ""'), encoding="utf-8")
    code, _, err = run(capsys, "rules", "confirm", "--authority", "northshire", "--item", "oversight", *world.files())
    assert code == 1 and "must say 'who'" in err


def test_draft_refuses_to_replace_a_rule_file_and_says_what_to_ingest_first(capsys, northshire: Onboarding) -> None:
    world = northshire
    code, _, err = run(capsys, "rules", "draft", "--authority", "northshire", *world.files())
    assert code == 1 and "already exists" in err and "--force" in err
    code, _, err = run(capsys, "rules", "draft", "--authority", "eastmoor", *world.files())
    assert code == 1 and "cin-assistant ingest FILE --authority eastmoor" in err

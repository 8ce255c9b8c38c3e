"""Curated rules against extracted candidates (assistant.rules.check)."""

import dataclasses
from pathlib import Path

import pytest

from assistant.domain.durations import parse_duration
from assistant.domain.policy import AuthorityPolicy, Citation, Conflict, Rule, Unmapped
from assistant.knowledge.extract import Candidate, CandidateCitation
from assistant.rules.check import (
    ReviewEntry,
    ReviewError,
    check_corpus,
    curated_rules,
    load_reviews,
    overlaps,
    rules_check,
)

DOC = "002_dcf06b917ba11a67.txt"
QUOTE = (
    "Visits should take place no less than every 15 working days, and more frequently if the situation requires this."
)


def rule(rule_id="medway.visit", duration="15 working days", quote=QUOTE, document=DOC, authority="medway", **kw):
    return Rule(
        id=rule_id,
        authority=authority,
        item=kw.pop("item", "visit"),
        duration=parse_duration(duration),
        rule="visits at least every 15 working days",
        citation=Citation(document, "10.1", quote),
        **kw,
    )


def policy(*rules, authority="medway"):
    return AuthorityPolicy(authority=authority, name=authority, file=Path(f"{authority}.yml"), rules=tuple(rules))


def cand(
    phrase="no less than every 15 working days",
    sentence=QUOTE,
    duration="15 working days",
    document=DOC,
    section="10.1",
):
    return Candidate(
        item="visit",
        duration=parse_duration(duration),
        phrase=phrase,
        kind="every",
        anchor_text=None,
        conditions=(),
        sentence=sentence,
        citation=CandidateCitation(document, "medway", section, sentence),
    )


def test_a_rule_is_found_by_a_candidate_with_its_duration_from_its_quote():
    report = rules_check({"medway": policy(rule())}, [cand()], reviews=())
    assert report.total == 1 and len(report.found) == 1 and report.missing == ()
    assert report.recall == 1.0 and report.ok
    assert report.extras == ()


@pytest.mark.parametrize(
    "candidate, why",
    [
        (cand(duration="15 days", phrase="no less than every 15 days"), "different unit"),
        (cand(duration="14 working days"), "different amount"),
        (cand(document="004_808dbef9a7f1c264.txt"), "different document"),
        (
            cand(sentence="Reviews happen every 15 working days in the Medway table.", phrase="every 15 working days"),
            "sentence does not overlap the quote",
        ),
        (cand(phrase="within 15 working days"), "phrase not in the quote"),
    ],
)
def test_a_rule_without_a_matching_candidate_is_missing(candidate, why):
    report = rules_check({"medway": policy(rule())}, [candidate], reviews=())
    assert [r.id for r in report.missing] == ["medway.visit"], why
    assert report.recall == 0.0 and not report.ok
    assert [e.candidate for e in report.extras] == [candidate]
    text = report.render()
    assert "0/1 curated rules found" in text and "MISSING medway.visit" in text
    assert "UNREVIEWED" in text


def test_the_baseline_is_counted_once_and_inherited_copies_are_not_counted_again():
    base = rule(
        "england.assessment",
        "45 working days",
        quote="assessments within 45 working days of referral",
        document="003_d24a3e6a0e95c7d3.txt",
        authority="england",
        item="assessment",
    )
    policies = {
        "england": policy(base, authority="england"),
        "medway": policy(rule(), base),
        "kent": policy(base, authority="kent"),
    }
    assert [r.id for r in curated_rules(policies)] == ["england.assessment", "medway.visit"]


def test_overlap_is_containment_or_most_words():
    assert overlaps("The plan, o circulated within 3 working days", "circulated within 3 working days")
    assert overlaps(
        "**Subsequent** reviews should be held every 3 months.", "Subsequent reviews should be held every 3 months"
    )
    assert overlaps(
        "Assessment should be completed within 45 working days",
        "Working Together 2023 states that assessments should be completed within 45 working days of referral.",
    )
    # Camden's two "within 3 months" bullets share many words but are different rules
    assert not overlaps(
        "The second CIN review meeting should be held within 3 months of the initial meeting.",
        "Where a case is stepped down to CIN from a child protection plan, the first CIN review will be held "
        "within 3 months of the date the child protection plan was discharged at conference.",
    )


def test_supporting_and_conflicting_passages_account_for_candidates():
    supporting = Citation(DOC, "table", "ensure visits have taken place (at least every 15 working days)")
    conflict = Citation(DOC, "13.2", "CIN visits a minimum of 8 weeks although this could be earlier")
    r = rule(supporting=(supporting,), conflicts=(Conflict(conflict, "says 8 weeks"),))
    c1 = cand("at least every 15 working days", "Ensure visits have taken place (at least every 15 working days)")
    c2 = cand("a minimum of 8 weeks", "CIN visits a minimum of 8 weeks although this could be earlier.", "8 weeks")
    report = rules_check({"medway": policy(r)}, [cand(), c1, c2], reviews=())
    assert [(m.role, m.candidate.phrase) for m in report.matches] == [
        ("rule", "no less than every 15 working days"),
        ("supporting", "at least every 15 working days"),
        ("conflict", "a minimum of 8 weeks"),
    ]
    assert report.extras == ()
    assert "supporting medway.visit" in report.render() and "conflict   medway.visit" in report.render()


def test_extras_carry_their_review_and_stale_reviews_are_reported():
    extra = cand("a 12 month period", "The plan should not exceed a 12 month period.", "12 months", section="9.6")
    reviews = (
        ReviewEntry(DOC, "a 12 month period", "should not exceed a 12 month", "genuine", "plan length"),
        ReviewEntry(DOC, "yearly", "gone from the guidance", "false_positive", "old"),
    )
    report = rules_check({"medway": policy(rule())}, [cand(), extra], reviews=reviews)
    assert [(e.candidate.phrase, e.verdict, e.note) for e in report.extras] == [
        ("a 12 month period", "genuine", "plan length")
    ]
    assert report.stale_reviews == (reviews[1],)
    text = report.render()
    assert "genuine timescales the rules do not hold: 1" in text and "'a 12 month period' = 12 months" in text
    assert "stale" in text and report.ok


def test_review_file_errors_name_the_entry(tmp_path):
    bad = tmp_path / "r.yml"
    bad.write_text("extras:\n  - {document: d, phrase: p, sentence: s, verdict: maybe, note: n}\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="#1: unknown verdict 'maybe'"):
        load_reviews(bad)
    bad.write_text("extras:\n  - {document: d, phrase: p}\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="missing sentence, verdict, note"):
        load_reviews(bad)
    assert load_reviews(tmp_path / "absent.yml") == ()


# ------------------------------------------------------------------ the real corpus and rule files
@pytest.fixture(scope="module")
def corpus_report():
    return check_corpus()  # knowledge/policies/*.yml + the ingested corpus (assistant.knowledge.ingest)


def test_every_curated_rule_is_found_in_the_real_corpus(corpus_report):
    assert corpus_report.missing == (), corpus_report.render()
    assert corpus_report.recall == 1.0
    assert corpus_report.total == 32  # 31 authority rules + the England baseline once


def test_every_extra_in_the_real_corpus_has_been_reviewed(corpus_report):
    unreviewed = corpus_report.extras_by_verdict(None)
    assert unreviewed == (), corpus_report.render()
    assert corpus_report.stale_reviews == (), corpus_report.render()


def test_found_rules_mostly_agree_with_the_extractors_item_guess(corpus_report):
    pairs = [(f.rule.item, f.candidates[0].item) for f in corpus_report.found]
    agree = sum(1 for want, got in pairs if want == got)
    # the one disagreement: Medway 12.1 "a yearly visit and CIN review" is one phrase for two rules
    assert agree >= len(pairs) - 1, pairs


def test_report_renders_the_recall_line(corpus_report):
    text = corpus_report.render()
    assert text.startswith("Rules check: 32/32 curated rules found in the guidance (recall 100.0%)")
    assert "within 24-48 hours" in text  # unreadable phrases are listed, not dropped
    assert corpus_report.to_dict()["recall"] == 1.0


# ------------------------------------------------------------------ drafts, unmapped sentences, per council
def _of(authority: str, candidate: Candidate, section: str = "10.1") -> Candidate:
    """The candidate as found in another council's document."""
    return dataclasses.replace(candidate, citation=CandidateCitation(DOC, authority, section, candidate.sentence))


def test_drafts_account_for_their_sentences_but_are_not_curated_rules():
    draft = rule("eastmoor.visit", authority="eastmoor", status="draft")
    eastmoor = AuthorityPolicy("eastmoor", "Eastmoor", Path("eastmoor.yml"), rules=(), drafts=(draft,))
    found = _of("eastmoor", cand())
    report = rules_check({"eastmoor": eastmoor}, [found], reviews=())
    assert report.total == 0 and report.extras == ()  # recall is over confirmed rules only
    assert [(m.role, m.rule_id) for m in report.matches] == [("draft", "eastmoor.visit")]
    [progress] = report.authorities
    assert (len(progress.confirmed), len(progress.drafts), len(progress.unused)) == (0, 1, 0)
    text = report.render()
    assert "eastmoor           confirmed 0, drafts 1, unmapped 0, timescale sentences not used by any rule 0" in text
    assert "DRAFT eastmoor.visit: visits at least every 15 working days" in text
    assert "cin-assistant rules confirm --authority eastmoor" in text


def test_a_sentence_no_rule_uses_is_reported_for_its_council_until_listed_as_unmapped():
    eastmoor = AuthorityPolicy("eastmoor", "Eastmoor", Path("eastmoor.yml"), rules=())
    new = cand(
        phrase="within 2 working days", sentence="Visits are recorded within 2 working days.", duration="2 working days"
    )
    new = _of("eastmoor", new, "1.2")
    report = rules_check({"eastmoor": eastmoor}, [new], reviews=())
    [progress] = report.authorities
    assert [e.candidate for e in progress.unreviewed] == [new]
    assert "NOT USED 1.2: 'within 2 working days'" in report.render()
    listed = Unmapped(Citation(DOC, "1.2", "Visits are recorded within 2 working days."), "a deadline")
    eastmoor = AuthorityPolicy("eastmoor", "Eastmoor", Path("eastmoor.yml"), rules=(), unmapped=(listed,))
    report = rules_check({"eastmoor": eastmoor}, [new], reviews=())
    assert report.extras == () and report.authorities[0].unmapped == 1


def test_a_council_with_guidance_but_no_rule_file_is_named():
    stray = _of("westvale", cand(), "1")
    report = rules_check({}, [stray], reviews=())
    assert "westvale           NO RULE FILE: run `cin-assistant rules draft --authority westvale`" in report.render()


def test_the_shipped_councils_are_all_confirmed_with_every_unused_sentence_reviewed(corpus_report):
    progress = {p.authority: p for p in corpus_report.authorities}
    assert set(progress) == {"camden", "england", "kent", "medway", "practice_matters"}
    assert sum(len(p.confirmed) for p in progress.values()) == 32
    assert all(p.drafts == () and p.unreviewed == () for p in progress.values())

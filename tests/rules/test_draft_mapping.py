"""From a timescale found in a sentence to a drafted rule, or the reason it is none (assistant.rules.mapping, draft)."""

from __future__ import annotations

import pytest

from assistant.domain.durations import parse_duration
from assistant.knowledge.ingest import corpus_index
from assistant.rules import load_policies
from assistant.rules.draft import draft_rules, timescale_like
from assistant.rules.mapping import Slot, anchor_word, clause_conditions, items_in, rule_sentence, slot_for


@pytest.mark.parametrize(
    "sentence, phrase, guessed, items",
    [
        ("Visiting and reviewing of children in need is 6 weekly.", "6 weekly", "visit", ["visit", "cin_review"]),
        ("These children will receive a yearly visit and CIN review.", "yearly", "visit", ["visit", "cin_review"]),
        (
            "Visits, reviews and supervision happen every month.",
            "every month",
            None,
            ["visit", "cin_review", "supervision"],
        ),
        (
            "Reviews are held every 12 weeks and the child is visited often.",
            "every 12 weeks",
            "cin_review",
            ["cin_review"],
        ),
        ("Children in Need must be seen at home at least every 6 weeks.", "at least every 6 weeks", None, ["visit"]),
        ("A strategy discussion is held within 24 hours.", "within 24 hours", None, [None]),
    ],
)
def test_a_combined_statement_sets_every_item_it_names(sentence, phrase, guessed, items):
    assert items_in(sentence, phrase, guessed) == items


@pytest.mark.parametrize(
    "words, anchor",
    [
        ("the completion of the Assessment", "assessment_completed"),
        ("the assessment outcome", "assessment_completed"),
        ("a referral being accepted", "referral"),
        ("the initial Child in Need Meeting", "initial"),
        ("each CIN meeting or review", "meeting"),
        ("the date the child protection plan was discharged at conference", "cp_plan_ended"),
        ("the last visit", "previous"),
        ("the date of the Strategy Discussion", None),
    ],
)
def test_what_a_timescale_counts_from(words, anchor):
    assert anchor_word(words) == anchor


@pytest.mark.parametrize(
    "item, kind, anchor_text, conditions, expected",
    [
        ("visit", "every", None, (), Slot("visit", "previous")),
        ("cin_review", "every", "the initial CIN meeting", (), Slot("cin_review", "previous")),
        ("cin_review", "within", "the initial CIN meeting", (), Slot("cin_review", "cin_start", occurrence="first")),
        (
            "cin_review",
            "within",
            "the child protection plan ending",
            ("step down", "child protection"),
            Slot("cin_review", "cp_plan_ended", occurrence="first", route="cp_plan_ended"),
        ),
        (
            "initial_cin_meeting",
            "within",
            "the assessment being completed",
            (),
            Slot("initial_cin_meeting", "assessment_completed"),
        ),
        ("plan_circulation", "within", "each CIN meeting", (), Slot("plan_circulation", "meeting")),
        ("first_home_visit", "within", "a referral being accepted", (), Slot("first_home_visit", "referral")),
        ("visit", "every", None, ("disability",), Slot("visit", "previous", category="disability")),
        ("oversight", "milestone", None, (), Slot("oversight", "cin_start")),
    ],
)
def test_a_timescale_that_fits_an_item_gets_its_slot(item, kind, anchor_text, conditions, expected):
    assert slot_for(item, kind, anchor_text, conditions) == expected


@pytest.mark.parametrize(
    "item, kind, anchor_text, conditions, reason",
    [
        (None, "within", None, (), "names no due-date item"),
        ("visit", "within", None, (), "a deadline, not how often"),
        (None, "before", "the meeting", (), "a lead time before an event"),
        (
            "initial_cin_meeting",
            "within",
            "the date of the Strategy Discussion",
            (),
            "which the case records do not hold",
        ),
        ("visit", "every", None, ("child protection",), "mentions child protection"),
        ("assessment", "every", None, (), "a frequency, but the assessment happens once"),
    ],
)
def test_a_timescale_that_fits_no_item_says_why(item, kind, anchor_text, conditions, reason):
    found = slot_for(item, kind, anchor_text, conditions)
    assert isinstance(found, str) and reason in found


def test_disability_counts_only_in_the_timescales_own_clause_or_heading():
    sentence = "6 weekly reviews are the norm; however for some disabled children 3 monthly reviews are better."
    assert clause_conditions(("disability",), sentence, "6 weekly", "") == ()
    assert clause_conditions(("disability",), sentence, "3 monthly", "") == ("disability",)
    assert clause_conditions(("disability",), sentence, "6 weekly", "Children with disabilities") == ("disability",)


def test_the_rule_sentence_says_calendar_days_as_such():
    slot = Slot("initial_cin_meeting", "assessment_completed")
    text = rule_sentence(slot, parse_duration("10 days"))
    assert text == "initial CIN meeting within 10 calendar days of the assessment's completion"
    assert rule_sentence(Slot("visit", "previous"), parse_duration("15 working days")) == (
        "visits at least every 15 working days"
    )


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("The plan is expected to have achieved its outcomes by day 180.", "day 180"),
        ("Discuss this with the Manager within 48hrs.", "48hrs"),
        ("Plans should follow a 12-week model.", "12-week"),
        ("Young people aged 16 years or over may chair.", None),
        ("A child of 3 years old is seen at nursery.", None),
        ("Section 17 of the Children Act 1989 applies.", None),
    ],
)
def test_sentences_that_read_like_a_timescale_are_caught_and_ages_are_not(sentence, found):
    assert timescale_like(sentence) == found


# --------------------------------------------------------------------------- the shipped councils, drafted
def _slots(rules):
    return {(r.item, r.category, r.route, r.occurrence, r.duration.amount, r.duration.unit) for r in rules}


@pytest.mark.parametrize("authority", ["camden", "kent"])
def test_drafting_a_shipped_council_gives_back_its_curated_rules(authority):
    # what a person would have got had Camden and Kent been added with `rules draft`
    curated = [r for r in load_policies()[authority].rules if r.authority == authority]
    draft = draft_rules(authority, corpus_index().passages)
    drafted = {
        (r.slot.item, r.slot.category, r.slot.route, r.slot.occurrence, r.duration.amount, r.duration.unit)
        for r in draft.rules
    }
    assert _slots(curated) <= drafted
    for rule in draft.rules:
        assert rule.citation.quote and rule.duration.phrase in rule.citation.quote

"""Timescale extraction with spaCy Matcher patterns (assistant.knowledge.extract)."""

import re
from pathlib import Path

import pytest

from assistant.config import SOURCES_DIR
from assistant.knowledge.extract import (
    Candidate,
    PatternError,
    extract,
    extract_candidates,
    load_pattern_specs,
)
from assistant.knowledge.passages import Passage
from assistant.knowledge.spacy_pipeline import load_pipeline

PM, KENT, MEDWAY, ENGLAND, CAMDEN = (
    "000_7c1cc0cc919f0eec.txt",
    "001_c5c06f68e44a408a.txt",
    "002_dcf06b917ba11a67.txt",
    "003_d24a3e6a0e95c7d3.txt",
    "004_808dbef9a7f1c264.txt",
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def passage(text, document="test.txt", authority="test", section="1", heading=""):
    return Passage(
        id=f"{authority}/{section}/1",
        document=document,
        authority=authority,
        title="t",
        kind="local_procedure",
        section=section,
        heading=heading,
        text=" ".join(text.split()),
        order=0,
    )


def one(nlp, text, **kw) -> Candidate:
    found = extract_candidates([passage(text, **kw)], nlp=nlp)
    assert len(found) == 1, [c.phrase for c in found]
    return found[0]


def source_sentence(document: str, contains: str) -> str:
    """The sentence of a real source document holding ``contains`` (so tests use the real words)."""
    for line in (SOURCES_DIR / document).read_text(encoding="utf-8").splitlines():
        line = " ".join(line.split()).lstrip("-·\t ")
        for sentence in re.split(r"(?<=\.) (?=[A-Z*])", line):
            if contains in sentence:
                return sentence
    raise AssertionError(f"{contains!r} not in {document}")


@pytest.fixture(scope="module")
def corpus_candidates(nlp):
    from assistant.knowledge.ingest import corpus_index

    return extract_candidates(corpus_index().passages, nlp=nlp)


# ------------------------------------------------------------------ phrasings
PHRASINGS = [
    # text, phrase, amount, unit, kind
    (
        "The meeting is held within 10 working days of the completion of the assessment.",
        "within 10 working days",
        10,
        "working_days",
        "within",
    ),
    ("Visits should be undertaken at least every 6 weeks.", "at least every 6 weeks", 6, "weeks", "every"),
    ("For some disabled children 3 monthly reviews are acknowledged.", "3 monthly", 3, "months", "every"),
    ("A case summary should be completed every 90 days.", "every 90 days", 90, "days", "every"),
    ("The plan should be reviewed at a minimum of twelve weeks.", "at a minimum of twelve weeks", 12, "weeks", "every"),
    (
        "Reviews are held a minimum of twelve weeks of the initial meeting.",
        "a minimum of twelve weeks",
        12,
        "weeks",
        "within",
    ),
    ("6-weekly reviews are the norm.", "6-weekly", 6, "weeks", "every"),
    (
        "This record will be circulated to all participants within three working days.",
        "within three working days",
        3,
        "working_days",
        "within",
    ),
    (
        "The record is sent no later than 5 working days after the meeting.",
        "no later than 5 working days",
        5,
        "working_days",
        "within",
    ),
    (
        "A home visit should be carried out within **7 days** of a referral being accepted.",
        "within **7 days**",
        7,
        "days",
        "within",
    ),
    ("These children will receive a yearly visit.", "yearly", 12, "months", "every"),
    ("Cases will be reviewed on a yearly basis.", "on a yearly basis", 12, "months", "every"),
    (
        "The first review should be held 3 months after the initial CIN meeting.",
        "3 months after",
        3,
        "months",
        "within",
    ),
    ("Further reviews take place at 6 monthly intervals thereafter.", "at 6 monthly intervals", 6, "months", "every"),
    ("They will be visited at least three weekly.", "at least three weekly", 3, "weeks", "every"),
    (
        "Visits should take place no less than every 15 working days.",
        "no less than every 15 working days",
        15,
        "working_days",
        "every",
    ),
    (
        "Subsequent reviews should be held at a minimum of **every 3 months**.",
        "at a minimum of **every 3 months**",
        3,
        "months",
        "every",
    ),
    ("The plan is circulated within a fortnight of the meeting.", "within a fortnight", 2, "weeks", "within"),
    ("Supervision should take place at least every month.", "at least every month", 1, "months", "every"),
    (
        "If a CIN plan has been ongoing for 6 months a discussion should take place.",
        "ongoing for 6 months",
        6,
        "months",
        "milestone",
    ),
    ("At 9 months the Head of Service will review all open CIN cases.", "At 9 months", 9, "months", "milestone"),
    ("The plan should not exceed a 12 month period.", "a 12 month period", 12, "months", "within"),
    ("Share it with the family at least 2 days before the review.", "at least 2 days before", 2, "days", "before"),
    ("Update the plan (3 days)", "(3 days)", 3, "days", "within"),
]


@pytest.mark.parametrize("text, phrase, amount, unit, kind", PHRASINGS, ids=[p[1] for p in PHRASINGS])
def test_phrasing_is_extracted_with_its_duration(nlp, text, phrase, amount, unit, kind):
    c = one(nlp, text)
    assert c.phrase == phrase
    assert (c.duration.amount, c.duration.unit) == (amount, unit)
    assert c.kind == kind
    assert c.sentence == text


def test_a_range_keeps_its_lower_bound_and_upper_bound(nlp):
    c = one(nlp, "Visits at least every 4-6 weeks.")
    assert (c.duration.amount, c.duration.unit) == (4, "weeks")
    assert (c.upper.amount, c.upper.unit) == (6, "weeks")
    assert c.phrase == "at least every 4-6 weeks"


def test_a_phrase_the_duration_reader_refuses_is_unreadable_not_guessed(nlp):
    out = extract([passage("This should happen within 24-48 hours of the referral.")], nlp=nlp)
    assert out.candidates == ()
    assert [u.phrase for u in out.unreadable] == ["within 24-48 hours"]


# ------------------------------------------------------------------ not timescales
NOT_TIMESCALES = [
    "CIN Plans should be reviewed on a regular basis to ensure the plan is being effective.",
    "A CIN case should be escalated to Section 47 if there are concerns.",
    "CSFH has a duty under section 17 of the Children Act 1989 to provide services.",
    "Section 17 (10), Children Act 1989",
    "The review took place on 1 April 2023 and again on 12/05/2024.",
    "The service supports children under 18 and young people aged 16 years and over.",
    "There are 2 forms for the 4-10 year olds and 11+ age groups.",
    "A baby at 3 months old was seen.",
    "At 16 years the young person may refuse consent.",
    "Call the duty desk on 020 7974 1234 or 01634 334 466.",
    "The 0-25’s Disability Service provides support at three different levels.",
    "Practice Supervisors should chair a short weekly Improvement Cycle Meeting.",
    "The second CIN review meeting should be held at the family home.",
]


@pytest.mark.parametrize("text", NOT_TIMESCALES)
def test_no_timescale_no_candidate(nlp, text):
    out = extract([passage(text)], nlp=nlp)
    assert out.candidates == () and out.unreadable == ()


def test_extract_candidates_of_nothing_is_empty(nlp):
    assert extract_candidates([], nlp=nlp) == []


# ------------------------------------------------------------------ items, anchors, conditions (real sentences)
ITEMS = [
    (MEDWAY, "Visits should take place no less than every 15 working days", "10.1", [("visit", 15, "working_days")]),
    (CAMDEN, "A case and transfer summary should be completed every 90 days", "10", [("case_summary", 90, "days")]),
    (KENT, "A copy of the plan will be circulated to family members", "CIN", [("plan_circulation", 10, "days")]),
    (CAMDEN, "a home visit should be carried out within **7 days**", "2", [("first_home_visit", 7, "days")]),
    (CAMDEN, "The initial CIN meeting should be held within 2 weeks", "5", [("initial_cin_meeting", 2, "weeks")]),
    (
        MEDWAY,
        "a Child in Need (CIN) meeting will be convened within ten working days",
        "6.2",
        [("initial_cin_meeting", 10, "working_days")],
    ),
    (
        MEDWAY,
        "The updated CIN Plan will be circulated to all members",
        "6.2",
        [("plan_circulation", 3, "working_days")],
    ),
    (
        MEDWAY,
        "These children will be visited at least 12 weekly",
        "12.1",
        [("visit", 12, "weeks"), ("cin_review", 6, "months")],
    ),
    (
        MEDWAY,
        "They will be visited at least three weekly",
        "12.1",
        [("visit", 3, "weeks"), ("cin_review", 12, "weeks")],
    ),
    (MEDWAY, "They will review all cases open for 6 months", "13.3", [("oversight", 6, "months")]),
    (MEDWAY, "At 9 months the Head of Service", "13.3", [("oversight", 9, "months")]),
    (CAMDEN, "invitations are sent out within 10 working days", "6.5", [(None, 10, "working_days")]),
    (PM, "There should be regular case supervision for CIN cases", "b", [("supervision", 2, "months")]),
    (PM, "the CIN Plan should be developed within 10 working days", "b", [("initial_cin_meeting", 10, "working_days")]),
    (PM, "6 weekly reviews are the norm", "b", [("cin_review", 6, "weeks"), ("cin_review", 3, "months")]),
    (
        KENT,
        "the first review should be held 3 months after",
        "r",
        [("cin_review", 3, "months"), ("cin_review", 6, "months")],
    ),
    (
        ENGLAND,
        "assessments should be completed within 45 working days of referral",
        "t",
        [("assessment", 45, "working_days")],
    ),
    (
        MEDWAY,
        "o updated within two working days",
        "t",
        [(None, 2, "working_days"), ("plan_circulation", 3, "working_days")],
    ),
]


@pytest.mark.parametrize("document, contains, section, expected", ITEMS, ids=[f"{i[0][:3]}:{i[1][:30]}" for i in ITEMS])
def test_items_are_guessed_from_the_sentence(corpus_candidates, document, contains, section, expected):
    """Over the real ingested passages: the candidates of the sentence holding ``contains``."""
    found = [c for c in corpus_candidates if c.citation.document == document and contains in c.sentence]
    assert [(c.item, c.duration.amount, c.duration.unit) for c in found] == expected


def test_anchor_is_what_follows_of_up_to_the_clause_end(nlp):
    c = one(nlp, source_sentence(MEDWAY, "meeting will be convened within ten working days"))
    assert c.anchor_text == "the completion of the Assessment"
    c = one(nlp, source_sentence(CAMDEN, "The initial CIN meeting should be held within 2 weeks"))
    assert c.anchor_text == "completion of the child and family assessment"  # "child and family" kept whole
    c = one(nlp, source_sentence(CAMDEN, "within 4 weeks of the conclusion of the proceedings"))
    assert c.anchor_text == "the conclusion of the proceedings"  # stops at "in order to"
    c = one(nlp, "The first review should be held 3 months after the initial CIN meeting (unless concerns arise).")
    assert c.anchor_text == "the initial CIN meeting"
    assert one(nlp, "Visits at least every 6 weeks.").anchor_text is None


def test_conditions_come_from_the_sentence_and_the_heading(nlp):
    c = one(nlp, source_sentence(CAMDEN, "stepped down to CIN from a child protection plan, the first CIN review"))
    assert c.conditions == ("step down", "child protection")
    c = one(nlp, source_sentence(CAMDEN, "stepped down to CIN from a care plan"))
    assert c.conditions == ("step down", "care")
    c = one(nlp, "Reviews will be held every 6 months.", heading="Children with Disabilities")
    assert c.conditions == ("disability",)
    assert one(nlp, "Visits at least every 6 weeks.").conditions == ()


def test_citation_quotes_the_sentence_and_names_the_passage(nlp):
    text = "The plan is agreed at the meeting. Visits should take place no less than every 15 working days. More if needed."
    c = one(nlp, text, document=MEDWAY, authority="medway", section="10.1")
    assert c.sentence == "Visits should take place no less than every 15 working days."
    assert c.citation.as_dict() == {
        "document": MEDWAY,
        "authority": "medway",
        "section": "10.1",
        "quote": c.sentence,
    }
    assert c.passage_id == "medway/10.1/1"
    assert c.duration.phrase  # the Duration keeps a phrase, read by assistant.domain.durations


# ------------------------------------------------------------------ the patterns file
def test_patterns_file_loads_and_every_pattern_compiles(nlp):
    specs = load_pattern_specs()
    assert {p.kind for p in specs.patterns} <= {"within", "every", "milestone", "before", "auto"}
    assert {"days", "weeks", "weekly", "monthly", "yearly"} <= specs.unit_words
    extract_candidates([passage("x")], nlp=nlp)  # the Matcher validates every variant


def test_patterns_file_errors_name_the_pattern(tmp_path: Path):
    bad = tmp_path / "p.yml"
    bad.write_text("tokens: {}\npatterns:\n  - id: oops\n    kind: within\n    pattern: [NOPE]\n", encoding="utf-8")
    with pytest.raises(PatternError, match="oops.*NOPE"):
        load_pattern_specs(bad)
    bad.write_text("patterns:\n  - id: k\n    kind: sometimes\n    pattern: [{LOWER: x}]\n", encoding="utf-8")
    with pytest.raises(PatternError, match="unknown kind 'sometimes'"):
        load_pattern_specs(bad)


# ------------------------------------------------------------------ the real corpus
def test_the_real_corpus_yields_candidates_from_every_document(corpus_candidates):
    found = corpus_candidates
    assert {c.citation.document for c in found} == {PM, KENT, MEDWAY, ENGLAND, CAMDEN}
    for c in found:  # every quote is in its passage's words, every duration read by parse_duration
        assert c.duration.amount > 0 and c.kind in ("within", "every", "milestone", "before")
        assert c.phrase in c.sentence
    # nothing from the advert at the end of the general guide ("Try Free for 7 Days")
    assert not any("Try Free" in c.sentence for c in found)

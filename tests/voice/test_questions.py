"""The voice benchmark's spoken questions: the older set (real intents, not training examples) and the unseen
set (150, each with a label, every child it names on the caseload the benchmark passes to the recognisers)."""

from __future__ import annotations

from collections import Counter

import yaml

from assistant.voice.language_model import NLU_DIR, PROJECT_ROOT, _examples, strip_annotations, words
from evaluation.voice_bench import (
    QUESTIONS_FILE,
    UNSEEN_CASELOAD,
    channel_names,
    comparable,
    load_questions,
    load_unseen,
)


def test_there_are_at_least_100_questions_for_intents_the_domain_has() -> None:
    questions = load_questions().questions
    assert len(questions) >= 100
    intents = set(yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    assert {q.label for q in questions} - intents == set()
    by_intent = Counter(q.label for q in questions)
    assert sum(n for i, n in by_intent.items() if i.startswith("ask_")) >= 80  # mostly procedure questions
    assert by_intent["child_next_item"] >= 5


def test_no_question_is_a_training_example_beyond_the_few_shortest_everyone_says() -> None:
    training = {" ".join(words(strip_annotations(e))) for e in _examples(NLU_DIR)}
    for question_set, allowed in ((load_questions(), 0), (load_unseen(), 10)):
        questions = [" ".join(words(q.text)) for q in question_set.questions]
        shared = [q for q in questions if q in training]
        # The unseen set was written blind: 7 of its 150 today ("what's due this week?", "what can you do?") are
        # worded as the training data words them, as short common questions will be.
        assert len(shared) <= allowed and all(len(q.split()) <= 7 for q in shared), shared
        assert len(set(questions)) == len(questions)


def test_the_children_named_are_on_the_caseload_passed_to_the_recogniser() -> None:
    question_set = load_questions(QUESTIONS_FILE)
    caseload = {name.lower() for name in question_set.caseload}
    for question in question_set.questions:
        if question.label in ("child_next_item", "child_summary", "record_visit"):
            named = [w.split("'")[0] for w in words(question.text) if w.split("'")[0] in caseload]
            assert named, question.text


def test_the_unseen_set_is_150_labelled_questions_whose_children_are_all_on_its_caseload() -> None:
    unseen = load_unseen()
    assert len(unseen.questions) == 150 and len({q.id for q in unseen.questions}) == 150
    assert Counter(q.label for q in unseen.questions)["procedure"] >= 60
    first_names = {n.split()[0].lower() for n in UNSEEN_CASELOAD}
    for question in unseen.questions:
        if question.label in ("child_next_item", "child_summary", "record_visit"):
            assert {w.split("'")[0] for w in words(question.text)} & first_names, question.text
    assert "Oluwaseun" in channel_names(UNSEEN_CASELOAD) and "Oluwaseun Bello" in channel_names(UNSEEN_CASELOAD)


def test_the_word_error_rate_ignores_fillers_and_us_spellings_but_not_other_words() -> None:
    assert comparable("Um, can you summarize it? OK.") == comparable("can you summarise it okay")
    assert comparable("Mom's plan, section 47") == ["mom's", "plan", "section", "forty", "seven"]
    assert comparable("what size") == ["what", "size"]

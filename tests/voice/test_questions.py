"""The voice benchmark's spoken questions: enough of them, real intents, and not copied from the training data."""

from __future__ import annotations

from collections import Counter

import yaml

from assistant.voice.language_model import NLU_DIR, PROJECT_ROOT, _examples, strip_annotations, words
from evaluation.voice_bench import QUESTIONS_FILE, load_questions


def test_there_are_at_least_100_questions_for_intents_the_domain_has() -> None:
    questions = load_questions().questions
    assert len(questions) >= 100
    intents = set(yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    assert {q.intent for q in questions} - intents == set()
    by_intent = Counter(q.intent for q in questions)
    assert sum(n for i, n in by_intent.items() if i.startswith("ask_")) >= 80  # mostly procedure questions
    assert by_intent["child_next_item"] >= 5


def test_no_question_is_a_training_example() -> None:
    training = {" ".join(words(strip_annotations(e))) for e in _examples(NLU_DIR)}
    questions = [" ".join(words(q.text)) for q in load_questions().questions]
    assert [q for q in questions if q in training] == []
    assert len(set(questions)) == len(questions)


def test_the_children_named_are_on_the_caseload_passed_to_the_recogniser() -> None:
    question_set = load_questions(QUESTIONS_FILE)
    caseload = {name.lower() for name in question_set.caseload}
    for question in question_set.questions:
        if question.intent in ("child_next_item", "child_summary", "record_visit"):
            named = [w.split("'")[0] for w in words(question.text) if w.split("'")[0] in caseload]
            assert named, question.text

"""The project's own spaCy pipeline: built by the set-up, loadable from anywhere."""

import os
import subprocess
import sys

from assistant.knowledge.spacy_pipeline import PACKAGE_NAME, PIPELINE_DIR, load_pipeline


def test_pipeline_has_only_the_components_the_project_uses():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["lemmatizer", "sentencizer"]


def test_lemmas_let_plural_and_past_forms_share_a_feature():
    doc = load_pipeline()("the reviews were missed and visits overdue")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["reviews"] == "review"
    assert lemmas["visits"] == "visit"
    assert lemmas["were"] == "be"


def test_guidance_text_splits_into_quotable_sentences():
    doc = load_pipeline()("Visits should be at least every 15 working days. Reviews are 3-monthly.")
    assert [s.text for s in doc.sents] == [
        "Visits should be at least every 15 working days.",
        "Reviews are 3-monthly.",
    ]


def test_rasa_can_load_the_pipeline_by_name_from_any_directory(tmp_path):
    """config.yml names the package; it must resolve outside the project root too."""
    code = "import spacy; nlp = spacy.load(%r); print(nlp.meta['name'], nlp.pipe_names)" % PACKAGE_NAME
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    ).stdout
    assert "cin_pipeline ['lemmatizer', 'sentencizer']" in out
    assert (PIPELINE_DIR / "meta.json").exists()

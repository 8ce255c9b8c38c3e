import shutil

import pytest

from assistant.config import SOURCES_DIR
from assistant.knowledge.corpus import MANIFEST_NAME, CorpusError, ensure_corpus, load_manifest


def test_the_product_ships_five_guidance_documents_with_provenance():
    docs = load_manifest()
    assert {d.authority for d in docs} == {"practice_matters", "kent", "medway", "england", "camden"}
    for doc in docs:
        assert doc.path.exists(), doc.file
        assert doc.title and doc.authority_name
    assert [d.kind for d in docs if d.authority == "england"] == ["general_guidance"]


def test_a_missing_document_is_filled_from_a_shared_copy(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    victim = load_manifest(sources)[2].path
    victim.unlink()
    copied = ensure_corpus(sources, fill_from=SOURCES_DIR)
    assert copied == [victim.name]
    assert victim.read_bytes() == (SOURCES_DIR / victim.name).read_bytes()


def test_a_missing_document_with_nowhere_to_fill_from_is_named(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    victim = load_manifest(sources)[0].path
    victim.unlink()
    with pytest.raises(CorpusError, match=victim.name):
        ensure_corpus(sources)


def test_a_malformed_manifest_is_a_clear_error(tmp_path):
    (tmp_path / MANIFEST_NAME).write_text("documents:\n  - title: no file\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="malformed"):
        load_manifest(tmp_path)

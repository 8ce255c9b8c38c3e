import json
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


# ----------------------------------------------------------------- manifest entries are plain file names


def _manifest(folder, *names):
    """A manifest in ``folder`` listing ``names`` as its documents' files."""
    folder.mkdir(parents=True, exist_ok=True)
    entry = "  - file: {}\n    authority: westvale\n    title: Westvale CIN\n"
    entries = "".join(entry.format(json.dumps(name)) for name in names)  # JSON strings are YAML strings
    (folder / MANIFEST_NAME).write_text(f"documents:\n{entries}", encoding="utf-8")
    return folder


def test_a_manifest_entry_climbing_out_of_the_folder_is_refused_and_nothing_is_copied(tmp_path):
    sources = _manifest(tmp_path / "a" / "sources", "../outside.txt")
    fill = tmp_path / "b" / "fill"
    fill.mkdir(parents=True)
    (tmp_path / "b" / "outside.txt").write_text("read from outside the fill folder", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"'\.\./outside\.txt'"):
        ensure_corpus(sources, fill_from=fill)
    assert not (tmp_path / "a" / "outside.txt").exists()
    with pytest.raises(CorpusError, match=r"'\.\./outside\.txt'"):
        load_manifest(sources)


def test_a_manifest_copied_from_the_fill_folder_is_checked_too(tmp_path):
    fill = _manifest(tmp_path / "b" / "fill", "../outside.txt")
    (tmp_path / "b" / "outside.txt").write_text("read from outside the fill folder", encoding="utf-8")
    with pytest.raises(CorpusError, match="outside.txt"):
        ensure_corpus(tmp_path / "a" / "sources", fill_from=fill)
    assert not (tmp_path / "a" / "outside.txt").exists()


def test_an_absolute_manifest_entry_is_refused(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("not guidance", encoding="utf-8")
    target = tmp_path / "elsewhere" / "written.txt"
    fill = tmp_path / "fill"
    fill.mkdir()
    sources = _manifest(tmp_path / "sources", str(secret), str(target))
    with pytest.raises(CorpusError, match="secret.txt"):
        load_manifest(sources)
    with pytest.raises(CorpusError, match="secret.txt"):
        ensure_corpus(sources, fill_from=fill)
    assert not target.exists()


@pytest.mark.parametrize(
    "name",
    [
        "..",
        ".",
        "",
        "sub/doc.txt",
        "..\\outside.txt",
        "C:\\Windows\\win.ini",
        "C:win.ini",
        "doc\x00.txt",
        "/etc/passwd",
    ],
)
def test_only_plain_file_names_are_accepted(tmp_path, name):
    with pytest.raises(CorpusError, match="not a plain file name"):
        load_manifest(_manifest(tmp_path / "sources", name))


def test_a_link_in_the_fill_folder_pointing_outside_it_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not guidance", encoding="utf-8")
    fill = tmp_path / "fill"
    fill.mkdir()
    (fill / "doc.txt").symlink_to(secret)
    sources = _manifest(tmp_path / "sources", "doc.txt")
    with pytest.raises(CorpusError, match="doc.txt"):
        ensure_corpus(sources, fill_from=fill)
    assert not (sources / "doc.txt").exists()


def test_a_dangling_link_in_the_sources_folder_is_not_written_through(tmp_path):
    fill = tmp_path / "fill"
    fill.mkdir()
    (fill / "doc.txt").write_text("Visits happen every 20 working days.", encoding="utf-8")
    sources = _manifest(tmp_path / "sources", "doc.txt")
    outside = tmp_path / "written-outside.txt"
    (sources / "doc.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="doc.txt"):
        ensure_corpus(sources, fill_from=fill)
    assert not outside.exists()


def test_plain_names_are_still_filled(tmp_path):
    fill = tmp_path / "fill"
    fill.mkdir()
    (fill / "doc.txt").write_text("Visits happen every 20 working days.", encoding="utf-8")
    sources = _manifest(tmp_path / "sources", "doc.txt")
    assert ensure_corpus(sources, fill_from=fill) == ["doc.txt"]
    assert (sources / "doc.txt").read_text(encoding="utf-8") == "Visits happen every 20 working days."


def test_the_shipped_manifest_names_only_plain_files():
    docs = load_manifest()
    assert len(docs) == 5
    for doc in docs:
        assert doc.path.parent == SOURCES_DIR and doc.path.name == doc.file

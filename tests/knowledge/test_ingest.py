"""Ingest: the shipped corpus and new documents become citable passages in the index."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.config import SOURCES_DIR
from assistant.knowledge import ingest as ingest_mod
from assistant.knowledge.corpus import load_manifest
from assistant.knowledge.ingest import (
    LEAD_WITH_ITEMS_CHARS,
    DocumentMeta,
    IngestError,
    KnowledgeIndex,
    corpus_index,
    ingest,
    load_index,
    split_sentences,
)
from assistant.knowledge.passages import Passage, collapse_ws, quoted_from

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "guidance"
MEDWAY = "002_dcf06b917ba11a67.txt"
ENGLAND = "003_d24a3e6a0e95c7d3.txt"
CAMDEN = "004_808dbef9a7f1c264.txt"
ADVERT_PHRASES = ["SpeakCase", "Try Free for 7 Days", "Better Recording, Better Outcomes", "capture observations"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> KnowledgeIndex:
    path = tmp_path_factory.mktemp("index") / "index.json"
    report = ingest(index_path=path)
    assert len(report.added) == 5
    return load_index(path)


def cited(index, authority, section):
    return [p for p in index.for_authority(authority) if p.section == section]


# ----------------------------------------------------------------- the shipped corpus


def test_every_manifest_document_is_ingested_with_its_metadata(corpus):
    manifest = {d.file: d for d in load_manifest()}
    docs = {d.document: d for d in corpus.documents}
    assert set(docs) == set(manifest)
    for name, doc in docs.items():
        assert (doc.authority, doc.title, doc.kind) == (
            manifest[name].authority,
            manifest[name].title,
            manifest[name].kind,
        )
        assert len(doc.sha256) == 64
        assert len(corpus.for_document(name)) >= 10


def test_medway_numbered_sections(corpus):
    visits = cited(corpus, "medway", "10.1")
    assert any("15 working days" in p.text for p in visits)
    assert visits[0].heading == "Child in Need Visits"
    reviews = cited(corpus, "medway", "9.2")
    assert any("twelve weeks" in p.text for p in reviews)
    assert corpus.by_id("medway/9.2/1") is not None
    assert any(
        "a minimum of 8 weeks" in p.text for p in cited(corpus, "medway", "13.1") + cited(corpus, "medway", "13.2")
    )
    assert cited(corpus, "medway", "13.2")  # printed "13. 1" / "13.2" both normalised


def test_medway_guidance_table_rows_are_cited_by_row_heading(corpus):
    rows = cited(corpus, "medway", "Timescales / Frequency and Key Responsibilities")
    assert any("within 10 working days of a decision that the CIN plan is required" in p.text for p in rows)
    assert any(
        "updated within two working days" in p.text and "circulated within 3 working days" in p.text for p in rows
    )
    assert all(p.heading == "Guidance for Child In Need Review Meetings" for p in rows)
    actions = cited(corpus, "medway", "Actions following a Child In Need Review Meeting")
    assert any(p.text == "Update the plan (3 days)" for p in actions)
    before = cited(corpus, "medway", "What needs to happen before the Child In Need Review Meeting takes place")
    assert any("at least every 15 working days" in p.text for p in before)


def test_camden_two_sections_nine_are_distinct_but_both_cite_nine(corpus):
    nine = cited(corpus, "camden", "9")
    first = [p for p in nine if p.id.startswith("camden/9/")]
    second = [p for p in nine if p.id.startswith("camden/9-2/")]
    assert first and second
    assert first[0].heading == "Stepping down to a CIN plan"
    assert second[0].heading == "Closing a case"
    assert any("home visit should be carried out within **7 days**" in p.text for p in cited(corpus, "camden", "2"))
    assert any("within 2 weeks of completion" in p.text for p in cited(corpus, "camden", "5"))
    assert cited(corpus, "camden", "6.5")


def test_camden_running_header_is_not_a_passage(corpus):
    assert not [p for p in corpus.for_authority("camden") if p.text == "CIN procedures"]
    assert not [p for p in corpus.for_authority("camden") if p.section == "CIN procedures"]


def test_practice_matters_is_cited_by_heading(corpus):
    passages = corpus.for_authority("practice_matters")
    plan = [p for p in passages if "10 working days" in p.text]
    assert plan and plan[0].section == "How good practice looks for CIN cases?"
    assert plan[0].id.startswith("practice_matters/how-good-practice-looks-for-cin-cases/")
    assert {p.section for p in passages} >= {"What is a Child in Need (CIN) Definition?", "Why do we need CIN?"}


def test_kent_paragraphs_and_bullet_lists(corpus):
    kent = corpus.for_authority("kent")
    assert any("within 10 days" in p.text for p in kent)
    review = [p for p in kent if p.section == "CIN Review Meetings"]
    assert any("3 months after the initial CIN meeting" in p.text for p in review)
    plan = [p for p in kent if p.text.startswith("A child's plan will be drawn up which will clearly specify:")]
    assert plan and "Expected timescales" in plan[0].text


def test_england_advert_is_never_a_passage(corpus):
    england = corpus.for_authority("england")
    assert england and all(p.kind == "general_guidance" for p in england)
    for p in england:
        for phrase in ADVERT_PHRASES:
            assert phrase not in p.text and phrase not in p.section
    assert any("45 working days" in p.text for p in england)
    assert any(p.section == "Key Takeaways" for p in england)  # the guidance before the advert stays


def test_every_passage_is_a_quote_from_its_source(corpus):
    sources = {}
    for p in corpus.passages:
        source = sources.setdefault(p.document, collapse_ws((SOURCES_DIR / p.document).read_text(encoding="utf-8")))
        assert p.text == collapse_ws(p.text) and p.text
        assert quoted_from(p.text, source), p.id


def test_passages_are_quotable_units(corpus):
    for p in corpus.passages:
        assert len(split_sentences(p.text)) <= 4 or len(p.text) <= LEAD_WITH_ITEMS_CHARS + 200, p.id
        assert p.citation() == {"document": p.document, "authority": p.authority, "section": p.section, "quote": p.text}


def test_no_passage_is_a_lead_in_without_its_list_or_a_bare_heading(corpus):
    """Nothing the index can quote ends with ":" (its list cut off) or is only a heading."""
    for p in corpus.passages:
        assert not p.text.rstrip().endswith(":"), p.id
        assert not (p.heading and collapse_ws(p.text) == collapse_ws(p.heading)), p.id


_CUT_OFF = re.compile(r"\b(the|a|an|and|or|to|of|must|should|will|be|is|are|for|with|in|on|by|that)$", re.I)


def test_no_passage_stops_mid_sentence_where_a_page_broke_it(corpus):
    """A sentence carried over a page break (its running header dropped) is one passage: Camden's "the case
    must" goes on to "remain open as a CIN case for a minimum of 3 months"."""
    for p in corpus.passages:
        assert not _CUT_OFF.search(p.text.rstrip()), (p.id, p.text[-60:])
    must = next(p.text for p in corpus.passages if "cannot be closed directly after a child protection" in p.text)
    assert "the case must … remain open as a CIN case for a minimum of 3 months" in must


def test_a_lead_in_is_quoted_with_the_list_it_introduces(corpus):
    """ "A child is considered to be a Child in Need if:" comes with its conditions, in every format of list:
    plain indented lines (Medway), bullets (Kent, Camden), and across a dropped running header (Camden)."""
    texts = [p.text for p in corpus.passages]
    need = next(t for t in texts if t.startswith("A child is considered to be a Child in Need if:"))
    assert "unlikely to achieve or maintain" in need and "significantly impaired" in need
    ways = next(t for t in texts if t.startswith("The summary can be used in the following ways:"))
    assert "to provide summary information for families" in ways and "…" in ways
    core = next(t for t in texts if "the core membership will include:" in t)
    assert "Representatives from Health Services" in core


def test_ids_unique_and_ordered(corpus):
    ids = [p.id for p in corpus.passages]
    assert not [i for i, n in Counter(ids).items() if n > 1]
    for name in {p.document for p in corpus.passages}:
        orders = [p.order for p in corpus.for_document(name)]
        assert orders == list(range(len(orders)))


def test_ids_identical_across_ingests(corpus, tmp_path):
    path = tmp_path / "again.json"
    ingest(index_path=path)
    again = load_index(path)
    assert [p.to_dict() for p in again.passages] == [p.to_dict() for p in corpus.passages]


def test_reingesting_unchanged_is_a_no_op(tmp_path):
    path = tmp_path / "index.json"
    ingest(index_path=path)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    report = ingest(index_path=path)
    assert report.unchanged and not report.added and not report.updated and not report.written
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert "no change" in report.summary()


# ----------------------------------------------------------------- failures leave the index alone


@pytest.fixture
def small_index(tmp_path):
    path = tmp_path / "index.json"
    ingest([SOURCES_DIR / MEDWAY], index_path=path)
    return path


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.docx", b"PK\x03\x04 not really a word document", "not a readable Word document"),
        ("policy.rtf", b"{\\rtf1 hello}", "unsupported file type '.rtf'"),
        ("missing.txt", None, "file not found"),
        ("latin.txt", "Children\u2019s services".encode("cp1252"), "not UTF-8"),
        ("broken.pdf", b"%PDF-1.4\ngarbage", "PDF"),
    ],
)
def test_unreadable_file_raises_naming_it_and_leaves_index(small_index, tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = small_index.read_bytes()
    meta = {name: DocumentMeta("westvale", "Westvale CIN procedure")}
    with pytest.raises(IngestError) as err:
        ingest([FIXTURES / "northshire_cin.md", path], index_path=small_index, metadata=meta)
    assert name in str(err.value) and reason in str(err.value)
    assert small_index.read_bytes() == before
    assert not [p for p in small_index.parent.iterdir() if p.name.startswith(".index-")]


def test_document_without_metadata_is_refused(small_index, tmp_path):
    path = tmp_path / "unknown_council.txt"
    path.write_text("Visits\nChildren are visited every 4 weeks by their social worker.\n", encoding="utf-8")
    before = small_index.read_bytes()
    with pytest.raises(IngestError, match="unknown_council.txt.*--authority"):
        ingest([path], index_path=small_index)
    assert small_index.read_bytes() == before
    with pytest.raises(IngestError, match="kind must be one of"):
        ingest([path], index_path=small_index, metadata={path.name: DocumentMeta("x", "X", kind="blog")})


# ----------------------------------------------------------------- new documents, every format


def test_markdown_with_sidecar_metadata_ingests(tmp_path):
    path = tmp_path / "index.json"
    report = ingest([FIXTURES / "northshire_cin.md"], index_path=path)
    assert report.added == ("northshire_cin.md",)
    index = load_index(path)
    passages = index.for_authority("northshire")
    assert passages[0].title == "Northshire Council: Child in Need procedure"
    visits = [p for p in passages if p.section == "2.1"]
    assert visits[0].heading == "Visits" and "every 20 working days" in visits[0].text
    assert index.by_id("northshire/2.1/1") == visits[0]
    assert any(p.section == "3" and "every 10 weeks while the plan is open" in p.text for p in passages)
    assert any(p.section == "Contacts" for p in passages)


def test_html_docx_and_pdf_for_a_made_up_council(tmp_path):
    docx = pytest.importorskip("docx")
    fpdf = pytest.importorskip("fpdf")
    word = docx.Document()
    word.add_heading("Westvale CIN procedure", level=0)
    word.add_heading("1 Visits", level=1)
    word.add_paragraph("1.1 Visits happen at least every 15 working days.")
    word.add_heading("2 Reviews", level=1)
    word.add_paragraph("2.1 Reviews are held every 12 weeks.")
    docx_path = tmp_path / "westvale.docx"
    word.save(docx_path)

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in [
        "1 Visits",
        "1.1 Children are visited every 10 working days.",
        "2 Reviews",
        "2.1 The plan is reviewed every 8 weeks.",
    ]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf_path = tmp_path / "eastmoor.pdf"
    pdf.output(str(pdf_path))

    html_path = FIXTURES / "northshire_cin.html"
    meta = {
        "westvale.docx": DocumentMeta("westvale", "Westvale CIN procedure"),
        "eastmoor.pdf": DocumentMeta("eastmoor", "Eastmoor CIN procedure"),
        "northshire_cin.html": DocumentMeta("northshire", "Northshire CIN (web page)"),
    }
    index_path = tmp_path / "index.json"
    report = ingest([docx_path, pdf_path, html_path], index_path=index_path, metadata=meta)
    assert set(report.added) == {"westvale.docx", "eastmoor.pdf", "northshire_cin.html"}
    index = load_index(index_path)
    assert [p.text for p in index.for_authority("westvale") if p.section == "1.1"] == [
        "Visits happen at least every 15 working days."
    ]
    assert [p.heading for p in index.for_authority("westvale") if p.section == "2.1"] == ["Reviews"]
    assert [p.text for p in index.for_authority("eastmoor") if p.section == "2.1"] == [
        "The plan is reviewed every 8 weeks."
    ]
    html = index.for_authority("northshire")
    assert any(p.section == "Plan circulated" and "within 5 working days" in p.text for p in html)
    assert any(p.section == "2.2" and p.heading == "Visits" for p in html)


def test_second_document_from_same_authority_gets_distinct_stable_ids(tmp_path):
    index_path = tmp_path / "index.json"
    ingest([FIXTURES / "northshire_cin.md"], index_path=index_path)
    meta = {"northshire_cin.html": DocumentMeta("northshire", "Northshire CIN (web page)")}
    ingest([FIXTURES / "northshire_cin.html"], index_path=index_path, metadata=meta)
    index = load_index(index_path)
    md_ids = {p.id for p in index.for_document("northshire_cin.md")}
    html_ids = {p.id for p in index.for_document("northshire_cin.html")}
    assert "northshire/2.1/1" in md_ids
    assert all(i.startswith("northshire.northshire-cin/") for i in html_ids)
    report = ingest([FIXTURES / "northshire_cin.html"], index_path=index_path, metadata=meta)
    assert report.unchanged == ("northshire_cin.html",)


def test_changed_document_is_updated(tmp_path):
    doc = tmp_path / "westvale.txt"
    meta = {"westvale.txt": DocumentMeta("westvale", "Westvale CIN")}
    doc.write_text("Visits\nChildren are visited every 4 weeks.\n", encoding="utf-8")
    index_path = tmp_path / "index.json"
    ingest([doc], index_path=index_path, metadata=meta)
    doc.write_text("Visits\nChildren are visited every 3 weeks.\n", encoding="utf-8")
    report = ingest([doc], index_path=index_path, metadata=meta)
    assert report.updated == ("westvale.txt",) and report.written
    assert load_index(index_path).by_id("westvale/visits/1").text == "Children are visited every 3 weeks."


def test_promotional_tail_is_excluded_from_any_document(tmp_path):
    doc = tmp_path / "vendor.txt"
    doc.write_text(
        "Visiting\nVisits usually happen every 4-6 weeks.\n"
        "Smarter Notes for Busy Teams\nNoteApp lets you record visits on your phone.\n"
        "Start your free trial today\n",
        encoding="utf-8",
    )
    index_path = tmp_path / "index.json"
    ingest(
        [doc],
        index_path=index_path,
        metadata={"vendor.txt": DocumentMeta("vendor", "Vendor guide", "general_guidance")},
    )
    texts = [p.text for p in load_index(index_path).passages]
    assert texts == ["Visits usually happen every 4-6 weeks."]


def test_load_index_missing_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="cin-assistant ingest"):
        load_index(tmp_path / "nope.json")


def test_corpus_index_builds_when_missing_and_is_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "DEFAULT_INDEX", tmp_path / "knowledge" / "index.json")
    corpus_index.cache_clear()
    try:
        index = corpus_index()
        assert (tmp_path / "knowledge" / "index.json").exists()
        assert index.by_id("medway/10.1/1") is not None
        assert corpus_index() is index
    finally:
        corpus_index.cache_clear()


def test_passage_round_trips():
    p = Passage("a/1/1", "f.txt", "a", "T", "local_procedure", "1", "H", "Some text here.", 0)
    assert Passage.from_dict(p.to_dict()) == p


def test_display_text_drops_markdown_marks():
    from assistant.knowledge.passages import display_text

    assert display_text("within **7 days** of a *referral* [form.pdf](#)") == "within 7 days of a referral form.pdf"

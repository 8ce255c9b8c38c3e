"""Readers: each format comes back as sections with numbers, headings and blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.knowledge.readers import (
    ReaderError,
    parse_numbered,
    read_document,
    sectionise_text,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "guidance"


def by_cite(sections):
    out = {}
    for s in sections:
        out.setdefault(s.cite(), []).append(s)
    return out


def block_texts(section):
    return [b.text for b in section.blocks]


# ----------------------------------------------------------------- plain-text sectioniser


@pytest.mark.parametrize(
    "line, number, rest, heading",
    [
        ("1. Introduction", "1", "Introduction", True),
        ("4.Early Help", "4", "Early Help", True),
        ("1 Purpose and scope", "1", "Purpose and scope", True),
        ("6.1 Chairing the meetings", "6.1", "Chairing the meetings", True),
        ("11. Outcomes of Child in Need Reviews. ", "11", "Outcomes of Child in Need Reviews.", True),
        (
            "    9.2        The CIN Plan should be reviewed at a minimum of twelve weeks.",
            "9.2",
            "The CIN Plan should be reviewed at a minimum of twelve weeks.",
            False,
        ),
        (
            "13. 1     All members of the network are responsible.",
            "13.1",
            "All members of the network are responsible.",
            False,
        ),
        (
            "9.6.       It is an expectation that the plan ends.",
            "9.6",
            "It is an expectation that the plan ends.",
            False,
        ),
    ],
)
def test_numbered_lines(line, number, rest, heading):
    parsed = parse_numbered(line)
    assert parsed is not None
    assert (parsed.number, parsed.rest, parsed.is_heading) == (number, rest, heading)


@pytest.mark.parametrize(
    "line",
    [
        "6 weekly reviews are the norm",
        "2023 guidance says so",
        "Step 1: Referral",
        "2 Social workers will attend the meeting today.",
    ],
)
def test_sentences_starting_with_numbers_are_not_sections(line):
    assert parse_numbered(line) is None


def test_numbered_text_with_subsections_inherits_headings():
    text = (
        "Title of the policy\n"
        "1. Visits\n"
        "1.1  Children are visited every 15 working days. More often if needed.\n"
        "1.2  Visits are recorded.\n"
        "2. Reviews\n"
        "2.1  The plan is reviewed every twelve weeks.\n"
        "· first bullet about reviews\n"
        "· second bullet about reviews\n"
    )
    sections = by_cite(sectionise_text(text))
    assert "Title of the policy" not in sections  # a title above the first section
    assert sections["1.1"][0].heading == "Visits"
    assert block_texts(sections["1.1"][0]) == ["Children are visited every 15 working days. More often if needed."]
    assert sections["2.1"][0].heading == "Reviews"
    assert [b.kind for b in sections["2.1"][0].blocks] == ["para", "bullet", "bullet"]
    assert sections["2.1"][0].blocks[1].raw == "· first bullet about reviews"


def test_unnumbered_text_uses_headings_and_bullets():
    text = (
        "What is CIN?\n"
        "CIN is support under section 17.\n"
        "How good practice looks\n"
        "• Plans are made within 10 working days.\n"
        "- Visits happen every 6 weeks.\n"
        "* Supervision every two months.\n"
        "o Reviews every 6 weeks.\n"
    )
    sections = by_cite(sectionise_text(text))
    assert block_texts(sections["What is CIN?"][0]) == ["CIN is support under section 17."]
    good = sections["How good practice looks"][0]
    assert [b.kind for b in good.blocks] == ["bullet"] * 4
    assert good.blocks[3].text == "Reviews every 6 weeks."


def test_duplicate_section_numbers_stay_separate():
    text = "9 Stepping down\nBody of the first nine.\n10 Summary\nBody of ten.\n9 Closing a case\nBody of the second nine.\n"
    sections = sectionise_text(text)
    nines = [s for s in sections if s.number == "9"]
    assert [s.heading for s in nines] == ["Stepping down", "Closing a case"]


def test_table_laid_out_as_text_is_read_as_rows():
    text = (
        "1. Intro\n"
        "1.1 Some body text for the numbered part of the document.\n"
        "\tGuidance table\n"
        "\tTimescales \n"
        "and duties\n"
        "\tMeetings are held within 10 working days. \n"
        "Plans are circulated within 3 days. \n"
        "\tRecording\n"
        "\tRecord the meeting on the template.\n"
    )
    sections = sectionise_text(text)
    rows = [s for s in sections if s.row and s.blocks]  # the title row has no text of its own
    assert [s.cite() for s in rows] == ["Timescales and duties", "Recording"]
    assert rows[0].table == "Guidance table"
    assert block_texts(rows[0]) == [
        "Meetings are held within 10 working days.",
        "Plans are circulated within 3 days.",
    ]


def test_running_headers_are_dropped_and_a_sentence_they_broke_is_joined_with_a_gap_mark():
    text = (
        "1 First\n- A bullet that ends mid\n\nPAGE HEADER\n\nsentence after the header.\n"
        "2 Second\n- Another bullet.\n\nPAGE HEADER\n\n3 Third\n- And one more.\nPAGE HEADER\n"
    )
    sections = by_cite(sectionise_text(text))
    texts = [b.text for s in sectionise_text(text) for b in s.blocks]
    assert all("PAGE HEADER" not in t for t in texts)
    first = sections["1"][0]
    assert [b.text for b in first.blocks] == ["A bullet that ends mid … sentence after the header."]


def test_hard_wrapped_text_is_rejoined():
    para = (
        "Children subject to a plan must be visited at least every twenty working\n"
        "days by their allocated social worker and seen alone where that is safe\n"
        "and appropriate for them.\n"
    )
    text = "Visits\n" + para * 4
    sections = by_cite(sectionise_text(text))
    assert len(sections["Visits"][0].blocks) == 4
    assert sections["Visits"][0].blocks[0].text.startswith("Children subject to a plan must be visited")
    assert sections["Visits"][0].blocks[0].text.endswith("appropriate for them.")


# ----------------------------------------------------------------- other formats


def test_markdown_headings_and_numbered_clauses():
    sections = by_cite(read_document(FIXTURES / "northshire_cin.md"))
    assert sections["1"][0].heading == "Purpose"
    assert sections["2.1"][0].heading == "Visits"
    assert "at least every 20 working days" in sections["2.1"][0].blocks[0].text
    reviews = sections["3"][0]
    assert [b.kind for b in reviews.blocks] == ["para", "bullet", "bullet"]
    assert "Contacts" in sections


def test_html_skips_scripts_and_navigation_and_reads_tables():
    sections = read_document(FIXTURES / "northshire_cin.html")
    texts = " ".join(b.text for s in sections for b in s.blocks)
    assert "tracking" not in texts and "Policies" not in texts
    cites = by_cite(sections)
    assert "2.2" in cites and cites["2.2"][0].heading == "Visits"
    row = cites["Plan circulated"][0]
    assert row.row and row.table == "Timescales at a glance"
    assert block_texts(row) == ["The plan is circulated within 5 working days of the meeting."]
    assert "Task" not in cites  # the column headings row


def test_docx_heading_styles_lists_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_heading("Westvale Council CIN procedure", level=0)
    doc.add_heading("1 Visits", level=1)
    doc.add_paragraph("1.1 Visits happen at least every 15 working days.")
    doc.add_heading("Reviews", level=1)
    doc.add_paragraph("Reviews are held every 12 weeks.")
    doc.add_paragraph("the chair sets the next date", style="List Bullet")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Plan updated"
    table.rows[0].cells[1].text = "Within 2 working days of the review."
    path = tmp_path / "westvale.docx"
    doc.save(path)

    cites = by_cite(read_document(path))
    assert cites["1.1"][0].heading == "Visits"
    assert block_texts(cites["1.1"][0]) == ["Visits happen at least every 15 working days."]
    assert [b.kind for b in cites["Reviews"][0].blocks] == ["para", "bullet"]
    assert block_texts(cites["Plan updated"][0]) == ["Within 2 working days of the review."]


def test_pdf_text_is_sectioned(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in [
        "1 Visits",
        "1.1 Children are visited every 15 working days and seen alone where that is safe, "
        "with the reason recorded when they are not seen alone by the social worker.",
        "2 Reviews",
        "2.1 The plan is reviewed every 12 weeks.",
    ]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "eastmoor.pdf"
    pdf.output(str(path))

    cites = by_cite(read_document(path))
    assert cites["1.1"][0].heading == "Visits"
    assert block_texts(cites["1.1"][0])[0].endswith("not seen alone by the social worker.")
    assert "every 12 weeks" in cites["2.1"][0].blocks[0].text


def test_unreadable_documents_raise_reader_error(tmp_path):
    bad_docx = tmp_path / "broken.docx"
    bad_docx.write_bytes(b"this is not a zip file")
    with pytest.raises(ReaderError, match="Word document"):
        read_document(bad_docx)
    bad_pdf = tmp_path / "broken.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 nonsense")
    with pytest.raises(ReaderError):
        read_document(bad_pdf)
    with pytest.raises(ReaderError, match="unsupported file type '.rtf'"):
        read_document(tmp_path / "policy.rtf")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Children\u2019s services".encode("cp1252"))
    with pytest.raises(ReaderError, match="not UTF-8"):
        read_document(latin)

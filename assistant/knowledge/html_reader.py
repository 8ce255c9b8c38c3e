"""HTML and Markdown into sections: headings h1-h6, paragraphs, list items and table rows (BeautifulSoup).

Markdown is first turned into HTML (``markdown``, with tables); scripts,
styles and navigation are left out; a table row is read whole, its first cell
heading it (:func:`assistant.knowledge.sections.table_row`).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Union

import markdown
from bs4 import BeautifulSoup

from assistant.knowledge.passages import collapse_ws
from assistant.knowledge.plain_text import decode_text
from assistant.knowledge.sections import Section, SectionBuilder, table_row


def read_markdown(path: Path) -> List[Section]:
    html = markdown.markdown(decode_text(path.read_bytes()), extensions=["tables", "sane_lists"])
    return sections_from_html(html)


def read_html(path: Path) -> List[Section]:
    data = path.read_bytes()
    text: Union[str, bytes]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data  # let BeautifulSoup detect the declared encoding
    return sections_from_html(text)


_HTML_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote", "pre"]


def sections_from_html(html) -> List[Section]:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav"]):
        tag.decompose()
    b = SectionBuilder()
    in_table: Optional[object] = None
    for el in soup.find_all(_HTML_TAGS):
        table = el.find_parent("table")
        if el.name != "tr" and table is not None:
            continue  # read with its row
        if in_table is not None and table is not in_table:
            b.end_table()
            in_table = None
        if el.name in ("p", "dt", "dd", "blockquote", "pre") and el.find_parent(["li", "blockquote"]):
            continue
        if el.name == "blockquote" and el.find(["p", "li"]):
            continue
        if el.name[0] == "h" and el.name[1:].isdigit():
            text = collapse_ws(el.get_text(" "))
            if text:
                b.heading(text)
        elif el.name == "li":
            own = [s for s in el.find_all(string=True) if s.find_parent("li") is el]
            text = collapse_ws(" ".join(own))
            if text:
                b.add(text, "bullet", "• " + text)
        elif el.name == "tr":
            if in_table is None:
                in_table = table
                b.begin_table()
            cells = el.find_all(["th", "td"], recursive=False)
            if cells and all(c.name == "th" for c in cells) and len(cells) > 1:
                continue  # column headings
            texts = [c.get_text("\n") for c in cells]
            caption = table.find("caption") if table is not None else None
            title = collapse_ws(caption.get_text(" ")) if caption else ""
            table_row(b, texts, title)
        else:
            b.add(el.get_text(" "))
    if in_table is not None:
        b.end_table()
    return b.result()


__all__ = ["read_html", "read_markdown", "sections_from_html"]

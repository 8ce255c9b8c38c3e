"""Passages: the quotable units guidance is read into.

A :class:`Passage` is one paragraph, bullet, table cell or a run of 1-4
sentences from a guidance document, with where it sits (section number or
heading) so that anything quoting it can cite it. Passages are produced by
:mod:`assistant.knowledge.ingest` and stored in the knowledge index.

Ids are stable across re-ingests of an unchanged file:
``<authority>/<section-key>/<n>`` where ``section-key`` is the printed section
number ("9.2"), with ``-2``, ``-3`` ... appended when a number repeats in a
document (Camden's two sections 9 are ``camden/9/...`` and ``camden/9-2/...``;
both cite section "9"), or a slug of the heading for unnumbered documents, and
``n`` counts passages within that section from 1.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Dict, Mapping

from assistant.knowledge.corpus import collapse_ws

KINDS = ("local_procedure", "general_guidance")


GAP = " … "  # between two parts of a quote where the reader dropped a running header


def quoted_from(quote: str, source: str) -> bool:
    """Whether ``quote`` is the source's own words: each part (between dropped headers) occurs, in order.

    Both are compared whitespace-collapsed; this is how every quoted passage is checked.
    """
    text = collapse_ws(source)
    at = 0
    for part in collapse_ws(quote).split(GAP.strip()):
        part = part.strip()
        found = text.find(part, at)
        if not part or found < 0:
            return False
        at = found + len(part)
    return True


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")


def display_text(text: str) -> str:
    """Passage text for showing to a person: Markdown emphasis and link targets removed.

    ``Passage.text`` stays verbatim (Camden's source writes "**7 days**" and
    "[form.pdf](#)"), so it can be checked against the source; show this instead.
    """
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2), text)
    return collapse_ws(text)


@dataclass(frozen=True)
class Passage:
    """One quotable unit of guidance and where it comes from."""

    id: str  # stable, unique in the index, e.g. "medway/9.2/1"
    document: str  # file name, e.g. "002_dcf06b917ba11a67.txt"
    authority: str  # e.g. "medway"
    title: str  # the document's title
    kind: str  # "local_procedure" | "general_guidance"
    section: str  # section number as printed ("9.2") or the heading/bullet lead it sits under
    heading: str  # the section's heading text, "" if none
    text: str  # whitespace-collapsed; occurs in the (collapsed) source
    order: int  # position in the document

    def citation(self) -> Dict[str, str]:
        """Where these words came from: document, authority, section and the quote."""
        return {
            "document": self.document,
            "authority": self.authority,
            "section": self.section,
            "quote": self.text,
        }

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Passage":
        return cls(
            id=str(data["id"]),
            document=str(data["document"]),
            authority=str(data["authority"]),
            title=str(data["title"]),
            kind=str(data["kind"]),
            section=str(data["section"]),
            heading=str(data.get("heading", "")),
            text=str(data["text"]),
            order=int(data["order"]),
        )

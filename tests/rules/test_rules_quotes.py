"""Every quote in the rule files is really in its guidance document.

Read straight from the YAML (not through the loader) so a bug in the loader's
own quote check cannot hide a misquote.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest
import yaml

from assistant.config import SOURCES_DIR
from assistant.knowledge.corpus import load_manifest
from assistant.rules import POLICIES_DIR

POLICY_FILES = sorted(POLICIES_DIR.glob("*.yml"))
ADVERT_START = "Better Recording, Better Outcomes"  # 003_...: a vendor's advert, not guidance


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _citations(node: Any, path: str) -> Iterator[tuple[str, dict]]:
    """Every mapping with a document and a quote, wherever it sits in the file."""
    if isinstance(node, dict):
        if "document" in node and "quote" in node:
            yield path, node
        for key, value in node.items():
            yield from _citations(value, f"{path}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            label = value.get("id", value.get("item", n)) if isinstance(value, dict) else n
            yield from _citations(value, f"{path}[{label}]")


ALL_CITATIONS = [
    pytest.param(cite, id=f"{file.name}:{where}")
    for file in POLICY_FILES
    for where, cite in _citations(yaml.safe_load(file.read_text(encoding="utf-8")), "")
]


def test_there_are_policy_files_and_citations():
    assert {f.stem for f in POLICY_FILES} == {"england", "practice_matters", "kent", "medway", "camden"}
    assert len(ALL_CITATIONS) > 30


@pytest.mark.parametrize("cite", ALL_CITATIONS)
def test_each_quote_occurs_in_its_source_document(cite):
    documents = {doc.file for doc in load_manifest()}
    assert cite["document"] in documents
    source = _collapse((SOURCES_DIR / cite["document"]).read_text(encoding="utf-8"))
    quote = _collapse(cite["quote"])
    assert len(quote) > 15, "a quote should be a sentence or clause, not a word"
    assert quote in source
    assert str(cite["section"]).strip()


@pytest.mark.parametrize("cite", ALL_CITATIONS)
def test_no_quote_comes_from_the_advert(cite):
    source = _collapse((SOURCES_DIR / cite["document"]).read_text(encoding="utf-8"))
    advert_at = source.find(ADVERT_START)
    if advert_at >= 0:
        assert source.find(_collapse(cite["quote"])) < advert_at

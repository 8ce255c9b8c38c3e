"""Hostile census files: a DTD or entity is refused whatever the file's encoding.

The census reader used to look for ``<!DOCTYPE``/``<!ENTITY`` in the raw bytes,
which a UTF-16 file (two bytes a character) slipped past, and its entities were
then expanded into the store. Every store test runs on SQLite and, with
CIN_TEST_DATABASE_URL, on PostgreSQL; nothing is mocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from casestore_data import snapshot
from test_casestore_census import AUTHORITY, FIXTURES, LIIA, census_xml, child_xml, episode

from assistant.casestore import Store
from assistant.casestore.exchange.census import CensusImportError, import_cin_census

REFUSED = "declares a DTD or entities"
DOCTYPE = '<!DOCTYPE Message [<!ENTITY x "SYN-ENTITY-EXPANDED">]>'
#: A census whose LAchildID is an internal entity: imported, it would name a child the file never spells out.
WITH_ENTITY = census_xml(child_xml("&x;", episode("2023-01-01")))
HOSTILE = {
    "UTF-16 with a byte-order mark": ('<?xml version="1.0" encoding="UTF-16"?>' + DOCTYPE + WITH_ENTITY).encode(
        "utf-16"
    ),
    "UTF-16 without a declaration": (DOCTYPE + WITH_ENTITY).encode("utf-16"),
    "UTF-8": ('<?xml version="1.0" encoding="UTF-8"?>' + DOCTYPE + WITH_ENTITY).encode("utf-8"),
    "UTF-8, no declaration": (DOCTYPE + WITH_ENTITY).encode("utf-8"),
    "an external entity": ('<!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/hostname">]>' + WITH_ENTITY).encode(
        "utf-16"
    ),
    "a DTD with no entities": ("<!DOCTYPE Message>" + census_xml(child_xml("SYN-DTD", episode("2023-01-01")))).encode(
        "utf-16"
    ),
}


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "census.xml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_dtd_or_entity_is_refused_in_any_encoding_and_nothing_is_imported(
    loaded: Store, tmp_path: Path, case: str
) -> None:
    before = snapshot(loaded)
    with pytest.raises(CensusImportError) as refused:
        import_cin_census(loaded, _write(tmp_path, HOSTILE[case]), None, AUTHORITY, allow_partial=True)
    (problem,) = refused.value.problems
    assert problem.path == "census.xml" and REFUSED in problem.reason, problem
    assert "SYN-ENTITY-EXPANDED" not in str(refused.value)
    assert snapshot(loaded) == before


def test_a_utf16_census_without_a_dtd_still_imports(loaded: Store, tmp_path: Path) -> None:
    text = census_xml(child_xml("SYN-UTF16", episode("2023-01-01")))
    report = import_cin_census(loaded, _write(tmp_path, text.encode("utf-16")), None, AUTHORITY)
    assert report.imported == ("SYN-UTF16",)


def test_a_real_sample_still_imports(loaded: Store) -> None:
    report = import_cin_census(loaded, FIXTURES / LIIA, None, AUTHORITY)
    assert report.imported == ("DfEX0000001",) and report.events.added == 4

"""Which of the asker's children a message names: short forms, the start of a name, several at once."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from assistant.casestore import Store
from assistant.dialogue.children import named_children

from .conftest import store_with


@pytest.fixture
def names_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """w1's cases plus Abdirahman Osman, Bartłomiej Zając and Candice Hale (all made up)."""
    children = [
        ["ch7", "Abdirahman", "Osman", "2014-05-05", "N"],
        ["ch8", "Bartłomiej", "Zając", "2013-06-06", "N"],
        ["ch9", "Candice", "Hale", "2012-07-07", "N"],
    ]
    cases = [[f"c{n}", f"ch{n}", "w1", "standard", "2026-09-01"] for n in (7, 8, 9)]
    with store_with(store_url, tmp_path, children, cases) as opened:
        yield opened


def named(store: Store, text: str, capitalised: bool = False) -> list:
    return named_children(store, store.scope_for("w1"), text, None, first_names=True, capitalised=capitalised)


def test_the_start_of_a_name_written_as_a_name_is_that_child(names_store: Store) -> None:
    assert named(names_store, "anything open on Abdi's file") == ["c7"]
    assert named(names_store, "when did I last see Abdi") == ["c7"]


def test_a_common_short_form_from_another_language_is_that_child(names_store: Store) -> None:
    assert named(names_store, "has Bartek had his review") == ["c8"]


def test_a_capitalised_word_of_its_own_is_not_the_start_of_a_name(names_store: Store) -> None:
    assert named(names_store, "Can you show me what's due") == []  # "Can" is not Candice
    assert named(names_store, "anything for abdi") == []  # lower case: not written as a name


def test_several_first_names_give_each_child(names_store: Store) -> None:
    assert sorted(named(names_store, "saw Amelia and Candice after school")) == ["c1", "c9"]


def test_a_child_on_someone_elses_cases_is_never_matched(names_store: Store) -> None:
    assert named(names_store, "what's due for Bobby") in ([], ["bobby"])  # Bobby is w2's: no case of his


@pytest.fixture
def hope_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """w1's cases plus Hope Ward (made up): a first name that is an everyday word too."""
    children = [["ch7", "Hope", "Ward", "2016-01-01", "N"]]
    with store_with(store_url, tmp_path, children, [["c7", "ch7", "w1", "standard", "2026-09-01"]]) as opened:
        yield opened


def test_an_everyday_word_name_counts_where_the_message_says_the_child_was_seen(hope_store: Store) -> None:
    assert named(hope_store, "hope seen at nursery this morning, on her own") == ["c7"]
    assert named(hope_store, "i hope the review goes ahead this week") == []  # the word, not the child

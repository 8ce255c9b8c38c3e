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


@pytest.fixture
def forms_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """w1's cases plus Elizabeth Rowntree, Lacey-Mae Dunn, Ellis Fairclough and the Yusuf twins (all made up)."""
    children = [
        ["ch7", "Elizabeth", "Rowntree", "2014-05-05", "N"],
        ["ch8", "Lacey-Mae", "Dunn", "2013-06-06", "N"],
        ["ch9", "Ellis", "Fairclough", "2012-07-07", "N"],
        ["ch10", "Idris", "Yusuf", "2015-08-08", "N"],
        ["ch11", "Iman", "Yusuf", "2015-08-08", "N"],
        ["ch12", "Mohamed", "Jama", "2016-09-09", "N"],
    ]
    cases = [[f"c{n}", f"ch{n}", "w1", "standard", "2026-09-01"] for n in range(7, 13)]
    with store_with(store_url, tmp_path, children, cases) as opened:
        yield opened


def test_a_short_form_with_the_surname_names_the_child_outright(forms_store: Store) -> None:
    assert named(forms_store, "libby rowntree - when's her review") == ["c7"]
    assert named(forms_store, "what's due for betty rowntree this week", capitalised=True) == ["c7"]


def test_a_hyphenated_first_name_is_the_same_name_typed_with_a_space(forms_store: Store) -> None:
    assert named(forms_store, "lacey mae next plan") == ["c8"]
    assert named(forms_store, "Lacey Mae's plan due this week?", capitalised=True) == ["c8"]


def test_a_first_name_and_a_surname_initial_name_the_child(forms_store: Store) -> None:
    assert named(forms_store, "ellis f open items") == ["c9"]
    assert named(forms_store, "saw amelia a few days ago") == ["c1"]  # "a" is a word, not Amelia's initial


def test_a_child_and_a_family_named_together_are_all_of_them(forms_store: Store) -> None:
    assert sorted(named(forms_store, "elizabeth rowntree and the yusuf twins, anything late")) == ["c10", "c11", "c7"]


def test_a_lower_case_short_form_the_nlu_caught_is_an_everyday_word_in_a_list_question(forms_store: Store) -> None:
    scope = forms_store.scope_for("w1")
    said = "give me a mo, anything due this afternoon"
    assert named_children(forms_store, scope, said, "mo", first_names=True, capitalised=True) == []
    assert named_children(forms_store, scope, "anything due for Mo", "Mo", first_names=True, capitalised=True) == [
        "c12"
    ]
    # a question about one child reads first names in lower case, but never "a mo" or "at the mo"
    assert named_children(forms_store, scope, "got a mo between visits, anything due tmrw?", None, True) == []
    assert named_children(forms_store, scope, "anything due for mo tmrw", None, first_names=True) == ["c12"]


def test_a_whole_first_name_opening_a_question_is_that_child(forms_store: Store) -> None:
    scope = forms_store.scope_for("w1")
    for said in ("idris when is his plan due", "the new referral iman - is her assessment late"):
        found = named_children(
            forms_store, scope, said, None, first_names=True, capitalised=True, whole_first_names=True
        )
        assert len(found) == 1, said


@pytest.fixture
def typed_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """w1's cases plus Benedict Oyelowo, Blessing Mensah, and Rosa and Tomas Ferreira, under council-style
    references (all made up)."""
    children = [
        ["ch7", "Benedict", "Oyelowo", "2014-05-05", "N"],
        ["ch8", "Blessing", "Mensah", "2013-06-06", "N"],
        ["ch9", "Rosa", "Ferreira", "2012-07-07", "N"],
        ["ch10", "Tomas", "Ferreira", "2015-08-08", "N"],
    ]
    cases = [[f"MW-51{n:02d}", f"ch{n}", "w1", "standard", "2026-09-01"] for n in range(7, 11)]
    with store_with(store_url, tmp_path, children, cases) as opened:
        yield opened


def test_a_case_reference_typed_loosely_is_that_case(typed_store: Store) -> None:
    for said in ("tell me about mw5107", "full picture on mw 5108 pls", "MW-5109 overview", "anything for Mw5110?"):
        assert len(named(typed_store, said, capitalised=True)) == 1, said
    assert named(typed_store, "tell me about mw5199") == []  # no such case of theirs


def test_a_lower_case_name_written_as_a_possessive_is_a_name_in_a_list_question(typed_store: Store) -> None:
    assert named(typed_store, "benji's annual visit - is it in february?", capitalised=True) == ["MW-5107"]
    assert named(typed_store, "is ben's review this month", capitalised=True) == ["MW-5107"]


def test_an_everyday_word_name_opening_the_message_with_an_item_is_the_child(typed_store: Store) -> None:
    assert named(typed_store, "blessing case summary when") == ["MW-5108"]
    assert named(typed_store, "what a blessing the review went well") == []


def test_a_family_named_by_its_surname_alone_is_every_child_of_it(typed_store: Store) -> None:
    assert sorted(named(typed_store, "any ferreira stuff due by friday")) == ["MW-5109", "MW-5110"]


def test_a_surname_typed_nearly_right_after_the_first_name_is_that_child(typed_store: Store) -> None:
    scope = typed_store.scope_for("w1")
    said = "when is benedict oyelowes review"  # Oyelowo, mistyped
    assert named_children(typed_store, scope, said, "oyelowes", first_names=True) == ["MW-5107"]
    said = "when is benedict smith's review"  # another Benedict, not on the caseload: never this one
    assert named_children(typed_store, scope, said, "smith", first_names=True) == ["smith"]


@pytest.fixture
def spelt_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """w1's cases plus Mylo Hart, Alfie-James Cole, two Rubys, Storm Pike, the Finches and the Larks (made up)."""
    children = [
        ["ch7", "Mylo", "Hart", "2014-05-05", "N"],
        ["ch8", "Alfie-James", "Cole", "2013-06-06", "N"],
        ["ch9", "Ruby", "Tate", "2012-07-07", "N"],
        ["ch10", "Ruby", "Vane", "2015-08-08", "N"],
        ["ch11", "Storm", "Pike", "2016-09-09", "N"],
        ["ch12", "Ada", "Finch", "2016-09-09", "N"],
        ["ch13", "Kit", "Lark", "2016-09-09", "N"],
        ["ch14", "Tobias", "Reed", "2016-09-09", "N"],
    ]
    cases = [[f"c{n}", f"ch{n}", "w1", "standard", "2026-09-01"] for n in range(7, 15)]
    with store_with(store_url, tmp_path, children, cases) as opened:
        yield opened


def test_a_first_name_one_letter_out_where_a_name_goes_is_that_child(spelt_store: Store) -> None:
    assert named(spelt_store, "milo's next review", capitalised=True) == ["c7"]
    assert named(spelt_store, "myla next review", capitalised=True) == ["c7"]
    assert named(spelt_store, "i'll get a mile done today") == []  # a word, not a name


def test_initials_and_a_name_typed_without_its_hyphen_are_that_child(spelt_store: Store) -> None:
    assert named(spelt_store, "when is AJs next visit due", capitalised=True) == ["c8"]
    assert named(spelt_store, "whens alfiejames due a visit") == ["c8"]
    assert named(spelt_store, "toby seen mon") == ["c14"]


def test_namesakes_and_two_families_at_once_are_all_of_them(spelt_store: Store) -> None:
    assert sorted(named(spelt_store, "am i behind on anything with either of the rubys")) == ["c10", "c9"]
    assert sorted(named(spelt_store, "finch and lark kids - anything before christmas")) == ["c12", "c13"]


def test_an_everyday_word_name_written_as_a_possessive_before_its_item_is_the_child(spelt_store: Store) -> None:
    assert named(spelt_store, "when is storms next hv") == ["c11"]
    assert named(spelt_store, "the storms last week were awful") == []


def test_an_everyday_word_one_letter_from_a_name_is_not_that_name(hope_store: Store) -> None:
    assert named(hope_store, "first home visits outstanding across the team") == []

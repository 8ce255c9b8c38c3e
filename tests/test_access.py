"""The access matrix: who sees which cases, through every way in (issue 7, "Access and audit").

A worker sees only their own cases; a manager their team's; nobody anyone
else's. Each way in is tried for every viewer against every child: a child
named in the chat (by full name, first name, case reference and child id, as
an entity and only in the words), the chat's team questions, "my caseload",
the visit form, the web page's "this week" panel, the voice channel's name
list and `cin-assistant due`. A child out of scope must get exactly the answer
a child who does not exist gets (with the name swapped), so no reply reveals
that a child exists elsewhere. The same ways in through the running servers
are in tests/e2e/test_access.py.

Data (tests/dialogue/conftest.py): m1 manages w1 and w2 (team t1); m2
manages w3 (t2); cw1 is alone in Camden. Runs on SQLite, and on PostgreSQL
when CIN_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json
import uuid
from typing import Dict, FrozenSet, Iterator, List, Optional, Set

import pytest

from assistant.casestore import Store, open_store
from assistant.casestore.db import scratch_schema
from assistant.casestore.exchange.csv_import import import_csv
from assistant.channels.gate import Gate
from assistant.channels.web import panel_report
from assistant.cli import main as cli_main
from assistant.dialogue.caseload import CaseloadRequest, answer_caseload, caseload_rescue, shown_case_ids
from assistant.dialogue.reply import Reply
from assistant.dialogue.visits import check_visit, record_visit
from assistant.voice.language_model import caseload_names
from tests.conftest import BACKENDS, PG_URL
from tests.dialogue.conftest import TODAY, write_data

WIDE = "next 200 days"  # every item of every open case falls in it or is overdue

#: case -> (child id, first name, last name); c4 is closed (Casey's case).
CHILDREN: Dict[str, tuple] = {
    "c1": ("ch1", "Amelia", "Kestrel"),
    "c2": ("ch2", "Bobby", "Lark"),
    "c3": ("ch3", "Amelia", "Kite"),
    "c4": ("ch4", "Casey", "Wren"),
    "c5": ("ch5", "Dana", "Southwell"),
    "c6": ("ch6", "Eli", "Fixture"),
}
OWN: Dict[str, FrozenSet[str]] = {  # cases allocated to each worker
    "m1": frozenset(),
    "w1": frozenset({"c1", "c4"}),
    "w2": frozenset({"c2", "c3"}),
    "m2": frozenset(),
    "w3": frozenset({"c5"}),
    "cw1": frozenset({"c6"}),
}
VISIBLE: Dict[str, FrozenSet[str]] = {**OWN, "m1": frozenset({"c1", "c2", "c3", "c4"}), "m2": frozenset({"c5"})}
MANAGERS = {"m1", "m2"}
CLOSED = {"c4"}
NOBODY = ("ch99", "Zed", "Quixworth", "c99")  # a child who does not exist


@pytest.fixture(scope="module", params=BACKENDS)
def store_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """SQLite in memory (the matrix asks hundreds of questions, each audited: no disk syncs), shared
    by name so the in-process command line sees it too; and PostgreSQL when set."""
    if request.param == "sqlite":
        yield f"sqlite:///file:access_{uuid.uuid4().hex}?mode=memory&cache=shared&uri=true"
        return
    with scratch_schema(PG_URL, prefix="cin_test") as url:
        yield url


@pytest.fixture(scope="module")
def store(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store per backend for the module: nothing here changes a case (refused saves write nothing)."""
    opened = open_store(store_url)
    try:
        import_csv(opened, write_data(tmp_path_factory.mktemp("access") / "csv"))
        yield opened
    finally:
        opened.close()


def ask(store: Store, worker: str, kind: str, **fields: Optional[str]) -> Reply:
    return answer_caseload(store, worker, CaseloadRequest(kind=kind, **fields), TODAY)


def masked(reply: Reply, said: str) -> tuple:
    """The reply with the words the worker typed blanked out, to compare two look-ups."""
    return reply.text.replace(said.strip(), "<name>"), json.dumps(reply.payload, sort_keys=True).replace(
        said.strip(), "<name>"
    )


def names_for(case_id: str) -> Dict[str, str]:
    """The ways a worker can name the child of ``case_id`` (and the matching made-up name)."""
    child_id, first, last = CHILDREN[case_id]
    return {"full name": f"{first} {last}", "case reference": case_id, "child id": child_id}


def nobody_named(how: str, first_name: str) -> str:
    """A made-up name like the one said: the same first name (which may be one of the asker's
    own children's) with a surname nobody has, or a reference nobody has."""
    child_id, _, last, case_id = NOBODY
    return {"full name": f"{first_name} {last}", "case reference": case_id, "child id": child_id}[how]


def assert_within(reply: Reply, worker: str) -> None:
    shown = set(shown_case_ids(reply))
    assert shown <= VISIBLE[worker], f"{worker} was shown {sorted(shown - VISIBLE[worker])}: {reply.text}"


# --- a child named in the chat ------------------------------------------------------------


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_a_child_named_in_chat_is_answered_only_within_scope(store: Store, worker: str) -> None:
    """Every child, every way of naming them, every child question: in scope answers, out of scope
    is word for word the not-found answer a child who does not exist gets."""
    for case_id in CHILDREN:
        for how, said in names_for(case_id).items():
            for kind in ("next", "due"):  # a child's own question; a list narrowed to the child
                reply = ask(store, worker, kind, child=said)
                assert_within(reply, worker)
                if case_id in VISIBLE[worker]:
                    assert reply.type == "due_items", (worker, case_id, how, kind, reply.text)
                    assert reply.payload["query"]["child"]["case_id"] == case_id
                else:
                    ghost = nobody_named(how, CHILDREN[case_id][1])
                    assert masked(reply, said) == masked(ask(store, worker, kind, child=ghost), ghost)
                    assert reply.payload == {"type": "refusal", "reason": "child_not_found"}


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_a_child_named_only_in_the_words_is_found_only_within_scope(store: Store, worker: str) -> None:
    """The NLU missed the name: the message is searched, but only among the asker's own children."""
    for case_id, (_, first, last) in CHILDREN.items():
        for said in (f"{first} {last}", case_id):
            for kind, words in (("child_summary", "what's open for {}"),):
                reply = ask(store, worker, kind, text=words.format(said))
                assert_within(reply, worker)
                rescued = caseload_rescue(store, worker, words.format(said), TODAY, capitalised_only=True)
                if case_id in VISIBLE[worker] and case_id not in CLOSED:
                    assert reply.payload["query"]["child"]["case_id"] == case_id
                    assert rescued is not None and rescued.payload["query"]["child"]["case_id"] == case_id
                elif case_id not in VISIBLE[worker]:
                    ghost = f"{first} Quixworth" if " " in said else "c99"
                    nobody = ask(store, worker, kind, text=words.format(ghost))
                    assert masked(reply, said) == masked(nobody, ghost)
                    nobody_rescued = caseload_rescue(store, worker, words.format(ghost), TODAY, capitalised_only=True)
                    assert (rescued is None and nobody_rescued is None) or masked(rescued, said) == masked(
                        nobody_rescued, ghost
                    )


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_a_first_name_shared_across_teams_offers_only_the_askers_children(store: Store, worker: str) -> None:
    reply = ask(store, worker, "next", child="Amelia")
    assert_within(reply, worker)
    mine = {c for c in VISIBLE[worker] if CHILDREN[c][1] == "Amelia"}
    if len(mine) == 2:
        assert {o["case_id"] for o in reply.payload["options"]} == mine
    elif len(mine) == 1:
        assert reply.payload["query"]["child"]["case_id"] == mine.pop()
    else:
        assert masked(reply, "Amelia") == masked(ask(store, worker, "next", child="Zed"), "Zed")


# --- lists: mine, my team's -------------------------------------------------------------------


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_my_lists_hold_only_my_own_open_cases(store: Store, worker: str) -> None:
    mine = OWN[worker] - CLOSED
    due = ask(store, worker, "due", timeframe=WIDE)
    overdue = ask(store, worker, "overdue")
    overview = ask(store, worker, "caseload")
    for reply in (due, overdue, overview):
        assert set(shown_case_ids(reply)) <= mine
    assert {i["case_id"] for i in due.payload["items"]} == mine  # every open case has something due by then
    lines = overview.text.splitlines()[1:]
    assert sorted(line.split("(")[1].split(")")[0] for line in lines) == sorted(mine)


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_team_questions_are_for_managers_and_show_only_their_team(store: Store, worker: str) -> None:
    for kind in ("team_due", "team_overdue"):
        reply = ask(store, worker, kind, timeframe=WIDE)
        if worker not in MANAGERS:
            assert reply.payload == {"type": "refusal", "reason": "not_a_manager"}
            continue
        assert set(shown_case_ids(reply)) <= VISIBLE[worker] - CLOSED
    if worker in MANAGERS:
        team = ask(store, worker, "team_due", timeframe=WIDE)
        assert {i["case_id"] for i in team.payload["items"]} == VISIBLE[worker] - CLOSED


def test_someone_not_in_the_records_sees_nothing(store: Store) -> None:
    for kind in ("due", "team_due", "caseload", "next"):
        assert ask(store, "ghost", kind, child="Amelia Kestrel").payload == {
            "type": "refusal",
            "reason": "unknown_worker",
        }
    assert caseload_rescue(store, "ghost", "what's open for Amelia Kestrel", TODAY, capitalised_only=True) is None


# --- recording a visit ------------------------------------------------------------------------


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_the_visit_form_finds_and_writes_only_within_scope(store: Store, worker: str) -> None:
    before = store.counts()["events"]
    for case_id in CHILDREN:
        for how, said in names_for(case_id).items():
            check = check_visit(store, worker, said, None, TODAY)
            if case_id in VISIBLE[worker]:
                assert check.ok or check.reply.reason == "case_closed", (worker, said)
                continue
            ghost = nobody_named(how, CHILDREN[case_id][1])
            assert not check.ok
            assert masked(check.reply, said) == masked(check_visit(store, worker, ghost, None, TODAY).reply, ghost)
            saved = record_visit(store, worker, case_id, TODAY, child_seen=True, seen_alone=True, today=TODAY)
            assert saved.payload == {"type": "refusal", "reason": "child_not_found"}
    assert store.counts()["events"] == before  # nothing was written by the refused saves


# --- the web panel, the voice vocabulary, the command line --------------------------------------


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_the_panel_and_the_due_command_show_a_worker_their_own_cases_only(
    store: Store,
    store_url: str,
    worker: str,
    capsys: pytest.CaptureFixture,
) -> None:
    panel = panel_report(Gate(store=store), worker, TODAY)
    assert {i["case_id"] for i in panel["items"]} <= OWN[worker] - CLOSED
    capsys.readouterr()
    assert cli_main(["due", "--worker", worker, "--json", "--today", TODAY.isoformat(), "--db", store_url]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli["items"] == panel["items"]  # the panel is the due command
    assert (
        cli_main(
            ["due", "--worker", worker, "--json", "--window", WIDE, "--today", TODAY.isoformat(), "--db", store_url]
        )
        == 0
    )
    assert {i["case_id"] for i in json.loads(capsys.readouterr().out)["items"]} == OWN[worker] - CLOSED


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_the_due_command_for_a_team_is_for_managers_only(
    store: Store,
    store_url: str,
    worker: str,
    capsys: pytest.CaptureFixture,
) -> None:
    capsys.readouterr()
    code = cli_main(
        [
            "due",
            "--worker",
            worker,
            "--team",
            "--json",
            "--window",
            WIDE,
            "--today",
            TODAY.isoformat(),
            "--db",
            store_url,
        ]
    )
    out = capsys.readouterr()
    if worker not in MANAGERS:
        assert code == 1 and "not a manager" in out.err and out.out == ""
        return
    assert code == 0
    assert {i["case_id"] for i in json.loads(out.out)["items"]} == VISIBLE[worker] - CLOSED


def test_the_due_command_refuses_a_worker_it_does_not_know(store: Store, store_url: str, capsys) -> None:
    assert cli_main(["due", "--worker", "ghost", "--db", store_url]) == 1
    assert "no worker with id 'ghost'" in capsys.readouterr().err


@pytest.mark.parametrize("worker", sorted(VISIBLE))
def test_the_voice_channel_listens_only_for_the_askers_children(store: Store, worker: str) -> None:
    """The recogniser is primed with names: only the names of children the worker may ask about."""
    from assistant.channels.voice import caseload_names as voice_names

    heard: Set[str] = set(voice_names(Gate(store=store), worker))
    allowed: List[str] = caseload_names((c, *CHILDREN[c][1:]) for c in VISIBLE[worker] - CLOSED)
    assert heard == set(allowed)

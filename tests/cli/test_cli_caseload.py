"""`cin-assistant import csv` and `cin-assistant due`, run as a worker would run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Tuple

import pytest
from sqlalchemy import func, select

from assistant.casestore import open_store
from assistant.casestore.models import Case, Child, Event
from assistant.cli import main as cli_main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "csv-small"


def cli(*args: str, db: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CIN_DATABASE_URL": db, "CIN_TODAY": "2026-11-23"}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = cli("import", "csv", str(FIXTURE), db=url)
    assert result.returncode == 0, result.stderr
    assert "events.csv: added 7" in result.stdout
    return url


def test_due_json_follows_the_spec_contract(db: str) -> None:
    result = cli("due", "--worker", "w1", "--json", db=db)
    data = json.loads(result.stdout)
    assert data["worker_id"] == "w1" and data["today"] == "2026-11-23"
    assert data["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    # Amelia seen Thu 5 Nov: 15 working days (Medway 10.1) -> Thu 26 Nov.
    assert data["items"] == [
        {
            "case_id": "c1",
            "child_id": "ch1",
            "child_name": "Amelia K",
            "item": "visit",
            "due": "2026-11-26",
            "status": "due",
            "authority": "medway",
            "rule": "visits at least every 15 working days",
            "source": {"document": "002_dcf06b917ba11a67.txt", "section": "10.1"},
            "conflicts": [],
        }
    ]


def test_a_worker_sees_only_their_own_cases_and_a_manager_their_team(db: str) -> None:
    own = json.loads(cli("due", "--worker", "w2", "--json", "--window", "next 14 days", db=db).stdout)
    assert {i["case_id"] for i in own["items"]} == {"c2"}
    team = json.loads(cli("due", "--worker", "m1", "--team", "--json", "--window", "next 14 days", db=db).stdout)
    assert {i["case_id"] for i in team["items"]} == {"c1", "c2"}
    refused = cli("due", "--worker", "w1", "--team", db=db)
    assert refused.returncode == 1 and "not a manager" in refused.stderr


def test_the_table_shows_overdue_items_with_the_guidance_conflict_beside_them(db: str) -> None:
    out = cli("due", "--worker", "w2", "--window", "next 14 days", db=db).stdout
    # Bobby's welfare-level visit: seen Thu 1 Oct + 3 weeks = Thu 22 Oct, overdue.
    assert "Thu 22 Oct 2026  overdue  Bobby L" in out
    assert "the guidance also says (13.2)" in out


def test_bad_input_is_one_clear_line_and_changes_nothing(db: str, tmp_path: Path) -> None:
    assert "no worker with id 'ghost'" in cli("due", "--worker", "ghost", db=db).stderr
    assert "accepted phrases" in cli("due", "--worker", "w1", "--window", "soonish", db=db).stderr
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURE, bad)
    with (bad / "events.csv").open("a", encoding="utf-8") as f:
        f.write("c1,visit,2026-02-31,Y,N,\n")
    result = cli("import", "csv", str(bad), db=db)
    assert result.returncode == 1
    assert "events.csv:9: date '2026-02-31' is not a real date" in result.stderr
    assert "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    again = json.loads(cli("due", "--worker", "w1", "--json", db=db).stdout)
    assert len(again["items"]) == 1


def test_demo_data_loads_a_caseload_that_due_answers_for(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    made = cli("demo-data", "--out", str(tmp_path / "csv"), "--seed", "5", "--load", db=url)
    assert made.returncode == 0, made.stderr
    assert "cases.csv: added" in made.stdout
    workers = (tmp_path / "csv" / "workers.csv").read_text(encoding="utf-8").splitlines()[1:]
    social_worker = next(line.split(",")[0] for line in workers if ",social_worker," in line)
    data = json.loads(cli("due", "--worker", social_worker, "--json", "--window", "this month", db=url).stdout)
    assert data["items"], "a demo caseload has visits and reviews coming up or overdue"
    assert {i["status"] for i in data["items"]} <= {"due", "overdue"}


def test_census_import_refuses_an_invalid_child_naming_the_element(db: str) -> None:
    sample = Path(__file__).resolve().parents[1] / "fixtures" / "cin-census" / "d2i-CIN_Census_2024.xml"
    result = cli("import", "cin-census", str(sample), "--authority", "medway", db=db)
    assert result.returncode == 1
    assert "nothing was changed" in result.stderr
    assert "CINdetails[1]/CINreferralDate" in result.stderr


def test_ingest_a_new_councils_document_from_the_command_line(tmp_path: Path) -> None:
    doc = Path(__file__).resolve().parents[1] / "fixtures" / "guidance" / "northshire_cin.html"
    index = tmp_path / "index.json"
    result = cli(
        "ingest",
        str(doc),
        "--authority",
        "northshire",
        "--title",
        "Northshire CIN procedure",
        "--index",
        str(index),
        db="sqlite://",
    )
    assert result.returncode == 0, result.stderr
    assert "northshire_cin.html" in result.stdout and index.exists()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    failed = cli("ingest", str(broken), "--authority", "x", "--title", "X", "--index", str(index), db="sqlite://")
    assert failed.returncode == 1 and "broken.docx" in failed.stderr and "Traceback" not in failed.stderr


# --- `import cin-census` in process (assistant.cli.main), on SQLite and, with CIN_TEST_DATABASE_URL, PostgreSQL ---


def census_file(tmp_path: Path, children: int, lea: str = "887", sex: str = "X") -> Path:
    """A census of synthetic children SYN-W01.., each with one open episode; Sex X is a warning per child."""
    child = (
        "<Child><ChildIdentifiers><LAchildID>SYN-W{n:02d}</LAchildID><PersonBirthDate>2015-05-05</PersonBirthDate>"
        "<Sex>{sex}</Sex></ChildIdentifiers><ChildCharacteristics><Disabilities><Disability>NONE</Disability>"
        "</Disabilities></ChildCharacteristics><CINdetails><CINreferralDate>2023-01-{day:02d}</CINreferralDate>"
        "<PrimaryNeedCode>N4</PrimaryNeedCode></CINdetails></Child>"
    )
    path = tmp_path / f"census-{lea}-{children}.xml"
    path.write_text(
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>2024-03-31</ReferenceDate>"
        f"</CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>{lea}</LEA></Source></Header><Children>"
        + "".join(child.format(n=n, sex=sex, day=n % 28 + 1) for n in range(1, children + 1))
        + "</Children></Message>",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def medway_store(store_url: str, capsys: pytest.CaptureFixture) -> str:
    """A store holding the small Medway caseload (its workers take the census's unallocated cases)."""
    assert cli_main(["import", "csv", str(FIXTURE), "--db", store_url]) == 0
    capsys.readouterr()
    return store_url


def run(capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, str, str]:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def store_counts(url: str) -> Tuple[int, int, int]:
    """How many children, cases and events the store holds."""
    with open_store(url) as store, store.engine.connect() as connection:
        return tuple(connection.execute(select(func.count()).select_from(m)).scalar() for m in (Child, Case, Event))


def test_census_warnings_show_the_first_20_then_how_many_more(
    medway_store: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = census_file(tmp_path, 25)
    code, out, _ = run(capsys, "import", "cin-census", str(path), "--authority", "medway", "--db", medway_store)
    assert code == 0 and "25 imported, 0 rejected, 25 warning(s)" in out
    shown = [line for line in out.splitlines() if line.startswith("  warning: ")]
    assert len(shown) == 20
    assert shown[0] == (
        "  warning: SYN-W01: Message/Children/Child[1]/ChildIdentifiers/Sex: unknown Sex code 'X' "
        "(expected one of: M, F, U); ignored (gender is not stored)"
    )
    assert out.splitlines()[-1] == "  ... and 5 more (--all-warnings shows every one)"

    # A manager names a census child in the store; warnings still name children only by LAchildID and path.
    named = tmp_path / "named"
    named.mkdir()
    for name in ("workers.csv", "cases.csv", "events.csv"):
        header = (FIXTURE / name).read_text(encoding="utf-8").splitlines()[0]
        (named / name).write_text(header + "\n", encoding="utf-8")
    (named / "children.csv").write_text(
        "child_id,first_name,last_name,birth_date,disabled\nmedway:SYN-W07,Amelia,Kestrel,2015-05-05,N\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", "csv", str(named), "--db", medway_store)[0] == 0
    code, out, _ = run(
        capsys, "import", "cin-census", str(path), "--authority", "medway", "--all-warnings", "--db", medway_store
    )
    assert code == 0 and "more (--all-warnings" not in out
    shown = [line for line in out.splitlines() if line.startswith("  warning: ")]
    assert [line.split(":")[1].strip() for line in shown] == [f"SYN-W{n:02d}" for n in range(1, 26)]
    assert "Amelia" not in out and "Kestrel" not in out


def test_a_real_samples_warnings_are_shown_and_its_forced_authority_reported(
    medway_store: str, capsys: pytest.CaptureFixture
) -> None:
    sample = Path(__file__).resolve().parents[1] / "fixtures" / "cin-census" / "liia-tools-cin-2022.xml"
    code, out, _ = run(
        capsys, "import", "cin-census", str(sample), "--authority", "medway", "--force-authority", "--db", medway_store
    )  # the sample is LEA 201's
    assert code == 0
    assert "authority check overridden: the file's LEA is 201 (a council not in the LEA table)" in out
    shown = [line for line in out.splitlines() if line.startswith("  warning: ")]
    assert [line.split(": ")[2].rsplit("/", 1)[-1] for line in shown] == ["AssessmentAuthorisationDate", "CPPendDate"]
    assert all(line.startswith("  warning: DfEX0000001: Message/Children/Child[1]/CINdetails[1]/") for line in shown)
    assert "... and" not in out


def test_another_councils_census_is_refused_in_one_line_and_changes_nothing(
    medway_store: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    kents = census_file(tmp_path, 3, lea="886", sex="F")
    before = store_counts(medway_store)
    code, out, err = run(capsys, "import", "cin-census", str(kents), "--authority", "medway", "--db", medway_store)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "census import refused, nothing was changed: the file's LEA is 886 (kent), but the authority named is "
        "medway (LEA 887); --force-authority imports it as medway anyway"
    ]
    assert store_counts(medway_store) == before

    code, out, _ = run(
        capsys, "import", "cin-census", str(kents), "--authority", "medway", "--force-authority", "--db", medway_store
    )
    assert code == 0
    assert (
        "authority check overridden: the file's LEA is 886 (kent), but the authority named is medway (LEA 887); "
        "imported as medway" in out
    )
    assert "cases: added 3" in out
    assert store_counts(medway_store) == (before[0] + 3, before[1] + 3, before[2])


def test_a_census_of_the_named_authority_imports_as_before(
    medway_store: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = census_file(tmp_path, 2, sex="M")
    code, out, err = run(capsys, "import", "cin-census", str(path), "--authority", "medway", "--db", medway_store)
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "census 2024-03-31 for medway: 2 child(ren) in file, 2 imported, 0 rejected, 0 warning(s)",
        "children: added 2, updated 0, unchanged 0",
        "cases: added 2, updated 0, unchanged 0",
        "events: added 0, updated 0, unchanged 0",
        "open cases: 2, unallocated: 2",
    ]

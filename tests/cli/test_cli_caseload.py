"""`cin-assistant import csv` and `cin-assistant due`, run as a worker would run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert data["items"] == [{
        "case_id": "c1", "child_id": "ch1", "child_name": "Amelia K", "item": "visit",
        "due": "2026-11-26", "status": "due", "authority": "medway",
        "rule": "visits at least every 15 working days",
        "source": {"document": "002_dcf06b917ba11a67.txt", "section": "10.1"}, "conflicts": [],
    }]


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
    result = cli("ingest", str(doc), "--authority", "northshire", "--title", "Northshire CIN procedure",
                 "--index", str(index), db="sqlite://")
    assert result.returncode == 0, result.stderr
    assert "northshire_cin.html" in result.stdout and index.exists()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    failed = cli("ingest", str(broken), "--authority", "x", "--title", "X", "--index", str(index), db="sqlite://")
    assert failed.returncode == 1 and "broken.docx" in failed.stderr and "Traceback" not in failed.stderr

"""The command reports mistakes in one clear line, never a stack trace."""

import os
import subprocess
import sys


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_a_bad_cin_today_is_one_clear_line():
    result = _cli("run", CIN_TODAY="next tuesday")
    assert result.returncode == 1
    assert "CIN_TODAY must be a date as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_corpus_check_confirms_the_shipped_corpus():
    result = _cli("corpus", "check")
    assert result.returncode == 0, result.stderr
    assert "Guidance corpus complete: 5 documents" in result.stdout


def test_rules_check_finds_every_curated_rule_in_the_guidance():
    result = _cli("rules", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "32/32 curated rules found in the guidance (recall 100.0%)" in result.stdout
    assert "false positives (not timescales): none" in result.stdout


def test_ask_quotes_the_councils_guidance_with_its_section():
    import json

    # the keyword door; the trained-NLU door is checked against the chat in tests/e2e
    result = _cli("ask", "how", "often", "should", "i", "visit", "--authority", "medway", "--json", "--keywords")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["topic"] == "visits" and answer["authority"] == "medway"
    assert any(c["section"] == "10.1" and "15 working days" in c["quote"] for c in answer["citations"])


def test_ask_without_a_trained_model_says_how_to_get_one(tmp_path):
    result = _cli("ask", "how often do i visit", "--model", str(tmp_path / "none.tar.gz"))
    assert result.returncode != 0
    assert "make setup" in result.stderr and "Traceback" not in result.stderr

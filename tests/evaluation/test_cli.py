"""`python -m evaluation`: the measurements print their figures and report mistakes in one line."""

import os
import subprocess
import sys


def _evaluation(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evaluation", *args], capture_output=True, text=True, env={**os.environ}
    )


def test_eval_scores_ask_and_the_bm25_baseline(tmp_path):
    questions = tmp_path / "two.yml"
    questions.write_text(
        "questions:\n"
        '  - {q: "how often do i visit in medway", topic: visits, authority: medway, split: dev,'
        ' facts: ["15 working days"], cite: [["002_dcf06b917ba11a67.txt", "10.1"]]}\n'
        '  - {q: "how often do i visit in medway", topic: visits, authority: medway, split: dev,'
        ' facts: ["a fact no answer contains"], cite: [["002_dcf06b917ba11a67.txt", "10.1"]]}\n',
        encoding="utf-8",
    )
    result = _evaluation("knowledge", "--questions", str(questions))
    assert result.returncode == 0, result.stderr
    assert "ask: 1/2 = 50.0% answered with the right facts and a correct citation" in result.stdout
    assert "BM25 baseline:" in result.stdout

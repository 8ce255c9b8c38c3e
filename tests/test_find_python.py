"""The set-up finds Python 3.10 or says how to get it."""

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "find-python310"


def test_finds_a_working_python_310():
    out = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run(
        [out, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True
    ).stdout
    assert version.strip() == "(3, 10)"


def test_without_python_310_it_stops_saying_how_to_get_it(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no pyenv, no 3.10
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env)
    if result.returncode == 0:  # this machine's /usr/bin has a 3.10 of its own
        assert result.stdout.strip().startswith("/usr/")
        return
    assert "Python 3.10 was not found" in result.stderr
    assert "pyenv install 3.10" in result.stderr

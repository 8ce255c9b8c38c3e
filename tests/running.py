"""Test helpers for `cin-assistant run` as an operator starts it: its processes and what they listen on."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple


def children(pid: int) -> List[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def process_tree(pid: int) -> Set[int]:
    """``pid`` and every process below it."""
    tree, todo = {pid}, [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in tree:
                tree.add(child)
                todo.append(child)
    return tree


def listeners(pids: Set[int]) -> List[Tuple[str, int]]:
    """The TCP (address, port) pairs the processes ``pids`` listen on, read with `ss -ltnp`."""
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        owners = {int(p) for p in re.findall(r"pid=(\d+)", line)}
        if owners & pids:
            local = line.split()[3]
            address, port = local.rsplit(":", 1)
            found.append((address.strip("[]"), int(port)))
    return found


@contextlib.contextmanager
def launched(env: Dict[str, str], timeout: float = 240) -> Iterator[Tuple[subprocess.Popen, List[str]]]:
    """`cin-assistant run` with ``env``, until it says it is ready; stopped with Ctrl-C (SIGINT) after.

    Yields the process and its output lines so far (still being read).
    """
    run = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "run"],
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: List[str] = []
    reader = threading.Thread(target=lambda: lines.extend(run.stdout), daemon=True)  # keeps the pipe drained
    reader.start()
    try:
        deadline = time.monotonic() + timeout
        while not any("is ready" in line for line in lines) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        yield run, lines
    finally:
        run.send_signal(signal.SIGINT)  # Ctrl-C: the launcher stops everything it started
        try:
            run.wait(timeout=90)
        except subprocess.TimeoutExpired:
            run.kill()
            raise AssertionError("the launcher did not stop after Ctrl-C:\n" + "".join(lines[-40:])) from None
        reader.join(timeout=30)

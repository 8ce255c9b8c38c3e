"""Chat latency through the real HTTP server against a minimal `rasa init` bot (`cin-assistant bench chat`).

In a temporary folder ``rasa init --no-prompt --init-dir <tmp>`` (the venv's
Rasa) trains the moodbot; it is served with ``rasa run --enable-api`` beside
our assistant (``start_assistant`` with the seeded demo store of the held-out
file, ``CIN_DATABASE_URL`` and ``CIN_TODAY`` set). After a warm-up, N messages
go to each, interleaved one for one so both see the same machine load: the
moodbot gets its own kind of messages ("hi", "I am sad"), ours procedural and
caseload messages from ``evaluation/sets/chat-heldout.yml``, each signed in
as its sender (our REST channel checks a token on every message; the
moodbot's plain REST channel has none). The wall-clock time
of each HTTP request is recorded; p50/p95 are printed for the moodbot,
ours-procedural and ours-caseload, with ours p95 / moodbot p95 against the
1.5 target. Processes and temporary folders are cleaned up even on Ctrl-C.
Numbers, printed, not asserted.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

TARGET_RATIO = 1.5
MOODBOT_MESSAGES: Tuple[str, ...] = (
    "hi",
    "hello there",
    "I am sad",
    "very bad",
    "I am great",
    "good morning",
    "no",
    "yes",
    "bye",
    "are you a bot?",
    "I feel unhappy",
    "perfect",
    "goodbye",
    "hey",
    "not really",
    "amazing",
)


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Series:
    name: str
    seconds: List[float]

    @property
    def p50(self) -> float:
        return percentile(self.seconds, 50)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 95)

    def line(self) -> str:
        return f"{self.name:<22} n={len(self.seconds):<4} p50 {self.p50 * 1000:8.1f} ms   p95 {self.p95 * 1000:8.1f} ms"


def post(url: str, sender: str, message: str, timeout: float = 60.0, token: Optional[str] = None) -> float:
    """Send one REST message; the wall-clock seconds until the whole reply was read.

    With ``token`` (our signed REST channel) the sender is the token's worker;
    without it (the moodbot's plain REST channel) it is ``sender``.
    """
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
    return time.perf_counter() - started


def _wait_status(url: str, proc: subprocess.Popen, timeout: float, log_path: Path) -> None:
    started = time.monotonic()
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the moodbot server stopped while starting; log: {log_path}")
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"the moodbot server did not answer within {timeout:.0f} s; log: {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/status", timeout=5) as response:
                if json.loads(response.read() or b"{}").get("model_file"):
                    return
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.5)


def _stop(proc: Optional[subprocess.Popen]) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _rasa() -> List[str]:
    return [sys.executable, "-m", "rasa"]


def bench_chat(
    messages: int = 200,
    warmup: int = 10,
    heldout_path: Optional[Path] = None,
    log: Callable[[str], None] = print,
) -> Dict[str, Series]:
    """Run the benchmark; return the series by name (moodbot, ours-procedural, ours-caseload, ours-all)."""
    from assistant.runtime.launcher import child_env, free_port, start_assistant
    from evaluation.chat_eval import demo_store_url, load_heldout

    heldout = load_heldout(heldout_path)
    work = Path(tempfile.mkdtemp(prefix="cin-bench-chat-"))
    env = child_env()
    moodbot: Optional[subprocess.Popen] = None
    ours = None
    try:
        init_dir = _train_moodbot(work, env, log)
        store_url = demo_store_url(heldout.seed, heldout.today, work / "store", heldout.children)
        mood_port = free_port()
        mood_log = work / "moodbot.log"
        moodbot = _start_moodbot(init_dir, mood_port, env, mood_log)
        ours = start_assistant(
            free_port(),
            free_port(),
            log_dir=work / "logs",
            env={"CIN_DATABASE_URL": store_url, "CIN_TODAY": heldout.today.isoformat()},
        )
        mood_url = f"http://127.0.0.1:{mood_port}"
        log("Starting both servers ...")
        _wait_status(mood_url, moodbot, 300, mood_log)
        ours.wait_ready(timeout=300)

        procedural = [(p.sender, p.q) for p in heldout.procedural]
        caseload = [(c.sender, c.q) for c in heldout.caseload]
        ours_plan = _plan(procedural, caseload, messages)

        log(f"Warm-up: {warmup} messages each ...")
        for n in range(warmup):
            post(mood_url, f"warm-{n}", MOODBOT_MESSAGES[n % len(MOODBOT_MESSAGES)])
            for sender, text in (procedural[n % len(procedural)], caseload[n % len(caseload)]):
                post(ours.url, sender, text, token=ours.token_for(sender))

        log(f"Measuring: {messages} messages each, interleaved ...")
        return _measure(mood_url, ours, ours_plan, log)
    finally:
        if ours is not None:
            ours.stop()
        _stop(moodbot)
        shutil.rmtree(work, ignore_errors=True)


def _train_moodbot(work: Path, env: Dict[str, str], log: Callable[[str], None]) -> Path:
    """``rasa init`` in ``work/moodbot`` (it trains the moodbot); the folder, or RuntimeError with the log."""
    init_dir = work / "moodbot"
    init_dir.mkdir()  # rasa init refuses a folder that does not exist
    log(f"rasa init --no-prompt --init-dir {init_dir} (trains the moodbot) ...")
    started = time.monotonic()
    with open(work / "rasa-init.log", "w", encoding="utf-8") as out:
        code = subprocess.call(
            [*_rasa(), "init", "--no-prompt", "--init-dir", str(init_dir)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if code != 0 or not list((init_dir / "models").glob("*.tar.gz")):
        raise RuntimeError(f"rasa init failed (exit {code}); log: {work / 'rasa-init.log'}")
    log(f"  trained in {time.monotonic() - started:.0f} s")
    return init_dir


def _start_moodbot(init_dir: Path, port: int, env: Dict[str, str], log_path: Path) -> subprocess.Popen:
    """``rasa run --enable-api`` for the moodbot, in its own process group (stopped with :func:`_stop`)."""
    return subprocess.Popen(
        [*_rasa(), "run", "--enable-api", "--port", str(port)],
        cwd=init_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=open(log_path, "w", encoding="utf-8"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _plan(
    procedural: Sequence[Tuple[str, str]], caseload: Sequence[Tuple[str, str]], messages: int
) -> List[Tuple[str, str, str]]:
    """Our messages: (family, sender, message), alternating procedural and caseload."""
    ours_plan: List[Tuple[str, str, str]] = []
    for n in range(messages):
        family, pool = ("procedural", procedural) if n % 2 == 0 else ("caseload", caseload)
        sender, text = pool[(n // 2) % len(pool)]
        ours_plan.append((family, sender, text))
    return ours_plan


def _measure(
    mood_url: str, ours: Any, ours_plan: Sequence[Tuple[str, str, str]], log: Callable[[str], None]
) -> Dict[str, Series]:
    """One moodbot message and one of ours per step, who goes first alternating; the seconds of each."""
    messages = len(ours_plan)
    series: Dict[str, Series] = {
        name: Series(name, []) for name in ("moodbot", "ours-procedural", "ours-caseload", "ours-all")
    }
    for n in range(messages):
        first_mood = n % 2 == 0  # alternate who goes first too
        family, sender, text = ours_plan[n]
        if first_mood:
            series["moodbot"].seconds.append(
                post(mood_url, f"bench-{n % 20}", MOODBOT_MESSAGES[n % len(MOODBOT_MESSAGES)])
            )
        took = post(ours.url, sender, text, token=ours.token_for(sender))
        series[f"ours-{family}"].seconds.append(took)
        series["ours-all"].seconds.append(took)
        if not first_mood:
            series["moodbot"].seconds.append(
                post(mood_url, f"bench-{n % 20}", MOODBOT_MESSAGES[n % len(MOODBOT_MESSAGES)])
            )
        if (n + 1) % 50 == 0:
            log(f"  {n + 1}/{messages}")
    return series


def render(series: Dict[str, Series]) -> str:
    base = series["moodbot"].p95
    lines = ["Chat latency through the REST webhook (wall clock per request):"]
    lines += ["  " + s.line() for s in series.values()]
    for name in ("ours-procedural", "ours-caseload", "ours-all"):
        ratio = series[name].p95 / base if base else float("nan")
        verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
        lines.append(f"  {name} p95 / moodbot p95 = {ratio:.2f} (target <= {TARGET_RATIO})  {verdict}")
    return "\n".join(lines)


__all__ = ["MOODBOT_MESSAGES", "Series", "TARGET_RATIO", "bench_chat", "percentile", "post", "render"]

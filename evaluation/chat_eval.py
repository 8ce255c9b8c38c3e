"""End-to-end scoring of the chat on a held-out set, through the running REST server.

``cin-assistant eval-chat`` (and ``make eval-chat``) reads
``evaluation/sets/chat-heldout.yml`` (messages written apart from the training
data; :mod:`evaluation.chat_heldout`), builds the seeded demo case store the file names (a temporary SQLite
file; :mod:`evaluation.demo_store`), starts the Rasa server and the action server with ``CIN_DATABASE_URL``
and ``CIN_TODAY`` set (or talks to an already running server with ``--url``),
sends every message (:mod:`evaluation.chat_client`) and scores the replies against the REST reply contract of
docs/conversation.md (:mod:`evaluation.chat_scoring`):

* procedural: the ``custom`` payload is ``type: answer``; every fact occurs in
  the reply text (whitespace collapsed, case-insensitive, Markdown emphasis
  removed; a fact may be a list of alternative wordings); at least one payload
  citation has an acceptable ``[document, section]``;
* caseload: the payload is ``type: due_items``; ``query.kind``,
  ``query.item_type``, ``query.window`` and ``query.child.child_id`` equal the
  expected ones; ``items`` equal the items computed from
  the case store and the engine (``assistant.services.caseload``, ``assistant.domain.engine``)
  for that worker and query (:mod:`evaluation.chat_expected`, which lists what each kind expects),
  compared on the spec §5 fields ``case_id``, ``item``, ``due`` and ``status``.

Each message is its own conversation: before it, the REST channel's restart
route (``POST /webhooks/rest/restart``, signed in as the worker) starts it
afresh, so the sender id stays the worker id while no slot or context leaks
from the previous message. A follow-up sequence is restarted
once and scored on its last message.

It is a measurement: the command prints the figures and always exits 0.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import urllib.error
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from evaluation.chat_client import Client
from evaluation.chat_expected import (
    ITEM_FIELDS,
    TEAM_KINDS,
    WINDOW_KINDS,
    expected_items,
    item_key,
    open_items_for,
)
from evaluation.chat_heldout import (
    CASELOAD_KINDS,
    HELDOUT_PATH,
    Caseload,
    Expect,
    Fact,
    Heldout,
    HeldoutError,
    Procedural,
    load_heldout,
)
from evaluation.chat_scoring import Score, score_caseload, score_procedural, split_replies
from evaluation.demo_store import demo_store_url

TARGETS = {"procedural": 0.95, "caseload": 0.97}

# evaluation/caseload_eval.py imports these by their earlier, private names
_item_key = item_key
_open_items_for = open_items_for


@dataclass
class EvalResult:
    scores: List[Score]
    seed: int
    today: str
    url: str
    seconds: float = 0.0

    def by_family(self) -> Dict[str, Tuple[int, int]]:
        out: Dict[str, List[int]] = {}
        for s in self.scores:
            fam = "caseload" if s.family == "followup" else s.family
            for key in (fam, s.family) if s.family == "followup" else (fam,):
                out.setdefault(key, [0, 0])
                out[key][0] += s.ok
                out[key][1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def to_json(self) -> Dict[str, Any]:
        fams = self.by_family()
        return {
            "seed": self.seed,
            "today": self.today,
            "url": self.url,
            "seconds": round(self.seconds, 1),
            "families": {
                k: {"correct": r, "total": t, "accuracy": round(r / t, 4) if t else None, "target": TARGETS.get(k)}
                for k, (r, t) in fams.items()
            },
            "groups": {
                f"{fam}:{g}": {"correct": r, "total": t} for (fam, g), (r, t) in sorted(self.by_group().items())
            },
            "results": [asdict(s) for s in self.scores],
        }

    def by_group(self) -> Dict[Tuple[str, str], Tuple[int, int]]:
        out: Dict[Tuple[str, str], List[int]] = defaultdict(lambda: [0, 0])
        for s in self.scores:
            out[(s.family, s.group)][0] += s.ok
            out[(s.family, s.group)][1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def render(self, show_misses: bool = True, max_misses_per_group: int = 8) -> str:
        lines = [f"Chat evaluation through {self.url} (demo store seed {self.seed}, today {self.today}):"]
        fams = self.by_family()
        for fam in ("procedural", "caseload", "followup"):
            if fam not in fams:
                continue
            r, t = fams[fam]
            target = TARGETS.get(fam)
            verdict = (
                "" if target is None else (f"  target {target:.0%}: " + ("MET" if t and r / t >= target else "NOT MET"))
            )
            label = (
                "caseload (incl. follow-ups)"
                if fam == "caseload"
                else "follow-ups (last turn)"
                if fam == "followup"
                else fam
            )
            lines.append(f"  {label:<28} {r:>4}/{t:<4} {r / t if t else 0:6.1%}{verdict}")
        lines.append("  by topic / kind:")
        for (fam, group), (r, t) in sorted(self.by_group().items()):
            lines.append(f"    {fam:<11} {group:<24} {r:>3}/{t:<3} {r / t:5.0%}")
        misses = [s for s in self.scores if not s.ok]
        if show_misses and misses:
            lines.append(f"  misses ({len(misses)}):")
            shown: Counter = Counter()
            for s in misses:
                key = (s.family, s.group)
                shown[key] += 1
                if shown[key] > max_misses_per_group:
                    continue
                lines.append(f"    [{s.family}:{s.group}] {s.sender}: {s.q!r} -> {s.reason()}")
            hidden = sum(max(0, n - max_misses_per_group) for n in shown.values())
            if hidden:
                lines.append(f"    ... {hidden} more in the JSON report")
        lines.append(f"  ({len(self.scores)} messages in {self.seconds:.0f} s)")
        return "\n".join(lines)


def evaluate_heldout(
    heldout: Heldout,
    client: Client,
    store: Any,
    log: Callable[[str], None] = print,
) -> EvalResult:
    """Send every held-out message (each in a fresh conversation) and score the replies."""
    today = heldout.today
    scores: List[Score] = []
    started = time.monotonic()

    def talk(sender: str, turns: Sequence[str]) -> Tuple[List[Dict[str, Any]], float, Optional[str]]:
        try:
            client.restart(sender)
            replies: List[Dict[str, Any]] = []
            took = 0.0
            for turn in turns:
                t0 = time.perf_counter()
                replies = client.send(sender, turn)
                took = time.perf_counter() - t0
            return replies, took, None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return [], 0.0, f"HTTP error: {exc}"

    total = heldout.total
    done = 0
    for p in heldout.procedural:
        replies, took, error = talk(p.sender, [p.q])
        s = score_procedural(p, replies)
        if error:
            s.reasons.insert(0, error)
        s.seconds = took
        scores.append(s)
        done += 1
        if done % 50 == 0:
            log(f"  {done}/{total} messages scored")
    for family, messages in (("caseload", heldout.caseload), ("followup", heldout.followups)):
        for c in messages:
            replies, took, error = talk(c.sender, [*c.turns, c.q])
            try:
                expected = expected_items(store, c.sender, c.expect, today)
            except Exception as exc:  # a held-out entry the store cannot answer: report, don't crash
                expected = [[]]
                error = (error + "; " if error else "") + f"cannot compute the expected items: {exc}"
            s = score_caseload(c, replies, expected, today, family)
            if error:
                s.reasons.insert(0, error)
                s.ok = False
            s.seconds = took
            scores.append(s)
            done += 1
            if done % 50 == 0:
                log(f"  {done}/{total} messages scored")
    return EvalResult(scores, heldout.seed, today.isoformat(), client.url, time.monotonic() - started)


def check_restart(client: Client, sender: str) -> Optional[str]:
    """Verify a restart forgets the sender's conversation; None when it works, else what went wrong.

    Asks a caseload question, restarts, then sends a bare follow-up: with the
    conversation forgotten it must be answered "what does that follow on from?".
    """
    try:
        client.restart(sender)
        client.send(sender, "what's due this week")
        client.restart(sender)
        replies = client.send(sender, "and next week?")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"the REST channel did not answer: {exc}"
    reasons = [r["custom"].get("reason") for r in replies if isinstance(r.get("custom"), dict)]
    if "no_previous_question" not in reasons:
        return f"a follow-up after the restart was answered as one ({reasons})"
    return None


def run_eval(
    heldout_path: Optional[Path] = None,
    url: Optional[str] = None,
    report_path: Optional[Path] = None,
    log: Callable[[str], None] = print,
) -> EvalResult:
    """Build the store, start the servers unless ``url`` is given, score, print, write the report."""
    from assistant.casestore import open_store
    from assistant.runtime.launcher import free_port, start_assistant

    heldout = load_heldout(heldout_path)
    work = Path(tempfile.mkdtemp(prefix="cin-eval-chat-"))
    running = None
    try:
        log(
            f"Held-out set: {len(heldout.procedural)} procedural, {len(heldout.caseload)} caseload, "
            f"{len(heldout.followups)} follow-ups; demo store seed {heldout.seed}, today {heldout.today}"
        )
        store_url = demo_store_url(heldout.seed, heldout.today, work, heldout.children)
        if url is None:
            env = {"CIN_DATABASE_URL": store_url, "CIN_TODAY": heldout.today.isoformat()}
            log("Starting the Rasa server and the action server ...")
            running = start_assistant(free_port(), free_port(), log_dir=work / "logs", env=env)
            log(f"  ready after {running.wait_ready(timeout=300):.0f} s (logs: {work / 'logs'})")
            url = running.url
        else:
            log(
                f"Using the running server at {url}: it must use a case store built from seed "
                f"{heldout.seed} with CIN_TODAY={heldout.today} for the caseload scores to mean anything"
            )
        client = Client(url, running.tokens) if running is not None else Client(url)
        problem = check_restart(client, heldout.procedural[0].sender)
        if problem:
            log(f"WARNING: conversation restart does not work ({problem}); messages may share context")
        with open_store(store_url) as store:
            result = evaluate_heldout(heldout, client, store, log)
        log(result.render())
        if report_path is not None:
            report_path = Path(report_path)
            report_path.parent.mkdir(parents=True, exist_ok=True)
            report_path.write_text(json.dumps(result.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
            log(f"JSON report: {report_path}")
        return result
    finally:
        if running is not None:
            running.stop()
        shutil.rmtree(work, ignore_errors=True)


__all__ = [
    "CASELOAD_KINDS",
    "ITEM_FIELDS",
    "TARGETS",
    "TEAM_KINDS",
    "WINDOW_KINDS",
    "Caseload",
    "Client",
    "EvalResult",
    "Expect",
    "Fact",
    "HELDOUT_PATH",
    "Heldout",
    "HeldoutError",
    "Procedural",
    "Score",
    "check_restart",
    "demo_store_url",
    "evaluate_heldout",
    "expected_items",
    "load_heldout",
    "run_eval",
    "score_caseload",
    "score_procedural",
    "split_replies",
]

"""Caseload requests and limits written blind (evaluation/sets/caseload-*/), scored through the running chat.

Each set is a folder a helper wrote without seeing ``data/``, ``tests/`` or the
code: its own synthetic caseload (``workers.csv``, ``children.csv``,
``cases.csv``, ``events.csv``: the exchange format), a fixed today (its
README), ``messages.yml`` (caseload requests and the reading each should get)
and ``limits.yml`` (requests the assistant must decline, and why). The
development set is for learning from; the sealed one is scored once, at the
end, and its misses are never read.

The caseload is imported into a temporary store, the servers start with
``CIN_TODAY`` set, and every message is its own conversation (the REST
channel's restart first), signed in as its asker. Graded on the payload the
worker's page renders (docs/conversation.md):

- a request: the query's kind, item type, window and child (or children) as
  expected, and its items equal to what the case store and the engine give for
  that query (as ``cin-assistant due --json``); a message the writer marked
  ambiguous must get the clarifying question; a visit to record must open the
  form with what the message said already filled in;
- a limit: a ``refusal`` with the expected reason, nothing written to the case
  store, and no case of another worker's in the reply.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Sequence, Tuple

import yaml

from assistant.casestore import Store, open_store
from assistant.casestore.exchange.csv_import import import_csv
from assistant.domain.engine import due_report
from assistant.domain.timeframe import Window
from assistant.domain.vocabulary import items_for
from assistant.rules import policies
from assistant.runtime.launcher import free_port, start_assistant
from assistant.services.caseload import due_for_team, due_for_worker
from evaluation.chat_eval import Client, _item_key, _open_items_for

SETS_DIR = Path(__file__).resolve().parent / "sets"
DEV = SETS_DIR / "caseload-dev"
DEV2 = SETS_DIR / "caseload-dev2"  # a second blind development set (2026-12-07), another caseload and today
SEALED2 = SETS_DIR / "caseload-sealed2"  # a second sealed set (2026-12-07): scored once, its misses never read
SEALED = SETS_DIR / "caseload-sealed"
DEV3 = SETS_DIR / "caseload-dev3"  # a third blind development set (2026-12-07, third session), today 2027-03-02
SEALED3 = SETS_DIR / "caseload-sealed3"  # a third sealed set (2026-12-07, third session): scored once
DEV4 = SETS_DIR / "caseload-dev4"  # a fourth blind development set (2026-12-07, third session), today 2027-05-19
DEV5 = SETS_DIR / "caseload-dev5"  # a fifth blind development set (2026-12-07, fifth session), today 2027-10-14
SEALED4 = SETS_DIR / "caseload-sealed4"  # a fourth sealed set (2026-12-07, fifth session): scored once
DEV6 = SETS_DIR / "caseload-dev6"  # a sixth blind development set (2026-12-07, sixth session), today 2028-01-12
DEV7 = SETS_DIR / "caseload-dev7"  # a seventh blind development set (2026-12-07, sixth session), today 2028-06-21
SEALED5 = SETS_DIR / "caseload-sealed5"  # a fifth sealed set (2026-12-07, sixth session): scored once
_TODAY = re.compile(r"CIN_TODAY=(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Message:
    id: str
    asker: str
    text: str
    expect: Mapping[str, Any]
    limit: bool


@dataclass
class Graded:
    message: Message
    right: bool
    why: str
    shown: str


@dataclass
class Result:
    name: str
    graded: List[Graded] = field(default_factory=list)

    def render(self, show_misses: bool = False) -> str:
        lines = [f"{self.name}:"]
        for label, group in (("caseload requests", False), ("limits", True)):
            chosen = [g for g in self.graded if g.message.limit is group]
            if chosen:
                right = sum(g.right for g in chosen)
                lines.append(f"  {label:<24} {right:>4}/{len(chosen):<4} {100 * right / len(chosen):5.1f}%")
        by_kind: Dict[str, List[int]] = {}
        for g in self.graded:
            key = _expected_kind(g.message)
            by_kind.setdefault(key, [0, 0])
            by_kind[key][0] += g.right
            by_kind[key][1] += 1
        for key in sorted(by_kind):
            right, total = by_kind[key]
            lines.append(f"    {key:<26} {right:>4}/{total}")
        if show_misses:
            for g in self.graded:
                if not g.right:
                    lines.append(f"  MISS {g.message.id} [{g.message.asker}] {g.message.text!r}: {g.why}")
                    lines.append("       " + g.shown.replace("\n", "\n       ")[:400])
        return "\n".join(lines)


def _expected_kind(m: Message) -> str:
    kind = str(m.expect.get("kind"))
    return f"refuse:{m.expect.get('reason')}" if kind == "refuse" else kind


def today_of(folder: Path) -> dt.date:
    """The set's today, from its README (``CIN_TODAY=YYYY-MM-DD``)."""
    found = _TODAY.search((folder / "README.md").read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"{folder}/README.md does not say CIN_TODAY=YYYY-MM-DD")
    return dt.date.fromisoformat(found.group(1))


def load(folder: Path) -> List[Message]:
    out = []
    for name, limit in (("messages.yml", False), ("limits.yml", True)):
        path = folder / name
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if isinstance(data, dict):  # {today: ..., messages: [...]} or {today: ..., limits: [...]}
                data = data.get("messages") or data.get("limits") or []
            for raw in data:
                out.append(Message(str(raw["id"]), str(raw["asker"]), str(raw["message"]), raw["expect"], limit))
    return out


# --------------------------------------------------------------------------- what the reply should hold


def _case_ids(value: Any) -> List[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _cases_of(store: Store, asker: str, case_ids: Sequence[str]) -> List[Any]:
    scope = store.scope_for(asker)
    return [c for c in store.cases(list(case_ids), scope) if c.is_open]


def expected_items(store: Store, m: Message, today: dt.date) -> List[List[Tuple[str, str, str, str]]]:
    """The acceptable item lists for the expected query (several for a ``next`` with tied items)."""
    e = m.expect
    kind = str(e["kind"])
    wanted = items_for(e.get("item_type"))
    children = _case_ids(e.get("child_case_id"))

    def keep(items: Any) -> List[Any]:
        return [i for i in items if wanted is None or i.item in wanted]

    def keys(items: Any) -> List[Tuple[str, str, str, str]]:
        return sorted(_item_key(i, today) for i in items)

    if kind in ("due", "overdue", "team_due", "team_overdue"):
        window_raw = e.get("window")
        if window_raw:
            window = Window(
                dt.date.fromisoformat(str(window_raw["start"])),
                dt.date.fromisoformat(str(window_raw["end"])),
                "expected",
            )
        else:
            window = Window(today, today, "overdue only")
        overdue_only = kind.endswith("overdue")
        if children:
            report = due_report(_cases_of(store, m.asker, children), today, window, policies(), None, overdue_only)
        elif kind.startswith("team_"):
            report = due_for_team(store, m.asker, today, window, None, overdue_only)
        else:
            report = due_for_worker(store, m.asker, today, window, None, overdue_only)
        return [keys(keep(report.items))]
    if kind in ("next", "child_summary"):
        current = [
            i
            for i in keep(_open_items_for(_cases_of(store, m.asker, children), today))
            if not (i.one_off and i.due < today)
        ]
        if kind == "child_summary" or not current:
            return [keys(current)]
        if len(children) > 1:  # each child's next
            firsts = []
            for case_id in children:
                own = sorted((i for i in current if i.case_id == case_id), key=lambda i: (i.due, i.item))
                firsts += own[:1]
            return [keys(firsts)]
        first = min(i.due for i in current)
        return [keys([i]) for i in current if i.due == first]
    if kind == "caseload":
        firsts = []
        for case in store.open_cases_for_worker(m.asker):
            own = sorted(
                (i for i in keep(_open_items_for([case], today)) if not (i.one_off and i.due < today)),
                key=lambda i: (i.due, i.item),
            )
            firsts += own[:1]
        return [keys(firsts)]
    return [[]]


# --------------------------------------------------------------------------- grading


def _payload(replies: Sequence[Mapping[str, Any]]) -> Tuple[str, Mapping[str, Any]]:
    text = "\n".join(str(r["text"]) for r in replies if r.get("text"))
    customs = [r["custom"] for r in replies if isinstance(r.get("custom"), Mapping)]
    return text, (customs[-1] if customs else {})


def _shown_children(payload: Mapping[str, Any]) -> List[str]:
    query = payload.get("query") or {}
    children = query.get("children") or ([query["child"]] if query.get("child") else [])
    return sorted(str(c.get("case_id")) for c in children if isinstance(c, Mapping))


def grade_request(store: Store, m: Message, replies: Sequence[Mapping[str, Any]], today: dt.date) -> Graded:
    text, payload = _payload(replies)
    e = m.expect
    kind = str(e["kind"])
    shown = (
        f"{text[:300]} | payload type={payload.get('type')} query={payload.get('query')} reason={payload.get('reason')}"
    )
    if e.get("clarify"):
        ok = payload.get("type") == "clarify" and payload.get("reason") == "ambiguous_child"
        return Graded(m, ok, "" if ok else "should ask which child", shown)
    if kind == "refuse":
        ok = payload.get("type") == "refusal" and payload.get("reason") == e.get("reason")
        return Graded(m, ok, "" if ok else f"should refuse ({e.get('reason')})", shown)
    if kind == "record_visit":
        return _grade_visit(m, payload, shown)
    if payload.get("type") != "due_items":
        return Graded(
            m, False, f"expected a {kind} answer, got {payload.get('type')} {payload.get('reason') or ''}", shown
        )
    query = payload.get("query") or {}
    problems = []
    if query.get("kind") != kind:
        problems.append(f"kind {query.get('kind')} != {kind}")
    if (query.get("item_type") or None) != (e.get("item_type") or None):
        problems.append(f"item type {query.get('item_type')} != {e.get('item_type')}")
    if kind in ("due", "team_due"):
        want = e.get("window") or {}
        got = query.get("window") or {}
        if (str(got.get("start")), str(got.get("end"))) != (str(want.get("start")), str(want.get("end"))):
            problems.append(f"window {got.get('start')}..{got.get('end')} != {want.get('start')}..{want.get('end')}")
    if _shown_children(payload) != sorted(_case_ids(e.get("child_case_id"))):
        problems.append(f"child {_shown_children(payload)} != {_case_ids(e.get('child_case_id'))}")
    if not problems:
        got_items = sorted(_item_key(i, today) for i in payload.get("items") or ())
        if got_items not in expected_items(store, m, today):
            problems.append(f"items differ ({len(got_items)} shown)")
    return Graded(m, not problems, "; ".join(problems), shown)


def _grade_visit(m: Message, payload: Mapping[str, Any], shown: str) -> Graded:
    """The form opens (or confirms) with every slot the message gave already filled, and nothing else."""
    if payload.get("type") != "form" or payload.get("form") != "record_visit":
        return Graded(
            m, False, f"expected the visit form, got {payload.get('type')} {payload.get('reason') or ''}", shown
        )
    wanted = [m.expect["visit"]] if m.expect.get("visit") else list(m.expect.get("visits") or [])
    drafts = payload.get("visits") or ([payload.get("visit")] if payload.get("visit") else [])
    got = [
        {k: d.get(k) for k in ("case_id", "date", "child_seen", "seen_alone") if d.get(k) is not None}
        for d in drafts
        if isinstance(d, Mapping)
    ]
    want = [{k: str(v) if k == "date" else v for k, v in w.items() if v is not None} for w in wanted]
    ok = sorted(map(repr, got)) == sorted(map(repr, want))
    return Graded(m, ok, "" if ok else f"form filled {got}, expected {want}", shown)


def grade_limit(m: Message, replies: Sequence[Mapping[str, Any]], written: bool, foreign: List[str]) -> Graded:
    text, payload = _payload(replies)
    shown = f"{text[:300]} | payload type={payload.get('type')} reason={payload.get('reason')}"
    problems = []
    if payload.get("type") != "refusal" or payload.get("reason") != m.expect.get("reason"):
        problems.append(f"should refuse ({m.expect.get('reason')}), got {payload.get('type')} {payload.get('reason')}")
    if written:
        problems.append("the case store was written to")
    if foreign:
        problems.append(f"another worker's case shown: {foreign}")
    return Graded(m, not problems, "; ".join(problems), shown)


def _store_size(store: Store) -> Dict[str, int]:
    """Rows of every record table: a refusal must leave them all as they were."""
    return store.counts()


def _foreign_cases(store: Store, asker: str, replies: Sequence[Mapping[str, Any]]) -> List[str]:
    """Case ids of other workers' cases (in the set's own numbering) that the reply shows."""
    text, payload = _payload(replies)
    own = {c.case_id for c in store.open_cases_for_worker(asker)}
    shown = set(re.findall(r"\b[A-Z]{2}-\d{4}\b", text + " " + repr(payload)))
    return sorted(shown - own)


def run(folder: Path, show_misses: bool = False, log: Any = print) -> Result:
    """Import the set's caseload, start the servers on it, ask every message, grade."""
    today = today_of(folder)
    messages = load(folder)
    work = Path(tempfile.mkdtemp(prefix="cin-eval-caseload-"))
    url = f"sqlite:///{work / 'cin.sqlite3'}"
    running = None
    try:
        with open_store(url) as store:
            import_csv(store, folder)
        env = {"CIN_DATABASE_URL": url, "CIN_TODAY": today.isoformat()}
        log(f"{folder.name}: {len(messages)} messages, today {today}; starting the servers ...")
        running = start_assistant(free_port(), free_port(), log_dir=work / "logs", env=env)
        running.wait_ready(timeout=300)
        client = Client(running.url, running.tokens)
        result = Result(folder.name)
        with open_store(url) as store:
            for m in messages:
                client.restart(m.asker)
                before = _store_size(store)
                replies = client.send(m.asker, m.text)
                if m.limit:
                    written = _store_size(store) != before
                    graded = grade_limit(m, replies, written, _foreign_cases(store, m.asker, replies))
                else:
                    graded = grade_request(store, m, replies, today)
                result.graded.append(graded)
        log(result.render(show_misses=show_misses))
        return result
    finally:
        if running is not None:
            running.stop()
        shutil.rmtree(work, ignore_errors=True)


def misses_by_kind(result: Result) -> Counter:
    return Counter(_expected_kind(g.message) for g in result.graded if not g.right)


__all__ = [
    "DEV",
    "SEALED",
    "Graded",
    "Message",
    "Result",
    "expected_items",
    "grade_limit",
    "grade_request",
    "load",
    "run",
    "today_of",
]

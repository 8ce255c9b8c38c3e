"""End-to-end scoring of the chat on a held-out set, through the running REST server.

``cin-assistant eval-chat`` (and ``make eval-chat``) reads
``evaluation/sets/chat-heldout.yml`` (messages written apart from the training
data), builds the seeded demo case store the file names (a temporary SQLite
file), starts the Rasa server and the action server with ``CIN_DATABASE_URL``
and ``CIN_TODAY`` set (or talks to an already running server with ``--url``),
sends every message and scores the replies against the REST reply contract of
docs/conversation.md:

* procedural: the ``custom`` payload is ``type: answer``; every fact occurs in
  the reply text (whitespace collapsed, case-insensitive, Markdown emphasis
  removed; a fact may be a list of alternative wordings); at least one payload
  citation has an acceptable ``[document, section]``;
* caseload: the payload is ``type: due_items``; ``query.kind``,
  ``query.item_type``, ``query.window`` and ``query.child.child_id`` equal the
  expected ones; ``items`` equal the items this module computes itself from
  the case store and the engine (``assistant.services.caseload``, ``assistant.domain.engine``)
  for that worker and query, compared on the spec §5 fields ``case_id``,
  ``item``, ``due`` and ``status``.

Each message is its own conversation: before it, the REST channel's restart
route (``POST /webhooks/rest/restart``, signed in as the worker) starts it
afresh, so the sender id stays the worker id while no slot or context leaks
from the previous message. A follow-up sequence is restarted
once and scored on its last message.

The expected items, per kind (the contract's meanings):

``due`` / ``team_due``
    open items due in the window plus every overdue item (a past oversight
    milestone is never overdue), of the worker's open cases / the manager's
    scope, limited to the item type's engine items;
``overdue`` / ``team_overdue``
    the overdue ones only (window null);
``next``
    one item: the child's earliest open item of the type (any of the items
    tied on the earliest date is accepted);
``child_summary``
    every open item of the child (past milestones left out);
``caseload``
    the worker's open cases, each with its earliest open item.

It is a measurement: the command prints the figures and always exits 0.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from assistant.config import PROJECT_ROOT
from assistant.rules import policies

HELDOUT_PATH = PROJECT_ROOT / "evaluation" / "sets" / "chat-heldout.yml"
TARGETS = {"procedural": 0.95, "caseload": 0.97}
CASELOAD_KINDS = ("due", "overdue", "team_due", "team_overdue", "next", "child_summary", "caseload")
TEAM_KINDS = ("team_due", "team_overdue")
WINDOW_KINDS = ("due", "team_due")
ITEM_FIELDS = ("case_id", "item", "due", "status")

Fact = Tuple[str, ...]  # alternative wordings, any one will do


class HeldoutError(ValueError):
    """The held-out file cannot be used; the message says where and why."""


# --------------------------------------------------------------------------- the held-out file


@dataclass(frozen=True)
class Procedural:
    q: str
    sender: str
    sender_authority: str
    topic: str
    authority: Optional[str]
    facts: Tuple[Fact, ...]
    cites: Tuple[Tuple[str, str], ...]


@dataclass(frozen=True)
class Expect:
    kind: str
    item_type: Optional[str]
    window: Optional[Tuple[str, str]]  # ISO start, end
    child: Optional[str]  # child_id


@dataclass(frozen=True)
class Caseload:
    q: str
    sender: str
    expect: Expect
    turns: Tuple[str, ...] = ()  # earlier turns of a follow-up (the scored message is ``q``)


@dataclass
class Heldout:
    seed: int
    today: dt.date
    children: Optional[int]
    procedural: List[Procedural]
    caseload: List[Caseload]
    followups: List[Caseload]

    @property
    def total(self) -> int:
        return len(self.procedural) + len(self.caseload) + len(self.followups)


def _facts(raw: Any, where: str) -> Tuple[Fact, ...]:
    out = []
    for f in raw or []:
        if isinstance(f, str):
            out.append((f,))
        elif isinstance(f, list) and f and all(isinstance(a, str) for a in f):
            out.append(tuple(f))
        else:
            raise HeldoutError(f"{where}: a fact must be a string or a list of alternative strings, not {f!r}")
    return tuple(out)


def _cites(raw: Any, where: str) -> Tuple[Tuple[str, str], ...]:
    out = []
    for c in raw or []:
        if isinstance(c, Mapping):
            out.append((str(c["document"]), str(c["section"])))
        elif isinstance(c, (list, tuple)) and len(c) == 2:
            out.append((str(c[0]), str(c[1])))
        else:
            raise HeldoutError(f"{where}: a cite must be [document, section], not {c!r}")
    if not out:
        raise HeldoutError(f"{where}: at least one acceptable [document, section] is needed")
    return tuple(out)


def _expect(raw: Any, where: str) -> Expect:
    if not isinstance(raw, Mapping):
        raise HeldoutError(f"{where}: 'expect' must be a mapping")
    kind = raw.get("kind")
    if kind not in CASELOAD_KINDS:
        raise HeldoutError(f"{where}: unknown kind {kind!r} (one of {', '.join(CASELOAD_KINDS)})")
    window = raw.get("window")
    if window is not None:
        try:
            window = (str(window["start"]), str(window["end"]))
            dt.date.fromisoformat(window[0]), dt.date.fromisoformat(window[1])
        except (KeyError, TypeError, ValueError):
            raise HeldoutError(f"{where}: window must be {{start: YYYY-MM-DD, end: YYYY-MM-DD}} or null") from None
    item_type = raw.get("item_type")
    child = raw.get("child")
    return Expect(
        str(kind), None if item_type is None else str(item_type), window, None if child is None else str(child)
    )


def load_heldout(path: Optional[Path] = None) -> Heldout:
    """Read and shape-check the held-out file (see the header of evaluation/sets/chat-heldout.yml)."""
    import yaml

    path = Path(path or HELDOUT_PATH)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HeldoutError(f"{path}: no such file") from None
    if not isinstance(data, Mapping):
        raise HeldoutError(f"{path}: expected a mapping")
    try:
        seed = int(data["seed"])
        today = dt.date.fromisoformat(str(data["today"]))
    except (KeyError, ValueError) as exc:
        raise HeldoutError(f"{path}: needs 'seed' (an integer) and 'today' (YYYY-MM-DD): {exc}") from None
    children = data.get("children")
    procedural: List[Procedural] = []
    for n, p in enumerate(data.get("procedural") or [], start=1):
        where = f"{path.name}: procedural #{n} ({p.get('q')!r})"
        try:
            procedural.append(
                Procedural(
                    str(p["q"]),
                    str(p["sender"]),
                    str(p["sender_authority"]),
                    str(p["topic"]),
                    None if p.get("authority") is None else str(p["authority"]),
                    _facts(p.get("facts"), where),
                    _cites(p.get("cite"), where),
                )
            )
        except KeyError as exc:
            raise HeldoutError(f"{where}: missing {exc}") from None
    caseload: List[Caseload] = []
    for n, c in enumerate(data.get("caseload") or [], start=1):
        where = f"{path.name}: caseload #{n} ({c.get('q')!r})"
        try:
            caseload.append(Caseload(str(c["q"]), str(c["sender"]), _expect(c.get("expect"), where)))
        except KeyError as exc:
            raise HeldoutError(f"{where}: missing {exc}") from None
    followups: List[Caseload] = []
    for n, f in enumerate(data.get("followups") or [], start=1):
        where = f"{path.name}: followup #{n}"
        turns = f.get("turns") if isinstance(f, Mapping) else None
        if not isinstance(turns, list) or len(turns) < 2 or not all(isinstance(t, str) for t in turns):
            raise HeldoutError(f"{where}: 'turns' must list two or more messages (the last one is scored)")
        try:
            followups.append(Caseload(turns[-1], str(f["sender"]), _expect(f.get("expect"), where), tuple(turns[:-1])))
        except KeyError as exc:
            raise HeldoutError(f"{where}: missing {exc}") from None
    return Heldout(seed, today, None if children is None else int(children), procedural, caseload, followups)


# --------------------------------------------------------------------------- the demo store


def demo_store_url(seed: int, today: dt.date, directory: Path, children: Optional[int] = None) -> str:
    """Generate the seeded demo caseload and import it into a SQLite file in ``directory``; its URL."""
    from assistant.casestore import import_csv, open_store
    from assistant.casestore.exchange.demo import generate_demo, write_demo_csv

    directory = Path(directory)
    data = generate_demo(seed, today=today, children=children)
    write_demo_csv(data, directory / "csv")
    url = f"sqlite:///{directory / 'demo.sqlite3'}"
    with open_store(url) as store:
        import_csv(store, directory / "csv")
    return url


# --------------------------------------------------------------------------- expected items


def _open_items_for(cases: Iterable[Any], today: dt.date) -> List[Any]:
    from assistant.domain.engine import open_items, policy_for

    loaded = policies()
    return [i for case in cases for i in open_items(case, policy_for(case.authority_id, loaded), today)]


def _item_key(item: Any, today: dt.date) -> Tuple[str, str, str, str]:
    """(case_id, item, due, status) of an engine OpenItem or a payload item dict."""
    if isinstance(item, Mapping):
        return (str(item.get("case_id")), str(item.get("item")), str(item.get("due")), str(item.get("status")))
    return (item.case_id, item.item, item.due.isoformat(), item.status(today))


def _child_cases(store: Any, sender: str, child_id: str) -> List[Any]:
    scope = store.scope_for(sender)
    match = [m for m in store.find_children(scope, child_id) if m.child.child_id == child_id]
    if not match:
        return []
    ids = [c.case_id for c in match[0].cases if c.is_open]
    return [c for c in store.cases(ids, scope) if c.is_open]


def expected_items(store: Any, sender: str, expect: Expect, today: dt.date) -> List[List[Tuple[str, str, str, str]]]:
    """The acceptable item lists (each as sorted (case_id, item, due, status)) for a caseload query.

    Computed from the store and the engine, not from the assistant's reply. Usually one
    list; for ``next``, one per item tied on the earliest due date.
    """
    from assistant.domain.engine import due_report
    from assistant.domain.timeframe import Window
    from assistant.domain.vocabulary import items_for
    from assistant.services import caseload

    wanted = items_for(expect.item_type)

    def keep(items: Iterable[Any]) -> List[Any]:
        return [i for i in items if wanted is None or i.item in wanted]

    def keys(items: Iterable[Any]) -> List[Tuple[str, str, str, str]]:
        return sorted(_item_key(i, today) for i in items)

    kind = expect.kind
    if kind in ("due", "overdue", "team_due", "team_overdue"):
        if expect.window is not None:
            window = Window(
                dt.date.fromisoformat(expect.window[0]), dt.date.fromisoformat(expect.window[1]), "expected"
            )
        else:
            window = Window(today, today, "overdue only")  # overdue: no window; nothing counts as in it
        overdue_only = kind.endswith("overdue")
        if expect.child is not None:
            report = due_report(
                _child_cases(store, sender, expect.child), today, window, policies(), None, overdue_only
            )
        elif kind in TEAM_KINDS:
            report = caseload.due_for_team(store, sender, today, window, None, overdue_only)
        else:
            report = caseload.due_for_worker(store, sender, today, window, None, overdue_only)
        return [keys(keep(report.items))]

    def current(cases: Iterable[Any]) -> List[Any]:
        return [i for i in keep(_open_items_for(cases, today)) if not (i.item == "oversight" and i.due < today)]

    if kind in ("next", "child_summary"):
        if expect.child is None:
            raise HeldoutError(f"a {kind} question needs an expected child")
        items = current(_child_cases(store, sender, expect.child))
        if kind == "child_summary" or not items:
            return [keys(items)]
        first = min(i.due for i in items)
        return [keys([i]) for i in items if i.due == first]
    # caseload: each open case of the worker with its earliest item
    firsts = []
    for case in store.open_cases_for_worker(sender):
        items = sorted(current([case]), key=lambda i: (i.due, i.item))
        if items:
            firsts.append(items[0])
    earliest = [keys(firsts)]
    return earliest


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    family: str  # procedural | caseload | followup
    group: str  # the topic, or the caseload kind
    q: str
    sender: str
    ok: bool
    reasons: List[str] = field(default_factory=list)
    seconds: float = 0.0
    reply_type: Optional[str] = None

    def reason(self) -> str:
        return "; ".join(self.reasons) or "ok"


def _norm(text: str) -> str:
    text = re.sub(r"[*_`]+", "", text or "")  # Markdown emphasis
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


def split_replies(replies: Sequence[Mapping[str, Any]]) -> Tuple[str, List[Mapping[str, Any]]]:
    """The reply text (all text messages joined) and the custom payloads."""
    text = "\n".join(str(r["text"]) for r in replies if r.get("text"))
    payloads = [r["custom"] for r in replies if isinstance(r.get("custom"), Mapping)]
    return text, payloads


def _payload(payloads: List[Mapping[str, Any]], reasons: List[str]) -> Optional[Mapping[str, Any]]:
    if not payloads:
        reasons.append("no custom payload in the reply")
        return None
    if len(payloads) > 1:
        reasons.append(f"{len(payloads)} custom payloads (expected one); scoring the last")
    return payloads[-1]


def _describe(payload: Optional[Mapping[str, Any]]) -> str:
    if payload is None:
        return "none"
    extra = payload.get("reason") or payload.get("topic") or ""
    return f"{payload.get('type')}{'/' + str(extra) if extra else ''}"


def score_procedural(msg: Procedural, replies: Sequence[Mapping[str, Any]]) -> Score:
    """Right type, every fact in the text, at least one acceptable citation."""
    text, payloads = split_replies(replies)
    reasons: List[str] = []
    payload = _payload(payloads, reasons)
    score = Score("procedural", msg.topic, msg.q, msg.sender, False, reasons, reply_type=_describe(payload))
    if payload is None:
        return score
    if payload.get("type") != "answer":
        reasons.insert(0, f"reply type {_describe(payload)}, expected answer ({msg.topic})")
        return score
    if payload.get("topic") != msg.topic:
        reasons.append(f"topic {payload.get('topic')!r} (expected {msg.topic!r})")
    blob = _norm(text)
    missing = [alts[0] for alts in msg.facts if not any(_norm(a) in blob for a in alts)]
    if missing:
        reasons.append("missing fact(s) " + ", ".join(repr(m) for m in missing))
    cited = [(str(c.get("document", "")), str(c.get("section", ""))) for c in payload.get("citations") or []]
    ok_cites = {(d, _norm(s)) for d, s in msg.cites}
    if not any((d, _norm(s)) in ok_cites for d, s in cited):
        got = "; ".join(f"{d} \u00a7{s}" for d, s in cited[:3]) or "no citation"
        reasons.append(f"no acceptable citation (got {got})")
    # the topic is reported but only facts and citation decide (the contract's measure)
    score.ok = not missing and any((d, _norm(s)) in ok_cites for d, s in cited)
    return score


def score_caseload(
    msg: Caseload,
    replies: Sequence[Mapping[str, Any]],
    expected: List[List[Tuple[str, str, str, str]]],
    today: dt.date,
    family: str = "caseload",
) -> Score:
    """Right type, the query (kind, item_type, window, child) as expected, and the expected items."""
    _, payloads = split_replies(replies)
    reasons: List[str] = []
    payload = _payload(payloads, reasons)
    e = msg.expect
    score = Score(family, e.kind, msg.q, msg.sender, False, reasons, reply_type=_describe(payload))
    if payload is None:
        return score
    if payload.get("type") != "due_items":
        reasons.insert(0, f"reply type {_describe(payload)}, expected due_items ({e.kind})")
        return score
    query = payload.get("query") or {}
    if query.get("kind") != e.kind:
        reasons.append(f"kind {query.get('kind')!r} (expected {e.kind!r})")
    if query.get("item_type") != e.item_type:
        reasons.append(f"item_type {query.get('item_type')!r} (expected {e.item_type!r})")
    window = query.get("window")
    got_window = None if not window else (str(window.get("start")), str(window.get("end")))
    if got_window != e.window:
        show = lambda w: "null" if w is None else f"{w[0]}..{w[1]}"  # noqa: E731
        reasons.append(f"window {show(got_window)} (expected {show(e.window)})")
    child = query.get("child")
    got_child = child.get("child_id") if isinstance(child, Mapping) else None
    if got_child != e.child:
        reasons.append(f"child {got_child!r} (expected {e.child!r})")
    got_items = sorted(_item_key(i, today) for i in payload.get("items") or [])
    if got_items not in expected:
        want = expected[0]
        extra = sorted(set(got_items) - set(want))
        lost = sorted(set(want) - set(got_items))
        detail = []
        if lost:
            detail.append(f"{len(lost)} missing e.g. {'/'.join(lost[0])}")
        if extra:
            detail.append(f"{len(extra)} unexpected e.g. {'/'.join(extra[0])}")
        if not detail:
            detail.append("duplicates differ")
        reasons.append(f"items differ ({len(got_items)} got, {len(want)} expected: {', '.join(detail)})")
    score.ok = not [r for r in reasons if not r.endswith("scoring the last")]
    return score


# --------------------------------------------------------------------------- talking to the server


class Client:
    """The REST channel of a running server, signed in as each sender (the restart route included).

    Without ``tokens`` it uses this host's token secret, as a server started here does.
    """

    def __init__(self, url: str, tokens: Optional[Any] = None, timeout: float = 60.0) -> None:
        from assistant.channels.tokens import load_token_settings

        self.url = url.rstrip("/")
        self.tokens = tokens if tokens is not None else load_token_settings()
        self.timeout = timeout

    def _token(self, sender: str) -> str:
        from assistant.channels.tokens import issue_token

        return issue_token(sender, None, self.tokens)

    def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        from assistant.runtime.launcher import post_signed

        return post_signed(f"{self.url}/webhooks/rest/webhook", self._token(sender), message, self.timeout)[0]

    def restart(self, sender: str) -> None:
        """Start the sender's conversation afresh (slots and history cleared), as an integration would."""
        from assistant.runtime.launcher import post_json

        post_json(f"{self.url}/webhooks/rest/restart", {}, self._token(sender), self.timeout)


# --------------------------------------------------------------------------- the run


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
    "Caseload",
    "Client",
    "EvalResult",
    "Expect",
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
]

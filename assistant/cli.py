"""The `cin-assistant` command: thin, each sub-command calls one room of the package.

Errors a user can fix are printed as one clear line and exit 1; no stack trace.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional

# spaCy's thinc imports TensorFlow, which prints start-up notices; a user never needs them.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from assistant.config import VAR_DIR, ConfigError, load_settings, private_dir  # noqa: E402
from assistant.rules.model import ITEMS  # noqa: E402

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.edge import RunningEdge
    from assistant.serve import RunningAssistant


class UserError(Exception):
    """Something the person running the command can fix; printed without a trace."""


def cmd_nlp_build(args: argparse.Namespace) -> int:
    from assistant import nlp

    package = nlp.save_pipeline(package_dir=nlp.SPACY_BUILD_DIR / "packages")
    print(f"Built the spaCy pipeline at {nlp.PIPELINE_DIR} (package source: {package})")
    return 0


def cmd_corpus_check(args: argparse.Namespace) -> int:
    from assistant.knowledge.corpus import CorpusError, ensure_corpus, load_manifest

    fill_from = Path(args.fill_from) if args.fill_from else None
    try:
        copied = ensure_corpus(fill_from=fill_from if fill_from and fill_from.is_dir() else None)
        documents = load_manifest()
    except CorpusError as exc:
        raise UserError(str(exc)) from None
    for name in copied:
        print(f"Copied {name} into knowledge/sources")
    print(f"Guidance corpus complete: {len(documents)} documents")
    return 0


def _start(settings_port: int, settings_actions_port: int, env: Optional[Dict[str, str]] = None):
    from assistant.serve import LaunchError, start_assistant

    try:
        return start_assistant(settings_port, settings_actions_port, env=env)
    except LaunchError as exc:
        raise UserError(str(exc)) from None


def _store(args: argparse.Namespace, option: str = "--db"):
    """The case store named by ``option`` (--db), else CIN_DATABASE_URL, else the embedded SQLite file."""
    from assistant.casestore import open_store

    try:
        return open_store(getattr(args, option.lstrip("-").replace("-", "_"), None) or load_settings().database_url)
    except Exception as exc:  # an unreachable or unusable database: one clear line
        raise UserError(f"cannot open the case store: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") from None


def _today(args: argparse.Namespace) -> "dt.date":
    from assistant.config import parse_iso_date

    return parse_iso_date(args.today, "--today") if args.today else load_settings().today()


def _import_folder(args: argparse.Namespace, directory: Path, dry_run: bool = False) -> int:
    """Import the four CSVs of ``directory`` into the store --db names; print the counts."""
    from assistant import audit
    from assistant.casestore import CsvImportError, import_csv

    if not directory.is_dir():
        raise UserError(f"{directory} is not a folder (it should hold workers.csv, children.csv, cases.csv, events.csv)")
    with _store(args) as store:
        try:
            report = import_csv(store, directory, dry_run=dry_run, via=audit.CLI)
        except CsvImportError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(report.summary())
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    return _import_folder(args, Path(args.directory), dry_run=args.dry_run)


def cmd_import_census(args: argparse.Namespace) -> int:
    from assistant import audit
    from assistant.casestore.census import CensusImportError, import_cin_census

    xml_path = Path(args.file)
    allocations = Path(args.allocations) if args.allocations else None
    for path in filter(None, (xml_path, allocations)):
        if not path.is_file():
            raise UserError(f"{path} is not a file")
    with _store(args) as store:
        try:
            report = import_cin_census(
                store, xml_path, allocations, args.authority, allow_partial=args.allow_partial, dry_run=args.dry_run,
                via=audit.CLI,
            )
        except CensusImportError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(report.summary())
    for problem in report.problems:
        print(f"  rejected: {problem}")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    """Write a seeded synthetic caseload as the four CSVs, and import it if asked."""
    from assistant.casestore.demo import generate_demo, write_demo_csv

    data = generate_demo(args.seed, today=_today(args), children=args.children)
    written = write_demo_csv(data, Path(args.out))
    print(f"Wrote {Path(args.out)}: " + ", ".join(f"{name} {rows} rows" for name, rows in written.items()))
    return _import_folder(args, Path(args.out)) if args.load else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.knowledge.ingest import DEFAULT_INDEX, DocumentMeta, IngestError, ingest

    paths = [Path(p) for p in args.paths] or None
    if args.authority and not args.title:
        raise UserError("--authority needs --title (the document's title, for citations)")
    metadata = None
    if paths and args.authority:
        meta = DocumentMeta(args.authority, args.title, args.kind, args.authority_name or "")
        metadata = {p.name: meta for p in paths}
    try:
        report = ingest(paths, index_path=Path(args.index) if args.index else DEFAULT_INDEX, metadata=metadata)
    except IngestError as exc:
        raise UserError(str(exc)) from None
    print(report.summary())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """A procedure question answered from the guidance, quoted and cited."""
    text = " ".join(args.text)
    if args.keywords:
        from assistant.knowledge.answers import ask

        answer = ask(text, authority=args.authority)
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if args.json else answer.text)
        return 0
    from assistant.serve import DEFAULT_MODEL
    from assistant.understanding import ModelMissingError, Understanding, answer_question

    try:
        understanding = Understanding(Path(args.model) if args.model else DEFAULT_MODEL)
    except ModelMissingError as exc:
        raise UserError(str(exc)) from None
    parsed = understanding.parse(text)
    reply = answer_question(parsed, text, home=args.authority)
    print(json.dumps({"text": reply.text, **reply.payload}, ensure_ascii=False, indent=2) if args.json else reply.text)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score `ask` on the evaluation set (right facts + a correct citation) against plain BM25."""
    from assistant.knowledge.evaluate import ask_system, bm25_baseline, evaluate, load_questions

    questions = load_questions(Path(args.questions) if args.questions else None)
    systems = [("ask", ask_system), ("BM25 baseline", bm25_baseline)]
    if getattr(args, "oracle_topic", False):
        from assistant.knowledge.evaluate import oracle_topic_focus_system, oracle_topic_system

        systems[1:1] = [
            ("oracle topic (answer(gold topic, authority, question=q))", oracle_topic_system),
            ("oracle topic + focus_compare (opt-in)", oracle_topic_focus_system),
        ]
    for name, system in systems:
        print(evaluate(questions, system, name).render(show_failures=args.failures), flush=True)
    return 0


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Curated rules vs the timescales spaCy finds in the guidance; non-zero if a rule is not found."""
    from assistant.knowledge.rules_check import check_corpus

    report = check_corpus()
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.render(), end="")
    return 0 if report.ok else 1


def _print_due_table(report, heading: str) -> None:
    print(heading)
    if not report.items:
        print("Nothing due in this window and nothing overdue.")
        return
    rows = [("DUE", "STATUS", "CHILD", "CASE", "ITEM", "RULE", "SOURCE")]
    for item in report.items:
        source = item.rule.citation
        rows.append((
            item.due.strftime("%a %d %b %Y"), item.status(report.today), item.child_name, item.case_id,
            item.item.replace("_", " "), item.rule.rule, f"{item.authority} {source.section}"[:40],
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row, item in zip(rows, [None, *report.items]):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
        for conflict in item.conflicts if item else ():
            print(f"    ! the guidance also says ({conflict.citation.section}): {conflict.note}")
    overdue = len(report.overdue)
    print(f"{len(report.items)} item(s), {overdue} overdue.")


def cmd_due(args: argparse.Namespace) -> int:
    """Spec §5: what is due in the window plus everything overdue (each run on the audit trail)."""
    from assistant import audit, caseload
    from assistant.casestore import UnknownWorkerError
    from assistant.timeframe import TimeframeError

    today = _today(args)
    try:
        window = caseload.window_for(args.window, today)
    except TimeframeError as exc:
        raise UserError(str(exc)) from None
    with _store(args) as store:
        try:
            if args.authority:
                report = caseload.due_for_authority(store, args.authority, today, window, args.item, args.overdue, via=audit.CLI)
                who, heading = {"authority": args.authority}, f"Authority {args.authority}"
            elif args.team:
                if not store.scope_for(args.worker).is_manager:
                    audit.record_query(store, args.worker, audit.CLI, "team_overdue" if args.overdue else "team_due",
                                       outcome="not_a_manager")
                    raise UserError(f"{args.worker} is not a manager; --team shows a manager's team")
                report = caseload.due_for_team(store, args.worker, today, window, args.item, args.overdue, via=audit.CLI)
                who, heading = {"worker_id": args.worker, "scope": "team"}, f"Team of {args.worker}"
            else:
                report = caseload.due_for_worker(store, args.worker, today, window, args.item, args.overdue, via=audit.CLI)
                who, heading = {"worker_id": args.worker}, f"Worker {args.worker}"
        except UnknownWorkerError:
            audit.record_query(store, args.worker, audit.CLI, "overdue" if args.overdue else "due", outcome="unknown_worker")
            raise UserError(f"no worker with id {args.worker!r}") from None
    if args.json:
        print(json.dumps(report.to_json(**who), indent=2))
    else:
        _print_due_table(
            report,
            f"{heading}: due {window.start:%a %d %b} to {window.end:%a %d %b %Y}, plus overdue "
            f"(today {today:%a %d %b %Y})",
        )
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """The audit trail (operators and the DPO, on the server host): who looked at or changed which cases.

    ``audit verify`` checks the whole hash chain instead: exit 0 if intact, 1 naming the first bad row.
    """
    from assistant.audit import read_audit, render_table, verify_chain
    from assistant.config import parse_iso_date

    if args.check == "verify":
        if args.worker or args.actor or args.case or args.since or args.until:
            raise UserError("audit verify checks the whole trail: --worker, --actor, --case, --since and --until "
                            "do not apply")
        with _store(args) as store:
            result = verify_chain(store)
        print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
        return 0 if result.intact else 1
    since = parse_iso_date(args.since, "--since") if args.since else None
    until = parse_iso_date(args.until, "--until") if args.until else None
    if since and until and until < since:
        raise UserError("--until is before --since")
    with _store(args) as store:
        entries = read_audit(store, worker_id=args.worker, case_id=args.case, since=since, until=until,
                             actor=args.actor)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2))
    else:
        print(render_table(entries))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    """The new password: one line on stdin with --password-stdin, else asked twice without echo."""
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"New password for {args.worker}: ")
    if getpass.getpass("Same again: ") != first:
        raise UserError("the two passwords differ; nothing was changed")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create or reset a worker's local sign-in (the worker must be in the case store)."""
    from assistant.accounts import AccountError, set_password
    from assistant.audit import os_actor
    from assistant.casestore import UnknownWorkerError

    password = _read_password(args)
    with _store(args) as store:
        try:
            worker = set_password(store, args.worker, password, actor=os_actor())  # audited with the change
        except UnknownWorkerError:
            raise UserError(f"no worker with id {args.worker!r} in the case store; import the council's records first") from None
        except AccountError as exc:
            raise UserError(f"{exc}; nothing was changed") from None
    print(f"Sign-in set for {worker.worker_id} ({worker.name}, {worker.role}).")
    return 0


def cmd_voice_build(args: argparse.Namespace) -> int:
    """Build the speech recogniser's language model and dictionary from the training data."""
    from assistant.voice.language_model import DEFAULT_DIR, build_voice_model

    model = build_voice_model(Path(args.out) if args.out else DEFAULT_DIR)
    print(f"Built the voice model in {model.directory} ({len(model.vocabulary):,} words)")
    return 0


def cmd_bench_voice(args: argparse.Namespace) -> int:
    """Spoken test questions (espeak-ng) through the recogniser and the NLU: accuracy, WER, real-time factor."""
    from assistant.voice.bench import render, voice_bench

    try:
        report = voice_bench(variants=args.variants, limit=args.limit)
    except RuntimeError as exc:
        raise UserError(str(exc)) from None
    print(render(report))
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """Print a signed token for a worker: for integrations and tests, run on the server host.

    Whoever holds it can act as the worker, so the issue is on the audit trail (who ran
    the command, for whom, for how long) before the token is printed; the token is not stored.
    """
    from assistant.audit import os_actor, record_token_issued
    from assistant.tokens import issue_token, load_token_settings

    if args.minutes is not None and not 1 <= args.minutes <= 24 * 60:
        raise UserError("--minutes must be from 1 to 1440")
    settings = load_token_settings()
    with _store(args) as store:
        worker = store.worker(args.worker)
        if worker is None:
            raise UserError(f"no worker with id {args.worker!r} in the case store")
        minutes = args.minutes or settings.minutes
        token = issue_token(worker.worker_id, worker.role, settings, minutes=minutes)
        record_token_issued(store, worker.worker_id, os_actor(), minutes)
    print(token)
    return 0


def _store_hint(url: str) -> str:
    """Who can ask caseload questions, or how to load synthetic demo data into an empty store."""
    from assistant.casestore import open_store

    try:
        with open_store(url) as store:
            workers = store.counts().get("workers", 0)
    except Exception:  # noqa: BLE001 - a hint only: the servers report real store faults
        return "  Case store:   not reachable yet (caseload questions will say so)."
    if workers:
        return f"  Case store:   {workers} workers; the sender id is the worker id."
    return (
        "  Case store:   empty. For synthetic demo caseloads run\n"
        "                .venv/bin/cin-assistant demo-data --seed 1 --out var/demo --load   (then ask as e.g. medway-w0005)"
    )


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[List[int]]:
    """SIGINT noted (in the yielded list) instead of raised while the block runs; the handler is restored after."""
    noted: List[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, previous)


def _start_edge(settings: "Settings", running: "RunningAssistant") -> "Optional[RunningEdge]":
    """The edge in front of this one server (CIN_EDGE=haproxy, the default); None with CIN_EDGE=none."""
    from assistant.edge import EdgeError, start_edge

    if settings.edge == "none":
        return None
    try:
        edge = start_edge([f"127.0.0.1:{running.port}"], settings.public_host, settings.public_port,
                          settings.tls_certificate, running.run_dir / "edge",
                          log=private_dir(VAR_DIR / "log") / "edge-access.log")
        edge.wait_ready(timeout=30)
    except EdgeError as exc:
        raise UserError(str(exc)) from None
    return edge


def _ready_banner(running: "RunningAssistant", edge: "Optional[RunningEdge]", seconds: float) -> str:
    public = edge.url.replace("https://127.0.0.1", "https://localhost") if edge else running.url
    lines = [
        f"\nThe CIN Practice Assistant is ready (started in {seconds:.0f} s).",
        f"  Web page:     {public}/webhooks/web/  (sign in: cin-assistant user add --worker <worker id>)",
        f"  REST:         POST {public}/webhooks/rest/webhook  {{\"message\": \"hello\"}}",
        "                with Authorization: Bearer $(cin-assistant token --worker <worker id>)",
        f"  Voice:        POST {public}/webhooks/voice/webhook  (16 kHz mono WAV, same token)",
    ]
    if edge:
        lines.append(f"  TLS:          {edge.certificate} (self-signed for local use: curl --cacert it, or -k)"
                     if edge.certificate.parent.name == "tls" else f"  TLS:          {edge.certificate}")
        lines.append(f"  Servers:      Rasa {running.url}, actions {running.actions_url} (loopback only)")
    lines.append("  Stop:         Ctrl-C\n")
    return "\n".join(lines)


def cmd_run(args: argparse.Namespace) -> int:
    """Run both servers and the edge in front until Ctrl-C, then stop them all."""
    from assistant.conversations import purge_at_start
    from assistant.serve import LaunchError

    # Ctrl-C stops both servers even when started from a non-interactive shell's background job,
    # which starts its children with SIGINT ignored (Python then never raises KeyboardInterrupt).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    settings = load_settings()
    purge_at_start(settings.tracker_url, settings.retention_days)  # retention, before anyone is served
    env = {"CIN_TRACKER_URL": settings.tracker_url}
    if settings.edge != "none" and not settings.trusted_proxies:
        env["CIN_TRUSTED_PROXIES"] = "127.0.0.1"  # our own edge, on this host: believe the address it saw
    running = edge = None
    try:
        # A Ctrl-C while the servers are being spawned waits until the launcher holds both (inside
        # subprocess.Popen it would leave a just-forked server running unowned), then stops them.
        with _interrupt_deferred() as interrupted:
            running = _start(settings.port, settings.actions_port, env=env)
        if interrupted:
            raise KeyboardInterrupt
        seconds = running.wait_ready()
        edge = _start_edge(settings, running)
        print(_ready_banner(running, edge, seconds), flush=True)
        print(_store_hint(settings.database_url), flush=True)
        while running.exited() is None and (edge is None or edge.process.poll() is None):
            time.sleep(0.5)
        print(f"The {running.exited() or 'edge (HAProxy)'} stopped; stopping the rest.", file=sys.stderr)
        return 1
    except LaunchError as exc:
        raise UserError(str(exc)) from None
    except KeyboardInterrupt:
        print("\nStopping the assistant...", flush=True)
        return 0
    finally:
        if edge is not None:
            edge.stop()
        if running is not None:
            running.stop()
            print("Both servers stopped.")


def cmd_tls_local(args: argparse.Namespace) -> int:
    """The edge's self-signed certificate for local use (var/tls), made once; --force makes a new one."""
    from assistant.edge import LOCAL_CERTIFICATE, make_local_certificate

    if LOCAL_CERTIFICATE.exists() and not args.force:
        print(f"The local certificate is already at {LOCAL_CERTIFICATE} (--force makes a new one).")
        return 0
    make_local_certificate()
    print(f"Made a self-signed certificate for local use at {LOCAL_CERTIFICATE} (owner-only; "
          "browsers will warn about it). A council sets CIN_TLS_CERT to its own.")
    return 0


def cmd_edge_config(args: argparse.Namespace) -> int:
    """Write haproxy.cfg and its error pages for machines of a council's own (deploy/edge is made this way)."""
    from assistant.edge import write_edge_files

    host, _, port = args.listen.rpartition(":")
    if not host or not port.isdigit():
        raise UserError("--listen must be HOST:PORT, such as 0.0.0.0:8443")
    config = write_edge_files(Path(args.out), args.backend, host.strip("[]"), int(port), Path(args.cert),
                              seen_at=Path(args.seen_at) if args.seen_at else None, stats_socket=False)
    print(f"Wrote {config} and its error pages; check it with: haproxy -c -f {config}")
    return 0


def cmd_conversations_purge(args: argparse.Namespace) -> int:
    """Delete conversation sessions past the retention; print how many conversations and events."""
    from assistant.conversations import purge_conversations, shown_url

    settings = load_settings()
    days = settings.retention_days if args.older_than_days is None else args.older_than_days
    if days < 1:
        raise UserError("--older-than-days must be at least 1")
    url = args.db or settings.tracker_url
    try:
        report = purge_conversations(url, days)
    except Exception as exc:  # an unreachable or unusable database: one clear line
        raise UserError(f"cannot purge {shown_url(url)}: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
    print(report.summary())
    return 0


SHELL_WARNING = (
    "rasa shell is for trying the assistant on a demo store: it listens on loopback ({url}) with Rasa's own\n"
    "REST input, which takes the sender from the request rather than a sign-in. Do not point it at real case\n"
    "records; use `make run` (signed-in channels behind the edge) for them."
)


def cmd_conversations_show(args: argparse.Namespace) -> int:
    """One worker's stored conversation, for an operator on the server host; recorded in the audit trail first."""
    from assistant import audit
    from assistant.conversations import read_conversation, shown_url

    url = args.db or load_settings().tracker_url
    with _store(args, "--store") as store:
        try:
            audit.record_conversation_read(store, args.worker, audit.os_actor())
        except Exception as exc:  # noqa: BLE001 - nothing is shown unaudited
            raise UserError(f"cannot write the audit row, so nothing is shown: {exc.__class__.__name__}") from None
    try:
        said = read_conversation(url, args.worker)
    except Exception as exc:  # an unreachable or unusable database: one clear line
        raise UserError(f"cannot read {shown_url(url)}: {exc.__class__.__name__}") from None
    if args.json:
        print(json.dumps([{"at": s.at, "who": s.who, "text": s.text} for s in said], indent=2))
    else:
        for s in said:
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(s.at))}  {s.who:<9}  {s.text}")
        print(f"{len(said)} message(s) stored for {args.worker}.")
    return 0


def cmd_shell(args: argparse.Namespace) -> int:
    """`rasa shell` on loopback with the guarded action server beside it; for demo stores."""
    from assistant.serve import DEFAULT_MODEL, action_server_env, actions_command, child_env, write_endpoints

    settings = load_settings()
    env = action_server_env(settings, child_env())
    print(SHELL_WARNING.format(url=f"http://127.0.0.1:{settings.port}"), flush=True)
    actions = subprocess.Popen(actions_command(settings.actions_port), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    run_dir = Path(tempfile.mkdtemp(prefix="cin-shell-"))
    try:
        endpoints = write_endpoints(run_dir, settings.actions_port, settings)
        return subprocess.call(
            [sys.executable, "-m", "rasa", "shell", "--model", str(DEFAULT_MODEL), "--interface", "127.0.0.1",
             "--endpoints", str(endpoints), "--port", str(settings.port)],
            env=env,
        )
    except KeyboardInterrupt:
        return 0
    finally:
        actions.terminate()
        actions.wait(timeout=20)
        shutil.rmtree(run_dir, ignore_errors=True)


def cmd_bench_startup(args: argparse.Namespace) -> int:
    """Seconds from launch to the first answered REST message, over a few runs.

    The message is signed in as a worker of a small synthetic store built
    first (a token needs a worker the case records know).
    """
    from assistant.casestore import open_store
    from assistant.chat_eval import demo_store_url
    from assistant.serve import free_port

    work = Path(tempfile.mkdtemp(prefix="cin-bench-startup-"))
    store_url = demo_store_url(1, _today(args), work, children=50)
    with open_store(store_url) as store:
        worker = store.workers()[0].worker_id
    timings: List[float] = []
    for attempt in range(args.runs):
        started = time.monotonic()
        running = _start(free_port(), free_port(), env={"CIN_DATABASE_URL": store_url})
        try:
            running.wait_ready()
            replies = running.send(worker, "hello")
            if not replies:
                raise UserError("The assistant answered with no message")
            timings.append(time.monotonic() - started)
        finally:
            running.stop()
        print(f"run {attempt + 1}: first REST answer after {timings[-1]:.1f} s", flush=True)
    timings.sort()
    print(f"start-up to first answer: median {timings[len(timings) // 2]:.1f} s, worst {timings[-1]:.1f} s (target under 60 s)")
    return 0


def cmd_bench_caseload(args: argparse.Namespace) -> int:
    """Import and query times on a large synthetic store (figures for the README)."""
    from assistant.bench import bench_caseload

    today = _today(args)
    backend = args.db or "sqlite"
    print(f"Caseload benchmark: {args.children:,} children, seed {args.seed}, today {today}, store {backend.split('?')[0]}")
    for figure in bench_caseload(args.children, args.seed, today, args.db, args.repeats):
        print(figure.line(), flush=True)
    return 0


def cmd_eval_chat(args: argparse.Namespace) -> int:
    """Score the chat end to end on the held-out set through the REST server (always exits 0)."""
    from assistant.chat_eval import HeldoutError, run_eval
    from assistant.serve import LaunchError

    try:
        run_eval(Path(args.heldout) if args.heldout else None, args.url, Path(args.report) if args.report else None)
    except (HeldoutError, LaunchError) as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_bench_chat(args: argparse.Namespace) -> int:
    """p50/p95 per REST request: ours (procedural, caseload) against a `rasa init` moodbot."""
    from assistant.chat_bench import bench_chat, render
    from assistant.serve import LaunchError

    try:
        series = bench_chat(args.messages, args.warmup, Path(args.heldout) if args.heldout else None)
    except (LaunchError, RuntimeError) as exc:
        raise UserError(str(exc)) from None
    print(render(series))
    return 0


def cmd_bench_load(args: argparse.Namespace) -> int:
    """Throughput and p50/p95/p99 with many signed-in workers on two servers behind the edge (HAProxy, TLS)."""
    from assistant.load_bench import bench_load
    from assistant.serve import LaunchError

    if args.workers < 1 or args.seconds <= 0 or args.servers < 1:
        raise UserError("--workers, --seconds and --servers must be positive")
    try:
        report = bench_load(args.workers, args.seconds, args.servers, args.db, args.redis, today=_today(args))
    except (LaunchError, RuntimeError) as exc:
        raise UserError(str(exc)) from None
    print(report.render())
    return 0


def cmd_nlu_cv(args: argparse.Namespace) -> int:
    """`rasa test nlu --cross-validation` and the intent (and entity) F1 it reports."""
    from assistant.nlu_cv import run_cv

    out = Path(args.out)
    print(run_cv(args.folds, out).render(args.folds, out))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cin-assistant", description="The CIN Practice Assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    nlp = sub.add_parser("nlp", help="the project's spaCy pipeline").add_subparsers(dest="nlp_command", required=True)
    nlp.add_parser("build", help="build the pipeline under build/spacy").set_defaults(func=cmd_nlp_build)

    corpus = sub.add_parser("corpus", help="the guidance corpus").add_subparsers(dest="corpus_command", required=True)
    check = corpus.add_parser("check", help="check every document in the manifest is present")
    check.add_argument("--fill-from", help="a folder to copy missing documents from (e.g. ../shared/guidance)")
    check.set_defaults(func=cmd_corpus_check)

    imports = sub.add_parser("import", help="load case records").add_subparsers(dest="import_command", required=True)
    csv_parser = imports.add_parser("csv", help="the four-CSV exchange format (all or nothing)")
    csv_parser.add_argument("directory", help="folder with workers.csv, children.csv, cases.csv, events.csv")
    csv_parser.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    csv_parser.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    csv_parser.set_defaults(func=cmd_import_csv)
    census = imports.add_parser("cin-census", help="a DfE Children in Need census XML file")
    census.add_argument("file", help="the census XML")
    census.add_argument("--authority", required=True, help="the authority the census belongs to, e.g. medway")
    census.add_argument("--allocations", help="CSV LAchildID,worker_id; open cases not in it land unallocated")
    census.add_argument("--allow-partial", action="store_true", help="import the valid children, report the rest")
    census.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    census.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    census.set_defaults(func=cmd_import_census)

    demo = sub.add_parser("demo-data", help="write a seeded synthetic caseload as the four CSVs")
    demo.add_argument("--out", required=True, help="folder for workers.csv, children.csv, cases.csv, events.csv")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--children", type=int, help="size (default: 4 authorities x 2 teams x 5 workers)")
    demo.add_argument("--today", help="YYYY-MM-DD the histories lead up to (default: CIN_TODAY or today)")
    demo.add_argument("--load", action="store_true", help="also import it into the case store")
    demo.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    demo.set_defaults(func=cmd_demo_data)

    ingest = sub.add_parser("ingest", help="read guidance documents into the knowledge index")
    ingest.add_argument("paths", nargs="*", help="files (.txt .md .html .docx .pdf); none: the shipped corpus")
    ingest.add_argument("--authority", help="for documents not in the manifest: the authority key, e.g. northshire")
    ingest.add_argument("--authority-name", help="the authority's name for people")
    ingest.add_argument("--title", help="the document's title")
    ingest.add_argument("--kind", default="local_procedure", choices=("local_procedure", "general_guidance"))
    ingest.add_argument("--index", help="index file (default: var/knowledge/index.json)")
    ingest.set_defaults(func=cmd_ingest)

    ask_parser = sub.add_parser("ask", help="answer a CIN procedure question from the guidance, with citations")
    ask_parser.add_argument("text", nargs="+", help="the question, e.g. how often do I visit")
    ask_parser.add_argument("--authority", help="the asker's council: practice_matters, kent, medway, camden (default: compare; a council named in the question wins)")
    ask_parser.add_argument("--json", action="store_true", help="topic, status, text and citations as JSON")
    ask_parser.add_argument("--model", help="the trained Rasa model whose NLU picks the topic (default models/cin.tar.gz)")
    ask_parser.add_argument(
        "--keywords", action="store_true",
        help="pick the topic by the keyword matcher instead of the trained NLU (no model needed; faster to start)",
    )
    ask_parser.set_defaults(func=cmd_ask)

    evaluation = sub.add_parser("eval", help="score `ask` on the evaluation questions, with a BM25 baseline")
    evaluation.add_argument("--questions", help="a questions YAML (default: tests/knowledge/eval_questions.yml)")
    evaluation.add_argument("--failures", action="store_true", help="list each question answered wrongly")
    evaluation.add_argument(
        "--oracle-topic", action="store_true",
        help="also score answer(gold topic, authority, question=q): what the chat gives when NLU picks the right topic",
    )
    evaluation.set_defaults(func=cmd_eval)

    rules = sub.add_parser("rules", help="the curated due-date rules").add_subparsers(dest="rules_command", required=True)
    check_rules = rules.add_parser("check", help="compare the curated rules with timescales found in the guidance")
    check_rules.add_argument("--json", action="store_true")
    check_rules.set_defaults(func=cmd_rules_check)

    due = sub.add_parser("due", help="what is due in a window plus everything overdue (spec §5)")
    who = due.add_mutually_exclusive_group(required=True)
    who.add_argument("--worker", help="a worker's own caseload (with --team: a manager's team)")
    who.add_argument("--authority", help="the whole authority, unallocated cases included")
    due.add_argument("--team", action="store_true", help="with --worker MANAGER: the manager's team")
    due.add_argument("--today", help="YYYY-MM-DD (default: CIN_TODAY or the real date)")
    due.add_argument("--window", help='"today", "this week" (default), "next week", "next 10 days", "by friday", ...')
    due.add_argument("--item", choices=ITEMS, help="only this kind of item")
    due.add_argument("--overdue", action="store_true", help="only overdue items")
    due.add_argument("--json", action="store_true", help="the JSON contract of spec §5")
    due.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    due.set_defaults(func=cmd_due)

    audit_parser = sub.add_parser("audit", help="who looked at or changed which cases (operators, DPO; server host)")
    audit_parser.add_argument("check", nargs="?", choices=["verify"],
                              help="verify: check the hash chain (exit 0 intact, 1 with the first bad row)")
    audit_parser.add_argument("--worker", help="only this worker's queries and writes")
    audit_parser.add_argument("--actor", help='only what this actor did (a worker id, or "os:<user>" on the host)')
    audit_parser.add_argument("--case", help="only rows about this case (asked about, returned or changed)")
    audit_parser.add_argument("--since", help="YYYY-MM-DD, UTC, inclusive")
    audit_parser.add_argument("--until", help="YYYY-MM-DD, UTC, inclusive")
    audit_parser.add_argument("--json", action="store_true", help="every field, as a JSON list")
    audit_parser.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    audit_parser.set_defaults(func=cmd_audit)

    user = sub.add_parser("user", help="local sign-in accounts for the web page").add_subparsers(dest="user_command", required=True)
    user_add = user.add_parser("add", help="create or reset a worker's password (argon2-hashed in the case store)")
    user_add.add_argument("--worker", required=True, help="the worker's id in the case records")
    user_add.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    user_add.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    user_add.set_defaults(func=cmd_user_add)

    token = sub.add_parser("token", help="print a signed token for a worker (operators, on the server host)")
    token.add_argument("--worker", required=True, help="the worker's id in the case records")
    token.add_argument("--minutes", type=int, help="lifetime (default CIN_TOKEN_MINUTES or 30)")
    token.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    token.set_defaults(func=cmd_token)

    sub.add_parser("run", help="run the Rasa server, the action server and the edge until Ctrl-C").set_defaults(
        func=cmd_run)
    conversations = sub.add_parser("conversations", help="the conversation store (Rasa's tracker store)").add_subparsers(
        dest="conversations_command", required=True)
    purge = conversations.add_parser("purge", help="delete conversation sessions older than the retention (cron daily)")
    purge.add_argument("--older-than-days", type=int, help="default CIN_RETENTION_DAYS or 30")
    purge.add_argument("--db", help="SQLAlchemy URL of the conversation store (default: CIN_TRACKER_URL)")
    purge.set_defaults(func=cmd_conversations_purge)
    show = conversations.add_parser("show", help="a worker's stored conversation (operators; audited)")
    show.add_argument("--worker", required=True, help="the worker id (the conversation's sender)")
    show.add_argument("--db", help="SQLAlchemy URL of the conversation store (default: CIN_TRACKER_URL)")
    show.add_argument("--store", help="the case store, for the audit row (default: CIN_DATABASE_URL)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_conversations_show)
    sub.add_parser("shell", help="talk to the assistant in the terminal (rasa shell; demo stores only)").set_defaults(
        func=cmd_shell)
    edge = sub.add_parser("edge", help="the edge (HAProxy) in front of the servers").add_subparsers(
        dest="edge_command", required=True)
    edge_config = edge.add_parser("config", help="write haproxy.cfg for a deployment's own machines")
    edge_config.add_argument("--backend", action="append", required=True, help="a Rasa server's HOST:PORT; repeat")
    edge_config.add_argument("--listen", default="0.0.0.0:8443", help="the public HOST:PORT (TLS)")
    edge_config.add_argument("--cert", required=True, help="the certificate and key (one PEM) as HAProxy sees it")
    edge_config.add_argument("--out", required=True, help="the folder to write haproxy.cfg and error pages into")
    edge_config.add_argument("--seen-at", help="where HAProxy will find that folder (a container mount)")
    edge_config.set_defaults(func=cmd_edge_config)
    tls = sub.add_parser("tls", help="the edge's certificate").add_subparsers(dest="tls_command", required=True)
    tls_local = tls.add_parser("local", help="make the self-signed certificate for local use (var/tls)")
    tls_local.add_argument("--force", action="store_true", help="replace an existing one")
    tls_local.set_defaults(func=cmd_tls_local)

    bench = sub.add_parser("bench", help="benchmarks that print numbers").add_subparsers(dest="bench_command", required=True)
    startup = bench.add_parser("startup", help="time from launch to the first REST answer")
    startup.add_argument("--runs", type=int, default=3)
    startup.add_argument("--today", help="YYYY-MM-DD for the synthetic store (default: CIN_TODAY or the real date)")
    startup.set_defaults(func=cmd_bench_startup)
    load = bench.add_parser("caseload", help="import and due-list times on a large synthetic store")
    load.add_argument("--children", type=int, default=100_000)
    load.add_argument("--seed", type=int, default=1)
    load.add_argument("--repeats", type=int, default=20)
    load.add_argument("--today", help="YYYY-MM-DD (default: CIN_TODAY or the real date)")
    load.add_argument("--db", help="a PostgreSQL URL to benchmark in a scratch schema (default: a temporary SQLite file)")
    load.set_defaults(func=cmd_bench_caseload)
    chat_bench = bench.add_parser("chat", help="REST latency p50/p95: ours vs a `rasa init` bot, same run")
    chat_bench.add_argument("--messages", type=int, default=200, help="messages to each bot (default 200)")
    chat_bench.add_argument("--warmup", type=int, default=10)
    chat_bench.add_argument("--heldout", help="held-out YAML for our messages (default: tests/conversation/heldout.yml)")
    chat_bench.set_defaults(func=cmd_bench_chat)
    load_bench = bench.add_parser("load", help="simulated workers against two servers behind the edge (HAProxy, TLS, loopback)")
    load_bench.add_argument("--workers", type=int, default=50, help="signed-in workers, each their own caseload (default 50)")
    load_bench.add_argument("--seconds", type=float, default=120.0, help="how long they chat (default 120)")
    load_bench.add_argument("--servers", type=int, default=2, help="Rasa + action server pairs (default 2)")
    load_bench.add_argument("--db", default="postgresql://postgres@localhost:5432/test",
                            help="PostgreSQL for the scratch case and conversation schemas")
    load_bench.add_argument("--redis", default=os.environ.get("CIN_LOCK_STORE_URL") or "redis://localhost:6379/0",
                            help="Redis for the lock store (default CIN_LOCK_STORE_URL or redis://localhost:6379/0)")
    load_bench.add_argument("--today", help="YYYY-MM-DD for the synthetic store (default: CIN_TODAY or the real date)")
    load_bench.set_defaults(func=cmd_bench_load)

    voice_bench = bench.add_parser("voice", help="spoken questions: intent accuracy, word error rate, real-time factor")
    voice_bench.add_argument("--variants", type=int, default=3, help="voice/speed variants per question (default 3)")
    voice_bench.add_argument("--limit", type=int, help="only the first N questions")
    voice_bench.set_defaults(func=cmd_bench_voice)

    voice = sub.add_parser("voice", help="the voice channel's speech model").add_subparsers(dest="voice_command", required=True)
    voice_build = voice.add_parser("build", help="build the recogniser's language model from the training data")
    voice_build.add_argument("--out", help="folder (default build/voice)")
    voice_build.set_defaults(func=cmd_voice_build)

    eval_chat = sub.add_parser("eval-chat", help="score the chat on the held-out set through the running REST server")
    eval_chat.add_argument("--heldout", help="held-out YAML (default: tests/conversation/heldout.yml)")
    eval_chat.add_argument("--url", help="an already running Rasa server (default: start one on the seeded demo store)")
    eval_chat.add_argument("--report", help="write the JSON report here (e.g. results/eval-chat.json)")
    eval_chat.set_defaults(func=cmd_eval_chat)

    nlu_cv = sub.add_parser("nlu-cv", help="cross-validate the NLU (rasa test nlu --cross-validation) and print F1")
    nlu_cv.add_argument("--folds", type=int, default=5)
    nlu_cv.add_argument("--out", default="results/cv", help="where Rasa writes its reports (default results/cv)")
    nlu_cv.set_defaults(func=cmd_nlu_cv)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    # Files this command and the servers it starts create (the case store, conversations, exports,
    # logs, secrets) hold or guard children's data: readable by the service's own user only.
    os.umask(0o077)
    private_dir(VAR_DIR)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (UserError, ConfigError) as exc:
        print(f"cin-assistant: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""`python -m evaluation`: the measurements (benchmarks, evaluations, cross-validation), outside the product.

Each command prints numbers and asserts nothing; the Makefile's bench and
eval targets run them. They start the real servers (assistant.runtime) and
read the evaluation sets in evaluation/sets/.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, List, Optional, Tuple

from assistant.casestore import open_store
from assistant.cli.common import UserError, start_servers, today_of
from assistant.config import ConfigError
from assistant.dialogue.reply import Reply
from assistant.nlu.understanding import ModelMissingError, Understanding
from assistant.nlu.understanding import answer_question as answer_parsed
from assistant.runtime.launcher import DEFAULT_MODEL, LaunchError, free_port
from evaluation import caseload_eval, chat_bench, limits_cv, procedure_eval, train_ranker, voice_bench, voice_report
from evaluation.caseload_bench import bench_caseload
from evaluation.chat_bench import bench_chat
from evaluation.chat_eval import HeldoutError, demo_store_url, run_eval
from evaluation.knowledge_eval import (
    ask_system,
    bm25_baseline,
    evaluate,
    load_questions,
    oracle_topic_focus_system,
    oracle_topic_system,
)
from evaluation.load_bench import bench_load
from evaluation.nlu_cv import run_cv


def cmd_eval(args: argparse.Namespace) -> int:
    """Score `ask` on the evaluation set (right facts + a correct citation) against plain BM25."""
    questions = load_questions(Path(args.questions) if args.questions else None)
    systems = [("ask", ask_system), ("BM25 baseline", bm25_baseline)]
    if getattr(args, "oracle_topic", False):
        systems[1:1] = [
            ("oracle topic (answer(gold topic, authority, question=q))", oracle_topic_system),
            ("oracle topic + focus_compare (opt-in)", oracle_topic_focus_system),
        ]
    for name, system in systems:
        print(evaluate(questions, system, name).render(show_failures=args.failures), flush=True)
    return 0


def cmd_procedure(args: argparse.Namespace) -> int:
    """Score the chat's procedure answers on a blind set, beside plain passage search."""
    sealed = args.path.name.startswith("procedure-sealed")  # every sealed set, by the file's name
    if sealed and args.misses:
        raise UserError("A sealed set's misses are never printed: score it once, without --misses.")
    questions = procedure_eval.load(args.path)
    if args.limit:
        questions = questions[: args.limit]
    try:
        understanding = Understanding(Path(args.model))
    except ModelMissingError as exc:
        raise UserError(str(exc)) from None

    def chat(q: procedure_eval.Question) -> Reply:
        return answer_parsed(understanding.parse(q.text), q.text, home=q.council)

    systems: List[Tuple[str, procedure_eval.System]] = [("the assistant (trained NLU, then the chat's answer)", chat)]
    if not args.no_baselines:
        systems += [(name, procedure_eval.search_baseline(name, w)) for name, w in procedure_eval.BASELINES.items()]
    for name, system in systems:
        result = procedure_eval.run(questions, system, name)
        print(result.render(show_misses=args.misses and system is chat), flush=True)
    return 0


def cmd_caseload(args: argparse.Namespace) -> int:
    """Score caseload requests and limits on a blind set through the running chat."""
    folder = args.folder
    sealed = folder.name.startswith("caseload-sealed")  # every sealed set, by the folder's name
    try:
        caseload_eval.run(folder, show_misses=args.misses and not sealed)
    except LaunchError as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_train_ranker(args: argparse.Namespace) -> int:
    """Learn the passage ranker's weights and thresholds on the development set; write knowledge/ranker.yml."""
    print(train_ranker.run(Path(args.model), write=not args.dry_run))
    return 0


def cmd_bench_startup(args: argparse.Namespace) -> int:
    """Seconds from launch to the first answered REST message, over a few runs.

    The message is signed in as a worker of a small synthetic store built
    first (a token needs a worker the case records know).
    """
    work = Path(tempfile.mkdtemp(prefix="cin-bench-startup-"))
    store_url = demo_store_url(1, today_of(args), work, children=50)
    with open_store(store_url) as store:
        worker = store.workers()[0].worker_id
    timings: List[float] = []
    for attempt in range(args.runs):
        started = time.monotonic()
        running = start_servers(free_port(), free_port(), env={"CIN_DATABASE_URL": store_url})
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
    print(
        f"start-up to first answer: median {timings[len(timings) // 2]:.1f} s, worst {timings[-1]:.1f} s (target under 60 s)"
    )
    return 0


def cmd_bench_caseload(args: argparse.Namespace) -> int:
    """Import and query times on a large synthetic store (figures for the README)."""
    today = today_of(args)
    backend = args.db or "sqlite"
    print(
        f"Caseload benchmark: {args.children:,} children, seed {args.seed}, today {today}, store {backend.split('?')[0]}"
    )
    for figure in bench_caseload(args.children, args.seed, today, args.db, args.repeats):
        print(figure.line(), flush=True)
    return 0


def cmd_eval_chat(args: argparse.Namespace) -> int:
    """Score the chat end to end on the held-out set through the REST server (always exits 0)."""
    try:
        run_eval(Path(args.heldout) if args.heldout else None, args.url, Path(args.report) if args.report else None)
    except (HeldoutError, LaunchError) as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_bench_chat(args: argparse.Namespace) -> int:
    """p50/p95 per REST request: ours (procedural, caseload) against a `rasa init` moodbot."""
    try:
        series = bench_chat(args.messages, args.warmup, Path(args.heldout) if args.heldout else None)
    except (LaunchError, RuntimeError) as exc:
        raise UserError(str(exc)) from None
    print(chat_bench.render(series))
    return 0


def cmd_bench_load(args: argparse.Namespace) -> int:
    """Throughput and p50/p95/p99 with many signed-in workers on two servers behind the edge (HAProxy, TLS)."""
    if args.workers < 1 or args.seconds <= 0 or args.servers < 1:
        raise UserError("--workers, --seconds and --servers must be positive")
    try:
        report = bench_load(args.workers, args.seconds, args.servers, args.db, args.redis, today=today_of(args))
    except (LaunchError, RuntimeError) as exc:
        raise UserError(str(exc)) from None
    print(report.render())
    return 0


def cmd_bench_voice(args: argparse.Namespace) -> int:
    """Unseen spoken questions in the natural and espeak-ng voices through every recogniser and the NLU:
    agreement with the typed question, WER, real-time factor; the recogniser chosen; time to first audio."""
    try:
        report = voice_bench.voice_bench(
            log=lambda line: print(line, file=sys.stderr, flush=True),
            limit=args.limit,
            older=args.older,
            latency=not args.no_latency,
            dev=args.dev,
            wording=not args.no_wording,
            dump=Path(args.dump) if args.dump else None,
        )
    except RuntimeError as exc:
        raise UserError(str(exc)) from None
    print(voice_report.render(report))
    return 0


def cmd_limits_cv(args: argparse.Namespace) -> int:
    """The limits on new wordings: patterns alone against patterns plus the learned guess, cross-validated."""
    print(limits_cv.run(args.folds), flush=True)
    return 0


def cmd_nlu_cv(args: argparse.Namespace) -> int:
    """`rasa test nlu --cross-validation` and the intent (and entity) F1 it reports."""
    out = Path(args.out)
    print(run_cv(args.folds, out).render(args.folds, out))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    _add_knowledge(sub)
    bench = sub.add_parser("bench", help="benchmarks that print numbers").add_subparsers(
        dest="bench_command", required=True
    )
    _add_benches(bench)
    _add_blind_sets(sub)
    _add_nlu_cv(sub)
    _add_voice_bench(bench)
    return parser


def _add_knowledge(sub: Any) -> None:
    """The older knowledge set: `ask` scored with a BM25 baseline."""
    evaluation = sub.add_parser("knowledge", help="score `ask` on the evaluation questions, with a BM25 baseline")
    evaluation.add_argument("--questions", help="a questions YAML (default: evaluation/sets/knowledge-questions.yml)")
    evaluation.add_argument("--failures", action="store_true", help="list each question answered wrongly")
    evaluation.add_argument(
        "--oracle-topic",
        action="store_true",
        help="also score answer(gold topic, authority, question=q): what the chat gives when NLU picks the right topic",
    )
    evaluation.set_defaults(func=cmd_eval)


def _add_benches(bench: Any) -> None:
    """The benchmarks that print numbers: start-up, caseload queries, chat latency, load."""
    startup = bench.add_parser("startup", help="time from launch to the first REST answer")
    startup.add_argument("--runs", type=int, default=3)
    startup.add_argument("--today", help="YYYY-MM-DD for the synthetic store (default: CIN_TODAY or the real date)")
    startup.set_defaults(func=cmd_bench_startup)
    load = bench.add_parser("caseload", help="import and due-list times on a large synthetic store")
    load.add_argument("--children", type=int, default=100_000)
    load.add_argument("--seed", type=int, default=1)
    load.add_argument("--repeats", type=int, default=20)
    load.add_argument("--today", help="YYYY-MM-DD (default: CIN_TODAY or the real date)")
    load.add_argument(
        "--db", help="a PostgreSQL URL to benchmark in a scratch schema (default: a temporary SQLite file)"
    )
    load.set_defaults(func=cmd_bench_caseload)
    chat_bench = bench.add_parser("chat", help="REST latency p50/p95: ours vs a `rasa init` bot, same run")
    chat_bench.add_argument("--messages", type=int, default=200, help="messages to each bot (default 200)")
    chat_bench.add_argument("--warmup", type=int, default=10)
    chat_bench.add_argument(
        "--heldout", help="held-out YAML for our messages (default: evaluation/sets/chat-heldout.yml)"
    )
    chat_bench.set_defaults(func=cmd_bench_chat)
    load_bench = bench.add_parser(
        "load", help="simulated workers against two servers behind the edge (HAProxy, TLS, loopback)"
    )
    load_bench.add_argument(
        "--workers", type=int, default=50, help="signed-in workers, each their own caseload (default 50)"
    )
    load_bench.add_argument("--seconds", type=float, default=120.0, help="how long they chat (default 120)")
    load_bench.add_argument("--servers", type=int, default=2, help="Rasa + action server pairs (default 2)")
    load_bench.add_argument(
        "--db",
        default="postgresql://postgres@localhost:5432/test",
        help="PostgreSQL for the scratch case and conversation schemas",
    )
    load_bench.add_argument(
        "--redis",
        default=os.environ.get("CIN_LOCK_STORE_URL") or "redis://localhost:6379/0",
        help="Redis for the lock store (default CIN_LOCK_STORE_URL or redis://localhost:6379/0)",
    )
    load_bench.add_argument("--today", help="YYYY-MM-DD for the synthetic store (default: CIN_TODAY or the real date)")
    load_bench.set_defaults(func=cmd_bench_load)


def _add_blind_sets(sub: Any) -> None:
    """The chat's held-out set, the blind procedure and caseload sets, and the ranker trained on the former."""
    eval_chat = sub.add_parser("chat", help="score the chat on the held-out set through the running REST server")
    eval_chat.add_argument("--heldout", help="held-out YAML (default: evaluation/sets/chat-heldout.yml)")
    eval_chat.add_argument("--url", help="an already running Rasa server (default: start one on the seeded demo store)")
    eval_chat.add_argument("--report", help="write the JSON report here (e.g. results/eval-chat.json)")
    eval_chat.set_defaults(func=cmd_eval_chat)

    procedure = sub.add_parser("procedure", help="score procedure answers on the blind development (or sealed) set")
    procedure_sets = procedure.add_mutually_exclusive_group()  # the first development set by default
    for flag, path, about in (
        ("--sealed", procedure_eval.SEALED, "the sealed set: score it once, at the end"),
        ("--dev2", procedure_eval.DEV2, "the second development set (seventh session, another writer)"),
        ("--sealed2", procedure_eval.SEALED2, "the second sealed set: score it once, at the end (seventh session)"),
    ):
        procedure_sets.add_argument(flag, dest="path", action="store_const", const=path, help=about)
    procedure.set_defaults(path=procedure_eval.DEV)
    procedure.add_argument(
        "--misses",
        action="store_true",
        help="print each miss (development set only: never read the sealed set's misses)",
    )
    procedure.add_argument("--limit", type=int, help="only the first N questions")
    procedure.add_argument("--no-baselines", action="store_true", help="skip the passage-search baselines")
    procedure.add_argument("--model", default=str(DEFAULT_MODEL), help="trained model (default models/cin.tar.gz)")
    procedure.set_defaults(func=cmd_procedure)

    caseload_set = sub.add_parser("caseload", help="score caseload requests and limits on the blind development set")
    sets = caseload_set.add_mutually_exclusive_group()  # the first development set by default
    for flag, folder, about in (
        ("--sealed", caseload_eval.SEALED, "the sealed set: score it once, at the end"),
        ("--sealed2", caseload_eval.SEALED2, "the second sealed set: score it once, at the end (2026-12-07)"),
        ("--dev2", caseload_eval.DEV2, "the second development set (another caseload, today 2026-12-10)"),
        ("--sealed3", caseload_eval.SEALED3, "the third sealed set: score it once, at the end (third session)"),
        ("--dev3", caseload_eval.DEV3, "the third development set (Practice Matters and Kent, today 2027-03-02)"),
        ("--dev4", caseload_eval.DEV4, "the fourth development set (Camden and Kent, today 2027-05-19)"),
        ("--dev5", caseload_eval.DEV5, "the fifth development set (Medway and Kent, today 2027-10-14)"),
        ("--sealed4", caseload_eval.SEALED4, "the fourth sealed set: score it once, at the end (fifth session)"),
        ("--dev6", caseload_eval.DEV6, "the sixth development set (Medway and Camden, today 2028-01-12)"),
        ("--dev7", caseload_eval.DEV7, "the seventh development set (Medway and Kent, today 2028-06-21)"),
        ("--sealed5", caseload_eval.SEALED5, "the fifth sealed set: score it once, at the end (sixth session)"),
    ):
        sets.add_argument(flag, dest="folder", action="store_const", const=folder, help=about)
    caseload_set.set_defaults(folder=caseload_eval.DEV)
    caseload_set.add_argument("--misses", action="store_true", help="print each miss (development set only)")
    caseload_set.set_defaults(func=cmd_caseload)

    ranker = sub.add_parser("train-ranker", help="learn the passage ranker on the development set")
    ranker.add_argument("--model", default=str(DEFAULT_MODEL), help="trained model for the topic prior")
    ranker.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    ranker.set_defaults(func=cmd_train_ranker)


def _add_nlu_cv(sub: Any) -> None:
    """Rasa's cross-validation of the NLU."""
    nlu_cv = sub.add_parser("nlu-cv", help="cross-validate the NLU (rasa test nlu --cross-validation) and print F1")
    nlu_cv.add_argument("--folds", type=int, default=5)
    nlu_cv.add_argument("--out", default="results/cv", help="where Rasa writes its reports (default results/cv)")
    nlu_cv.set_defaults(func=cmd_nlu_cv)
    limits = sub.add_parser("limits-cv", help="the limits on new wordings: patterns vs patterns + learned guess")
    limits.add_argument("--folds", type=int, default=5)
    limits.set_defaults(func=cmd_limits_cv)


def _add_voice_bench(bench: Any) -> None:
    """The voice benchmark: spoken questions x voices x recognisers."""
    voice_bench = bench.add_parser("voice", help="spoken questions x voices x recognisers: agreement, WER, RTF")
    voice_bench.add_argument("--limit", type=int, help="only the first N questions of each set")
    voice_bench.add_argument(
        "--older", action="store_true", help="add the older 129-question set, natural voice (about 2 min more)"
    )
    voice_bench.add_argument("--no-latency", action="store_true", help="skip the reply voices' time to first audio")
    voice_bench.add_argument(
        "--dev",
        action="store_true",
        help="the blind development set (voice-dev.yml), for tuning, instead of the unseen",
    )
    voice_bench.add_argument("--dump", help="write every recording's readings and parses here (JSON lines)")
    voice_bench.add_argument(
        "--no-wording", action="store_true", help="pocketsphinx's model from the NLU data alone (the earlier model)"
    )
    voice_bench.set_defaults(func=cmd_bench_voice)


def main(argv: Optional[List[str]] = None) -> int:
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (UserError, ConfigError) as exc:
        print(f"evaluation: {exc}", file=sys.stderr)
        return 1

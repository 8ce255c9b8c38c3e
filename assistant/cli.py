"""The `cin-assistant` command: thin, each sub-command calls one room of the package.

Errors a user can fix are printed as one clear line and exit 1; no stack trace.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

from assistant.config import ConfigError, load_settings


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


def _start(settings_port: int, settings_actions_port: int):
    from assistant.serve import LaunchError, start_assistant

    try:
        return start_assistant(settings_port, settings_actions_port)
    except LaunchError as exc:
        raise UserError(str(exc)) from None


def cmd_run(args: argparse.Namespace) -> int:
    """Run both servers until Ctrl-C, then stop both."""
    from assistant.serve import LaunchError

    settings = load_settings()
    running = _start(settings.port, settings.actions_port)
    try:
        seconds = running.wait_ready()
        print(
            f"\nThe CIN Practice Assistant is ready (started in {seconds:.0f} s).\n"
            f"  Talk to it:   POST {running.webhook}  {{\"sender\": \"<worker id>\", \"message\": \"hello\"}}\n"
            f"  Actions:      http://127.0.0.1:{running.actions_port}/health\n"
            "  Stop:         Ctrl-C\n",
            flush=True,
        )
        while running.exited() is None:
            time.sleep(0.5)
        print(f"The {running.exited()} stopped; stopping the other.", file=sys.stderr)
        return 1
    except LaunchError as exc:
        raise UserError(str(exc)) from None
    except KeyboardInterrupt:
        print("\nStopping the assistant...", flush=True)
        return 0
    finally:
        running.stop()
        print("Both servers stopped.")


def cmd_shell(args: argparse.Namespace) -> int:
    """`rasa shell` with the action server running beside it."""
    from assistant.serve import (
        DEFAULT_MODEL, actions_command, child_env, write_endpoints,
    )
    import tempfile

    settings = load_settings()
    env = child_env()
    actions = subprocess.Popen(actions_command(settings.actions_port), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoints = write_endpoints(Path(tempfile.mkdtemp(prefix="cin-shell-")), settings.actions_port)
    try:
        return subprocess.call(
            [sys.executable, "-m", "rasa", "shell", "--model", str(DEFAULT_MODEL),
             "--endpoints", str(endpoints), "--port", str(settings.port)],
            env=env,
        )
    except KeyboardInterrupt:
        return 0
    finally:
        actions.terminate()
        actions.wait(timeout=20)


def cmd_bench_startup(args: argparse.Namespace) -> int:
    """Seconds from launch to the first answered REST message, over a few runs."""
    from assistant.serve import free_port

    timings: List[float] = []
    for attempt in range(args.runs):
        started = time.monotonic()
        running = _start(free_port(), free_port())
        try:
            running.wait_ready()
            replies = running.send("bench-worker", "hello")
            if not replies:
                raise UserError("The assistant answered with no message")
            timings.append(time.monotonic() - started)
        finally:
            running.stop()
        print(f"run {attempt + 1}: first REST answer after {timings[-1]:.1f} s", flush=True)
    timings.sort()
    print(f"start-up to first answer: median {timings[len(timings) // 2]:.1f} s, worst {timings[-1]:.1f} s (target under 60 s)")
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

    sub.add_parser("run", help="run the Rasa server and the action server until Ctrl-C").set_defaults(func=cmd_run)
    sub.add_parser("shell", help="talk to the assistant in the terminal (rasa shell)").set_defaults(func=cmd_shell)

    bench = sub.add_parser("bench", help="benchmarks that print numbers").add_subparsers(dest="bench_command", required=True)
    startup = bench.add_parser("startup", help="time from launch to the first REST answer")
    startup.add_argument("--runs", type=int, default=3)
    startup.set_defaults(func=cmd_bench_startup)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (UserError, ConfigError) as exc:
        print(f"cin-assistant: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""Running the assistant: the servers and the edge, `rasa shell`, the edge's configuration, the conversation store."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, List, Optional

from assistant.casestore import audit, open_store
from assistant.cli.common import UserError, start_servers, store_of
from assistant.config import VAR_DIR, Settings, load_settings, private_dir
from assistant.runtime.edge import EdgeError, RunningEdge, start_edge, write_edge_files
from assistant.runtime.launcher import (
    DEFAULT_MODEL,
    LaunchError,
    RunningAssistant,
    action_server_env,
    actions_command,
    child_env,
    write_endpoints,
)
from assistant.tracker.retention import (
    purge_at_start,
    purge_conversations,
    read_conversation,
    shown_url,
)

SHELL_WARNING = (
    "rasa shell is for trying the assistant on a demo store: it listens on loopback ({url}) with Rasa's own\n"
    "REST input, which takes the sender from the request rather than a sign-in. Do not point it at real case\n"
    "records; use `make run` (signed-in channels behind the edge) for them."
)


def _store_hint(url: str) -> str:
    """Who can ask caseload questions, or how to load synthetic demo data into an empty store."""
    try:
        with open_store(url) as store:
            workers = store.counts().get("workers", 0)
    except Exception:  # noqa: BLE001 - a hint only: the servers report real store faults
        return "  Case store:   not reachable yet (caseload questions will say so)."
    if workers:
        return f"  Case store:   {workers} workers; the sender id is the worker id."
    return (
        "  Case store:   empty. For synthetic demo caseloads run\n"
        "                .venv/bin/cin-assistant demo-data --seed 1 --out var/demo --load\n"
        "                (then ask as e.g. medway-w0005)"
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
    if settings.edge == "none":
        return None
    try:
        edge = start_edge(
            [f"127.0.0.1:{running.port}"],
            settings.public_host,
            settings.public_port,
            settings.tls_certificate,
            running.run_dir / "edge",
            log=private_dir(VAR_DIR / "log") / "edge-access.log",
        )
        edge.wait_ready(timeout=30)
    except EdgeError as exc:
        raise UserError(str(exc)) from None
    return edge


def _ready_banner(running: "RunningAssistant", edge: "Optional[RunningEdge]", seconds: float) -> str:
    public = edge.url.replace("https://127.0.0.1", "https://localhost") if edge else running.url
    lines = [
        f"\nThe CIN Practice Assistant is ready (started in {seconds:.0f} s).",
        f"  Web page:     {public}/webhooks/web/  (sign in: cin-assistant user add --worker <worker id>)",
        f'  REST:         POST {public}/webhooks/rest/webhook  {{"message": "hello"}}',
        "                with Authorization: Bearer $(cin-assistant token --worker <worker id>)",
        f"  Voice:        POST {public}/webhooks/voice/webhook  (16 kHz mono WAV, same token)",
    ]
    if edge:
        lines.append(
            f"  TLS:          {edge.certificate} (self-signed for local use: curl --cacert it, or -k)"
            if edge.certificate.parent.name == "tls"
            else f"  TLS:          {edge.certificate}"
        )
        lines.append(f"  Servers:      Rasa {running.url}, actions {running.actions_url} (loopback only)")
    lines.append("  Stop:         Ctrl-C\n")
    return "\n".join(lines)


class _CtrlC:
    """Ctrl-C, remembered as well as raised: a KeyboardInterrupt that lands inside a garbage-collector callback
    is printed as "Exception ignored" and lost, and the launcher would keep running (seen once in CI)."""

    def __init__(self) -> None:
        self.pressed = False

    def __call__(self, signum: int, frame: object) -> None:
        self.pressed = True
        raise KeyboardInterrupt


def cmd_run(args: argparse.Namespace) -> int:
    """Run both servers and the edge in front until Ctrl-C, then stop them all."""
    # Ctrl-C stops both servers even when started from a non-interactive shell's background job,
    # which starts its children with SIGINT ignored (Python then never raises KeyboardInterrupt).
    ctrl_c = _CtrlC()
    signal.signal(signal.SIGINT, ctrl_c)
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
            running = start_servers(settings.port, settings.actions_port, env=env)
        if interrupted:
            raise KeyboardInterrupt
        seconds = running.wait_ready()
        edge = _start_edge(settings, running)
        print(_ready_banner(running, edge, seconds), flush=True)
        print(_store_hint(settings.database_url), flush=True)
        while not ctrl_c.pressed and running.exited() is None and (edge is None or edge.process.poll() is None):
            time.sleep(0.5)
        if ctrl_c.pressed:
            raise KeyboardInterrupt  # pressed, but the exception was lost where Python ignores exceptions
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


def cmd_conversations_purge(args: argparse.Namespace) -> int:
    """Delete conversation sessions past the retention; print how many conversations and events."""
    settings = load_settings()
    days = settings.retention_days if args.older_than_days is None else args.older_than_days
    if days < 1:
        raise UserError("--older-than-days must be at least 1")
    url = args.db or settings.tracker_url
    try:
        report = purge_conversations(url, days)
    except Exception as exc:  # an unreachable or unusable database: one clear line
        raise UserError(
            f"cannot purge {shown_url(url)}: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        ) from None
    print(report.summary())
    return 0


def cmd_conversations_show(args: argparse.Namespace) -> int:
    """One worker's stored conversation, for an operator on the server host; recorded in the audit trail first."""
    url = args.db or load_settings().tracker_url
    with store_of(args, "--store") as store:
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
    settings = load_settings()
    env = action_server_env(settings, child_env())
    print(SHELL_WARNING.format(url=f"http://127.0.0.1:{settings.port}"), flush=True)
    actions = subprocess.Popen(
        actions_command(settings.actions_port), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    run_dir = Path(tempfile.mkdtemp(prefix="cin-shell-"))
    try:
        endpoints = write_endpoints(run_dir, settings.actions_port, settings)
        return subprocess.call(
            [
                sys.executable,
                "-m",
                "rasa",
                "shell",
                "--model",
                str(DEFAULT_MODEL),
                "--interface",
                "127.0.0.1",
                "--endpoints",
                str(endpoints),
                "--port",
                str(settings.port),
            ],
            env=env,
        )
    except KeyboardInterrupt:
        return 0
    finally:
        actions.terminate()
        actions.wait(timeout=20)
        shutil.rmtree(run_dir, ignore_errors=True)


def cmd_edge_config(args: argparse.Namespace) -> int:
    """Write haproxy.cfg and its error pages for machines of a council's own (deploy/edge is made this way)."""
    host, _, port = args.listen.rpartition(":")
    if not host or not port.isdigit():
        raise UserError("--listen must be HOST:PORT, such as 0.0.0.0:8443")
    config = write_edge_files(
        Path(args.out),
        args.backend,
        host.strip("[]"),
        int(port),
        Path(args.cert),
        seen_at=Path(args.seen_at) if args.seen_at else None,
        stats_socket=False,
    )
    print(f"Wrote {config} and its error pages; check it with: haproxy -c -f {config}")
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this group's commands to the `cin-assistant` parser."""
    sub.add_parser("run", help="run the Rasa server, the action server and the edge until Ctrl-C").set_defaults(
        func=cmd_run
    )

    conversations = sub.add_parser(
        "conversations", help="the conversation store (Rasa's tracker store)"
    ).add_subparsers(dest="conversations_command", required=True)
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
        func=cmd_shell
    )

    edge = sub.add_parser("edge", help="the edge (HAProxy) in front of the servers").add_subparsers(
        dest="edge_command", required=True
    )
    edge_config = edge.add_parser("config", help="write haproxy.cfg for a deployment's own machines")
    edge_config.add_argument("--backend", action="append", required=True, help="a Rasa server's HOST:PORT; repeat")
    edge_config.add_argument("--listen", default="0.0.0.0:8443", help="the public HOST:PORT (TLS)")
    edge_config.add_argument("--cert", required=True, help="the certificate and key (one PEM) as HAProxy sees it")
    edge_config.add_argument("--out", required=True, help="the folder to write haproxy.cfg and error pages into")
    edge_config.add_argument("--seen-at", help="where HAProxy will find that folder (a container mount)")
    edge_config.set_defaults(func=cmd_edge_config)

"""Start, watch and stop the Rasa server and the action server together.

One launcher serves `make run`, `make shell`, the end-to-end tests and the
start-up benchmark, so they all boot the assistant the same way.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote, urlsplit

from sqlalchemy.engine import make_url

from assistant.channels.tokens import TokenSettings, issue_token, load_token_settings
from assistant.config import (
    MODELS_DIR,
    PROJECT_ROOT,
    ConfigError,
    Settings,
    load_settings,
    private_file,
)
from assistant.runtime.action_guard import HEADER as ACTION_SECRET_HEADER
from assistant.runtime.action_guard import VARIABLE as ACTION_SECRET_VARIABLE
from assistant.runtime.action_guard import action_secret

DEFAULT_MODEL = MODELS_DIR / "cin.tar.gz"
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


class LaunchError(RuntimeError):
    """A server did not start; the message says which and where its log is."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value)


# Rasa's SQLTrackerStore committing without waiting for the disk (assistant/tracker/store.py).
CONVERSATION_STORE = "assistant.tracker.store.ConversationStore"


def tracker_store_yaml(tracker_url: str) -> str:
    """Rasa's SQL tracker store on ``tracker_url`` (any SQLAlchemy URL).

    Rasa's SQLTrackerStore takes a whole URL in ``url`` (it uses it as is when it
    contains ``://``) and creates its ``events`` table itself; a SQLite file's
    folder has to exist first.
    """
    parsed = make_url(tracker_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        private_file(Path(parsed.database).expanduser().resolve())  # children's names: owner-only, as its journals
    return f"tracker_store:\n  type: {CONVERSATION_STORE}\n  url: {_yaml_str(tracker_url)}\n"


def lock_store_yaml(lock_store_url: str, prefix: str) -> str:
    """Rasa's Redis lock store from redis://[:password@]host:port/db, keys prefixed per deployment.

    With two Rasa servers on one conversation store, the lock makes a worker's
    messages wait for each other whichever server gets them.
    """
    parts = urlsplit(lock_store_url)
    db = parts.path.strip("/") or "0"  # a number: checked by assistant.config
    lines = [
        "lock_store:",
        "  type: redis",
        f"  url: {_yaml_str(parts.hostname or 'localhost')}",
        f"  port: {parts.port or 6379}",
        f"  db: {int(db)}",
        f"  key_prefix: {_yaml_str(prefix)}",
    ]
    if parts.username:
        lines.append(f"  username: {_yaml_str(unquote(parts.username))}")
    if parts.password:
        lines.append(f"  password: {_yaml_str(unquote(parts.password))}")
    if parts.scheme == "rediss":
        lines.append("  use_ssl: true")
    return "\n".join(lines) + "\n"


def write_endpoints(directory: Path, actions_port: int, settings: Optional[Settings] = None) -> Path:
    """The endpoints file for one launch: the action server on ``actions_port``, the
    conversation (tracker) store and, when set, the Redis lock store, from ``settings``
    (the environment's by default).

    The file can hold database passwords, so only its owner can read it. The
    action server's secret is not in it: Rasa reads it from its environment
    (``${CIN_ACTION_SECRET}``) and sends it with every action call.
    """
    settings = settings or load_settings()
    path = directory / "endpoints.yml"
    text = (
        "# Written by assistant.runtime.launcher for this run; see endpoints.yml for the defaults.\n"
        f'action_endpoint:\n  url: "http://{settings.actions_host}:{actions_port}/webhook"\n'
        # Only the form validators need the domain; sending it with every call was
        # a large part of each reply's time.
        "  enable_selective_domain: true\n"
        f"  headers:\n    {ACTION_SECRET_HEADER}: ${{{ACTION_SECRET_VARIABLE}}}\n"
        + tracker_store_yaml(settings.tracker_url)
        + (lock_store_yaml(settings.lock_store_url, settings.lock_store_prefix) if settings.lock_store_url else "")
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    return path


def child_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {**os.environ, **QUIET_ENV, **(extra or {})}
    # The action server imports the project's `actions` package from the root.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _spawn(args: Sequence[str], log: Optional[IO[Any]], env: Dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        list(args),
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
        start_new_session=True,  # we stop them ourselves, as a group
    )


def actions_command(port: int) -> List[str]:
    """rasa-sdk's action server; it binds ``SANIC_HOST`` (the launch sets loopback) and loads our secret check."""
    return [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]


def action_server_env(settings: Settings, env: Dict[str, str]) -> Dict[str, str]:
    """What the action server and Rasa need in their environment: where the action server listens, and the
    shared secret (environment only: never in a file Rasa reads, never on a command line)."""
    return {**env, "SANIC_HOST": settings.actions_host, ACTION_SECRET_VARIABLE: action_secret(env)}


def post_json(
    url: str,
    body: Any,
    token: Optional[str] = None,
    timeout: float = 30.0,
    context: Optional[ssl.SSLContext] = None,
    headers: Optional[Dict[str, str]] = None,
) -> Tuple[Any, Any]:
    """POST ``body`` as JSON (with a bearer token if given); the decoded answer and the response headers.

    The one HTTP client of the launcher, the command line, the tests' helpers
    and the benchmarks; ``context`` trusts the edge's certificate when talking
    HTTPS to it; ``headers`` adds others (a service secret).
    """
    headers = {"Content-Type": "application/json", **(headers or {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers)
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
        return json.loads(response.read() or b"null"), response.headers


def post_signed(
    webhook: str, token: str, message: str, timeout: float = 30.0, context: Optional[ssl.SSLContext] = None
) -> Tuple[List[Dict[str, Any]], Any]:
    """POST ``{"message"}`` with a bearer token to a REST webhook; the replies and the response headers."""
    replies, headers = post_json(webhook, {"message": message}, token, timeout, context)
    return replies or [], headers


def get_json(url: str, timeout: float = 5.0, context: Optional[ssl.SSLContext] = None) -> Any:
    with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
        return json.loads(response.read() or b"{}")


def status_of(
    url: str,
    method: str = "GET",
    body: Optional[bytes] = None,
    headers: Optional[Dict[str, str]] = None,
    timeout: float = 5.0,
    context: Optional[ssl.SSLContext] = None,
) -> int:
    """The HTTP status ``url`` answers with (an error status is an answer too)."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


@dataclass
class RunningAssistant:
    """The two server processes of one running assistant (both on loopback unless configured otherwise)."""

    rasa: subprocess.Popen
    actions: subprocess.Popen
    port: int
    actions_port: int
    run_dir: Path
    tokens: TokenSettings
    host: str = "127.0.0.1"
    actions_host: str = "127.0.0.1"
    logs: Dict[str, Path] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{_connectable(self.host)}:{self.port}"

    @property
    def actions_url(self) -> str:
        return f"http://{_connectable(self.actions_host)}:{self.actions_port}"

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"

    def exited(self) -> Optional[str]:
        """The name of a server that has stopped, if any."""
        for name, proc in (("Rasa server", self.rasa), ("action server", self.actions)):
            if proc.poll() is not None:
                return name
        return None

    def _guarded(self) -> Optional[bool]:
        """Whether the action server refuses an unsigned call (None: not answering yet)."""
        try:
            return status_of(f"{self.actions_url}/webhook", "POST", b"{}", {"Content-Type": "application/json"}) == 401
        except (urllib.error.URLError, ConnectionError, OSError):
            return None

    def wait_ready(self, timeout: float = 180.0) -> float:
        """Block until both servers answer and the action server refuses unsigned calls; the seconds it took."""
        started = time.monotonic()
        guarded: Optional[bool] = None
        while guarded is None:
            self._check_alive(started, timeout, f"{self.actions_url}/health")
            guarded = self._guarded()
            if guarded is None:
                time.sleep(0.3)
        if not guarded:
            self.stop()
            raise LaunchError(
                "The action server answered a call without the shared secret, so it was stopped "
                "(its secret check, rasa_sdk_plugins, did not load)."
            )
        while True:
            self._check_alive(started, timeout, f"{self.url}/webhooks/rest/")
            try:
                if get_json(f"{self.url}/webhooks/rest/").get("ready"):
                    return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                pass
            time.sleep(0.5)

    def _check_alive(self, started: float, timeout: float, waiting_for: str) -> None:
        stopped = self.exited()
        if stopped:
            raise LaunchError(f"The {stopped} stopped while starting. {self._log_hint()}")
        if time.monotonic() - started > timeout:
            raise LaunchError(f"{waiting_for} did not answer within {timeout:.0f} s. {self._log_hint()}")

    def token_for(self, worker_id: str) -> str:
        """A signed token for a worker, as `cin-assistant token --worker ID` would print."""
        return issue_token(worker_id, None, self.tokens)

    def send(self, sender: str, message: str, timeout: float = 30.0) -> List[Dict[str, Any]]:
        """Post one message to the REST channel as worker ``sender`` (signed in) and return the replies."""
        return post_signed(self.webhook, self.token_for(sender), message, timeout)[0]

    def restart(self, sender: str, timeout: float = 30.0) -> None:
        """Start the worker's conversation afresh, as an integration would (the REST channel's restart)."""
        post_json(f"{self.url}/webhooks/rest/restart", {}, self.token_for(sender), timeout)

    def _log_hint(self) -> str:
        return " ".join(f"{name} log: {path}" for name, path in self.logs.items())

    def stop(self, timeout: float = 20.0) -> None:
        """Stop both servers: politely first, then firmly; then remove the run folder
        (its endpoints file, and a run's own conversation store with the children's names in it)."""
        for proc in (self.rasa, self.actions):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for proc in (self.rasa, self.actions):
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _kill_group(proc)
        shutil.rmtree(self.run_dir, ignore_errors=True)


def _connectable(host: str) -> str:
    """An address to connect to for a server listening on ``host`` (all interfaces: loopback)."""
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def start_assistant(
    port: int,
    actions_port: int,
    model: Path = DEFAULT_MODEL,
    log_dir: Optional[Path] = None,
    env: Optional[Dict[str, str]] = None,
) -> RunningAssistant:
    """Start the action server and the Rasa server, each on loopback unless the settings say otherwise.

    Rasa's HTTP API is off: nothing but the channels (``/webhooks/...``) is
    served, and the action server refuses any call without the shared secret.
    With ``log_dir`` each server writes its output to a file there; without it
    they share this process's terminal.

    Conversations go to ``CIN_TRACKER_URL`` only when ``env`` names it (as
    `cin-assistant run` and the cluster do); otherwise to a SQLite file in this
    run's own folder, removed by ``stop()``, so a test or benchmark never sees an
    earlier run's conversations and never writes into var/conversations.sqlite3.
    """
    if not model.exists():
        raise LaunchError(f"No trained model at {model}. Run `make setup` first.")
    run_dir = Path(tempfile.mkdtemp(prefix="cin-run-"))
    settings, environment, endpoints, tokens = _prepare_run(run_dir, actions_port, env)
    logs, handles = _log_files(log_dir)
    actions = _spawn(actions_command(actions_port), handles["actions"], environment)
    rasa: "Optional[subprocess.Popen[Any]]" = None
    try:
        rasa = _spawn(rasa_command(settings, model, port, endpoints), handles["rasa"], environment)
        return RunningAssistant(
            rasa=rasa,
            actions=actions,
            port=port,
            actions_port=actions_port,
            run_dir=run_dir,
            tokens=tokens,
            host=settings.host,
            actions_host=settings.actions_host,
            logs=logs,
        )
    except BaseException:  # Ctrl-C or a failed spawn before the caller holds them: no server left running unowned
        for proc in (rasa, actions):
            if proc is not None:
                _kill_group(proc)
        shutil.rmtree(run_dir, ignore_errors=True)
        raise


def _prepare_run(
    run_dir: Path, actions_port: int, env: Optional[Dict[str, str]]
) -> Tuple[Settings, Dict[str, str], Path, TokenSettings]:
    """The run's settings, the servers' environment, its endpoints file and the token settings (LaunchError
    for a configuration fault, the run folder then removed). Conversations go to the run's own SQLite file
    unless ``env`` names ``CIN_TRACKER_URL``."""
    env = dict(env or {})
    if not env.get("CIN_TRACKER_URL", "").strip():
        env["CIN_TRACKER_URL"] = f"sqlite:///{run_dir / 'conversations.sqlite3'}"
    environment = child_env(env)
    try:
        settings = load_settings(environment)
        environment = action_server_env(settings, environment)
        endpoints = write_endpoints(run_dir, actions_port, settings)
        tokens = load_token_settings(environment)  # creates the shared secret file before either server reads it
    except ConfigError as exc:
        shutil.rmtree(run_dir, ignore_errors=True)
        raise LaunchError(str(exc)) from None
    return settings, environment, endpoints, tokens


def _log_files(log_dir: Optional[Path]) -> Tuple[Dict[str, Path], Dict[str, Optional[IO[Any]]]]:
    """Each server's log file in ``log_dir``, opened for writing (none without ``log_dir``: the terminal)."""
    logs: Dict[str, Path] = {}
    handles: Dict[str, Optional[IO[Any]]] = {"actions": None, "rasa": None}
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        for name in handles:
            logs[name] = log_dir / f"{name}.log"
            handles[name] = open(logs[name], "w", encoding="utf-8")
    return logs, handles


def rasa_command(settings: Settings, model: Path, port: int, endpoints: Path) -> List[str]:
    """The Rasa server on ``port`` with ``model``, this run's endpoints file and the project's channels."""
    return [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--interface",
        settings.host,
        "--model",
        str(model),
        "--port",
        str(port),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(PROJECT_ROOT / "credentials.yml"),
    ]


def _kill_group(proc: "subprocess.Popen[Any]") -> None:
    """Kill a server and everything it started (its own process group), and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()

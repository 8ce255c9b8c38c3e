"""The running assistant attacked as an outsider would (the security review of issue 16), every attack refused.

The real Rasa server and action server (the session's, on loopback), with the
real edge (HAProxy, TLS) in front of them as `cin-assistant run` starts it.
The input-file attacks (a UTF-16 DTD, a zip-bomb .docx, formula cells, a
``../`` manifest entry) are tested where those files are read:
tests/casestore/test_census_hostile.py, tests/knowledge/test_docx_bomb.py,
tests/casestore/test_export_formulas.py, tests/knowledge/test_corpus.py.
"""

from __future__ import annotations

import http.client
import json
import os
import pty
import re
import select
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from assistant.casestore import open_store
from assistant.config import ASK_PATH, SERVICE_SECRET_HEADER, VAR_DIR
from assistant.runtime.action_guard import HEADER
from assistant.runtime.edge import RunningEdge, make_local_certificate, start_edge
from assistant.runtime.launcher import RunningAssistant, free_port
from tests.e2e.conftest import ACTION_SECRET, PASSWORDS, payload
from tests.running import launched, listeners, process_tree

pytestmark = pytest.mark.e2e

Response = Tuple[int, Dict[str, str], Any]


@pytest.fixture(scope="module")
def edge(assistant: RunningAssistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningEdge]:
    """The edge in front of the session's server, as `cin-assistant run` puts it there."""
    folder = tmp_path_factory.mktemp("edge")
    running = start_edge(
        [f"127.0.0.1:{assistant.port}"],
        "127.0.0.1",
        free_port(),
        make_local_certificate(folder / "edge.pem"),
        folder / "run",
        log=folder / "edge.log",
    )
    try:
        running.wait_ready(timeout=60)
        yield running
    finally:
        running.stop()


def request(
    host: str,
    port: int,
    method: str,
    path: str,
    body: Any = None,
    headers: Optional[Dict[str, str]] = None,
    tls: Optional[RunningEdge] = None,
    source: str = "127.0.0.1",
) -> Response:
    """One HTTP(S) request from ``source`` (any 127.x address is this host too); status, headers, decoded body."""
    if tls is not None:
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, context=tls.context, timeout=60, source_address=(source, 0)
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=60, source_address=(source, 0))
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode("utf-8")
    try:
        connection.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        raw = response.read()
        head = {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()
    try:
        return response.status, head, json.loads(raw)
    except ValueError:
        return response.status, head, raw


def via_edge(
    edge: RunningEdge,
    method: str,
    path: str,
    body: Any = None,
    token: Optional[str] = None,
    source: str = "127.0.0.1",
    headers: Optional[Dict[str, str]] = None,
) -> Response:
    extra = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
    return request("127.0.0.1", edge.port, method, path, body, extra, tls=edge, source=source)


# --------------------------------------------------------------------------- the action server


def forged_call(action: str, sender: str, slots: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """What Rasa would send the action server for ``action`` in ``sender``'s conversation."""
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": slots or {},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
            "latest_input_channel": "rest",
            "latest_message": {
                "text": "what's overdue",
                "intent": {"name": "overdue_items", "confidence": 1.0},
                "entities": [],
                "intent_ranking": [],
            },
        },
    }


def post_action(assistant: RunningAssistant, body: Dict[str, Any], secret: Optional[str]) -> Response:
    headers = {HEADER: secret} if secret is not None else {}
    return request("127.0.0.1", assistant.actions_port, "POST", "/webhook", body, headers)


def case_store_counts(url: str) -> Tuple[int, int]:
    with sqlite3.connect(url[len("sqlite:///") :]) as connection:
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        audit = connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return int(events), int(audit)


def test_a_forged_action_call_without_the_secret_gets_401_and_runs_nothing(
    assistant: RunningAssistant, chat_store_url: str
) -> None:
    before = case_store_counts(chat_store_url)
    wrong = ACTION_SECRET[:-1] + ("x" if ACTION_SECRET[-1] != "x" else "y")
    for secret in (None, "", "not the secret", wrong, ACTION_SECRET + "x"):
        status, _, body = post_action(assistant, forged_call("action_caseload", "w2"), secret)
        assert status == 401, secret
        assert "Zainab" not in json.dumps(body) and "responses" not in body
    visit = {
        "visit_child": "c2",
        "visit_case_id": "c2",
        "visit_date": "2026-11-20",
        "child_seen": True,
        "seen_alone": True,
        "visit_confirmed": True,
    }
    status, _, _ = post_action(assistant, forged_call("action_submit_visit", "w2", visit), None)
    assert status == 401
    assert case_store_counts(chat_store_url) == before  # no visit saved in w2's name, no audit row
    # The same forged call with the secret is what Rasa itself sends: proof the refusal above is the guard's.
    status, _, body = post_action(assistant, forged_call("action_caseload", "w2"), ACTION_SECRET)
    assert status == 200 and "Zainab" in json.dumps(body)


def non_loopback_addresses() -> List[str]:
    out = subprocess.run(["ip", "-o", "addr", "show"], capture_output=True, text=True, check=True).stdout
    found = re.findall(r"\binet6? ([0-9a-f.:]+)/\d+ scope global", out)
    return [a for a in found if not a.startswith(("127.", "::1"))]


def refused(address: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        try:
            sock.connect((address, port))
        except (ConnectionRefusedError, OSError):
            return True
    return False


def test_the_action_server_and_rasa_listen_on_loopback_only(assistant: RunningAssistant) -> None:
    for proc, port in ((assistant.actions, assistant.actions_port), (assistant.rasa, assistant.port)):
        bound = listeners(process_tree(proc.pid))
        assert bound and all(address == "127.0.0.1" for address, _ in bound), bound
        addresses = non_loopback_addresses()
        assert addresses, "this host has a network address to attack from"
        for address in addresses:
            assert refused(address, port), f"port {port} answers on {address}"


# --------------------------------------------------------------------------- Rasa's API and the edge

OPERATOR_PATHS = [
    ("GET", "/conversations/w1/tracker"),
    ("POST", "/conversations/w1/tracker/events"),
    ("PUT", "/model"),
    ("POST", "/model/train"),
    ("POST", "/model/parse"),
    ("GET", "/status"),
    ("GET", "/version"),
    ("GET", "/domain"),
    ("GET", "/webhooks/../status"),
]


def test_rasas_api_is_refused_at_the_edge_and_not_served_behind_it(
    assistant: RunningAssistant, edge: RunningEdge
) -> None:
    token = assistant.token_for("w1")
    for method, path in OPERATOR_PATHS:
        status, headers, _ = via_edge(edge, method, path, {"text": "hi"}, token)
        assert status == 404, (method, path, status)
        assert headers.get("strict-transport-security", "").startswith("max-age=")
        status, _, _ = request("127.0.0.1", assistant.port, method, path, {"text": "hi"})
        assert status in (404, 405), (method, path, status)  # no API behind the edge either


def test_the_command_lines_ask_door_opens_only_to_the_service_secret_and_never_at_the_edge(
    assistant: RunningAssistant, edge: RunningEdge
) -> None:
    body = {"questions": [{"text": "who chairs a cin review", "authority": "kent"}]}
    for headers in ({}, {SERVICE_SECRET_HEADER: "not-the-secret-" + "x" * 30}, {HEADER: ACTION_SECRET}):
        status, _, answer = request("127.0.0.1", assistant.port, "POST", ASK_PATH, body, headers)
        assert status == 401 and "answers" not in (answer or {}), headers
    status, _, answer = request(
        "127.0.0.1", assistant.port, "POST", ASK_PATH, body, {SERVICE_SECRET_HEADER: ACTION_SECRET}
    )
    assert status == 200 and answer["answers"][0]["authority"] == "kent" and answer["answers"][0]["citations"]
    # from outside, even with the secret, the edge does not forward it
    status, _, answer = via_edge(edge, "POST", ASK_PATH, body, headers={SERVICE_SECRET_HEADER: ACTION_SECRET})
    assert status == 404 and "answers" not in (answer or {})


def test_the_edge_serves_the_channels_over_tls_with_hsts(assistant: RunningAssistant, edge: RunningEdge) -> None:
    status, headers, replies = via_edge(
        edge, "POST", "/webhooks/rest/webhook", {"message": "what's due this week"}, assistant.token_for("w2")
    )
    assert status == 200 and payload(replies)["type"] == "due_items"
    assert headers["strict-transport-security"] == "max-age=31536000" and headers["x-cin-backend"] == "1"
    status, headers, _ = via_edge(edge, "GET", "/")
    assert status == 302 and headers["location"] == "/webhooks/web/"
    with pytest.raises((OSError, http.client.HTTPException)):  # plain HTTP on the edge's port is not served
        request("127.0.0.1", edge.port, "GET", "/webhooks/web/")


def test_a_newline_in_a_path_cannot_forge_a_line_in_the_edges_log(edge: RunningEdge) -> None:
    forged = "127.0.0.1 [01/Jan/2026:00:00:00.000] public~ assistants/1 0/0/0/1/1 200 99 ---- GET /forged"
    path = "/webhooks/rest/x%0a" + forged.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D")
    via_edge(edge, "GET", path)
    deadline = time.monotonic() + 5
    log = ""
    while "%0a" not in log and time.monotonic() < deadline:
        time.sleep(0.2)
        log = edge.log.read_text(encoding="utf-8") if edge.log else ""
    assert "%0a" in log  # the request was logged, as it came
    assert not any(line.startswith(forged) for line in log.splitlines())


# --------------------------------------------------------------------------- sign-in throttle


def sign_in(
    edge: RunningEdge, worker: str, password: str, source: str, headers: Optional[Dict[str, str]] = None
) -> Response:
    return via_edge(
        edge, "POST", "/webhooks/web/login", {"worker": worker, "password": password}, source=source, headers=headers
    )


def test_a_guesser_is_slowed_but_cannot_lock_the_worker_out(edge: RunningEdge) -> None:
    guesser, worker_desk = "127.0.0.2", "127.0.0.3"
    for _ in range(5):
        assert sign_in(edge, "w5", "a wrong guess here", guesser)[0] == 401
    status, headers, body = sign_in(edge, "w5", PASSWORDS["w5"], guesser)
    assert status == 429 and int(headers["retry-after"]) > 0 and "wait" in body["error"]
    # Writing another address in X-Forwarded-For changes nothing: the edge says where the guesser is.
    assert sign_in(edge, "w5", PASSWORDS["w5"], guesser, {"X-Forwarded-For": "203.0.113.9"})[0] == 429
    status, _, body = sign_in(edge, "w5", PASSWORDS["w5"], worker_desk)
    assert status == 200 and body["worker"]["id"] == "w5"  # the worker at their own desk signs in


def rss_kb(pid: int) -> int:
    return int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text()).group(1))  # type: ignore


def test_a_flood_of_huge_worker_ids_is_refused_and_kept_nowhere(assistant: RunningAssistant) -> None:
    before = rss_kb(assistant.rasa.pid)
    for n in range(100):
        status, _, body = request(
            "127.0.0.1",
            assistant.port,
            "POST",
            "/webhooks/web/login",
            {"worker": f"{n}" + "x" * 1_000_000, "password": "a wrong guess here"},
        )
        assert status == 400 and "at most 64 characters" in body["error"]
    grown_mb = (rss_kb(assistant.rasa.pid) - before) / 1024
    assert grown_mb < 50, f"the server grew by {grown_mb:.0f} MB"  # 100 MB of ids were sent


# --------------------------------------------------------------------------- files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_conversation_store_and_its_journals_are_readable_by_the_service_only(assistant: RunningAssistant) -> None:
    assistant.send("w4", "hello")
    with sqlite3.connect(assistant.run_dir / "conversations.sqlite3") as reader:  # a reader holds the journals open
        reader.execute("SELECT count(*) FROM events").fetchone()
        files = [p for p in assistant.run_dir.iterdir() if p.name.startswith("conversations.sqlite3")]
        assert {p.name for p in files} >= {"conversations.sqlite3", "conversations.sqlite3-wal"}
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert mode(assistant.run_dir) == 0o700


def test_a_case_store_the_cli_creates_is_owner_only(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    store = tmp_path / "cin.sqlite3"
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "csv-chat"
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "import", "csv", str(fixture), "--db", f"sqlite:///{store}"],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert mode(store) == 0o600
    with open_store(f"sqlite:///{store}"):
        pass
    for journal in tmp_path.glob("cin.sqlite3-*"):
        assert mode(journal) == 0o600


# --------------------------------------------------------------------------- `make run` and `make shell`


def test_make_run_listens_beyond_loopback_on_the_public_port_only(tmp_path: Path) -> None:
    public = free_port()
    env = {
        "CIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cin.sqlite3'}",
        "CIN_TRACKER_URL": f"sqlite:///{tmp_path / 'conversations.sqlite3'}",
        "CIN_PORT": str(free_port()),
        "CIN_ACTIONS_PORT": str(free_port()),
        "CIN_PUBLIC_PORT": str(public),
        "CIN_TOKEN_SECRET": "run-test-secret-" + "0123456789abcdef" * 2,
    }
    with launched(env) as (run, lines):
        assert any("is ready" in line for line in lines), "".join(lines[-40:])
        bound = listeners(process_tree(run.pid))
    assert ("0.0.0.0", public) in bound
    outside = [(a, p) for a, p in bound if a not in ("127.0.0.1", "::1")]
    assert outside == [("0.0.0.0", public)], bound
    assert len(bound) == 3  # Rasa, the action server (both loopback) and the edge


def test_make_shell_binds_loopback_and_says_it_is_for_demo_stores(tmp_path: Path) -> None:
    port, actions_port = free_port(), free_port()
    env = {
        **os.environ,
        "CIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cin.sqlite3'}",
        "CIN_TRACKER_URL": f"sqlite:///{tmp_path / 'conversations.sqlite3'}",
        "CIN_PORT": str(port),
        "CIN_ACTIONS_PORT": str(actions_port),
        "PYTHONUNBUFFERED": "1",
    }
    controller, terminal = pty.openpty()  # rasa shell wants a terminal
    shell = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "shell"],
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    output = b""
    try:
        deadline = time.monotonic() + 180
        bound: List[Tuple[str, int]] = []
        while time.monotonic() < deadline and shell.poll() is None:
            bound = listeners(process_tree(shell.pid))
            if {port, actions_port} <= {p for _, p in bound}:
                break
            time.sleep(1)
            output += _read_available(controller)
        output += _read_available(controller)
    finally:
        os.killpg(shell.pid, 15)
        shell.wait(timeout=30)
        os.close(controller)
    text = output.decode("utf-8", "replace")
    assert "for trying the assistant on a demo store" in text, text[-2000:]
    assert {port, actions_port} <= {p for _, p in bound}, text[-2000:]
    assert all(address == "127.0.0.1" for address, _ in bound), bound


def _read_available(fd: int) -> bytes:
    data = b""
    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data


def test_the_local_certificate_and_var_are_owner_only(tmp_path: Path) -> None:
    pem = make_local_certificate(tmp_path / "tls" / "edge.pem")
    assert mode(pem) == 0o600 and "PRIVATE KEY" in pem.read_text()
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "rules", "check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert mode(VAR_DIR) == 0o700  # the case store, conversations and secrets live there


# --------------------------------------------------------------------------- the audit trail


def verify(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "audit", "verify", "--db", url], capture_output=True, text=True
    )


def test_the_audit_trail_of_a_running_server_cannot_be_edited_and_tampering_is_found(
    assistant: RunningAssistant, chat_store_url: str, edge: RunningEdge, tmp_path: Path
) -> None:
    assistant.send("w1", "what's overdue")  # the chat writes rows (a query)
    sign_in(edge, "w1", PASSWORDS["w1"], "127.0.0.4")  # and so does a sign-in, with the address the edge saw
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(chat_store_url[len("sqlite:///") :]) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # tamper with a copy: the session's store stays whole for the other tests
    done = verify(f"sqlite:///{copy}")
    assert done.returncode == 0 and "intact" in done.stdout, done.stdout + done.stderr
    with sqlite3.connect(copy) as connection:
        last_signin = connection.execute(
            "SELECT seq, address FROM audit_log WHERE action = 'signin' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        assert last_signin[1] == "127.0.0.4"
        for statement in (
            "UPDATE audit_log SET outcome = 'refused' WHERE seq = ?",
            "DELETE FROM audit_log WHERE seq = ?",
        ):
            with pytest.raises(sqlite3.DatabaseError, match="insert-only"):
                connection.execute(statement, (last_signin[0],))
        # A table owner can drop the triggers; the chain still shows the change.
        connection.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            )
        ]
        for name in names:
            connection.execute(f"DROP TRIGGER {name}")
        connection.execute("UPDATE audit_log SET address = '198.51.100.1' WHERE seq = ?", (last_signin[0],))
    done = verify(f"sqlite:///{copy}")
    assert done.returncode == 1 and f"seq {last_signin[0]}" in done.stdout, done.stdout + done.stderr

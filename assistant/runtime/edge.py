"""The edge: HAProxy in front of the Rasa servers, the one thing the public talks to.

Why HAProxy (Debian's package) and not nginx: this is a load balancer first.
HAProxy checks each server actively (``GET /webhooks/rest/``, which says
whether the model is loaded), retries a request on another server only when
the connection was refused (so a message is never handled twice), names the
server that answered (``X-CIN-Backend``), escapes what it logs, and installs
without starting a listener of its own. A council that runs nginx or a cloud
load balancer uses that instead with the same rules (docs/deployment.md).

What the edge does:

- serves TLS only (a certificate with its key in one PEM file: the council's,
  or for local use the self-signed one ``make setup`` makes), with HSTS;
- forwards only ``/webhooks/...`` (the channels and the page), never ``/webhooks/ask/`` (the
  command line's service door, for this host only); ``/`` redirects
  to the page; everything else (Rasa's HTTP API, ``/version``...) gets 404;
- replaces ``X-Forwarded-For`` with the address it saw, which the servers
  believe only from the proxy's own address (``CIN_TRUSTED_PROXIES``);
- answers 502/503/504 with a reply in words, so the chat never goes silent;
- logs method, path (never the query string), status and timings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import ipaddress
import json
import shutil
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, List, Optional, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from assistant.config import VAR_DIR, private_file

LOCAL_CERTIFICATE = VAR_DIR / "tls" / "cin-assistant.pem"  # certificate + key, owner-only
HSTS = "max-age=31536000"
MAX_BODY_BYTES = 4_000_000  # above the voice channel's 2 MB limit, so the channel gives its own reply
HEALTH_PATH = "/webhooks/rest/"
UNAVAILABLE = {
    502: ("Bad Gateway", "The assistant's server did not answer properly. Please try again."),
    503: ("Service Unavailable", "No assistant server is running at the moment. Please try again in a minute."),
    504: ("Gateway Timeout", "The assistant's server did not answer in time. Please try again."),
}


class EdgeError(RuntimeError):
    """The edge cannot start; the message says why and what to do."""


def haproxy_binary() -> str:
    """Debian's haproxy, or EdgeError saying how to get it."""
    found = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if Path(p).exists()), None)
    if found is None:
        raise EdgeError(
            "HAProxy is not installed: `sudo apt-get install haproxy` (make setup does it as root), "
            "or set CIN_EDGE=none and put the council's own proxy in front (docs/deployment.md)."
        )
    return found


def make_local_certificate(path: Path = LOCAL_CERTIFICATE, days: int = 825) -> Path:
    """A self-signed certificate for this host (localhost, 127.0.0.1, ::1, the host name) with its key, one PEM.

    For local use only: browsers warn about it. A council installs its own
    certificate and names it with ``CIN_TLS_CERT`` (docs/deployment.md).
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CIN Practice Assistant (local)")])
    now = dt.datetime.now(dt.timezone.utc)
    alt_names: List[x509.GeneralName] = [
        x509.DNSName("localhost"),
        x509.DNSName(socket.gethostname()),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        x509.IPAddress(ipaddress.ip_address("::1")),
    ]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.unlink(missing_ok=True)
    private_file(path).write_bytes(pem)
    return path


def client_context(certificate: Path) -> ssl.SSLContext:
    """A TLS client context that trusts ``certificate`` (the edge's own, self-signed for local use)."""
    context = ssl.create_default_context(cafile=None)
    context.load_verify_locations(cadata=_certificate_part(certificate))
    return context


def _certificate_part(pem_file: Path) -> str:
    text = pem_file.read_text(encoding="ascii")
    end = "-----END CERTIFICATE-----"
    return text[: text.index(end) + len(end)] + "\n"


def _error_file(status: int) -> str:
    """A whole HTTP response HAProxy sends as it is: the channels' JSON reply shape, in words."""
    reason, text = UNAVAILABLE[status]
    body = json.dumps(
        [
            {"recipient_id": None, "text": text},
            {"recipient_id": None, "custom": {"type": "refusal", "reason": "server_unavailable"}},
        ]
    )
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
        f"Strict-Transport-Security: {HSTS}\r\nConnection: close\r\nContent-Length: {len(body)}\r\n\r\n{body}"
    )


def render_config(
    backends: Sequence[str], host: str, port: int, certificate: Path, run_dir: Path, stats_socket: bool = True
) -> str:
    """haproxy.cfg for ``backends`` (``host:port`` of each Rasa server), TLS on ``host:port``.

    ``run_dir`` is where the error files are (and the stats socket, which the
    launcher reads to know the servers are up) as HAProxy will see them.
    """
    servers = "\n".join(f"    server {n} {b} check inter 2s fall 2 rise 1" for n, b in enumerate(backends, 1))
    bind = f"[{host}]" if ":" in host else host
    socket_line = f"\n    stats socket {run_dir / 'edge.sock'} mode 600 level user" if stats_socket else ""
    return f"""# Written by assistant.runtime.edge (cin-assistant edge config).
global
    log stdout format raw local0 info
    maxconn 4096
    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets{socket_line}

defaults
    mode http
    log global
    # method, path without the query string, status, timings: no token, no message, no header
    log-format "%ci [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %tsc %HM %HP"
    timeout connect 5s
    timeout client 60s
    timeout server 120s
    timeout http-request 10s
    timeout http-keep-alive 10s
    retries 2
    option redispatch 1

frontend public
    bind {bind}:{port} ssl crt {certificate} alpn http/1.1
    http-after-response set-header Strict-Transport-Security "{HSTS}"
    http-request redirect location /webhooks/web/ code 302 if {{ path / }}
    http-request deny deny_status 404 content-type application/json string '{{"error": "Not found."}}' unless {{ path_beg /webhooks/ }}
    http-request deny deny_status 404 content-type application/json string '{{"error": "Not found."}}' if {{ path_beg /webhooks/ask }}
    http-request deny deny_status 413 content-type application/json string '{{"error": "That request is too large."}}' if {{ req.hdr_val(content-length) gt {MAX_BODY_BYTES} }}
    http-request set-header X-Forwarded-For %[src]
    http-request set-header X-Forwarded-Proto https
    default_backend assistants

backend assistants
    balance roundrobin
    option httpchk GET {HEALTH_PATH}
    http-check expect status 200
    http-response set-header X-CIN-Backend %s
    errorfile 502 {run_dir / "502.http"}
    errorfile 503 {run_dir / "503.http"}
    errorfile 504 {run_dir / "504.http"}
{servers}
"""  # noqa: E501 - HAProxy's own lines


@dataclass
class RunningEdge:
    """One HAProxy process and how to reach it."""

    process: "subprocess.Popen[Any]"
    host: str
    port: int
    certificate: Path
    run_dir: Path
    servers: int
    log: Optional[Path] = None
    _context: Optional[ssl.SSLContext] = field(default=None, repr=False)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"https://{host}:{self.port}"

    @property
    def context(self) -> ssl.SSLContext:
        """A client TLS context that trusts this edge's certificate."""
        if self._context is None:
            self._context = client_context(self.certificate)
        return self._context

    def servers_up(self) -> int:
        """How many servers HAProxy's health checks see up (its stats socket)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(3)
            sock.connect(str(self.run_dir / "edge.sock"))
            sock.sendall(b"show stat\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        rows = csv.DictReader(io.StringIO(data.decode("utf-8").lstrip("# ")))
        return sum(
            1
            for r in rows
            if r.get("pxname") == "assistants"
            and r.get("svname", "").isdigit()
            and r.get("status", "").startswith("UP")
        )

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Block until every server is up behind the edge; the seconds it took."""
        started = time.monotonic()
        while True:
            if self.process.poll() is not None:
                raise EdgeError(
                    f"HAProxy stopped while starting (exit {self.process.returncode})"
                    + (f"; its log: {self.log}" if self.log else "")
                )
            try:
                if self.servers_up() == self.servers:
                    return time.monotonic() - started
            except OSError:
                pass
            if time.monotonic() - started > timeout:
                raise EdgeError(f"HAProxy did not see all {self.servers} server(s) up within {timeout:.0f} s.")
            time.sleep(0.3)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def write_edge_files(
    directory: Path,
    backends: Sequence[str],
    host: str,
    port: int,
    certificate: Path,
    seen_at: Optional[Path] = None,
    stats_socket: bool = True,
) -> Path:
    """haproxy.cfg and its error pages in ``directory``; ``seen_at``: where HAProxy will find that folder
    (a container's mount point; default ``directory`` itself). The config's path."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for status in UNAVAILABLE:
        (directory / f"{status}.http").write_text(_error_file(status), encoding="utf-8")
    config = directory / "haproxy.cfg"
    config.write_text(
        render_config(backends, host, port, certificate, seen_at or directory, stats_socket), encoding="utf-8"
    )
    return config


def start_edge(
    backends: Sequence[str],
    host: str,
    port: int,
    certificate: Optional[Path],
    run_dir: Path,
    log: "Optional[IO[Any] | Path]" = None,
) -> RunningEdge:
    """Start HAProxy on ``host:port`` (TLS) in front of ``backends``; call ``wait_ready()`` next.

    ``certificate``: the council's PEM (certificate and key); None uses the
    local self-signed one, made now if missing. ``log``: a file (or open
    handle) for HAProxy's request log; None discards it.
    """
    binary = haproxy_binary()
    if certificate is None:
        certificate = LOCAL_CERTIFICATE if LOCAL_CERTIFICATE.exists() else make_local_certificate()
    config = write_edge_files(run_dir, backends, host, port, certificate)
    checked = subprocess.run([binary, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
    if checked.returncode != 0:
        raise EdgeError(f"HAProxy refused its configuration: {(checked.stderr or checked.stdout).strip()[:500]}")
    log_path = log if isinstance(log, Path) else None
    handle: Any = open(private_file(log_path), "a", encoding="utf-8") if log_path else (log or subprocess.DEVNULL)
    process = subprocess.Popen(
        [binary, "-db", "-f", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return RunningEdge(
        process=process,
        host=host,
        port=port,
        certificate=certificate,
        run_dir=run_dir,
        servers=len(backends),
        log=log_path,
    )


__all__ = [
    "EdgeError",
    "HEALTH_PATH",
    "LOCAL_CERTIFICATE",
    "RunningEdge",
    "client_context",
    "haproxy_binary",
    "make_local_certificate",
    "render_config",
    "start_edge",
    "write_edge_files",
]

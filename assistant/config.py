"""Settings from the environment, in one place (spec §6).

Every command and server reads its settings through :func:`load_settings`, so a
variable means the same thing to the CLI, the action server and the tests.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import stat
import time
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from pathlib import Path
from typing import Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

IPNetwork = Union[IPv4Network, IPv6Network]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
SOURCES_DIR = KNOWLEDGE_DIR / "sources"
VAR_DIR = PROJECT_ROOT / "var"  # runtime state: the SQLite store, run files
MODELS_DIR = PROJECT_ROOT / "models"  # trained Rasa models
SPACY_BUILD_DIR = PROJECT_ROOT / "build" / "spacy"

DEFAULT_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
DEFAULT_PUBLIC_PORT = 8443  # the edge (HAProxy, TLS): the one port `cin-assistant run` opens beyond loopback
LOOPBACK = "127.0.0.1"
EDGES = ("haproxy", "none")
DEFAULT_RETENTION_DAYS = 30  # conversations older than this are purged (docs/deployment.md)
DEFAULT_LOCK_STORE_PREFIX = "cin"


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """What every command and server needs to know about its surroundings."""

    database_url: str
    today_override: Optional[dt.date]
    port: int
    actions_port: int
    # Conversations (Rasa's tracker store) hold children's names: kept in SQL, purged after retention_days.
    tracker_url: str = ""
    lock_store_url: Optional[str] = None  # redis://host:port/db: needed when more than one Rasa server runs
    lock_store_prefix: str = DEFAULT_LOCK_STORE_PREFIX
    retention_days: int = DEFAULT_RETENTION_DAYS
    # Proxies in front (the edge) whose X-Forwarded-For entry is believed; none: the peer is the client.
    trusted_proxies: Tuple[IPNetwork, ...] = ()
    # Where the servers listen: loopback unless a deployment's own proxy is on another host.
    host: str = LOOPBACK
    actions_host: str = LOOPBACK
    # The edge `cin-assistant run` puts in front: HAProxy with TLS on public_host:public_port, or none.
    edge: str = "haproxy"
    public_host: str = "0.0.0.0"
    public_port: int = DEFAULT_PUBLIC_PORT
    tls_certificate: Optional[Path] = None  # PEM with the key; None: the local self-signed one (var/tls)

    def today(self) -> dt.date:
        """Today's date, or the fixed ``CIN_TODAY`` used by tests and demos."""
        return self.today_override or dt.date.today()


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner can enter (0700), created if missing.

    var/ holds the case store, the conversations and the secrets: other users
    of the host must not list it, whatever their umask made of the files.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid() and stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)
    return path


def _make_parent(path: Path) -> None:
    """The folder ``path`` goes in: owner-only when it is var/ or inside it, as it is."""
    if path.parent == VAR_DIR or VAR_DIR in path.parents:
        private_dir(VAR_DIR)
        private_dir(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)


def private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only (0600) if it is not there, so what is written into it later
    (a SQLite database, and the journal files SQLite gives the same mode) is never readable by others."""
    _make_parent(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    return path


def secret_file(path: Path) -> str:
    """The secret in ``path``, created once (random, readable by its owner only) if it is not there.

    Two processes starting together both end up with the one that was written first.
    """
    if not path.exists():
        _make_parent(path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(secrets.token_urlsafe(48))
    value = path.read_text(encoding="utf-8").strip()
    for _ in range(20):  # another process has just created the file and is still writing it
        if value:
            break
        time.sleep(0.05)
        value = path.read_text(encoding="utf-8").strip()
    return value


MIN_SECRET_LENGTH = 32


def shared_secret(env: Mapping[str, str], variable: str, default_file: Path, create: bool = True) -> str:
    """A secret every server of a deployment shares: ``variable`` if set, else the file named by
    ``<variable>_FILE``, else ``default_file``; a missing file is created once (owner-only) when ``create``.

    At least :data:`MIN_SECRET_LENGTH` characters either way: a short secret can be guessed.
    """
    value = env.get(variable, "").strip()
    if value:
        if len(value) < MIN_SECRET_LENGTH:
            raise ConfigError(f"{variable} must have at least {MIN_SECRET_LENGTH} characters")
        return value
    path = Path(env.get(f"{variable}_FILE", "").strip() or default_file)
    if not create and not path.exists():
        raise ConfigError(f"{variable} is not set and {path} is missing ({variable}_FILE names another file)")
    value = secret_file(path)
    if len(value) < MIN_SECRET_LENGTH:
        raise ConfigError(f"the secret in {path} must have at least {MIN_SECRET_LENGTH} characters")
    return value


ACTION_SECRET_VARIABLE = "CIN_ACTION_SECRET"
# The running server's service door for `cin-assistant ask` (assistant.channels.ask): its path, the
# header carrying the service secret, and how many questions one request may carry.
ASK_PATH = "/webhooks/ask/"
SERVICE_SECRET_HEADER = "X-CIN-Service-Secret"
ASK_MAX_QUESTIONS = 500


def action_secret(env: Optional[Mapping[str, str]] = None) -> str:
    """The deployment's service secret (CIN_ACTION_SECRET, else var/action-secret made once, owner-only).

    Rasa presents it to the action server; `cin-assistant ask` presents it to
    the running server's ask route. Whoever can read it runs the service.
    """
    return shared_secret(os.environ if env is None else env, ACTION_SECRET_VARIABLE, VAR_DIR / "action-secret")


def default_database_url() -> str:
    """A SQLite file inside the project's data folder: runs with nothing installed."""
    return f"sqlite:///{VAR_DIR / 'cin.sqlite3'}"


def default_tracker_url() -> str:
    """Conversations on one machine: a SQLite file beside the case store."""
    return f"sqlite:///{VAR_DIR / 'conversations.sqlite3'}"


def _tracker_url(env: Mapping[str, str]) -> str:
    raw = env.get("CIN_TRACKER_URL", "").strip()
    if not raw:
        return default_tracker_url()

    try:
        make_url(raw)
    except ArgumentError:
        raise ConfigError(
            "CIN_TRACKER_URL must be a SQLAlchemy URL such as postgresql://user@host:5432/cin_tracker, "
            f"got {raw.split('@')[-1]!r}"
        ) from None
    return raw


def _lock_store(env: Mapping[str, str]) -> "tuple[Optional[str], str]":
    url = env.get("CIN_LOCK_STORE_URL", "").strip() or None
    if url is not None:
        db = urlsplit(url).path.strip("/") or "0"
        if not url.startswith(("redis://", "rediss://")) or not db.isdigit():
            raise ConfigError(
                f"CIN_LOCK_STORE_URL must be redis://host:port/db (db a number), got {url.split('@')[-1]!r}"
            )
    prefix = env.get("CIN_LOCK_STORE_PREFIX", "").strip() or DEFAULT_LOCK_STORE_PREFIX
    if not prefix.isalnum():
        raise ConfigError(
            f"CIN_LOCK_STORE_PREFIX must be letters and digits only (Rasa ignores any other), got {prefix!r}"
        )
    return url, prefix


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, got {raw!r}")
    return int(raw)


def _networks(env: Mapping[str, str], name: str) -> Tuple[IPNetwork, ...]:
    """A comma-separated list of addresses or networks (CIDR), such as ``127.0.0.1,10.0.0.0/24``."""
    networks = []
    for part in env.get(name, "").split(","):
        if not part.strip():
            continue
        try:
            networks.append(ip_network(part.strip(), strict=False))
        except ValueError:
            raise ConfigError(
                f"{name} must list the proxies' addresses or networks, such as 127.0.0.1,10.0.0.0/24; "
                f"got {part.strip()!r}"
            ) from None
    return tuple(networks)


def _host(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        ip_address(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an IP address to listen on, such as {LOOPBACK}, got {raw!r}") from None
    return raw


def _choice(env: Mapping[str, str], name: str, choices: Tuple[str, ...]) -> str:
    raw = env.get(name, "").strip().lower() or choices[0]
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def _existing_file(env: Mapping[str, str], name: str) -> Optional[Path]:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    if not Path(raw).is_file():
        raise ConfigError(f"{name} must name a readable file, got {raw!r}")
    return Path(raw)


DEFAULT_DB_TIMEOUT_SECONDS = 5.0


def db_timeout_seconds(env: Optional[Mapping[str, str]] = None) -> float:
    """CIN_DB_TIMEOUT: how long a case-store call waits for a locked SQLite file or a PostgreSQL connection.

    A few seconds: long enough to ride out another worker's write, short
    enough that the chat answers "can't reach the case records" rather than hanging.
    """
    env = os.environ if env is None else env
    raw = env.get("CIN_DB_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_DB_TIMEOUT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value <= 600:
        raise ConfigError(f"CIN_DB_TIMEOUT must be a number of seconds from 0.1 to 600, got {raw!r}")
    return value


def parse_iso_date(text: str, name: str) -> dt.date:
    """Parse YYYY-MM-DD or raise a ConfigError naming the setting."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigError(f"{name} must be a port number from 1 to 65535, got {raw!r}")
    return int(raw)


def load_settings(env: Optional[Mapping[str, str]] = None) -> Settings:
    """Read the settings from ``env`` (the process environment by default)."""
    env = os.environ if env is None else env
    today_raw = env.get("CIN_TODAY", "").strip()
    lock_url, lock_prefix = _lock_store(env)
    return Settings(
        database_url=env.get("CIN_DATABASE_URL", "").strip() or default_database_url(),
        today_override=parse_iso_date(today_raw, "CIN_TODAY") if today_raw else None,
        port=_port(env, "CIN_PORT", DEFAULT_PORT),
        actions_port=_port(env, "CIN_ACTIONS_PORT", DEFAULT_ACTIONS_PORT),
        tracker_url=_tracker_url(env),
        lock_store_url=lock_url,
        lock_store_prefix=lock_prefix,
        retention_days=_positive_int(env, "CIN_RETENTION_DAYS", DEFAULT_RETENTION_DAYS),
        trusted_proxies=_networks(env, "CIN_TRUSTED_PROXIES"),
        host=_host(env, "CIN_HOST", LOOPBACK),
        actions_host=_host(env, "CIN_ACTIONS_HOST", LOOPBACK),
        edge=_choice(env, "CIN_EDGE", EDGES),
        public_host=_host(env, "CIN_PUBLIC_HOST", "0.0.0.0"),
        public_port=_port(env, "CIN_PUBLIC_PORT", DEFAULT_PUBLIC_PORT),
        tls_certificate=_existing_file(env, "CIN_TLS_CERT"),
    )

"""Settings from the environment, in one place (spec §6).

Every command and server reads its settings through :func:`load_settings`, so a
variable means the same thing to the CLI, the action server and the tests.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
SOURCES_DIR = KNOWLEDGE_DIR / "sources"
VAR_DIR = PROJECT_ROOT / "var"  # runtime state: the SQLite store, run files
MODELS_DIR = PROJECT_ROOT / "models"  # trained Rasa models
SPACY_BUILD_DIR = PROJECT_ROOT / "build" / "spacy"

DEFAULT_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
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
    # Proxies in front (a balancer) whose X-Forwarded-For entries are believed: 0 = none, the peer is the client.
    trusted_proxies: int = 0

    def today(self) -> dt.date:
        """Today's date, or the fixed ``CIN_TODAY`` used by tests and demos."""
        return self.today_override or dt.date.today()


def secret_file(path: Path) -> str:
    """The secret in ``path``, created once (random, readable by its owner only) if it is not there.

    Two processes starting together both end up with the one that was written first.
    """
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


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
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(raw)
    except ArgumentError:
        raise ConfigError(f"CIN_TRACKER_URL must be a SQLAlchemy URL such as postgresql://user@host:5432/cin_tracker, got {raw.split('@')[-1]!r}") from None
    return raw


def _lock_store(env: Mapping[str, str]) -> "tuple[Optional[str], str]":
    url = env.get("CIN_LOCK_STORE_URL", "").strip() or None
    if url is not None:
        from urllib.parse import urlsplit

        db = urlsplit(url).path.strip("/") or "0"
        if not url.startswith(("redis://", "rediss://")) or not db.isdigit():
            raise ConfigError(f"CIN_LOCK_STORE_URL must be redis://host:port/db (db a number), got {url.split('@')[-1]!r}")
    prefix = env.get("CIN_LOCK_STORE_PREFIX", "").strip() or DEFAULT_LOCK_STORE_PREFIX
    if not prefix.isalnum():
        raise ConfigError(f"CIN_LOCK_STORE_PREFIX must be letters and digits only (Rasa ignores any other), got {prefix!r}")
    return url, prefix


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, got {raw!r}")
    return int(raw)


def _count(env: Mapping[str, str], name: str) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return 0
    if not raw.isdigit():
        raise ConfigError(f"{name} must be a whole number (0 or more), got {raw!r}")
    return int(raw)


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
        trusted_proxies=_count(env, "CIN_TRUSTED_PROXIES"),
    )

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


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """What every command and server needs to know about its surroundings."""

    database_url: str
    today_override: Optional[dt.date]
    port: int
    actions_port: int

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
    return Settings(
        database_url=env.get("CIN_DATABASE_URL", "").strip() or default_database_url(),
        today_override=parse_iso_date(today_raw, "CIN_TODAY") if today_raw else None,
        port=_port(env, "CIN_PORT", DEFAULT_PORT),
        actions_port=_port(env, "CIN_ACTIONS_PORT", DEFAULT_ACTIONS_PORT),
    )

"""What every command group shares: the one error a user can fix, the case store and today's date from options."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Dict, Optional

from assistant.casestore import Store, open_store
from assistant.config import load_settings, parse_iso_date
from assistant.runtime.launcher import LaunchError, RunningAssistant, start_assistant


class UserError(Exception):
    """Something the person running the command can fix; printed without a trace."""


def store_of(args: argparse.Namespace, option: str = "--db") -> Store:
    """The case store named by ``option`` (--db), else CIN_DATABASE_URL, else the embedded SQLite file."""
    try:
        return open_store(getattr(args, option.lstrip("-").replace("-", "_"), None) or load_settings().database_url)
    except Exception as exc:  # an unreachable or unusable database: one clear line
        raise UserError(f"cannot open the case store: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") from None


def today_of(args: argparse.Namespace) -> dt.date:
    """--today, else CIN_TODAY, else the real date."""
    return parse_iso_date(args.today, "--today") if args.today else load_settings().today()


def start_servers(port: int, actions_port: int, env: Optional[Dict[str, str]] = None) -> RunningAssistant:
    """Both servers started (not yet ready), or a UserError saying why not."""
    try:
        return start_assistant(port, actions_port, env=env)
    except LaunchError as exc:
        raise UserError(str(exc)) from None


__all__ = ["UserError", "start_servers", "store_of", "today_of"]

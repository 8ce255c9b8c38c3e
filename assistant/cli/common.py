"""What every command group shares: the one error a user can fix, the case store and today's date from options."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Dict, Mapping, Optional

from assistant.casestore import Store, open_store
from assistant.config import load_settings, parse_iso_date
from assistant.domain.policy import AuthorityPolicy
from assistant.rules import POLICIES_DIR, RuleError, load_policies
from assistant.rules.sources import IndexLoader, index_loader
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


def add_rule_file_options(parser: argparse.ArgumentParser) -> None:
    """--policies and --index: rule files and a knowledge index other than the shipped ones (a trial, a test)."""
    parser.add_argument("--policies", help="the folder of rule files (default: knowledge/policies)")
    parser.add_argument(
        "--index",
        help="the knowledge index a new council's document was ingested into (default: var/knowledge/index.json)",
    )


def policies_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.policies) if getattr(args, "policies", None) else POLICIES_DIR


def index_of(args: argparse.Namespace) -> IndexLoader:
    return index_loader(Path(args.index) if getattr(args, "index", None) else None)


def rules_of(args: argparse.Namespace) -> Optional[Mapping[str, AuthorityPolicy]]:
    """The rule files --policies/--index name, checked; None (the shipped, cached ones) when neither is given."""
    if not getattr(args, "policies", None) and not getattr(args, "index", None):
        return None
    try:
        return load_policies(policies_dir_of(args), index=index_of(args))
    except RuleError as exc:
        raise UserError(f"the rule files cannot be used: {exc}") from None


def start_servers(port: int, actions_port: int, env: Optional[Dict[str, str]] = None) -> RunningAssistant:
    """Both servers started (not yet ready), or a UserError saying why not."""
    try:
        return start_assistant(port, actions_port, env=env)
    except LaunchError as exc:
        raise UserError(str(exc)) from None


__all__ = [
    "UserError",
    "add_rule_file_options",
    "index_of",
    "policies_dir_of",
    "rules_of",
    "start_servers",
    "store_of",
    "today_of",
]

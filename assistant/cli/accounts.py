"""Who may sign in and what they did: passwords, tokens for integrations, the audit trail (operators, on the host)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from assistant.casestore import UnknownWorkerError
from assistant.casestore.accounts import AccountError, set_password
from assistant.casestore.audit import (
    os_actor,
    read_audit,
    record_token_issued,
    render_table,
    verify_chain,
)
from assistant.channels.tokens import issue_token, load_token_settings
from assistant.cli.common import UserError, store_of
from assistant.config import parse_iso_date


def cmd_audit(args: argparse.Namespace) -> int:
    """The audit trail (operators and the DPO, on the server host): who looked at or changed which cases.

    ``audit verify`` checks the whole hash chain instead: exit 0 if intact, 1 naming the first bad row.
    """
    if args.check == "verify":
        if args.worker or args.actor or args.case or args.since or args.until:
            raise UserError(
                "audit verify checks the whole trail: --worker, --actor, --case, --since and --until do not apply"
            )
        with store_of(args) as store:
            result = verify_chain(store)
        print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
        return 0 if result.intact else 1
    since = parse_iso_date(args.since, "--since") if args.since else None
    until = parse_iso_date(args.until, "--until") if args.until else None
    if since and until and until < since:
        raise UserError("--until is before --since")
    with store_of(args) as store:
        entries = read_audit(
            store, worker_id=args.worker, case_id=args.case, since=since, until=until, actor=args.actor
        )
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2))
    else:
        print(render_table(entries))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    """The new password: one line on stdin with --password-stdin, else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"New password for {args.worker}: ")
    if getpass.getpass("Same again: ") != first:
        raise UserError("the two passwords differ; nothing was changed")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create or reset a worker's local sign-in (the worker must be in the case store)."""
    password = _read_password(args)
    with store_of(args) as store:
        try:
            worker = set_password(store, args.worker, password, actor=os_actor())  # audited with the change
        except UnknownWorkerError:
            raise UserError(
                f"no worker with id {args.worker!r} in the case store; import the council's records first"
            ) from None
        except AccountError as exc:
            raise UserError(f"{exc}; nothing was changed") from None
    print(f"Sign-in set for {worker.worker_id} ({worker.name}, {worker.role}).")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """Print a signed token for a worker: for integrations and tests, run on the server host.

    Whoever holds it can act as the worker, so the issue is on the audit trail (who ran
    the command, for whom, for how long) before the token is printed; the token is not stored.
    """
    if args.minutes is not None and not 1 <= args.minutes <= 24 * 60:
        raise UserError("--minutes must be from 1 to 1440")
    settings = load_token_settings()
    with store_of(args) as store:
        worker = store.worker(args.worker)
        if worker is None:
            raise UserError(f"no worker with id {args.worker!r} in the case store")
        minutes = args.minutes or settings.minutes
        token = issue_token(worker.worker_id, worker.role, settings, minutes=minutes)
        record_token_issued(store, worker.worker_id, os_actor(), minutes)
    print(token)
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this group's commands to the `cin-assistant` parser."""
    audit_parser = sub.add_parser("audit", help="who looked at or changed which cases (operators, DPO; server host)")
    audit_parser.add_argument(
        "check",
        nargs="?",
        choices=["verify"],
        help="verify: check the hash chain (exit 0 intact, 1 with the first bad row)",
    )
    audit_parser.add_argument("--worker", help="only this worker's queries and writes")
    audit_parser.add_argument("--actor", help='only what this actor did (a worker id, or "os:<user>" on the host)')
    audit_parser.add_argument("--case", help="only rows about this case (asked about, returned or changed)")
    audit_parser.add_argument("--since", help="YYYY-MM-DD, UTC, inclusive")
    audit_parser.add_argument("--until", help="YYYY-MM-DD, UTC, inclusive")
    audit_parser.add_argument("--json", action="store_true", help="every field, as a JSON list")
    audit_parser.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    audit_parser.set_defaults(func=cmd_audit)

    user = sub.add_parser("user", help="local sign-in accounts for the web page").add_subparsers(
        dest="user_command", required=True
    )
    user_add = user.add_parser("add", help="create or reset a worker's password (argon2-hashed in the case store)")
    user_add.add_argument("--worker", required=True, help="the worker's id in the case records")
    user_add.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    user_add.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    user_add.set_defaults(func=cmd_user_add)

    token = sub.add_parser("token", help="print a signed token for a worker (operators, on the server host)")
    token.add_argument("--worker", required=True, help="the worker's id in the case records")
    token.add_argument("--minutes", type=int, help="lifetime (default CIN_TOKEN_MINUTES or 30)")
    token.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    token.set_defaults(func=cmd_token)

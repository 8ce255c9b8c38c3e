"""Case records: import them, make synthetic demo data, and what is due (spec §5)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.casestore import CsvImportError, UnknownWorkerError, audit, import_csv
from assistant.casestore.exchange.census import LEA_PATH, AuthorityCheck, CensusImportError, import_cin_census
from assistant.casestore.exchange.demo import generate_demo, write_demo_csv
from assistant.cli.common import UserError, add_rule_file_options, rules_of, store_of, today_of
from assistant.domain.codes import ITEMS
from assistant.domain.timeframe import TimeframeError
from assistant.services import caseload


def _import_folder(args: argparse.Namespace, directory: Path, dry_run: bool = False) -> int:
    """Import the four CSVs of ``directory`` into the store --db names; print the counts."""
    if not directory.is_dir():
        raise UserError(
            f"{directory} is not a folder (it should hold workers.csv, children.csv, cases.csv, events.csv)"
        )
    with store_of(args) as store:
        try:
            report = import_csv(store, directory, dry_run=dry_run, via=audit.CLI)
        except CsvImportError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(report.summary())
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    return _import_folder(args, Path(args.directory), dry_run=args.dry_run)


#: Warnings printed after a census import unless --all-warnings: enough to see what kind they are.
CENSUS_WARNINGS_SHOWN = 20


def cmd_import_census(args: argparse.Namespace) -> int:
    """Import a census file: refuse another council's (by its LEA code) unless forced; show what was odd."""
    xml_path = Path(args.file)
    allocations = Path(args.allocations) if args.allocations else None
    for path in filter(None, (xml_path, allocations)):
        if not path.is_file():
            raise UserError(f"{path} is not a file")
    with store_of(args) as store:
        try:
            report = import_cin_census(
                store,
                xml_path,
                allocations,
                args.authority,
                allow_partial=args.allow_partial,
                dry_run=args.dry_run,
                via=audit.CLI,
                authority_check=AuthorityCheck.FORCE if args.force_authority else AuthorityCheck.REFUSE,
            )
        except CensusImportError as exc:
            others = [problem for problem in exc.problems if problem.path != LEA_PATH] if exc.lea else exc.problems
            if exc.lea:  # another council's file: one line naming both, and the way round it
                print(
                    f"census import refused, nothing was changed: {exc.lea.describe()}; "
                    f"--force-authority imports it as {exc.lea.authority} anyway",
                    file=sys.stderr,
                )
            if others:
                print(CensusImportError(others), file=sys.stderr)
            return 1
    print(report.summary())
    for problem in report.problems:
        print(f"  rejected: {problem}")
    # Each warning names the child by LAchildID (or position) and element path: the census has no names.
    shown = report.warnings if args.all_warnings else report.warnings[:CENSUS_WARNINGS_SHOWN]
    for warning in shown:
        print(f"  warning: {warning}")
    if len(report.warnings) > len(shown):
        print(f"  ... and {len(report.warnings) - len(shown)} more (--all-warnings shows every one)")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    """Write a seeded synthetic caseload as the four CSVs, and import it if asked."""
    data = generate_demo(args.seed, today=today_of(args), children=args.children)
    written = write_demo_csv(data, Path(args.out))
    print(f"Wrote {Path(args.out)}: " + ", ".join(f"{name} {rows} rows" for name, rows in written.items()))
    return _import_folder(args, Path(args.out)) if args.load else 0


def _print_not_computed(report) -> None:
    """Items a council's rules do not give dates for yet, and why: never left to look like "nothing due"."""
    if report.not_computed:
        print("Not computed yet (no confirmed rule):")
        for entry in report.not_computed:
            print(f"  - {entry.reason}")


def _print_due_table(report, heading: str) -> None:
    print(heading)
    if not report.items:
        print("Nothing due in this window and nothing overdue.")
        _print_not_computed(report)
        return
    rows = [("DUE", "STATUS", "CHILD", "CASE", "ITEM", "RULE", "SOURCE")]
    for item in report.items:
        source = item.rule.citation
        rows.append(
            (
                item.due.strftime("%a %d %b %Y"),
                item.status(report.today),
                item.child_name,
                item.case_id,
                item.item.replace("_", " "),
                item.rule.rule,
                f"{item.authority} {source.section}"[:40],
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row, item in zip(rows, [None, *report.items]):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
        for conflict in item.conflicts if item else ():
            print(f"    ! the guidance also says ({conflict.citation.section}): {conflict.note}")
    overdue = len(report.overdue)
    print(f"{len(report.items)} item(s), {overdue} overdue.")
    _print_not_computed(report)


def cmd_due(args: argparse.Namespace) -> int:
    """Spec §5: what is due in the window plus everything overdue (each run on the audit trail)."""
    today = today_of(args)
    try:
        window = caseload.window_for(args.window, today)
    except TimeframeError as exc:
        raise UserError(str(exc)) from None
    rules = rules_of(args)
    with store_of(args) as store:
        try:
            if args.authority:
                report = caseload.due_for_authority(
                    store, args.authority, today, window, args.item, args.overdue, via=audit.CLI, rules=rules
                )
                who, heading = {"authority": args.authority}, f"Authority {args.authority}"
            elif args.team:
                if not store.scope_for(args.worker).is_manager:
                    audit.record_query(
                        store,
                        args.worker,
                        audit.CLI,
                        "team_overdue" if args.overdue else "team_due",
                        outcome="not_a_manager",
                    )
                    raise UserError(f"{args.worker} is not a manager; --team shows a manager's team")
                report = caseload.due_for_team(
                    store, args.worker, today, window, args.item, args.overdue, via=audit.CLI, rules=rules
                )
                who, heading = {"worker_id": args.worker, "scope": "team"}, f"Team of {args.worker}"
            else:
                report = caseload.due_for_worker(
                    store, args.worker, today, window, args.item, args.overdue, via=audit.CLI, rules=rules
                )
                who, heading = {"worker_id": args.worker}, f"Worker {args.worker}"
        except UnknownWorkerError:
            audit.record_query(
                store, args.worker, audit.CLI, "overdue" if args.overdue else "due", outcome="unknown_worker"
            )
            raise UserError(f"no worker with id {args.worker!r}") from None
    if args.json:
        print(json.dumps(report.to_json(**who), indent=2))
    else:
        _print_due_table(
            report,
            f"{heading}: due {window.start:%a %d %b} to {window.end:%a %d %b %Y}, plus overdue "
            f"(today {today:%a %d %b %Y})",
        )
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this group's commands to the `cin-assistant` parser."""
    imports = sub.add_parser("import", help="load case records").add_subparsers(dest="import_command", required=True)
    csv_parser = imports.add_parser("csv", help="the four-CSV exchange format (all or nothing)")
    csv_parser.add_argument("directory", help="folder with workers.csv, children.csv, cases.csv, events.csv")
    csv_parser.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    csv_parser.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    csv_parser.set_defaults(func=cmd_import_csv)
    census = imports.add_parser("cin-census", help="a DfE Children in Need census XML file")
    census.add_argument("file", help="the census XML")
    census.add_argument("--authority", required=True, help="the authority the census belongs to, e.g. medway")
    census.add_argument("--allocations", help="CSV LAchildID,worker_id; open cases not in it land unallocated")
    census.add_argument("--allow-partial", action="store_true", help="import the valid children, report the rest")
    census.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    census.add_argument(
        "--force-authority",
        action="store_true",
        help="import even if the file's LEA code is not the authority's (the report says so)",
    )
    census.add_argument("--all-warnings", action="store_true", help="print every warning (default: the first 20)")
    census.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    census.set_defaults(func=cmd_import_census)

    demo = sub.add_parser("demo-data", help="write a seeded synthetic caseload as the four CSVs")
    demo.add_argument("--out", required=True, help="folder for workers.csv, children.csv, cases.csv, events.csv")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--children", type=int, help="size (default: 4 authorities x 2 teams x 5 workers)")
    demo.add_argument("--today", help="YYYY-MM-DD the histories lead up to (default: CIN_TODAY or today)")
    demo.add_argument("--load", action="store_true", help="also import it into the case store")
    demo.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    demo.set_defaults(func=cmd_demo_data)

    due = sub.add_parser("due", help="what is due in a window plus everything overdue (spec §5)")
    who = due.add_mutually_exclusive_group(required=True)
    who.add_argument("--worker", help="a worker's own caseload (with --team: a manager's team)")
    who.add_argument("--authority", help="the whole authority, unallocated cases included")
    due.add_argument("--team", action="store_true", help="with --worker MANAGER: the manager's team")
    due.add_argument("--today", help="YYYY-MM-DD (default: CIN_TODAY or the real date)")
    due.add_argument("--window", help='"today", "this week" (default), "next week", "next 10 days", "by friday", ...')
    due.add_argument("--item", choices=ITEMS, help="only this kind of item")
    due.add_argument("--overdue", action="store_true", help="only overdue items")
    due.add_argument("--json", action="store_true", help="the JSON contract of spec §5")
    due.add_argument("--db", help="SQLAlchemy URL of the case store (default: CIN_DATABASE_URL)")
    add_rule_file_options(due)
    due.set_defaults(func=cmd_due)

"""The due-date rules: check them against the guidance, draft a new council's, confirm drafts.

Adding a council: ``ingest`` its document, ``rules draft`` its rules from the
timescales found, read the file, ``rules confirm`` what is right. Until then
its drafts give no due dates (``due`` says which items wait, and why).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Sequence

from assistant.cli.common import UserError, add_rule_file_options, index_of, policies_dir_of
from assistant.domain.policy import ITEMS
from assistant.knowledge.ingest import IngestError
from assistant.rules import RuleError, load_policies
from assistant.rules.check import check_corpus
from assistant.rules.confirm import ConfirmError, confirm_drafts
from assistant.rules.draft import DraftError, draft_rules
from assistant.rules.draft_file import DraftFileError, write_draft
from assistant.rules.progress import render_progress


def _passages(args: argparse.Namespace) -> Sequence[Any]:
    """The passages of --index, else of the shipped index (ingested first if stale)."""
    try:
        return index_of(args)().passages
    except IngestError as exc:
        raise UserError(str(exc)) from None


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Curated rules vs the timescales spaCy finds in the guidance; non-zero if a rule is not found."""
    try:
        policies = load_policies(policies_dir_of(args), index=index_of(args))
    except RuleError as exc:
        raise UserError(f"the rule files cannot be used: {exc}") from None
    try:
        report = check_corpus(policies, _passages(args))
    except FileNotFoundError as exc:  # the spaCy pipeline is not built yet (a fresh clone before `make setup`)
        raise UserError(str(exc)) from None
    if args.authority:
        entries = [a for a in report.authorities if a.authority == args.authority]
        if not entries:
            raise UserError(f"no rule file and no guidance for {args.authority!r}")
        if args.json:
            print(json.dumps(entries[0].to_dict(), indent=2))
        else:
            print("\n".join(render_progress(entries)))
        return 0 if not [r for r in report.missing if r.authority == args.authority] else 1
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.render(), end="")
    return 0 if report.ok else 1


def cmd_rules_draft(args: argparse.Namespace) -> int:
    """A draft rule file from the timescales the council's ingested document states."""
    key = args.authority
    out = Path(args.out) if args.out else policies_dir_of(args) / f"{key}.yml"
    try:
        draft = draft_rules(key, _passages(args), name=args.name)
        write_draft(draft, out, force=args.force, index=index_of(args))
    except (DraftError, DraftFileError) as exc:
        raise UserError(str(exc)) from None
    print(
        f"Drafted {out} from {', '.join(draft.documents)}: {len(draft.rules)} draft rule(s), "
        f"{len(draft.unmapped)} timescale sentence(s) no rule item fits (listed under unmapped)."
    )
    for rule in draft.rules:
        print(f'  DRAFT    {rule.id}: {rule.rule}  <- {rule.citation.section}: "{rule.citation.quote[:80]}"')
    for entry in draft.unmapped:
        print(f'  UNMAPPED {entry.citation.section}: "{entry.citation.quote[:80]}" - {entry.reason}')
    print(
        "Nothing is used for due dates yet. Read each draft against its quote, correct or delete it, then "
        f"`cin-assistant rules confirm --authority {key} --item ITEM` (or --id RULE_ID, or --all)."
    )
    return 0


def cmd_rules_confirm(args: argparse.Namespace) -> int:
    """Drafts become confirmed rules, which the due engine uses."""
    file = policies_dir_of(args) / f"{args.authority}.yml"
    try:
        done = confirm_drafts(file, item=args.item, rule_id=args.id, every=args.all, index=index_of(args))
    except ConfirmError as exc:
        raise UserError(str(exc)) from None
    print(f"Confirmed in {done.file}:")
    for rule in done.rules:
        print(f"  {rule.id}: {rule.rule}")
    left = ", ".join(r.id for r in done.drafts_left) or "none"
    print(f"Drafts left: {left}.")
    print("`cin-assistant due` uses them now; restart a running assistant to load them.")
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this group's commands to the `cin-assistant` parser."""
    rules = sub.add_parser("rules", help="the due-date rules: check, draft a new council's, confirm").add_subparsers(
        dest="rules_command", required=True
    )
    check = rules.add_parser("check", help="compare the rules with the timescales found in the guidance, per council")
    check.add_argument("--json", action="store_true")
    check.add_argument("--authority", help="only this council: its confirmed rules, drafts and unused sentences")
    add_rule_file_options(check)
    check.set_defaults(func=cmd_rules_check)

    draft = rules.add_parser("draft", help="draft a council's rule file from its ingested guidance")
    draft.add_argument("--authority", required=True, help="the key its guidance was ingested under, e.g. northshire")
    draft.add_argument("--name", help="the council's name for people (default: the key, capitalised)")
    draft.add_argument("--out", help="where to write (default: <policies folder>/<authority>.yml)")
    draft.add_argument("--force", action="store_true", help="replace an existing rule file (its confirmed rules too)")
    add_rule_file_options(draft)
    draft.set_defaults(func=cmd_rules_draft)

    confirm = rules.add_parser("confirm", help="confirm drafted rules: the due engine uses confirmed rules only")
    confirm.add_argument("--authority", required=True)
    which = confirm.add_mutually_exclusive_group(required=True)
    which.add_argument("--item", choices=ITEMS, help="every draft for this item")
    which.add_argument("--id", help="one draft, by its id")
    which.add_argument("--all", action="store_true", help="every draft in the file")
    add_rule_file_options(confirm)
    confirm.set_defaults(func=cmd_rules_confirm)

"""The guidance: ingest documents, ask a procedure question, check the curated rules against the text."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.cli.common import UserError
from assistant.knowledge.answering import ask
from assistant.knowledge.ingest import DEFAULT_INDEX, DocumentMeta, IngestError, ingest
from assistant.nlu.understanding import (
    ModelMissingError,
    Understanding,
    answer_question,
)
from assistant.rules.check import check_corpus
from assistant.runtime.launcher import DEFAULT_MODEL


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or None
    if args.authority and not args.title:
        raise UserError("--authority needs --title (the document's title, for citations)")
    metadata = None
    if paths and args.authority:
        meta = DocumentMeta(args.authority, args.title, args.kind, args.authority_name or "")
        metadata = {p.name: meta for p in paths}
    try:
        report = ingest(paths, index_path=Path(args.index) if args.index else DEFAULT_INDEX, metadata=metadata)
    except IngestError as exc:
        raise UserError(str(exc)) from None
    print(report.summary())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """A procedure question answered from the guidance, quoted and cited."""
    text = " ".join(args.text)
    if args.keywords:
        answer = ask(text, authority=args.authority)
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if args.json else answer.text)
        return 0

    try:
        understanding = Understanding(Path(args.model) if args.model else DEFAULT_MODEL)
    except ModelMissingError as exc:
        raise UserError(str(exc)) from None
    parsed = understanding.parse(text)
    reply = answer_question(parsed, text, home=args.authority)
    print(json.dumps({"text": reply.text, **reply.payload}, ensure_ascii=False, indent=2) if args.json else reply.text)
    return 0


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Curated rules vs the timescales spaCy finds in the guidance; non-zero if a rule is not found."""
    report = check_corpus()
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.render(), end="")
    return 0 if report.ok else 1


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this group's commands to the `cin-assistant` parser."""
    ingest = sub.add_parser("ingest", help="read guidance documents into the knowledge index")
    ingest.add_argument("paths", nargs="*", help="files (.txt .md .html .docx .pdf); none: the shipped corpus")
    ingest.add_argument("--authority", help="for documents not in the manifest: the authority key, e.g. northshire")
    ingest.add_argument("--authority-name", help="the authority's name for people")
    ingest.add_argument("--title", help="the document's title")
    ingest.add_argument("--kind", default="local_procedure", choices=("local_procedure", "general_guidance"))
    ingest.add_argument("--index", help="index file (default: var/knowledge/index.json)")
    ingest.set_defaults(func=cmd_ingest)

    ask_parser = sub.add_parser("ask", help="answer a CIN procedure question from the guidance, with citations")
    ask_parser.add_argument("text", nargs="+", help="the question, e.g. how often do I visit")
    ask_parser.add_argument(
        "--authority",
        help="the asker's council: practice_matters, kent, medway, camden "
        "(default: compare; a council named in the question wins)",
    )
    ask_parser.add_argument("--json", action="store_true", help="topic, status, text and citations as JSON")
    ask_parser.add_argument(
        "--model", help="the trained Rasa model whose NLU picks the topic (default models/cin.tar.gz)"
    )
    ask_parser.add_argument(
        "--keywords",
        action="store_true",
        help="pick the topic by the keyword matcher instead of the trained NLU (no model needed; faster to start)",
    )
    ask_parser.set_defaults(func=cmd_ask)

    rules = sub.add_parser("rules", help="the curated due-date rules").add_subparsers(
        dest="rules_command", required=True
    )
    check_rules = rules.add_parser("check", help="compare the curated rules with timescales found in the guidance")
    check_rules.add_argument("--json", action="store_true")
    check_rules.set_defaults(func=cmd_rules_check)

"""The guidance: ingest documents, ask a procedure question (the rules commands are in assistant.cli.rules)."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from assistant.cli.common import UserError
from assistant.config import (
    ASK_MAX_QUESTIONS,
    ASK_PATH,
    SERVICE_SECRET_HEADER,
    ConfigError,
    action_secret,
    load_settings,
)
from assistant.knowledge.answering import ask
from assistant.knowledge.answering.rank import prepare_search
from assistant.knowledge.ingest import DEFAULT_INDEX, DocumentMeta, IngestError, ingest
from assistant.nlu.understanding import (
    ModelMissingError,
    Understanding,
    answer_question,
)
from assistant.runtime.launcher import DEFAULT_MODEL, post_json


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
    if not args.index:  # the shipped index: its search vectors are computed now, not on a worker's first question
        print(f"Search ready: {prepare_search()} passages embedded.")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Procedure questions answered from the guidance, quoted and cited: by the running server if it is up."""
    questions = _questions(args)
    if args.keywords:
        answers = [{"question": q, **ask(q, authority=args.authority).to_dict()} for q in questions]
    else:
        answers = _from_server(questions, args) or _from_model(questions, args)
    _print_answers(answers, as_json=args.json, batch=bool(args.file))
    return 0


def _questions(args: argparse.Namespace) -> List[str]:
    """The question on the command line, or one per line of ``--file`` (blank lines and # comments skipped)."""
    if args.file:
        try:
            lines = Path(args.file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {args.file}: {exc}") from None
        found = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        if not found:
            raise UserError(f"{args.file} holds no questions (one per line)")
        return found
    if not args.text:
        raise UserError("give a question, or --file with one question per line")
    return [" ".join(args.text)]


def _from_server(questions: Sequence[str], args: argparse.Namespace) -> Optional[List[Dict[str, Any]]]:
    """The running assistant's answers (its model is loaded: well under a second each), or None if it is not up."""
    if args.model:  # a particular model was asked for: the running server may serve another
        return None
    url = args.server or f"http://127.0.0.1:{load_settings().port}{ASK_PATH}"
    answers: List[Dict[str, Any]] = []
    try:
        secret = action_secret()
        for start in range(0, len(questions), ASK_MAX_QUESTIONS):
            chunk = questions[start : start + ASK_MAX_QUESTIONS]
            body = {"questions": [{"text": q, "authority": args.authority} for q in chunk]}
            result, _ = post_json(url, body, timeout=60.0 + 2.0 * len(chunk), headers={SERVICE_SECRET_HEADER: secret})
            answers += [{"question": q, **a} for q, a in zip(chunk, result["answers"], strict=True)]
    except urllib.error.HTTPError as exc:
        if exc.code != 404:  # 404: a server without the ask route; anything else is worth saying
            print(
                f"(the running assistant refused the question: HTTP {exc.code}; loading the model here)",
                file=sys.stderr,
            )
        return None
    except (OSError, ValueError, KeyError, TypeError, ConfigError):
        return None  # not running (or not ours): the model is loaded here instead
    return answers


def _from_model(questions: Sequence[str], args: argparse.Namespace) -> List[Dict[str, Any]]:
    """Answers from the trained model loaded in this process (about 30 seconds to load)."""
    if not args.file:
        print(
            "(the assistant is not running: loading the model, about 30 seconds; "
            "`cin-assistant run` answers in under a second)",
            file=sys.stderr,
        )
    try:
        understanding = Understanding(Path(args.model) if args.model else DEFAULT_MODEL)
    except ModelMissingError as exc:
        raise UserError(str(exc)) from None
    out = []
    for q in questions:
        reply = answer_question(understanding.parse(q), q, home=args.authority)
        out.append({"question": q, "text": reply.text, **reply.payload})
    return out


def _print_answers(answers: Sequence[Dict[str, Any]], as_json: bool, batch: bool) -> None:
    if as_json:
        print(json.dumps(list(answers) if batch else answers[0], ensure_ascii=False, indent=2))
        return
    for n, a in enumerate(answers):
        if batch:
            print(("\n" if n else "") + f"Q: {a['question']}")
        print(a["text"])


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
    ask_parser.add_argument("text", nargs="*", help="the question, e.g. how often do I visit")
    ask_parser.add_argument("--file", help="a file of questions, one per line: answers them all (with --json, a list)")
    ask_parser.add_argument(
        "--server", help=f"the running assistant's ask route (default http://127.0.0.1:<CIN_PORT>{ASK_PATH})"
    )
    ask_parser.add_argument(
        "--authority",
        help="the asker's council: practice_matters, kent, medway, camden "
        "(default: compare; a council named in the question wins)",
    )
    ask_parser.add_argument("--json", action="store_true", help="topic, status, text and citations as JSON")
    ask_parser.add_argument("--model", help="a trained Rasa model to load here rather than ask the running assistant")
    ask_parser.add_argument(
        "--keywords",
        action="store_true",
        help="pick the topic by the keyword matcher instead of the trained NLU (no model needed; faster to start)",
    )
    ask_parser.set_defaults(func=cmd_ask)

"""Set-up steps `make setup` runs: the spaCy pipeline, the guidance corpus, the voice model, the local certificate."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import UserError
from assistant.knowledge import spacy_pipeline as nlp
from assistant.knowledge.corpus import CorpusError, ensure_corpus, load_manifest
from assistant.runtime.edge import LOCAL_CERTIFICATE, make_local_certificate
from assistant.voice.language_model import DEFAULT_DIR, build_voice_model


def cmd_nlp_build(args: argparse.Namespace) -> int:
    package = nlp.save_pipeline(package_dir=nlp.SPACY_BUILD_DIR / "packages")
    print(f"Built the spaCy pipeline at {nlp.PIPELINE_DIR} (package source: {package})")
    return 0


def cmd_corpus_check(args: argparse.Namespace) -> int:
    fill_from = Path(args.fill_from) if args.fill_from else None
    try:
        copied = ensure_corpus(fill_from=fill_from if fill_from and fill_from.is_dir() else None)
        documents = load_manifest()
    except CorpusError as exc:
        raise UserError(str(exc)) from None
    for name in copied:
        print(f"Copied {name} into knowledge/sources")
    print(f"Guidance corpus complete: {len(documents)} documents")
    return 0


def cmd_voice_build(args: argparse.Namespace) -> int:
    """Build the speech recogniser's language model and dictionary from the training data."""
    model = build_voice_model(Path(args.out) if args.out else DEFAULT_DIR)
    print(f"Built the voice model in {model.directory} ({len(model.vocabulary):,} words)")
    return 0


def cmd_tls_local(args: argparse.Namespace) -> int:
    """The edge's self-signed certificate for local use (var/tls), made once; --force makes a new one."""
    if LOCAL_CERTIFICATE.exists() and not args.force:
        print(f"The local certificate is already at {LOCAL_CERTIFICATE} (--force makes a new one).")
        return 0
    make_local_certificate()
    print(
        f"Made a self-signed certificate for local use at {LOCAL_CERTIFICATE} (owner-only; "
        "browsers will warn about it). A council sets CIN_TLS_CERT to its own."
    )
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this group's commands to the `cin-assistant` parser."""
    nlp = sub.add_parser("nlp", help="the project's spaCy pipeline").add_subparsers(dest="nlp_command", required=True)
    nlp.add_parser("build", help="build the pipeline under build/spacy").set_defaults(func=cmd_nlp_build)

    corpus = sub.add_parser("corpus", help="the guidance corpus").add_subparsers(dest="corpus_command", required=True)
    check = corpus.add_parser("check", help="check every document in the manifest is present")
    check.add_argument("--fill-from", help="a folder to copy missing documents from (e.g. ../shared/guidance)")
    check.set_defaults(func=cmd_corpus_check)

    tls = sub.add_parser("tls", help="the edge's certificate").add_subparsers(dest="tls_command", required=True)
    tls_local = tls.add_parser("local", help="make the self-signed certificate for local use (var/tls)")
    tls_local.add_argument("--force", action="store_true", help="replace an existing one")
    tls_local.set_defaults(func=cmd_tls_local)

    voice = sub.add_parser("voice", help="the voice channel's speech model").add_subparsers(
        dest="voice_command", required=True
    )
    voice_build = voice.add_parser("build", help="build the recogniser's language model from the training data")
    voice_build.add_argument("--out", help="folder (default build/voice)")
    voice_build.set_defaults(func=cmd_voice_build)

"""The `cin-assistant` command: thin, each command group in its own module calls one room of the package.

Errors a user can fix are printed as one clear line and exit 1; no stack trace.
Measurements (benchmarks, evaluations) are not here: `python -m evaluation`.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import List, Optional

# spaCy's thinc imports TensorFlow, which prints start-up notices; a user never needs them. Nor the
# libraries' deprecation notices (pkg_resources, click, jax) that Rasa's imports print on every command.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore", category=DeprecationWarning)
warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
warnings.filterwarnings("ignore", category=FutureWarning)

from assistant.cli import accounts, caseload, knowledge, rules, runtime, setup  # noqa: E402
from assistant.cli.common import UserError  # noqa: E402
from assistant.config import VAR_DIR, ConfigError, private_dir  # noqa: E402

GROUPS = (setup, knowledge, rules, caseload, accounts, runtime)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cin-assistant", description="The CIN Practice Assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    # Files this command and the servers it starts create (the case store, conversations, exports,
    # logs, secrets) hold or guard children's data: readable by the service's own user only.
    os.umask(0o077)
    private_dir(VAR_DIR)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (UserError, ConfigError) as exc:
        print(f"cin-assistant: {exc}", file=sys.stderr)
        return 1


__all__ = ["UserError", "build_parser", "main"]

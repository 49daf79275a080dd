"""The ``pelayanan`` command: the parser, and errors turned into messages and exit codes.

Exit codes: 0 success; 1 invalid input or failed validation (a bad file, an unknown rubric,
an invalid parameter, bad rows); 2 a usage error (unknown option, missing argument).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from pelayanan._version import __version__
from pelayanan.cli.cmd_audit import add_audit
from pelayanan.cli.cmd_classify import add_classify
from pelayanan.cli.cmd_explain import add_explain
from pelayanan.cli.cmd_plugins import add_plugins
from pelayanan.cli.cmd_practice import add_calibrate, add_history
from pelayanan.cli.cmd_report import add_badge, add_compare, add_report
from pelayanan.cli.cmd_rubrics import add_rubrics
from pelayanan.cli.cmd_score import add_rank, add_score
from pelayanan.cli.common import EXIT_INVALID, EXIT_USAGE, CliError, Console
from pelayanan.documents.errors import DocumentError
from pelayanan.model.limits import ENV_VARIABLE, Limits, use_limits
from pelayanan.plugins import PluginError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="pelayanan",
        description="Score public-service compliance (Ombudsman RI zones, SKM, PEKPPP) from "
        "evidence files, explain the scores, and publish reports.",
        epilog="Exit codes: 0 success, 1 invalid input or failed validation, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"pelayanan {__version__}")
    parser.add_argument(
        "--limit",
        action="append",
        metavar="NAME=VALUE",
        default=[],
        help="change a resource limit, e.g. --limit max_rows=5000000 (repeatable; see "
        f"docs/security.md; also read from the {ENV_VARIABLE} environment variable)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_rubrics(commands)
    add_plugins(commands)
    add_classify(commands)
    add_score(commands)
    add_explain(commands)
    add_report(commands)
    add_badge(commands)
    add_rank(commands)
    add_compare(commands)
    add_audit(commands)
    add_calibrate(commands)
    add_history(commands)
    return parser


def main(argv: Sequence[str] | None = None, console: Console | None = None) -> int:
    """Run the command line; returns the exit code."""
    console = console or Console()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        limits = Limits.from_env(os.environ).with_settings(args.limit)
    except ValueError as error:
        console.warn(f"pelayanan: error: {error}")
        return EXIT_USAGE
    try:
        with use_limits(limits):
            code: int = args.handler(args, console)
    except CliError as error:
        prog = f"pelayanan {args.command}"
        if error.code == EXIT_USAGE:
            console.warn(f"{prog}: error: {error.message}")
        else:
            console.warn(f"error: {error.message}")
        return error.code
    except DocumentError as error:
        console.warn(f"error: {error}")
        return EXIT_INVALID
    except PluginError as error:
        console.warn(f"error: {error}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        console.warn("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_INVALID
    return code

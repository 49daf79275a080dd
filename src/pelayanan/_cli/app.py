"""The ``pelayanan`` command: the parser, and errors turned into messages and exit codes.

Exit codes: 0 success; 1 invalid input or failed validation (a bad file, an unknown rubric,
an invalid parameter, bad rows: any :class:`~pelayanan.PelayananError` a command does not
word itself) or a plugin's fault; 2 a usage error (unknown option, missing argument). A
plugin's scoring model or reader that raises is reported naming the plugin, its
distribution and version and where it raised; ``--debug`` (or ``PELAYANAN_DEBUG=1``) adds
the full traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from pelayanan._cli import sources
from pelayanan._cli.common import EXIT_INVALID, EXIT_USAGE, LANG_HELP, CliError, Console
from pelayanan._cli.parser import Parser, speaking, subparsers
from pelayanan._documents.errors import ProblemError
from pelayanan._i18n import ENV_VARIABLE as LANG_VARIABLE
from pelayanan._i18n import LANGUAGES, N_, choose_language, use_language
from pelayanan._i18n import gettext as _
from pelayanan._model.limits import ENV_VARIABLE, Limits, use_limits
from pelayanan._model.problems import PelayananError
from pelayanan._version import __version__
from pelayanan.plugins._errors import PluginError

__all__ = ["COMMANDS", "DEBUG_ENV", "EXIT_CODES", "OWN_EXIT_CODES", "build_parser", "main"]

DEBUG_ENV = "PELAYANAN_DEBUG"
"""Set to ``1`` to show the full traceback when a plugin's code fails (like ``--debug``)."""


COMMANDS: dict[str, tuple[str, str]] = {
    "rubrics": ("cmd_rubrics", "add_rubrics"),
    "plugins": ("cmd_plugins", "add_plugins"),
    "classify": ("cmd_classify", "add_classify"),
    "score": ("cmd_score", "add_score"),
    "explain": ("cmd_explain", "add_explain"),
    "report": ("cmd_report", "add_report"),
    "badge": ("cmd_report", "add_badge"),
    "rank": ("cmd_score", "add_rank"),
    "compare": ("cmd_report", "add_compare"),
    "survey": ("cmd_survey", "add_survey"),
    "audit": ("cmd_audit", "add_audit"),
    "calibrate": ("cmd_practice", "add_calibrate"),
    "history": ("cmd_practice", "add_history"),
}
"""Each command, in the order help lists them: the module under ``pelayanan._cli`` that
defines it and the function that adds its parser. A command's module (and what it imports:
readers, reports, the JSON Schemas) is imported only when that command runs or when help or
a usage error needs every command."""

EXIT_CODES = N_("Exit codes: 0 success, 1 invalid input or failed validation, 2 usage error.")
"""What most commands return, shown in their help (unless they say otherwise below)."""

OWN_EXIT_CODES: dict[str, str] = {
    "plugins": N_(
        "Exit codes: 0 the plugins are listed, also when some have problems (the problems are "
        "listed after them, and scoring commands leave those plugins out), 2 usage error."
    ),
    "rubrics validate": N_(
        "Exit codes: 0 every document is valid, 1 a document has problems (each listed with "
        "its place), 2 usage error."
    ),
    "classify": N_(
        "Exit codes: 0 every score classified, 1 a score could not be classified (outside the "
        "scale or not a number) or an unknown scheme or year, 2 usage error."
    ),
    "rubrics schema": N_("Exit codes: 0 the schema is printed, 1 unknown name, 2 usage error."),
}
"""The exit codes of the commands that differ from :data:`EXIT_CODES`."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command, or with the command ``only`` alone (what a
    run of that command needs; its parser is the same as in the full one)."""
    parser = Parser(
        prog="pelayanan",
        description="Score public-service compliance (Ombudsman RI zones, SKM, PEKPPP) from "
        "evidence files, explain the scores, and publish reports.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"pelayanan {__version__}")
    parser.add_argument(
        "--lang", choices=LANGUAGES, metavar="{id,en}", dest="global_lang", help=LANG_HELP
    )
    parser.add_argument(
        "--limit",
        action="append",
        metavar="NAME=VALUE",
        default=[],
        help="change a resource limit, e.g. --limit max_rows=5000000 (repeatable; see "
        f"docs/security.md; also read from the {ENV_VARIABLE} environment variable)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"show the full traceback of a plugin's fault (also {DEBUG_ENV}=1)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, add) in COMMANDS.items():
        if only is None or name == only:
            found = importlib.import_module(f"pelayanan._cli.{module}")
            getattr(found, add)(commands)
    for name, command in subparsers(parser):  # every command documents its exit codes
        command.epilog = command.epilog or OWN_EXIT_CODES.get(name, EXIT_CODES)
    return parser


_GLOBAL_VALUES = ("--lang", "--limit")
"""The global options that take a value in the next argument."""


def _command(argv: Sequence[str]) -> str | None:
    """The command named on the command line, if it is one (else every command's parser is
    built, for help, a usage error or a misspelt command's suggestions).

    >>> _command(["--lang", "en", "classify", "80"]), _command(["--help"]), _command(["klasify"])
    ('classify', None, None)
    """
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _GLOBAL_VALUES:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        elif arg == "--" or arg.startswith("-h") or arg == "--help":
            return None
    return None


def _lang_option(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` on the command line (before the parser runs, so that
    help and usage errors speak it too)."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANGUAGES else None


def main(argv: Sequence[str] | None = None, console: Console | None = None) -> int:
    """Run the command line; returns the exit code."""
    console = console or Console()
    given = list(sys.argv[1:] if argv is None else argv)
    flag = _lang_option(given)
    try:
        lang = choose_language(flag, os.environ)
    except ValueError as error:  # --lang is one of LANGUAGES: PELAYANAN_LANG is not
        message = _("{variable}={value}: unknown language (id or en)")
        message = message.format(variable=LANG_VARIABLE, value=error)
        console.warn(_("pelayanan: error: {message}").format(message=message))
        return EXIT_USAGE
    with use_language(lang), speaking():
        return _main(given, flag, console)


def _main(argv: list[str], flag: str | None, console: Console) -> int:
    parser = build_parser(_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    if flag is not None and getattr(args, "lang", None) is None:
        args.lang = flag
    try:
        limits = Limits.from_env(os.environ).with_settings(args.limit)
    except ValueError as error:
        console.warn(_("pelayanan: error: {message}").format(message=error))
        return EXIT_USAGE
    try:
        with use_limits(limits):
            code: int = args.handler(args, console)
    except CliError as error:
        if error.code == EXIT_USAGE:
            prog = f"pelayanan {args.command}"
            console.warn(_("{prog}: error: {message}").format(prog=prog, message=error.message))
        else:
            console.warn(_("error: {message}").format(message=error.message))
        return error.code
    except ProblemError as error:  # a document's mistake, a plugin's fault, an unknown name
        return _problems(error, args, console)
    except PelayananError as error:  # what the data breaks, in the model's words
        return _problems(_blame(error) or error, args, console)
    except KeyboardInterrupt:
        console.warn(_("interrupted"))
        return 130
    except BrokenPipeError:
        return EXIT_INVALID
    except Exception as error:
        blamed = _blame(error)
        if blamed is None:
            raise  # pelayanan's own fault: the traceback is the report
        return _problems(blamed, args, console)
    return code


def _blame(error: Exception) -> PluginError | None:
    """A plugin error if the CLI's registry finds a plugin's code on the traceback."""
    registry = sources.current_registry()
    if registry is None:
        return None
    try:
        return registry.blame(error)
    except Exception:  # pragma: no cover - never hide the original fault behind another
        return None


def _problems(error: PelayananError, args: argparse.Namespace, console: Console) -> int:
    """Every problem, with its place and whose fault it is; the full traceback of the
    exception a plugin's code raised only on request."""
    console.warn(_("error: {message}").format(message=error))
    if args.debug or os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        if error.__cause__ is not None:
            import traceback  # only with --debug

            console.warn("".join(traceback.format_exception(error)).rstrip())
    elif error.__cause__ is not None:
        console.warn(
            _("(run with --debug or {variable}=1 for the full traceback)").format(
                variable=DEBUG_ENV
            )
        )
    return EXIT_INVALID

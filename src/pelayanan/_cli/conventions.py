"""One set of conventions for every command, applied once to the whole parser.

Every command documents its exit codes (its epilog), and the options most commands share
(``--format``, ``--output``, ``--lang``) say what they do even where a command module left
the help out. Doing it here, after the commands are registered, keeps the conventions in
one place for commands added later.
"""

from __future__ import annotations

import argparse

from pelayanan._cli.common import LANG_HELP
from pelayanan._cli.parser import subparsers
from pelayanan._i18n import N_

__all__ = ["EXIT_CODES", "GENERAL_EXIT_CODES", "apply_conventions"]

GENERAL_EXIT_CODES = N_(
    "Exit codes: 0 success, 1 invalid input or failed validation, 2 usage error."
)
"""What most commands return (see :mod:`pelayanan._cli.common`)."""

EXIT_CODES: dict[str, str] = {
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
"""Exit codes of the commands that differ from :data:`GENERAL_EXIT_CODES`."""

_FORMAT_HELP = N_("output format")
_OUTPUT_HELP = N_("write here (default: stdout)")


def apply_conventions(parser: argparse.ArgumentParser) -> None:
    """Give every command its exit codes and every shared option its help text."""
    for name, command in subparsers(parser):
        if not command.epilog:
            command.epilog = EXIT_CODES.get(name, GENERAL_EXIT_CODES)
        for action in command._actions:
            if action.help:
                continue
            if "--format" in action.option_strings:
                action.help = _FORMAT_HELP
            elif "--output" in action.option_strings:
                action.help = _OUTPUT_HELP
            elif "--lang" in action.option_strings:
                action.help = LANG_HELP

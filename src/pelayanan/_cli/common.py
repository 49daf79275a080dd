"""What every command shares: errors and exit codes, output, languages, option parsing."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pelayanan._i18n import LANGUAGES, choose_language, gettext, set_language
from pelayanan._reports.safe import for_terminal

if TYPE_CHECKING:
    from pelayanan._reports.tables import Table

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "OUTPUT_HELP",
    "CliError",
    "Console",
    "UsageError",
    "add_format",
    "add_lang",
    "choose_lang",
    "parse_pairs",
    "write_file",
    "write_json",
    "write_output",
    "write_tables",
]

EXIT_OK = 0
"""Success."""
EXIT_INVALID = 1
"""Invalid input (a bad file, an unknown rubric, a bad parameter) or failed validation."""
EXIT_USAGE = 2
"""The command line itself is wrong (argparse's convention)."""


class CliError(Exception):
    """A failure to report on standard error, with its exit code (1 unless told)."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(CliError):
    """The options do not make sense together (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_USAGE)


class Console:
    """Standard output and error, and whether each is a terminal that takes colour."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr

    @staticmethod
    def _tty(stream: TextIO) -> bool:
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty())

    @property
    def colour(self) -> bool:
        """Colour on standard output: a terminal, and ``NO_COLOR`` not set."""
        return self._tty(self.out) and "NO_COLOR" not in os.environ

    @property
    def out_is_tty(self) -> bool:
        """Whether standard output is a terminal."""
        return self._tty(self.out)

    @property
    def err_is_tty(self) -> bool:
        """Whether standard error is a terminal (progress bars go there only then)."""
        return self._tty(self.err)

    def print(self, text: str = "") -> None:
        """Write ``text`` and a line end to standard output, control characters shown
        (:func:`~pelayanan._reports.safe.for_terminal`)."""
        text = for_terminal(text)
        self.out.write(text if text.endswith("\n") else text + "\n")

    def warn(self, text: str) -> None:
        """Write ``text`` to standard error, control characters shown."""
        text = for_terminal(text)
        self.err.write(text if text.endswith("\n") else text + "\n")


def parse_pairs(values: Sequence[str] | None, option: str) -> dict[str, str]:
    """``["a=1", "b=2,c=3"]`` into ``{"a": "1", "b": "2", "c": "3"}``.

    A comma separates pairs only when what follows it has its own ``=``, so a decimal comma
    stays in its value: ``weight=0,11`` is ``{"weight": "0,11"}``.

    Raises:
        UsageError: an item without ``=`` or with an empty name.
    """
    pairs: dict[str, str] = {}
    for value in values or ():
        items: list[str] = []
        for piece in value.split(","):
            if items and "=" not in piece:
                items[-1] += "," + piece
            else:
                items.append(piece)
        for item in items:
            if not item.strip():
                continue
            name, sep, given = item.partition("=")
            if not sep or not name.strip():
                raise UsageError(
                    gettext("{option} expects NAME=VALUE, got '{item}'").format(
                        option=option, item=item
                    )
                )
            pairs[name.strip()] = given.strip()
    return pairs


OUTPUT_HELP = "write here (default: stdout)"


def add_format(parser: argparse.ArgumentParser, *choices: str, output: bool = True) -> None:
    """``--format`` (the first of ``choices`` by default) and, with ``output``, ``--output``."""
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format")
    if output:
        parser.add_argument("--output", "-o", metavar="FILE", help=OUTPUT_HELP)


LANG_HELP = (
    "language of messages, labels and numbers: id or en (default: the PELAYANAN_LANG "
    "environment variable, else the locale, else the rubric's language, else id)"
)


def add_lang(parser: argparse.ArgumentParser) -> None:
    """The ``--lang`` option."""
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{id,en}", help=LANG_HELP)


def choose_lang(given: str | None, default: str | None) -> str:
    """``--lang`` if given, else ``PELAYANAN_LANG`` (which :func:`pelayanan._cli.main`
    checked before the command ran), else the locale, else ``default`` (the rubric's
    language), else Indonesian; messages from here on speak it too."""
    lang = choose_language(given, os.environ, default)
    set_language(lang)
    return lang


def write_output(console: Console, text: str, output: str | None) -> None:
    """Write ``text`` to the ``--output`` file (``-`` or none: standard output; on a
    terminal, control characters in it are shown rather than sent)."""
    if output is None or output == "-":
        console.out.write(for_terminal(text) if console.out_is_tty else text)
        return
    write_file(text.encode("utf-8"), output)


def write_json(console: Console, data: Any, output: str | None = None) -> None:
    """``data`` as indented JSON (UTF-8 as it is) to the ``--output`` file or stdout: the one
    JSON output of every command. Exact numbers are written as their exact text
    (``"50/7"``, ``"80"``), decimals as published (``"80.00"``) and model objects as
    :func:`~pelayanan._model.convert.to_data` writes them, so a command picks its fields and
    never converts a value itself."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_value)
    write_output(console, text + "\n", output)


def _json_value(value: Any) -> Any:
    """What :mod:`json` does not write by itself (see :func:`write_json`)."""
    from pelayanan._model.convert import to_data
    from pelayanan._model.numbers import exact_to_str

    if isinstance(value, Fraction):
        return exact_to_str(value)
    if isinstance(value, Decimal):
        return str(value)
    return to_data(value)


def write_tables(
    console: Console, tables: Iterable[Table | None], kind: str, output: str | None
) -> None:
    """Tables as Markdown, CSV or terminal text (``kind``) to the ``--output`` file or stdout;
    zone colours only when written to a colour terminal."""
    from pelayanan._reports.tables import render_tables

    colour = output in (None, "-") and console.colour
    write_output(console, render_tables(tables, kind, colour), output)


def write_file(payload: bytes, output: str) -> None:
    """Write ``payload`` to the file ``output`` whole or not at all (a temporary file beside
    it, then renamed over it), making its folder if needed."""
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _file_mode(path)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                # mkstemp makes the file readable by its owner only; the output gets the
                # mode an ordinary write would give it (a report is meant to be shared).
                os.fchmod(stream.fileno(), mode)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise CliError(
            gettext("cannot write {file}: {reason}").format(
                file=output, reason=error.strerror or error
            )
        ) from None


def _file_mode(path: Path) -> int:
    """The permissions ``open(path, "w")`` would leave: the file's own when it exists, else
    read and write for all as the umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask

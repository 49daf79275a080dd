"""The built-in CSV evidence reader: long and survey layouts, streamed row by row."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import attrs

from pelayanan._i18n import gettext
from pelayanan._readers.problems import ProblemLog, TableProblem
from pelayanan._readers.stream import TABLE_OPTIONS, Progress, ReadOptions, TableReader
from pelayanan._readers.table import Cell

__all__ = ["CsvReader", "guess_delimiter", "sniff_delimiter"]

_EVERY = 4096
"""Rows between two progress reports."""
_SNIFF = 65536
"""Characters read to guess the delimiter."""


def guess_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of ``,``, ``;`` and tab.

    Spreadsheets set to an Indonesian locale export CSV with ``;`` because ``,`` is their
    decimal separator.

    >>> guess_delimiter("unit;indicator;value")
    ';'
    >>> guess_delimiter("unit,indicator,value")
    ','
    """
    counts = {delimiter: line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def sniff_delimiter(path: Path, encoding: str = "utf-8-sig") -> str:
    """The delimiter of a CSV file, guessed from its first lines by :func:`guess_delimiter`.

    Title rows above the header rarely hold a delimiter, so the first lines are taken
    together (up to 20 lines or 64 KiB). A file that cannot be decoded gives ``,`` (reading
    it then reports the decoding problem with its row).
    """
    try:
        with path.open(encoding=encoding, newline="") as text:
            sample = text.read(_SNIFF)
    except (OSError, UnicodeDecodeError):
        return ","
    return guess_delimiter("\n".join(sample.splitlines()[:20]))


def _rows(path: Path, options: ReadOptions, log: ProblemLog) -> Iterator[tuple[int, list[Cell]]]:
    """``(row number, cells)`` of ``path``; decoding and CSV errors become fatal problems."""
    source = str(path)
    total = path.stat().st_size
    progress: Progress | None = options.progress
    number = 0
    with path.open("rb") as binary:
        text = io.TextIOWrapper(binary, encoding=options.encoding, newline="")
        try:
            first = text.readline()
            delimiter = options.delimiter or guess_delimiter(first)
            lines = itertools.chain((first,) if first else (), text)
            for number, cells in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
                yield number, cells  # type: ignore[misc]  # a new list of str per row
                if progress is not None and number % _EVERY == 0:
                    progress(binary.tell(), total)
        except UnicodeDecodeError:
            log.add(
                TableProblem.at(
                    source,
                    number + 1,
                    gettext("this is not {encoding} text; save the file as 'CSV UTF-8'").format(
                        encoding=options.encoding
                    ),
                    fatal=True,
                )
            )
        except csv.Error as error:
            message = gettext("unreadable CSV: {problem}").format(problem=error)
            log.add(TableProblem.at(source, number + 1, message, fatal=True))
    if progress is not None:
        progress(total, total)


class CsvReader(TableReader):
    """Reads ``.csv`` files in the long or the survey layout (guessed from the header).

    See :mod:`pelayanan._readers.table` for the layouts and
    :class:`~pelayanan._readers.stream.ReadOptions` for the options.
    """

    name = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv")
    options: tuple[str, ...] = (
        *TABLE_OPTIONS,
        "delimiter",
        "encoding",
        "header_row",
        "ignore_columns",
        "profile_columns",
        "decimal",
    )
    rows = staticmethod(_rows)

    def settle(self, path: Path, options: ReadOptions) -> ReadOptions:
        """The options, with the delimiter and the decimal mark settled from the file.

        A ``;`` or tab delimited file is what a spreadsheet set to an Indonesian locale
        writes, with ``,`` as its decimal mark, so there ``3,5`` reads as 3.5.
        """
        if options.delimiter is None and path.is_file():
            options = attrs.evolve(options, delimiter=sniff_delimiter(path, options.encoding))
        if options.decimal is None and options.delimiter not in (None, ","):
            options = attrs.evolve(options, decimal=",")
        return options

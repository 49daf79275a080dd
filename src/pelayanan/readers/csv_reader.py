"""The built-in CSV evidence reader: long and survey layouts, streamed row by row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pelayanan.readers.problems import ProblemLog, TableProblem
from pelayanan.readers.stream import EvidenceStream, Progress, ReadOptions
from pelayanan.readers.table import Cell

__all__ = ["CsvReader", "guess_delimiter"]

_EVERY = 4096
"""Rows between two progress reports."""


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
            lines = _chain(first, text)
            for number, cells in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
                yield number, list(cells)
                if progress is not None and number % _EVERY == 0:
                    progress(binary.tell(), total)
        except UnicodeDecodeError:
            log.add(
                TableProblem.at(
                    source,
                    number + 1,
                    f"this is not {options.encoding} text; save the file as 'CSV UTF-8'",
                    fatal=True,
                )
            )
        except csv.Error as error:
            log.add(TableProblem.at(source, number + 1, f"unreadable CSV: {error}", fatal=True))
    if progress is not None:
        progress(total, total)


def _chain(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    if first:
        yield first
    yield from rest


class CsvReader:
    """Reads ``.csv`` files in the long or the survey layout (guessed from the header).

    See :mod:`pelayanan.readers.table` for the layouts and
    :class:`~pelayanan.readers.stream.ReadOptions` for the options.
    """

    name = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv")
    options: tuple[str, ...] = (
        "rubric",
        "units",
        "columns",
        "unit",
        "layout",
        "skip_bad_rows",
        "max_problems",
        "progress",
        "delimiter",
        "encoding",
    )

    def read(self, path: Path, **options: Any) -> EvidenceStream:
        """A stream over the evidence of ``path`` (nothing is read until it is iterated).

        Raises:
            TypeError: an option this reader does not take.
            FileNotFoundError: ``path`` does not exist.
        """
        chosen = ReadOptions.of(self.name, self.options, options)
        return chosen.stream(path, _rows)

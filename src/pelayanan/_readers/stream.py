"""Options every built-in reader understands, and the stream a reader returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from pelayanan._documents.errors import Problem
from pelayanan._i18n import gettext
from pelayanan._model.evidence import Evidence
from pelayanan._model.problems import PelayananError
from pelayanan._model.rubric import Rubric
from pelayanan._model.survey import Response
from pelayanan._model.units import UnitTree
from pelayanan._readers.problems import ProblemLog
from pelayanan._readers.table import LAYOUTS, Cell, TableContext, read_responses, read_rows

__all__ = [
    "TABLE_OPTIONS",
    "EvidenceStream",
    "Progress",
    "ReadOptions",
    "ReaderUnavailableError",
    "RowSource",
    "TableReader",
]

TABLE_OPTIONS: tuple[str, ...] = (
    "rubric",
    "units",
    "columns",
    "unit",
    "layout",
    "skip_bad_rows",
    "max_problems",
    "progress",
)
"""The options every built-in table reader (CSV, XLSX, Parquet) takes; each adds its own."""

Progress = Callable[[int, int], None]
"""Called now and then with ``(done, total)``, e.g. bytes read and file size."""

RowSource = Callable[[Path, "ReadOptions", ProblemLog], Iterable[tuple[int, Sequence[Cell]]]]
"""Reads the ``(row number, cells)`` pairs of a file, logging what it cannot read."""


class ReaderUnavailableError(PelayananError, RuntimeError):
    """A reader needs an optional package that is not installed (the message says which)."""


def _names(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(name.strip() for name in (str(item) for item in value) if name.strip())


def _columns(value: Mapping[str, str] | None) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"columns: expected a mapping of header to name, got {value!r}")
    return {str(key): str(name) for key, name in value.items()}


@attrs.frozen(kw_only=True)
class ReadOptions:
    """The options of the built-in CSV and XLSX readers (all optional).

    Attributes:
        rubric: check indicator ids and values against this rubric, row by row.
        units: check unit ids against this unit tree, row by row.
        columns: rename header cells (``{"U1": "persyaratan", "Nilai": "value"}``).
        unit: the unit of a survey file without a ``unit`` column (default: the file name
            without its suffix).
        layout: ``"auto"`` (default), ``"long"`` or ``"survey"``.
        skip_bad_rows: score the good rows of a file with bad rows (the bad ones are still
            listed in :attr:`EvidenceStream.problems`); problems with the header are never
            skipped.
        max_problems: keep at most this many problems in memory (0: all); the count is exact.
        progress: called with ``(done, total)`` while reading.
        delimiter: the CSV delimiter (default: guessed from the header among ``, ; tab``).
        encoding: the CSV encoding (default ``utf-8-sig``, which also reads plain UTF-8).
        sheet: the worksheet to read from a workbook (default: the first).
        header_row: the row number of the header, for files with title rows above it
            (default: the first row, refused with a suggestion when it looks like a title).
        ignore_columns: header names of survey columns to leave out (a list, or one string
            with names separated by commas).
        profile_columns: header names of survey columns to keep as respondent attributes,
            besides the recognised profile columns (jenis kelamin, usia, ...).
        decimal: the CSV decimal mark, ``"."`` or ``","`` (default: ``","`` when the file is
            delimited by ``;`` or tab, else ``"."``).
    """

    rubric: Rubric | None = None
    units: UnitTree | None = None
    columns: dict[str, str] = attrs.field(factory=dict, converter=_columns)
    unit: str | None = None
    layout: str = attrs.field(default="auto", validator=attrs.validators.in_(LAYOUTS))
    skip_bad_rows: bool = False
    max_problems: int = attrs.field(default=1000, validator=attrs.validators.ge(0))
    progress: Progress | None = None
    delimiter: str | None = None
    encoding: str = "utf-8-sig"
    sheet: str | None = None
    header_row: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(1))
    )
    ignore_columns: tuple[str, ...] = attrs.field(default=(), converter=_names)
    profile_columns: tuple[str, ...] = attrs.field(default=(), converter=_names)
    decimal: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_((".", ",")))
    )

    @classmethod
    def of(cls, reader: str, allowed: tuple[str, ...], given: Mapping[str, Any]) -> ReadOptions:
        """Options from keyword arguments, refusing names ``reader`` does not take.

        Raises:
            TypeError: an unknown option name or a wrong type.
            ValueError: a bad option value.
        """
        unknown = sorted(set(given) - set(allowed))
        if unknown:
            raise TypeError(
                gettext(
                    "the {reader} reader does not take the option(s) {unknown}; it takes {allowed}"
                ).format(reader=reader, unknown=", ".join(unknown), allowed=", ".join(allowed))
            )
        return cls(**given)

    def context(self, path: Path, log: ProblemLog) -> TableContext:
        """The table context for reading ``path``."""
        return TableContext(
            source=str(path),
            log=log,
            rubric=self.rubric,
            units=self.units,
            columns=self.columns,
            unit=self.unit,
            fallback_unit=path.stem.strip() or None,
            decimal_comma=self.decimal == ",",
            header_row=self.header_row,
            ignore=self.ignore_columns,
            profile=self.profile_columns,
        )

    def stream(self, path: Path, rows: RowSource) -> EvidenceStream:
        """A stream over the evidence of ``path``, whose rows ``rows(path, self, log)`` reads
        (nothing is read until the stream is iterated).

        Raises:
            FileNotFoundError: ``path`` does not exist.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(gettext("no such evidence file: {file}").format(file=path))

        def produce(log: ProblemLog) -> Iterator[Evidence]:
            context = self.context(path, log)
            return read_rows(context, rows(path, self, log), self.layout)

        return EvidenceStream(
            str(path),
            produce,
            skip_bad_rows=self.skip_bad_rows,
            max_problems=self.max_problems,
        )

    def responses(self, path: Path, rows: RowSource) -> tuple[list[Response], ProblemLog]:
        """Every respondent of the survey table ``path`` (read now), and the log of its
        problems and warnings.

        Raises:
            FileNotFoundError: ``path`` does not exist.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(gettext("no such survey file: {file}").format(file=path))
        log = ProblemLog(self.max_problems)
        context = self.context(path, log)
        return list(read_responses(context, rows(path, self, log))), log


class EvidenceStream:
    """The evidence of one file, read lazily and only once.

    Iterating reads the file row by row. When the file had problems, the iteration ends by
    raising :class:`~pelayanan._readers.problems.BadRowsError` listing them, unless
    ``skip_bad_rows`` was asked for and none of them concerns the header; so anything that
    consumes the stream (such as :func:`pelayanan._scoring.score`) fails instead of scoring a
    partial file by accident.
    """

    def __init__(
        self,
        source: str,
        produce: Callable[[ProblemLog], Iterator[Evidence]],
        *,
        skip_bad_rows: bool = False,
        max_problems: int = 1000,
    ) -> None:
        self.source = source
        self.skip_bad_rows = skip_bad_rows
        self.log = ProblemLog(max_problems)
        self.evidence_count = 0
        self._produce = produce
        self._used = False

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems found so far (complete once the iteration has ended)."""
        return tuple(self.log.problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Warnings about rows that were read (short rows, unanswered questions); complete
        once the iteration has ended."""
        return tuple(self.log.warnings)

    @property
    def problem_count(self) -> int:
        """How many problems were found, including any beyond the kept ones."""
        return self.log.count

    @property
    def bad_rows(self) -> int:
        """How many rows were left out because of a problem."""
        return self.log.bad_rows

    def __iter__(self) -> Iterator[Evidence]:
        """Read the file; raises at the end when it had problems (see the class)."""
        if self._used:
            raise RuntimeError(f"the evidence of {self.source} can be read only once")
        self._used = True
        count = 0
        for item in self._produce(self.log):
            count += 1
            yield item
        self.evidence_count = count
        if self.log.count and (self.log.fatal or not self.skip_bad_rows):
            raise self.log.error()


class TableReader:
    """What the built-in table readers (CSV, XLSX, Parquet) share: :meth:`read` and
    :meth:`read_responses` over the ``(row number, cells)`` pairs their ``rows`` reads."""

    name: str
    suffixes: tuple[str, ...]
    options: tuple[str, ...]
    rows: RowSource

    def settle(self, path: Path, options: ReadOptions) -> ReadOptions:
        """The options to read ``path`` with (as given; the CSV reader guesses more)."""
        return options

    def read(self, path: Path, **options: Any) -> EvidenceStream:
        """A stream over the evidence of ``path`` (nothing is read until it is iterated).

        Raises:
            ReaderUnavailableError: the reader needs an optional package not installed.
            TypeError: an option this reader does not take.
            FileNotFoundError: ``path`` does not exist.
        """
        chosen = ReadOptions.of(self.name, self.options, options)
        return self.settle(Path(path), chosen).stream(path, self.rows)

    def read_responses(self, path: Path, **options: Any) -> tuple[list[Response], ProblemLog]:
        """Every respondent of the survey table ``path`` with its attributes (read now), and
        the log of problems and warnings.

        Raises:
            ReaderUnavailableError: the reader needs an optional package not installed.
            TypeError: an option this reader does not take.
            FileNotFoundError: ``path`` does not exist.
        """
        chosen = ReadOptions.of(self.name, self.options, options)
        return self.settle(Path(path), chosen).responses(path, self.rows)

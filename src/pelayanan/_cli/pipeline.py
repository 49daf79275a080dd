"""Scoring from the command line: the shared options, reading evidence, and scoring it.

Evidence files are read through the evidence readers the plugins provide (the built-in CSV,
XLSX and Parquet readers among them), chosen by ``--reader`` or by file suffix. ``score``
reduces the built-in tables with the engine ``--engine`` picks and finishes them as
:func:`pelayanan._batch.assess_files` does; other files (evidence documents, plugins'
readers) are read in Python and merged before finishing. ``explain`` and ``calibrate`` read
every item (:meth:`EvidenceFeed.evidence`). Every bad row of every file is reported, and
nothing is scored from files with bad rows unless ``--skip-bad-rows``.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from pelayanan._batch import assessed, merged
from pelayanan._batch.engines import (
    ENGINES,
    TableRead,
    choose_engine,
    expand_paths,
    reduce_paths,
    speculated,
)
from pelayanan._cli.common import CliError, Console, UsageError, add_lang, choose_lang, parse_pairs
from pelayanan._cli.progress import ProgressBar
from pelayanan._cli.sources import (
    cli_registry,
    load_units,
    resolve,
    rubric_ref,
    scheme_for,
)
from pelayanan._documents import api
from pelayanan._documents.errors import DocumentError, Problem
from pelayanan._i18n import decimal_text, gettext, ngettext
from pelayanan._i18n import gettext as _
from pelayanan._model.evidence import Evidence
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.records import EvidenceRecord, recording
from pelayanan._model.results import Assessment
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._readers import (
    BadRowsError,
    ReaderUnavailableError,
    TableProblem,
    builtin_readers,
)
from pelayanan._readers.stream import ReadOptions
from pelayanan._readers.table import LAYOUTS
from pelayanan._scoring import ScoringError
from pelayanan._scoring.engine import Prepared, prepare, reduce
from pelayanan._scoring.stats import Reduction
from pelayanan.plugins import DocumentEvidenceReader, EvidenceReader, Registry
from pelayanan.plugins._readers import RowReport
from pelayanan.plugins._registry import NotFoundError

__all__ = [
    "EvidenceFeed",
    "Setup",
    "add_scoring_options",
    "reading_options",
    "score_files",
    "setup",
]


def add_scoring_options(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """The options that say what to score: rubric, parameters, overlays, evidence, units."""
    group = parser.add_argument_group("scoring")
    group.add_argument(
        "--rubric",
        required=required,
        metavar="ID[@VERSION]|FILE",
        help="rubric id from the registry (see 'pelayanan rubrics list') or a rubric file",
    )
    group.add_argument(
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="a rubric parameter choice, e.g. weight=0.11 or weight=0,11 (repeatable)",
    )
    group.add_argument(
        "--overlay", action="append", default=[], metavar="FILE", help="tailor the rubric"
    )
    group.add_argument(
        "--scheme", metavar="ID[@VERSION]|FILE", help="zone scheme (default: the rubric's)"
    )
    group.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="FILE",
        help="evidence file: .csv, .tsv, .xlsx, .parquet, .yaml or .json, or a directory of "
        "tables (repeatable)",
    )
    group.add_argument("--units", metavar="FILE", help="units file (.csv, .yaml or .json)")
    group.add_argument(
        "--missing", choices=[p.value for p in MissingPolicy], help="override the missing policy"
    )
    group.add_argument("--assessed-on", metavar="DATE", help="date recorded in the result")
    reading = parser.add_argument_group("reading evidence")
    reading.add_argument("--reader", metavar="NAME", help="evidence reader (default: by suffix)")
    reading.add_argument(
        "--columns",
        action="append",
        metavar="HEADER=NAME,...",
        help="rename columns, e.g. U1=persyaratan,U2=prosedur (repeatable)",
    )
    reading.add_argument(
        "--survey-unit", metavar="ID", help="the unit of a survey file without a unit column"
    )
    reading.add_argument("--layout", choices=LAYOUTS, help="table layout")
    reading.add_argument("--sheet", metavar="NAME", help="worksheet of an .xlsx file")
    reading.add_argument("--delimiter", metavar="CHAR", help="CSV delimiter (default: guessed)")
    reading.add_argument(
        "--decimal",
        choices=(".", ","),
        help="CSV decimal mark (default: ',' when the file is delimited by ';' or tab)",
    )
    reading.add_argument(
        "--header-row",
        type=int,
        metavar="N",
        help="the row number of the header, for files with title rows above it",
    )
    reading.add_argument(
        "--ignore-columns",
        action="append",
        metavar="HEADER,...",
        help="survey columns to leave out, by header (repeatable)",
    )
    reading.add_argument(
        "--profile-columns",
        action="append",
        metavar="HEADER,...",
        help="survey columns to keep as respondent attributes besides the recognised "
        "profile columns (jenis kelamin, usia, pendidikan, pekerjaan, jenis layanan)",
    )
    reading.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="score the good rows of files with bad rows (the bad rows are still listed)",
    )
    reading.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="how tables are reduced: python, duckdb, dask, or auto (duckdb for CSV/TSV/"
        "Parquet inputs of 8 MB or more when DuckDB is installed, else python)",
    )
    reading.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running Dask scheduler (default: start a local cluster)",
    )
    reading.add_argument(
        "--max-problems",
        type=int,
        default=1000,
        metavar="N",
        help="list at most N problems per file (0: all; default 1000)",
    )
    add_lang(parser)


@attrs.frozen
class Setup:
    """The resolved rubric, its zone scheme, the unit tree and the language of labels."""

    registry: Registry
    rubric: Rubric
    scheme: ZoneScheme | None
    units: UnitTree | None
    lang: str
    args: argparse.Namespace


def setup(args: argparse.Namespace, console: Console) -> Setup:
    """Load and resolve everything the scoring options name (evidence is read later)."""
    registry = cli_registry(console)
    base = rubric_ref(args.rubric, registry)
    parameters = {
        name: decimal_text(value) for name, value in parse_pairs(args.param, "--param").items()
    }
    rubric = resolve(base, args.overlay, parameters)
    scheme = scheme_for(rubric, args.scheme, registry)
    units = load_units(args.units)
    lang = choose_lang(args.lang, rubric.metadata.language)
    return Setup(registry, rubric, scheme, units, lang, args)


def _reader(path: Path, name: str | None, registry: Registry) -> EvidenceReader:
    readers: dict[str, EvidenceReader] = {r.name: r for r in builtin_readers()}
    readers.update(registry.evidence_readers())
    if name is not None:
        if name not in readers:
            raise UsageError(
                gettext("unknown reader '{name}'; known: {known}").format(
                    name=name, known=", ".join(sorted(readers))
                )
            )
        return readers[name]
    try:
        return registry.reader_for(path)
    except NotFoundError:
        suffix = path.suffix.lower()
        for reader in readers.values():
            if suffix in reader.suffixes:
                return reader
        known = sorted({s for r in readers.values() for s in r.suffixes})
        what = suffix or gettext("files without a suffix")
        raise CliError(
            gettext(
                "{file}: no evidence reader reads {suffix}; known suffixes: {known} "
                "(or name one with --reader)"
            ).format(file=path, suffix=what, known=", ".join(known))
        ) from None


def reading_options(args: argparse.Namespace) -> dict[str, Any]:
    """The reader options the command line's reading options ask for."""
    options: dict[str, Any] = {}
    columns = parse_pairs(args.columns, "--columns")
    if columns:
        options["columns"] = columns
    for option, key in (
        ("survey_unit", "unit"),
        ("layout", "layout"),
        ("sheet", "sheet"),
        ("delimiter", "delimiter"),
        ("decimal", "decimal"),
        ("header_row", "header_row"),
    ):
        value = getattr(args, option, None)
        if value is not None:
            options[key] = value
    for option in ("ignore_columns", "profile_columns"):
        given = getattr(args, option, None)
        if given:
            options[option] = [name for value in given for name in value.split(",")]
    return options


class EvidenceFeed:
    """The evidence files of a command, each with its reader (evidence documents are loaded
    at once), read lazily once.

    Problems of each file are collected as the files are read: when any file had problems
    (that ``--skip-bad-rows`` does not cover), the command fails with :meth:`fail`, listing
    all of them, instead of using part of the evidence.
    """

    def __init__(self, setup: Setup, files: Sequence[str], console: Console) -> None:
        if not files:
            raise UsageError(gettext("give the evidence with --evidence FILE"))
        self.setup = setup
        self.console = console
        self.failures: list[DocumentError] = []
        self.skipped: list[Problem] = []
        self.skipped_total = 0
        self.documents: dict[str, tuple[Evidence, ...]] = {}
        self.sources: list[tuple[Path, EvidenceReader]] = []
        self.units = setup.units
        """The ``--units``, else those of the first evidence document that has them."""
        for path in expand_paths(files):
            if not path.is_file():
                raise CliError(gettext("no such evidence file: {file}").format(file=path))
            reader = _reader(path, setup.args.reader, setup.registry)
            self.sources.append((path, reader))
            if isinstance(reader, DocumentEvidenceReader):
                self._load_document(path)

    def _load_document(self, path: Path) -> None:
        try:
            found = api.load_evidence(str(path), rubric=self.setup.rubric)
        except DocumentError as error:
            self.failures.append(error)
            return
        self.documents[str(path)] = found.evidence
        if self.units is None:
            self.units = found.units

    def _stream(
        self, path: Path, reader: EvidenceReader
    ) -> tuple[Iterable[Evidence], ProgressBar | None]:
        if isinstance(reader, DocumentEvidenceReader):
            return self.documents.get(str(path), ()), None
        args = self.setup.args
        options = reading_options(args)
        bar = ProgressBar(self.console.err, path.name, enabled=self.console.err_is_tty)
        context: dict[str, Any] = {
            "rubric": self.setup.rubric,
            "units": self.units,
            "skip_bad_rows": args.skip_bad_rows,
            "max_problems": args.max_problems,
            "progress": bar,
        }
        options.update({k: v for k, v in context.items() if k in reader.options})
        try:
            return reader.read(path, **options), bar
        except ReaderUnavailableError as error:
            raise CliError(f"{path}: {error}") from None
        except (TypeError, ValueError) as error:
            raise UsageError(
                gettext("{file}: the {reader} reader: {problem}").format(
                    file=path, reader=reader.name, problem=error
                )
            ) from None

    def evidence(self) -> Iterator[Evidence]:
        """Every item of every file; at the end, :meth:`fail` if any file had problems, else
        the rows ``--skip-bad-rows`` left out are listed."""
        for path, reader in self.sources:
            yield from self.items_of(path, reader)
        if self.failures:
            raise self.fail()
        self.warn_skipped()

    def items_of(self, path: Path, reader: EvidenceReader) -> Iterator[Evidence]:
        """The items of one file; its problems are collected, not raised."""
        stream, bar = self._stream(path, reader)
        failure = None
        try:
            yield from stream
        except DocumentError as error:
            failure = error
        except ReaderUnavailableError as error:
            raise CliError(f"{path}: {error}") from None
        finally:
            if bar is not None:
                bar.close()
        if isinstance(stream, RowReport):
            self.take(stream.warnings, stream.problems, stream.problem_count, failure)
        elif failure is not None:
            self.failures.append(failure)

    def take(
        self,
        warnings: Sequence[Problem],
        problems: Sequence[Problem],
        count: int,
        failure: DocumentError | None,
    ) -> None:
        """What reading one file found: its warnings are printed, and its problems are a
        failure or, under ``--skip-bad-rows``, rows left out."""
        for warning in warnings:
            self.console.warn(gettext("warning: {warning}").format(warning=warning))
        if failure is not None:
            self.failures.append(failure)
        elif problems and self.setup.args.skip_bad_rows:
            self.skipped.extend(problems)
            self.skipped_total += count

    def fail(self) -> CliError:
        """The error listing every file's problems."""
        lines = [str(failure) for failure in self.failures]
        rows_only = all(
            isinstance(problem, TableProblem) and not problem.fatal
            for failure in self.failures
            for problem in failure.problems
        )
        hint = (
            gettext(
                "nothing was scored: correct the problems above, or score the good rows only "
                "with --skip-bad-rows"
            )
            if rows_only
            else gettext("nothing was scored: correct the problems above")
        )
        if any(isinstance(f, BadRowsError) and f.total > len(f.problems) for f in self.failures):
            hint += "\n" + gettext(
                "(only the first problems of a file are listed; --max-problems 0 lists all)"
            )
        return CliError("\n".join([*lines, hint]))

    def warn_skipped(self) -> None:
        """List the rows left out under ``--skip-bad-rows`` on standard error."""
        if not self.skipped_total:
            return
        count = self.skipped_total
        self.console.warn(
            ngettext(
                "warning: {count} problem; this row was skipped:",
                "warning: {count} problems; these rows were skipped:",
                count,
            ).format(count=count)
        )
        for problem in self.skipped:
            self.console.warn(f"  {problem}")
        hidden = self.skipped_total - len(self.skipped)
        if hidden:
            self.console.warn("  " + gettext("... and {count} more").format(count=hidden))


_TABLE_READERS = ("csv", "xlsx", "parquet")


def _is_table(reader: EvidenceReader) -> bool:
    return (
        type(reader).__module__.startswith("pelayanan._readers") and reader.name in _TABLE_READERS
    )


def _read_tables(
    feed: EvidenceFeed, prepared: Prepared, bar: Callable[[Path], ProgressBar]
) -> tuple[str, list[TableRead]]:
    """The engine ``--engine`` picks and its reads of every table, as ``assess_files``
    reads them; the duckdb engine's reads may come back with their checks still running
    (see :func:`_assessed`)."""
    args = feed.setup.args
    tables = [path for path, reader in feed.sources if _is_table(reader)]
    try:
        engine = choose_engine(getattr(args, "engine", "auto") or "auto", tables)
    except ValueError as error:
        raise UsageError(str(error)) from None
    options = ReadOptions(
        rubric=prepared.rubric,
        units=feed.units,
        skip_bad_rows=args.skip_bad_rows,
        max_problems=args.max_problems,
        **reading_options(args),
    )
    scheduler = getattr(args, "scheduler", None)
    with _engine_errors(engine):
        reads = reduce_paths(
            tables, options, engine, scheduler=scheduler, speculate=True, progress=bar
        )
    return engine, reads


@contextlib.contextmanager
def _engine_errors(engine: str) -> Iterator[None]:
    """An engine's failure to read (not a bad row) as a :class:`CliError`."""
    try:
        yield
    except (ImportError, OSError) as error:
        raise CliError(
            gettext("the {engine} engine: {problem}").format(engine=engine, problem=error)
        ) from None


_Outcome = Assessment | Exception | None
"""What finishing gave: the assessment, the scoring error, or ``None`` when a file failed."""


def _assessed(feed: EvidenceFeed, prepared: Prepared, day: str | None) -> _Outcome:
    """Reduce every file (tables with the chosen engine, other readers' evidence in Python),
    merge the statistics and finish them as :func:`pelayanan._batch.assess_files` does:
    while the duckdb engine's checks run (:func:`~pelayanan._batch.engines.speculated`).
    The assessment, the scoring error, or ``None`` when a file failed; the tables' problems
    and warnings go to ``feed`` once the reads stand."""
    skip = feed.setup.args.skip_bad_rows
    others: dict[str, tuple[Reduction, list[EvidenceRecord]]] = {}
    bars: list[ProgressBar] = []

    def bar(path: Path) -> ProgressBar:
        if bars:  # the last file's bar goes before the next is drawn
            bars[-1].close()
        bars.append(ProgressBar(feed.console.err, path.name, enabled=feed.console.err_is_tty))
        return bars[-1]

    def failure(read: TableRead) -> DocumentError | None:
        return read.log.error() if read.log.count and (read.log.fatal or not skip) else None

    def finished(reads: Sequence[TableRead]) -> tuple[Sequence[TableRead], _Outcome]:
        if feed.failures or any(failure(read) for read in reads):
            return reads, None
        by_path = {read.source: read for read in reads}
        parts: list[Reduction] = []
        records: list[EvidenceRecord] = []
        for path, _reader in feed.sources:
            read = by_path.get(str(path))
            reduction, own = others[str(path)] if read is None else (read.reduction, read.records)
            parts.append(reduction)
            records.extend(own)
        try:
            return reads, assessed(prepared, feed.units, merged(parts), records, assessed_on=day)
        except (ScoringError, ValueError) as error:
            return reads, error

    try:
        engine, reads = _read_tables(feed, prepared, bar)
        if bars:
            bars[-1].close()
        tables = {read.source for read in reads}
        for path, reader in feed.sources:
            if str(path) not in tables:
                own: list[EvidenceRecord] = []
                items = recording(feed.items_of(path, reader), own)
                others[str(path)] = (reduce(prepared.rubric, items, feed.units), own)
        with _engine_errors(engine):
            settled, outcome = speculated(reads, finished)
    finally:
        for drawn in bars:  # a file read again drew its bar again
            drawn.close()
    by_path = {read.source: read for read in settled}
    for path, _reader in feed.sources:
        if (read := by_path.get(str(path))) is not None:
            log = read.log
            feed.take(log.warnings, log.problems, log.count, failure(read))
    return outcome


def score_files(setup: Setup, files: Sequence[str], console: Console) -> Assessment:
    """Score the evidence in ``files`` with everything ``setup`` holds.

    Tables (CSV, TSV, XLSX, Parquet) are reduced by the engine ``--engine`` names; evidence
    documents and other readers' files are reduced in Python; the statistics are merged and
    finished once.

    Raises:
        CliError: bad rows or documents (every problem listed), or a scoring problem.
    """
    feed = EvidenceFeed(setup, files, console)
    try:
        prepared = prepare(
            setup.rubric,
            missing=setup.args.missing,
            zone_scheme=setup.scheme,
            models=setup.registry.scoring_models(),
        )
        outcome = _assessed(feed, prepared, setup.args.assessed_on)
    except DocumentError as error:
        if not feed.failures:
            raise CliError(str(error)) from None
        outcome = error
    except ValueError as error:  # a ScoringError too
        outcome = error
    if feed.failures:
        raise feed.fail() from None
    if isinstance(outcome, ScoringError):
        hint = ""
        if any(problem.missing for problem in outcome.problems):
            hint = "\n" + gettext(
                "score anyway with --missing zero (score it at the bottom of its scale) or "
                "--missing exclude (leave it out; the others re-normalise)"
            )
        raise CliError(f"{outcome}{hint}") from None
    if not isinstance(outcome, Assessment):
        raise CliError(str(outcome)) from None
    feed.warn_skipped()
    if not outcome.cards:
        raise CliError(
            _(
                "{files}: no evidence rows, so no unit was scored (a header only?); give the "
                "units with --units to score them as missing"
            ).format(files=", ".join(files))
        )
    return outcome

"""Choosing an engine and reducing files and tables with it.

Every engine produces, per input, a :class:`TableRead`: the
:class:`~pelayanan._scoring.stats.Reduction` of its evidence and the log of its problems
(worded by the readers' row checker, whichever engine ran). The caller merges the
reductions and finishes them (:func:`pelayanan._scoring.finish`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from pelayanan._model.records import EvidenceRecord
from pelayanan._model.rubric import Rubric
from pelayanan._readers.cells import Cell
from pelayanan._readers.csv_reader import CsvReader
from pelayanan._readers.csv_reader import _rows as csv_rows
from pelayanan._readers.parquet_reader import parquet_rows
from pelayanan._readers.problems import ProblemLog
from pelayanan._readers.stream import Progress, ReadOptions, RowSource
from pelayanan._readers.xlsx_reader import _rows as xlsx_rows
from pelayanan._scoring.stats import Reduction

__all__ = [
    "AUTO_THRESHOLD",
    "ENGINES",
    "Pending",
    "TableRead",
    "check_engine",
    "choose_engine",
    "expand_paths",
    "reduce_paths",
    "reduce_table",
    "settle",
    "speculated",
]

T = TypeVar("T")

ENGINES = ("auto", "python", "duckdb", "dask")
"""The engine names ``engine=`` and ``--engine`` take."""

AUTO_THRESHOLD = 8 * 1024 * 1024
"""``auto`` picks ``duckdb`` (when installed) from this many bytes of CSV/TSV/Parquet."""

_ROWS: dict[str, RowSource] = {
    ".csv": csv_rows,
    ".tsv": csv_rows,
    ".xlsx": xlsx_rows,
    ".parquet": parquet_rows,
}
_DUCKDB_SUFFIXES = (".csv", ".tsv", ".parquet")


@attrs.frozen
class TableRead:
    """What reducing one file or table gave: its statistics and its problems.

    Attributes:
        source: the file name (or table name) problems are reported under.
        reduction: the statistics of its good rows.
        log: every problem found; the file should be scored only when the log is empty,
            or when it holds only row problems and bad rows may be skipped.
        engine: the engine that read it (``duckdb`` hands irregular files to ``python``).
        records: the notes and references its evidence carried (see
            :func:`~pelayanan._model.records.recording`).
        pending: checks still running that the reduction may be used only after (only
            when the caller asked to speculate; see :func:`settle`).
    """

    source: str
    reduction: Reduction
    log: ProblemLog
    engine: str
    records: tuple[EvidenceRecord, ...] = ()
    pending: Pending | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(eq=False)
class Pending:
    """The ``duckdb`` engine's checks of a reduction, still running in the background, and
    how to read its files again should they fail (the next step: in the end the python
    engine, which words every problem). Reads of a Parquet set share one."""

    checks: Any
    """A :class:`pelayanan._batch._duckdb.Checks`."""
    redo: Callable[[], list[TableRead]]


def settle(reads: Sequence[TableRead]) -> tuple[list[TableRead], bool]:
    """The reads once their pending checks are done, and whether any was read again: a
    read whose checks passed is kept (without them), the others are read again."""
    settled: list[TableRead] = []
    passed: dict[int, bool] = {}
    redone = False
    for read in reads:
        pending = read.pending
        if pending is None:
            settled.append(read)
            continue
        key = id(pending)
        if key not in passed:
            passed[key] = pending.checks.passed()
            if not passed[key]:
                settled.extend(pending.redo())
                redone = True
        if passed[key]:
            settled.append(attrs.evolve(read, pending=None))
    return settled, redone


def speculated(reads: Sequence[TableRead], finished: Callable[[Sequence[TableRead]], T]) -> T:
    """``finished(reads)``, computed while the duckdb engine's checks of some reads still
    run in the background: that result is used only if they pass; otherwise (or if
    finishing raised) the inputs they refused are read again (:func:`settle`) and
    ``finished`` is called once more, on the reads that stand. ``finished`` must leave no
    trace but its result, as it may be called twice."""
    if not any(read.pending for read in reads):
        return finished(reads)
    try:
        result = finished(reads)
    except Exception:  # refused input may be the cause: finish what stands
        return finished(settle(reads)[0])
    except BaseException:  # interrupted: stop the checks too
        for read in reads:
            if read.pending is not None:
                read.pending.checks.cancel()
        raise
    settled, redone = settle(reads)
    return finished(settled) if redone else result


def installed(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; a directory stands for its CSV/TSV/Parquet/XLSX files, sorted."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _ROWS)
            )
        else:
            found.append(path)
    return found


def check_engine(engine: str) -> None:
    """Refuse a name that is none of :data:`ENGINES` (a wrong call: Python's ValueError)."""
    if engine not in ENGINES:
        raise ValueError(f"engine: expected one of {', '.join(ENGINES)}, got {engine!r}")


def choose_engine(engine: str, paths: Sequence[Path] = (), *, rows: int | None = None) -> str:
    """The engine to use: ``auto`` becomes ``duckdb`` when DuckDB is installed and the input
    is large (:data:`AUTO_THRESHOLD` bytes of CSV/TSV/Parquet files, or a table of 100,000
    rows or more), else ``python``.

    Raises:
        ValueError: an unknown engine name, or an engine whose package is missing.
    """
    check_engine(engine)
    if engine == "auto":
        if not installed("duckdb"):
            return "python"
        size = sum(
            p.stat().st_size for p in paths if p.suffix.lower() in _DUCKDB_SUFFIXES and p.is_file()
        )
        large = size >= AUTO_THRESHOLD or (rows is not None and rows >= 100_000)
        return "duckdb" if large else "python"
    needs = {"duckdb": ("duckdb", "duckdb"), "dask": ("distributed", "dask")}
    if engine in needs:
        module, extra = needs[engine]
        if not installed(module):
            raise ValueError(
                f"the {engine} engine needs {module}: pip install 'pelayanan[{extra}]'"
            )
    return engine


def reduce_path(
    path: Path,
    options: ReadOptions,
    engine: str,
    *,
    speculate: bool = False,
    typed_csv: bool = True,
) -> TableRead:
    """Reduce one file with ``python`` or ``duckdb`` (``duckdb`` falls back to ``python`` for
    XLSX files and for files its fast query cannot vouch for).

    With ``speculate``, the ``duckdb`` engine's checks may still be running when the read
    is returned (:attr:`TableRead.pending`; see :func:`settle`); else they are done.
    ``typed_csv=False`` skips the typed CSV query (its checks failed).
    """
    from pelayanan._batch._python import reduce_rows

    rubric = options.rubric
    assert rubric is not None, "engines read against a rubric"
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        options = CsvReader().settle(path, options)  # the delimiter and decimal mark
    if engine == "duckdb" and suffix in _DUCKDB_SUFFIXES:
        done = _duckdb_path(rubric, path, options, speculate=speculate, typed_csv=typed_csv)
        if done is not None:
            return done
    rows = _ROWS.get(suffix, csv_rows)
    log = ProblemLog(options.max_problems)
    context = options.context(path, log)
    records: list[EvidenceRecord] = []
    reduction = reduce_rows(
        rubric,
        options.units,
        context,
        rows(path, options, log),
        options.layout,
        text=rows is csv_rows,
        records=records,
    )
    return TableRead(str(path), reduction, log, "python", tuple(records))


def _checked(
    source: str,
    log: ProblemLog,
    reduced: tuple[Reduction, Any],
    speculate: bool,
    redo: Callable[[], list[TableRead]],
) -> TableRead:
    """A ``duckdb`` read (``reduced``: the reduction and its checks, if any still run):
    with checks, either handed on with them (when speculating) or once they passed (else
    :class:`~pelayanan._batch._duckdb.Irregular`)."""
    reduction, checks = reduced
    if checks is not None and not speculate:
        checks.wait()
        checks = None
    pending = None if checks is None else Pending(checks, redo)
    return TableRead(source, reduction, log, "duckdb", pending=pending)


def _duckdb_path(
    rubric: Rubric, path: Path, options: ReadOptions, *, speculate: bool, typed_csv: bool
) -> TableRead | None:
    from pelayanan._batch import _duckdb

    if options.encoding.lower().replace("_", "-") not in ("utf-8", "utf-8-sig", "utf8"):
        return None
    if options.header_row is not None or options.decimal == ",":
        return None
    duckdb = _duckdb.load_duckdb()
    log = ProblemLog(options.max_problems)
    context = options.context(path, log)
    try:
        if path.suffix.lower() == ".parquet":
            header, relation = _duckdb.parquet_relation(path)
            typed = _duckdb.column_kinds(relation, len(header))
        else:
            header, delimiter = _duckdb.csv_header(path, options, log)
            if log.count or not header:
                return None
            if typed_csv:  # should its checks fail, the file is read as text
                try:
                    reduced = _duckdb.reduce_csv(
                        rubric, context, header, path, delimiter, options.layout
                    )
                    return _checked(
                        str(path),
                        log,
                        reduced,
                        speculate,
                        lambda: [reduce_path(path, options, "duckdb", typed_csv=False)],
                    )
                except _duckdb.Irregular:
                    log = ProblemLog(options.max_problems)
                    context = options.context(path, log)
            relation = _duckdb.csv_relation(path, len(header), delimiter)
            typed = [None] * len(header)
        reduced = _duckdb.reduce_relation(rubric, context, header, relation, typed, options.layout)
        return _checked(
            str(path), log, reduced, speculate, lambda: [reduce_path(path, options, "python")]
        )
    except (_duckdb.Irregular, duckdb.Error, UnicodeDecodeError, OSError):
        return None


def reduce_paths(
    paths: Sequence[Path],
    options: ReadOptions,
    engine: str,
    *,
    scheduler: str | None = None,
    speculate: bool = False,
    progress: Callable[[Path], Progress] | None = None,
) -> list[TableRead]:
    """Reduce every file with ``engine`` (``dask``: one task per file on the cluster).

    With ``speculate``, reads may come back with checks still running (see
    :func:`settle`, which every caller that speculates must call before trusting them).
    ``progress`` gives each file's progress callback as the file is read (not on ``dask``).
    """
    if engine == "dask":
        from pelayanan._batch._dask import reduce_paths_on_cluster

        return reduce_paths_on_cluster(paths, options, scheduler)

    def of(path: Path) -> ReadOptions:
        return options if progress is None else attrs.evolve(options, progress=progress(path))

    if engine == "duckdb":
        return _duckdb_paths(paths, of, speculate)
    return [reduce_path(path, of(path), engine) for path in paths]


def _duckdb_paths(
    paths: Sequence[Path], of: Callable[[Path], ReadOptions], speculate: bool
) -> list[TableRead]:
    """Consecutive Parquet files are read by one query when they have the same columns
    and nothing irregular (one reduction for the set, as a dataset is meant to be read);
    otherwise each file on its own, so problems name their file.

    When speculating, the checks of one input at most run while the next is read: each
    holds what it checks (a CSV file's scratch table) until it is done.
    """
    reads: list[TableRead] = []
    index = 0
    while index < len(paths):
        for read in reads[:-1]:
            if read.pending is not None:
                read.pending.checks.passed()  # waits
        end = index
        while end < len(paths) and paths[end].suffix.lower() == ".parquet":
            end += 1
        if end - index >= 2:
            group = list(paths[index:end])
            together = _duckdb_parquet_set(group, of(group[0]), speculate)
            if together is not None:
                reads.extend(together)
            else:
                reads.extend(reduce_path(path, of(path), "duckdb") for path in group)
            index = end
        else:
            reads.append(reduce_path(paths[index], of(paths[index]), "duckdb", speculate=speculate))
            index += 1
    return reads


def _duckdb_parquet_set(
    paths: list[Path], options: ReadOptions, speculate: bool
) -> list[TableRead] | None:
    from pelayanan._batch import _duckdb

    rubric = options.rubric
    assert rubric is not None
    duckdb = _duckdb.load_duckdb()
    log = ProblemLog(options.max_problems)
    context = options.context(paths[0], log)
    try:
        headers = {tuple(_duckdb.parquet_relation(path)[0]) for path in paths}
        if len(headers) != 1:
            return None
        header, relation = _duckdb.parquet_relation(paths)
        typed = _duckdb.column_kinds(relation, len(header))
        reduced = _duckdb.reduce_relation(rubric, context, header, relation, typed, options.layout)
        if log.count:
            if reduced[1] is not None:
                reduced[1].cancel()
            return None
        first = _checked(
            str(paths[0]),
            log,
            reduced,
            speculate,
            lambda: [reduce_path(path, options, "duckdb") for path in paths],
        )
    except (_duckdb.Irregular, duckdb.Error, OSError):
        return None
    # The set's statistics stand for its first file; the others add nothing more (and
    # share its pending checks: if they fail, every file of the set is read again).
    return [first] + [
        TableRead(
            str(path),
            Reduction(),
            ProblemLog(options.max_problems),
            "duckdb",
            pending=first.pending,
        )
        for path in paths[1:]
    ]


def reduce_table(
    table: Any,
    options: ReadOptions,
    engine: str,
    *,
    name: str = "table",
    scheduler: str | None = None,
    speculate: bool = False,
) -> list[TableRead]:
    """Reduce an in-memory table: a pandas or dask DataFrame, an Arrow table or a DuckDB
    relation (columns are the header; rows are numbered from 2, as in a spreadsheet).
    ``speculate`` as for :func:`reduce_paths`."""
    if type(table).__module__.startswith("dask"):
        if engine not in ("dask", "auto"):
            table = table.compute()
        else:
            from pelayanan._batch._dask import reduce_dask_frame

            return reduce_dask_frame(table, options, scheduler)
    arrow = to_arrow_table(table)
    if engine == "dask":
        from pelayanan._batch._dask import reduce_arrow_on_cluster

        return reduce_arrow_on_cluster(arrow, options, scheduler, name)
    return [reduce_arrow(arrow, options, engine, name, speculate=speculate)]


def reduce_arrow(
    arrow: Any, options: ReadOptions, engine: str, name: str, *, speculate: bool = False
) -> TableRead:
    """Reduce one Arrow table with ``python`` or ``duckdb`` (``speculate`` as for
    :func:`reduce_path`: the checks' cursor holds the table registered on its own)."""
    from pelayanan._batch._python import reduce_rows

    rubric = options.rubric
    assert rubric is not None
    if engine == "duckdb":
        from pelayanan._batch import _duckdb

        duckdb = _duckdb.load_duckdb()
        log = ProblemLog(options.max_problems)
        context = _context(options, name, log)
        header: list[Cell] = list(arrow.column_names)
        try:
            relation = _duckdb.arrow_relation(arrow)
            typed = _duckdb.column_kinds(relation, len(header))
            reduced = _duckdb.reduce_relation(
                rubric, context, header, relation, typed, options.layout
            )
            return _checked(
                name,
                log,
                reduced,
                speculate,
                lambda: [reduce_arrow(arrow, options, "python", name)],
            )
        except (_duckdb.Irregular, duckdb.Error):
            pass
        finally:
            _duckdb.forget_arrow()
    log = ProblemLog(options.max_problems)
    context = _context(options, name, log)
    records: list[EvidenceRecord] = []
    reduction = reduce_rows(
        rubric, options.units, context, arrow_rows(arrow), options.layout, records=records
    )
    return TableRead(name, reduction, log, "python", tuple(records))


def _context(options: ReadOptions, name: str, log: ProblemLog) -> Any:
    from pelayanan._readers.table import TableContext

    return TableContext(
        source=name,
        log=log,
        rubric=options.rubric,
        units=options.units,
        columns=options.columns,
        unit=options.unit,
        fallback_unit=None,
    )


def arrow_rows(arrow: Any) -> Any:
    """``(row number, cells)`` of an Arrow table: its column names first, as row 1."""
    yield 1, list(arrow.column_names)
    number = 1
    for batch in arrow.to_batches(max_chunksize=65_536):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for cells in zip(*columns, strict=True):
            number += 1
            yield number, list(cells)


def to_arrow_table(table: Any) -> Any:
    """An Arrow table from a pandas DataFrame, an Arrow table or a DuckDB relation.

    Raises:
        TypeError: anything else.
    """
    try:
        pa = importlib.import_module("pyarrow")
    except ImportError:
        raise ImportError("scoring tables needs pyarrow: pip install 'pelayanan[duckdb]'") from None
    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    module = type(table).__module__
    if module.startswith("pandas"):
        return pa.Table.from_pandas(table, preserve_index=False)
    if module.startswith("duckdb") or module.startswith("_duckdb"):
        fetch = getattr(table, "fetch_arrow_table", None) or table.arrow
        result = fetch()
        return result if isinstance(result, pa.Table) else result.read_all()
    raise TypeError(
        "expected a pandas or dask DataFrame, an Arrow table or a DuckDB relation, "
        f"got {type(table).__name__}"
    )

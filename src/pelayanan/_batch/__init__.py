"""Batch scoring: the reduce step run by an engine over files or tables, then finish.

Three engines reduce evidence to the same mergeable statistics
(:mod:`pelayanan._scoring.stats`), and :func:`pelayanan._scoring.finish` scores them:

``python``
    streaming, no extra dependency; a survey row becomes integer additions.
``duckdb``
    one SQL aggregation in embedded DuckDB over CSV, TSV, Parquet or an in-memory table
    (``pip install 'pelayanan[duckdb]'``).
``dask``
    files or partitions reduced on the workers of a Dask cluster and merged on the client
    (``pip install 'pelayanan[dask]'``).

``auto`` picks ``duckdb`` for large inputs when it is installed (see
:func:`~pelayanan._batch.engines.choose_engine`). Problems are worded by the readers' row
checker whatever the engine, so a bad file gives the same messages on every engine.
See the page *Batch scoring*.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from pelayanan._batch.engines import (
    AUTO_THRESHOLD,
    ENGINES,
    TableRead,
    choose_engine,
    expand_paths,
    reduce_paths,
    reduce_table,
    speculated,
)
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.records import EvidenceRecord
from pelayanan._model.results import Assessment, building_results
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import Unit, UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._readers.problems import BadRowsError
from pelayanan._readers.stream import ReadOptions
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import Prepared, finish, prepare
from pelayanan._scoring.stats import Reduction

if TYPE_CHECKING:
    from pelayanan.plugins._registry import Registry

__all__ = [
    "AUTO_THRESHOLD",
    "ENGINES",
    "TableRead",
    "assess_files",
    "assess_table",
    "assessed",
    "check_reads",
    "choose_engine",
    "expand_paths",
    "id_ordered",
    "merged",
    "reduce_paths",
    "reduce_table",
]


def check_reads(reads: Sequence[TableRead], *, skip_bad_rows: bool = False) -> Reduction:
    """The merged reduction of ``reads``.

    Raises:
        BadRowsError: any input had problems (all of them listed), unless ``skip_bad_rows``
            and none of them concerns a file or its header.
    """
    failed = [read for read in reads if read.log.count]
    if failed and (not skip_bad_rows or any(read.log.fatal for read in failed)):
        problems = [problem for read in failed for problem in read.log.problems]
        raise BadRowsError(problems, sum(read.log.count for read in failed))
    return merged(read.reduction for read in reads)


def merged(reductions: Iterable[Reduction]) -> Reduction:
    """The merge of ``reductions``. Empty ones (the other files of a Parquet set read by one
    query) add nothing: with a single one left there is nothing to merge (and nothing else
    holds it to copy for)."""
    parts = [part for part in reductions if part.stats or part.units or part.problems or part.count]
    return parts[0] if len(parts) == 1 else Reduction.merge_all(parts)


def assessed(
    prepared: Prepared,
    tree: UnitTree | None,
    reduction: Reduction,
    records: Sequence[EvidenceRecord] = (),
    *,
    assessed_on: str | None = None,
) -> Assessment:
    """The assessment of a merged ``reduction``: scored on ``tree`` (without one, every unit
    with evidence in id order), keeping the notes and references the inputs carried."""
    with building_results():  # a flat tree of many units: nothing in a cycle
        ordered = id_ordered(tree, reduction)
    assessment = finish(prepared, reduction, ordered, assessed_on=assessed_on)
    return attrs.evolve(assessment, records=tuple(records)) if records else assessment


def _begin(
    rubric: str | Rubric,
    units: UnitTree | Iterable[Unit] | None,
    zone_scheme: str | ZoneScheme | None,
    registry: Registry | None,
    parameters: Mapping[str, str] | None,
    missing: MissingPolicy | str | None,
    read: ReadOptions,
) -> tuple[Prepared, ReadOptions]:
    """The rubric prepared (one given by id, or with a zone scheme by id or a registry,
    through the registry) and ``read`` against it and the unit tree."""
    models: Mapping[str, ScoringModel] | None = None
    if isinstance(rubric, Rubric) and not isinstance(zone_scheme, str) and registry is None:
        chosen, scheme = rubric, zone_scheme
    else:
        from pelayanan.plugins._registry import get_registry

        found = registry if registry is not None else get_registry()
        chosen = found.get_rubric(rubric) if isinstance(rubric, str) else rubric
        wanted = zone_scheme if zone_scheme is not None else chosen.zone_scheme
        scheme = found.get_zone_scheme(wanted) if isinstance(wanted, str) else wanted
        models = found.scoring_models()
    prepared = prepare(
        chosen, parameters=parameters, missing=missing, zone_scheme=scheme, models=models
    )
    tree = units if isinstance(units, UnitTree) or units is None else UnitTree(units)
    return prepared, attrs.evolve(read, rubric=prepared.rubric, units=tree)


def assess_table(
    rubric: str | Rubric,
    table: Any,
    *,
    layout: str = "auto",
    engine: str = "auto",
    units: UnitTree | Iterable[Unit] | None = None,
    parameters: Mapping[str, str] | None = None,
    zone_scheme: str | ZoneScheme | None = None,
    missing: MissingPolicy | str | None = None,
    columns: Mapping[str, str] | None = None,
    unit: str | None = None,
    skip_bad_rows: bool = False,
    max_problems: int = 1000,
    scheduler: str | None = None,
    name: str = "table",
    registry: Registry | None = None,
    assessed_on: str | None = None,
) -> Assessment:
    """Score a table: a pandas DataFrame, an Arrow table, a DuckDB relation or a dask
    DataFrame, in the ``long`` or ``survey`` layout (``auto``: guessed from the columns).

    Its column names are the header; rows are checked like the rows of a CSV file (row 2 is
    the first row of data) and problems name ``name`` (a dask DataFrame's problems name the
    partition). Without ``zone_scheme``, a rubric given by id is classified by its own
    scheme from the registry; a rubric object is classified only with ``zone_scheme``.

    Raises:
        BadRowsError: the table has bad rows (every one listed), unless ``skip_bad_rows``.
        ScoringError: as :func:`pelayanan.score`.
        ValueError: an unknown engine or layout, or an engine whose package is missing.
    """
    read = ReadOptions(
        columns=columns,
        unit=unit,
        layout=layout,
        skip_bad_rows=skip_bad_rows,
        max_problems=max_problems,
    )
    prepared, options = _begin(rubric, units, zone_scheme, registry, parameters, missing, read)
    picked = choose_engine(engine, rows=_row_count(table))
    reads = reduce_table(table, options, picked, name=name, scheduler=scheduler, speculate=True)
    return _finished(prepared, options.units, reads, skip_bad_rows, assessed_on)


def assess_files(
    rubric: str | Rubric,
    paths: Iterable[str | os.PathLike[str]],
    *,
    layout: str = "auto",
    engine: str = "auto",
    units: UnitTree | Iterable[Unit] | None = None,
    parameters: Mapping[str, str] | None = None,
    zone_scheme: str | ZoneScheme | None = None,
    missing: MissingPolicy | str | None = None,
    columns: Mapping[str, str] | None = None,
    unit: str | None = None,
    skip_bad_rows: bool = False,
    max_problems: int = 1000,
    scheduler: str | None = None,
    registry: Registry | None = None,
    assessed_on: str | None = None,
) -> Assessment:
    """Score CSV, TSV, XLSX and Parquet files (a directory stands for the files in it) with
    an engine; the options are those of :func:`assess_table`.

    Raises:
        BadRowsError: a file has problems (every one listed), unless ``skip_bad_rows``.
        FileNotFoundError: a file does not exist.
        ScoringError: as :func:`pelayanan.score`.
    """
    read = ReadOptions(
        columns=columns,
        unit=unit,
        layout=layout,
        skip_bad_rows=skip_bad_rows,
        max_problems=max_problems,
    )
    prepared, options = _begin(rubric, units, zone_scheme, registry, parameters, missing, read)
    files = expand_paths(paths)
    for path in files:
        if not path.is_file():
            raise FileNotFoundError(f"no such evidence file: {path}")
    reads = reduce_paths(
        files, options, choose_engine(engine, files), scheduler=scheduler, speculate=True
    )
    return _finished(prepared, options.units, reads, skip_bad_rows, assessed_on)


def _finished(
    prepared: Prepared,
    tree: UnitTree | None,
    reads: Sequence[TableRead],
    skip_bad_rows: bool,
    assessed_on: str | None,
) -> Assessment:
    """The assessment of ``reads``, finished while the duckdb engine's checks of some reads
    may still run (see :func:`~pelayanan._batch.engines.speculated`)."""

    def finished(reads: Sequence[TableRead]) -> Assessment:
        reduction = check_reads(reads, skip_bad_rows=skip_bad_rows)
        records = [record for read in reads for record in read.records]
        return assessed(prepared, tree, reduction, records, assessed_on=assessed_on)

    return speculated(reads, finished)


def id_ordered(tree: UnitTree | None, reduction: Reduction) -> UnitTree:
    """``tree``, or without one a root per unit with evidence, in id order (engines read
    in no fixed order, so the order of first appearance is not theirs to give)."""
    return tree if tree is not None else UnitTree.flat(sorted(reduction.units))


def _row_count(table: Any) -> int | None:
    for attribute in ("num_rows", "shape"):
        value = getattr(table, attribute, None)
        if isinstance(value, int):
            return value
        if isinstance(value, tuple) and value and isinstance(value[0], int):
            return value[0]
    return None

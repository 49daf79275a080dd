"""The ``duckdb`` engine: the reduce step as one SQL aggregation inside embedded DuckDB.

The header is read and checked by the same code as the ``python`` engine (so a bad header
gives the same problems). Then one ``GROUP BY unit`` query over the file (CSV/TSV read as
text, Parquet, or an Arrow/pandas table) computes, per unit and question, exactly the
statistics the question's ``combine`` rule needs (counts, integer sums, min/max, counts
per level), and in the same pass counts the *irregular* rows: any cell that is not one of
the scale's levels written plainly (``3``, ``ya``), a blank unit, a date or kind column in
use. Values are exact: only plain level texts are mapped to their integer levels in SQL.

When the query finds nothing irregular and every unit is known, its statistics are the
result. Otherwise the file is read again by the ``python`` engine, whose row checker is the
one place that words problems: the messages (file, row, column letter and header, what was
expected) are therefore identical, and with ``skip_bad_rows`` the good rows are scored
exactly as the ``python`` engine scores them. Long-layout tables are grouped by (unit,
indicator, value, flags) in SQL, and each distinct group is checked by the long reader's
own row check.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from pelayanan._model.evidence import Evidence
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import Combine
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.scales import BooleanScale, OrdinalScale
from pelayanan._model.units import UnitTree
from pelayanan._readers.cells import LONG_COLUMNS, RowChecker, cell_text, mapped_headers
from pelayanan._readers.long_layout import _long_row, read_long
from pelayanan._readers.problems import ProblemLog
from pelayanan._readers.stream import ReadOptions
from pelayanan._readers.survey_table import SurveyTable
from pelayanan._readers.table import Cell, TableContext, detect_layout
from pelayanan._scoring.engine import reduce
from pelayanan._scoring.stats import IndicatorStats, Reduction

__all__ = [
    "Irregular",
    "arrow_relation",
    "column_kinds",
    "csv_header",
    "csv_relation",
    "forget_arrow",
    "load_duckdb",
    "parquet_relation",
    "reduce_relation",
]

_TRUE = ("true", "yes", "ya", "ada", "1", "y")
_FALSE = ("false", "no", "tidak", "tidak ada", "0", "n")
_LOCAL = threading.local()


class Irregular(Exception):
    """The fast query cannot vouch for this table; read it with the python engine."""


def load_duckdb() -> Any:
    """The ``duckdb`` module, or :class:`ImportError` saying how to install it."""
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError:
        raise ImportError(
            "the duckdb engine needs DuckDB: pip install 'pelayanan[duckdb]'"
        ) from None
    return duckdb


def connection() -> Any:
    """One in-memory DuckDB connection per thread."""
    con = getattr(_LOCAL, "con", None)
    if con is None:
        con = _LOCAL.con = load_duckdb().connect(":memory:")
    return con


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _name(position: int) -> str:
    return f"c{position}"


def _plain_levels(indicator: Indicator, kind: str | None) -> dict[str, int] | None:
    """Plain SQL literal -> integer level for a scale whose levels are integers, or ``None``
    when the python engine must read the column (numeric scales, non-integer levels, or a
    column typed otherwise than the scale)."""
    scale = indicator.scale
    if kind == "other":
        return None
    if isinstance(scale, BooleanScale):
        if kind == "bool":
            return {"TRUE": 1, "FALSE": 0}
        if kind == "int":
            return {"1": 1, "0": 0}
        words: dict[str, int] = {}
        for group, value in ((_TRUE, 1), (_FALSE, 0)):
            for word in group:
                for form in (word, word.upper(), word.title(), word.capitalize()):
                    words[_quote(form)] = value
        return words
    if isinstance(scale, OrdinalScale):
        if any(level.value.denominator != 1 for level in scale.levels):
            return None
        levels = [int(level.value) for level in scale.levels]
        if kind == "bool":
            return None
        if kind == "int":
            return {str(level): level for level in levels}
        return {_quote(exact_to_str(Fraction(level))): level for level in levels}
    return None


def reduce_relation(
    rubric: Rubric,
    context: TableContext,
    header: Sequence[Cell],
    relation_sql: str,
    typed: Sequence[str | None],
    layout: str,
) -> Reduction:
    """Reduce the table ``relation_sql`` (columns c1..cN, row 1 being ``header``).

    Raises:
        Irregular: when the fast query cannot vouch for the table (see the module).
    """
    chosen = detect_layout(header, context.columns) if layout == "auto" else layout
    if chosen == "long":
        return _reduce_long(rubric, context, header, relation_sql)
    return _reduce_survey(rubric, context, header, relation_sql, typed)


def _reduce_survey(
    rubric: Rubric,
    context: TableContext,
    header: Sequence[Cell],
    relation_sql: str,
    typed: Sequence[str | None],
) -> Reduction:
    # The plain header check runs on a scratch log: anything it does not accept (aliases,
    # respondent attributes, a problem) is the survey reader's to read and to report.
    scratch = attrs.evolve(context, log=ProblemLog(0))
    table = SurveyTable(scratch, header)
    if scratch.log.count or not table.usable or context.header_row is not None:
        raise Irregular("the survey reader reads this header")
    table.context = context
    table.checker.context = context
    where = table.where
    for name in ("kind", "collected_at", "note"):
        if name in where:
            raise Irregular(f"the {name} column is read by the python engine")
    unit_sql = "NULL" if table.unit_col is None else f"CAST({_name(table.unit_col)} AS VARCHAR)"
    selects: list[str] = ["count(*)"]
    respondent = where.get("respondent")
    if respondent is not None:
        # The reader refuses a respondent id repeated within a unit (after stripping): a
        # unit whose ids are not all distinct, or an id with white space (or anything but
        # printable ASCII) at either end, is read by the python engine.
        column = _name(respondent)
        edges = f"CAST({column} AS VARCHAR)"
        selects += [
            f"count({column})",
            f"count(DISTINCT {column})",
            f"count_if(ord(left({edges}, 1)) NOT BETWEEN 33 AND 126 "
            f"OR ord(right({edges}, 1)) NOT BETWEEN 33 AND 126)",
        ]
    plan: list[_Column] = []
    for position, _element, indicator in table.answers:
        assert indicator is not None
        column = _name(position)
        kind = typed[position - 1]
        levels = _plain_levels(indicator, kind)
        if levels is None or indicator.combine is Combine.LATEST:
            raise Irregular(f"{indicator.id}: read by the python engine")
        distinct = sorted(set(levels.values()))
        rule = indicator.combine
        if kind is not None:
            value = f"CAST({column} AS BIGINT)"
            # A typed column holds levels only if its values lie in the levels' range (for
            # contiguous whole levels) or are among them (otherwise).
            contiguous = distinct == list(range(distinct[0], distinct[-1] + 1))
            check = (
                [f"min({value})", f"max({value})"]
                if contiguous
                else [f"count_if(NOT ({column} IS NULL OR {column} IN ({', '.join(levels)})))"]
            )
        else:
            # A text cell that is not a plain level maps to NULL: count(cell) > count(value).
            cases = " ".join(f"WHEN {text} THEN {level}" for text, level in levels.items())
            value = f"(CASE {column} {cases} END)"
            contiguous = False
            check = [f"count({value})"]
        wanted = [f"count({column})", f"sum({value})", *check]
        if rule in (Combine.MIN, Combine.MAX) and not (kind is not None and contiguous):
            wanted += [f"min({value})", f"max({value})"]
        if rule is Combine.MEDIAN:
            wanted += [f"count_if({value} = {level})" for level in distinct]
        selects.extend(wanted)
        plan.append(_Column(indicator, distinct, kind is not None, contiguous))
    query = f"SELECT {unit_sql} AS unit, {', '.join(selects)} FROM {relation_sql} GROUP BY ALL"
    try:
        result: list[tuple[Any, ...]] = connection().execute(query).fetchall()
    except Exception as error:  # a cell DuckDB cannot read as its column's type
        raise Irregular(str(error)) from None
    return _survey_reduction(context, table, plan, result, respondent is not None)


@attrs.frozen
class _Column:
    """How the query reads one answer column (see :func:`_reduce_survey`)."""

    indicator: Indicator
    levels: list[int]
    typed: bool
    contiguous: bool


def _survey_reduction(
    context: TableContext,
    table: SurveyTable,
    plan: list[_Column],
    result: list[tuple[Any, ...]],
    respondents: bool,
) -> Reduction:
    checker = RowChecker(context, [])
    reduction = Reduction()
    rows_by_unit: dict[str, tuple[Any, ...]] = {}
    for row in result:
        unit_cell = row[0]
        unit = table.fixed if table.unit_col is None else unit_cell
        if unit is None or unit != unit.strip() or not unit:
            raise Irregular("a unit cell is blank or padded")
        if unit in rows_by_unit:
            raise Irregular("a unit appears under two spellings")
        if table.unit_col is not None:
            log_count = context.log.count
            checker.check_unit(unit, table.unit_col)
            if context.log.count != log_count:
                raise Irregular("a unit is not in the units file")
        rows_by_unit[unit] = row
    total = 0
    for unit in sorted(rows_by_unit):
        row = rows_by_unit[unit]
        rows = int(row[1])
        at = 2
        if respondents:
            given, distinct_ids, padded = row[2:5]
            if given != distinct_ids or padded:
                raise Irregular("a respondent id repeats or is padded")
            at = 5
        for column in plan:
            indicator, rule = column.indicator, column.indicator.combine
            count, value_sum = int(row[at]), row[at + 1]
            at += 2
            low = high = None
            if column.typed and column.contiguous:
                low, high = row[at], row[at + 1]
                at += 2
                if count and (low < column.levels[0] or high > column.levels[-1]):
                    raise Irregular("a cell is not a level")
            elif column.typed:
                if row[at]:
                    raise Irregular("a cell is not a level")
                at += 1
            else:
                if int(row[at]) != count:
                    raise Irregular("a cell is not a plain level")
                at += 1
            if count != rows:
                raise Irregular("a row leaves a question unanswered (the reader warns)")
            if rule in (Combine.MIN, Combine.MAX) and not (column.typed and column.contiguous):
                low, high = row[at], row[at + 1]
                at += 2
            histogram = None
            if rule is Combine.MEDIAN:
                histogram = {
                    Fraction(level): int(n)
                    for level, n in zip(
                        column.levels, row[at : at + len(column.levels)], strict=True
                    )
                    if n
                }
                at += len(column.levels)
            if not count:
                continue
            keep = rule in (Combine.MIN, Combine.MAX)
            reduction.units[unit] = None
            reduction.stats[(unit, indicator.id)] = IndicatorStats(
                count=count,
                total=Fraction(int(value_sum)),
                low=Fraction(int(low)) if keep and low is not None else None,
                high=Fraction(int(high)) if keep and high is not None else None,
                histogram=histogram,
                rule=rule,
            )
            total += count
    reduction.count = total
    return reduction


def _reduce_long(
    rubric: Rubric, context: TableContext, header: Sequence[Cell], relation_sql: str
) -> Reduction:
    # The header check is the long reader's own, on a table with no body.
    for _ in read_long(context, header, iter(())):
        pass
    if context.log.fatal:
        return Reduction()
    names = mapped_headers(header, context.columns)
    where = {name.lower(): i for i, name in enumerate(names, start=1) if name is not None}
    if "note" in where or "reference" in where:
        raise Irregular("notes and references are recorded by the python engine")
    used = [name for name in LONG_COLUMNS if name in where and name not in _FREE_TEXT]
    selects = ", ".join(f"CAST({_name(where[name])} AS VARCHAR)" for name in used)
    every = [_name(i) for i in range(1, len(names) + 1)]
    blank = " AND ".join(f"{column} IS NULL" for column in every)
    query = f"SELECT {selects}, count(*) FROM {relation_sql} WHERE NOT ({blank}) GROUP BY ALL"
    result: list[tuple[Any, ...]] = connection().execute(query).fetchall()
    rows = RowChecker(context, [cell_text(cell) for cell in header])
    slots = {name: k + 1 for k, name in enumerate(used)}
    items: list[tuple[Evidence, int]] = []
    for row in result:
        cells: list[Cell] = list(row[:-1])
        if any(isinstance(cell, str) and cell != cell.strip() for cell in cells):
            raise Irregular("a padded cell")
        rows.row, rows.row_ok = 0, True
        before = context.log.count
        item = _long_row(rows, cells, slots)
        if context.log.count != before or item is None or not rows.row_ok:
            raise Irregular("a row the long reader refuses")
        items.append((item, int(row[-1])))
    return _weighted_reduce(rubric, context.units, items)


_FREE_TEXT = frozenset({"collector", "reference", "note"})
"""Columns the long reader keeps as they are (never refused): left out of the grouping."""


def _weighted_reduce(
    rubric: Rubric, units: UnitTree | None, items: list[tuple[Evidence, int]]
) -> Reduction:
    """The reduction of distinct items each read ``n`` times."""
    found = {indicator.id: indicator for indicator in rubric.indicators()}
    single = reduce(rubric, (item for item, _ in items), units)
    if single.problems:
        return single
    reduction = Reduction(units={})
    for item, n in sorted(items, key=lambda pair: (pair[0].unit, pair[0].indicator)):
        indicator = found[item.indicator]
        key = (item.unit, item.indicator)
        reduction.units[item.unit] = None
        stats = reduction.stats.get(key)
        if stats is None:
            stats = reduction.stats[key] = IndicatorStats.empty(indicator)
        if item.not_applicable:
            stats.not_applicable += n
        else:
            stats.add(indicator.scale.parse(item.value), item.provenance.collected_at, n)
        reduction.count += n
    return reduction


def csv_header(path: Path, options: ReadOptions, log: ProblemLog) -> tuple[list[Cell], str]:
    """The header row of a CSV file as the python reader reads it, and its delimiter."""
    from pelayanan._readers.csv_reader import _rows, guess_delimiter

    with path.open(encoding=options.encoding, newline="") as handle:
        first = handle.readline()
    delimiter = options.delimiter or guess_delimiter(first)
    for _number, cells in _rows(path, options, log):
        return list(cells), delimiter
    return [], delimiter


def csv_relation(path: Path, width: int, delimiter: str) -> str:
    """``read_csv`` of ``path`` as text, header skipped, columns named c1..cN."""
    columns = "{" + ", ".join(f"{_quote(_name(i))}: 'VARCHAR'" for i in range(1, width + 1)) + "}"
    return (
        f"read_csv({_quote(str(path))}, header=true, delim={_quote(delimiter)}, "
        f"quote='\"', escape='\"', columns={columns}, auto_detect=false, strict_mode=true)"
    )


def parquet_relation(path: Path | Sequence[Path]) -> tuple[list[Cell], str]:
    """The column names of a Parquet file (or of several with the same columns, read as one
    table) and a relation naming its columns c1..cN."""
    files = [path] if isinstance(path, Path) else list(path)
    source = "read_parquet([" + ", ".join(_quote(str(file)) for file in files) + "])"
    described = connection().execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    names: list[Cell] = [str(row[0]) for row in described]
    return names, _renamed(names, source)


def _renamed(names: Sequence[Cell], source: str) -> str:
    parts = ", ".join(
        '"' + str(name).replace('"', '""') + f'" AS {_name(i)}'
        for i, name in enumerate(names, start=1)
    )
    return f"(SELECT {parts} FROM {source})"


def arrow_relation(arrow: Any) -> str:
    """Register an Arrow table with this thread's connection; a relation over it."""
    connection().register("pelayanan_table", arrow)
    return _renamed(list(arrow.column_names), "pelayanan_table")


def forget_arrow() -> None:
    """Unregister the table :func:`arrow_relation` registered."""
    try:
        connection().unregister("pelayanan_table")
    except Exception:  # nothing registered
        return


_INTEGER = frozenset(
    {
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
    }
)


def column_kinds(relation_sql: str, width: int) -> list[str | None]:
    """Per column: ``"int"`` or ``"bool"`` for typed columns (Parquet, Arrow), else ``None``
    (text, or a type the python engine reads)."""
    described = connection().execute(f"DESCRIBE SELECT * FROM {relation_sql}").fetchall()
    kinds: list[str | None] = []
    for row in described:
        kind = str(row[1]).upper()
        if kind in _INTEGER:
            kinds.append("int")
        elif kind == "BOOLEAN":
            kinds.append("bool")
        elif kind == "VARCHAR":
            kinds.append(None)
        else:
            kinds.append("other")
    return (kinds + [None] * width)[:width]

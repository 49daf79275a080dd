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
from pelayanan._scoring.engine import building_results, reduce
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
    "reduce_csv",
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


@attrs.frozen
class _FileSize:
    """What a CSV file must measure if every answer cell is one plain digit: the file's
    size, its header line's bytes, its width and whether it ends with a line break."""

    size: int
    header: int
    width: int
    newline_at_end: bool

    def check(self, rows_and_bytes: tuple[int, int], answers: int) -> None:
        """:class:`Irregular` unless the rows' cells add up to the file's size (see
        :func:`reduce_csv`)."""
        rows, text_bytes = rows_and_bytes
        # Each row: its text cells, one byte per answer, a delimiter between cells, "\n".
        expected = self.header + text_bytes + rows * (answers + (self.width - 1) + 1)
        if not self.newline_at_end:
            expected -= 1
        if expected != self.size:
            raise Irregular("a cell is not written plainly (the file is longer than its cells)")


def reduce_csv(
    rubric: Rubric,
    context: TableContext,
    header: Sequence[Cell],
    path: Path,
    delimiter: str,
    layout: str,
) -> Reduction:
    """Reduce a survey CSV file whose answers are all one-digit levels, reading its answer
    columns as small integers: the grouping query, then one pass for the checks that need
    no grouping (see :func:`_global_checks`).

    DuckDB's integer reading is lenient (``' 4'``, ``'+4'``, ``'4.0'`` and ``'0x4'`` all read
    as 4), so a typed read alone does not prove a cell plain. The file's size does: a cell
    read as an integer has at least one byte, and exactly one only when it is a plain digit;
    text cells are measured as read (``strlen``), and quotes, padding, a carriage return or
    any other byte the reading drops make the file longer than the sum. So when the rows'
    text bytes, one byte per answer, the delimiters and one line break per row add up to
    the file's size exactly, every answer cell is one digit, and its range check makes it a
    level. Anything else raises :class:`Irregular` (the caller reads the file as text).
    """
    chosen = detect_layout(header, context.columns) if layout == "auto" else layout
    if chosen != "survey" or len(delimiter.encode("utf-8")) != 1:
        raise Irregular("only survey files with a one-byte delimiter")
    table = _survey_header(context, header)
    width = len(header)
    answers = {position for position, _, _ in table.answers}
    for _position, _element, indicator in table.answers:
        assert indicator is not None
        levels = _plain_levels(indicator, "int")
        if levels is None or any(not 0 <= level <= 9 for level in levels.values()):
            raise Irregular(f"{indicator.id}: levels that are not one digit")
    with path.open("rb") as handle:
        head = handle.readline()
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(size - 1)
        newline_at_end = handle.read(1) == b"\n"
    columns = (
        "{"
        + ", ".join(
            f"{_quote(_name(i))}: {_quote('UTINYINT' if i in answers else 'VARCHAR')}"
            for i in range(1, width + 1)
        )
        + "}"
    )
    source = (
        f"read_csv({_quote(str(path))}, header=true, delim={_quote(delimiter)}, "
        f"quote='\"', escape='\"', columns={columns}, auto_detect=false, strict_mode=true)"
    )
    measured = " + ".join(
        f"coalesce(strlen({_name(i)}), 0)" for i in range(1, width + 1) if i not in answers
    )
    typed: list[str | None] = ["int" if i in answers else None for i in range(1, width + 1)]
    try:
        return _reduce_survey(
            rubric,
            context,
            header,
            f"(SELECT *, {measured or '0'} AS pelayanan_bytes FROM {source})",
            typed,
            table=table,
            size=_FileSize(size, len(head), width, newline_at_end),
        )
    except Irregular:
        raise
    except Exception as error:  # a cell DuckDB cannot read as its column's type
        raise Irregular(str(error)) from None


def _survey_header(context: TableContext, header: Sequence[Cell]) -> SurveyTable:
    """The survey header checked as the reader checks it, or :class:`Irregular` when the
    reader has anything to say about it or reads columns the query does not."""
    # The plain header check runs on a scratch log: anything it does not accept (aliases,
    # respondent attributes, a problem) is the survey reader's to read and to report.
    scratch = attrs.evolve(context, log=ProblemLog(0))
    table = SurveyTable(scratch, header)
    if scratch.log.count or not table.usable or context.header_row is not None:
        raise Irregular("the survey reader reads this header")
    table.context = context
    table.checker.context = context
    for name in ("kind", "collected_at", "note"):
        if name in table.where:
            raise Irregular(f"the {name} column is read by the python engine")
    return table


def _reduce_survey(
    rubric: Rubric,
    context: TableContext,
    header: Sequence[Cell],
    relation_sql: str,
    typed: Sequence[str | None],
    *,
    table: SurveyTable | None = None,
    size: _FileSize | None = None,
) -> Reduction:
    """One ``GROUP BY unit`` query for the statistics; for typed columns the checks that
    need no grouping (levels in range, respondent ids distinct) run as separate global
    queries, which cost a fraction of a per-unit check."""
    if table is None:
        table = _survey_header(context, header)
    unit_sql = "NULL" if table.unit_col is None else f"CAST({_name(table.unit_col)} AS VARCHAR)"
    selects: list[str] = ["count(*)"]
    respondent = table.where.get("respondent")
    all_typed = all(typed[position - 1] is not None for position, _, _ in table.answers)
    in_query = respondent is not None and not all_typed
    if in_query:
        assert respondent is not None
        selects += _respondent_in_query(_name(respondent))
    if size is not None:
        selects.append("sum(pelayanan_bytes)")
    plan: list[_Column] = []
    checks: list[str] = []
    ranges: dict[tuple[int, int], list[str]] = {}
    for position, _element, indicator in table.answers:
        assert indicator is not None
        column = _name(position)
        kind = typed[position - 1]
        levels = _plain_levels(indicator, kind)
        if levels is None or indicator.combine is Combine.LATEST:
            raise Irregular(f"{indicator.id}: read by the python engine")
        distinct = sorted(set(levels.values()))
        rule = indicator.combine
        contiguous = kind is not None and distinct == list(range(distinct[0], distinct[-1] + 1))
        if kind is not None:
            value = f"CAST({column} AS BIGINT)"
            # A typed column holds levels only if its values lie in the levels' range (for
            # contiguous whole levels) or are among them (otherwise): checked over the
            # whole table at once, after the grouping query.
            if contiguous:
                ranges.setdefault((distinct[0], distinct[-1]), []).append(value)
            else:
                checks.append(
                    f"count_if(NOT ({column} IS NULL OR {column} IN ({', '.join(levels)})))"
                )
            check: list[str] = []
        else:
            # A text cell that is not a plain level maps to NULL: count(cell) > count(value).
            cases = " ".join(f"WHEN {text} THEN {level}" for text, level in levels.items())
            value = f"(CASE {column} {cases} END)"
            check = [f"count({value})"]
        if kind is not None:
            # A typed column answers every row when it has no NULL anywhere: one count
            # over the table instead of one per unit (the reader warns about a blank).
            checks.append(f"count({column}) < count(*)")
            wanted = [f"sum({value})"]
        else:
            wanted = [f"count({column})", f"sum({value})", *check]
        if rule in (Combine.MIN, Combine.MAX):
            wanted += [f"min({value})", f"max({value})"]
        if rule is Combine.MEDIAN:
            wanted += [f"count_if({value} = {level})" for level in distinct]
        selects.extend(wanted)
        plan.append(_Column(indicator, distinct, kind is not None, contiguous))
    # Contiguous levels: the column's smallest and largest value over the whole table
    # (NULLs, unanswered, are left out), the cheapest aggregates there are.
    for (low, high), values in ranges.items():
        for value in values:
            checks += [f"min({value}) < {low}", f"max({value}) > {high}"]
    query = f"SELECT {unit_sql} AS unit, {', '.join(selects)} FROM {relation_sql} GROUP BY ALL"
    try:
        result: list[tuple[Any, ...]] = connection().execute(query).fetchall()
        if checks or (respondent is not None and not in_query):
            ids = (
                None
                if respondent is None or in_query
                else (_name(respondent), table.unit_col, typed[respondent - 1])
            )
            every = sum(int(row[1]) for row in result)
            _global_checks(relation_sql, plan, checks, ids, every)
    except Irregular:
        raise
    except Exception as error:  # a cell DuckDB cannot read as its column's type
        raise Irregular(str(error)) from None
    with building_results():
        reduction, measured = _survey_reduction(
            context, table, plan, result, in_query, size is not None
        )
    if size is not None:
        size.check(measured, len(plan))
    return reduction


def _respondent_in_query(column: str) -> list[str]:
    """Aggregates of the grouping query that check respondent ids of text tables: the
    reader refuses an id repeated within a unit (after stripping), so a unit whose ids are
    not all distinct, or an id with white space (or anything but printable ASCII) at either
    end, is read by the python engine."""
    edges = f"CAST({column} AS VARCHAR)"
    return [
        f"count({column})",
        f"count(DISTINCT {column})",
        f"count_if(ord(left({edges}, 1)) NOT BETWEEN 33 AND 126 "
        f"OR ord(right({edges}, 1)) NOT BETWEEN 33 AND 126)",
    ]


def _check_levels(found: Sequence[Any]) -> None:
    """Every typed answer is one of its scale's levels (``found``: what
    :func:`_reduce_survey` asked for, each true or non-zero when a value is not)."""
    if any(found):
        raise Irregular("a cell is not a level")


_FIRST_SPAN = 4
"""Bits per row of the first bitmap, over ``0 .. 4 x rows`` (ids counted from 0 or 1 fit;
a wider bitmap costs more to clear and count than it saves)."""
_BITMAP_SPAN = 64
"""Most bits per row the second bitmap, over the ids' own range, may take (8 bytes a row)."""


def _global_checks(
    relation_sql: str,
    plan: list[_Column],
    checks: list[str],
    respondent: tuple[str, int | None, str | None] | None,
    rows: int,
) -> None:
    """The checks that need no grouping, in one pass over the table: typed answers are
    levels (``checks``), and no respondent id repeats within a unit; else :class:`Irregular`.

    ``respondent`` is the id column, the unit column's position and the id column's kind.
    Ids distinct over the whole table are distinct within every unit. Each id is mapped to
    an integer ``m``: itself for an integer column; for text, the number after the prefix
    the first id starts with (``R17`` -> 17); every id must start so. Two ids
    the reader takes for the same (equal once stripped) map to one number or to nothing.
    So when every id maps to a number and the numbers, set as bits of a bitmap over their
    range, are as many as the ids, no id repeats: one pass and a bit per number of the
    range, where a distinct count per unit builds a hash table of every id. The bitmap
    first tries ``0 .. 4 x rows``; ids beyond it take a second pass over their own range
    (when it is not too wide); failing that, the repeated (unit, id) pairs are counted.
    """
    con = connection()
    selects = list(checks)
    mapped = ""
    if respondent is not None:
        column, _unit, kind = respondent
        mapped, prefix = _mapped_id(relation_sql, column, kind)
        if mapped:
            span = _FIRST_SPAN * rows + 1024
            inside = f"m BETWEEN 0 AND {span}"
            # The smallest and the largest id start with the prefix only when every id
            # between them does (ids starting with it are one stretch of the byte order).
            edges = [f"min({column})", f"max({column})"] if prefix else ["NULL", "NULL"]
            selects += [
                f"count({column})",
                "count(m)",
                "min(m)",
                "max(m)",
                f"bit_count(bitstring_agg(m, 0, {span}) FILTER (WHERE {inside}))",
                *edges,
            ]
    if selects:
        source = f"(SELECT *, {mapped} AS m FROM {relation_sql})" if mapped else relation_sql
        found = con.execute(f"SELECT {', '.join(selects)} FROM {source}").fetchone()
        _check_levels(found[: len(checks)])
    if respondent is None:
        return
    column, unit_col, kind = respondent
    if mapped:
        given, numbered, low, high, bits, first, last = found[len(checks) :]
        if (
            prefix
            and given
            and not (str(first).startswith(prefix) and str(last).startswith(prefix))
        ):
            numbered = -1  # an id without the prefix: its number means nothing
        if not given or (given == numbered and bits == given):
            return
        if given == numbered and high - low <= _BITMAP_SPAN * rows + 1024:
            (bits,) = con.execute(
                f"SELECT bit_count(bitstring_agg(m - {low}, 0, {high - low})) "
                f"FROM (SELECT {mapped} AS m FROM {relation_sql}) WHERE m IS NOT NULL"
            ).fetchone()
            if bits == given:
                return
    unit = "NULL" if unit_col is None else _name(unit_col)
    text = f"CAST({column} AS VARCHAR)"
    repeated, padded = con.execute(
        f"SELECT (SELECT count(*) FROM (SELECT {unit}, {column} FROM {relation_sql} "
        f"WHERE {column} IS NOT NULL GROUP BY ALL HAVING count(*) > 1)), "
        f"(SELECT count_if(ord(left({text}, 1)) NOT BETWEEN 33 AND 126 "
        f"OR ord(right({text}, 1)) NOT BETWEEN 33 AND 126) FROM {relation_sql})"
    ).fetchone()
    if repeated or padded:
        raise Irregular("a respondent id repeats or is padded")


def _mapped_id(relation_sql: str, column: str, kind: str | None) -> tuple[str, str | None]:
    """The SQL of the integer an id maps to (see :func:`_global_checks`), or ``""``, and
    the prefix it drops (``None`` for integer ids)."""
    if kind == "int":
        return f"CAST({column} AS BIGINT)", None
    if kind is not None:
        return "", None
    sample = (
        connection()
        .execute(f"SELECT {column} FROM {relation_sql} WHERE {column} IS NOT NULL LIMIT 1")
        .fetchone()
    )
    text = "" if sample is None else str(sample[0])
    cut = 0
    while cut < len(text) and text[cut] not in "0123456789":
        cut += 1
    return f"TRY_CAST(substr({column}, {cut + 1}) AS BIGINT)", text[:cut]


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
    sized: bool,
) -> tuple[Reduction, tuple[int, int]]:
    """The reduction, and the rows and the bytes of their text cells (when ``sized``)."""
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
    all_rows = all_bytes = 0
    stats = reduction.stats
    units = reduction.units
    for unit in sorted(rows_by_unit):
        row = rows_by_unit[unit]
        rows = int(row[1])
        all_rows += rows
        at = 2
        if respondents:
            given, distinct_ids, padded = row[2:5]
            if given != distinct_ids or padded:
                raise Irregular("a respondent id repeats or is padded")
            at = 5
        if sized:
            all_bytes += int(row[at] or 0)
            at += 1
        for column in plan:
            indicator, rule = column.indicator, column.indicator.combine
            if column.typed:
                count, value_sum = rows, row[at]  # no NULL in the column (checked)
                at += 1
            else:
                count, value_sum = int(row[at]), row[at + 1]
                at += 2
                if int(row[at]) != count:
                    raise Irregular("a cell is not a plain level")
                at += 1
            if count != rows:
                raise Irregular("a row leaves a question unanswered (the reader warns)")
            low = high = None
            if rule in (Combine.MIN, Combine.MAX):
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
            units[unit] = None
            stats[(unit, indicator.id)] = IndicatorStats(
                count=count,
                total=Fraction(int(value_sum)),
                low=Fraction(int(low)) if keep and low is not None else None,
                high=Fraction(int(high)) if keep and high is not None else None,
                histogram=histogram,
                rule=rule,
            )
            total += count
    reduction.count = total
    return reduction, (all_rows, all_bytes)


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

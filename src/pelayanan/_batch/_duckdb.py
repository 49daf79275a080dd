"""The ``duckdb`` engine: the reduce step as one SQL aggregation inside embedded DuckDB.

The header is read and checked by the same code as the ``python`` engine (so a bad header
gives the same problems). Then one ``GROUP BY unit`` query over the file (CSV/TSV read as
text, Parquet, or an Arrow/pandas table) computes, per unit and question, exactly the
statistics the question's ``combine`` rule needs (counts, integer sums, min/max, counts
per level), and in the same pass counts the *irregular* rows: any cell that is not one of
the scale's levels written plainly (``3``, ``ya``), a blank unit, a date or kind column in
use. Values are exact: only plain level texts are mapped to their integer levels in SQL.

Checks that need no grouping (typed answers within their levels, no blank, respondent
ids distinct within their unit; for a CSV file read with typed columns, every line a plain
row) run in one more pass, in a background thread (:class:`Checks`) while Python builds
the statistics and, when the caller speculates, finishes them.

When the query finds nothing irregular, the checks pass and every unit is known, its
statistics are the result. Otherwise the file is read again by the ``python`` engine,
whose row checker is the one place that words problems: the messages (file, row, column
letter and header, what was expected) are therefore identical, and with ``skip_bad_rows``
the good rows are scored exactly as the ``python`` engine scores them. Long-layout tables
are grouped by (unit, indicator, value, flags) in SQL, and each distinct group is checked
by the long reader's own row check.
"""

from __future__ import annotations

import contextlib
import csv
import importlib
import itertools
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from pelayanan._model.evidence import Evidence
from pelayanan._model.limits import current_limits
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import Combine
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.scales import BOOLEAN_WORDS, BooleanScale, OrdinalScale
from pelayanan._readers.cells import LONG_COLUMNS, RowChecker, cell_text, mapped_headers
from pelayanan._readers.long_layout import _long_row, read_long
from pelayanan._readers.problems import ProblemLog
from pelayanan._readers.stream import ReadOptions
from pelayanan._readers.survey_table import SurveyTable
from pelayanan._readers.table import Cell, TableContext, detect_layout
from pelayanan._scoring.engine import building_results, reduce
from pelayanan._scoring.stats import IndicatorStats, Reduction

__all__ = [
    "SCRATCH_BYTES",
    "Checks",
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
        # The words the model reads, as they are usually written; other forms (mixed case,
        # padding) map to NULL, and the python engine reads the file.
        return {
            _quote(form): int(meaning)
            for word, meaning in BOOLEAN_WORDS.items()
            for form in (word, word.upper(), word.title(), word.capitalize())
        }
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
) -> tuple[Reduction, Checks | None]:
    """Reduce the table ``relation_sql`` (columns c1..cN, row 1 being ``header``): the
    reduction, and the checks still running that it may be used only after (or ``None``).

    Raises:
        Irregular: when the fast query cannot vouch for the table (see the module).
    """
    chosen = detect_layout(header, context.columns) if layout == "auto" else layout
    if chosen == "long":
        return _reduce_long(rubric, context, header, relation_sql), None
    return _reduce_survey(rubric, context, header, relation_sql, typed)


class Checks:
    """Checks of a reduction that run in a background thread while the caller builds the
    statistics and finishes them: DuckDB releases the GIL while it works, so the checks
    take the cores Python leaves idle. Their cursor shares this thread's database (and the
    in-memory table registered by :func:`arrow_relation`, if any). The reduction they
    guard may be used only when :meth:`passed` says so; otherwise the table is read by the
    next step (in the end the python engine, which words every problem).

    While they run in the background, DuckDB works with one thread fewer than it has cores,
    leaving one to Python (finishing the statistics is Python's critical path; on two
    cores, two DuckDB threads and Python would share them three ways); once the caller
    waits for them (:meth:`passed`), it has every core again."""

    def __init__(self, run: Callable[[Any], None], *, scratch: str | None = None) -> None:
        self._error: str | None = None
        self._scratch = scratch
        con = self._con = connection()
        cores = _default_threads(con)
        if cores > 1:
            con.execute(f"SET threads = {cores - 1}")
        self._cursor = con.cursor()
        for name, table in getattr(_LOCAL, "registered", {}).items():
            self._cursor.register(name, table)
        self._thread = threading.Thread(
            target=self._run, args=(run,), name="pelayanan-duckdb-checks", daemon=True
        )
        self._thread.start()

    def _run(self, run: Callable[[Any], None]) -> None:
        try:
            run(self._cursor)
        except Exception as error:  # Irregular, or a cell DuckDB cannot read as its type
            self._error = str(error) or type(error).__name__
        finally:
            if self._scratch is not None:
                with contextlib.suppress(Exception):  # interrupted: dropped by the caller
                    self._cursor.execute(f"DROP TABLE IF EXISTS {self._scratch}")
            self._cursor.close()

    def passed(self) -> bool:
        """Whether every check passed (waits for them, with every core)."""
        _every_core(self._con)
        self._thread.join()
        return self._error is None

    def wait(self) -> None:
        """Wait for the checks; :class:`Irregular` unless they passed."""
        if not self.passed():
            raise Irregular(self._error or "a check failed")

    def cancel(self) -> None:
        """Stop the checks (their reduction is not used) and wait for the thread."""
        with contextlib.suppress(Exception):  # already finished and closed
            self._cursor.interrupt()
        _every_core(self._con)
        self._thread.join()


def _default_threads(con: Any) -> int:
    """How many threads DuckDB works with by default (its setting before any change)."""
    threads = getattr(_LOCAL, "threads", None)
    if threads is None:
        (threads,) = con.execute("SELECT current_setting('threads')").fetchone()
        threads = _LOCAL.threads = int(threads)
    return int(threads)


def _every_core(con: Any) -> None:
    """DuckDB's threads back to its default (see :class:`Checks`)."""
    with contextlib.suppress(Exception):  # the connection is closed: nothing to restore
        con.execute("RESET threads")


_SCRATCH = itertools.count(1)
"""Numbers the scratch tables a CSV file is read into (see :func:`reduce_csv`)."""
SCRATCH_BYTES = 512 * 1024 * 1024
"""The largest CSV file read into a scratch table (which takes about one and a half times
the file's size in memory); a larger one is grouped straight from the file and parsed a
second time by the checks, so memory stays bounded whatever the file's size."""


def reduce_csv(
    rubric: Rubric,
    context: TableContext,
    header: Sequence[Cell],
    path: Path,
    delimiter: str,
    layout: str,
) -> tuple[Reduction, Checks | None]:
    """Reduce a survey CSV file whose answers are all one-digit levels, reading its answer
    columns as small integers into a scratch table in memory: the grouping query and the
    checks (:class:`Checks`, in the background) then read the table, so the file is
    parsed once (a table is read several times faster than a CSV file is parsed). The
    checks drop the table when they are done. A file over :data:`SCRATCH_BYTES` is read
    twice instead (memory stays bounded).

    DuckDB's integer reading is lenient (``' 4'``, ``'+4'``, ``'4.0'`` and ``'0x4'`` all read
    as 4), so a typed read alone does not prove a cell plain. The file's size does: a cell
    read as an integer has at least one byte, and exactly one only when it is a plain digit;
    text cells are measured as read (``strlen``), and quotes, padding, a carriage return or
    any other byte the reading drops make the file longer than the sum. So when no answer
    is blank and the rows' text bytes, one byte per answer, the delimiters and one line
    break per row add up to the file's size exactly, every answer cell is one digit, and
    its range check makes it a level. Anything else raises :class:`Irregular` (the caller
    reads the file as text).

    A file without a respondent column has no id to check, so it needs no second pass and
    no scratch table: the grouping query reads the file once, checks the answers per unit
    (one ``bool_and``) and measures the rows (their sum over the units is the file's size
    check).
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
    kinds = ["UTINYINT" if i in answers else "VARCHAR" for i in range(1, width + 1)]
    source = _read_csv(path, delimiter, kinds)
    measured = " + ".join(
        f"coalesce(strlen({_name(i)}), 0)" for i in range(1, width + 1) if i not in answers
    )
    # Each row: its text cells, one byte per answer, a delimiter between cells, "\n"; the
    # rows after the header must add up to the rest of the file.
    rows = f"coalesce(sum({measured or '0'}), 0) + count(*) * {len(answers) + width}"
    body = size - len(head) + (0 if newline_at_end else 1)
    typed: list[str | None] = ["int" if i in answers else None for i in range(1, width + 1)]
    ids = "respondent" in table.where
    scratch = f"pelayanan_csv_{next(_SCRATCH)}" if ids and size <= SCRATCH_BYTES else None
    con = connection()
    try:
        if not ids:
            # No ids to check: one grouping query reads the file, checks every cell per unit
            # and measures the rows (their sum over the units must be the file's size).
            return _reduce_survey(
                rubric, context, header, source, typed, table=table, measure=(rows, body)
            )
        if scratch is not None:
            con.execute(f"CREATE TABLE {scratch} AS SELECT * FROM {source}")
        return _reduce_survey(
            rubric,
            context,
            header,
            source if scratch is None else scratch,
            typed,
            table=table,
            extra=[f"{rows} <> {body}"],
            scratch=scratch,
        )
    except Exception as error:  # a cell DuckDB cannot read as its column's type
        if scratch is not None:
            con.execute(f"DROP TABLE IF EXISTS {scratch}")
        if isinstance(error, Irregular):
            raise
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
    extra: Sequence[str] = (),
    scratch: str | None = None,
    measure: tuple[str, int] | None = None,
) -> tuple[Reduction, Checks | None]:
    """One ``GROUP BY unit`` query for the statistics; for typed columns the checks that
    need no grouping (levels in range, respondent ids distinct) run as one global query
    in the background (:class:`Checks`), which costs a fraction of a per-unit check.
    ``extra`` are more such checks; ``scratch`` a table the checks drop when done.

    With ``measure`` (a per-unit aggregate and the total it must add up to over the units;
    only without a respondent column) the table is read once: the typed columns' checks
    are folded into the grouping query as one ``bool_and`` per unit, nothing runs in the
    background, and :class:`Irregular` is raised at once when a check fails."""
    if table is None:
        table = _survey_header(context, header)
    assert measure is None or "respondent" not in table.where, "ids are checked apart"
    folded: list[str] = []
    unit_sql = "NULL" if table.unit_col is None else f"CAST({_name(table.unit_col)} AS VARCHAR)"
    selects: list[str] = ["count(*)"]
    respondent = table.where.get("respondent")
    all_typed = all(typed[position - 1] is not None for position, _, _ in table.answers)
    in_query = respondent is not None and not all_typed
    if in_query:
        assert respondent is not None
        selects += _respondent_in_query(_name(respondent))
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
            # contiguous whole levels) or are among them (otherwise), and it answers every
            # row when it has no NULL anywhere (the reader warns about a blank): checked
            # over the whole table at once, in the background.
            if measure is not None:
                # Folded: every cell a level, and none blank (NULL makes it false).
                inside = (
                    f"{column} BETWEEN {distinct[0]} AND {distinct[-1]}"
                    if contiguous
                    else f"{column} IN ({', '.join(levels)})"
                )
                folded.append(f"coalesce({inside}, false)")
            elif contiguous:
                ranges.setdefault((distinct[0], distinct[-1]), []).append(value)
            else:
                checks.append(
                    f"count_if(NOT ({column} IS NULL OR {column} IN ({', '.join(levels)})))"
                )
            if measure is None:
                checks.append(f"count({column}) < count(*)")
            wanted = [f"sum({column if kind == 'int' else value})"]
        else:
            # A text cell that is not a plain level maps to NULL: count(cell) > count(value).
            cases = " ".join(f"WHEN {text} THEN {level}" for text, level in levels.items())
            value = f"(CASE {column} {cases} END)"
            wanted = [f"count({column})", f"sum({value})", f"count({value})"]
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
    if measure is not None:
        selects += [f"bool_and({' AND '.join(folded) or 'true'})", measure[0]]
    # Every aggregate as a BIGINT: exact, or an error (the python engine reads the table).
    named = ", ".join(f"CAST({select} AS BIGINT) AS a{k}" for k, select in enumerate(selects))
    query = f"SELECT {unit_sql} AS unit, {named} FROM {relation_sql} GROUP BY ALL"
    try:
        result = _fetch_columns(connection(), query)
    except Exception as error:  # a cell DuckDB cannot read as its column's type
        raise Irregular(str(error)) from None
    if measure is not None:
        *result, plain, measured = result
        if not all(plain) or sum(measured) != measure[1]:
            raise Irregular("a cell is not a level, or not plain")
    every = sum(result[1])
    checks += extra
    if scratch is not None and not checks:
        checks.append("false")  # nothing to check, but the checks drop the scratch table
    pending: Checks | None = None
    if checks or (respondent is not None and not in_query):
        ids = (
            None
            if respondent is None or in_query
            else (_name(respondent), table.unit_col, typed[respondent - 1])
        )
        pending = Checks(
            lambda con: _global_checks(con, relation_sql, checks, ids, every), scratch=scratch
        )
    try:
        with building_results():
            reduction = _survey_reduction(context, table, plan, result, in_query)
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    return reduction, pending


def _respondent_in_query(column: str) -> list[str]:
    """Aggregates of the grouping query that check respondent ids of text tables: the
    reader refuses an id repeated within a unit (after stripping), so a unit whose ids are
    not all distinct, or an id with white space (or anything but printable ASCII) at either
    end, is read by the python engine."""
    return [f"count({column})", f"count(DISTINCT {column})", _padded(column)]


def _padded(column: str) -> str:
    """How many ids of ``column`` have white space (or anything but printable ASCII) at
    either end."""
    text = f"CAST({column} AS VARCHAR)"
    return (
        f"count_if(ord(left({text}, 1)) NOT BETWEEN 33 AND 126 "
        f"OR ord(right({text}, 1)) NOT BETWEEN 33 AND 126)"
    )


_FIRST_SPAN = 4
"""Bits per row of the first bitmap, over ``0 .. 4 x rows`` (ids counted from 0 or 1 fit;
a wider bitmap costs more to clear and count than it saves)."""
_BITMAP_SPAN = 64
"""Most bits per row the second bitmap, over the ids' own range, may take (8 bytes a row)."""


def _global_checks(
    con: Any,
    relation_sql: str,
    checks: list[str],
    respondent: tuple[str, int | None, str | None] | None,
    rows: int,
) -> None:
    """The checks that need no grouping, in one pass over the table on the connection
    ``con``: ``checks`` (each false or zero when it passes: typed answers are levels), and
    no respondent id repeats within a unit; else :class:`Irregular`.

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
    selects = list(checks)
    mapped = ""
    prefix: str | None = None
    if respondent is not None:
        column, _unit, kind = respondent
        mapped, prefix = _mapped_id(con, relation_sql, column, kind)
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
    found: tuple[Any, ...] = ()
    if selects:
        source = f"(SELECT *, {mapped} AS m FROM {relation_sql})" if mapped else relation_sql
        found = con.execute(f"SELECT {', '.join(selects)} FROM {source}").fetchone()
        if any(found[: len(checks)]):  # typed answers that are not levels
            raise Irregular("a cell is not a level")
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
    repeated, padded = con.execute(
        f"SELECT (SELECT count(*) FROM (SELECT {unit}, {column} FROM {relation_sql} "
        f"WHERE {column} IS NOT NULL GROUP BY ALL HAVING count(*) > 1)), "
        f"(SELECT {_padded(column)} FROM {relation_sql})"
    ).fetchone()
    if repeated or padded:
        raise Irregular("a respondent id repeats or is padded")


def _mapped_id(
    con: Any, relation_sql: str, column: str, kind: str | None
) -> tuple[str, str | None]:
    """The SQL of the integer an id maps to (see :func:`_global_checks`), or ``""``, and
    the prefix it drops (``None`` for integer ids)."""
    if kind == "int":
        return f"CAST({column} AS BIGINT)", None
    if kind is not None:
        return "", None
    sample = con.execute(
        f"SELECT {column} FROM {relation_sql} WHERE {column} IS NOT NULL LIMIT 1"
    ).fetchone()
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


_UNANSWERED = "a typed column has no answer in a unit (the checks refuse its blanks)"
"""Why a speculative reduction stops at a NULL sum: it is built before the checks have
vouched that typed columns hold no blank, and a unit whose column is blank throughout has
no sum to build from (the python engine words what is wrong)."""


def _fetch_columns(con: Any, query: str) -> list[list[Any]]:
    """The result of ``query`` as one list per column (a column of integers as Python
    ints, NULL as ``None``): fetched as arrays when NumPy is already imported (several
    times faster than rows of tuples, but not worth importing NumPy for, which takes
    longer than it saves), else as rows. Every column but the first must be of an integer
    type: NumPy would turn a HUGEINT into a float, so any other type raises
    :class:`Irregular`."""
    result = con.execute(query)
    if not _numpy_loaded():
        rows = result.fetchall()
        width = len(result.description)
        return [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * width
    arrays = list(result.fetchnumpy().values())
    if any(array.dtype.kind not in "iu" for array in arrays[1:]):
        raise Irregular("an aggregate that is not an integer")
    return [array.tolist() for array in arrays]


def _numpy_loaded() -> bool:
    """Whether NumPy has been imported (by pandas, pyarrow, the caller...)."""
    return "numpy" in sys.modules


def _survey_reduction(
    context: TableContext,
    table: SurveyTable,
    plan: list[_Column],
    result: list[list[Any]],
    respondents: bool,
) -> Reduction:
    """The reduction of the grouping query's result (one row per unit, given column by
    column), built in bulk: per question, one :class:`IndicatorStats` per unit, made by
    ``map`` over the columns, with the integer sums' fractions shared between equal sums."""
    counts: list[int] = result[1]
    units: list[Any] = result[0] if table.unit_col is not None else [table.fixed] * len(counts)
    for unit in units:
        if unit is None or unit != unit.strip() or not unit:
            raise Irregular("a unit cell is blank or padded")
    if len(set(units)) != len(units):
        raise Irregular("a unit appears under two spellings")
    if table.unit_col is not None and context.units is not None:
        checker = RowChecker(context, [])
        log_count = context.log.count
        for unit in units:
            checker.check_unit(unit, table.unit_col)
            if context.log.count != log_count:
                raise Irregular("a unit is not in the units file")
    if respondents:
        given, distinct_ids, padded = result[2:5]
        if given != distinct_ids or any(padded):
            raise Irregular("a respondent id repeats or is padded")
    fractions: dict[int, Fraction] = {}

    def exact(values: list[Any]) -> list[Fraction]:
        if None in values:
            raise Irregular(_UNANSWERED)
        for value in set(values).difference(fractions):
            fractions[value] = Fraction(value)
        return list(map(fractions.__getitem__, values))

    stats: dict[tuple[str, str], IndicatorStats] = {}
    at = 5 if respondents else 2
    for column in plan:
        rule = column.indicator.combine
        if column.typed:
            sums = result[at]  # the column has no NULL (the checks see to it)
            at += 1
        else:
            answered, sums, plain = result[at : at + 3]
            if answered != plain:
                raise Irregular("a cell is not a plain level")
            if answered != counts:
                raise Irregular("a row leaves a question unanswered (the reader warns)")
            at += 3
        lows: Iterable[Fraction | None] = itertools.repeat(None)
        highs: Iterable[Fraction | None] = itertools.repeat(None)
        if rule in (Combine.MIN, Combine.MAX):
            lows, highs = exact(result[at]), exact(result[at + 1])
            at += 2
        histograms: Iterable[dict[Fraction, int] | None] = itertools.repeat(None)
        if rule is Combine.MEDIAN:
            levels = [Fraction(level) for level in column.levels]
            histograms = [
                {level: n for level, n in zip(levels, found, strict=True) if n}
                for found in zip(*result[at : at + len(levels)], strict=True)
            ]
            at += len(levels)
        made = map(
            IndicatorStats,
            counts,
            exact(sums),
            lows,
            highs,
            histograms,
            itertools.repeat(None),
            itertools.repeat(0),
            itertools.repeat(0),
            itertools.repeat(0),
            itertools.repeat(rule),
        )
        stats.update(zip(zip(units, itertools.repeat(column.indicator.id)), made, strict=True))
    return Reduction(stats=stats, units=dict.fromkeys(sorted(units)), count=sum(counts) * len(plan))


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
    # The readers refuse a cell longer than they take (a Parquet or Arrow text cell over
    # Limits.max_cell_chars, a CSV field over the csv module's field limit), and the python
    # engine then scores nothing: past the lower of the two bounds it reads the file. The
    # grouped cells are measured as they are checked; the collector, not grouped, here.
    bound = min(current_limits().max_cell_chars, csv.field_size_limit())
    longest = ""
    if "collector" in where:
        longest = f", max(length(CAST({_name(where['collector'])} AS VARCHAR)))"
    query = (
        f"SELECT {selects}, count(*){longest} FROM {relation_sql} WHERE NOT ({blank}) GROUP BY ALL"
    )
    result: list[tuple[Any, ...]] = connection().execute(query).fetchall()
    if longest:
        if any(row[-1] is not None and row[-1] > bound for row in result):
            raise Irregular("a collector cell longer than the readers take")
        result = [row[:-1] for row in result]
    rows = RowChecker(context, [cell_text(cell) for cell in header])
    slots = {name: k + 1 for k, name in enumerate(used)}
    at = slots["unit"] - 1

    def checked(cells: list[Cell]) -> Evidence:
        """The item of a row the long reader's own row check passes, else Irregular."""
        if any(isinstance(cell, str) and cell != cell.strip() for cell in cells):
            raise Irregular("a padded cell")
        if any(isinstance(cell, str) and len(cell) > bound for cell in cells):
            raise Irregular("a cell longer than the readers take")
        rows.row, rows.row_ok = 0, True
        before = context.log.count
        item = _long_row(rows, cells, slots)
        if context.log.count != before or item is None or not rows.row_ok:
            raise Irregular("a row the long reader refuses")
        return item

    # The row check looks at a row's unit (its id, its place in the unit tree) and, apart,
    # at the rest (indicator, value or not-applicable flag, provenance): no check relates
    # the two. So when the first row of every unit and the first row of every distinct
    # rest pass it, every row does: those are checked, the others only counted.
    seen: set[Any] = set()
    rests: dict[tuple[Any, ...], Evidence] = {}
    checked_items: list[Evidence] = []
    for row in result:
        rest = row[:at] + row[at + 1 : -1]
        if row[at] not in seen or rest not in rests:
            item = checked(list(row[:-1]))
            seen.add(row[at])
            rests.setdefault(rest, item)
            checked_items.append(item)
    if reduce(rubric, checked_items, context.units).problems:
        raise Irregular("an item scoring refuses")
    return _weighted_reduce(rubric, result, at, rests)


_FREE_TEXT = frozenset({"collector", "reference", "note"})
"""Columns the long reader keeps as they are (never refused): left out of the grouping."""


def _weighted_reduce(
    rubric: Rubric,
    result: list[tuple[Any, ...]],
    at: int,
    rests: dict[tuple[Any, ...], Evidence],
) -> Reduction:
    """The reduction of the grouping query's rows (the unit at ``at``, the rest of the
    cells of a distinct row, and how many times it was read), each distinct rest's item
    given (checked) in ``rests``."""
    found = {indicator.id: indicator for indicator in rubric.indicators()}
    # A distinct rest: its indicator, its value on the scale (None: not applicable), when.
    values: dict[tuple[Any, ...], tuple[Indicator, Fraction | None, Any]] = {}
    for rest, item in rests.items():
        indicator = found[item.indicator]
        value = None if item.not_applicable else indicator.scale.parse(item.value)
        values[rest] = (indicator, value, item.provenance.collected_at)
    reduction = Reduction(units={})
    if any(when is not None for _, _, when in values.values()):
        # Dated values (for ``latest``): added one distinct row at a time.
        for row in sorted(
            result, key=lambda row: (row[at], values[row[:at] + row[at + 1 : -1]][0].id)
        ):
            indicator, value, when = values[row[:at] + row[at + 1 : -1]]
            key = (row[at], indicator.id)
            reduction.units[row[at]] = None
            stats = reduction.stats.get(key)
            if stats is None:
                stats = reduction.stats[key] = IndicatorStats.empty(indicator)
            n = int(row[-1])
            if value is None:
                stats.not_applicable += n
            else:
                stats.add(value, when, n)
            reduction.count += n
        return reduction
    # Undated: how many times each value was read per (unit, indicator), then statistics
    # of the counts (what adding them one by one gives). Values are tallied by a number
    # each (hashing a Fraction costs a microsecond), -1 standing for not applicable.
    distinct = sorted({value for _, value, _ in values.values() if value is not None})
    number = {value: k for k, value in enumerate(distinct)}
    coded = {
        rest: (indicator.id, -1 if value is None else number[value])
        for rest, (indicator, value, _) in values.items()
    }
    tally: dict[tuple[str, str], dict[int, int]] = {}
    for row in result:
        indicator_id, code = coded[row[:at] + row[at + 1 : -1]]
        key = (row[at], indicator_id)
        counts = tally.get(key)
        if counts is None:
            counts = tally[key] = {}
        counts[code] = counts.get(code, 0) + int(row[-1])
    whole = all(value.denominator == 1 for value in distinct)
    for key in sorted(tally):
        counts = tally[key]
        marked = counts.pop(-1, 0)
        count = sum(counts.values())
        indicator = found[key[1]]
        reduction.units[key[0]] = None
        reduction.count += marked + count
        if whole and indicator.combine is Combine.MEAN:
            # What of_counts gives for a mean of whole values: the count and the sum.
            total = Fraction(sum(distinct[code].numerator * n for code, n in counts.items()))
            stats = IndicatorStats(count, total, None, None, None, None, 0, marked, 0, Combine.MEAN)
        else:
            read = {distinct[code]: n for code, n in counts.items()}
            stats = IndicatorStats.of_counts(indicator, read, not_applicable=marked)
        reduction.stats[key] = stats
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
    return _read_csv(path, delimiter, ["VARCHAR"] * width)


def _read_csv(path: Path, delimiter: str, kinds: Sequence[str]) -> str:
    """``read_csv`` of ``path``, header skipped, columns named c1..cN of DuckDB's ``kinds``."""
    named = ", ".join(f"{_quote(_name(i))}: {_quote(kind)}" for i, kind in enumerate(kinds, 1))
    columns = "{" + named + "}"
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
    _LOCAL.registered = {"pelayanan_table": arrow}  # for the checks' cursor (see Checks)
    return _renamed(list(arrow.column_names), "pelayanan_table")


def forget_arrow() -> None:
    """Unregister the table :func:`arrow_relation` registered."""
    _LOCAL.registered = {}
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

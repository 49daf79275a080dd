"""The ``python`` engine: streaming, no extra dependency, no object per answer.

Long-layout rows are evidence items already (one per row) and go through
:func:`pelayanan._scoring.reduce`. Survey rows are counted: the row checker of the survey
reader (:class:`~pelayanan._readers.survey_layout.SurveyTable`) validates every cell and
hands back, per answered question, a key equal for equal cells; the engine adds 1 to an
integer counter per (unit, question, key). The counters become
:class:`~pelayanan._scoring.stats.IndicatorStats` once, at the end, by reading each distinct
key on its scale.
"""

from __future__ import annotations

import importlib
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

from pelayanan._model.evidence import Evidence, Provenance
from pelayanan._model.policies import Combine
from pelayanan._model.records import EvidenceRecord, recording
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.units import UnitTree
from pelayanan._readers.cells import is_blank
from pelayanan._readers.long_layout import read_long
from pelayanan._readers.survey_layout import read_survey
from pelayanan._readers.survey_table import SurveyTable
from pelayanan._readers.table import Cell, TableContext, open_table
from pelayanan._scoring.engine import reduce
from pelayanan._scoring.stats import IndicatorStats, Reduction

__all__ = ["count_survey", "reduce_rows"]

_ZERO = Fraction(0)


def _count_in_python(mapping: dict[Any, int], items: Iterable[Any]) -> None:
    for item in items:
        mapping[item] = mapping.get(item, 0) + 1


_count_elements: Callable[[dict[Any, int], Iterable[Any]], None] = getattr(
    importlib.import_module("collections"), "_count_elements", _count_in_python
)
"""CPython's C helper behind ``Counter.update`` (adds 1 per item to a plain dict), or the
same in Python where it is missing."""


def reduce_rows(
    rubric: Rubric,
    units: UnitTree | None,
    context: TableContext,
    rows: Iterable[tuple[int, Sequence[Cell]]],
    layout: str = "auto",
    *,
    text: bool = False,
    records: list[EvidenceRecord] | None = None,
) -> Reduction:
    """Reduce the ``(row number, cells)`` of one table (header first); problems go to
    ``context.log`` exactly as the evidence readers log them. ``text``: every cell is a
    string (CSV), which allows the fast loop of :func:`count_survey`. ``records``
    receives the notes and references of the evidence, as
    :func:`~pelayanan._model.records.recording` keeps them."""
    opened = open_table(context, rows, layout)
    if opened is None:
        return Reduction()
    chosen, header, body = opened
    if chosen == "long":
        items = read_long(context, header, body)
        return reduce(rubric, items if records is None else recording(items, records), units)
    # Surveys are read by the survey reader itself (aliases, answer words, respondent
    # attributes and its warnings), one respondent at a time.
    items = read_survey(context, header, body)
    return reduce(rubric, items if records is None else recording(items, records), units)


def _survey_items(
    rubric: Rubric,
    units: UnitTree | None,
    table: SurveyTable,
    body: Iterator[tuple[int, Sequence[Cell]]],
    records: list[EvidenceRecord],
) -> Reduction:
    """A survey with a ``note`` column, read item by item so notes are recorded."""

    def items() -> Iterator[Evidence]:
        elements = table.elements
        for unit, provenance, keys in table.rows(body):
            for index, key in enumerate(keys):
                if key is not None:
                    value = table.parsed[index][key]
                    yield Evidence(unit, elements[index], value, provenance=provenance)

    return reduce(rubric, recording(items(), records), units)


def count_survey(
    rubric: Rubric,
    table: SurveyTable,
    body: Iterator[tuple[int, Sequence[Cell]]],
    *,
    text: bool = False,
) -> Reduction:
    """Count the answers of a survey table into statistics (see the module).

    With ``text`` (every cell a string, as from CSV) a row whose unit and answers are
    cells already seen in good rows is counted directly: its cells are exactly those the
    row checker accepted before, so checking them again could find nothing. Any other row
    goes through the row checker, which reports its problems or teaches the loop its cells.
    """
    found = {indicator.id: indicator for indicator in rubric.indicators()}
    indicators: list[Indicator | None] = [found.get(element) for element in table.elements]
    dated = [
        i for i, ind in enumerate(indicators) if ind is not None and ind.combine is Combine.LATEST
    ]
    counters: dict[str, dict[tuple[int, object], int]] = {}
    latest: dict[tuple[str, int], IndicatorStats] = {}

    def count(unit: str, provenance: Provenance, keys: list[object | None]) -> None:
        counts = counters.get(unit)
        if counts is None:
            counts = counters[unit] = {}
        for index in dated:
            key = keys[index]
            if key is not None:
                keys[index] = None
                indicator = indicators[index]
                assert indicator is not None
                stats = latest.get((unit, index))
                if stats is None:
                    stats = latest[(unit, index)] = IndicatorStats.empty(indicator)
                value = table.parsed[index][key]
                assert isinstance(value, Fraction)
                stats.add(value, provenance.collected_at)
        for pair in enumerate(keys):
            if pair[1] is not None:
                counts[pair] = counts.get(pair, 0) + 1

    if not text or dated or table.dated or table.unit_col is None or not indicators:
        for unit, provenance, keys in table.rows(body, provenance=bool(dated)):
            count(unit, provenance, keys)
    else:
        _fast(table, body, counters, count)
    return _reduction(table, indicators, counters, latest)


_LEARNED = 4096
"""Most distinct answer cells the fast loop remembers as good."""


def _fast(
    table: SurveyTable,
    body: Iterator[tuple[int, Sequence[Cell]]],
    counters: dict[str, dict[tuple[int, object], int]],
    count: Callable[[str, Provenance, list[object | None]], None],
) -> None:
    """The loop over CSV rows: known-good cells are counted without being read again.

    ``good`` holds the cells accepted in every answer column so far (and the empty cell),
    so one set test vouches for a whole row; ``units`` maps the unit cells of good rows to
    their unit. Counting a row is one C-level pass adding 1 per (column, cell).
    """
    assert table.unit_col is not None
    unit_index = table.unit_col - 1
    positions = [position - 1 for position, _, _ in table.answers]
    single = len(positions) == 1
    answers = operator.itemgetter(*positions)
    columns = tuple(range(len(positions)))
    accepted: list[set[object]] = [{""} for _ in positions]
    good: set[object] = {""}
    units: dict[object, dict[tuple[int, object], int]] = {}
    width = table.width
    for number, cells in body:
        counts = units.get(cells[unit_index]) if len(cells) == width else None
        if counts is not None:
            key = (answers(cells),) if single else answers(cells)
            if good.issuperset(key):
                _count_elements(counts, zip(columns, key, strict=False))
                continue
        for unit_id, provenance, keys in table.rows(iter([(number, cells)]), provenance=False):
            count(unit_id, provenance, keys)
            if len(cells) != width:
                continue
            # Units are not bounded here: there is a counter per unit anyway.
            units[cells[unit_index]] = counters[unit_id]
            row = (answers(cells),) if single else answers(cells)
            for index, cell in enumerate(row):
                if keys[index] == cell or is_blank(cell):
                    accepted[index].add(cell)
            if len(good) < _LEARNED:
                good = set.intersection(*accepted)


def _reduction(
    table: SurveyTable,
    indicators: Sequence[Indicator | None],
    counters: dict[str, dict[tuple[int, object], int]],
    latest: dict[tuple[str, int], IndicatorStats],
) -> Reduction:
    """Statistics from the counters: each distinct cell is read on its scale once."""
    levels: list[list[Fraction]] = []
    integral: list[list[int] | None] = []
    level_of: list[dict[object, int]] = []
    for parsed in table.parsed:
        values = sorted({value for value in parsed.values() if isinstance(value, Fraction)})
        where = {value: index for index, value in enumerate(values)}
        levels.append(values)
        whole = all(value.denominator == 1 for value in values)
        integral.append([value.numerator for value in values] if whole else None)
        level_of.append(
            {
                key: where[value]
                for key, value in parsed.items()
                if isinstance(value, Fraction) and value in where
            }
        )
    reduction = Reduction()
    total = 0
    for unit, counts in counters.items():
        tallies = [[0] * len(values) for values in levels]
        for (index, key), n in counts.items():
            level = level_of[index].get(key)
            if level is not None:  # blank cells have no level
                tallies[index][level] += n
        for index, indicator in enumerate(indicators):
            assert indicator is not None, "survey columns are checked against the rubric"
            stats = latest.get((unit, index)) or _stats(
                indicator, levels[index], integral[index], tallies[index]
            )
            if stats is None:
                continue
            reduction.units[unit] = None
            reduction.stats[(unit, indicator.id)] = stats
            total += stats.count
    reduction.count = total
    return reduction


def _stats(
    indicator: Indicator,
    values: Sequence[Fraction],
    integral: Sequence[int] | None,
    tally: Sequence[int],
) -> IndicatorStats | None:
    """What :meth:`IndicatorStats.of_counts` gives for these counts, without hashing or
    comparing fractions (``values`` are sorted and distinct; ``integral`` their integers
    when they all are)."""
    count = sum(tally)
    if not count:
        return None
    rule = indicator.combine
    if integral is not None:
        total = Fraction(sum(map(operator.mul, integral, tally)))
    else:
        total = sum((value * n for value, n in zip(values, tally, strict=True) if n), _ZERO)
    low = high = None
    if rule is Combine.MIN or rule is Combine.MAX:
        present = [index for index, n in enumerate(tally) if n]
        low, high = values[present[0]], values[present[-1]]
    histogram = None
    if rule is Combine.MEDIAN:
        histogram = {value: n for value, n in zip(values, tally, strict=True) if n}
    return IndicatorStats(
        count=count,
        total=total,
        low=low,
        high=high,
        histogram=histogram,
        undated=count if rule is Combine.LATEST else 0,
        rule=rule,
    )

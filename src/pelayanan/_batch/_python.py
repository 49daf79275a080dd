"""The ``python`` engine: streaming, no extra dependency, no object per answer.

Long-layout rows are evidence items already (one per row) and go through
:func:`pelayanan._scoring.reduce`. Survey tables are read by the survey reader
(:func:`~pelayanan._readers.survey_layout.survey_responses`: header aliases, answers in
words or letters, respondent attributes, its problems and warnings), with a counter that
takes over the rows it can vouch for: a full row whose unit and answer cells are texts
already read and accepted, from a new respondent. Such a row costs one C-level pass adding
1 per (column, cell text) to its unit's counter; no object is made per answer. Each
distinct cell text is read on its scale once (by the reader's own
:func:`~pelayanan._readers.survey_columns.answer_level`), and any other row (a new text, a
blank or bad cell, a repeated respondent, a short row) is read by the reader itself, so
problems and warnings are worded in one place.
"""

from __future__ import annotations

import importlib
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

from pelayanan._model.evidence import Evidence
from pelayanan._model.policies import Combine
from pelayanan._model.records import EvidenceRecord, recording
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.units import UnitTree
from pelayanan._readers.long_layout import read_long
from pelayanan._readers.survey_columns import answer_level
from pelayanan._readers.survey_layout import FastRow, SurveyPlan, read_survey, survey_responses
from pelayanan._readers.table import Cell, TableContext, open_table
from pelayanan._scoring.engine import reduce
from pelayanan._scoring.stats import IndicatorStats, Reduction

__all__ = ["SurveyCounter", "reduce_rows"]


def _count_in_python(mapping: dict[Any, int], items: Iterable[Any]) -> None:
    for item in items:
        mapping[item] = mapping.get(item, 0) + 1


_count_elements: Callable[[dict[Any, int], Iterable[Any]], None] = getattr(
    importlib.import_module("collections"), "_count_elements", _count_in_python
)
"""CPython's C helper behind ``Counter.update`` (adds 1 per item to a plain dict), or the
same in Python where it is missing."""

_ZERO = Fraction(0)
_LEARNED = 4096
"""Most distinct cell texts per answer column the counter remembers as good."""


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
    string (CSV), which lets the survey counter take over rows (see the module).
    ``records`` receives the notes and references of the evidence, as
    :func:`~pelayanan._model.records.recording` keeps them."""
    opened = open_table(context, rows, layout)
    if opened is None:
        return Reduction()
    chosen, header, body = opened
    if chosen == "long":
        items = read_long(context, header, body)
        return reduce(rubric, items if records is None else recording(items, records), units)
    if not text:
        items = read_survey(context, header, body)
        return reduce(rubric, items if records is None else recording(items, records), units)
    counter = SurveyCounter(rubric, context)
    responses = survey_responses(context, header, body, fast=counter.plan)

    def evidence() -> Iterator[Evidence]:
        # Rows the counter cannot take (or every row, when it declined the header: dates,
        # ``latest``) go on as evidence items through the plain reduce.
        for response in responses:
            if counter.active:
                counter.add_response(response.unit, response.answers)
            else:
                yield from response.evidence()

    plain = reduce(rubric, evidence() if records is None else recording(evidence(), records), units)
    if not counter.active:
        return plain
    counted = counter.reduction()
    counted.problems.extend(plain.problems)  # none: the reader checked every answer
    return counted


class SurveyCounter:
    """Counts the answers of a survey table per unit (see the module).

    :meth:`plan` is the survey reader's ``fast`` hook; rows the reader reads itself come
    back through :meth:`add_response`; :meth:`reduction` turns the counts into statistics.
    """

    def __init__(self, rubric: Rubric, context: TableContext) -> None:
        self.rubric = rubric
        self.context = context
        self.indicators = {indicator.id: indicator for indicator in rubric.indicators()}
        self.elements: list[str] = []
        self.parsed: list[dict[str, Fraction]] = []
        self.by_text: dict[str, dict[int, int]] = {}
        self.code_of: list[tuple[int, str]] = []
        """Code -> (answer column, cell text): what the counters of :attr:`by_text` count."""
        self.by_value: dict[str, dict[tuple[str, Fraction], int]] = {}
        self.active = False
        """Whether :meth:`plan` took the header (then rows read by the reader are counted
        through :meth:`add_response`)."""

    def plan(self, plan: SurveyPlan) -> FastRow | None:
        """The fast row counter for this header, or ``None`` when the reader reads every row
        (provenance columns, answers without an indicator or combined by ``latest``)."""
        answers = plan.answers
        if plan.provenance or plan.unit_col is None or not answers:
            return None
        chosen: list[Indicator] = []
        for _position, _element, indicator in answers:
            if indicator is None or indicator.combine is Combine.LATEST:
                return None
            chosen.append(indicator)
        self.active = True
        self.elements = [element for _, element, _ in answers]
        self.parsed = [{} for _ in answers]
        positions = [position - 1 for position, _, _ in answers]
        single = len(positions) == 1
        pick = operator.itemgetter(*positions)
        codes: list[dict[str, int]] = [{} for _ in positions]
        get = dict.get
        known_units: dict[str, tuple[dict[int, int], str]] = {}
        unit_index = plan.unit_col - 1
        respondent_index = None if plan.respondent_col is None else plan.respondent_col - 1
        first_row = plan.rows.respondents.first
        width = plan.width
        tree = self.context.units
        decimal_comma = self.context.decimal_comma
        by_text = self.by_text

        def learn_unit(cell: str) -> tuple[dict[int, int], str] | None:
            unit = cell.strip()
            if not unit or (tree is not None and (unit not in tree or not tree.is_leaf(unit))):
                return None
            counts = by_text.get(unit)
            if counts is None:
                counts = by_text[unit] = {}
            known = known_units[cell] = (counts, unit)
            return known

        def learn_cells(key: Sequence[Cell]) -> bool:
            for index, cell in enumerate(key):
                known = codes[index]
                if not isinstance(cell, str) or len(known) >= _LEARNED or not cell.strip():
                    return False
                if cell in known:
                    continue
                try:
                    value = answer_level(chosen[index], cell.strip(), decimal_comma=decimal_comma)
                except ValueError:
                    return False
                known[cell] = len(self.code_of)
                self.code_of.append((index, cell))
                self.parsed[index][cell] = value
            return True

        def fast(number: int, cells: Sequence[Cell]) -> bool:
            if len(cells) != width:
                return False
            unit_cell = cells[unit_index]
            known = known_units.get(unit_cell)  # type: ignore[arg-type]
            if known is None:
                if not isinstance(unit_cell, str):
                    return False
                known = learn_unit(unit_cell)
                if known is None:
                    return False
            key = (pick(cells),) if single else pick(cells)
            # One C-level pass: each cell's code in its column (None for a text not seen).
            found = tuple(map(get, codes, key))
            if None in found:
                if not learn_cells(key):
                    return False
                found = tuple(map(get, codes, key))
            if respondent_index is not None:
                respondent = cells[respondent_index]
                if not isinstance(respondent, str):
                    return False
                respondent = respondent.strip()
                if respondent and first_row(known[1], respondent, number) != number:
                    return False
            _count_elements(known[0], found)
            return True

        return fast

    def add_response(self, unit: str, answers: Sequence[tuple[str, Fraction]]) -> None:
        """Count the answers of a row the reader read itself."""
        counts = self.by_value.get(unit)
        if counts is None:
            counts = self.by_value[unit] = {}
        _count_elements(counts, answers)

    def reduction(self) -> Reduction:
        """The statistics of every unit counted (each distinct text read on its scale once;
        the counts are added as integers per level)."""
        values: dict[str, list[Fraction]] = {}
        where: dict[str, dict[Fraction, int]] = {}

        def level(element: str, value: Fraction) -> int:
            found = where.setdefault(element, {})
            index = found.get(value)
            if index is None:
                index = found[value] = len(found)
                values.setdefault(element, []).append(value)
            return index

        by_text = [
            {text: level(self.elements[k], value) for text, value in parsed.items()}
            for k, parsed in enumerate(self.parsed)
        ]
        tallies: dict[str, dict[str, list[int]]] = {}
        for unit, counts in self.by_text.items():
            per = tallies.setdefault(unit, {})
            for code, n in counts.items():
                k, text = self.code_of[code]
                tally = per.get(self.elements[k])
                if tally is None:
                    tally = per[self.elements[k]] = []
                index = by_text[k][text]
                if index >= len(tally):
                    tally.extend([0] * (index + 1 - len(tally)))
                tally[index] += n
        for unit, answered in self.by_value.items():
            per = tallies.setdefault(unit, {})
            for (element, value), n in answered.items():
                index = level(element, value)
                tally = per.setdefault(element, [])
                if index >= len(tally):
                    tally.extend([0] * (index + 1 - len(tally)))
                tally[index] += n
        whole = {
            element: [value.numerator for value in found]
            if all(value.denominator == 1 for value in found)
            else None
            for element, found in values.items()
        }
        reduction = Reduction()
        total = 0
        for unit, per in tallies.items():
            for element, tally in per.items():
                stats = _stats(self.indicators[element], values[element], whole[element], tally)
                if stats is None:
                    continue
                reduction.units[unit] = None
                reduction.stats[(unit, element)] = stats
                total += stats.count
        reduction.count = total
        return reduction


def _stats(
    indicator: Indicator,
    values: Sequence[Fraction],
    whole: Sequence[int] | None,
    tally: Sequence[int],
) -> IndicatorStats | None:
    """What :meth:`IndicatorStats.of_counts` gives for ``tally[i]`` times ``values[i]``,
    in integers where the values are whole (``whole``: their integers)."""
    count = sum(tally)
    if not count:
        return None
    rule = indicator.combine
    if whole is not None:
        total = Fraction(sum(map(operator.mul, whole, tally)))
    else:
        total = sum((value * n for value, n in zip(values, tally, strict=False) if n), _ZERO)
    low = high = None
    present = [value for value, n in zip(values, tally, strict=False) if n]
    if rule is Combine.MIN or rule is Combine.MAX:
        low, high = min(present), max(present)
    histogram = None
    if rule is Combine.MEDIAN:
        histogram = dict(sorted((value, n) for value, n in zip(values, tally, strict=False) if n))
    return IndicatorStats(
        count=count,
        total=total,
        low=low,
        high=high,
        histogram=histogram,
        undated=count if rule is Combine.LATEST else 0,
        rule=rule,
    )

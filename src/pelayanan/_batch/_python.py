"""The ``python`` engine: streaming, no extra dependency, no object per answer.

Long-layout rows are evidence items already (one per row) and go through
:func:`pelayanan._scoring.reduce`. Survey tables are read by the survey reader
(:func:`~pelayanan._readers.survey_layout.survey_responses`: header aliases, answers in
words or letters, respondent attributes, its problems and warnings), with a counter that
takes over the rows it can vouch for: a full row whose unit and answer cells are texts
already read and accepted, from a new respondent. The counter is a filter between the rows
and the reader (:data:`~pelayanan._readers.survey_layout.FastRows`): it counts the rows it
takes and passes every other one on, in file order. A counted row costs a few dict look-ups
and integer additions (see :class:`SurveyCounter`); no object is made per answer. Each
distinct cell text is read on its scale once (by the reader's own
:func:`~pelayanan._readers.survey_columns.answer_level`), and any other row (a new text, a
blank or bad cell, a repeated respondent, a short row) is read by the reader itself, so
problems and warnings are worded in one place.

The repeated-respondent check of a counted row is
:meth:`~pelayanan._readers.respondents.RespondentIndex.first` written out inline (a call per
row cost more than the check): it only ever *takes* an id that is surely new (not in its
part in memory before the first spill; "never seen" by the Bloom filter after), records it
as ``first`` would, and leaves every doubtful id to the reader, whose ``first`` looks
exactly. The index's ``room`` is kept in a local and handed back before any row goes to the
reader, so both always see the same index.
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
from pelayanan._model.scales import BooleanScale, OrdinalScale
from pelayanan._model.units import UnitTree
from pelayanan._readers.long_layout import read_long
from pelayanan._readers.respondents import PART, Bloom, RespondentIndex, respondent_key
from pelayanan._readers.survey_columns import answer_level
from pelayanan._readers.survey_layout import FastRows, SurveyPlan, read_survey, survey_responses
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

_BLOCK, _BLOCK_SHIFT, _MASK, _MASK_SHIFT = (
    Bloom.BLOCK,
    Bloom.BLOCK_SHIFT,
    Bloom.MASK,
    Bloom.MASK_SHIFT,
)
_BITS = 64
"""Bits of one field of a unit's integer in sums (see :class:`SurveyCounter`)."""
_FIELD = (1 << _BITS) - 1
_ROW_LIMIT = 1 << 40
"""Rows from this row number on go to the reader (so no field of the sums can overflow)."""
_LEVEL_LIMIT = 1 << 20
"""Levels counted in sums are below this."""
_ZERO = Fraction(0)
_LEARNED = 4096
"""Most distinct cell texts per answer column the counter remembers as good."""
_GROUP_CACHE = 4096
"""Most combinations of texts a group of answer columns caches (sums); a row with another
combination is summed cell by cell."""


def _bloom(index: RespondentIndex) -> tuple[memoryview | None, tuple[int, ...]]:
    """The words and masks of the index's Bloom filter (``None`` words: no filter yet)."""
    bloom = index.bloom
    return (None, ()) if bloom is None else (bloom.words, bloom.masks)


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

    def reduced(items: Iterable[Evidence]) -> Reduction:
        return reduce(rubric, items if records is None else recording(items, records), units)

    opened = open_table(context, rows, layout)
    if opened is None:
        return Reduction()
    chosen, header, body = opened
    if chosen == "long":
        return reduced(read_long(context, header, body))
    if not text:
        return reduced(read_survey(context, header, body))
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

    plain = reduced(evidence())
    if not counter.active:
        return plain
    counted = counter.reduction()
    counted.problems.extend(plain.problems)  # none: the reader checked every answer
    return counted


class SurveyCounter:
    """Counts the answers of a survey table per unit (see the module).

    :meth:`plan` is the survey reader's ``fast`` hook; rows the reader reads itself come
    back through :meth:`add_response`; :meth:`reduction` turns the counts into statistics.

    The counter works in one of two ways, chosen per header:

    * **sums** (every answer column combines by ``mean`` on a scale whose levels are whole
      numbers from 0 to 2 ** 20: SKM, checklists): a unit's counts are *one integer* made of
      64-bit fields, field 0 the rows counted and field ``k + 1`` the sum of the levels of
      answer column ``k``. Each cell text is learned once as its level shifted into its
      column's field, so a row adds ``1 + the sum of its cells' numbers`` to its unit's
      integer. The columns go in groups of up to three, each with a cache from the tuple of
      its texts to their sum, so a row of nine answers costs three lookups and four integer
      additions, no Python step per answer. No field can carry into the next: rows
      are counted only while the row number is below 2 ** 40, so a field holds less than
      2 ** 40 rows, or 2 ** 60 for a sum of levels below 2 ** 20. A mean needs nothing more
      (count and exact total).
    * **levels** (otherwise: ``median``, ``min``, ``max``, fractional or negative levels):
      each (column, cell text) gets a code and a unit keeps a dict code -> count, filled by
      ``collections._count_elements`` in C; :meth:`reduction` turns codes into levels.
    """

    def __init__(self, rubric: Rubric, context: TableContext) -> None:
        self.rubric = rubric
        self.context = context
        self.indicators = {indicator.id: indicator for indicator in rubric.indicators()}
        self.elements: list[str] = []
        self.sums = False
        """Whether the counter counts in sums (else in levels; see the class)."""
        self.parsed: list[dict[str, Fraction]] = []
        """Per answer column: cell text -> its level (every text the counter learned)."""
        self.packed: dict[str, list[int]] = {}
        """Sums: unit -> ``[its integer of fields]``."""
        self.by_text: dict[str, dict[int, int]] = {}
        """Levels: unit -> code -> count."""
        self.code_of: list[tuple[int, str]] = []
        """Levels: code -> (answer column, cell text): what the counters of :attr:`by_text`
        count."""
        self.by_value: dict[str, dict[tuple[str, Fraction], int]] = {}
        """Rows the reader read: unit -> (element, level) -> count."""
        self.active = False
        """Whether :meth:`plan` took the header (then rows read by the reader are counted
        through :meth:`add_response`)."""

    def plan(self, plan: SurveyPlan) -> FastRows | None:
        """The fast row filter for this header (see :data:`FastRows`), or ``None`` when the
        reader reads every row (provenance columns, answers without an indicator or combined
        by ``latest``). Every cell is a ``str`` (CSV): :func:`reduce_rows` uses the counter
        only then."""
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
        sums = self.sums = all(_sums_fit(indicator) for indicator in chosen)
        positions = [position - 1 for position, _, _ in answers]
        single = len(positions) == 1
        pick = operator.itemgetter(*positions)
        getitem = operator.getitem
        numbers: list[dict[str, int]] = [{} for _ in positions]
        """Per answer column: cell text -> its number (sums: the level shifted into the
        column's field; levels: its code)."""
        size = _group_size(chosen)
        groups: list[tuple[dict[Any, int], Callable[[Sequence[str]], Any], range]] = [
            (
                {},
                operator.itemgetter(*positions[start : start + size]),
                range(start, min(start + size, len(positions))),
            )
            for start in range(0, len(positions), size)
        ]
        """Sums: the answer columns in groups of ``size``, each with its cache: the texts of
        the group's cells (one text, or a tuple) -> the sum of their numbers."""
        known_units: dict[str, tuple[Any, str]] = {}
        unit_index = plan.unit_col - 1
        respondent_index = None if plan.respondent_col is None else plan.respondent_col - 1
        index = plan.rows.respondents
        width = plan.width
        tree = self.context.units
        decimal_comma = self.context.decimal_comma

        def learn_unit(cell: str) -> tuple[Any, str] | None:
            """The counts and respondent key prefix of a unit cell the reader would accept
            (``None``: the reader reads the row; a unit holding ``\\0`` has keys of
            another form)."""
            unit = cell.strip()
            if not unit or "\0" in unit:
                return None
            if tree is not None and (unit not in tree or not tree.is_leaf(unit)):
                return None
            counts: Any
            if sums:
                counts = self.packed.get(unit)
                if counts is None:
                    counts = self.packed[unit] = [0]
            else:
                counts = self.by_text.get(unit)
                if counts is None:
                    counts = self.by_text[unit] = {}
            known = known_units[cell] = (counts, respondent_key(unit, ""))
            return known

        def learn_cell(column: int, cell: str) -> int | None:
            """The number of one answer cell, read on its scale the first time (``None``: a
            blank or bad cell, a level the sums cannot hold, or too many texts)."""
            known = numbers[column]
            number = known.get(cell)
            if number is not None:
                return number
            if len(known) >= _LEARNED or not cell.strip():
                return None
            try:
                value = answer_level(chosen[column], cell.strip(), decimal_comma=decimal_comma)
            except ValueError:
                return None
            if sums:
                if value.denominator != 1 or not 0 <= value < _LEVEL_LIMIT:
                    return None
                number = value.numerator << _BITS * (column + 1)
            else:
                number = len(self.code_of)
                self.code_of.append((column, cell))
            known[cell] = number
            self.parsed[column][cell] = value
            return number

        def learn_row(cells: Sequence[str]) -> Any:
            """What the row adds to its unit (sums: the integer; levels: the tuple of
            codes), learning texts and groups not seen before; ``None``: the reader reads
            the row."""
            if not sums:
                key = (pick(cells),) if single else pick(cells)
                codes = [learn_cell(column, cell) for column, cell in enumerate(key)]
                return None if None in codes else tuple(codes)
            found = 1
            for cache, key_of, columns in groups:
                key = key_of(cells)
                number = cache.get(key)
                if number is None:
                    number = 0
                    for column, cell in zip(
                        columns, key if len(columns) > 1 else (key,), strict=True
                    ):
                        learned = learn_cell(column, cell)
                        if learned is None:
                            return None
                        number += learned
                    if len(cache) < _GROUP_CACHE:
                        cache[key] = number
                found += number
            return found

        def counted(
            body: Iterable[tuple[int, Sequence[str]]],
        ) -> Iterator[tuple[int, Sequence[str]]]:
            # The index's state in locals, handed back before a row goes to the reader
            # (whose check may add an id or spill) and read again after.
            parts, room, words, masks = index.parts, index.room, *_bloom(index)
            for number, cells in body:
                if len(cells) == width and number < _ROW_LIMIT:
                    known = known_units.get(cells[unit_index]) or learn_unit(cells[unit_index])
                    if known is not None:
                        # What the row adds to its unit; a text (or group of texts) not
                        # seen before raises KeyError.
                        try:
                            found: Any
                            if sums:  # 1 for the row, and a cached number per group
                                found = 1
                                for cache, key_of, _columns in groups:
                                    found += cache[key_of(cells)]
                            else:  # one C-level pass: each cell's code in its column
                                key = (pick(cells),) if single else pick(cells)
                                found = tuple(map(getitem, numbers, key))
                        except KeyError:
                            found = learn_row(cells)
                        if found is None:
                            new = False
                        elif respondent_index is None:
                            new = True
                        elif not (respondent := cells[respondent_index].strip()):
                            new = True  # no id: nothing to check
                        else:
                            # RespondentIndex.first, inline, taking only an id surely new.
                            rkey = known[1] + respondent
                            code = hash(rkey)
                            part = parts[code & PART]
                            if words is None:  # nothing on disk yet: the part decides
                                new = rkey not in part
                            else:  # the Bloom filter holds every id: Bloom.add, inline
                                block = code >> _BLOCK_SHIFT & _BLOCK
                                mask = masks[code >> _MASK_SHIFT & _MASK]
                                word = words[block]
                                new = word & mask != mask
                                if new:
                                    words[block] = word | mask
                            if new:
                                part[rkey] = number
                                room -= 1
                                if room <= 0:
                                    index.room = room
                                    index.spill()
                                    room, words, masks = index.room, *_bloom(index)
                        if new:
                            if sums:
                                known[0][0] += found
                            else:
                                _count_elements(known[0], found)
                            continue
                index.room = room
                yield number, cells
                room, words, masks = index.room, *_bloom(index)

        return counted  # type: ignore[return-value]

    def add_response(self, unit: str, answers: Sequence[tuple[str, Fraction]]) -> None:
        """Count the answers of a row the reader read itself."""
        counts = self.by_value.get(unit)
        if counts is None:
            counts = self.by_value[unit] = {}
        _count_elements(counts, answers)

    def reduction(self) -> Reduction:
        """The statistics of every unit counted."""
        return self._sums() if self.sums else self._levels()

    def _sums(self) -> Reduction:
        """Sums: each unit's fields read out, plus the rows the reader read."""
        elements = self.elements
        found: dict[str, dict[str, list[Any]]] = {}
        for unit, (packed,) in self.packed.items():
            rows = packed & _FIELD
            found[unit] = {
                element: [rows, packed >> _BITS * (k + 1) & _FIELD]
                for k, element in enumerate(elements)
            }
        for unit, answered in self.by_value.items():
            per = found.setdefault(unit, {})
            for (element, value), n in answered.items():
                both = per.setdefault(element, [0, 0])
                both[0] += n
                both[1] += value * n
        reduction = Reduction()
        exact: dict[Any, Fraction] = {}  # one Fraction per distinct total (they repeat)
        for unit, per in found.items():
            for element, (count, total) in per.items():
                if not count:
                    continue
                fraction = exact.get(total)
                if fraction is None:
                    fraction = exact[total] = Fraction(total)
                reduction.units[unit] = None
                reduction.stats[(unit, element)] = IndicatorStats(
                    count=count, total=fraction, rule=Combine.MEAN
                )
                reduction.count += count
        return reduction

    def _levels(self) -> Reduction:
        """Levels: each distinct text read on its scale once; the counts are added as
        integers per level."""
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
                _tally(per, self.elements[k], by_text[k][text], n)
        for unit, answered in self.by_value.items():
            per = tallies.setdefault(unit, {})
            for (element, value), n in answered.items():
                _tally(per, element, level(element, value), n)
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


def _tally(per: dict[str, list[int]], element: str, index: int, n: int) -> None:
    """Add ``n`` to the count of level ``index`` of ``element`` in ``per``."""
    tally = per.setdefault(element, [])
    if index >= len(tally):
        tally.extend([0] * (index + 1 - len(tally)))
    tally[index] += n


def _group_size(indicators: Sequence[Indicator]) -> int:
    """Answer columns per group in sums: as many as keep the combinations of their texts
    (each level written a few ways: digit, letter, words) within :data:`_GROUP_CACHE`."""
    most = max(
        len(scale.levels) if isinstance(scale := indicator.scale, OrdinalScale) else 2
        for indicator in indicators
    )
    return 3 if most <= 6 else 2 if most <= 24 else 1


def _sums_fit(indicator: Indicator) -> bool:
    """Whether ``indicator`` is counted in sums: combined by ``mean`` on a boolean scale or
    an ordinal one whose levels are whole numbers from 0 up to (not including) 2 ** 20."""
    if indicator.combine is not Combine.MEAN:
        return False
    scale = indicator.scale
    if isinstance(scale, BooleanScale):
        return True
    return isinstance(scale, OrdinalScale) and all(
        level.value.denominator == 1 and 0 <= level.value < _LEVEL_LIMIT for level in scale.levels
    )


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

"""Mergeable statistics: what the reduce step keeps per (unit, indicator).

Scoring is split in two. *Reduce* turns evidence into one :class:`IndicatorStats` per
(unit, indicator) and a :class:`Reduction` holding them; *finish*
(:func:`pelayanan._scoring.engine.finish`) scores units from the statistics alone. Statistics
merge: :meth:`IndicatorStats.merge` and :meth:`Reduction.merge` are associative and
commutative, and an empty value is their identity, so evidence can be reduced in parts (file
by file, partition by partition, on different machines) and merged in any grouping.

The statistics are exact: counts are integers and the sum of values is a
:class:`~fractions.Fraction` (an integer for ordinal and boolean scales with integer levels).
Besides the count and the sum, each keeps what its indicator's ``combine`` rule needs and
nothing more, so that an engine computes no aggregate it does not use: the smallest and
largest value for ``min`` and ``max``, a histogram of values (one count per level on an
ordinal scale) for ``median``, and the latest dated value for ``latest``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from pelayanan._model.policies import Combine
from pelayanan._model.rubric import Indicator
from pelayanan._scoring.errors import ScoringProblem

__all__ = ["IndicatorStats", "Reduction", "keeps_histogram", "when_key"]

_ZERO = Fraction(0)


def when_key(when: dt.date | dt.datetime) -> dt.datetime:
    """A naive UTC datetime that orders dates and times (aware or naive) together.

    A date is its midnight; an aware time is converted to UTC; a naive time is taken as is.
    """
    if isinstance(when, dt.datetime):
        if when.tzinfo is None:
            return when
        return when.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(when, dt.time())


def keeps_histogram(indicator: Indicator) -> bool:
    """Whether the statistics of ``indicator`` keep a histogram of values: only when it
    combines by ``median``, the one rule that needs every value (for an ordinal scale the
    histogram has one count per level)."""
    return indicator.combine is Combine.MEDIAN


def _later(
    a: tuple[dt.datetime, Fraction] | None, b: tuple[dt.datetime, Fraction] | None
) -> tuple[dt.datetime, Fraction] | None:
    """The later of two dated values; on equal times the higher value (order-free)."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _low(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return b if a is None else a if b is None else min(a, b)


def _high(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return b if a is None else a if b is None else max(a, b)


@attrs.define(eq=True)
class IndicatorStats:
    """The evidence of one indicator for one unit, reduced.

    Attributes:
        count: values read (not counting not-applicable markers or refused values).
        total: the exact sum of those values.
        low, high: the smallest and largest value (kept for ``min`` and ``max``).
        histogram: value -> how many times it was read (kept for ``median``, see
            :func:`keeps_histogram`).
        latest: ``(when, value)`` of the latest dated value; when several share the latest
            time, the highest value among them (so the result does not depend on order).
        undated: values read without a ``collected_at`` (``latest`` needs one on every item).
        rule: the indicator's combine rule, which decides what is kept.
        not_applicable: not-applicable markers.
        invalid: values refused by the scale (they are reported; not counted as missing).
    """

    count: int = 0
    total: Fraction = _ZERO
    low: Fraction | None = None
    high: Fraction | None = None
    histogram: dict[Fraction, int] | None = None
    latest: tuple[dt.datetime, Fraction] | None = None
    undated: int = 0
    not_applicable: int = 0
    invalid: int = 0
    rule: Combine = Combine.MEAN

    @classmethod
    def empty(cls, indicator: Indicator) -> IndicatorStats:
        """The identity of :meth:`merge` for ``indicator``."""
        return cls(histogram={} if keeps_histogram(indicator) else None, rule=indicator.combine)

    @classmethod
    def of_counts(
        cls,
        indicator: Indicator,
        counts: Mapping[Fraction, int],
        *,
        not_applicable: int = 0,
        invalid: int = 0,
    ) -> IndicatorStats:
        """Statistics of undated values given as value -> count (what the fast engines
        produce: integer counts per answer level)."""
        kept = {value: n for value, n in counts.items() if n}
        values = sorted(kept)
        count = sum(kept.values())
        rule = indicator.combine
        bounds = rule in (Combine.MIN, Combine.MAX) and bool(values)
        if all(value.denominator == 1 for value in values):
            total = Fraction(sum(value.numerator * n for value, n in kept.items()))
        else:
            total = sum((value * n for value, n in kept.items()), _ZERO)
        return cls(
            count=count,
            total=total,
            low=values[0] if bounds else None,
            high=values[-1] if bounds else None,
            histogram=dict(sorted(kept.items())) if keeps_histogram(indicator) else None,
            latest=None,
            undated=count if rule is Combine.LATEST else 0,
            not_applicable=not_applicable,
            invalid=invalid,
            rule=rule,
        )

    def add(self, value: Fraction, when: dt.date | None = None, times: int = 1) -> None:
        """Add a value read on the scale ``times`` times (``when``: its ``collected_at``)."""
        self.count += times
        self.total += value * times if times != 1 else value
        rule = self.rule
        if rule is Combine.MEAN:
            return
        if rule is Combine.MIN or rule is Combine.MAX:
            if self.low is None or value < self.low:
                self.low = value
            if self.high is None or value > self.high:
                self.high = value
        elif self.histogram is not None:
            self.histogram[value] = self.histogram.get(value, 0) + times
        elif when is None:
            self.undated += times
        else:
            self.latest = _later(self.latest, (when_key(when), value))

    def merge(self, other: IndicatorStats) -> IndicatorStats:
        """The statistics of both parts' evidence together (a new object)."""
        merged = self.copy()
        merged.absorb(other)
        return merged

    def absorb(self, other: IndicatorStats) -> None:
        """Merge ``other`` into these statistics in place."""
        self.count += other.count
        self.total += other.total
        self.low = _low(self.low, other.low)
        self.high = _high(self.high, other.high)
        if other.histogram is not None:
            histogram = self.histogram if self.histogram is not None else {}
            for value, n in other.histogram.items():
                histogram[value] = histogram.get(value, 0) + n
            self.histogram = histogram
        self.latest = _later(self.latest, other.latest)
        self.undated += other.undated
        self.not_applicable += other.not_applicable
        self.invalid += other.invalid

    def copy(self) -> IndicatorStats:
        """An independent copy (the histogram is copied too)."""
        histogram = None if self.histogram is None else dict(self.histogram)
        return attrs.evolve(self, histogram=histogram)

    def combined(self, rule: Combine) -> Fraction | None:
        """The combined value under ``rule``; ``None`` when there is none (no values, or
        ``latest`` with an undated value)."""
        if not self.count:
            return None
        if rule is Combine.MEAN:
            return self.total / self.count
        if rule is Combine.MIN:
            return self.low
        if rule is Combine.MAX:
            return self.high
        if rule is Combine.MEDIAN:
            assert self.histogram is not None, "median needs the histogram"
            return _median(self.histogram, self.count)
        if self.undated or self.latest is None:
            return None
        return self.latest[1]


def _median(histogram: Mapping[Fraction, int], count: int) -> Fraction:
    """The middle value (mean of the two middle ones for an even count) from counts."""
    wanted = [count // 2] if count % 2 else [count // 2 - 1, count // 2]
    found: list[Fraction] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return sum(found, _ZERO) / len(found)


@attrs.define(eq=True)
class Reduction:
    """Everything reduce makes of a body of evidence; finish needs nothing else.

    Attributes:
        stats: (unit, indicator) -> statistics, for every pair that had any evidence.
        units: unit ids with evidence, in order of first appearance (for scoring without a
            unit tree: one root per unit).
        problems: what was wrong with the evidence (unknown indicators or units, values the
            scale refuses, not-applicable markers where not allowed); scored only when empty.
        count: evidence items read (values, markers and refused ones alike).
    """

    stats: dict[tuple[str, str], IndicatorStats] = attrs.field(factory=dict)
    units: dict[str, None] = attrs.field(factory=dict)
    problems: list[ScoringProblem] = attrs.field(factory=list)
    count: int = 0

    def merge(self, other: Reduction) -> Reduction:
        """Both parts together: statistics merged pair by pair, problems and counts added.

        Unit order is this part's, then the other's new units; problems are concatenated
        (so merging keeps the order of files when parts are merged in order).
        """
        return Reduction.merge_all([self, other])

    @classmethod
    def merge_all(cls, parts: Iterable[Reduction]) -> Reduction:
        """All parts merged in order (the empty reduction when there are none), in place, so
        many large parts merge in linear time (the parts are not changed)."""
        result = cls()
        stats = result.stats
        for part in parts:
            for key, given in part.stats.items():
                mine = stats.get(key)
                if mine is None:
                    stats[key] = given.copy()
                else:
                    mine.absorb(given)
            result.units.update(part.units)
            result.problems.extend(part.problems)
            result.count += part.count
        return result

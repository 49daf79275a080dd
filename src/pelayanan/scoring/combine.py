"""Combining several evidence values for one indicator and unit, one item at a time.

Accumulators keep only what their rule needs (a sum and a count for the mean), so a stream of
a million survey answers is combined without holding the answers in memory; only ``median``
keeps every value.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from pelayanan.model.policies import Combine

__all__ = ["Accumulator"]

_NO_DATE = dt.datetime.min


def _sort_key(when: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(when, dt.datetime):
        return (
            when.replace(tzinfo=None)
            if when.tzinfo is None
            else when.astimezone(dt.UTC).replace(tzinfo=None)
        )
    return dt.datetime.combine(when, dt.time())


class Accumulator:
    """Collects values for one (unit, indicator) and yields their combination."""

    __slots__ = (
        "_best",
        "_latest",
        "_sum",
        "_values",
        "count",
        "invalid",
        "missing_dates",
        "not_applicable",
        "rule",
    )

    def __init__(self, rule: Combine) -> None:
        self.rule = rule
        self.count = 0
        self.not_applicable = 0
        self.invalid = 0
        self.missing_dates = 0
        self._sum = Fraction(0)
        self._best: Fraction | None = None
        self._latest: tuple[dt.datetime, int] | None = None
        self._values: list[Fraction] = []

    def add(self, value: Fraction, when: dt.date | None = None) -> None:
        """Add one parsed value (``when`` is used by ``latest``)."""
        self.count += 1
        rule = self.rule
        if rule is Combine.MEAN:
            self._sum += value
        elif rule is Combine.MEDIAN:
            self._values.append(value)
        elif rule is Combine.MIN:
            self._best = value if self._best is None else min(self._best, value)
        elif rule is Combine.MAX:
            self._best = value if self._best is None else max(self._best, value)
        else:
            if when is None:
                self.missing_dates += 1
                return
            key = (_sort_key(when), self.count)
            if self._latest is None or key >= self._latest:
                self._latest = key
                self._best = value

    def add_not_applicable(self) -> None:
        """Count a not-applicable marker."""
        self.not_applicable += 1

    def result(self) -> Fraction | None:
        """The combined value, ``None`` when no value was added."""
        if self.count == 0:
            return None
        rule = self.rule
        if rule is Combine.MEAN:
            return self._sum / self.count
        if rule is Combine.MEDIAN:
            values = sorted(self._values)
            middle = len(values) // 2
            if len(values) % 2:
                return values[middle]
            return (values[middle - 1] + values[middle]) / 2
        return self._best

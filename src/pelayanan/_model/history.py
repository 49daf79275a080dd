"""Published scores of past years, each placed under the zone scheme in force that year.

The Ombudsman's method changed (2015 by level, 2016-2019, 2021, 2022-2024), so scores of
different years are not on one scale: 80.00 was kuning in 2019 and hijau (B) in 2023. A
:class:`History` keeps every score with the scheme that classified it, and marks where the
method changed, so a trend compares zones across a change and scores only within a method.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import Decimal

import attrs

from pelayanan._i18n import N_
from pelayanan._model.ids import check_id, check_unit_id
from pelayanan._model.methods import DEFAULT_SERIES, scheme_for_year
from pelayanan._model.problems import InvalidValueError, Message
from pelayanan._model.zones import Classification, ZoneScheme

__all__ = ["History", "HistoryEntry", "HistoryPoint", "MethodChange", "classify_history"]


@attrs.frozen
class HistoryEntry:
    """One published score: unit, year, score, and optionally its level, name and zone."""

    unit: str = attrs.field(validator=check_unit_id)
    year: int
    score: Decimal
    level: str | None = None
    name: str | None = None
    zone: str | None = attrs.field(default=None, validator=attrs.validators.optional(check_id))
    """The zone as published; when given it must agree with the classification."""


@attrs.frozen
class HistoryPoint:
    """An entry classified under its year's scheme."""

    entry: HistoryEntry
    scheme: ZoneScheme
    classification: Classification


@attrs.frozen
class MethodChange:
    """Between ``before`` and ``after`` (years) the scheme changed from one to the other."""

    before: int
    after: int
    old: str
    new: str
    """``id@version`` of the schemes."""


@attrs.frozen
class History:
    """Every classified point, by unit then year."""

    points: tuple[HistoryPoint, ...]
    series: str = DEFAULT_SERIES

    @property
    def units(self) -> tuple[str, ...]:
        """The units, in the order they first appear."""
        return tuple(dict.fromkeys(p.entry.unit for p in self.points))

    @property
    def years(self) -> tuple[int, ...]:
        """Every year with a score, in order."""
        return tuple(sorted({p.entry.year for p in self.points}))

    def of(self, unit: str) -> tuple[HistoryPoint, ...]:
        """The points of ``unit``, by year."""
        return tuple(p for p in self.points if p.entry.unit == unit)

    def changes(self, unit: str | None = None) -> tuple[MethodChange, ...]:
        """Where the method changed between consecutive years with scores (of ``unit``, or
        of the first unit of each year when ``None``: the city-wide column marks)."""
        per_year: dict[int, str] = {}
        for point in self.points if unit is None else self.of(unit):
            per_year.setdefault(point.entry.year, point.scheme.ref)
        years = sorted(per_year)
        return tuple(
            MethodChange(a, b, per_year[a], per_year[b])
            for a, b in itertools.pairwise(years)
            if per_year[a] != per_year[b]
        )


def classify_history(
    entries: Iterable[HistoryEntry],
    schemes: Iterable[ZoneScheme],
    *,
    series: str = DEFAULT_SERIES,
) -> History:
    """Classify each entry under the scheme of its year and level.

    Raises:
        NoMethodError: a year without a known method (the message names the known years),
            or 2015 without a level.
        InvalidValueError: a score outside its scheme's scale, or a published zone that disagrees.
    """
    pool = tuple(schemes)
    points = []
    for entry in entries:
        scheme = scheme_for_year(pool, entry.year, entry.level, series=series)
        found = scheme.classify(entry.score)
        if entry.zone is not None and entry.zone != found.zone.id:
            message = N_(
                "{unit} {year}: the published zone is {zone!r}, but {score} is {found!r} under "
                "{scheme}"
            )
            values = {
                "unit": entry.unit,
                "year": entry.year,
                "zone": entry.zone,
                "score": str(found.score),
                "found": found.zone.id,
                "scheme": scheme.ref,
            }
            raise InvalidValueError(Message(message, values))
        points.append(HistoryPoint(entry, scheme, found))
    points.sort(key=lambda p: p.entry.year)
    order = {unit: i for i, unit in enumerate(dict.fromkeys(p.entry.unit for p in points))}
    points.sort(key=lambda p: order[p.entry.unit])
    return History(tuple(points), series)

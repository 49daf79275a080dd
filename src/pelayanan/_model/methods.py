"""Which zone scheme applies to a year: the one place that answers it.

The Ombudsman's compliance method changed over the years (2015 with one table per kind of
agency, 2016-2019, no round in 2020, 2021, 2022-2024, an unpublished method from 2025). A
published score is classified under the table of its year, never under today's. The facts
live in the zone-scheme files (their ``applies`` entries); this module only reads them::

    scheme = scheme_for_year(registry.zone_schemes(), 2017)          # ombudsman-2016
    scheme = scheme_for_year(registry.zone_schemes(), 2015, "kota")  # ombudsman-2015-pemda

:meth:`pelayanan.plugins.Registry.scheme_for_year` is the same with the registry's schemes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from pelayanan._i18n import N_, gettext
from pelayanan._model.problems import Message, PelayananError
from pelayanan._model.zones import ZoneScheme

__all__ = [
    "DEFAULT_SERIES",
    "NoMethodError",
    "describe_methods",
    "known_years",
    "method_table",
    "scheme_for_year",
    "year_ranges",
]

DEFAULT_SERIES = "ombudsman"
"""The assessment series asked about when none is named: the Ombudsman's compliance rounds."""


class NoMethodError(PelayananError, ValueError):
    """No zone scheme is known for a year (or for a year and level).

    Attributes:
        year, level, series: what was asked.
        known: the years that do have a scheme in this series.
    """

    def __init__(
        self,
        message: object,
        *,
        year: int,
        level: str | None,
        series: str,
        known: tuple[int, ...],
    ) -> None:
        super().__init__(message)
        self.year = year
        self.level = level
        self.series = series
        self.known = known


def year_ranges(years: Iterable[int]) -> str:
    """``2015, 2016-2019, 2021`` style text for a set of years (consecutive runs joined)."""
    runs = itertools.groupby(enumerate(sorted(set(years))), lambda pair: pair[1] - pair[0])
    parts = [[year for _, year in run] for _, run in runs]
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in parts)


def _entries(
    schemes: Iterable[ZoneScheme], series: str
) -> list[tuple[ZoneScheme, tuple[int, ...], tuple[str, ...]]]:
    found = []
    for scheme in schemes:
        for applies in scheme.applies:
            if applies.series == series:
                found.append((scheme, applies.years, applies.levels))
    return found


def known_years(schemes: Iterable[ZoneScheme], series: str = DEFAULT_SERIES) -> tuple[int, ...]:
    """Every year some scheme of ``series`` applies to, in order."""
    return tuple(sorted({y for _, years, _ in _entries(schemes, series) for y in years}))


def method_table(
    schemes: Iterable[ZoneScheme], series: str = DEFAULT_SERIES
) -> list[tuple[str, tuple[ZoneScheme, ...]]]:
    """The known years grouped by the schemes in force: ``[("2016-2019", (scheme,)), ...]``,
    in year order; a year with one scheme per level lists all of them."""
    per_year: dict[int, list[ZoneScheme]] = {}
    for scheme, years, _ in _entries(schemes, series):
        for year in years:
            if scheme not in per_year.setdefault(year, []):
                per_year[year].append(scheme)
    groups: list[tuple[list[int], tuple[ZoneScheme, ...]]] = []
    for year in sorted(per_year):
        chosen = tuple(sorted(per_year[year], key=lambda s: s.ref))
        if groups and groups[-1][1] == chosen and groups[-1][0][-1] == year - 1:
            groups[-1][0].append(year)
        else:
            groups.append(([year], chosen))
    return [(year_ranges(years), chosen) for years, chosen in groups]


def describe_methods(schemes: Iterable[ZoneScheme], series: str = DEFAULT_SERIES) -> str:
    """``2015 (ombudsman-2015-kementerian, ombudsman-2015-pemda; by level), 2016-2019
    (ombudsman-2016), ...``: the known years and their schemes, for messages."""
    parts = []
    for years, chosen in method_table(schemes, series):
        names = ", ".join(s.id for s in chosen)
        by_level = gettext("; by level") if len(chosen) > 1 else ""
        parts.append(f"{years} ({names}{by_level})")
    return ", ".join(parts) if parts else gettext("none")


def scheme_for_year(
    schemes: Iterable[ZoneScheme],
    year: int,
    level: str | None = None,
    *,
    series: str = DEFAULT_SERIES,
) -> ZoneScheme:
    """The zone scheme that classified the published scores of ``year``.

    Args:
        schemes: the schemes to choose from (e.g. ``registry.zone_schemes()``).
        year: the assessment year.
        level: the kind of agency (``pemda``, ``provinsi``, ``kota``, ``kabupaten``,
            ``kementerian``, ``lembaga``, ...). Needed only for a year with one table per
            level (2015); ignored for a year with a single table. Case is ignored.
        series: the assessment series (default ``ombudsman``).

    Raises:
        NoMethodError: no scheme for the year (the message names the known years), a level
            is needed but missing or not one of the year's levels, or two schemes claim the
            same year and level.
    """
    pool = list(schemes)
    entries = [(s, levels) for s, years, levels in _entries(pool, series) if year in years]
    known = known_years(pool, series)

    def fail(message: str, **values: object) -> NoMethodError:
        filled = Message(message, {"series": series, "year": year, **values})
        return NoMethodError(filled, year=year, level=level, series=series, known=known)

    if not entries:
        raise fail(
            N_(
                "no {series} method is known for {year}; known years: {methods}. A year "
                "without a round, or whose method is not published, has no zone scheme."
            ),
            methods=describe_methods(pool, series),
        )
    general = [s for s, levels in entries if not levels]
    wanted = level.strip().lower() if level else None
    by_level = [s for s, levels in entries if wanted is not None and wanted in levels]
    choices = by_level or general
    if not choices:
        names = sorted({lv for _, levels in entries for lv in levels})
        if wanted is None:
            raise fail(
                N_(
                    "{year} has one {series} zone table per level; give the level (one of: {names})"
                ),
                names=", ".join(names),
            )
        raise fail(
            N_("{year} has no {series} zone table for level {level!r}; levels: {names}"),
            level=level,
            names=", ".join(names),
        )
    unique = {s.ref: s for s in choices}
    if len(unique) > 1:
        if wanted is None:
            raise fail(
                N_("more than one {series} zone scheme claims {year}: {schemes}"),
                schemes=", ".join(sorted(unique)),
            )
        raise fail(
            N_("more than one {series} zone scheme claims {year} and level {level!r}: {schemes}"),
            level=wanted,
            schemes=", ".join(sorted(unique)),
        )
    return next(iter(unique.values()))

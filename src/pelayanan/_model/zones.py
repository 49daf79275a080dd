"""Zone schemes: ordered bands on a score scale, each mapped onto a zone (merah/kuning/hijau).

Classification follows the published-score rule: round the score (half-up to two decimals by
default), then find the band whose inclusive lower bound is the largest not above it. Bands
are half-open ``[lower, next_lower)``, so a table printed with gaps (``64.99`` / ``65.00``)
still places every score in range, and ``76.605`` rounds to ``76.61`` before it is placed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._model.ids import check_id
from pelayanan._model.metadata import Metadata
from pelayanan._model.numbers import Rounding, exact_to_str, to_exact
from pelayanan._model.text import Text, to_text

__all__ = ["Applies", "Band", "Classification", "Zone", "ZoneScheme"]


def _exact(value: object) -> Fraction:
    return to_exact(value, what="bound")


@attrs.frozen
class Zone:
    """A zone such as ``hijau`` (kepatuhan tinggi), with a label and a display colour."""

    id: str = attrs.field(validator=check_id)
    label: Text = attrs.field(converter=to_text)
    colour: str = "#808080"


@attrs.frozen
class Band:
    """A band of a zone scheme: inclusive ``lower`` bound, ``code`` (e.g. ``B``), its zone."""

    lower: Fraction = attrs.field(converter=_exact)
    code: str = attrs.field(validator=check_id)
    label: Text = attrs.field(converter=to_text)
    zone: str = attrs.field(validator=check_id)
    colour: str | None = None
    """Overrides the zone's colour for this band."""


def _years(value: Iterable[int]) -> tuple[int, ...]:
    years = tuple(value)
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
            raise ValueError(f"applies: expected years from 1900 to 2999, got {year!r}")
    if not years:
        raise ValueError("applies: needs at least one year")
    if len(set(years)) != len(years):
        raise ValueError(f"applies: a year is listed twice: {list(years)}")
    return tuple(sorted(years))


def _levels(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Applies:
    """When a scheme is the one in force: an assessment ``series`` (e.g. ``ombudsman``), the
    ``years`` whose published scores it classifies and, when a year had one table per kind of
    agency (2015), the ``levels`` it is for (empty: every level)."""

    series: str = attrs.field(validator=check_id)
    years: tuple[int, ...] = attrs.field(converter=_years)
    levels: tuple[str, ...] = attrs.field(
        default=(), converter=_levels, validator=attrs.validators.deep_iterable(check_id)
    )


def _applies(value: Iterable[Applies]) -> tuple[Applies, ...]:
    return tuple(value)


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(value)


def _zones(value: Iterable[Zone]) -> tuple[Zone, ...]:
    return tuple(value)


@attrs.frozen
class Classification:
    """Where a score falls: the score as published, its band and its zone."""

    score: Decimal
    band: Band
    zone: Zone

    @property
    def colour(self) -> str:
        """The band's colour, else its zone's."""
        return self.band.colour or self.zone.colour


def unpublishable_bound(lower: Fraction, rounding: Rounding) -> str | None:
    """Why no published score can equal ``lower``, or ``None`` when one can.

    Scores are rounded to ``rounding.places`` decimals before they are placed, so a bound
    with more decimals than that (``77.995`` with two places) is never reached exactly and
    the band below it would have no well-defined highest published score.
    """
    scaled = lower * 10**rounding.places
    if scaled.denominator == 1:
        return None
    nearest = Decimal(math.ceil(scaled)).scaleb(-rounding.places)
    return (
        f"the lower bound {exact_to_str(lower)} has more decimals than the {rounding.places} "
        f"that scores are rounded to, so no published score equals it; write {nearest} (the "
        "lowest published score it admits)"
    )


def _check_scheme(scheme: ZoneScheme) -> None:
    problems: list[str] = []
    for band in scheme.bands:
        problem = unpublishable_bound(band.lower, scheme.rounding)
        if problem is not None:
            problems.append(f"band {band.code!r}: {problem}")
    if scheme.maximum <= scheme.minimum:
        problems.append("maximum must exceed minimum")
    if not scheme.bands:
        problems.append("needs at least one band")
    else:
        lowers = [band.lower for band in scheme.bands]
        if lowers != sorted(set(lowers)):
            problems.append("bands must be listed by strictly increasing lower bound (overlap)")
        if lowers[0] != scheme.minimum:
            problems.append(
                f"the first band starts at {exact_to_str(lowers[0])}, not at the scale minimum "
                f"{exact_to_str(scheme.minimum)} (a hole below it)"
            )
        if lowers[-1] > scheme.maximum:
            problems.append("a band starts above the scale maximum")
        codes = [band.code for band in scheme.bands]
        if len(set(codes)) != len(codes):
            problems.append(f"a band code is used twice: {codes}")
    zone_ids = [zone.id for zone in scheme.zones]
    if len(set(zone_ids)) != len(zone_ids):
        problems.append(f"a zone id is used twice: {zone_ids}")
    ranks = []
    for band in scheme.bands:
        if band.zone not in zone_ids:
            problems.append(f"band {band.code!r} names zone {band.zone!r}, which is not declared")
        else:
            ranks.append(zone_ids.index(band.zone))
    if ranks != sorted(ranks):
        problems.append("zones must rise with the bands (zones are listed from lowest to highest)")
    if problems:
        raise ValueError(f"zone scheme {scheme.id!r}: " + "; ".join(problems))


@attrs.frozen
class ZoneScheme:
    """A versioned band table on a bounded scale.

    Attributes:
        minimum, maximum: the scale; classification refuses scores outside it.
        bands: from lowest to highest, each with its inclusive lower bound.
        zones: from lowest (e.g. ``merah``) to highest (``hijau``).
        rounding: applied before classifying (default half-up to 2 decimals).
    """

    id: str = attrs.field(validator=check_id)
    version: str = attrs.field(validator=check_id)
    title: Text = attrs.field(converter=to_text)
    minimum: Fraction = attrs.field(converter=_exact)
    maximum: Fraction = attrs.field(converter=_exact)
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    zones: tuple[Zone, ...] = attrs.field(converter=_zones)
    rounding: Rounding = attrs.field(factory=Rounding)
    clamp: bool = False
    """Place scores outside the scale in the end band instead of refusing them. Meant for
    instruments whose weight variants reach just past the scale (SKM with 0.11 weights gives
    24.75 for a unit answering 1 everywhere, under a 25-100 table)."""
    metadata: Metadata = attrs.field(factory=Metadata)
    applies: tuple[Applies, ...] = attrs.field(default=(), converter=_applies)
    """The assessment years (and levels) this scheme classifies; see
    :func:`pelayanan._model.methods.scheme_for_year`."""

    def __attrs_post_init__(self) -> None:
        _check_scheme(self)

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"

    def zone(self, zone_id: str) -> Zone:
        """The zone ``zone_id``."""
        for zone in self.zones:
            if zone.id == zone_id:
                return zone
        raise KeyError(f"zone scheme {self.ref} has no zone {zone_id!r}")

    def classify(
        self, score: Fraction | Decimal | int | str, *, clamp: bool | None = None
    ) -> Classification:
        """Round ``score`` by :attr:`rounding` and place it in its band.

        Args:
            clamp: whether to clamp a score outside the scale into the end band; by default
                the scheme's :attr:`clamp`. ``pelayanan classify`` passes ``False``: clamping
                is for scores the engine computes, not for scores typed by hand.

        Raises:
            ValueError: if the rounded score lies outside ``[minimum, maximum]`` and is not
                clamped.
        """
        published = self.rounding.apply(to_exact(score, what="score"))
        value = Fraction(published)
        if self.clamp if clamp is None else clamp:
            value = min(max(value, self.minimum), self.maximum)
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"score {published} is outside the scale of zone scheme {self.ref} "
                f"({exact_to_str(self.minimum)} to {exact_to_str(self.maximum)})"
            )
        band = self.bands[0]
        for candidate in self.bands:
            if candidate.lower <= value:
                band = candidate
        return Classification(published, band, self.zone(band.zone))

    def upper(self, band: Band) -> Fraction:
        """The highest published score in ``band`` (next lower bound minus one step)."""
        index = self.bands.index(band)
        if index + 1 == len(self.bands):
            return self.maximum
        return self.bands[index + 1].lower - self.rounding.step()

    def next_band(self, band: Band) -> Band | None:
        """The band just above ``band``, or ``None`` for the top band."""
        index = self.bands.index(band)
        return self.bands[index + 1] if index + 1 < len(self.bands) else None

    def band(self, code: str) -> Band:
        """The band with ``code``."""
        for band in self.bands:
            if band.code == code:
                return band
        raise KeyError(f"zone scheme {self.ref} has no band {code!r}")


def bands_from_table(rows: Iterable[tuple[object, str, str, str]]) -> tuple[Band, ...]:
    """Convenience: ``(lower, code, label, zone)`` rows into bands."""
    return tuple(Band(lower, code, label, zone) for lower, code, label, zone in rows)

"""Zone schemes: ordered bands on a score scale, each mapped onto a zone (merah/kuning/hijau).

Classification follows the published-score rule: round the score (half-up to two decimals by
default), then find the band whose inclusive lower bound is the largest not above it. Bands
are half-open ``[lower, next_lower)``, so a table printed with gaps (``64.99`` / ``65.00``)
still places every score in range, and ``76.605`` rounds to ``76.61`` before it is placed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import N_
from pelayanan._model.ids import check_colour, check_id
from pelayanan._model.metadata import Metadata
from pelayanan._model.numbers import Rounding, exact_to_str, to_exact
from pelayanan._model.problems import (
    Finding,
    InvalidValueError,
    Message,
    RuleError,
    listing,
    pointer_join,
)
from pelayanan._model.shape import shape
from pelayanan._model.text import Text, to_text

__all__ = ["Applies", "Band", "Classification", "Zone", "ZoneScheme"]


def _exact(value: object) -> Fraction:
    return to_exact(value, what="bound")


@attrs.frozen
class Zone:
    """A zone such as ``hijau`` (kepatuhan tinggi), with a label and a display colour."""

    id: str = attrs.field(validator=check_id)
    label: Text = attrs.field(converter=to_text)
    colour: str = attrs.field(default="#808080", validator=check_colour)
    """``#rgb`` or ``#rrggbb``."""


@attrs.frozen
class Band:
    """A band of a zone scheme: inclusive ``lower`` bound, ``code`` (e.g. ``B``), its zone."""

    lower: Fraction = attrs.field(converter=_exact)
    code: str = attrs.field(validator=check_id)
    label: Text = attrs.field(converter=to_text)
    zone: str = attrs.field(validator=check_id)
    colour: str | None = attrs.field(default=None, validator=check_colour)
    """Overrides the zone's colour for this band (``#rgb`` or ``#rrggbb``)."""


def _years(value: Iterable[int]) -> tuple[int, ...]:
    years = tuple(value)
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
            message = N_("applies: expected years from 1900 to 2999, got {year}")
            raise InvalidValueError(Message(message, {"year": repr(year)}))
    if not years:
        raise InvalidValueError(Message(N_("applies: needs at least one year")))
    if len(set(years)) != len(years):
        message = N_("applies: a year is listed twice: {years}")
        raise InvalidValueError(Message(message, {"years": str(list(years))}))
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
        default=(),
        converter=_levels,
        validator=attrs.validators.deep_iterable(check_id),
        metadata=shape(omit="default"),
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


def unpublishable_bound(lower: Fraction, rounding: Rounding) -> Message | None:
    """Why no published score can equal ``lower``, or ``None`` when one can.

    Scores are rounded to ``rounding.places`` decimals before they are placed, so a bound
    with more decimals than that (``77.995`` with two places) is never reached exactly and
    the band below it would have no well-defined highest published score.
    """
    scaled = lower * 10**rounding.places
    if scaled.denominator == 1:
        return None
    nearest = Decimal(math.ceil(scaled)).scaleb(-rounding.places)
    return Message(
        N_(
            "the lower bound {lower} has more decimals than the {places} that scores are "
            "rounded to, so no published score equals it; write {nearest} (the lowest "
            "published score it admits)"
        ),
        {"lower": exact_to_str(lower), "places": rounding.places, "nearest": str(nearest)},
    )


def scheme_findings(
    scale: tuple[Fraction | None, Fraction | None],
    rounding: Rounding,
    bands: Sequence[Band | None],
    zones: Sequence[Zone | None],
) -> list[Finding]:
    """Every rule a zone scheme breaks, placed by pointers relative to the scheme.

    Parts that could not be read are given as ``None`` and skipped, so a document with a
    malformed band still has its other bands checked. The rules: the scale is not empty;
    zone ids and band codes are unique; bands name declared zones, in rising order; the
    first band starts at the scale minimum (no hole), bounds rise strictly (no overlap),
    stay on the scale and are publishable (:func:`unpublishable_bound`).
    """
    low, high = scale
    found: list[Finding] = []
    if low is not None and high is not None and high <= low:
        found.append(
            Finding(
                "/maximum",
                N_("the maximum {maximum} must be above the minimum"),
                values={"maximum": exact_to_str(high)},
            )
        )
    ranks: dict[str, int] = {}
    for i, zone in enumerate(zones):
        if zone is not None and zone.id in ranks:
            found.append(
                Finding(
                    pointer_join("/zones", i, "id"),
                    N_("zone id {id!r} is used twice"),
                    values={"id": zone.id},
                )
            )
        elif zone is not None:
            ranks[zone.id] = i
    if not bands:
        found.append(Finding("/bands", N_("a zone scheme needs at least one band")))
    codes: set[str] = set()
    previous: tuple[Band, int] | None = None
    rank = -1
    for i, band in enumerate(bands):
        if band is None:
            continue
        pointer = pointer_join("/bands", i)
        if band.code in codes:
            message = N_("band code {code!r} is used twice")
            found.append(Finding(pointer + "/code", message, values={"code": band.code}))
        codes.add(band.code)
        if band.zone not in ranks:
            found.append(
                Finding(
                    pointer + "/zone",
                    N_("zone {zone!r} is not declared under 'zones' (declared: {declared})"),
                    values={"zone": band.zone, "declared": listing(ranks)},
                )
            )
        elif ranks[band.zone] < rank:
            found.append(
                Finding(
                    pointer + "/zone",
                    N_(
                        "zone {zone!r} is listed below the zone of the band before it; list "
                        "zones from lowest to highest and bands in the same order"
                    ),
                    values={"zone": band.zone},
                )
            )
        rank = max(rank, ranks.get(band.zone, -1))
        found += _lower_findings(
            pointer + "/lower", band.lower, scale, rounding, previous, band.code, first=i == 0
        )
        previous = (band, i)
    return found


def _lower_findings(
    where: str,
    lower: Fraction,
    scale: tuple[Fraction | None, Fraction | None],
    rounding: Rounding,
    previous: tuple[Band, int] | None,
    code: str,
    *,
    first: bool,
) -> list[Finding]:
    low, high = scale
    values: dict[str, object] = {"lower": exact_to_str(lower)}
    if low is not None:
        values["minimum"] = exact_to_str(low)
    if high is not None:
        values["maximum"] = exact_to_str(high)
    found: list[Finding] = []
    if first and low is not None and lower > low:
        found.append(
            Finding(
                where,
                N_(
                    "the first band starts at {lower}, above the scale minimum {minimum}: "
                    "scores from {minimum} up to {lower} would fall in no band (a hole); start "
                    "the first band at the minimum"
                ),
                values=values,
            )
        )
    elif low is not None and lower < low:
        found.append(
            Finding(
                where,
                N_("the band starts at {lower}, below the scale minimum {minimum}"),
                values=values,
            )
        )
    if high is not None and lower > high:
        found.append(
            Finding(
                where,
                N_("the band starts at {lower}, above the scale maximum {maximum}"),
                values=values,
            )
        )
    problem = unpublishable_bound(lower, rounding)
    if problem is not None:
        found.append(Finding(where, problem.template, values=problem.values))
    if previous is not None and lower <= previous[0].lower:
        before = previous[0]
        found.append(
            Finding(
                where,
                N_(
                    "band {code!r} starts at {lower}, not above band {before!r} before it, "
                    "which starts at {start}; the bands overlap: list them from lowest to "
                    "highest with rising lower bounds"
                ),
                values={
                    **values,
                    "code": code,
                    "before": before.code,
                    "start": exact_to_str(before.lower),
                },
                see=pointer_join("/bands", previous[1]),
            )
        )
    return found


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
    bands: tuple[Band, ...] = attrs.field(converter=_bands, metadata=shape(after="zones"))
    zones: tuple[Zone, ...] = attrs.field(converter=_zones, metadata=shape(after="clamp"))
    rounding: Rounding = attrs.field(factory=Rounding)
    clamp: bool = False
    """Place scores outside the scale in the end band instead of refusing them. Meant for
    instruments whose weight variants reach just past the scale (SKM with 0.11 weights gives
    24.75 for a unit answering 1 everywhere, under a 25-100 table)."""
    metadata: Metadata = attrs.field(factory=Metadata)
    applies: tuple[Applies, ...] = attrs.field(
        default=(), converter=_applies, metadata=shape(omit="default")
    )
    """The assessment years (and levels) this scheme classifies; see
    :func:`pelayanan._model.methods.scheme_for_year`."""

    def __attrs_post_init__(self) -> None:
        found = scheme_findings((self.minimum, self.maximum), self.rounding, self.bands, self.zones)
        if found:
            raise RuleError(Message(N_("zone scheme {id!r}"), {"id": self.id}), found)

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
            InvalidValueError: if the rounded score lies outside ``[minimum, maximum]`` and is not
                clamped.
        """
        return self.place(self.rounding.apply(to_exact(score, what="score")), clamp=clamp)

    def place(self, published: Decimal, *, clamp: bool | None = None) -> Classification:
        """Place a score *as published* in its band, without rounding it again: the figure
        printed is the figure classified (a rubric publishing ``80.95`` is classified at
        ``80.95``, whatever this scheme's own :attr:`rounding`).

        Args:
            clamp: as for :meth:`classify`.

        Raises:
            InvalidValueError: if ``published`` lies outside ``[minimum, maximum]`` and is not
                clamped.
        """
        value = Fraction(published)
        if self.clamp if clamp is None else clamp:
            value = min(max(value, self.minimum), self.maximum)
        if not self.minimum <= value <= self.maximum:
            message = N_(
                "score {score} is outside the scale of zone scheme {scheme} ({minimum} to "
                "{maximum})"
            )
            values = {
                "score": str(published),
                "scheme": self.ref,
                "minimum": exact_to_str(self.minimum),
                "maximum": exact_to_str(self.maximum),
            }
            raise InvalidValueError(Message(message, values))
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

"""The zones law: bands are total, ordered, non-overlapping and monotone at their precision."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from itertools import pairwise
from math import ceil, floor

from hypothesis import strategies as st

from pelayanan._model.rubric import Rubric
from pelayanan._model.zones import Band, ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan.testing._support import number
from pelayanan.testing._zone_strategies import score_range


def _at(value: Fraction, scheme: ZoneScheme) -> str:
    """A published score written at the scheme's precision, e.g. ``40.00``."""
    if (value / scheme.rounding.step()).denominator != 1:
        return number(value)
    return str(scheme.rounding.apply(value))


def _fail(scheme: ZoneScheme, what: str) -> AssertionError:
    return AssertionError(f"law 'zones' does not hold for zone scheme {scheme.ref}:\n{what}")


def _span(scheme: ZoneScheme, index: int) -> str:
    band = scheme.bands[index]
    if index + 1 < len(scheme.bands):
        return f"{band.code} [{number(band.lower)}, {number(scheme.bands[index + 1].lower)})"
    return f"{band.code} [{number(band.lower)}, {number(scheme.maximum)}]"


def _claimants(scheme: ZoneScheme, value: Fraction) -> list[int]:
    """Bands whose half-open range ``[lower, next lower)`` (the last: ``[lower, maximum]``)
    holds ``value``."""
    bands = scheme.bands
    found = []
    for index, band in enumerate(bands):
        upper_ok = value < bands[index + 1].lower if index + 1 < len(bands) else True
        if band.lower <= value and upper_ok and value <= scheme.maximum:
            found.append(index)
    return found


def _critical(scheme: ZoneScheme, step: Fraction) -> list[Fraction]:
    """Published scores next to every bound: where a hole or an overlap starts."""
    bounds = [scheme.minimum, scheme.maximum, *(band.lower for band in scheme.bands)]
    points: set[Fraction] = set()
    for bound in bounds:
        base = floor(bound / step)
        points.update((base + offset) * step for offset in (-1, 0, 1, 2))
    return sorted(p for p in points if scheme.minimum <= p <= scheme.maximum)


def _check_points(scheme: ZoneScheme, step: Fraction) -> None:
    for value in _critical(scheme, step):
        owners = _claimants(scheme, value)
        if not owners:
            raise _fail(scheme, f"score {_at(value, scheme)} falls in no band (a hole)")
        if len(owners) > 1:
            spans = " and ".join(_span(scheme, i) for i in owners)
            raise _fail(scheme, f"score {_at(value, scheme)} falls in bands {spans} (an overlap)")
        try:
            placed = scheme.classify(value).band
        except ValueError as error:
            raise _fail(scheme, f"score {_at(value, scheme)} is not classified: {error}") from None
        if placed != scheme.bands[owners[0]]:
            raise _fail(
                scheme,
                f"score {_at(value, scheme)} is classified as {placed.code}, but lies in band "
                f"{_span(scheme, owners[0])}",
            )


def _check_structure(scheme: ZoneScheme, step: Fraction) -> None:
    places = scheme.rounding.places
    zone_ids = [zone.id for zone in scheme.zones]
    ranks: list[tuple[Band, int]] = []
    for index, band in enumerate(scheme.bands):
        if index and (band.lower / step).denominator != 1:
            raise _fail(
                scheme,
                f"band {band.code} starts at {number(band.lower)}, finer than the scheme's "
                f"precision of {places} decimals",
            )
        reachable = ceil(band.lower / step) * step
        limit_ok = (
            reachable < scheme.bands[index + 1].lower
            if index + 1 < len(scheme.bands)
            else reachable <= scheme.maximum
        )
        if not limit_ok:
            raise _fail(
                scheme, f"band {_span(scheme, index)} holds no score with {places} decimals"
            )
        if band.zone not in zone_ids:
            raise _fail(scheme, f"band {band.code} names zone {band.zone!r}, which is not declared")
        ranks.append((band, zone_ids.index(band.zone)))
    for (low, low_rank), (high, high_rank) in pairwise(ranks):
        if high_rank < low_rank:
            raise _fail(
                scheme, f"zones fall from band {low.code} ({low.zone}) to {high.code} ({high.zone})"
            )


def _check_range(
    scheme: ZoneScheme, rubric: Rubric, models: Mapping[str, ScoringModel] | None
) -> None:
    if scheme.clamp:
        return
    rounding = rubric.rounding.score or scheme.rounding  # as the engine publishes
    for label, score in zip(
        ("lowest", "highest"), score_range(rubric, dict(models or {})), strict=True
    ):
        published = Fraction(rounding.apply(score))
        if not scheme.minimum <= published <= scheme.maximum:
            raise _fail(
                scheme,
                f"rubric {rubric.ref}'s {label} score {number(score)} (published "
                f"{number(published)}) is outside the scheme's scale "
                f"[{number(scheme.minimum)}, {number(scheme.maximum)}]",
            )


def zones_property(
    zone_scheme: ZoneScheme | None,
    rubric: Rubric | None = None,
    models: Mapping[str, ScoringModel] | None = None,
) -> Callable[[st.DataObject], None] | None:
    """Check the zone scheme's structure now; return the monotonicity property (or ``None``
    without a zone scheme).

    At the scheme's precision (its rounding's decimals) every published score from minimum to
    maximum must lie in exactly one band, which :meth:`~ZoneScheme.classify` returns; every
    band must hold at least one score; lower bounds must use no more decimals than the
    precision; zones must rise with the bands. With a ``rubric``, the scheme must cover every
    score its model can give (unless the scheme clamps). The property draws exact scores
    ``x <= y`` and checks that the band and zone of ``x`` are not above those of ``y``.
    """
    scheme = zone_scheme
    if scheme is None:
        return None
    if scheme.maximum <= scheme.minimum or not scheme.bands:
        raise _fail(scheme, "the scale is empty or there are no bands")
    step = scheme.rounding.step()
    _check_points(scheme, step)
    _check_structure(scheme, step)
    if rubric is not None:
        _check_range(scheme, rubric, models)
    grid = step / 100
    low, count = scheme.minimum, int((scheme.maximum - scheme.minimum) / grid)
    scores = st.integers(0, count).map(lambda k: low + k * grid)
    bands = list(scheme.bands)
    zone_ids = [zone.id for zone in scheme.zones]

    def prop(data: st.DataObject) -> None:
        x, y = sorted(data.draw(st.lists(scores, min_size=2, max_size=2), label="scores"))
        first, second = scheme.classify(x), scheme.classify(y)
        if bands.index(first.band) > bands.index(second.band) or zone_ids.index(
            first.zone.id
        ) > zone_ids.index(second.zone.id):
            raise _fail(
                scheme,
                f"score {number(x)} is placed in band {first.band.code} ({first.zone.id}) but the "
                f"higher score {number(y)} in band {second.band.code} ({second.zone.id})",
            )

    return prop

"""Strategies for zone schemes (re-exported by ``strategies``)."""

from __future__ import annotations

from fractions import Fraction
from math import ceil, floor
from typing import Any, cast

from hypothesis import strategies as st

from pelayanan._model.numbers import Rounding
from pelayanan._model.rubric import Rubric
from pelayanan._model.text import Text
from pelayanan._model.zones import Band, Zone, ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.models import BUILTIN_MODELS

__all__ = ["score_range", "zone_schemes", "zone_schemes_for"]


@st.composite
def zone_schemes(
    draw: st.DrawFn,
    minimum: Fraction | int = 0,
    maximum: Fraction | int = 100,
    *,
    places: int = 2,
    max_bands: int = 5,
) -> ZoneScheme:
    """A valid zone scheme on ``[minimum, maximum]``.

    The first band starts at ``minimum``; the others at strictly increasing lower bounds
    with ``places`` decimals (the declared precision); zones rise with the bands. Shrinks to
    one band in one zone.
    """
    low, high = Fraction(minimum), Fraction(maximum)
    step = Fraction(1, 10**places)
    first, last = floor(low / step) + 1, floor(high / step)
    room = max(0, last - first + 1)
    count = draw(st.integers(1, max(1, min(max_bands, room + 1))))
    steps: list[int] = []
    if count > 1:
        inner = st.integers(first, last)
        steps = draw(st.lists(inner, min_size=count - 1, max_size=count - 1, unique=True))
    lowers = [low, *(k * step for k in sorted(steps))]
    zone_count = draw(st.integers(1, count))
    ranks = sorted(draw(st.lists(st.integers(0, zone_count - 1), min_size=count, max_size=count)))
    zones = [Zone(f"z{i}", Text.of(f"z{i}")) for i in range(zone_count)]
    bands = [
        Band(lower, f"b{i}", Text.of(f"b{i}"), f"z{rank}")
        for i, (lower, rank) in enumerate(zip(lowers, ranks, strict=True))
    ]
    return ZoneScheme(
        id="zs",
        version="1",
        title=Text.of("zs"),
        minimum=low,
        maximum=high,
        bands=cast(Any, bands),
        zones=cast(Any, zones),
        rounding=Rounding(places),
        clamp=draw(st.booleans()),
    )


def score_range(
    rubric: Rubric, models: dict[str, ScoringModel] | None = None
) -> tuple[Fraction, Fraction]:
    """The lowest and highest score ``rubric`` can give, over every parameter choice."""
    table = {**BUILTIN_MODELS, **(models or {})}
    model = table[rubric.scoring.model]
    variants = [rubric.resolve()]
    for parameter in rubric.parameters:
        variants += [rubric.resolve({parameter.id: name}) for name in parameter.names()]
    bounds = [model.bounds(variant) for variant in variants]
    return min(lo for lo, _ in bounds), max(hi for _, hi in bounds)


def zone_schemes_for(
    rubric: Rubric, *, models: dict[str, ScoringModel] | None = None, places: int = 2
) -> st.SearchStrategy[ZoneScheme]:
    """Zone schemes covering every score ``rubric`` can give, once rounded.

    The scale runs from the floor of the model's lowest score (or 0, if lower) to the
    ceiling of its highest, so any rounding of a score stays on the scale. (Starting at 0
    also covers models whose scores fall below their stated bounds when items are left out,
    which :func:`pelayanan.testing.laws.bounds` reports.)
    """
    lo, hi = score_range(rubric, models)
    minimum, maximum = min(floor(lo), 0), ceil(hi)
    if maximum <= minimum:
        maximum = minimum + 1
    return zone_schemes(minimum, maximum, places=places)

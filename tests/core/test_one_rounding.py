"""One rounding rule (issue 9, item 15): the published figure is the figure classified.

The rubric publishes to 2 decimals half-up; the zone scheme rounds to 1 decimal half-up and
puts hijau at 81.0. Before the fix the engine published 80.95 and the scheme rounded it again
to 81.0, so a card printed 80.95 next to the hijau band, whose lowest score is 81.0.
"""

from __future__ import annotations

from decimal import Decimal

from pelayanan import (
    Band,
    Evidence,
    Indicator,
    NumericScale,
    Rounding,
    RoundingRules,
    Rubric,
    Unit,
    UnitTree,
    Zone,
    ZoneScheme,
    score,
)

SCHEME = ZoneScheme(
    id="skema",
    version="1",
    title="Skema",
    minimum=0,
    maximum=100,
    bands=[Band("0", "M", "Merah", "merah"), Band("81.0", "H", "Hijau", "hijau")],
    zones=[Zone("merah", "Merah", "#c62828"), Zone("hijau", "Hijau", "#2e7d32")],
    rounding=Rounding(1, "half_up"),
)
UNITS = UnitTree([Unit("u", "Unit", "service_unit")])


def _rubric(rounding: Rounding | None) -> Rubric:
    return Rubric(
        "r",
        "1",
        "Rubrik",
        [Indicator("nilai", "Nilai", scale=NumericScale(0, 100))],
        zone_scheme="skema",
        rounding=RoundingRules(score=rounding),
    )


def _card(rubric: Rubric, value: str):  # type: ignore[no-untyped-def]
    return score(rubric, [Evidence("u", "nilai", value)], UNITS, zone_scheme=SCHEME).cards[0]


def test_the_published_figure_is_the_one_classified() -> None:
    rubric = _rubric(Rounding(2, "half_up"))
    for value in ("80.95", "80.949"):  # 80.949 -> 80.95 (half-up at the third decimal)
        card = _card(rubric, value)
        assert card.published == Decimal("80.95")
        assert card.band is not None
        assert card.band.code == "M"  # 80.95 < 81.0; not 81.0 (the scheme's own rounding)
    card = _card(rubric, "81")
    assert card.published == Decimal("81.00")
    assert card.band is not None
    assert card.band.code == "H"


def test_a_rubric_without_score_rounding_publishes_by_the_scheme() -> None:
    # No rubric rounding: the scheme's (1 decimal, half-up) publishes 80.95 as 81.0, and
    # 81.0 is what is classified (hijau); never None next to a band.
    card = _card(_rubric(None), "80.95")
    assert card.published == Decimal("81.0")
    assert card.band is not None
    assert card.band.code == "H"


def test_classify_still_rounds_by_the_scheme() -> None:
    # classify() is for a raw score: it rounds by the scheme (80.95 -> 81.0, hijau);
    # place() takes a published figure as it is (80.95, merah).
    assert SCHEME.classify("80.95").band.code == "H"
    assert SCHEME.place(Decimal("80.95")).band.code == "M"

"""Finishing many units: results built once per distinct (indicator, count, value) are
shared between units and equal to those built afresh; the garbage collector is paused
only while results are built."""

from __future__ import annotations

import gc
from fractions import Fraction

import pytest

from pelayanan._scoring import prepare
from pelayanan._scoring.engine import building_results, finish
from pelayanan._scoring.stats import IndicatorStats, Reduction
from pelayanan.plugins import get_registry


def _reduction(totals: dict[str, int], count: int) -> Reduction:
    """Units named by key; every SKM element answered ``count`` times summing to the value."""
    rubric = prepare(get_registry().get_rubric("skm-2017")).rubric
    reduction = Reduction()
    for unit, total in totals.items():
        reduction.units[unit] = None
        for indicator in rubric.indicators():
            reduction.stats[(unit, indicator.id)] = IndicatorStats(
                count=count, total=Fraction(total)
            )
            reduction.count += count
    return reduction


def _prepared():  # type: ignore[no-untyped-def]
    registry = get_registry()
    rubric = registry.get_rubric("skm-2017")
    return prepare(rubric, zone_scheme=registry.get_zone_scheme(rubric.zone_scheme))


def test_units_with_equal_evidence_share_results_equal_to_fresh_ones() -> None:
    # a and c: every element answered 4 times summing to 10 (mean 5/2); b: summing to 13.
    reduction = _reduction({"a": 10, "b": 13, "c": 10}, 4)
    first = finish(_prepared(), reduction)
    a, b, c = (first[unit] for unit in "abc")
    assert all(x is y for x, y in zip(a.breakdown, c.breakdown, strict=True))
    assert a.breakdown[0].value == Fraction(5, 2)
    assert b.breakdown[0].value == Fraction(13, 4)
    # SKM: 25 x (1/9) x (9 x 5/2) = 125/2 = 62.50, and 25 x 13/4 = 325/4 = 81.25.
    assert (a.score, b.score, c.score) == (Fraction(125, 2), Fraction(325, 4), Fraction(125, 2))
    # A fresh rubric object (no results kept) builds equal cards.
    fresh = finish(_prepared(), _reduction({"a": 10, "b": 13, "c": 10}, 4))
    assert fresh.cards == first.cards


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_state_restored(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with building_results():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(KeyError), building_results():
            raise KeyError("boom")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()

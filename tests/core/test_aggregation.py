"""Aggregation across unit levels: a fictional city -> 3 service units -> 2 products each."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from pelayanan._model import (
    Aggregation,
    Evidence,
    NumericScale,
    Rubric,
    Unit,
    UnitLevel,
    UnitTree,
)
from pelayanan._scoring import score

from .factories import city_tree, scheme_2022, simple_rubric

# Each product scores its one 0-100 indicator "nilai".
PRODUCT_SCORES = {"a1": 80, "a2": 90, "b1": 60, "b2": 70, "c1": 50, "c2": 100}


def _rubric(**kwargs: Any) -> Rubric:
    return simple_rubric({"nilai": 1}, scales={"nilai": NumericScale(0, 100)}, **kwargs)


def _evidence(scores: dict[str, int]) -> list[Evidence]:
    return [Evidence(unit, "nilai", value) for unit, value in scores.items()]


def test_mean_at_every_level_by_default() -> None:
    result = score(_rubric(), _evidence(PRODUCT_SCORES), city_tree(), zone_scheme=scheme_2022())
    # Dinas A (80 + 90)/2 = 85, B (60 + 70)/2 = 65, C (50 + 100)/2 = 75;
    # Kota (85 + 65 + 75)/3 = 225/3 = 75 -> C, kuning.
    assert [result[u].score for u in ("dinas-a", "dinas-b", "dinas-c")] == [85, 65, 75]
    kota = result["kota"]
    assert kota.score == 75
    assert kota.method == "mean"
    assert kota.band is not None
    assert kota.band.code == "C"
    assert kota.zone is not None
    assert kota.zone.id == "kuning"
    assert result["a1"].method == "weighted_mean"  # leaves carry the scoring model
    # The merged breakdown of an inner unit adds up to its score.
    assert kota.node("nilai").contribution == 75
    assert [card.unit_id for card in kota.children] == ["dinas-a", "dinas-b", "dinas-c"]
    assert kota.evidence_count == 6
    assert [c.unit_id for c in result.walk()][:3] == ["kota", "dinas-a", "a1"]


def test_weighted_mean_uses_unit_weights() -> None:
    rubric = _rubric(aggregation=Aggregation("weighted_mean"))
    tree = city_tree(weights={"dinas-a": 2})
    result = score(rubric, _evidence(PRODUCT_SCORES), tree)
    # Products weigh 1 each, so the dinas scores are unchanged: 85, 65, 75.
    # Kota: (2 x 85 + 1 x 65 + 1 x 75)/(2 + 1 + 1) = 310/4 = 77.5.
    assert result["dinas-a"].score == 85
    assert result["kota"].score == Fraction(155, 2)
    assert result["kota"].published == Decimal("77.50")
    assert result["kota"].method == "weighted_mean"


def test_min_everywhere() -> None:
    result = score(_rubric(aggregation=Aggregation("min")), _evidence(PRODUCT_SCORES), city_tree())
    # Dinas A min(80, 90) = 80, B min(60, 70) = 60, C min(50, 100) = 50; Kota min = 50.
    assert [result[u].score for u in ("dinas-a", "dinas-b", "dinas-c")] == [80, 60, 50]
    assert result["kota"].score == 50
    assert result["kota"].method == "min"


def test_min_only_at_the_agency_level() -> None:
    rubric = _rubric(aggregation=Aggregation(levels={UnitLevel.AGENCY: "min"}))
    result = score(rubric, _evidence(PRODUCT_SCORES), city_tree())
    # Dinas by mean: 85, 65, 75; Kota by min: 65.
    assert result["dinas-c"].score == 75
    assert result["kota"].score == 65


def _uneven_city() -> UnitTree:
    # Kota -> Dinas A (1 product), Dinas B (3 products).
    return UnitTree(
        [
            Unit("kota", "Kota Contoh", UnitLevel.AGENCY),
            Unit("dinas-a", "Dinas A", UnitLevel.SERVICE_UNIT, "kota"),
            Unit("dinas-b", "Dinas B", UnitLevel.SERVICE_UNIT, "kota"),
            Unit("a1", "A1", parent="dinas-a"),
            Unit("b1", "B1", parent="dinas-b"),
            Unit("b2", "B2", parent="dinas-b"),
            Unit("b3", "B3", parent="dinas-b"),
        ]
    )


def test_flat_mean_differs_from_the_mean_of_means() -> None:
    scores = {"a1": 80, "b1": 60, "b2": 70, "b3": 95}
    mean_of_means = score(_rubric(), _evidence(scores), _uneven_city())["kota"]
    # Dinas A 80; Dinas B (60 + 70 + 95)/3 = 75; Kota (80 + 75)/2 = 77.5.
    assert mean_of_means.score == Fraction(155, 2)
    flat = score(
        _rubric(aggregation=Aggregation(levels={"agency": "flat_mean"})),
        _evidence(scores),
        _uneven_city(),
    )["kota"]
    # Every product counts once: (80 + 60 + 70 + 95)/4 = 305/4 = 76.25.
    assert flat.score == Fraction(305, 4)
    assert flat.method == "flat_mean"
    assert flat.node("nilai").contribution == Fraction(305, 4)


def test_coverage_and_unscored_children_aggregate() -> None:
    rubric = simple_rubric(
        {"x": 1, "y": 1},
        scales={"x": NumericScale(0, 100), "y": NumericScale(0, 100)},
        missing="exclude",
    )
    items = [
        Evidence("a1", "x", 80), Evidence("a1", "y", 60),  # 70, coverage 1
        Evidence("a2", "x", 90),  # y excluded: 90, coverage 1/2
        Evidence("b1", "x", 60), Evidence("b1", "y", 60),  # 60
        Evidence("b2", "x", 70), Evidence("b2", "y", 70),  # 70
        Evidence("c1", "x", 50), Evidence("c1", "y", 50),  # 50; c2 has nothing: no score
    ]  # fmt: skip
    result = score(rubric, items, city_tree())
    assert result["c2"].score is None
    assert result["c2"].published is None
    assert result["c2"].coverage == 0
    # Dinas A (70 + 90)/2 = 80, coverage (1 + 1/2)/2 = 3/4.
    assert result["dinas-a"].score == 80
    assert result["dinas-a"].coverage == Fraction(3, 4)
    # Dinas C: c2 is left out of the score but counts with zero coverage: 50, coverage 1/2.
    assert result["dinas-c"].score == 50
    assert result["dinas-c"].coverage == Fraction(1, 2)
    # Kota: (80 + 65 + 50)/3 = 65; coverage (3/4 + 1 + 1/2)/3 = 3/4.
    assert result["kota"].score == 65
    assert result["kota"].coverage == Fraction(3, 4)


@pytest.mark.parametrize("method", ["mean", "weighted_mean", "min", "flat_mean"])
def test_a_unit_with_nothing_scored_below_has_no_score(method: str) -> None:
    rubric = _rubric(missing="exclude", aggregation=Aggregation(method))
    tree = UnitTree([Unit("k", "K", UnitLevel.AGENCY), Unit("p", "P", parent="k")])
    result = score(rubric, [], tree)
    assert result["k"].score is None
    assert result["k"].coverage == 0

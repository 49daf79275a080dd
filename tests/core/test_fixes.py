"""What to fix: candidates by gain, and a smallest set of fixes reaching the next band."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import combinations

import attrs
import pytest

from pelayanan._model import (
    Aggregation,
    AggregationMethod,
    Evidence,
    OrdinalScale,
    Rubric,
    Unit,
    UnitLevel,
    UnitTree,
)
from pelayanan._scoring import engine, plan_fixes, score
from pelayanan._scoring.base import IndicatorInput, ModelResult
from pelayanan._scoring.models import Absolute, WeightedMean

from .factories import observe, scheme_2022, simple_rubric

# Weights a 3, b 2, c 2, d 1, e 9 (booleans) and f 3 (0-3 ordinal): total 20, so one unit of
# weight is 100/20 = 5 score points.
WEIGHTS = {"a": 3, "b": 2, "c": 2, "d": 1, "e": 9, "f": 3}
TOPS: dict[str, object] = {"a": True, "b": True, "c": True, "d": True, "e": True, "f": 3}


def _rubric() -> Rubric:
    return simple_rubric(WEIGHTS, scales={"f": OrdinalScale.from_range(0, 3)})


def _evidence(**changes: object) -> list[Evidence]:
    # Only e is met and f is at level 2: (9 + 3 x 2/3)/20 x 100 = 11 x 5 = 55.00 -> C.
    values: dict[str, object] = {"a": False, "b": False, "c": False, "d": False, "e": True, "f": 2}
    return observe("ktp", {**values, **changes})


def test_candidates_are_ordered_by_gain_and_the_plan_reaches_the_next_band() -> None:
    plan = plan_fixes(_rubric(), _evidence(), "ktp", zone_scheme=scheme_2022())
    assert plan.published == Decimal("55.00")
    assert plan.band is not None
    assert plan.band.code == "C"
    assert plan.target is not None
    assert plan.target.code == "B"  # from 78.00
    # Gains: a 3 x 5 = 15, b 2 x 5 = 10, c 10, d 1 x 5 = 5, f one level of three: 3 x 1/3 x 5 = 5.
    assert [fix.indicator_id for fix in plan.candidates] == ["a", "b", "c", "d", "f"]
    assert [fix.gain for fix in plan.candidates] == [15, 10, 10, 5, 5]
    assert plan.candidates[-1].current == 2
    assert plan.candidates[-1].target == 3
    # 55 + 15 = 70 is still C; 55 + 15 + 10 = 80 -> B.
    assert [fix.indicator_id for fix in plan.fixes] == ["a", "b"]
    assert plan.projected == Decimal("80.00")
    assert plan.reachable
    assert plan.exact


def test_the_plan_is_a_smallest_set_by_brute_force() -> None:
    rubric, scheme = _rubric(), scheme_2022()
    plan = plan_fixes(rubric, _evidence(), "ktp", zone_scheme=scheme)
    assert plan.target is not None
    names = [fix.indicator_id for fix in plan.candidates]
    reaching: list[tuple[str, ...]] = []
    for size in range(len(names) + 1):
        for subset in combinations(names, size):
            card = score(rubric, _evidence(**{n: TOPS[n] for n in subset}), zone_scheme=scheme)
            assert card["ktp"].band is not None
            if card["ktp"].band.lower >= plan.target.lower:
                reaching.append(subset)
            # The model is additive: a subset gains the sum of its members' gains.
            gained = sum(fix.gain for fix in plan.candidates if fix.indicator_id in subset)
            assert card["ktp"].score == 55 + gained
    smallest = min(len(subset) for subset in reaching)
    assert smallest == len(plan.fixes) == 2
    assert tuple(fix.indicator_id for fix in plan.fixes) in reaching
    # No single fix is enough: the largest gain, 15, leaves 70 < 78.
    assert not any(len(subset) == 1 for subset in reaching)


def test_the_top_band_has_no_target() -> None:
    plan = plan_fixes(_rubric(), observe("ktp", TOPS), "ktp", zone_scheme=scheme_2022())
    assert plan.published == Decimal("100.00")
    assert plan.band is not None
    assert plan.band.code == "A"
    assert plan.target is None
    assert plan.fixes == ()
    assert plan.candidates == ()
    assert plan.reachable


def test_a_plan_for_an_inner_unit_picks_fixes_in_its_products() -> None:
    # Kota -> p1, p2; booleans x, y (weight 1 each). p1: x yes (50), p2: nothing met (0);
    # Kota = 25 -> E. Any one fix raises one product by 50 and Kota by 25 -> 50 -> D (32).
    tree = UnitTree(
        [
            Unit("kota", "Kota", UnitLevel.AGENCY),
            Unit("p1", "P1", parent="kota"),
            Unit("p2", "P2", parent="kota"),
        ]
    )
    evidence = observe("p1", {"x": True, "y": False}) + observe("p2", {"x": False, "y": False})
    plan = plan_fixes(
        simple_rubric({"x": 1, "y": 1}), evidence, "kota", tree, zone_scheme=scheme_2022()
    )
    assert plan.published == Decimal("25.00")
    assert plan.target is not None
    assert plan.target.code == "D"
    assert [fix.gain for fix in plan.candidates] == [25, 25, 25]
    # equal gains keep the order of the unit tree (p1 before p2), then of the rubric
    assert [(f.unit_id, f.indicator_id) for f in plan.candidates] == [
        ("p1", "y"),
        ("p2", "x"),
        ("p2", "y"),
    ]
    assert len(plan.fixes) == 1
    assert plan.projected == Decimal("50.00")


def test_missing_evidence_is_a_candidate_under_policy_zero() -> None:
    # d has no evidence; under "zero" it scores 0 and fixing it gains 1 x 5 = 5.
    items = [e for e in _evidence() if e.indicator != "d"]
    plan = plan_fixes(_rubric(), items, "ktp", zone_scheme=scheme_2022(), missing="zero")
    gains = {fix.indicator_id: fix.gain for fix in plan.candidates}
    assert gains["d"] == 5
    assert next(f for f in plan.candidates if f.indicator_id == "d").current == 0
    assert plan.published == Decimal("55.00")
    assert sum(gains.values()) == Fraction(45)  # 15 + 10 + 10 + 5 + 5: everything to 100


def test_candidates_are_sorted_by_gain_when_the_rubric_lists_them_the_other_way() -> None:
    # Weights in rubric order a 1, b 2, c 3, d 4 (total 10, one unit = 10 points); only d is
    # met: 40.00 -> D. Gains: c 30, b 20, a 10, the reverse of the rubric's order.
    # 40 + 30 = 70 (C, from 54): one fix reaches the next band.
    rubric = simple_rubric({"a": 1, "b": 2, "c": 3, "d": 4})
    evidence = observe("ktp", {"a": False, "b": False, "c": False, "d": True})
    plan = plan_fixes(rubric, evidence, "ktp", zone_scheme=scheme_2022())
    assert plan.published == Decimal("40.00")
    assert [fix.indicator_id for fix in plan.candidates] == ["c", "b", "a"]
    assert [fix.gain for fix in plan.candidates] == [30, 20, 10]
    assert [fix.indicator_id for fix in plan.fixes] == ["c"]
    assert plan.projected == Decimal("70.00")


class _Counting(WeightedMean):
    """The weighted mean under another name, counting how often it scores a unit."""

    name = "counting_mean"

    def __init__(self) -> None:
        self.calls = 0

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        self.calls += 1
        return super().score(rubric, inputs)


def _agency(products: int) -> tuple[UnitTree, list[Evidence]]:
    tree = UnitTree(
        [Unit("kota", "Kota", UnitLevel.AGENCY)]
        + [Unit(f"p{n}", f"P{n}", parent="kota") for n in range(products)]
    )
    evidence = [
        item
        for n in range(products)
        for item in observe(f"p{n}", {"x": n % 2 == 0, "y": False, "z": n % 3 == 0})
    ]
    return tree, evidence


def test_an_exact_plan_scores_each_leaf_twice_not_once_per_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ten products, each with x, y, z: 10 + 10 + 10 - (5 + 4 met) = 21 candidates. Re-scoring
    # the agency per candidate would call the model 10 x (1 + 21 + fixes) times; reading the
    # gains from the breakdown needs the base (10 calls) and one confirming score (10 more).
    # Nothing computes a content hash: that is the provenance of a full score() only.
    hashes: list[object] = []
    monkeypatch.setattr(engine, "content_hash", lambda obj: hashes.append(obj) or "hash")
    model = _Counting()
    tree, evidence = _agency(10)
    rubric = simple_rubric({"x": 1, "y": 1, "z": 1}, model="counting_mean")
    plan = plan_fixes(
        rubric, evidence, "kota", tree, zone_scheme=scheme_2022(), models={model.name: model}
    )
    assert plan.exact
    assert len(plan.candidates) == 21
    assert model.calls == 20
    assert hashes == []


def test_gains_from_the_breakdown_equal_gains_from_re_scoring() -> None:
    # Weighted products under a weighted-mean agency: each candidate's gain read from the
    # breakdown equals the agency's score with that one fix minus its score without.
    tree, evidence = _agency(4)
    tree = UnitTree(
        [attrs.evolve(unit, weight=n + 1) if unit.parent else unit for n, unit in enumerate(tree)]
    )
    rubric = simple_rubric(
        {"x": 3, "y": 1, "z": 2},
        aggregation=Aggregation(default=AggregationMethod.WEIGHTED_MEAN),
    )
    scheme = scheme_2022()
    plan = plan_fixes(rubric, evidence, "kota", tree, zone_scheme=scheme)
    assert plan.exact
    before = score(rubric, evidence, tree, zone_scheme=scheme)["kota"].score
    assert before is not None
    for fix in plan.candidates:
        fixed = [e for e in evidence if (e.unit, e.indicator) != (fix.unit_id, fix.indicator_id)]
        fixed.append(Evidence(fix.unit_id, fix.indicator_id, True))
        after = score(rubric, fixed, tree, zone_scheme=scheme)["kota"].score
        assert after is not None
        assert fix.gain == after - before


class _Liar(Absolute):
    """All or nothing, but claiming to be additive."""

    name = "lying_absolute"
    additive = True


def test_a_model_wrongly_claiming_additive_gets_a_re_scored_greedy_plan() -> None:
    # All or nothing over a, b (one unit): a met, b not -> 0 (E). Read from the breakdown, b
    # would gain its share 50; the confirming score (100, not 0 + 50) shows the claim is
    # false, so the plan re-scores: fixing b gains 100 -> A.
    model = _Liar()
    rubric = simple_rubric({"a": 1, "b": 1}, model=model.name)
    evidence = observe("ktp", {"a": True, "b": False})
    plan = plan_fixes(
        rubric, evidence, "ktp", zone_scheme=scheme_2022(), models={model.name: model}
    )
    assert not plan.exact
    assert [(fix.indicator_id, fix.gain) for fix in plan.candidates] == [("b", 100)]
    assert plan.projected == Decimal("100.00")

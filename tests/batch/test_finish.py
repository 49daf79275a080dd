"""Finishing many units: results built once per distinct (indicator, count, value) are
shared between units and equal to those built afresh; the garbage collector is paused
only while results are built."""

from __future__ import annotations

import gc
import math
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelayanan._model import Rounding, RoundingMode
from pelayanan._model.policies import Combine
from pelayanan._model.results import Deferred, NodeResult, NodeStatus
from pelayanan._model.rubric import Indicator
from pelayanan._model.text import Text
from pelayanan._scoring import aggregate, base, engine, models, prepare
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


class _Tracked:
    """An object the collector tracks (instances of Python classes are)."""


def _generation(obj: object) -> int | None:
    for number in range(3):
        if any(o is obj for o in gc.get_objects(number)):
            return number
    return None


def test_results_made_go_to_the_oldest_generation_untouched_by_a_collection() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with building_results():
            made = _Tracked()
            assert _generation(made) == 0
        # Moved to the oldest generation on the way out, not collected or walked: the young
        # collections after it never see it again.
        assert _generation(made) == 2
        assert gc.get_freeze_count() == 0
    finally:
        (gc.enable if was else gc.disable)()


def test_a_programs_frozen_objects_stay_frozen() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        frozen = _Tracked()
        gc.freeze()
        assert gc.get_freeze_count() > 0
        with building_results():
            made = _Tracked()
        # Still in the permanent generation. (The freeze count is no measure: a frozen
        # object that dies meanwhile leaves it, and the worker's heap is the test's.)
        assert _generation(frozen) is None
        assert _generation(made) is not None
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_shared_inputs_with_unequal_counts_and_a_fractional_total() -> None:
    # Unit a: persyaratan answered 3 times summing to 10, every other element 4 times summing
    # to 10 (whole totals, shared inputs); unit b: the same but persyaratan's total is 21/2
    # (not whole: the input is made afresh, not shared).
    prepared = _prepared()
    reduction = _reduction({"a": 10, "b": 10}, 4)
    reduction.stats[("a", "persyaratan")] = IndicatorStats(count=3, total=Fraction(10))
    reduction.stats[("b", "persyaratan")] = IndicatorStats(count=3, total=Fraction(21, 2))
    a, b = (finish(prepared, reduction)[unit] for unit in "ab")
    # SKM, weight 1/9, factor 25: a = 25/9 x (10/3 + 8 x 10/4) = 25/9 x 70/3 = 1750/27;
    # b = 25/9 x (7/2 + 20) = 25/9 x 47/2 = 1175/18.
    assert (a.score, b.score) == (Fraction(1750, 27), Fraction(1175, 18))
    assert (a.published, b.published) == (Decimal("64.81"), Decimal("65.28"))
    assert a.evidence_count == b.evidence_count == 3 + 8 * 4
    first_a, first_b = a.breakdown[0], b.breakdown[0]
    assert (first_a.value, first_a.evidence_count) == (Fraction(10, 3), 3)
    assert (first_b.value, first_b.evidence_count) == (Fraction(7, 2), 3)
    # The ratio on the 1-4 scale: (10/3 - 1) / 3 = 7/9; (7/2 - 1) / 3 = 5/6.
    assert (first_a.ratio, first_b.ratio) == (Fraction(7, 9), Fraction(5, 6))
    # contribution 25/9 x 10/3 = 250/27 of a maximum 25/9 x 4 = 100/9: 50/27 lost.
    assert (first_a.contribution, first_a.maximum, first_a.lost) == (
        Fraction(250, 27),
        Fraction(100, 9),
        Fraction(50, 27),
    )
    # The other elements of both units had equal evidence: one result each, shared.
    assert all(x is y for x, y in zip(a.breakdown[1:], b.breakdown[1:], strict=True))
    # A second finish with a fresh rubric (nothing shared yet) gives equal cards.
    assert finish(_prepared(), reduction).cards == finish(prepared, reduction).cards


@pytest.mark.parametrize(
    ("maximum", "contribution", "lost"),
    [
        (Fraction(100, 9), Fraction(250, 27), Fraction(50, 27)),
        (Fraction(4), Fraction(4), Fraction(0)),
        (Fraction(3, 4), Fraction(5, 6), Fraction(-1, 12)),
        (3, 1, 2),  # plain integers, as a plug-in might give
    ],
)
def test_lost_is_maximum_less_contribution(
    maximum: Fraction, contribution: Fraction, lost: Fraction
) -> None:
    node = NodeResult(
        id="x",
        kind="indicator",
        title=Text.of("x"),
        status=NodeStatus.EVALUATED,
        weight=Fraction(1),
        contribution=contribution,
        maximum=maximum,
    )
    assert node.lost == lost
    assert (node.lost.numerator, node.lost.denominator) == (lost.numerator, lost.denominator)


@settings(max_examples=300)
@given(
    st.fractions(max_denominator=10**6).filter(lambda v: abs(v) < 10**9),
    st.integers(min_value=0, max_value=12),
    st.sampled_from(list(RoundingMode)),
)
def test_rounding_in_integers_agrees_with_fraction_rounding(
    value: Fraction, places: int, mode: RoundingMode
) -> None:
    # An independent reference: scale by 10**places and round the magnitude with Fraction's
    # own floor, ceil and round-half-even, then write the digits with the places.
    scaled = abs(value) * 10**places
    whole = {
        RoundingMode.DOWN: math.floor(scaled),
        RoundingMode.UP: math.ceil(scaled),
        RoundingMode.HALF_UP: math.floor(scaled + Fraction(1, 2)),
        RoundingMode.HALF_EVEN: round(scaled),
    }[mode]
    expected = Decimal((int(value < 0 and whole != 0), Decimal(whole).as_tuple().digits, -places))
    got = Rounding(places, mode).apply(value)
    assert got.as_tuple() == expected.as_tuple()
    assert str(got) == str(expected)


def test_full_memo_tables_still_score_every_unit_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tables that keep at most 9 results (one per SKM element: the per-element limit is
    # 9 // 9 = 1) and one input per scale range: the units past the first are made afresh
    # and equal what roomy tables give.
    totals = {f"u{n}": 9 + n for n in range(12)}  # every element answered 4 times
    roomy = finish(_prepared(), _reduction(totals, 4))
    monkeypatch.setattr(base, "MEMO_LIMIT", 9)
    monkeypatch.setattr(models, "MEMO_LIMIT", 9)
    monkeypatch.setattr(engine, "_INPUTS_LIMIT", 1)
    prepared = _prepared()
    tight = finish(prepared, _reduction(totals, 4))
    assert tight.cards == roomy.cards
    constants = base.per_rubric(prepared.rubric, "survey_index", models.SurveyIndex()._constants)
    # Each element's table kept its first result only; the rest were built and not kept.
    assert all(len(table) == 1 for table in constants.nodes.values())


def _leaf_cards_by_model(prepared, reduction, tree):  # type: ignore[no-untyped-def]
    """Every leaf card scored as before the linear form: inputs made by ``_inputs`` and
    scored by the model's ``score``, whose breakdown is built with the card."""
    cards = {}
    for unit in tree.post_order():
        if tree.is_leaf(unit.id):
            problems: list[object] = []
            inputs = engine._inputs(prepared, unit.id, reduction.stats, problems, problems)
            assert not problems
            cards[unit.id] = engine.score_leaf(prepared, unit, inputs)
    return cards


def _built(breakdown):  # type: ignore[no-untyped-def]
    return breakdown.build() if isinstance(breakdown, Deferred) else breakdown


def _means(nodes):  # type: ignore[no-untyped-def]
    return tuple(
        attrs.evolve(node, combine=Combine.MEAN)
        if isinstance(node, Indicator)
        else attrs.evolve(node, children=_means(node.children))
        for node in nodes
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_linear_form_scores_as_the_model_on_generated_rubrics(data: st.DataObject) -> None:
    # Every unit with every indicator evaluated is scored by the model's linear form in
    # integers, its breakdown deferred; the cards must equal, field by field (breakdown
    # included), the cards the model's own score gives (the previous implementation).
    from pelayanan.testing import strategies as ps

    rubric = data.draw(ps.rubrics())
    if data.draw(st.booleans()):
        # Means only, not rounded: every unit with values for every indicator is linear.
        rubric = attrs.evolve(
            rubric,
            children=_means(rubric.children),
            rounding=attrs.evolve(rubric.rounding, indicator=None),
        )
    tree = data.draw(ps.unit_trees())
    markers = data.draw(st.booleans())  # a not-applicable marker sends a unit the model's way
    evidence = data.draw(ps.evidence_for(rubric, tree, missing=False, not_applicable=markers))
    prepared = prepare(rubric)
    reduction = engine.reduce(prepared.rubric, evidence, tree)
    assessment = finish(prepared, reduction, tree)
    expected = _leaf_cards_by_model(prepare(rubric), reduction, tree)
    for card in assessment.walk():
        if not card.children:
            assert card == expected[card.unit_id]
    # Inner cards defer their merged breakdown too: built from the children as read, it
    # is what merging the children's built breakdowns gives.
    for card in reversed(list(assessment.walk())):
        if card.children:
            method = prepared.rubric.aggregation.method_for(card.level)
            merged = aggregate.aggregate(tree[card.unit_id], method, card.children, tree)
            assert card.breakdown == _built(merged.breakdown)


@pytest.mark.parametrize(
    ("rubric_id", "missing"),
    [("skm-2017", None), ("ombudsman-2022", "zero"), ("pekppp-2022", "zero"), ("ikm-2004", None)],
)
def test_linear_form_scores_as_the_model_on_builtin_rubrics(
    rubric_id: str, missing: str | None
) -> None:
    # 300 units with made-up totals and counts (seeded): the same cards as the model's
    # score, and the fast path was taken (the breakdown was deferred).
    import random

    from pelayanan._model.results import Deferred, ScoreCard
    from pelayanan._model.units import UnitTree

    registry = get_registry()
    rubric = registry.get_rubric(rubric_id)
    scheme = registry.get_zone_scheme(rubric.zone_scheme) if rubric.zone_scheme else None
    prepared = prepare(rubric, zone_scheme=scheme, missing=missing)
    rng = random.Random(11)
    reduction = Reduction()
    for n in range(300):
        unit = f"u{n}"
        reduction.units[unit] = None
        for indicator in prepared.rubric.indicators():
            low, high = indicator.scale.minimum, indicator.scale.maximum
            count = rng.randint(1, 40)
            # any total the count can reach: count x low + a share of count x span
            total = count * low + (high - low) * count * Fraction(rng.randint(0, 100), 100)
            if low.denominator == 1 and high.denominator == 1:
                total = Fraction(round(total))
            reduction.stats[(unit, indicator.id)] = IndicatorStats(count=count, total=total)
            reduction.count += count
    tree = UnitTree.flat(reduction.units)
    assessment = finish(prepared, reduction, tree)
    slot = ScoreCard.breakdown  # the slot itself, read without building
    assert all(type(slot.__get__(card)) is Deferred for card in assessment.cards)
    expected = _leaf_cards_by_model(
        prepare(rubric, zone_scheme=scheme, missing=missing), reduction, tree
    )
    assert {card.unit_id: card for card in assessment.cards} == expected


def test_a_deferred_breakdown_is_built_once_and_reads_as_a_tuple() -> None:
    import copy
    import pickle

    from pelayanan._model.results import Deferred, ScoreCard

    # a: every element answered 4 times summing to 10; SKM 25 x 10/4 = 125/2.
    card = finish(_prepared(), _reduction({"a": 10}, 4)).cards[0]
    slot = ScoreCard.breakdown
    assert type(slot.__get__(card)) is Deferred
    first = card.breakdown
    assert type(first) is tuple
    assert len(first) == 9
    assert slot.__get__(card) is first  # kept
    assert card.breakdown is first
    assert sum(node.contribution for node in first) == card.score == Fraction(125, 2)
    # Copies, pickles and evolved cards carry the built tuple.
    fresh = finish(_prepared(), _reduction({"a": 10}, 4)).cards[0]
    assert fresh == card
    assert hash(fresh) == hash(card)
    assert pickle.loads(pickle.dumps(fresh)) == card
    assert copy.copy(card) == card
    assert attrs.evolve(card, method="x").breakdown == first
    assert "breakdown=(NodeResult(" in repr(card)


def test_a_breakdown_disagreeing_with_its_score_is_a_bug_raised() -> None:
    prepared = _prepared()
    counted = tuple((Fraction(10), 4) for _ in prepared.rubric.indicators())
    with pytest.raises(AssertionError, match="linear form"):
        engine._later_breakdown(prepared, counted, Fraction(1))


def test_a_model_scoring_otherwise_than_its_base_is_asked_its_score() -> None:
    # A plugin's model built on a built-in one, with its own score: its base's linear
    # form does not speak for it.
    from pelayanan._scoring.base import ModelResult

    class Doubled(models.SurveyIndex):
        def score(self, rubric, inputs):  # type: ignore[no-untyped-def]
            result = super().score(rubric, inputs)
            assert result.score is not None
            return ModelResult(2 * result.score, result.coverage, result.breakdown)

    registry = get_registry()
    rubric = registry.get_rubric("skm-2017")
    prepared = prepare(rubric, models={"survey_index": Doubled()})
    assert engine._fast(prepared) is None
    # a: every element answered 4 times summing to 10; 2 x 25 x 10/4 = 125.
    assert finish(prepared, _reduction({"a": 10}, 4)).cards[0].score == 125


def test_an_indicator_node_equals_one_made_by_its_constructor() -> None:
    from pelayanan._model.results import indicator_node

    # 25/9 x 13/4 = 325/36 earned of 100/9: lost = 400/36 - 325/36 = 75/36 = 25/12.
    made = indicator_node(
        "waktu",
        Text.of("Waktu"),
        NodeStatus.EVALUATED,
        Fraction(1, 9),
        Fraction(325, 36),
        Fraction(100, 9),
        Fraction(3, 4),
        Fraction(13, 4),
        4,
    )
    expected = NodeResult(
        id="waktu",
        kind="indicator",
        title=Text.of("Waktu"),
        status=NodeStatus.EVALUATED,
        weight=Fraction(1, 9),
        contribution=Fraction(325, 36),
        maximum=Fraction(100, 9),
        ratio=Fraction(3, 4),
        value=Fraction(13, 4),
        evidence_count=4,
    )
    assert made == expected
    assert made.lost == expected.lost == Fraction(25, 12)
    assert made.children == ()
    assert repr(made) == repr(expected)


def test_inner_units_leave_their_leaves_breakdowns_unbuilt() -> None:
    from pelayanan._model.results import ScoreCard
    from pelayanan._model.units import Unit, UnitTree

    # a (10 over 4 answers per element: 125/2) and b (13 over 4: 325/4) under p, by the
    # rubric's default aggregation (mean): (125/2 + 325/4) / 2 = 575/8.
    reduction = _reduction({"a": 10, "b": 13}, 4)
    tree = UnitTree(
        [
            Unit("p", "p", "service_unit"),
            Unit("a", "a", "service_product", "p"),
            Unit("b", "b", "service_product", "p"),
        ]
    )
    [top] = finish(_prepared(), reduction, tree).cards
    slot = ScoreCard.breakdown
    assert all(type(slot.__get__(card)) is Deferred for card in top.walk())
    assert top.score == Fraction(575, 8)
    # Read, the parent's breakdown is the mean of the children's, element by element.
    first = top.breakdown[0]
    assert (
        first.contribution
        == (top.children[0].breakdown[0].contribution + top.children[1].breakdown[0].contribution)
        / 2
    )
    assert sum(node.contribution for node in top.breakdown) == top.score


def test_a_flat_tree_is_still_checked() -> None:
    from pelayanan._model.problems import RuleError
    from pelayanan._model.units import Unit, UnitTree

    # Roots only skip the parent and cycle walk, not the check of ids used twice.
    with pytest.raises(RuleError) as caught:
        UnitTree([Unit("a", "a"), Unit("b", "b"), Unit("a", "a again")])
    assert "/2/id" in str(caught.value.findings[0].pointer)
    assert [unit.id for unit in UnitTree.flat(["b", "a", "b"]).roots()] == ["b", "a"]

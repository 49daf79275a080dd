"""The strategies draw valid objects and shrink to readable ones."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import find, given, settings
from hypothesis import strategies as st

from pelayanan._model import (
    BooleanScale,
    Combine,
    Evidence,
    Group,
    Indicator,
    Rubric,
    Unit,
    UnitLevel,
    UnitTree,
    ZoneScheme,
)
from pelayanan._scoring import prepare
from pelayanan.testing import strategies as ps
from pelayanan.testing._hypothesis_setup import _register

QUICK = settings(database=None)


@given(ps.rubrics())
def test_drawn_rubrics_are_usable_with_their_model(rubric: Rubric) -> None:
    for choice in [{}, *({p.id: name} for p in rubric.parameters for name in p.names())]:
        prepare(rubric, parameters=choice)  # raises if the model refuses the rubric
    if rubric.scoring.model == "points":
        assert all(indicator.points is not None for indicator in rubric.indicators())
    if rubric.scoring.model == "survey_index":
        assert not any(isinstance(i.scale, BooleanScale) for i in rubric.indicators())


@given(ps.rubrics(models=["flat"]))
def test_a_model_can_be_chosen(rubric: Rubric) -> None:
    assert rubric.scoring.model == "flat"


def test_a_rubric_shrinks_to_one_boolean_indicator() -> None:
    rubric = find(ps.rubrics(), lambda r: True, settings=QUICK)
    [indicator] = rubric.children
    assert isinstance(indicator, Indicator)
    assert (indicator.id, indicator.scale, indicator.weight) == ("i0", BooleanScale(), 1)
    assert rubric.scoring.model == "weighted_mean"


@given(ps.rubrics())
def test_ids_are_numbered_by_position(rubric: Rubric) -> None:
    # depth first, as a reader meets them: g0, i0, i1, g1, i2, ...
    groups = [n.id for n in rubric.nodes() if isinstance(n, Group)]
    indicators = [i.id for i in rubric.indicators()]
    assert groups == [f"g{k}" for k in range(len(groups))]
    assert indicators == [f"i{k}" for k in range(len(indicators))]


@given(ps.zone_schemes(0, 100))
def test_zone_schemes_start_at_the_minimum_with_two_decimal_bounds(scheme: ZoneScheme) -> None:
    lowers = [band.lower for band in scheme.bands]
    assert lowers[0] == 0
    assert lowers == sorted(set(lowers))
    assert all((lower * 100).denominator == 1 for lower in lowers)
    assert all(0 <= lower <= 100 for lower in lowers)


@given(st.data())
def test_zone_schemes_for_a_rubric_cover_its_scores(data: st.DataObject) -> None:
    rubric = data.draw(ps.rubrics())
    scheme = data.draw(ps.zone_schemes_for(rubric))
    lo, hi = ps.score_range(rubric)
    assert scheme.minimum <= min(lo, Fraction(0))
    assert scheme.maximum >= hi


@given(ps.unit_trees())
def test_unit_trees_go_from_agencies_to_products(tree: UnitTree) -> None:
    for unit in tree:
        parent = tree[unit.parent] if unit.parent else None
        expected = {
            "a": (UnitLevel.AGENCY, None),
            "u": (UnitLevel.SERVICE_UNIT, UnitLevel.AGENCY),
            "p": (UnitLevel.SERVICE_PRODUCT, UnitLevel.SERVICE_UNIT),
        }[unit.id[0]]
        assert (unit.level, parent and parent.level) == expected
    assert tree.leaves()


def test_a_unit_tree_shrinks_to_one_agency() -> None:
    tree = find(ps.unit_trees(), lambda t: True, settings=QUICK)
    assert [unit.id for unit in tree] == ["a0"]


@given(st.data())
def test_evidence_fits_the_rubric_and_the_leaves(data: st.DataObject) -> None:
    rubric = data.draw(ps.rubrics())
    units = data.draw(ps.unit_trees())
    evidence = data.draw(ps.evidence_for(rubric, units))
    indicators = {indicator.id: indicator for indicator in rubric.indicators()}
    for item in evidence:
        assert units.is_leaf(item.unit)
        indicator = indicators[item.indicator]
        if item.not_applicable:
            assert indicator.allow_not_applicable
        else:
            indicator.scale.parse(item.value)  # raises if off the scale
        if indicator.combine is Combine.LATEST and not item.not_applicable:
            assert item.provenance.collected_at is not None
    dates = [
        (item.unit, item.indicator, item.provenance.collected_at)
        for item in evidence
        if indicators[item.indicator].combine is Combine.LATEST and not item.not_applicable
    ]
    assert len(set(dates)) == len(dates)


@given(st.data())
def test_without_gaps_every_leaf_has_every_indicator(data: st.DataObject) -> None:
    rubric = data.draw(ps.rubrics())
    units = data.draw(ps.unit_trees())
    evidence = data.draw(ps.evidence_for(rubric, units, missing=False, not_applicable=False))
    covered = {(item.unit, item.indicator) for item in evidence}
    wanted = {(u.id, i.id) for u in units.leaves() for i in rubric.indicators()}
    assert covered == wanted
    assert not any(item.not_applicable for item in evidence)


@given(st.data())
def test_higher_values_are_higher_on_the_scale(data: st.DataObject) -> None:
    scale = data.draw(ps.scales())
    value = data.draw(ps.values_for(scale))
    if scale.parse(value) < scale.maximum:
        higher = data.draw(ps.higher_values(scale, value))
        assert scale.parse(value) < scale.parse(higher) <= scale.maximum


def test_from_type_draws_valid_model_objects() -> None:
    _register()  # what the ``hypothesis`` entry point runs when Hypothesis is imported

    @QUICK
    @given(
        rubric=st.from_type(Rubric),
        group=st.from_type(Group),
        indicator=st.from_type(Indicator),
        scheme=st.from_type(ZoneScheme),
        tree=st.from_type(UnitTree),
        unit=st.from_type(Unit),
        item=st.from_type(Evidence),
    )
    def check(
        rubric: Rubric,
        group: Group,
        indicator: Indicator,
        scheme: ZoneScheme,
        tree: UnitTree,
        unit: Unit,
        item: Evidence,
    ) -> None:
        prepare(rubric)
        assert group.children
        assert indicator.id == "i0"
        assert scheme.bands[0].lower == scheme.minimum
        assert tree.leaves()
        assert unit.parent is None
        assert item.not_applicable or item.value is not None

    check()


@given(st.data())
def test_drawn_overlays_apply_and_their_additions_fit_the_model(data: st.DataObject) -> None:
    from pelayanan._model.tailoring import apply_overlay

    base = data.draw(ps.rubrics(), label="base")
    overlay = data.draw(ps.overlays_for(base), label="overlay")
    tailored = apply_overlay(base, overlay)
    prepare(tailored)  # the tailored rubric is usable with its model
    added = {new.id for new in overlay.add}
    assert added <= {indicator.id for indicator in tailored.indicators()}


def test_overlays_add_local_indicators_into_groups() -> None:
    # the add step is drawn too, not only drop/select/substitute/rename/reweight
    def has_addition_into_a_group(pair: tuple[Rubric, object]) -> bool:
        return any(new.into is not None for new in pair[1].add)  # type: ignore[attr-defined]

    pairs = ps.rubrics().flatmap(lambda r: st.tuples(st.just(r), ps.overlays_for(r)))
    _base, overlay = find(pairs, has_addition_into_a_group, settings=QUICK)
    assert overlay.add[0].id == "a0"  # ids by position, so a shrunk example reads a0

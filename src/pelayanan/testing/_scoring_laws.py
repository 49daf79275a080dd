"""The laws that score rubrics: bounds, monotone, order, not_applicable, determinism and
exactness, each as a property over one drawn case (see :mod:`pelayanan.testing.laws`)."""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs
from hypothesis import strategies as st

from pelayanan._model.convert import from_data, to_data
from pelayanan._model.evidence import Evidence
from pelayanan._model.results import ScoreCard
from pelayanan._model.rubric import Group, Indicator, Node, Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.engine import finish, prepare, reduce
from pelayanan._scoring.errors import ScoringError
from pelayanan._scoring.stats import Reduction
from pelayanan.testing._evidence import Case, corner_cases, higher_values
from pelayanan.testing._support import (
    LawSetup,
    card_pairs,
    first_difference,
    map_siblings,
    number,
    result_bytes,
)

__all__ = [
    "Property",
    "bounds_property",
    "determinism_property",
    "merge_property",
    "monotone_property",
    "not_applicable_property",
    "order_property",
]

Property = Callable[[st.DataObject], None]
"""A law checked on one drawn case; raises AssertionError when it does not hold."""


def bounds_property(setup: LawSetup) -> Property:
    """Every unit's score lies within the model's ``bounds`` and its coverage in [0, 1].

    The corner cases (every scale at its ends, alone and together) are checked at once;
    the property checks drawn cases.
    """
    rubric = setup.rubric
    model = setup.model()

    def check(case: Case) -> None:
        lo, hi = model.bounds(rubric.resolve(dict(case.parameters)))
        for card in setup.score(case, zone_scheme=False).walk():
            if card.score is not None and not lo <= card.score <= hi:
                setup.fail(
                    f"unit {card.unit_id} scored {number(card.score)}, outside the model's "
                    f"bounds [{number(lo)}, {number(hi)}]",
                    case,
                )
            if not 0 <= card.coverage <= 1:
                setup.fail(f"unit {card.unit_id} has coverage {number(card.coverage)}", case)

    for corner in corner_cases(rubric):
        check(corner)

    def prop(data: st.DataObject) -> None:
        check(setup.draw_case(data))

    return prop


def _band_rank(scheme: ZoneScheme | None, card: ScoreCard) -> int:
    if scheme is None or card.band is None:
        return -1
    return scheme.bands.index(card.band)


def _lowered(
    old: ScoreCard, new: ScoreCard, scheme: ZoneScheme | None
) -> tuple[str, object, object] | None:
    """What fell from ``old`` to ``new``: the score, the published score or the band."""
    if old.score is None or new.score is None:
        return None
    if new.score < old.score:
        return "score", old.score, new.score
    if old.published is not None and new.published is not None and new.published < old.published:
        return "published score", old.published, new.published
    if _band_rank(scheme, new) < _band_rank(scheme, old):
        return "band", old.band and old.band.code, new.band and new.band.code
    return None


def monotone_property(setup: LawSetup) -> Property:
    """Raising one evidence value never lowers any unit's score, published score or band."""
    rubric, zone_scheme = setup.rubric, setup.zone_scheme
    found = {indicator.id: indicator for indicator in rubric.indicators()}

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        scales = {key: indicator.scale for key, indicator in found.items()}
        raisable = [
            index
            for index, item in enumerate(case.evidence)
            if not item.not_applicable
            and scales[item.indicator].parse(item.value) < scales[item.indicator].maximum
        ]
        if not raisable:
            return
        index = data.draw(st.sampled_from(raisable), label="raised item")
        item = case.evidence[index]
        value = data.draw(higher_values(scales[item.indicator], item.value), label="new value")
        raised = list(case.evidence)
        raised[index] = attrs.evolve(item, value=value)
        before, after = setup.score(case), setup.score(case, evidence=raised)
        change = (
            f"raising {item.unit}/{item.indicator} from {number(item.value)} to {number(value)}"
        )
        for old, new in card_pairs(before, after):
            lowered = _lowered(old, new, zone_scheme)
            if lowered:
                what, was, now = lowered
                setup.fail(
                    f"{change} lowered the {what} of unit {old.unit_id} "
                    f"from {number(was)} to {number(now)}",
                    case,
                )

    return prop


def _summary(card: ScoreCard) -> dict[str, object]:
    nodes = {
        node.id: (node.status.value, node.contribution, node.maximum, node.ratio, node.value)
        for top in card.breakdown
        for node in top.walk()
    }
    return {
        "score": card.score,
        "published": card.published,
        "band": card.band and card.band.code,
        "zone": card.zone and card.zone.id,
        "coverage": card.coverage,
        "breakdown": nodes,
    }


def order_property(setup: LawSetup) -> Property:
    """Shuffling the evidence, or the children of any group, changes no result."""
    rubric = setup.rubric

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        expected = setup.score(case)
        shuffled = data.draw(st.permutations(case.evidence), label="evidence order")
        if result_bytes(setup.score(case, evidence=shuffled)) != result_bytes(expected):
            setup.fail("giving the evidence in this order changed the result:", case, shuffled)
        moves: list[str] = []

        def shuffle(parent: Group | None, siblings: tuple[Node, ...]) -> tuple[Node, ...]:
            where = "top level" if parent is None else parent.id
            new = tuple(data.draw(st.permutations(siblings), label=f"order in {where}"))
            if new != siblings:
                moves.append(f"{where}: {', '.join(node.id for node in new)}")
            return new

        reordered = attrs.evolve(rubric, children=map_siblings(rubric.children, shuffle))
        for old, new in card_pairs(expected, setup.score(case, reordered)):
            if _summary(old) != _summary(new):
                setup.fail(
                    f"reordering siblings ({'; '.join(moves)}) changed the result of unit "
                    f"{old.unit_id}: score {number(old.score)} became {number(new.score)}",
                    case,
                )

    return prop


def _without(rubric: Rubric, target: str) -> Rubric | None:
    def drop(parent: Group | None, siblings: tuple[Node, ...]) -> tuple[Node, ...]:
        return tuple(node for node in siblings if node.id != target)

    children = map_siblings(rubric.children, drop)
    return attrs.evolve(rubric, children=children) if children else None


def not_applicable_property(setup: LawSetup) -> Property:
    """Marking an indicator not applicable scores like the rubric without it.

    The indicator is marked in every leaf unit (and allowed to be, for the comparison).
    Weighted models re-normalise its siblings; ``points`` and ``survey_index`` simply add
    nothing for it. Either way each unit's score, published score, band and coverage must
    equal those of the rubric with the indicator removed (and an emptied group with it).
    """
    rubric = setup.rubric

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        resolved = rubric.resolve(dict(case.parameters))
        if len(resolved.indicators()) < 2:
            return
        target = data.draw(st.sampled_from(resolved.indicators()), label="indicator")

        def allow(parent: Group | None, siblings: tuple[Node, ...]) -> tuple[Node, ...]:
            return tuple(
                attrs.evolve(node, allow_not_applicable=True)
                if isinstance(node, Indicator) and node.id == target.id
                else node
                for node in siblings
            )

        marked = attrs.evolve(resolved, children=map_siblings(resolved.children, allow))
        without = _without(resolved, target.id)
        assert without is not None
        rest = [item for item in case.evidence if item.indicator != target.id]
        markers = [Evidence.not_applicable_for(u.id, target.id) for u in case.units.leaves()]
        with_marker = setup.score(case, marked, rest + markers)
        removed = setup.score(case, without, rest)
        for old, new in card_pairs(with_marker, removed):
            got = (old.score, old.published, old.band, old.coverage)
            expected = (new.score, new.published, new.band, new.coverage)
            if got != expected:
                setup.fail(
                    f"marking {target.id} not applicable gave unit {old.unit_id} score "
                    f"{number(old.score)} (coverage {number(old.coverage)}), but the rubric "
                    f"without {target.id} gives {number(new.score)} "
                    f"(coverage {number(new.coverage)}); the evidence with the markers:",
                    case,
                    rest + markers,
                )

    return prop


def determinism_property(setup: LawSetup) -> Property:
    """Scoring the same inputs again (fresh copies, evidence as a stream) gives a
    byte-identical result document (JSON, sorted keys)."""
    rubric = setup.rubric

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        first = result_bytes(setup.score(case))
        copy = from_data(Rubric, to_data(rubric))
        units_copy = from_data(UnitTree, to_data(case.units))
        stream = (from_data(Evidence, to_data(item)) for item in case.evidence)
        again = attrs.evolve(case, units=units_copy)
        second = result_bytes(setup.score(again, copy, stream))
        if first != second:
            where = first_difference(json.loads(first), json.loads(second))
            detail = f"at {where[0]}: {where[1]!r} then {where[2]!r}" if where else "(key order)"
            setup.fail(
                f"scoring the same inputs twice gave different result documents, {detail}", case
            )

    return prop


def merge_property(setup: LawSetup) -> Property:
    """Reducing the evidence in parts and merging the parts' statistics equals reducing it
    whole, in any grouping and order of the parts (with the empty reduction as identity),
    and finishing either gives the identical result document."""
    rubric = setup.rubric

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        resolved = rubric.resolve(dict(case.parameters))
        items = list(case.evidence)
        # Reduce against the unit tree, as scoring does, so unit problems are the same.
        parts_count = data.draw(st.integers(1, 4), label="parts")
        owners = data.draw(
            st.lists(st.integers(0, parts_count - 1), min_size=len(items), max_size=len(items)),
            label="part of each item",
        )
        parts = [
            reduce(
                resolved,
                [item for item, owner in zip(items, owners, strict=True) if owner == k],
                case.units,
            )
            for k in range(parts_count)
        ]
        order = data.draw(st.permutations(range(parts_count)), label="merge order")
        merged = Reduction()
        for k in order:
            # Merging onto the left or the right (a drawn grouping) must not matter.
            if data.draw(st.booleans(), label=f"merge part {k} on the right"):
                merged = merged.merge(parts[k])
            else:
                merged = parts[k].merge(merged)
        whole = reduce(resolved, items, case.units)
        if merged.stats != whole.stats or set(merged.units) != set(whole.units):
            pairs = sorted(set(merged.stats) | set(whole.stats))
            wrong = [key for key in pairs if merged.stats.get(key) != whole.stats.get(key)]
            setup.fail(
                f"merging the statistics of {parts_count} parts (parts {owners}, merged in "
                f"order {list(order)}) differs from the whole for {wrong[:3]}",
                case,
            )
        if merged.count != whole.count:
            setup.fail(f"merged count {merged.count} != whole count {whole.count}", case)
        if whole.merge(Reduction()) != whole or Reduction().merge(whole) != whole:
            setup.fail("the empty reduction is not an identity of merge", case)
        expected = result_bytes(setup.score(case))
        try:
            prepared = prepare(
                rubric,
                parameters=dict(case.parameters),
                missing=case.missing,
                models=setup.models,
                zone_scheme=setup.zone_scheme,
            )
            again = finish(prepared, merged, case.units)
        except (ScoringError, ValueError) as error:
            setup.fail(f"finishing the merged statistics failed: {error}", case)
        if result_bytes(again) != expected:
            setup.fail("finishing the merged statistics gave a different result", case)

    return prop

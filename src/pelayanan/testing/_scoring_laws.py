"""The laws that score rubrics: bounds, monotone, order, not_applicable, determinism,
merge, exactness and round trip, each as a property over one drawn case (see
:mod:`pelayanan.testing.laws`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

from pelayanan._model.convert import from_data, to_data
from pelayanan._model.evidence import Evidence
from pelayanan._model.results import ScoreCard
from pelayanan._model.rubric import Group, Indicator, Node, Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import finish, prepare, reduce
from pelayanan._scoring.errors import ScoringError
from pelayanan._scoring.stats import Reduction
from pelayanan.testing._evidence import Case, corner_cases, higher_values
from pelayanan.testing._serialisers import Serialiser, default_serialisers
from pelayanan.testing._support import (
    LawSetup,
    card_pairs,
    first_difference,
    is_exact,
    map_siblings,
    number,
    result_bytes,
)

__all__ = [
    "Property",
    "bounds_property",
    "determinism_property",
    "exactness_property",
    "merge_property",
    "monotone_property",
    "not_applicable_property",
    "order_property",
    "round_trip_property",
    "weight_scaling",
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


_SCALING = {
    "weighted_mean": "group",
    "points": "group",
    "flat": "global",
    "flat_unweighted": "group",
    "absolute": "group",
    "survey_index": "none",
}
"""How weights may be scaled without changing scores, per built-in model: the weights of
any one group's children (``group``), only all weights at once (``global``: the flat mean
compares indicators across groups), or not at all (``none``: SKM weights are absolute)."""


def weight_scaling(model: ScoringModel) -> str:
    """``group``, ``global`` or ``none``: a model's ``weight_scaling`` attribute, else the
    built-in table, else ``group``."""
    declared = getattr(model, "weight_scaling", None)
    return str(declared) if declared else _SCALING.get(model.name, "group")


def _factors() -> st.SearchStrategy[Fraction]:
    return st.one_of(
        st.integers(2, 10).map(Fraction), st.integers(1, 999).map(lambda n: Fraction(n, 100))
    )


def exactness_property(setup: LawSetup) -> Property:
    """Scores and coverage are exact rationals, and multiplying the weights of one group's
    children (``weight_scaling == "group"``, e.g. ``weighted_mean``) or of every node
    (``"global"``, e.g. ``flat``) by a positive constant changes no result. Models with
    absolute weights (``"none"``: ``survey_index``) are only checked for exact numbers."""
    rubric = setup.rubric
    scope = weight_scaling(setup.model())
    groups = [None, *(node for node in rubric.nodes() if isinstance(node, Group))]

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        base = setup.score(case)
        for card in base.walk():
            for what, value in (("score", card.score), ("coverage", card.coverage)):
                if value is not None and not is_exact(value):
                    setup.fail(f"unit {card.unit_id}: {what} {value!r} is not exact", case)
        if scope == "none":
            return
        factor = data.draw(_factors(), label="factor")
        chosen = None if scope == "global" else data.draw(st.sampled_from(groups), label="group")
        where = "every node" if scope == "global" else chosen.id if chosen else "the top level"
        resolved = rubric.resolve(dict(case.parameters))

        def scale(parent: Group | None, siblings: tuple[Node, ...]) -> tuple[Node, ...]:
            hit = scope == "global" or (parent is None if chosen is None else parent == chosen)
            if not hit:
                return siblings
            return tuple(_times(node, factor) for node in siblings)

        scaled = attrs.evolve(resolved, children=map_siblings(resolved.children, scale))
        for old, new in card_pairs(setup.score(case, resolved), setup.score(case, scaled)):
            if (old.score, old.coverage, old.band) != (new.score, new.coverage, new.band):
                setup.fail(
                    f"multiplying the weights of {where} by {number(factor)} changed unit "
                    f"{old.unit_id}'s score from {number(old.score)} to {number(new.score)} "
                    f"(coverage {number(old.coverage)} -> {number(new.coverage)})",
                    case,
                )

    return prop


def _times(node: Node, factor: Fraction) -> Node:
    assert isinstance(node.weight, Fraction), "weights are bound by rubric.resolve()"
    return attrs.evolve(node, weight=node.weight * factor)


def _back(serialiser: Serialiser, obj: Any) -> tuple[Any, str | None]:
    """``obj`` written and read back, or the reason it could not be."""
    kind = type(obj)
    try:
        return serialiser.load(kind, serialiser.dump(obj)), None
    except Exception as error:  # any failure to read back is the finding
        return None, f"{type(error).__name__}: {error}"


def _compare(serialiser: Serialiser, what: str, obj: Any) -> tuple[Any, str | None]:
    back, problem = _back(serialiser, obj)
    if problem is not None:
        return None, f"{what} could not be read back through {serialiser.name}: {problem}"
    if back == obj:
        return back, None
    if type(back) is not type(obj):
        found = type(back).__name__
        return None, f"{what} came back through {serialiser.name} as a {found}"
    where = first_difference(to_data(obj), to_data(back))
    detail = f"at {where[0]}: {where[1]!r} came back as {where[2]!r}" if where else "(equal data)"
    return None, f"{what} changed going through {serialiser.name}: {detail}"


def round_trip_property(setup: LawSetup) -> Callable[[st.DataObject], None]:
    """Check the rubric's and zone scheme's round trips now; return the property checking
    results (the result survives, and re-scoring loaded inputs gives identical bytes).

    The serialisers are ``setup.serialisers``, by default
    :func:`~pelayanan.testing._serialisers.default_serialisers` (plain data, JSON, and the
    YAML/JSON documents of :mod:`pelayanan._documents.api`).
    """
    rubric, zone_scheme, models = setup.rubric, setup.zone_scheme, setup.models
    chosen = tuple(setup.serialisers or ()) or default_serialisers(models)
    loaded: list[tuple[Serialiser, Rubric, ZoneScheme | None]] = []
    head = f"law 'round_trip' does not hold for rubric {rubric.ref}:"
    for serialiser in chosen:
        back_rubric, problem = _compare(serialiser, f"rubric {rubric.ref}", rubric)
        back_scheme = None
        if problem is None and zone_scheme is not None:
            back_scheme, problem = _compare(
                serialiser, f"zone scheme {zone_scheme.ref}", zone_scheme
            )
        if problem is not None:
            raise AssertionError(f"{head}\n{problem}")
        loaded.append((serialiser, back_rubric, back_scheme))

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data, small=True)
        result = setup.score(case)
        expected = result_bytes(result)
        units_back = from_data(UnitTree, to_data(case.units))
        evidence_back = [from_data(Evidence, to_data(item)) for item in case.evidence]
        for serialiser, rubric_back, scheme_back in loaded:
            _, problem = _compare(serialiser, "the result", result)
            if problem is not None:
                setup.fail(problem, case)
            again = attrs.evolve(case, units=units_back).score(
                rubric_back, zone_scheme=scheme_back, models=models, evidence=evidence_back
            )
            if result_bytes(again) != expected:
                where = first_difference(to_data(result), to_data(again))
                setup.fail(
                    f"scoring the rubric read back through {serialiser.name} on the evidence "
                    f"and units read back gave a different result (at {where and where[0]})",
                    case,
                )

    return prop

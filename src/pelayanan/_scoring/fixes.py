"""What to fix: the indicators that would raise a unit's score most, and a smallest set of
fixes that lifts it into the next band."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._model.evidence import Evidence, Provenance
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.results import NodeResult, NodeStatus, ScoreCard
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.scales import BooleanScale
from pelayanan._model.text import Text
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import Band, ZoneScheme
from pelayanan._scoring.aggregate import coefficients
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import Prepared, finish_cards, prepare, publish, reduce

__all__ = ["Fix", "FixPlan", "plan_fixes"]

_ZERO = Fraction(0)
_FIXABLE = (NodeStatus.EVALUATED, NodeStatus.MISSING, NodeStatus.EXCLUDED)


@attrs.frozen
class Fix:
    """Raising one indicator of one leaf unit to the top of its scale."""

    unit_id: str
    indicator_id: str
    title: Text
    status: NodeStatus
    current: Fraction | None
    """The combined evidence value now (``None`` when there is no evidence)."""
    target: Fraction
    """The top of the indicator's scale."""
    gain: Fraction
    """How much the explained unit's exact score rises with this fix alone."""


@attrs.frozen
class FixPlan:
    """Candidates ordered by gain, and the chosen fixes that reach ``target``.

    ``exact`` is ``True`` when the plan is a proven smallest set: the scoring model is
    additive and every aggregation on the way is linear, so each fix's gain is independent
    of the others and taking the largest gains first reaches the threshold with the fewest
    fixes. Otherwise (a non-additive model, ``min`` on the way, an excluded indicator among
    the candidates, or a model whose breakdown does not add up as it claims) the plan is
    greedy (largest single gain first, re-scored after each step) and may not be the
    smallest.
    """

    unit_id: str
    published: Decimal | None
    band: Band | None
    target: Band | None
    """The next band up; ``None`` when the unit is already in the top band."""
    candidates: tuple[Fix, ...]
    fixes: tuple[Fix, ...]
    projected: Decimal | None
    """The published score after applying ``fixes``."""
    reachable: bool
    exact: bool


def _apply(evidence: Sequence[Evidence], fixes: Sequence[Fix]) -> list[Evidence]:
    replaced = {(fix.unit_id, fix.indicator_id) for fix in fixes}
    kept = [item for item in evidence if (item.unit, item.indicator) not in replaced]
    note = "what-to-fix projection"
    return kept + [
        Evidence(fix.unit_id, fix.indicator_id, fix.target, provenance=Provenance(note=note))
        for fix in fixes
    ]


def _target_value(indicator: Indicator) -> Fraction:
    return Fraction(1) if isinstance(indicator.scale, BooleanScale) else indicator.scale.maximum


def _leaf_factors(
    prepared: Prepared, card: ScoreCard, tree: UnitTree
) -> dict[str, Fraction] | None:
    """How much each leaf's exact score counts in ``card``'s (``None`` unless linear)."""
    if not card.children:
        return {card.unit_id: Fraction(1)}
    method = prepared.rubric.aggregation.method_for(card.level)
    if not method.linear:
        return None
    factors: dict[str, Fraction] = {}
    for child, coefficient in coefficients(method, card.children, tree):
        below = _leaf_factors(prepared, child, tree)
        if below is None:
            return None
        for leaf, factor in below.items():
            factors[leaf] = factors.get(leaf, Fraction(0)) + coefficient * factor
    return factors


def _reaches(band: Band | None, target: Band) -> bool:
    return band is not None and band.lower >= target.lower


def plan_fixes(
    rubric: Rubric,
    evidence: Sequence[Evidence],
    unit_id: str,
    units: UnitTree | None = None,
    *,
    zone_scheme: ZoneScheme,
    parameters: Mapping[str, str] | None = None,
    missing: MissingPolicy | str | None = None,
    models: Mapping[str, ScoringModel] | None = None,
) -> FixPlan:
    """Plan the fixes that lift ``unit_id`` into the next band of ``zone_scheme``.

    Every leaf below the unit is scored; each evaluated indicator below the top of its scale,
    and each indicator without evidence, is a candidate fix. Candidates are ordered by gain
    (largest first) and taken in that order until the published score reaches the next band.

    When the plan is exact (see :class:`FixPlan`) the gains are read from the breakdown:
    a fix raises its indicator's contribution to its maximum, and the leaf's gain counts in
    the unit's score by the leaf's aggregation coefficient; one final scoring of the chosen
    fixes confirms the projection. Otherwise each candidate is valued by re-scoring the
    unit with that one fix, and the plan re-scores after each chosen fix.
    """
    prepared = prepare(
        rubric, parameters=parameters, missing=missing, zone_scheme=zone_scheme, models=models
    )
    tree = units if units is not None else UnitTree.flat(item.unit for item in evidence)
    sub = tree.subtree(unit_id)
    leaves = {unit.id for unit in sub}
    local = [item for item in evidence if item.unit in leaves]

    def card_for(items: Sequence[Evidence]) -> ScoreCard:
        return finish_cards(prepared, reduce(prepared.rubric, items, sub), sub)[0][0]

    base = card_for(local)
    indicators = {ind.id: ind for ind in prepared.rubric.indicators()}
    found: list[tuple[Fix, NodeResult]] = []
    for leaf in base.walk():
        if leaf.children:
            continue
        for top in leaf.breakdown:
            for node in top.walk():
                if node.kind != "indicator" or node.status not in _FIXABLE:
                    continue
                if node.status is NodeStatus.EVALUATED and node.ratio == 1:
                    continue
                best = _target_value(indicators[node.id])
                fix = Fix(leaf.unit_id, node.id, node.title, node.status, node.value, best, _ZERO)
                found.append((fix, node))
    factors = _leaf_factors(prepared, base, sub)
    exact = (
        prepared.model.additive
        and factors is not None
        and all(fix.status is not NodeStatus.EXCLUDED for fix, _ in found)
    )
    target = None if base.band is None else zone_scheme.next_band(base.band)
    plan = None
    if exact and factors is not None:
        plan = _exact_plan(prepared, base, target, found, factors, card_for, local)
        exact = plan is not None
    if plan is None:
        plan = _greedy_plan(base, target, [fix for fix, _ in found], card_for, local)
    candidates, chosen, projected = plan
    return FixPlan(
        unit_id=unit_id,
        published=base.published,
        band=base.band,
        target=target,
        candidates=tuple(candidates),
        fixes=tuple(chosen),
        projected=projected.published,
        reachable=target is None or _reaches(projected.band, target),
        exact=exact,
    )


_Plan = tuple[list[Fix], list[Fix], ScoreCard]
_Scorer = Callable[[Sequence[Evidence]], ScoreCard]


def _ordered(candidates: list[Fix]) -> list[Fix]:
    """Largest gain first; equal gains keep the unit and rubric order (the sort is stable)."""
    return sorted((fix for fix in candidates if fix.gain > 0), key=lambda fix: -fix.gain)


def _exact_plan(
    prepared: Prepared,
    base: ScoreCard,
    target: Band | None,
    found: list[tuple[Fix, NodeResult]],
    factors: Mapping[str, Fraction],
    card_for: _Scorer,
    local: Sequence[Evidence],
) -> _Plan | None:
    """Gains from the breakdown; ``None`` when a re-score disagrees with the projection."""
    candidates = _ordered(
        [
            attrs.evolve(
                fix, gain=factors.get(fix.unit_id, _ZERO) * (node.maximum - node.contribution)
            )
            for fix, node in found
        ]
    )
    chosen: list[Fix] = []
    if target is not None and base.score is not None:
        exact = base.score
        band = base.band
        for fix in candidates:
            if _reaches(band, target):
                break
            chosen.append(fix)
            exact += fix.gain
            band = publish(prepared, exact)[1]
    if not chosen:
        return candidates, chosen, base
    projected = card_for(_apply(local, chosen))
    if projected.score != (base.score or _ZERO) + sum((fix.gain for fix in chosen), _ZERO):
        return None  # the model's breakdown does not add up as "additive" promises
    return candidates, chosen, projected


def _greedy_plan(
    base: ScoreCard,
    target: Band | None,
    found: list[Fix],
    card_for: _Scorer,
    local: Sequence[Evidence],
) -> _Plan:
    """Value each candidate by re-scoring with it alone; re-score after each chosen fix."""
    now = base.score or _ZERO
    candidates = _ordered(
        [
            attrs.evolve(fix, gain=(card_for(_apply(local, [fix])).score or _ZERO) - now)
            for fix in found
        ]
    )
    chosen: list[Fix] = []
    projected = base
    if target is not None:
        for fix in candidates:
            if _reaches(projected.band, target):
                break
            chosen.append(fix)
            projected = card_for(_apply(local, chosen))
    return candidates, chosen, projected

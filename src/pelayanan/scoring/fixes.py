"""What to fix: the indicators that would raise a unit's score most, and a smallest set of
fixes that lifts it into the next band."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan.model.evidence import Evidence, Provenance
from pelayanan.model.policies import AggregationMethod, MissingPolicy
from pelayanan.model.results import NodeStatus, ScoreCard
from pelayanan.model.rubric import Indicator, Rubric
from pelayanan.model.scales import BooleanScale
from pelayanan.model.text import Text
from pelayanan.model.units import UnitTree
from pelayanan.model.zones import Band, ZoneScheme
from pelayanan.scoring.base import ScoringModel
from pelayanan.scoring.engine import prepare, score

__all__ = ["Fix", "FixPlan", "plan_fixes"]

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
    """Candidates ordered by gain, and the chosen fixes that reach :attr:`target`.

    ``exact`` is ``True`` when the plan is a proven smallest set: the scoring model is
    additive and every aggregation on the way is linear, so each fix's gain is independent
    of the others and taking the largest gains first reaches the threshold with the fewest
    fixes. Otherwise the plan is greedy (largest single gain first, re-scored after each
    step) and may not be the smallest.
    """

    unit_id: str
    published: Decimal | None
    band: Band | None
    target: Band | None
    """The next band up; ``None`` when the unit is already in the top band."""
    candidates: tuple[Fix, ...]
    fixes: tuple[Fix, ...]
    projected: Decimal | None
    """The published score after applying :attr:`fixes`."""
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
    and each indicator without evidence, is a candidate fix, valued by re-scoring the unit
    with that one fix. Candidates are ordered by gain (largest first). Fixes are then taken
    in that order, re-scoring after each, until the published score reaches the next band.
    See :class:`FixPlan` for when the result is exact.
    """
    prepared = prepare(
        rubric, parameters=parameters, missing=missing, zone_scheme=zone_scheme, models=models
    )
    tree = units if units is not None else UnitTree.flat(item.unit for item in evidence)
    sub = tree.subtree(unit_id)
    leaves = {unit.id for unit in sub}
    local = [item for item in evidence if item.unit in leaves]

    def card_for(items: Sequence[Evidence]) -> ScoreCard:
        result = score(
            rubric,
            items,
            sub,
            zone_scheme=zone_scheme,
            parameters=parameters,
            missing=missing,
            models=models,
        )
        return result.cards[0]

    base = card_for(local)
    indicators = {ind.id: ind for ind in prepared.rubric.indicators()}
    candidates: list[Fix] = []
    for leaf in base.walk():
        if leaf.children:
            continue
        for top in leaf.breakdown:
            for node in top.walk():
                if node.kind != "indicator" or node.status not in _FIXABLE:
                    continue
                if node.status is NodeStatus.EVALUATED and node.ratio == 1:
                    continue
                indicator = indicators[node.id]
                fix = Fix(
                    leaf.unit_id,
                    node.id,
                    node.title,
                    node.status,
                    node.value,
                    _target_value(indicator),
                    Fraction(0),
                )
                after = card_for(_apply(local, [fix]))
                gain = (after.score or Fraction(0)) - (base.score or Fraction(0))
                if gain > 0:
                    candidates.append(attrs.evolve(fix, gain=gain))
    candidates.sort(key=lambda fix: -fix.gain)
    linear = all(method.linear for _, method in prepared.rubric.aggregation.levels) and (
        prepared.rubric.aggregation.default is not AggregationMethod.MIN
    )
    exact = (
        prepared.model.additive
        and linear
        and all(f.status is not NodeStatus.EXCLUDED for f in candidates)
    )
    target = None if base.band is None else zone_scheme.next_band(base.band)
    chosen: list[Fix] = []
    projected = base
    if target is not None:
        for fix in candidates:
            if projected.band is not None and projected.band.lower >= target.lower:
                break
            chosen.append(fix)
            projected = card_for(_apply(local, chosen))
    reachable = target is None or (
        projected.band is not None and projected.band.lower >= target.lower
    )
    return FixPlan(
        unit_id=unit_id,
        published=base.published,
        band=base.band,
        target=target,
        candidates=tuple(candidates),
        fixes=tuple(chosen),
        projected=projected.published,
        reachable=reachable,
        exact=exact,
    )

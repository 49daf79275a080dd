"""Scores of inner units (service unit, agency) from the scores of the units below them."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from pelayanan._model.policies import AggregationMethod
from pelayanan._model.results import Deferred, NodeResult, NodeStatus, ScoreCard
from pelayanan._model.units import Unit, UnitTree
from pelayanan._scoring.base import exact_sum

__all__ = ["Aggregate", "aggregate", "coefficients"]

_ZERO = Fraction(0)


@attrs.frozen
class Aggregate:
    """An inner unit's exact score, coverage and merged breakdown (built when its card's
    breakdown is first read: the children's scores alone give the score)."""

    score: Fraction | None
    coverage: Fraction
    breakdown: tuple[NodeResult, ...] | Deferred


def _breakdown_of(card: ScoreCard) -> tuple[NodeResult, ...]:
    return card.breakdown


def _merged(cards: Sequence[ScoreCard], coefficients: Sequence[Fraction]) -> tuple[NodeResult, ...]:
    return merge_breakdowns([card.breakdown for card in cards], coefficients)


def _merged_status(statuses: set[NodeStatus]) -> NodeStatus:
    for status in (NodeStatus.EVALUATED, NodeStatus.MISSING, NodeStatus.EXCLUDED):
        if status in statuses:
            return status
    return NodeStatus.NOT_APPLICABLE


def merge_breakdowns(
    breakdowns: Sequence[tuple[NodeResult, ...]], coefficients: Sequence[Fraction]
) -> tuple[NodeResult, ...]:
    """Combine same-shaped breakdowns linearly: contribution and maximum are weighted sums."""
    if not breakdowns:
        return ()
    # Equal coefficients (every mean) multiply one exact sum; others weight each term. Sums
    # are normalised once (see exact_sum), not after every addition.
    first_coefficient = coefficients[0] if coefficients else _ZERO
    equal = all(c == first_coefficient for c in coefficients)

    def weighted(values: Sequence[Fraction]) -> Fraction:
        if equal:
            return first_coefficient * exact_sum(values)
        return exact_sum([c * v for c, v in zip(coefficients, values, strict=True)])

    def merge(nodes: Sequence[NodeResult]) -> NodeResult:
        first = nodes[0]
        contribution = weighted([n.contribution for n in nodes])
        maximum = weighted([n.maximum for n in nodes])
        kids = tuple(merge([n.children[i] for n in nodes]) for i in range(len(first.children)))
        return NodeResult(
            id=first.id,
            kind=first.kind,
            title=first.title,
            status=_merged_status({n.status for n in nodes}),
            weight=first.weight,
            contribution=contribution,
            maximum=maximum,
            ratio=contribution / maximum if maximum else None,
            value=None,
            evidence_count=sum(n.evidence_count for n in nodes),
            children=kids,
        )

    return tuple(merge([b[i] for b in breakdowns]) for i in range(len(breakdowns[0])))


def aggregate(
    unit: Unit, method: AggregationMethod, children: Sequence[ScoreCard], tree: UnitTree
) -> Aggregate:
    """Aggregate ``children`` (the cards of ``unit``'s children) by ``method``.

    Children with no score (nothing could be scored below them) are left out of the score
    but count with zero coverage. For ``min``, the lowest child's breakdown is shown.
    """
    if method is AggregationMethod.MIN:
        candidates = [card for card in children if card.score is not None]
        if not candidates:
            return Aggregate(None, _ZERO, ())
        lowest = min(candidates, key=lambda card: card.score or _ZERO)
        return Aggregate(lowest.score, lowest.coverage, Deferred(_breakdown_of, lowest))
    coverage, scored = _pool(method, children, tree)
    if not scored:
        return Aggregate(None, coverage, ())
    score = sum((c * (card.score or _ZERO) for card, c in scored), _ZERO)
    breakdown = Deferred(_merged, [card for card, _ in scored], [c for _, c in scored])
    return Aggregate(score, coverage, breakdown)


def _pool(
    method: AggregationMethod, children: Sequence[ScoreCard], tree: UnitTree
) -> tuple[Fraction, list[tuple[ScoreCard, Fraction]]]:
    """The coverage, and each scored card that counts with its coefficient (summing to 1)."""
    pool = list(children)
    if method is AggregationMethod.FLAT_MEAN:  # the leaves below
        pool = [leaf for card in children for leaf in card.walk() if not leaf.children]
    if method is AggregationMethod.WEIGHTED_MEAN:
        weights = [tree[card.unit_id].weight for card in pool]
    else:
        weights = [Fraction(1)] * len(pool)
    total = sum(weights, _ZERO)
    coverage = (
        sum((w * card.coverage for w, card in zip(weights, pool, strict=True)), _ZERO) / total
    )
    scored = [(w, card) for w, card in zip(weights, pool, strict=True) if card.score is not None]
    scored_total = sum((w for w, _ in scored), _ZERO)
    return coverage, [(card, w / scored_total) for w, card in scored]


def coefficients(
    method: AggregationMethod, children: Sequence[ScoreCard], tree: UnitTree
) -> list[tuple[ScoreCard, Fraction]]:
    """For a linear ``method``: the cards whose scores make up the inner unit's score, each
    with its coefficient (the score is ``sum(c * card.score)``).

    ``flat_mean`` reaches down to the leaf cards; the other linear methods use the children.
    A card with no score takes no part.

    Raises:
        ValueError: for ``min``, which is not a fixed linear combination.
    """
    if not method.linear:
        raise ValueError(f"aggregation {method.value!r} is not linear")
    return _pool(method, children, tree)[1]

"""The built-in scoring models. Each docstring gives its formula.

Notation for one unit: indicator *i* has ratio ``r_i`` in ``[0, 1]`` (its combined evidence
placed on its scale), raw value ``v_i``, declared weight ``w_i`` and points ``p_i``. ``S`` is the
set of indicators taking part: evaluated ones, plus missing ones under the ``zero`` policy
(scored at the bottom of the scale). Not-applicable and excluded indicators are left out.
``lo`` and ``hi`` are the ``minimum`` and ``maximum`` scoring options (default 0 and 100).

Coverage is always the share of *applicable* weight (not-applicable items left out, missing
items kept in) that was evaluated from evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from pelayanan._i18n import gettext
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.results import NodeResult, NodeStatus
from pelayanan._model.rubric import Indicator, Node, Rubric, walk
from pelayanan._scoring.base import (
    MEMO_LIMIT,
    IndicatorInput,
    IndicatorShare,
    Linear,
    ModelResult,
    ScoringModel,
    build_breakdown,
    exact_sum,
    per_rubric,
)

__all__ = [
    "BUILTIN_MODELS",
    "Absolute",
    "Flat",
    "FlatUnweighted",
    "Points",
    "SurveyIndex",
    "WeightedMean",
]

_ZERO = Fraction(0)
_ONE = Fraction(1)
_PATTERNS = 4096
"""Most status patterns whose shares a rubric remembers."""


def _new_memo(_rubric: Rubric) -> dict[Any, Any]:
    return {}


def _weight(node: Node) -> Fraction:
    assert isinstance(node.weight, Fraction), "rubric parameters must be resolved first"
    return node.weight


def _resolved(rubric: Rubric) -> list[str]:
    if rubric.is_resolved:
        return []
    return [gettext("weights still refer to parameters; call rubric.resolve() first")]


def _read_range(rubric: Rubric) -> tuple[Fraction, Fraction]:
    lo = rubric.scoring.number("minimum", 0)
    hi = rubric.scoring.number("maximum", 100)
    return lo, hi


def _range(rubric: Rubric) -> tuple[Fraction, Fraction]:
    return per_rubric(rubric, "range", _read_range)


def _range_problems(rubric: Rubric) -> list[str]:
    try:
        lo, hi = _range(rubric)
    except ValueError as error:
        return [str(error)]
    if hi > lo:
        return []
    message = gettext("scoring maximum {maximum} must exceed minimum {minimum}")
    return [message.format(maximum=exact_to_str(hi), minimum=exact_to_str(lo))]


def hierarchical_shares(
    rubric: Rubric, include: Callable[[IndicatorInput], bool], inputs: Mapping[str, IndicatorInput]
) -> dict[str, Fraction]:
    """Each included indicator's share of the whole, re-normalising at every level.

    A group with no included indicator below drops out and its siblings share its weight.
    The shares of the included indicators sum to 1 (or the dict is empty).
    """

    living: dict[int, bool] = {}

    def alive(node: Node) -> bool:
        if isinstance(node, Indicator):
            return include(inputs[node.id])
        if id(node) not in living:
            living[id(node)] = any(alive(child) for child in node.children)
        return living[id(node)]

    shares: dict[str, Fraction] = {}

    def divide(siblings: tuple[Node, ...], share: Fraction) -> None:
        kept = [node for node in siblings if alive(node)]
        total = sum((_weight(node) for node in kept), _ZERO)
        for node in kept:
            part = share * _weight(node) / total
            if isinstance(node, Indicator):
                shares[node.id] = part
            else:
                divide(node.children, part)

    divide(rubric.children, Fraction(1))
    return shares


def _scored(given: IndicatorInput) -> bool:
    return given.scored


def _applicable(given: IndicatorInput) -> bool:
    return given.status is not NodeStatus.NOT_APPLICABLE


def _coverage(weights: Mapping[str, Fraction], inputs: Mapping[str, IndicatorInput]) -> Fraction:
    """Evaluated weight over applicable weight, for a flat weight per indicator."""
    if all(given.status is NodeStatus.EVALUATED for given in inputs.values()):
        return _ONE if any(weights.values()) else _ZERO
    applicable = sum((w for key, w in weights.items() if _applicable(inputs[key])), _ZERO)
    evaluated = sum(
        (w for key, w in weights.items() if inputs[key].status is NodeStatus.EVALUATED), _ZERO
    )
    return evaluated / applicable if applicable else _ZERO


_EVALUATED = IndicatorInput(NodeStatus.EVALUATED)


def _all_evaluated(rubric: Rubric) -> dict[str, IndicatorInput]:
    """Inputs with every indicator evaluated (their values unread: for the statuses)."""
    return {ind.id: _EVALUATED for ind in rubric.indicators()}


def _ratio(given: IndicatorInput) -> Fraction:
    assert given.ratio is not None
    return given.ratio


class _OnRange:
    """A model scoring from ``lo`` to ``hi`` (the ``minimum`` and ``maximum`` options)."""

    def check(self, rubric: Rubric) -> list[str]:
        """Weights must be bound and the output range valid."""
        return _resolved(rubric) + _range_problems(rubric)

    def bounds(self, rubric: Rubric) -> tuple[Fraction, Fraction]:
        """``(lo, hi)``."""
        return _range(rubric)


class WeightedMean(_OnRange):
    """Hierarchical weighted mean (``weighted_mean``), XCCDF's *default* model.

    Each group's ratio is the weighted mean of its children's ratios,
    ``r_g = sum(w_c * r_c) / sum(w_c)`` over children with something scored below; a group
    whose children are all left out drops out and its parent re-normalises. The score is
    ``lo + (hi - lo) * r_root``. Weights are relative: multiplying sibling weights by one
    constant changes nothing. Used by the Ombudsman 2022 dimensions (indicator 0-3 mapped onto
    0-100 per dimension, then 21.85/32.37/24.24/21.54) and PEKPPP (``maximum: 5``).
    """

    name = "weighted_mean"
    additive = True

    def linear(self, rubric: Rubric) -> Linear | None:
        """With every indicator evaluated: ``lo + sum((hi - lo) * share_i * r_i)``."""
        inputs = _all_evaluated(rubric)
        lo, hi = _range(rubric)
        shares, coverage = self._shares(rubric, inputs)
        if not shares:
            return None
        on_ratio = {key: (hi - lo) * part for key, part in shares.items()}
        return Linear(lo, {}, on_ratio, coverage)

    def _shares(
        self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]
    ) -> tuple[dict[str, Fraction], Fraction]:
        """Each scored indicator's share of the whole, and the coverage."""
        # The shares depend only on which indicators take part: work them out once for
        # each pattern of statuses (across thousands of units there are few).
        known = per_rubric(rubric, "weighted_mean_shares", _new_memo)
        pattern = tuple((key, given.status) for key, given in inputs.items())
        found = known.get(pattern)
        if found is None:
            shares = hierarchical_shares(rubric, _scored, inputs)
            applicable = hierarchical_shares(rubric, _applicable, inputs)
            coverage = sum(
                (s for key, s in applicable.items() if inputs[key].status is NodeStatus.EVALUATED),
                _ZERO,
            )
            found = (shares, coverage)
            if len(known) < _PATTERNS:
                known[pattern] = found
        return found

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        """Score one unit by the hierarchical weighted mean."""
        lo, hi = _range(rubric)
        span = hi - lo
        shares, coverage = self._shares(rubric, inputs)

        def share(indicator: Indicator, given: IndicatorInput) -> IndicatorShare:
            part = shares.get(indicator.id, _ZERO)
            if not part:
                return IndicatorShare(_ZERO, _ZERO)
            return IndicatorShare(span * part * _ratio(given), span * part)

        breakdown = build_breakdown(rubric, inputs, share)
        total = exact_sum([node.contribution for node in breakdown])
        return ModelResult(lo + total if shares else None, coverage, breakdown)


class Points:
    """Sum of points (``points``), for the Ombudsman checklists.

    ``score = sum(p_i * r_i for i in S)``: a met boolean earns its points, an ordinal level
    earns its share. Not-applicable items earn nothing and leave the maximum
    (``sum(p_i for i in S)``). Every indicator must declare ``points``.
    """

    name = "points"
    additive = True

    def refuses_missing(self, policy: MissingPolicy) -> str | None:
        """``exclude`` is refused: points are added up against a fixed maximum, so leaving an
        indicator out cannot re-normalise the rest and would score exactly what ``zero``
        scores."""
        if policy is MissingPolicy.EXCLUDE:
            return gettext(
                "the points model adds up earned points against a fixed maximum, so 'exclude' "
                "cannot re-normalise the other indicators (it would score exactly as 'zero'); "
                "use missing 'zero' or 'error'"
            )
        return None

    def check(self, rubric: Rubric) -> list[str]:
        """Every indicator needs points, and the rubric's own missing policy must not be
        ``exclude`` (see :meth:`refuses_missing`)."""
        no_points = gettext("indicator {name!r} has no points (the points model needs them)")
        problems = [
            no_points.format(name=ind.id) for ind in rubric.indicators() if ind.points is None
        ]
        reason = self.refuses_missing(rubric.missing)
        if reason:
            problems.append(f"missing: {rubric.missing.value}: {reason}")
        return problems

    def bounds(self, rubric: Rubric) -> tuple[Fraction, Fraction]:
        """``(0, total points)``."""
        return _ZERO, sum((ind.points or _ZERO for ind in rubric.indicators()), _ZERO)

    def linear(self, rubric: Rubric) -> Linear | None:
        """With every indicator evaluated: ``sum(p_i * r_i)``."""
        points = {ind.id: ind.points or _ZERO for ind in rubric.indicators()}
        if not points:
            return None
        return Linear(_ZERO, {}, points, _coverage(points, _all_evaluated(rubric)))

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        """Score one unit by adding points."""

        def share(indicator: Indicator, given: IndicatorInput) -> IndicatorShare:
            points = indicator.points or _ZERO
            if not given.scored:
                return IndicatorShare(_ZERO, _ZERO)
            return IndicatorShare(points * _ratio(given), points)

        def shown(node: Node) -> Fraction:
            if isinstance(node, Indicator):
                return node.points or _ZERO
            return _weight(node)

        breakdown = build_breakdown(rubric, inputs, share, shown)
        points = {ind.id: ind.points or _ZERO for ind in rubric.indicators()}
        scored = any(given.scored for given in inputs.values())
        total = exact_sum([node.contribution for node in breakdown])
        return ModelResult(total if scored else None, _coverage(points, inputs), breakdown)


class Flat(_OnRange):
    """Flat weighted mean (``flat``), XCCDF's *flat* model: groups are ignored.

    ``score = lo + (hi - lo) * sum(w_i * r_i) / sum(w_i)`` over ``S``, with each indicator's own
    weight. Groups appear in the breakdown only as sums.
    """

    name = "flat"
    additive = True

    def _weights(self, rubric: Rubric) -> dict[str, Fraction]:
        return {ind.id: _weight(ind) for ind in rubric.indicators()}

    def _parts(
        self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]
    ) -> tuple[dict[str, Fraction], Fraction]:
        weights = self._weights(rubric)
        total = sum((w for key, w in weights.items() if inputs[key].scored), _ZERO)
        return weights, total

    def linear(self, rubric: Rubric) -> Linear | None:
        """With every indicator evaluated: ``lo + sum((hi - lo) * w_i / sum(w) * r_i)``."""
        inputs = _all_evaluated(rubric)
        lo, hi = _range(rubric)
        weights, total = self._parts(rubric, inputs)
        if not total:
            return None
        on_ratio = {key: (hi - lo) * weight / total for key, weight in weights.items()}
        return Linear(lo, {}, on_ratio, _coverage(weights, inputs))

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        """Score one unit by the flat weighted mean."""
        lo, hi = _range(rubric)
        weights, total = self._parts(rubric, inputs)

        def share(indicator: Indicator, given: IndicatorInput) -> IndicatorShare:
            if not given.scored:
                return IndicatorShare(_ZERO, _ZERO)
            part = (hi - lo) * weights[indicator.id] / total
            return IndicatorShare(part * _ratio(given), part)

        breakdown = build_breakdown(rubric, inputs, share)
        earned = exact_sum([node.contribution for node in breakdown])
        score = lo + earned if total else None
        return ModelResult(score, _coverage(weights, inputs), breakdown)


class FlatUnweighted(Flat):
    """Share of indicators met (``flat_unweighted``), XCCDF's *flat-unweighted* model.

    ``score = lo + (hi - lo) * mean(r_i for i in S)``: every indicator counts the same.
    """

    name = "flat_unweighted"

    def _weights(self, rubric: Rubric) -> dict[str, Fraction]:
        return {ind.id: Fraction(1) for ind in rubric.indicators()}

    def check(self, rubric: Rubric) -> list[str]:
        """The output range must be valid."""
        return _range_problems(rubric)


class Absolute(FlatUnweighted):
    """All or nothing (``absolute``), XCCDF's *absolute* model.

    ``score = hi`` when every indicator in ``S`` is fully met (``r_i = 1``), else ``lo``. The
    breakdown shows each indicator's equal share (as :class:`FlatUnweighted`); when anything
    falls short, every contribution is zero so the breakdown still adds up to the score.
    """

    name = "absolute"
    additive = False

    def linear(self, rubric: Rubric) -> Linear | None:
        """None: all or nothing is not linear."""
        return None

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        """Score one unit all-or-nothing."""
        lo, hi = _range(rubric)
        weights, total = self._parts(rubric, inputs)
        passed = all(_ratio(given) == 1 for given in inputs.values() if given.scored)

        def share(indicator: Indicator, given: IndicatorInput) -> IndicatorShare:
            if not given.scored:
                return IndicatorShare(_ZERO, _ZERO)
            part = (hi - lo) * weights[indicator.id] / total
            return IndicatorShare(part if passed else _ZERO, part)

        breakdown = build_breakdown(rubric, inputs, share)
        score = (hi if passed else lo) if total else None
        return ModelResult(score, _coverage(weights, inputs), breakdown)


def path_weights(rubric: Rubric) -> dict[str, Fraction]:
    """Each indicator's weight times the weights of every group above it."""
    weights: dict[str, Fraction] = {}
    for node, ancestors in walk(rubric.children):
        if isinstance(node, Indicator):
            product = _weight(node)
            for group in ancestors:
                product *= _weight(group)
            weights[node.id] = product
    return weights


class SurveyIndex:
    """Survey index (``survey_index``), the SKM / IKM formula.

    ``score = factor * sum(W_i * v_i for i in S)`` where ``v_i`` is the element's mean answer
    over respondents (its NRR, on the answer scale, not mapped onto ``[0, 1]``), ``W_i`` the
    product of the weights from the top group down to the indicator, and ``factor`` the
    ``factor`` option (SKM: 25). Weights are used as given and need not sum to 1: with
    0.11 x 9 = 0.99 a unit answering 4 everywhere scores 99.00, as published reports do.
    Not-applicable elements add nothing (no re-normalisation). Elements missing under the
    ``exclude`` policy are left out and the answered ones re-normalise: each ``W_i`` is
    multiplied by ``(sum(W_j for j in S) + sum(W_x for x excluded)) / sum(W_j for j in S)``,
    so 8 of 9 elements answered 4 score ``25 x 4 = 100.00`` (under ``zero``, the ninth
    counts as the bottom answer, 1: ``25 x (8 x 4 + 1) / 9 = 91.67``).
    """

    name = "survey_index"
    additive = True

    def _weights(self, rubric: Rubric) -> dict[str, Fraction]:
        return per_rubric(rubric, "survey_weights", path_weights)

    def check(self, rubric: Rubric) -> list[str]:
        """Weights must be bound, ``factor`` a positive number and every scale ordinal or
        numeric (the index averages answers on the scale)."""
        boolean = gettext(
            "indicator {name!r} has a boolean scale; survey_index averages answers on an "
            "ordinal or numeric scale"
        )
        problems = _resolved(rubric) + [
            boolean.format(name=indicator.id)
            for indicator in rubric.indicators()
            if indicator.scale.kind == "boolean"
        ]
        try:
            factor = rubric.scoring.number("factor", 1)
        except ValueError as error:
            return [*problems, str(error)]
        if factor <= 0:
            message = gettext("factor must be positive, got {factor}")
            problems.append(message.format(factor=exact_to_str(factor)))
        return problems

    def bounds(self, rubric: Rubric) -> tuple[Fraction, Fraction]:
        """The lowest and highest score over every non-empty set of scored elements.

        Not-applicable elements add nothing, so the lowest score is not
        ``factor * sum(W_i * minimum_i)`` but that of the cheapest
        non-empty set: with positive scales, one element answered at the bottom (SKM with
        1/9 weights: ``25 * 1/9 * 1 = 2.78``). A zone scheme that starts higher, such as
        SKM's 25.00, places such scores in its lowest band only when it ``clamp`` s. Under
        ``exclude`` the answered elements re-normalise, so with scales of different ranges a
        score can reach ``factor * sum(W_i) * max(maximum_i)`` (and likewise at the bottom).
        """
        factor = rubric.scoring.number("factor", 1)
        weights = self._weights(rubric)
        lows = [weights[i.id] * i.scale.minimum for i in rubric.indicators()]
        highs = [weights[i.id] * i.scale.maximum for i in rubric.indicators()]
        low = sum((v for v in lows if v < 0), _ZERO) if any(v < 0 for v in lows) else min(lows)
        high = sum((v for v in highs if v > 0), _ZERO) if any(v > 0 for v in highs) else max(highs)
        # Under 'exclude' a score is W * (weighted mean of the answers), W between the
        # smallest weight and the sum of the weights (weights are positive) and the mean
        # between the lowest minimum and the highest maximum: the corners bound it.
        ws = list(weights.values())
        bottom = min(i.scale.minimum for i in rubric.indicators())
        top = max(i.scale.maximum for i in rubric.indicators())
        corners = [w * v for w in (min(ws), sum(ws, _ZERO)) for v in (bottom, top)]
        return factor * min(low, *corners), factor * max(high, *corners)

    def _constants(self, rubric: Rubric) -> _SurveyConstants:
        factor = rubric.scoring.number("factor", 1)
        weights = self._weights(rubric)
        scaled = {key: factor * w for key, w in weights.items()}
        tops = {ind.id: scaled[ind.id] * ind.scale.maximum for ind in rubric.indicators()}
        full = _ONE if any(weights.values()) else _ZERO
        # One table of shares for the elements with the same scaled weight and top.
        tables: dict[tuple[Fraction, Fraction], dict[IndicatorInput, IndicatorShare]] = {}
        shares = {key: tables.setdefault((scaled[key], tops[key]), {}) for key in scaled}
        nodes: dict[str, dict[IndicatorInput, NodeResult]] = {key: {} for key in scaled}
        return _SurveyConstants(weights, scaled, tops, full, shares, nodes)

    def linear(self, rubric: Rubric) -> Linear | None:
        """With every element evaluated: ``sum(factor * W_i * v_i)``."""
        constants = per_rubric(rubric, "survey_index", self._constants)
        return Linear(_ZERO, constants.scaled, {}, constants.full)

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        """Score one unit by the survey index."""
        constants = per_rubric(rubric, "survey_index", self._constants)
        weights = constants.weights
        spread = _ONE
        evaluated = NodeStatus.EVALUATED
        every = True
        for given in inputs.values():
            if given.status is not evaluated:
                every = False
                break
        if not every:
            # Missing elements left out under ``exclude`` hand their weight to the answered
            # ones in proportion (the policy's promise: the rest re-normalise).
            # Not-applicable elements keep adding nothing, as the SKM formula has it.
            answered = sum((w for key, w in weights.items() if inputs[key].scored), _ZERO)
            excluded = sum(
                (w for key, w in weights.items() if inputs[key].status is NodeStatus.EXCLUDED),
                _ZERO,
            )
            if answered and excluded:
                spread = (answered + excluded) / answered
        scaled, shared = constants.scaled, constants.shares
        handed = spread != 1
        limit = MEMO_LIMIT // max(1, len(shared))

        def share(indicator: Indicator, given: IndicatorInput) -> IndicatorShare:
            if not given.scored:
                return IndicatorShare(_ZERO, _ZERO)
            assert given.value is not None
            key = indicator.id
            if handed:
                weight = scaled[key] * spread
                return IndicatorShare(weight * given.value, weight * indicator.scale.maximum)
            # Elements of equal weight and scale share the share of an equal input.
            known = shared[key]
            found = known.get(given)
            if found is None:
                found = IndicatorShare(scaled[key] * given.value, constants.tops[key])
                if len(known) < limit:
                    known[given] = found
            return found

        # With no weight handed on, an element's result depends on its own input only.
        memo = None if handed else constants.nodes
        breakdown = build_breakdown(rubric, inputs, share, memo=memo)
        scored = every or any(given.scored for given in inputs.values())
        total = exact_sum([node.contribution for node in breakdown])
        if every:
            return ModelResult(total, constants.full, breakdown)
        return ModelResult(total if scored else None, _coverage(weights, inputs), breakdown)


@attrs.frozen
class _SurveyConstants:
    """What the survey index needs of a rubric, worked out once per rubric: ``W_i``,
    ``factor x W_i`` and ``factor x W_i x maximum_i`` per element."""

    weights: dict[str, Fraction]
    scaled: dict[str, Fraction]
    tops: dict[str, Fraction]
    full: Fraction
    """The coverage when every element is evaluated."""
    shares: dict[str, dict[IndicatorInput, IndicatorShare]] = attrs.field(eq=False)
    """Per element, the shares already worked out by input (with no weight handed on);
    elements of equal scaled weight and top share one table."""
    nodes: dict[str, dict[IndicatorInput, NodeResult]] = attrs.field(eq=False)
    """Per element, its results already built by input (see :func:`build_breakdown`)."""


BUILTIN_MODELS: Mapping[str, ScoringModel] = {
    model.name: model
    for model in (WeightedMean(), Points(), Flat(), FlatUnweighted(), Absolute(), SurveyIndex())
}
"""The models every installation has, by name."""

"""What a scoring model receives and returns, and the breakdown builder the models share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from math import gcd
from typing import Any, Protocol, TypeVar, runtime_checkable

import attrs

from pelayanan._model.results import NodeResult, NodeStatus, indicator_node
from pelayanan._model.rubric import Indicator, Node, Rubric

__all__ = [
    "IndicatorInput",
    "IndicatorShare",
    "Linear",
    "ModelResult",
    "ScoringModel",
    "build_breakdown",
    "exact_sum",
    "per_rubric",
]


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """The exact sum of a few fractions, normalised once at the end.

    Equal to ``sum(values, Fraction(0))``; instead of reducing after every addition it
    adds over the least common denominator in integers (for the handful of terms of a
    breakdown this is several times faster than adding :class:`~fractions.Fraction` s).
    """
    numerator, denominator = 0, 1
    for value in values:
        n, d = value.as_integer_ratio()  # one call, not two property reads
        if d == denominator:
            numerator += n
        elif denominator % d == 0:
            numerator += n * (denominator // d)
        else:
            common = denominator * d // gcd(denominator, d)
            numerator = numerator * (common // denominator) + n * (common // d)
            denominator = common
    return Fraction(numerator, denominator)


SCORED = (NodeStatus.EVALUATED, NodeStatus.MISSING)
"""Statuses that take part in a score (a missing item under policy ``zero`` scores bottom)."""


@attrs.frozen(cache_hash=True)
class IndicatorInput:
    """One indicator's combined evidence for one unit, after the missing policy.

    ``value`` is on the indicator's scale and ``ratio`` maps it onto ``[0, 1]``; both are
    ``None`` for not-applicable and excluded indicators.
    """

    status: NodeStatus
    value: Fraction | None = None
    ratio: Fraction | None = None
    count: int = 0

    @property
    def scored(self) -> bool:
        """Whether it takes part in the score."""
        return self.status in SCORED


@attrs.frozen
class ModelResult:
    """A scoring model's answer for one unit."""

    score: Fraction | None
    coverage: Fraction
    breakdown: tuple[NodeResult, ...]


@attrs.frozen
class Linear:
    """A model's score of a unit whose every indicator is evaluated, as a linear form:
    ``offset + sum(on_value[i] * value_i) + sum(on_ratio[i] * ratio_i)``, with a coverage
    that is then the same for every unit.

    A built-in model gives it by its ``linear(rubric)`` method (``None`` when it has none:
    ``absolute`` is not linear, and a rubric its model would not score has none either).
    Finishing many units then scores each in integers from its totals and counts, and
    builds the breakdown, by the model's ``score``, only when it is read (equal, exactly:
    the form is the sum of the breakdown's contributions, and the card checks that the two
    agree when the breakdown is built). An indicator absent from both mappings adds nothing.
    """

    offset: Fraction
    on_value: Mapping[str, Fraction]
    on_ratio: Mapping[str, Fraction]
    coverage: Fraction


@runtime_checkable
class ScoringModel(Protocol):
    """A named way to turn indicator inputs into a unit score.

    Implementations are plain objects with a ``name``, an ``additive`` flag, and three methods.

    ``additive`` promises that, with the set of scored indicators fixed, the score is
    ``lo`` plus the sum of the indicators' breakdown contributions, each depending on its own
    indicator only, and an indicator at the top of its scale contributes its breakdown
    ``maximum``. :func:`~pelayanan._scoring.plan_fixes` then reads each fix's gain from the
    breakdown instead of re-scoring (and falls back to re-scoring if a confirming score
    disagrees).
    """

    name: str
    additive: bool

    def check(self, rubric: Rubric) -> list[str]:
        """Problems that make ``rubric`` unusable with this model (empty when fine)."""
        ...

    def bounds(self, rubric: Rubric) -> tuple[Fraction, Fraction]:
        """The lowest and highest score this model can give under ``rubric``."""
        ...

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        """Score one unit from its indicator inputs (keyed by indicator id)."""
        ...


@attrs.frozen
class IndicatorShare:
    """What one indicator adds to a score and could add at most, in score points."""

    contribution: Fraction
    maximum: Fraction


def _group_status(children: tuple[NodeResult, ...]) -> NodeStatus:
    statuses = {child.status for child in children}
    if statuses & set(SCORED):
        return NodeStatus.EVALUATED
    if statuses == {NodeStatus.NOT_APPLICABLE}:
        return NodeStatus.NOT_APPLICABLE
    return NodeStatus.EXCLUDED


_T = TypeVar("_T")
_PER_RUBRIC: dict[int, tuple[Rubric, dict[str, Any]]] = {}
_PER_RUBRIC_LIMIT = 64
"""Rubrics whose constants are kept (the oldest are dropped past this many)."""


def per_rubric(rubric: Rubric, name: str, compute: Callable[[Rubric], _T]) -> _T:
    """``compute(rubric)``, computed once per rubric object and kept.

    Thousands of units are scored with the same rubric; its weights, range, factor and
    shape do not change between them (rubrics are frozen), so the models and the breakdown
    builder work them out once. The cache is keyed by the rubric's identity and keeps the
    rubric alive, so the key stays valid.
    """
    entry = _PER_RUBRIC.get(id(rubric))
    if entry is None or entry[0] is not rubric:
        if len(_PER_RUBRIC) >= _PER_RUBRIC_LIMIT:
            _PER_RUBRIC.pop(next(iter(_PER_RUBRIC)))
        entry = _PER_RUBRIC[id(rubric)] = (rubric, {})
    values = entry[1]
    if name not in values:
        values[name] = compute(rubric)
    found: _T = values[name]
    return found


MEMO_LIMIT = 200_000
"""Most indicator results a breakdown memo keeps, all its tables together (see
:func:`build_breakdown`)."""


def build_breakdown(
    rubric: Rubric,
    inputs: Mapping[str, IndicatorInput],
    share: Callable[[Indicator, IndicatorInput], IndicatorShare],
    weight: Callable[[Node], Fraction] | None = None,
    memo: Mapping[str, dict[IndicatorInput, NodeResult]] | None = None,
) -> tuple[NodeResult, ...]:
    """Build the breakdown tree: groups add up their children.

    ``share`` gives each indicator's contribution and maximum; ``weight`` the weight shown
    for a node (the declared weight by default). ``memo``, when given, has a table for
    every indicator id that keeps its results by input, for a caller whose ``share`` and
    ``weight`` depend on nothing else (results are immutable, so units with equal evidence
    for an indicator share one; thousands of units with similar counts reuse most).
    """
    shown = weight or _declared

    limit = MEMO_LIMIT // max(1, len(memo)) if memo is not None else 0

    def leaf(node: Indicator) -> NodeResult:
        given = inputs[node.id]
        if memo is None:
            return _indicator_result(node, given, share(node, given), shown(node))
        # An input hashes once (it caches its hash), and units given the same shared input
        # find its result by identity, without comparing fractions.
        results = memo[node.id]
        found = results.get(given)
        if found is None:
            found = _indicator_result(node, given, share(node, given), shown(node))
            if len(results) < limit:
                results[given] = found
        return found

    if memo is not None and per_rubric(rubric, "flat", _all_indicators):
        # A rubric of elements only (the SKM questionnaire): no groups to add up.
        return tuple([leaf(node) for node in rubric.children if isinstance(node, Indicator)])

    def build(node: Node) -> NodeResult:
        if isinstance(node, Indicator):
            return leaf(node)
        kids = tuple(build(child) for child in node.children)
        contribution = exact_sum(kid.contribution for kid in kids)
        maximum = exact_sum(kid.maximum for kid in kids)
        return NodeResult(
            id=node.id,
            kind=node.kind,
            title=node.title,
            status=_group_status(kids),
            weight=shown(node),
            contribution=contribution,
            maximum=maximum,
            ratio=contribution / maximum if maximum else None,
            evidence_count=sum(kid.evidence_count for kid in kids),
            children=kids,
        )

    return tuple(build(node) for node in rubric.children)


def _declared(node: Node) -> Fraction:
    return node.weight if isinstance(node.weight, Fraction) else Fraction(1)


def _all_indicators(rubric: Rubric) -> bool:
    """Whether every top-level node of ``rubric`` is an indicator."""
    return all(isinstance(node, Indicator) for node in rubric.children)


def _indicator_result(
    node: Indicator, given: IndicatorInput, part: IndicatorShare, weight: Fraction
) -> NodeResult:
    return indicator_node(
        node.id,
        node.title,
        given.status,
        weight,
        part.contribution,
        part.maximum,
        given.ratio,
        given.value,
        given.count,
    )

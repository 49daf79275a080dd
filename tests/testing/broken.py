"""Deliberately broken scoring models, each breaking exactly one law."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction

import attrs

from pelayanan._model.results import NodeStatus
from pelayanan._model.rubric import Rubric
from pelayanan._scoring.base import IndicatorInput, ModelResult
from pelayanan._scoring.models import WeightedMean


class _Wrapped:
    """A weighted mean under another name; subclasses bend one thing."""

    name = "wrapped"
    additive = False

    def __init__(self) -> None:
        self.inner = WeightedMean()

    def check(self, rubric: Rubric) -> list[str]:
        return self.inner.check(rubric)

    def bounds(self, rubric: Rubric) -> tuple[Fraction, Fraction]:
        return self.inner.bounds(rubric)

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        return self.inner.score(rubric, inputs)


class NarrowBounds(_Wrapped):
    """Claims scores stay within 0-50 while giving up to 100."""

    name = "narrow_bounds"

    def bounds(self, rubric: Rubric) -> tuple[Fraction, Fraction]:
        return Fraction(0), Fraction(50)


class NotMonotone(_Wrapped):
    """Turns the weighted mean upside down: more met means a lower score."""

    name = "not_monotone"

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        result = self.inner.score(rubric, inputs)
        if result.score is None:
            return result
        lo, hi = self.bounds(rubric)
        return attrs.evolve(result, score=lo + hi - result.score)


class FirstCounts(_Wrapped):
    """Scores only the first indicator it is handed, so the order of indicators matters."""

    name = "first_counts"

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        result = self.inner.score(rubric, inputs)
        first = next(iter(inputs.values()))
        if result.score is None or first.ratio is None:
            return result
        lo, hi = self.bounds(rubric)
        return attrs.evolve(result, score=lo + (hi - lo) * first.ratio)


class IgnoresNotApplicable(_Wrapped):
    """Scores a not-applicable indicator as missing (at the bottom) instead of leaving it out."""

    name = "ignores_na"

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        bottom = IndicatorInput(NodeStatus.MISSING, Fraction(0), Fraction(0))
        changed = {
            key: bottom if given.status is NodeStatus.NOT_APPLICABLE else given
            for key, given in inputs.items()
        }
        return self.inner.score(rubric, changed)


class Restless(_Wrapped):
    """Adds a thousandth every other call: not deterministic."""

    name = "restless"

    def __init__(self) -> None:
        super().__init__()
        self.calls = itertools.count()

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        result = self.inner.score(rubric, inputs)
        if result.score is None:
            return result
        nudge = Fraction(next(self.calls) % 2, 1000)
        return attrs.evolve(result, score=min(result.score + nudge, Fraction(100)))


class AbsoluteWeights(_Wrapped):
    """Divides by the total weight plus one, so scaling the weights changes the score."""

    name = "absolute_weights"

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        result = self.inner.score(rubric, inputs)
        if result.score is None:
            return result
        total = sum(
            (node.weight for node in rubric.children if isinstance(node.weight, Fraction)),
            Fraction(0),
        )
        return attrs.evolve(result, score=result.score * total / (total + 1))


class FloatScores(_Wrapped):
    """Returns its score as a binary float."""

    name = "float_scores"

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        result = self.inner.score(rubric, inputs)
        if result.score is None:
            return result
        return attrs.evolve(result, score=float(result.score))

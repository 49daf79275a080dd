"""Strategies for rubrics, scales, zone schemes and unit trees (re-exported by ``strategies``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, cast

from hypothesis import strategies as st

from pelayanan._model.numbers import Rounding, RoundingMode
from pelayanan._model.policies import (
    Aggregation,
    AggregationMethod,
    Combine,
    MissingPolicy,
    Parameter,
    ParamRef,
    RoundingRules,
    ScoringSpec,
)
from pelayanan._model.rubric import Group, Indicator, Node, Rubric, Weight
from pelayanan._model.scales import BooleanScale, NumericScale, OrdinalScale, Scale, ScaleLevel
from pelayanan._model.text import Text
from pelayanan._model.units import UnitLevel
from pelayanan._scoring.models import BUILTIN_MODELS

__all__ = [
    "MODEL_NAMES",
    "aggregations",
    "boolean_scales",
    "exact_decimals",
    "groups",
    "indicators",
    "numeric_scales",
    "ordinal_scales",
    "roundings",
    "rubrics",
    "scales",
    "weights",
]

MODEL_NAMES: tuple[str, ...] = tuple(BUILTIN_MODELS)
"""The built-in scoring models :func:`rubrics` draws from, simplest first."""


def policies_for(
    model: str, policies: Iterable[MissingPolicy] = tuple(MissingPolicy)
) -> list[MissingPolicy]:
    """``policies`` less any the built-in ``model`` refuses (``points`` refuses ``exclude``,
    as its ``refuses_missing`` says); a plugin model is offered them all."""
    refuses = getattr(BUILTIN_MODELS.get(model), "refuses_missing", None)
    return [policy for policy in policies if not (callable(refuses) and refuses(policy))]


def exact_decimals(
    min_value: int = 0, max_value: int = 100, *, places: int = 2
) -> st.SearchStrategy[Fraction]:
    """Exact numbers with at most ``places`` decimals in ``[min_value, max_value]``.

    Shrinks towards ``min_value``; never passes through a binary float.
    """
    scale = 10**places
    return st.integers(min_value * scale, max_value * scale).map(lambda n: Fraction(n, scale))


@functools.cache
def weights() -> st.SearchStrategy[Fraction]:
    """Positive exact weights: small whole numbers, or decimals such as ``0.11`` or ``21.85``.

    Shrinks to ``1``.
    """
    return st.one_of(
        st.integers(1, 10).map(Fraction),
        st.integers(1, 10_000).map(lambda n: Fraction(n, 100)),
    )


@functools.cache
def _points() -> st.SearchStrategy[Fraction]:
    return st.one_of(
        st.integers(1, 12).map(Fraction),
        st.integers(0, 2_000).map(lambda n: Fraction(n, 100)),
    )


@functools.cache
def boolean_scales() -> st.SearchStrategy[BooleanScale]:
    """The boolean scale (met / not met)."""
    return st.just(BooleanScale())


@functools.cache
def ordinal_scales(max_levels: int = 6) -> st.SearchStrategy[OrdinalScale]:
    """Ordinal scales of 2 to ``max_levels`` whole-number levels between 0 and 10.

    Shrinks to the levels ``0, 1``.
    """
    values = st.lists(st.integers(0, 10), min_size=2, max_size=max_levels, unique=True)
    return values.map(lambda vs: OrdinalScale(ScaleLevel(v, str(v)) for v in sorted(vs)))


@functools.cache
def numeric_scales() -> st.SearchStrategy[NumericScale]:
    """Numeric scales with whole-number bounds, such as 0-100; shrinks to 0-1."""
    return st.builds(
        lambda low, span: NumericScale(low, low + span), st.integers(0, 10), st.integers(1, 100)
    )


@functools.cache
def scales() -> st.SearchStrategy[Scale]:
    """A scale of any kind; shrinks to the boolean scale."""
    return st.one_of(boolean_scales(), ordinal_scales(), numeric_scales())


_COMBINES = st.sampled_from(list(Combine))
_SCORE_ROUNDINGS = st.one_of(
    st.just(Rounding()),
    st.builds(Rounding, st.integers(0, 3), st.sampled_from(list(RoundingMode))),
    st.none(),
)
_INDICATOR_ROUNDINGS = st.one_of(
    st.none(), st.builds(Rounding, st.integers(0, 4), st.sampled_from(list(RoundingMode)))
)
_FACTORS = st.one_of(st.just(Fraction(1)), st.integers(1, 100).map(Fraction))
_RANGES = st.sampled_from(["default", "pekppp", "custom"])


def _indicator(draw: st.DrawFn, id: str, model: str, parameter: str | None) -> Indicator:
    weight: Weight = draw(weights())
    if parameter is not None and draw(st.booleans()):
        weight = ParamRef(parameter)
    scale = draw(scales_for(model))
    return Indicator(
        id=id,
        title=Text.of(id),
        scale=scale,
        weight=weight,
        points=draw(_points()) if model == "points" else None,
        combine=draw(_COMBINES),
        allow_not_applicable=draw(st.booleans()),
    )


@functools.cache
def scales_for(model: str) -> st.SearchStrategy[Scale]:
    """The scales ``model`` takes: ``survey_index`` averages answers on the scale, so it
    takes no boolean scale (``SurveyIndex.check`` refuses one); the others take any."""
    return st.one_of(ordinal_scales(), numeric_scales()) if model == "survey_index" else scales()


@st.composite
def indicators(
    draw: st.DrawFn,
    id: str = "i0",
    *,
    model: str = "weighted_mean",
    parameter: str | None = None,
) -> Indicator:
    """One indicator of any scale, fit for ``model``.

    Args:
        id: the indicator id.
        model: the scoring model; ``points`` draws points for every indicator, and
            ``survey_index`` only ordinal or numeric scales.
        parameter: when given, the weight may refer to this rubric parameter.
    """
    return _indicator(draw, id, model, parameter)


class _Ids:
    """Hands out ids by position so shrunk examples read ``g0``, ``i0``, ``i1``."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        number = self.counts.get(prefix, 0)
        self.counts[prefix] = number + 1
        return f"{prefix}{number}"


def _draw_nodes(
    draw: st.DrawFn,
    ids: _Ids,
    depth: int,
    *,
    model: str,
    parameter: str | None,
    max_children: int,
    max_depth: int,
) -> tuple[Node, ...]:
    nodes: list[Node] = []
    for _ in range(draw(st.integers(1, max_children))):
        if depth < max_depth and draw(st.booleans()):
            group_id = ids.next("g")
            kids = _draw_nodes(
                draw,
                ids,
                depth + 1,
                model=model,
                parameter=parameter,
                max_children=max_children,
                max_depth=max_depth,
            )
            weight = draw(weights())
            nodes.append(Group(group_id, Text.of(group_id), kids, weight))
        else:
            nodes.append(_indicator(draw, ids.next("i"), model, parameter))
    return tuple(nodes)


@st.composite
def groups(
    draw: st.DrawFn,
    id: str = "g0",
    *,
    model: str = "weighted_mean",
    max_children: int = 3,
    max_depth: int = 1,
) -> Group:
    """A group of indicators (and sub-groups up to ``max_depth`` further levels) for
    ``model``; children are numbered ``i0``, ``g1`` and so on. Shrinks to one indicator."""
    ids = _Ids()
    ids.next("g")  # ``g0`` is this group unless told otherwise
    children = _draw_nodes(
        draw,
        ids,
        1,
        model=model,
        parameter=None,
        max_children=max_children,
        max_depth=max_depth + 1,
    )
    return Group(id, Text.of(id), children, draw(weights()))


@functools.cache
def roundings(max_places: int = 3) -> st.SearchStrategy[Rounding]:
    """A rounding rule; shrinks to half-up to no decimals."""
    return st.builds(Rounding, st.integers(0, max_places), st.sampled_from(list(RoundingMode)))


@functools.cache
def aggregations() -> st.SearchStrategy[Aggregation]:
    """An aggregation rule, maybe with a per-level override; shrinks to the plain mean."""
    methods = st.sampled_from(list(AggregationMethod))
    levels = st.dictionaries(st.sampled_from(UnitLevel.ALL), methods, max_size=2)
    return st.builds(Aggregation, methods, levels)


def _options(draw: st.DrawFn, model: str) -> dict[str, Fraction]:
    if model == "points":
        return {}
    if model == "survey_index":
        return {"factor": draw(_FACTORS)}
    choice = draw(_RANGES)
    if choice == "default":
        return {}
    if choice == "pekppp":
        return {"maximum": Fraction(5)}
    low = draw(st.integers(0, 50))
    return {"minimum": Fraction(low), "maximum": Fraction(low + draw(st.integers(1, 100)))}


@st.composite
def rubrics(
    draw: st.DrawFn,
    models: Sequence[str] | None = None,
    *,
    max_children: int = 3,
    max_depth: int = 2,
    parameters: bool = True,
) -> Rubric:
    """A valid rubric for one of ``models`` (default: every built-in model).

    Groups nest up to ``max_depth`` deep with up to ``max_children`` children each; weights
    are exact; the ``points`` model gets points on every indicator; the policies (missing
    evidence, aggregation, rounding) are drawn too. With ``parameters``, some weights may
    refer to a rubric parameter ``w`` with two choices, as the SKM weight variants do.
    Shrinks to a one-indicator ``weighted_mean`` rubric with default policies.
    """
    model = draw(st.sampled_from(list(models or MODEL_NAMES)))
    parameter = None
    declared: list[Parameter] = []
    if parameters and draw(st.booleans()):
        parameter = "w"
        first, second = draw(st.lists(weights(), min_size=2, max_size=2, unique=True))
        declared.append(Parameter("w", {"a": first, "b": second}, "a"))
    children = _draw_nodes(
        draw,
        _Ids(),
        0,
        model=model,
        parameter=parameter,
        max_children=max_children,
        max_depth=max_depth,
    )
    score_rounding = draw(_SCORE_ROUNDINGS)
    indicator_rounding = draw(_INDICATOR_ROUNDINGS)
    return Rubric(
        id="r",
        version="1",
        title=Text.of("r"),
        children=children,
        scoring=ScoringSpec(model, _options(draw, model)),
        aggregation=draw(aggregations()),
        rounding=RoundingRules(score=score_rounding, indicator=indicator_rounding),
        missing=draw(st.sampled_from(policies_for(model))),
        parameters=cast(Any, declared),
    )

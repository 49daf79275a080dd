"""The declared choices of a rubric: scoring model, evidence combination, missing evidence,
aggregation across unit levels, rounding, and parameters."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from pelayanan._i18n import N_, gettext
from pelayanan._model.ids import check_id
from pelayanan._model.numbers import Rounding, to_exact
from pelayanan._model.problems import Finding, InvalidValueError, Message, RuleError, listing
from pelayanan._model.shape import shape
from pelayanan._model.text import Text, to_text

__all__ = [
    "Aggregation",
    "AggregationMethod",
    "Combine",
    "MissingPolicy",
    "ParamRef",
    "Parameter",
    "RoundingRules",
    "ScoringSpec",
]

OptionValue = Fraction | str | bool
"""A scoring option: an exact number, a name, or a switch."""


class Combine(enum.StrEnum):
    """How several evidence items for one indicator and unit become one value."""

    MEAN = "mean"
    """Arithmetic mean (the SKM per-element average over respondents)."""
    MEDIAN = "median"
    """Middle value; the mean of the two middle values for an even count."""
    MIN = "min"
    """The worst item (for a checklist: met only if every observation met it)."""
    MAX = "max"
    """The best item (met if any observation met it)."""
    LATEST = "latest"
    """The item with the latest ``collected_at``; every item must carry one."""


class MissingPolicy(enum.StrEnum):
    """What an applicable indicator with no evidence does to a score."""

    ERROR = "error"
    """Refuse to score; the error lists every missing (unit, indicator)."""
    ZERO = "zero"
    """Score it at the bottom of its scale; it still lowers coverage."""
    EXCLUDE = "exclude"
    """Leave it out: the indicators that are scored re-normalise to fill its weight; lowers
    coverage. Every built-in model honours this (``survey_index`` spreads the weight of the
    left-out elements over the answered ones) except ``points``, which refuses it: points
    are added against a fixed maximum, so leaving one out could only score as ``zero``."""


class AggregationMethod(enum.StrEnum):
    """How a unit's score is made from the scores of the units below it."""

    MEAN = "mean"
    """Plain mean of the children's scores."""
    WEIGHTED_MEAN = "weighted_mean"
    """Mean weighted by each child's :attr:`~pelayanan._model.units.Unit.weight`."""
    MIN = "min"
    """The lowest child score."""
    FLAT_MEAN = "flat_mean"
    """Plain mean over every leaf below, ignoring intermediate levels."""

    @property
    def linear(self) -> bool:
        """Whether the result is a fixed linear combination of leaf scores."""
        return self is not AggregationMethod.MIN


def _to_levels(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, AggregationMethod], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((level, AggregationMethod(method)) for level, method in pairs))


@attrs.frozen
class Aggregation:
    """Aggregation across unit levels: a default method and per-level overrides.

    The method of a unit is looked up by that unit's level, e.g.
    ``Aggregation(levels={"agency": "flat_mean"})`` averages an agency over all its products.
    """

    default: AggregationMethod = attrs.field(
        default=AggregationMethod.MEAN, converter=AggregationMethod
    )
    levels: tuple[tuple[str, AggregationMethod], ...] = attrs.field(
        default=(), converter=_to_levels
    )

    def method_for(self, level: str) -> AggregationMethod:
        """The method declared for ``level``, else the default."""
        return dict(self.levels).get(level, self.default)


def _optional_rounding(value: Rounding | Mapping[str, object] | None) -> Rounding | None:
    if value is None or isinstance(value, Rounding):
        return value
    return Rounding(**value)  # type: ignore[arg-type]


@attrs.frozen
class RoundingRules:
    """Where rounding happens. By default only the published score: half-up to 2 decimals.

    ``indicator`` rounds each combined evidence value (e.g. an NRR published to 2 decimals
    before weighting); ``score`` rounds the unit score that is published and classified.
    """

    score: Rounding | None = attrs.field(
        default=Rounding(), converter=_optional_rounding, metadata=shape(omit="never")
    )
    indicator: Rounding | None = attrs.field(
        default=None, converter=_optional_rounding, metadata=shape(omit="never")
    )


@attrs.frozen
class ParamRef:
    """A weight that takes the value of a rubric parameter, e.g. the SKM weight variant."""

    name: str = attrs.field(validator=check_id, metadata=shape(key="param"))


def _to_choices(
    value: Mapping[str, object] | Iterable[tuple[str, object]],
) -> tuple[tuple[str, Fraction], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), to_exact(v, what=f"parameter choice {name!r}")) for name, v in pairs)


@attrs.frozen
class Parameter:
    """A named choice a user makes when scoring, with its allowed values and a default.

    ``Parameter("weight", {"exact": "1/9", "0.11": "0.11", "0.111": "0.111"}, "exact")``
    """

    id: str = attrs.field(validator=check_id)
    choices: tuple[tuple[str, Fraction], ...] = attrs.field(converter=_to_choices)
    default: str = attrs.field()
    title: Text | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_text), metadata=shape(after="id")
    )

    @default.validator
    def _check_default(self, attribute: attrs.Attribute[str], value: str) -> None:
        names = [name for name, _ in self.choices]
        if len(set(names)) != len(names):
            message = N_("parameter {id!r}: a choice is listed twice: {choices}")
            raise InvalidValueError(Message(message, {"id": self.id, "choices": listing(names)}))
        if value not in names:
            message = N_("the default {value!r} is not one of the choices {choices}")
            finding = Finding(
                "/default", message, values={"value": value, "choices": listing(names)}
            )
            raise RuleError(Message(N_("parameter {id!r}"), {"id": self.id}), [finding])

    def names(self) -> tuple[str, ...]:
        """The allowed choice names, in declared order."""
        return tuple(name for name, _ in self.choices)

    def value(self, choice: str) -> Fraction:
        """The number behind ``choice``; an unknown choice raises :class:`ValueError`."""
        for name, number in self.choices:
            if name == choice:
                return number
        message = N_("parameter {id!r}: {choice!r} is not allowed; choose one of {choices}")
        values = {"id": self.id, "choice": choice, "choices": listing(self.names())}
        raise InvalidValueError(Message(message, values))


def _to_option(value: object) -> OptionValue:
    if isinstance(value, bool | str):
        return value
    return to_exact(value, what="scoring option")


def _to_options(
    value: Mapping[str, object] | Iterable[tuple[str, object]],
) -> tuple[tuple[str, OptionValue], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), _to_option(v)) for k, v in pairs))


@attrs.frozen
class ScoringSpec:
    """A named scoring model and its options.

    ``ScoringSpec("survey_index", {"factor": 25})`` is the SKM formula.
    """

    model: str = attrs.field(validator=check_id)
    options: tuple[tuple[str, OptionValue], ...] = attrs.field(default=(), converter=_to_options)

    def option(self, name: str, default: OptionValue) -> OptionValue:
        """The option ``name`` or ``default``."""
        return dict(self.options).get(name, default)

    def number(self, name: str, default: Fraction | int) -> Fraction:
        """The option ``name`` as an exact number (``default`` when absent)."""
        value = dict(self.options).get(name, default)  # a switch (a boolean) is refused
        return to_exact(value, what=f"{gettext('scoring option')} {name!r}")

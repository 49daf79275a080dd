"""Indicator scales: boolean, ordinal levels with labels, and bounded numbers.

A scale turns a raw evidence value into an exact number on the scale (:meth:`parse`) and maps
that number onto ``[0, 1]`` (:meth:`ratio`), which the weighted scoring models use.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import ClassVar, Protocol

import attrs

from pelayanan._i18n import N_
from pelayanan._model.limits import LimitError, current_limits
from pelayanan._model.numbers import exact_to_str, shown, to_exact
from pelayanan._model.problems import Finding, InvalidValueError, Message, RuleError
from pelayanan._model.text import Text, to_text

__all__ = [
    "BOOLEAN_WORDS",
    "YES_NO_WORDS",
    "BooleanScale",
    "NumericScale",
    "OrdinalScale",
    "Scale",
    "ScaleLevel",
]

_NOT_A_LEVEL = N_("expected one of the levels {levels}, got {value}")
YES_NO_WORDS: Mapping[str, bool] = MappingProxyType(
    dict.fromkeys(("true", "yes", "ya", "y", "1"), True)
    | dict.fromkeys(("false", "no", "tidak", "n", "0"), False)
)
"""A yes/no answer as written, in lower case: what a table's ``not_applicable`` flag reads."""
BOOLEAN_WORDS: Mapping[str, bool] = MappingProxyType(
    {**YES_NO_WORDS, "ada": True, "tidak ada": False}
)
"""What a boolean scale reads from text (in lower case, stripped): a yes/no answer, or
whether the thing checked is there, ``ada``/``tidak ada``, as an observer's checklist
records a published standard. The readers and the duckdb engine take these words from
here. A flag (``YES_NO_WORDS``) does not take ``ada``: "there is" does not say whether
an indicator applies."""


class _HasBounds(Protocol):
    @property
    def minimum(self) -> Fraction: ...
    @property
    def maximum(self) -> Fraction: ...


class _Bounded:
    """Shared behaviour; subclasses provide ``minimum`` and ``maximum``."""

    def ratio(self: _HasBounds, value: Fraction) -> Fraction:
        """Where ``value`` lies between the scale's minimum (0) and maximum (1)."""
        return (value - self.minimum) / (self.maximum - self.minimum)


@attrs.frozen
class BooleanScale(_Bounded):
    """Met or not met: ``True``/``False``, ``1``/``0``, or a yes/no word
    (``ya``/``tidak``, ``yes``/``no``, ``ada``/``tidak ada``, in any case)."""

    kind: ClassVar[str] = "boolean"

    @property
    def minimum(self) -> Fraction:
        """0: not met."""
        return Fraction(0)

    @property
    def maximum(self) -> Fraction:
        """1: met."""
        return Fraction(1)

    def parse(self, value: object) -> Fraction:
        """``1`` for met, ``0`` for not met; anything else raises :class:`ValueError`."""
        if isinstance(value, bool):
            return Fraction(int(value))
        word = BOOLEAN_WORDS.get(value.strip().lower()) if isinstance(value, str) else None
        if word is not None:
            return Fraction(int(word))
        if isinstance(value, int | Fraction | Decimal) and value in (0, 1):
            return Fraction(value)
        message = N_("expected true/false (or ya/tidak, 1/0), got {value}")
        raise InvalidValueError(Message(message, {"value": shown(value)}))


def _to_level_value(value: object) -> Fraction:
    return to_exact(value, what="level value")


@attrs.frozen
class ScaleLevel:
    """One level of an ordinal scale, e.g. ``3`` labelled ``Sangat baik``."""

    value: Fraction = attrs.field(converter=_to_level_value)
    label: Text = attrs.field(converter=to_text)


def _to_levels(levels: Iterable[ScaleLevel]) -> tuple[ScaleLevel, ...]:
    return tuple(levels)


def check_level_count(count: int) -> None:
    """Refuse an ordinal scale of more than ``Limits.max_scale_levels`` levels."""
    limit = current_limits().max_scale_levels
    if count > limit:
        raise LimitError(
            f"an ordinal scale of {count:,} levels is more than the limit of {limit:,} "
            "(Limits.max_scale_levels); use a numeric scale for a range of numbers"
        )


def _check_levels(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    assert isinstance(value, tuple)
    if len(value) < 2:
        raise _refused("/levels", N_("an ordinal scale needs at least two levels"))
    check_level_count(len(value))
    found = [
        Finding(
            f"/levels/{i}/value",
            N_(
                "levels must rise from lowest to highest: {value} is not above the level "
                "before it ({before})"
            ),
            values={"value": exact_to_str(level.value), "before": exact_to_str(before.value)},
        )
        for i, (before, level) in enumerate(itertools.pairwise(value), start=1)
        if level.value <= before.value
    ]
    if found:
        raise RuleError(N_("ordinal scale"), found)


def _refused(pointer: str, message: str, **values: object) -> RuleError:
    """A broken rule of a scale: ``message`` is a template marked with ``N_``."""
    return RuleError(N_("scale"), [Finding(pointer, message, values=values)])


@attrs.frozen
class OrdinalScale(_Bounded):
    """Levels with labels, such as 0-3 (Ombudsman 2022), 1-4 (SKM) or 0-5 (PEKPPP)."""

    kind: ClassVar[str] = "ordinal"
    levels: tuple[ScaleLevel, ...] = attrs.field(converter=_to_levels, validator=_check_levels)

    @classmethod
    def from_range(cls, low: int, high: int, labels: Iterable[str] = ()) -> OrdinalScale:
        """Integer levels ``low..high``; labels default to the numbers themselves.

        The size is checked against ``Limits.max_scale_levels`` before any level is made.
        """
        for bound in (low, high):
            if isinstance(bound, bool) or not isinstance(bound, int):
                message = N_("expected whole numbers for from and to, got {bound}")
                raise InvalidValueError(Message(message, {"bound": repr(bound)}))
        if high <= low:
            raise _refused(
                "/to", N_("'to' ({high}) must be above 'from' ({low})"), high=high, low=low
            )
        check_level_count(high - low + 1)
        count = high - low + 1
        names = list(labels) or [str(v) for v in range(low, high + 1)]
        if len(names) != count:
            message = N_("expected {count} labels (one per level from {low} to {high}), got {got}")
            raise _refused("/labels", message, count=count, low=low, high=high, got=len(names))
        return cls(ScaleLevel(v, name) for v, name in zip(range(low, high + 1), names, strict=True))

    @property
    def minimum(self) -> Fraction:
        """The lowest level."""
        return self.levels[0].value

    @property
    def maximum(self) -> Fraction:
        """The highest level."""
        return self.levels[-1].value

    def parse(self, value: object) -> Fraction:
        """The level equal to ``value``; a value between levels raises :class:`ValueError`."""
        if isinstance(value, bool):
            raise InvalidValueError(
                Message(_NOT_A_LEVEL, {"levels": self._names(), "value": shown(value)})
            )
        try:
            number = to_exact(value)
        except ValueError:
            number = None
        if number is not None and any(level.value == number for level in self.levels):
            return number
        raise InvalidValueError(
            Message(_NOT_A_LEVEL, {"levels": self._names(), "value": shown(value)})
        )

    def _names(self) -> str:
        return ", ".join(exact_to_str(level.value) for level in self.levels)


def _to_bound(value: object) -> Fraction:
    return to_exact(value, what="scale bound")


@attrs.frozen
class NumericScale(_Bounded):
    """Any number between ``minimum`` and ``maximum`` inclusive, e.g. a 0-100 sub-score."""

    kind: ClassVar[str] = "numeric"
    minimum: Fraction = attrs.field(converter=_to_bound)
    maximum: Fraction = attrs.field(converter=_to_bound)

    @maximum.validator
    def _check_bounds(self, attribute: attrs.Attribute[Fraction], value: Fraction) -> None:
        if value <= self.minimum:
            raise _refused(
                "/maximum",
                N_("the maximum {maximum} must be above the minimum {minimum}"),
                maximum=exact_to_str(value),
                minimum=exact_to_str(self.minimum),
            )

    def parse(self, value: object) -> Fraction:
        """``value`` as an exact number, refused outside the bounds."""
        number = to_exact(value)
        if not self.minimum <= number <= self.maximum:
            message = N_("expected a number from {minimum} to {maximum}, got {value}")
            values = {
                "minimum": exact_to_str(self.minimum),
                "maximum": exact_to_str(self.maximum),
                "value": exact_to_str(number),
            }
            raise InvalidValueError(Message(message, values))
        return number


Scale = BooleanScale | OrdinalScale | NumericScale
"""Any indicator scale."""

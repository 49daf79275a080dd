"""Exact numbers: parsing decimal strings into fractions and rounding them by an explicit rule.

Every weight, point value, threshold and score inside pelayanan is a :class:`fractions.Fraction`.
Values come in as decimal strings (``"0.11"``), fractions (``"1/9"``), integers or
:class:`decimal.Decimal`; they are never routed through binary floating point. Rounding happens
only where a rubric or zone scheme says, by :class:`Rounding`, which defaults to half-up (away
from zero at exactly one half) to two decimals, the way scores are published.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from fractions import Fraction

import attrs

__all__ = ["Rounding", "RoundingMode", "exact_to_str", "to_exact"]

_DECIMAL_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_FRACTION_RE = re.compile(r"^[+-]?\d+\s*/\s*\d+$")


def to_exact(value: object, *, what: str = "value") -> Fraction:
    """Convert ``value`` to an exact :class:`~fractions.Fraction`.

    Accepted: ``int`` (not ``bool``), ``Fraction``, finite ``Decimal``, decimal strings such as
    ``"82.295"`` or ``"1e2"``, fraction strings such as ``"1/9"``, and ``float``. A float is
    read through its shortest ``repr`` (``0.1`` becomes exactly ``1/10``), which is what a user
    who typed ``0.1`` meant; pass strings to be explicit.

    Raises:
        ValueError: naming ``what`` and the offending value when it is not a finite number.
    """
    if isinstance(value, bool):
        raise ValueError(f"{what}: expected a number, got a boolean ({value!r})")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what}: expected a finite number, got {value}")
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{what}: expected a finite number, got {value!r}")
        return Fraction(Decimal(repr(value)))
    if isinstance(value, str):
        text = value.strip()
        if _DECIMAL_RE.match(text):
            return Fraction(Decimal(text))
        if _FRACTION_RE.match(text):
            num, den = (part.strip() for part in text.split("/"))
            if int(den) == 0:
                raise ValueError(f"{what}: zero denominator in {value!r}")
            return Fraction(int(num), int(den))
        raise ValueError(f"{what}: expected a number such as '0.11', '12' or '1/9', got {value!r}")
    raise ValueError(f"{what}: expected a number, got {type(value).__name__} {value!r}")


def _terminates(value: Fraction) -> bool:
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    return den == 1


def exact_to_str(value: Fraction) -> str:
    """Write ``value`` without loss: a plain decimal when it terminates, else ``"p/q"``.

    >>> exact_to_str(Fraction(82295, 1000))
    '82.295'
    >>> exact_to_str(Fraction(1, 9))
    '1/9'
    """
    if value.denominator == 1:
        return str(value.numerator)
    if not _terminates(value):
        return f"{value.numerator}/{value.denominator}"
    places = 0
    scaled = value
    while scaled.denominator != 1:
        scaled *= 10
        places += 1
    # Build the digits from the integer itself: Decimal arithmetic would round to the context
    # precision (28 digits) and print small values in scientific notation.
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    sign = "-" if scaled.numerator < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


class RoundingMode(enum.StrEnum):
    """How a value exactly between two neighbours, or any value, is rounded."""

    HALF_UP = "half_up"
    """Half away from zero: 2.675 -> 2.68 (the published-score rule)."""
    HALF_EVEN = "half_even"
    """Half to the even neighbour (banker's rounding)."""
    DOWN = "down"
    """Towards zero (truncation)."""
    UP = "up"
    """Away from zero."""


@attrs.frozen
class Rounding:
    """Round to ``places`` decimals by ``mode``.

    >>> Rounding().apply(Fraction("2.675"))
    Decimal('2.68')
    """

    places: int = attrs.field(
        default=2, validator=[attrs.validators.ge(0), attrs.validators.le(12)]
    )
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=RoundingMode)

    def apply(self, value: Fraction | Decimal | int) -> Decimal:
        """``value`` rounded, as a :class:`~decimal.Decimal` with exactly ``places`` digits."""
        exact = to_exact(value)
        negative = exact < 0
        scaled = abs(exact) * 10**self.places
        whole, rest = divmod(scaled.numerator, scaled.denominator)
        den = scaled.denominator
        if rest:
            if self.mode is RoundingMode.UP:
                whole += 1
            elif self.mode is RoundingMode.HALF_UP:
                whole += 1 if 2 * rest >= den else 0
            elif self.mode is RoundingMode.HALF_EVEN and (
                2 * rest > den or (2 * rest == den and whole % 2 == 1)
            ):
                whole += 1
        result = Decimal(-whole if negative else whole).scaleb(-self.places)
        return result.quantize(Decimal(1).scaleb(-self.places))

    def step(self) -> Fraction:
        """The smallest published difference, ``10 ** -places``."""
        return Fraction(1, 10**self.places)

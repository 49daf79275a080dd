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

from pelayanan._i18n import N_, format_integer, gettext
from pelayanan._model.limits import LimitError, Limits, current_limits
from pelayanan._model.problems import InvalidValueError

__all__ = [
    "Rounding",
    "RoundingMode",
    "exact_to_str",
    "int_to_str",
    "shown",
    "to_decimal",
    "to_exact",
]

_DECIMAL_RE = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?", re.ASCII)
_FRACTION_RE = re.compile(r"([+-]?)([0-9]+)\s*/\s*([0-9]+)", re.ASCII)
_LOG2_10 = 3.3219280948873626
"""Bits per decimal digit: an integer of ``b`` bits has at least ``b / 3.33`` digits."""


_WHATS = (
    N_("value"),
    N_("evidence value"),
    N_("target score"),
    N_("published score"),
    N_("weight"),
    N_("points"),
    N_("scoring option"),
    N_("score"),
    N_("bound"),
    N_("unit weight"),
    N_("scale bound"),
    N_("level value"),
    N_("gap"),
)
"""The names callers give what they read, translated in messages."""


def _p(what: str) -> str:
    """The prefix naming what was read (none when ``what`` is empty), in the language in
    force."""
    return f"{gettext(what)}: " if what else ""


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text) if len(text) <= 40 else repr(text[:37]) + "..."


def _digits_of(number: int) -> int:
    """How many decimal digits ``abs(number)`` has (no string conversion, no size limit)."""
    number = abs(number)
    if number < 10**15:
        return len(str(number))
    return Decimal(number).adjusted() + 1


def _check_magnitude(
    value: object, significant: int, magnitude: int, what: str, limits: Limits
) -> None:
    """Refuse a non-zero number with too many significant digits or too large a magnitude."""
    if significant > limits.max_digits:
        raise LimitError(
            _p(what)
            + gettext(
                "the number {number} has {count} significant digits, more than the limit of "
                "{limit} (Limits.max_digits)"
            ).format(
                number=_shown(value),
                count=format_integer(significant),
                limit=format_integer(limits.max_digits),
            )
        )
    if abs(magnitude) > limits.max_exponent:
        template = (
            gettext(
                "the number {number} is too large: its magnitude is 10^{magnitude}, beyond "
                "10^{limit} (Limits.max_exponent)"
            )
            if magnitude > 0
            else gettext(
                "the number {number} is too small: its magnitude is 10^{magnitude}, beyond "
                "10^-{limit} (Limits.max_exponent)"
            )
        )
        raise LimitError(
            _p(what)
            + template.format(number=_shown(value), magnitude=magnitude, limit=limits.max_exponent)
        )


def _from_decimal(value: Decimal, shown: object, what: str, limits: Limits) -> Fraction:
    if not value.is_finite():
        raise InvalidValueError(
            _p(what) + gettext("expected a finite number, got {value}").format(value=value)
        )
    if value.is_zero():
        return Fraction(0)
    digits = value.as_tuple().digits
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    _check_magnitude(shown, len(digits) - trailing, value.adjusted(), what, limits)
    return Fraction(value)


def _from_int(value: int, what: str, limits: Limits) -> Fraction:
    if -(10**15) < value < 10**15:
        return Fraction(value)
    if value.bit_length() > (limits.max_exponent + 2) * _LOG2_10:
        raise LimitError(
            _p(what)
            + gettext("the number is too large: beyond 10^{limit} (Limits.max_exponent)").format(
                limit=limits.max_exponent
            )
        )
    return _from_decimal(Decimal(value), value, what, limits)


def _from_text(value: str, text: str, what: str, limits: Limits) -> Fraction:
    match = _DECIMAL_RE.fullmatch(text)
    if match is not None and (match.group(2) or match.group(3)):
        sign, whole, part, exponent = match.groups()
        part = part or ""
        exponent = (exponent or "0").lstrip("+")
        negative_exponent = exponent.startswith("-")
        exponent_digits = exponent.lstrip("-").lstrip("0") or "0"
        if len(exponent_digits) > 18:
            template = (
                gettext(
                    "the number {number} is too small: its exponent is beyond -{limit} "
                    "(Limits.max_exponent)"
                )
                if negative_exponent
                else gettext(
                    "the number {number} is too large: its exponent is beyond {limit} "
                    "(Limits.max_exponent)"
                )
            )
            raise LimitError(
                _p(what) + template.format(number=_shown(value), limit=limits.max_exponent)
            )
        shift = int(exponent_digits) * (-1 if negative_exponent else 1)
        digits = whole + part
        leading = len(digits) - len(digits.lstrip("0"))
        core = digits.strip("0")
        if not core:
            return Fraction(0)
        magnitude = shift + len(whole) - 1 - leading
        _check_magnitude(value, len(core), magnitude, what, limits)
        last = magnitude - len(core) + 1  # the power of ten of the last non-zero digit
        return Fraction(Decimal(f"{sign}{core}E{last}"))
    match = _FRACTION_RE.fullmatch(text)
    if match is not None:
        sign, numerator, denominator = match.groups()
        for side in (numerator, denominator):
            width = len(side.lstrip("0"))
            if width > limits.max_digits:
                raise LimitError(
                    _p(what)
                    + gettext(
                        "the fraction {number} has a side of {count} digits, more than the "
                        "limit of {limit} (Limits.max_digits)"
                    ).format(
                        number=_shown(value),
                        count=format_integer(width),
                        limit=format_integer(limits.max_digits),
                    )
                )
        if not denominator.strip("0"):
            raise InvalidValueError(
                _p(what) + gettext("zero denominator in {number}").format(number=_shown(value))
            )
        result = Fraction(int(sign + numerator), int(denominator))
        if result:
            magnitude = _digits_of(result.numerator) - _digits_of(result.denominator)
            if abs(magnitude) > limits.max_exponent + 1:
                _check_magnitude(value, 0, magnitude, what, limits)
        return result
    if not text.isascii() and any(char.isdigit() for char in text):
        raise InvalidValueError(
            _p(what)
            + gettext(
                "expected a number written with the digits 0-9, got {number} (other scripts' "
                "digits, such as full-width or Arabic-Indic ones, are not read)"
            ).format(number=_shown(value))
        )
    raise InvalidValueError(
        _p(what)
        + gettext("expected a number such as '0.11', '12' or '1/9', got {number}").format(
            number=_shown(value)
        )
    )


def to_exact(value: object, *, what: str = "value", limits: Limits | None = None) -> Fraction:
    """Convert ``value`` to an exact :class:`~fractions.Fraction`: the one number parser.

    Every number pelayanan reads (document values, table cells, command-line scores,
    :class:`~pelayanan.Evidence` values) goes through here, so every one is bounded the same way.

    Accepted: ``int`` (not ``bool``), ``Fraction``, finite ``Decimal``, decimal strings such as
    ``"82.295"`` or ``"1e2"``, fraction strings such as ``"1/9"`` (the form pelayanan writes
    for exact values that have no finite decimal), and ``float``. A float is read through its
    shortest ``repr`` (``0.1`` becomes exactly ``1/10``), which is what a user who typed ``0.1``
    meant; pass strings to be explicit. Text must use the ASCII digits ``0-9``: full-width
    (U+FF14), Arabic-Indic (U+0663) and other scripts' digits are refused, not guessed.

    Bounds (``limits``, by default :func:`~pelayanan._model.limits.current_limits`): at most
    ``max_digits`` significant digits (each side of a fraction likewise) and a magnitude
    between ``10**-max_exponent`` and ``10**max_exponent``; the bound is checked on the text
    before any large integer is built, so ``"1e999999999"`` is refused at once.

    Raises:
        InvalidValueError: naming ``what`` and the offending value when it is not a finite
            number; :class:`~pelayanan._model.limits.LimitError` (a ``ValueError`` too) when
            it is beyond the bounds.
    """
    limits = limits or current_limits()
    if isinstance(value, bool):
        raise InvalidValueError(
            _p(what) + gettext("expected a number, got a boolean ({value})").format(value=value)
        )
    if isinstance(value, Fraction):
        numerator, denominator = value.numerator, value.denominator
        if denominator != 1 or not -(10**15) < numerator < 10**15:
            bits = limits.max_digits * _LOG2_10 + 4  # a side's bits (the sign not counted)
            if numerator.bit_length() > bits or denominator.bit_length() > bits:
                raise LimitError(
                    _p(what)
                    + gettext(
                        "the fraction has a side of more than {limit} digits (Limits.max_digits)"
                    ).format(limit=format_integer(limits.max_digits))
                )
        return value
    if isinstance(value, int):
        return _from_int(value, what, limits)
    if isinstance(value, Decimal):
        return _from_decimal(value, value, what, limits)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidValueError(
                _p(what) + gettext("expected a finite number, got {value}").format(value=value)
            )
        return _from_decimal(Decimal(repr(value)), value, what, limits)
    if isinstance(value, str):
        return _from_text(value, value.strip(), what, limits)
    raise InvalidValueError(
        _p(what)
        + gettext("expected a number, got {type} {value}").format(
            type=type(value).__name__, value=_shown(value)
        )
    )


def to_decimal(value: object, *, what: str = "value", limits: Limits | None = None) -> Decimal:
    """``value`` as a :class:`~decimal.Decimal` as written: the one reader of a decimal that
    keeps its places, such as a published or target score (``"80.50"`` stays ``80.50``).

    Accepted: decimal text, an ``int``, a finite ``Decimal`` (a document's number) or a
    ``float`` (through its shortest ``repr``, as :func:`to_exact` reads it); bounded like
    :func:`to_exact`. A fraction such as ``"1/3"`` has no decimal and is refused, as is text
    that is no number, with a message that shows what a decimal looks like.

    Raises:
        InvalidValueError: naming ``what`` and the value;
            :class:`~pelayanan._model.limits.LimitError` beyond the bounds.
    """
    try:
        to_exact(value, what=what, limits=limits)  # finite, bounded, not a boolean
    except LimitError:
        raise
    except ValueError:
        if not isinstance(value, str):
            raise
        text = "/"  # text that is no number: say what a decimal looks like
    else:
        text = repr(value) if isinstance(value, float) else str(value).strip()
    if "/" not in text:
        return Decimal(text)
    raise InvalidValueError(
        _p(what)
        + gettext("expected a decimal number such as '80.95', got {number}").format(
            number=_shown(value)
        )
    )


_STR_BOUND = 10**4000
"""Below this ``str`` writes an integer (computed once: the power costs ~0.1 ms per call)."""


def int_to_str(number: int) -> str:
    """``number`` in decimal, however many digits (``str`` refuses more than 4,300)."""
    if -_STR_BOUND < number < _STR_BOUND:
        return str(number)
    return f"{Decimal(number):f}"  # Decimal(int) is exact and its text has no digit limit


def _terminates(value: Fraction) -> bool:
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    return den == 1


def shown(value: object) -> str:
    """A value as a message shows it to a person, never as a Python repr: numbers as
    decimals (``5``, ``2.5``, ``1/3``), text quoted (``'abc'``), booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction | Decimal | int):
        return exact_to_str(Fraction(value))
    if isinstance(value, float):
        return repr(value)  # a float's repr is its shortest decimal, e.g. 2.5
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def exact_to_str(value: Fraction) -> str:
    """Write ``value`` without loss: a plain decimal when it terminates, else ``"p/q"``.

    >>> exact_to_str(Fraction(82295, 1000))
    '82.295'
    >>> exact_to_str(Fraction(1, 9))
    '1/9'
    """
    if value.denominator == 1:
        return int_to_str(value.numerator)
    if not _terminates(value):
        return f"{int_to_str(value.numerator)}/{int_to_str(value.denominator)}"
    places = 0
    scaled = value
    while scaled.denominator != 1:
        scaled *= 10
        places += 1
    # Build the digits from the integer itself: Decimal arithmetic would round to the context
    # precision (28 digits) and print small values in scientific notation.
    digits = int_to_str(abs(scaled.numerator)).rjust(places + 1, "0")
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


_HALF_UP, _UP, _HALF_EVEN = RoundingMode.HALF_UP, RoundingMode.UP, RoundingMode.HALF_EVEN
_TENS = tuple(10**places for places in range(13))
"""``10 ** places`` for every number of places a :class:`Rounding` allows."""


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
        numerator, den = to_exact(value).as_integer_ratio()
        places, mode = self.places, self.mode
        negative = numerator < 0
        # In integers: |value| x 10**places = whole + rest / den (the same quotient and the
        # same comparisons of the remainder as with the normalised fraction).
        whole, rest = divmod((-numerator if negative else numerator) * _TENS[places], den)
        if rest:
            twice = 2 * rest
            if mode is _HALF_UP:
                whole += twice >= den
            elif mode is _UP or (
                mode is _HALF_EVEN and (twice > den or (twice == den and whole % 2 == 1))
            ):
                whole += 1
        # Read from its digits as text, so no decimal context (precision 28 by default) can
        # round or refuse it: a score of 10**26 rounds as exactly as one of 82.295.
        digits = str(whole) if whole < _STR_BOUND else int_to_str(whole)
        return Decimal(f"-{digits}E-{places}" if negative and whole else f"{digits}E-{places}")

    def step(self) -> Fraction:
        """The smallest published difference, ``10 ** -places``."""
        return Fraction(1, 10**self.places)

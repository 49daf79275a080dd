"""The ways a survey report can have computed its figures, each one exactly.

A :class:`Variant` is a weight per element (:class:`Weight`) and a rounding chain
(:class:`Chain`): whether the NRRs were rounded before weighting, the weighted NRRs
rounded, the index rounded before the conversion, and whether every rounding was half-up or
truncation. :func:`compute` follows one variant from the NRRs to the converted score in
exact :class:`~fractions.Fraction` arithmetic, and :func:`shown` rounds a value the way a
printed figure shows it.

Variants are ordered by simplicity (:meth:`Variant.key`): fewer departures from the
regulation (a weight other than the exact ``1/n``, a rounding step, truncation instead of
half-up), then the weight's rank, then the chain keeping more decimals.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import figure_text, gettext
from pelayanan._model.numbers import RoundingMode, exact_to_str

__all__ = [
    "KNOWN_WEIGHTS",
    "MODES",
    "PLACES",
    "Chain",
    "Computed",
    "Variant",
    "Weight",
    "chains",
    "compute",
    "decimals",
    "round_to",
    "shown",
]

MODES = (RoundingMode.HALF_UP, RoundingMode.DOWN)
"""Half-up (the published-score rule) and truncation, in order of preference."""

PLACES = (4, 3, 2)
"""The decimals an intermediate rounding step may keep, in order of preference."""

KNOWN_WEIGHTS = ("0.11", "0.111", "0.071")
"""Weights published reports write instead of the exact ``1/n``."""


def round_to(value: Fraction, places: int, mode: RoundingMode) -> Fraction:
    """``value`` (not negative) rounded to ``places`` decimals, half-up or towards zero.

    >>> round_to(Fraction(2675, 1000), 2, RoundingMode.HALF_UP)  # 2.675 -> 2.68
    Fraction(67, 25)
    >>> round_to(Fraction(2679, 1000), 2, RoundingMode.DOWN)
    Fraction(267, 100)
    """
    scale = 10**places
    whole, rest = divmod(value.numerator * scale, value.denominator)
    if mode is RoundingMode.HALF_UP and 2 * rest >= value.denominator:
        whole += 1
    return Fraction(whole, scale)


def decimals(printed: Decimal) -> int:
    """The number of decimals a figure was printed with (``Decimal("90.50")`` has 2)."""
    exponent = printed.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def shown(value: Fraction, places: int, mode: RoundingMode) -> str:
    """``value`` as a report prints it with ``places`` decimals (``"90.56"``)."""
    rounded = round_to(value, places, mode)
    return f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):.{places}f}"


@attrs.frozen
class Weight:
    """A weight per element.

    Attributes:
        name: ``"exact"`` for ``1/n``, else the weight as written (``"0.11"``).
        value: The weight.
        rank: Its place in the order of preference (0 is the exact weight).
    """

    name: str
    value: Fraction
    rank: int

    @property
    def text(self) -> str:
        """``"exact (1/9)"`` or ``"0.11"``, in the language in force (``"eksak (1/9)"``,
        ``"0,11"``)."""
        if self.name == "exact":
            return gettext("exact ({value})").format(value=exact_to_str(self.value))
        return figure_text(self.name)


@attrs.frozen
class Chain:
    """Where a report rounded before printing its final figures.

    Attributes:
        nrr: Decimals the NRRs were rounded to before weighting (``None``: not rounded).
        weighted: Decimals the weighted NRRs were rounded to before summing.
        index: Decimals the index was rounded to before the conversion.
        mode: Half-up or truncation, for every rounding, the printed figures' included.
    """

    nrr: int | None = None
    weighted: int | None = None
    index: int | None = None
    mode: RoundingMode = RoundingMode.HALF_UP

    @property
    def steps(self) -> int:
        """How many intermediate rounding steps the chain has."""
        return sum(step is not None for step in (self.nrr, self.weighted, self.index))

    def describe(self, factor: Fraction) -> str:
        """The chain in words, e.g. ``"index rounded to 3 decimals before x25; half-up"``."""
        parts = []
        if self.nrr is not None:
            text = gettext("NRR rounded to {places} decimals before weighting")
            parts.append(text.format(places=self.nrr))
        if self.weighted is not None:
            text = gettext("weighted NRR rounded to {places} decimals")
            parts.append(text.format(places=self.weighted))
        if self.index is not None:
            text = gettext("index rounded to {places} decimals before x{factor}")
            parts.append(text.format(places=self.index, factor=exact_to_str(factor)))
        if not parts:
            parts.append(gettext("no rounding before the printed figures"))
        mode = gettext("half-up") if self.mode is RoundingMode.HALF_UP else gettext("truncated")
        return "; ".join(parts) + f"; {mode}"


def chains(nrr_places: Sequence[int], mode: RoundingMode) -> Iterator[Chain]:
    """Every chain rounding by ``mode``, with the NRR step limited to ``nrr_places``."""
    for nrr, weighted, index in itertools.product(
        (None, *nrr_places), (None, *PLACES), (None, *PLACES)
    ):
        yield Chain(nrr, weighted, index, mode)


@attrs.frozen
class Variant:
    """A weight and a rounding chain: one way the report may have been computed."""

    weight: Weight
    chain: Chain

    @property
    def departures(self) -> int:
        """Departures from the regulation's computation (exact weight, no rounding, half-up)."""
        return (
            self.chain.steps
            + (self.weight.name != "exact")
            + (self.chain.mode is not RoundingMode.HALF_UP)
        )

    def key(self) -> tuple[int, int, int, tuple[int, int, int]]:
        """Sort key: the simplest variant first."""
        chain = self.chain
        nrr, weighted, index = (0 if p is None else 13 - p for p in _steps(chain))
        return (self.departures, self.weight.rank, MODES.index(chain.mode), (nrr, weighted, index))


def _steps(chain: Chain) -> tuple[int | None, int | None, int | None]:
    return (chain.nrr, chain.weighted, chain.index)


@attrs.frozen
class Computed:
    """Every figure one variant gives for one report, exact.

    Attributes:
        nrr: The NRRs used for weighting (after the chain's NRR rounding).
        weighted: The weighted NRRs (after the chain's rounding).
        index: The index, the sum of the weighted NRRs.
        converted: The converted score, the (rounded) index times the factor.
    """

    nrr: tuple[Fraction, ...]
    weighted: tuple[Fraction, ...]
    index: Fraction
    converted: Fraction


def compute(base: Sequence[Fraction], variant: Variant, factor: Fraction) -> Computed:
    """Follow ``variant`` from the NRRs ``base`` to the converted score."""
    chain = variant.chain
    mode = chain.mode
    nrr = tuple(base if chain.nrr is None else (round_to(v, chain.nrr, mode) for v in base))
    weighted = tuple(value * variant.weight.value for value in nrr)
    if chain.weighted is not None:
        weighted = tuple(round_to(value, chain.weighted, mode) for value in weighted)
    index = sum(weighted, Fraction(0))
    used = index if chain.index is None else round_to(index, chain.index, mode)
    return Computed(nrr, weighted, index, used * factor)

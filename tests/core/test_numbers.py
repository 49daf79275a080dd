"""Exact numbers and the half-up rounding rule used for published scores."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model import Rounding, RoundingMode, exact_to_str, to_exact


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("82.295", Fraction(82295, 1000)),
        ("1/9", Fraction(1, 9)),
        (" 1 / 9 ", Fraction(1, 9)),
        ("0.11", Fraction(11, 100)),
        ("1e2", Fraction(100)),
        ("-.5", Fraction(-1, 2)),
        (12, Fraction(12)),
        (Decimal("21.85"), Fraction(2185, 100)),
        # A float is read through its shortest repr: 0.1 is what the user typed, 1/10.
        (0.1, Fraction(1, 10)),
        (2.675, Fraction(2675, 1000)),
        (Fraction(3, 7), Fraction(3, 7)),
    ],
)
def test_to_exact_reads_numbers_without_binary_floating_point(
    given: object, expected: Fraction
) -> None:
    assert to_exact(given) == expected


@pytest.mark.parametrize(
    "bad", [True, "abc", "1/0", float("nan"), float("inf"), Decimal("NaN"), None, [1]]
)
@pytest.mark.usefixtures("english")
def test_to_exact_refuses_non_numbers_naming_what(bad: object) -> None:
    with pytest.raises(ValueError, match="weight"):
        to_exact(bad, what="weight")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(82295, 1000), "82.295"),
        (Fraction(1, 9), "1/9"),
        (Fraction(100), "100"),
        (Fraction(-1, 8), "-0.125"),
        # Plain decimals, never scientific notation, however small or long.
        (Fraction(1, 10**7), "0.0000001"),
        (Fraction(10**30 + 1, 10), "100000000000000000000000000000.1"),
    ],
)
def test_exact_to_str_is_lossless(value: Fraction, text: str) -> None:
    assert exact_to_str(value) == text
    assert to_exact(exact_to_str(value)) == value


def test_python_round_differs_from_the_published_rule() -> None:
    # The binary float nearest 2.675 is 2.67499999..., so round() gives 2.67;
    # the published-score rule works on the exact decimal 2.675 and rounds half up.
    assert round(2.675, 2) == 2.67
    assert Rounding().apply(to_exact("2.675")) == Decimal("2.68")
    # round() rounds half to even: 0.125 -> 0.12; half-up gives 0.13.
    assert round(0.125, 2) == 0.12
    assert Rounding().apply(to_exact("0.125")) == Decimal("0.13")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.675", 2, "2.68"),  # exactly half: away from zero
        ("0.125", 2, "0.13"),
        ("82.295", 2, "82.30"),  # the four-dimension check (reference 2.3)
        ("76.605", 2, "76.61"),  # inside the SKM gap 76.60 / 76.61
        ("2.674999", 2, "2.67"),  # below half: down
        ("-2.675", 2, "-2.68"),  # negative: half away from zero
        ("-0.125", 2, "-0.13"),
        ("-2.674", 2, "-2.67"),
        ("2.5", 0, "3"),  # places 0
        ("3.5", 0, "4"),  # half-up, not half-even (which would give 4 and 4 / 2 and 4)
        ("-2.5", 0, "-3"),
        ("0.4", 0, "0"),
        ("100", 2, "100.00"),  # always exactly `places` digits
        ("1/3", 2, "0.33"),
        ("2/3", 2, "0.67"),
        ("800/9", 2, "88.89"),  # 88.888...
    ],
)
def test_half_up_rounding(value: str, places: int, expected: str) -> None:
    result = Rounding(places=places).apply(to_exact(value))
    assert result == Decimal(expected)
    assert str(result) == expected  # the printed form carries exactly `places` digits


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        (RoundingMode.HALF_EVEN, "2.675", "2.68"),  # 7 is odd: up to the even 8
        (RoundingMode.HALF_EVEN, "2.665", "2.66"),  # 6 is even: stays
        (RoundingMode.HALF_EVEN, "-2.665", "-2.66"),
        (RoundingMode.DOWN, "2.679", "2.67"),
        (RoundingMode.DOWN, "-2.679", "-2.67"),
        (RoundingMode.UP, "2.671", "2.68"),
        (RoundingMode.UP, "-2.671", "-2.68"),
        (RoundingMode.UP, "2.67", "2.67"),  # nothing to round
    ],
)
def test_other_rounding_modes(mode: RoundingMode, value: str, expected: str) -> None:
    assert Rounding(2, mode).apply(to_exact(value)) == Decimal(expected)


def test_rounding_step_and_limits() -> None:
    assert Rounding().step() == Fraction(1, 100)
    assert Rounding(places=0).step() == 1
    with pytest.raises(ValueError, match="places"):
        Rounding(places=-1)
    with pytest.raises(ValueError, match="half_sideways"):
        Rounding(mode="half_sideways")

"""Issue 9, items 4 and 13: every number read is bounded, parsed in one place, ASCII only,
and rounded without the decimal context."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pelayanan import (
    Evidence,
    Group,
    Indicator,
    Limits,
    NumericScale,
    Rounding,
    Rubric,
    use_limits,
)
from pelayanan._documents import DocumentError, load_evidence
from pelayanan._model.numbers import to_exact
from pelayanan._readers import BadRowsError, CsvReader

from ._cli import cli
from .conftest import deadline

HUGE = "1e999999999"
LONG = "7" * 5000  # more digits than Python converts to int by default (4,300)


@pytest.mark.parametrize(
    "value",
    [HUGE, "-1e999999999", "1e-999999999", "1e99999999999999999999999", Decimal(HUGE), 10**5000],
    ids=["huge", "negative", "tiny", "beyond-decimal", "decimal", "int"],
)
@pytest.mark.usefixtures("english")
def test_numbers_beyond_the_exponent_bound_are_refused_at_once(value: object) -> None:
    with deadline(2), pytest.raises(ValueError, match=r"too (large|small).*max_exponent"):
        to_exact(value)


@pytest.mark.usefixtures("english")
def test_evidence_objects_are_bounded() -> None:
    with deadline(2), pytest.raises(ValueError, match=r"evidence value.*max_exponent"):
        Evidence("u", "i", HUGE)
    with deadline(2), pytest.raises(ValueError, match="max_exponent"):
        Evidence("u", "i", Decimal(HUGE))


@pytest.mark.usefixtures("english")
def test_digits_are_bounded_before_any_integer_is_built() -> None:
    with pytest.raises(ValueError, match="5,000 significant digits, more than the limit of 1,000"):
        to_exact(LONG)
    with pytest.raises(ValueError, match="has a side of 5,000 digits"):
        to_exact(f"1/{LONG}")
    # Zeros do not count as significant: the magnitude bound covers them.
    assert to_exact("0." + "0" * 998 + "1") == Fraction(1, 10**999)
    assert to_exact("1" + "0" * 1000) == 10**1000
    assert to_exact("0e999999999") == 0
    with use_limits(Limits(max_digits=6000, max_exponent=6000)):
        assert to_exact(LONG) == int(LONG[:4000]) * 10**1000 + int(LONG[4000:])


def test_the_bounds_follow_the_limits() -> None:
    assert to_exact("1e5", limits=Limits(max_exponent=5)) == 100000
    with pytest.raises(ValueError, match="max_exponent"):
        to_exact("1e6", limits=Limits(max_exponent=5))
    with pytest.raises(ValueError, match="max_digits"):
        to_exact("123", limits=Limits(max_digits=2))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("number", [HUGE, LONG, LONG + ".5"], ids=["huge", "long", "long-decimal"])
def test_documents_refuse_them_with_pointer_and_line(tmp_path: Path, fmt: str, number: str) -> None:
    path = tmp_path / f"e.{fmt}"
    if fmt == "json":
        text = '{"evidence": [{"unit": "u", "indicator": "i",\n "value": NUMBER}]}'.replace(
            "NUMBER", number
        )
    else:
        text = f"evidence:\n- unit: u\n  indicator: i\n  value: {number}\n"
    path.write_text(text, encoding="utf-8")
    with deadline(5), pytest.raises(DocumentError) as caught:
        load_evidence(path)
    problem = caught.value.problems[0]
    assert problem.pointer == "/evidence/0/value"
    assert problem.line is not None
    assert "Exceeds the limit" not in problem.message  # no raw Python message
    assert "max_" in problem.message or "too large" in problem.message


def test_csv_cells_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(f"unit,indicator,value\nu,i,{HUGE}\nu,j,{LONG}\n", encoding="utf-8")
    numeric = NumericScale(0, 100)
    rubric = Rubric("r", "1", "R", [Group("g", "G", [Indicator(x, x, numeric) for x in "ij"])])
    with deadline(5), pytest.raises(BadRowsError) as caught:
        list(CsvReader().read(path, rubric=rubric))
    messages = [(p.line, p.column, p.message) for p in caught.value.problems]
    assert [(row, column) for row, column, _ in messages] == [(2, 3), (3, 3)]
    assert "max_exponent" in messages[0][2]
    assert "max_digits" in messages[1][2]


def test_rounding_ignores_the_decimal_context() -> None:
    # 10**26 has 27 integer digits: two decimals make 29, one more than the default precision.
    assert str(Rounding().apply(Fraction(10**26))) == "1" + "0" * 26 + ".00"
    with decimal.localcontext() as context:
        context.prec = 3
        context.traps[decimal.Inexact] = True
        assert str(Rounding().apply(Fraction("12345.675"))) == "12345.68"
        assert str(Rounding(places=1).apply(Fraction("-0.05"))) == "-0.1"


@pytest.mark.usefixtures("english")
def test_classify_a_score_of_27_digits_is_an_error_not_a_crash() -> None:
    ran = cli("classify", "--scheme", "ombudsman-2022", "1e26")
    assert ran.code == 1
    assert "outside the scale" in ran.err
    assert "Traceback" not in ran.err


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("text", ["\uff14", "\u0663", "1\u0663", "\u0968\u0966", "8\uff10"])
def test_digits_of_other_scripts_are_refused(text: str) -> None:
    # One rule: numbers are written with the ASCII digits 0-9, everywhere.
    with pytest.raises(ValueError, match="digits 0-9"):
        to_exact(text)
    ran = cli("classify", "--scheme", "ombudsman-2022", text)
    assert ran.code == 1
    assert "digits 0-9" in ran.err


def test_fractions_are_numbers_everywhere() -> None:
    # One rule: 'p/q' is the form pelayanan writes for exact values without a finite decimal,
    # so it is read wherever a number is.
    assert to_exact(" 1 / 9 ") == Fraction(1, 9)
    assert Evidence("u", "i", "1/2").value == Fraction(1, 2)
    ran = cli("classify", "--scheme", "ombudsman-2022", "161/2")  # 80.5
    assert ran.code == 0, ran.err
    assert "80,50" in ran.out  # Indonesian decimal comma

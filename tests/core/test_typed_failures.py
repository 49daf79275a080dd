"""A fault in the data raises pelayanan's typed error; a wrong call raises Python's own
(issue 10). Every typed error keeps its built-in base, so ``except ValueError`` still works."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

import pytest

import pelayanan
import pelayanan.plugins
from pelayanan import (
    BooleanScale,
    Evidence,
    Group,
    Indicator,
    InvalidValueError,
    LimitError,
    Limits,
    NumericScale,
    OrdinalScale,
    PelayananError,
    Rubric,
    Unit,
    UnitTree,
    Zone,
    from_data,
    to_data,
)
from pelayanan._i18n import use_language
from pelayanan._model import to_exact
from pelayanan._readers.survey_columns import answer_level
from pelayanan._reports.awards import parse_rule
from pelayanan._scoring.calibration import calibrate
from pelayanan._scoring.survey import krejcie_morgan

from .factories import scheme_2021

DATA_FAULTS: dict[str, tuple[Callable[[], object], str]] = {
    # A score outside the 0-100 scale of the 2021 table (not clamped when asked not to).
    "classify out of range": (
        lambda: scheme_2021().classify("100.01", clamp=False),
        "score 100.01 is outside the scale of zone scheme",
    ),
    "number text": (lambda: to_exact("dua"), "expected a number such as '0.11'"),
    "zero denominator": (lambda: to_exact("1/0"), "zero denominator in '1/0'"),
    "not finite": (lambda: to_exact(float("nan")), "expected a finite number, got nan"),
    "boolean as number": (lambda: to_exact(True), "expected a number, got a boolean"),
    "boolean word": (lambda: BooleanScale().parse("mungkin"), "got 'mungkin'"),
    "between levels": (
        lambda: OrdinalScale.from_range(1, 4).parse("2.5"),
        "expected one of the levels 1, 2, 3, 4, got '2.5'",
    ),
    "beyond the bounds": (
        lambda: NumericScale(0, 100).parse("101"),
        "expected a number from 0 to 100, got 101",
    ),
    "indicator id": (lambda: Evidence("ktp", "bad id", 1), "indicator: expected an identifier"),
    "unit id": (lambda: Unit(" ktp", "KTP"), "id: expected a non-empty id without surrounding"),
    "colour": (lambda: Zone("hijau", "Hijau", "green"), "colour: expected a colour such as"),
    "unit weight": (
        lambda: Unit("ktp", "KTP", weight="-1"),
        "unit weight: expected a positive number, got -1",
    ),
    "limit setting": (
        lambda: Limits().with_settings(["max_rows=lots"]),
        "limit 'max_rows=lots': expected a whole number such as max_rows=1000",
    ),
    "limit below 1": (lambda: Limits(max_rows=0), "Limits.max_rows must be at least 1, got 0"),
    "limits variable": (
        lambda: Limits.from_env({"PELAYANAN_LIMITS": "max_rowz=5"}),
        "PELAYANAN_LIMITS: limit 'max_rowz=5': expected name=value",
    ),
    "survey answer": (
        lambda: answer_level(Indicator("u1", "U1", OrdinalScale.from_range(1, 4)), "5"),
        "expected one of the levels 1, 2, 3, 4, got '5'",
    ),
    "population": (lambda: krejcie_morgan(0), "population: expected a whole number of 1 or more"),
    "award rule": (lambda: parse_rule("top:0"), "top needs a count from 1 to 1000"),
    "nothing to calibrate": (
        lambda: calibrate(
            Rubric("r", "1", "R", [Indicator("i", "I")]), [Evidence("ktp", "i", True)]
        ),
        "no evidence of kind 'self_assessment' to calibrate",
    ),
    "unknown parameter": (
        lambda: pelayanan.resolve_rubric(
            pelayanan.plugins.get_registry().get_rubric("skm-2017"), [], {"bobot": "0.11"}
        ),
        "rubric skm-2017@2017 declares no parameter 'bobot'",  # the name's quotes whole
    ),
    "evidence date": (
        lambda: pelayanan.Provenance(collected_at="31-03-2024"),
        "collected_at: expected a date such as 2024-03-31 (or a date and time), got '31-03-2024'",
    ),
}


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", sorted(DATA_FAULTS))
def test_a_fault_in_the_data_raises_the_typed_error(case: str) -> None:
    call, message = DATA_FAULTS[case]
    with pytest.raises(InvalidValueError, match=re.escape(message)) as caught:
        call()
    # One class to catch, and the built-in base code catching ValueError relies on.
    assert isinstance(caught.value, PelayananError)
    assert isinstance(caught.value, ValueError)


def test_a_bad_id_is_worded_in_the_language_in_force() -> None:
    # The id rules were English-only f-strings; they are translated like the model's others.
    with pytest.raises(InvalidValueError) as caught:
        Evidence("ktp", "bad id", 1)
    with use_language("id"):
        assert str(caught.value) == (
            "indicator: yang diharapkan pengenal dari huruf, angka, '_', '.' atau '-' yang "
            "diawali huruf atau angka, diterima 'bad id'"
        )
    with use_language("en"):
        assert str(caught.value) == (
            "indicator: expected an identifier of letters, digits, '_', '.' or '-' starting "
            "with a letter or digit, got 'bad id'"
        )


def test_a_bad_colour_read_from_data_is_placed_and_translated() -> None:
    # Read from plain data, the rule's message is placed at its field, still lazy.
    with pytest.raises(pelayanan.ConversionError) as caught:
        from_data(Zone, {"id": "hijau", "label": "Hijau", "colour": "green"})
    assert caught.value.pointer == "/colour"
    with use_language("id"):
        assert "yang diharapkan warna seperti '#2e7d32'" in caught.value.message
    with use_language("en"):
        assert "expected a colour such as '#2e7d32'" in caught.value.message


@pytest.mark.usefixtures("english")
def test_a_target_that_breaks_its_rule_is_a_target_error() -> None:
    with pytest.raises(pelayanan.TargetError, match="give a target score or a target band"):
        pelayanan.Target("ktp", "2024", score="80", band="A")
    with pytest.raises(pelayanan.TargetError, match="the period is empty"):
        pelayanan.Target("ktp", "", score="80")


@pytest.mark.usefixtures("english")
def test_a_rubric_nested_past_the_limit_is_a_limit_error() -> None:
    # max_tree_depth 2: a group in a group in a group is one level too deep.
    deep = Group("a", "A", [Group("b", "B", [Group("c", "C", [Indicator("i", "I")])])])
    refused = pytest.raises(LimitError, match="nested more than 2 levels deep")
    with pelayanan.use_limits(Limits(max_tree_depth=2)), refused:
        Rubric("r", "1", "R", [deep])


PROGRAMMING_ERRORS: dict[str, tuple[Callable[[], object], type[Exception]]] = {
    "a unit tree of non-units": (lambda: UnitTree(["ktp"]), TypeError),  # type: ignore[list-item]
    "a limit that is no number": (lambda: Limits(max_rows="10"), TypeError),  # type: ignore[arg-type]
    "to_data of no model object": (lambda: to_data(Fraction(1)), TypeError),  # type: ignore[arg-type]
    "from_data of no model class": (lambda: from_data(Fraction, {}), TypeError),
    "group children of the wrong type": (
        lambda: Group("g", "G", ["i"]),  # type: ignore[list-item]
        TypeError,
    ),
}


@pytest.mark.parametrize("case", sorted(PROGRAMMING_ERRORS))
def test_a_wrong_call_raises_pythons_own_error(case: str) -> None:
    call, kind = PROGRAMMING_ERRORS[case]
    with pytest.raises(kind) as caught:
        call()
    assert not isinstance(caught.value, PelayananError)

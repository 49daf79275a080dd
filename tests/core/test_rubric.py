"""Rubrics, scales, parameters and evidence: construction rules."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pelayanan._model import (
    BooleanScale,
    Evidence,
    Group,
    Indicator,
    NumericScale,
    OrdinalScale,
    Parameter,
    ParamRef,
    Provenance,
    Rubric,
    ScaleLevel,
    Text,
)
from pelayanan._model.problems import RuleError

from .factories import SKM_ELEMENTS, rubric_2022, rubric_skm


def test_the_four_dimension_rubric_shape() -> None:
    rubric = rubric_2022(20)
    assert [g.id for g in rubric.children] == ["input", "proses", "output", "pengaduan"]
    assert [g.weight for g in rubric.children] == [
        Fraction("21.85"),
        Fraction("32.37"),
        Fraction("24.24"),
        Fraction("21.54"),
    ]
    assert sum(g.weight for g in rubric.children) == 100  # type: ignore[misc]
    assert len(rubric.indicators()) == 80
    assert rubric.find("proses.07").id == "proses.07"
    assert rubric.ref == "test-ombudsman-2022@1"
    with pytest.raises(KeyError, match="nothing"):
        rubric.find("nothing")


@pytest.mark.usefixtures("english")
def test_duplicate_node_ids_are_refused() -> None:
    with pytest.raises(RuleError, match="id 'a' is already used") as refused:
        Rubric("r", "1", "R", [Group("g", "G", [Indicator("a", "A")]), Indicator("a", "A")])
    # placed at the second use, naming the first: the same finding a document places by line
    [finding] = refused.value.findings
    assert (finding.pointer, finding.see) == ("/children/1/id", "/children/0/children/0")


@pytest.mark.usefixtures("english")
def test_empty_groups_and_bad_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one child"):
        Group("g", "G", [])
    with pytest.raises(ValueError, match="positive"):
        Indicator("a", "A", weight=0)
    with pytest.raises(ValueError, match="points"):
        Indicator("a", "A", points=-1)
    with pytest.raises(ValueError, match="identifier"):
        Indicator("bad id", "A")


@pytest.mark.usefixtures("english")
def test_parameters_and_resolution() -> None:
    rubric = rubric_skm()
    assert not rubric.is_resolved
    assert rubric.choices() == {"weight": "exact"}
    default = rubric.resolve()
    assert default.is_resolved
    assert {ind.weight for ind in default.indicators()} == {Fraction(1, 9)}
    variant = rubric.resolve({"weight": "0.11"})
    assert {ind.weight for ind in variant.indicators()} == {Fraction(11, 100)}
    assert variant.parameter_values == (("weight", "0.11"),)
    with pytest.raises(
        ValueError, match=r"'0.1' is not one of the choices 'exact', '0.11', '0.111'"
    ):
        rubric.resolve({"weight": "0.1"})
    with pytest.raises(KeyError, match="no parameter 'bobot'"):
        rubric.resolve({"bobot": "exact"})


@pytest.mark.usefixtures("english")
def test_undeclared_parameter_references_are_refused() -> None:
    with pytest.raises(RuleError, match="no parameter 'w' is declared") as refused:
        Rubric("r", "1", "R", [Indicator("a", "A", weight=ParamRef("w"))])
    assert [f.pointer for f in refused.value.findings] == ["/children/0/weight/param"]
    with pytest.raises(ValueError, match="default 'x' is not one of the choices"):
        Parameter("w", {"a": 1}, "x")
    with pytest.raises(ValueError, match="not one of"):
        Rubric(
            "r",
            "1",
            "R",
            [Indicator(e, e, weight=ParamRef("weight")) for e in SKM_ELEMENTS],
            parameters=[rubric_skm().parameters[0]],
            parameter_values={"weight": "0.2"},
        )


@pytest.mark.usefixtures("english")
def test_scales_parse_and_place_values() -> None:
    boolean = BooleanScale()
    assert [boolean.parse(v) for v in (True, "ya", "Tidak", 1, Fraction(0))] == [1, 1, 0, 1, 0]
    with pytest.raises(ValueError, match="true/false"):
        boolean.parse("maybe")
    zero_three = OrdinalScale.from_range(0, 3)
    assert zero_three.parse("2") == 2
    assert zero_three.ratio(Fraction(2)) == Fraction(2, 3)
    with pytest.raises(ValueError, match="expected one of the levels 0, 1, 2, 3"):
        zero_three.parse(4)
    with pytest.raises(ValueError, match="levels"):
        zero_three.parse("1.5")
    with pytest.raises(ValueError, match="levels"):
        zero_three.parse(True)
    one_four = OrdinalScale.from_range(1, 4)
    # An SKM answer of 3 sits at (3 - 1) / (4 - 1) = 2/3 of the answer scale.
    assert one_four.ratio(Fraction(3)) == Fraction(2, 3)
    numeric = NumericScale(0, 100)
    assert numeric.parse("82.295") == Fraction("82.295")
    with pytest.raises(ValueError, match=r"from 0 to 100, got 100\.5"):
        numeric.parse("100.5")
    with pytest.raises(RuleError, match="/maximum: the maximum 5 must be above the minimum 5"):
        NumericScale(5, 5)
    with pytest.raises(RuleError, match="levels must rise from lowest to highest"):
        OrdinalScale([ScaleLevel(2, "b"), ScaleLevel(1, "a")])
    with pytest.raises(ValueError, match="expected 4 labels"):
        OrdinalScale.from_range(0, 3, ["a"])


def test_labels_fall_back_to_indonesian() -> None:
    label = Text.of("Persyaratan", en="Requirements")
    assert label.get("en") == "Requirements"
    assert label.get("fr") == "Persyaratan"
    assert str(label) == "Persyaratan"
    with pytest.raises(ValueError, match="setidaknya satu bahasa"):  # Indonesian by default
        Text({})


@pytest.mark.usefixtures("english")
def test_evidence_needs_a_value_or_not_applicable() -> None:
    with pytest.raises(ValueError, match="'u'/'a': the value is empty"):
        Evidence("u", "a")
    with pytest.raises(ValueError, match="must not carry a value"):
        Evidence("u", "a", True, True)
    marker = Evidence.not_applicable_for("u", "a")
    assert marker.not_applicable
    assert marker.value is None
    assert Evidence("u", "a", 2.5).value == Fraction(5, 2)
    # Numeric text is the exact number (so it survives a plain-data round trip); other text
    # stays text for the scale to read.
    assert Evidence("u", "a", "82.5").value == Fraction(165, 2)
    assert Evidence("u", "a", "1/3").value == Fraction(1, 3)
    assert Evidence("u", "a", "ya").value == "ya"
    with pytest.raises(ValueError, match="collected_at"):
        Provenance(collected_at="yesterday")

"""Issue 9, items 12, 13 and 14: nothing is lost silently, one rule for scores given by hand,
and one meaning of ``missing: exclude``."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pelayanan import (
    Evidence,
    Group,
    Indicator,
    OrdinalScale,
    Parameter,
    ParamRef,
    Rubric,
    ScoringSpec,
    UnitTree,
    ZoneScheme,
    score,
)
from pelayanan._readers import BadRowsError, CsvReader
from pelayanan._scoring import ScoringError
from pelayanan.plugins import get_registry

from ._cli import cli

ELEMENTS = ("persyaratan", "prosedur", "waktu", "biaya", "produk")
ELEMENTS += ("kompetensi", "perilaku", "pengaduan", "sarana")
"""The nine SKM elements (PermenPAN-RB 14/2017)."""


def rubric_skm() -> Rubric:
    """Nine 1-4 elements weighted 1/9 and weight parameter as SKM, factor 25."""
    weight = Parameter("weight", {"exact": "1/9", "0.11": "0.11"}, "exact")
    children = [
        Indicator(e, e, OrdinalScale.from_range(1, 4), weight=ParamRef("weight")) for e in ELEMENTS
    ]
    scoring = ScoringSpec("survey_index", {"factor": 25})
    return Rubric("skm", "1", "SKM", children, scoring=scoring, parameters=[weight])


def respondents(unit: str, answers: list[list[int]]) -> list[Evidence]:
    """One item per element answered by each respondent (answers in ELEMENTS order)."""
    return [Evidence(unit, e, v) for row in answers for e, v in zip(ELEMENTS, row, strict=True)]


# --------------------------------------------------------------- 12: nothing ignored silently


@pytest.mark.usefixtures("english")
def test_not_applicable_and_a_value_for_one_indicator_is_reported() -> None:
    indicator = Indicator("a", "A", allow_not_applicable=True)
    rubric = Rubric("r", "1", "R", [Group("g", "G", [indicator])])
    evidence = [
        Evidence("u1", "a", True),
        Evidence.not_applicable_for("u1", "a"),
        Evidence("u2", "a", False),
    ]
    with pytest.raises(ScoringError) as caught:
        score(rubric, evidence, UnitTree.flat(["u1", "u2"]))
    problems = caught.value.problems
    assert [(p.unit, p.indicator) for p in problems] == [("u1", "a")]
    assert "marked not applicable 1 time(s) and given 1 value(s)" in str(caught.value)


@pytest.mark.usefixtures("english")
def test_a_respondent_counted_twice_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(
        "unit,respondent,persyaratan\np,R1,4\np,R2,3\nq,R1,2\np,R1,1\n", encoding="utf-8"
    )
    with pytest.raises(BadRowsError) as caught:
        list(CsvReader().read(path, rubric=rubric_skm(), layout="survey"))
    [problem] = caught.value.problems
    # Row 5 repeats respondent R1 of unit p (row 2); R1 of unit q is another person.
    assert (problem.line, problem.column) == (5, 2)
    assert "respondent 'R1' of unit 'p' already answered in row 2" in problem.message


# --------------------------------------------------------------- 13: scores given by hand


@pytest.mark.parametrize("given", ["24", "100.01", "-1"])
def test_classify_refuses_scores_outside_the_scale_even_for_clamping_schemes(given: str) -> None:
    # skm-2017 runs from 25 to 100 and clamps the scores the engine computes.
    ran = cli("classify", "--scheme", "skm-2017", given)
    assert ran.code == 1
    assert "di luar skala skema zona skm-2017@2017 (25 sampai 100)" in ran.err
    assert "bukan nilai yang diketik langsung" in ran.err


def test_classify_still_places_scores_on_the_scale_of_a_clamping_scheme() -> None:
    ran = cli("classify", "--scheme", "skm-2017", "--format", "json", "25", "100")
    assert ran.code == 0, ran.err
    assert '"score": "25.00"' in ran.out
    assert '"score": "100.00"' in ran.out


def test_the_engine_still_clamps_its_own_scores() -> None:
    # 0.11 weights, every element answered 1: 25 x 0.99 x 1 = 24.75, under 25; clamped to D.
    answers = respondents("p", [[1] * 9])
    card = score(rubric_skm(), answers, zone_scheme=_skm_scheme(), parameters={"weight": "0.11"})[
        "p"
    ]
    assert card.published == Decimal("24.75")
    assert card.band is not None
    assert card.band.code == "D"


def _skm_scheme() -> ZoneScheme:
    return get_registry().get_zone_scheme("skm-2017")


# --------------------------------------------------------------- 14: one meaning of exclude


def test_exclude_in_the_survey_index_renormalises() -> None:
    # Eight elements answered 4, "sarana" missing. exclude: the eight share the ninth's
    # weight, 25 x (8 x 1/9 x 9/8) x 4 = 25 x 4 = 100.00. zero: sarana counts as 1,
    # 25 x (8 x 4 + 1) / 9 = 91.67. Leaving it out must not score lower than a bottom answer.
    answers = [e for e in respondents("p", [[4] * 9]) if e.indicator != "sarana"]
    excluded = score(rubric_skm(), answers, missing="exclude")["p"]
    zero = score(rubric_skm(), answers, missing="zero")["p"]
    assert excluded.score == 100
    assert excluded.published == Decimal("100.00")
    assert zero.published == Decimal("91.67")
    assert excluded.coverage == zero.coverage == Fraction(8, 9)
    # The breakdown still adds up to the score.
    assert sum(node.contribution for node in excluded.breakdown) == excluded.score


def test_exclude_with_mixed_answers() -> None:
    # Answers 4,4,4,3,3,3,2,2 and one missing, weights 1/9: mean of the eight is 25/8,
    # so exclude gives 25 x 25/8 = 78.125 -> 78.13 (zero: 25 x (25 + 1)/9 = 72.22).
    values = [4, 4, 4, 3, 3, 3, 2, 2, 1]
    answers = [e for e in respondents("p", [values]) if e.indicator != "sarana"]
    assert score(rubric_skm(), answers, missing="exclude")["p"].published == Decimal("78.13")
    assert score(rubric_skm(), answers, missing="zero")["p"].published == Decimal("72.22")


@pytest.mark.usefixtures("english")
def test_the_points_model_refuses_exclude_with_a_reason() -> None:
    a = Indicator("a", "A", points=2)
    b = Indicator("b", "B", points=3)
    rubric = Rubric("p", "1", "P", [Group("g", "G", [a, b])], scoring=ScoringSpec("points"))
    evidence = [Evidence("u", "a", True)]
    with pytest.raises(ScoringError, match="cannot re-normalise"):
        score(rubric, evidence, missing="exclude")
    assert score(rubric, evidence, missing="zero")["u"].score == 2


def test_the_cli_hint_says_what_zero_and_exclude_do(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("unit,indicator,value\nu,persyaratan,ya\n", encoding="utf-8")
    ran = cli("score", "--rubric", "standar-pelayanan-2009", "--evidence", str(path))
    assert ran.code == 1
    assert "--missing zero (beri nilai terbawah skalanya)" in ran.err
    assert "count as 0" not in ran.err


def test_a_switch_is_no_number_in_indonesian() -> None:
    # ScoringSpec.number reads with the one number reader: its boolean refusal, translated.
    spec = ScoringSpec("survey_index", {"factor": True})
    with pytest.raises(ValueError, match="opsi penilaian") as caught:
        spec.number("factor", 25)
    assert str(caught.value) == (
        "opsi penilaian 'factor': yang diharapkan angka, diterima boolean (True)"
    )


@pytest.mark.usefixtures("english")
def test_a_switch_is_no_number_in_english() -> None:
    spec = ScoringSpec("survey_index", {"factor": True})
    with pytest.raises(ValueError, match="scoring option") as caught:
        spec.number("factor", 25)
    assert str(caught.value) == "scoring option 'factor': expected a number, got a boolean (True)"

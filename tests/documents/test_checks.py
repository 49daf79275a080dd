"""Tests for the semantic checks (what the schemas cannot say).

Numbers come from /work/shared/reference/regulations.md: the 2022-2024 Ombudsman dimension
weights (section 2.3) and categories (2.1), the SKM weight variants and bands (section 3).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs
import pytest

from pelayanan._documents import (
    DocumentError,
    Problem,
    load_evidence,
    load_overlay,
    load_rubric,
    load_text,
    load_zone_scheme,
    schemas,
)
from pelayanan._documents import checks as rubric_checks
from pelayanan._documents.checks import check_scoring, conversion_problems, document_problems
from pelayanan._model import (
    Band,
    BooleanScale,
    Evidence,
    Group,
    Indicator,
    NumericScale,
    OrdinalScale,
    Overlay,
    Parameter,
    ParamRef,
    Rubric,
    ScoringSpec,
    Unit,
    UnitTree,
    Zone,
    ZoneScheme,
)
from pelayanan._model.convert import ConversionError, from_data, to_data
from pelayanan._model.problems import RuleError
from pelayanan._model.tailoring import TailoringError, apply_overlay
from pelayanan._scoring import ScoringError, score
from pelayanan._scoring.models import WeightedMean

# Reference 2.3: 21.85 + 32.37 + 24.24 + 21.54 = 100.00 (54.22, 78.46, 100.00 by hand).
DIMENSIONS = {"input": "21.85", "proses": "32.37", "output": "24.24", "pengaduan": "21.54"}


def rubric_2022(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "ombudsman-2022",
        "version": "2022",
        "title": "Penilaian kepatuhan",
        "scales": {"nol-tiga": {"type": "ordinal", "from": 0, "to": 3}},
        "children": [
            {
                "id": name,
                "title": name.capitalize(),
                "kind": "dimension",
                "weight": weight,
                "children": [{"id": f"{name}.01", "title": "Satu", "scale": "nol-tiga"}],
            }
            for name, weight in DIMENSIONS.items()
        ],
    }
    data.update(extra)
    return data


def skm(weight_choice: str = "exact", **extra: Any) -> dict[str, Any]:
    """SKM 14/2017: nine 1-4 elements weighted by the parameter 'weight' (reference 3)."""
    elements = ["persyaratan", "prosedur", "waktu", "biaya", "produk"]
    elements += ["kompetensi", "perilaku", "pengaduan", "sarana"]
    data: dict[str, Any] = {
        "id": "skm-2017",
        "version": "1",
        "title": "SKM",
        "scoring": {"model": "survey_index", "options": {"factor": 25}},
        "parameters": [
            {
                "id": "weight",
                "choices": {"exact": "1/9", "0.11": "0.11", "0.111": "0.111"},
                "default": weight_choice,
            }
        ],
        "children": [
            {
                "id": element,
                "title": element,
                "scale": {"type": "ordinal", "from": 1, "to": 4},
                "weight": {"param": "weight"},
            }
            for element in elements
        ],
    }
    data.update(extra)
    return data


def refused(load: Any, source: Any, **options: Any) -> list[Problem]:
    """Every problem ``load`` reports for ``source`` (none: it loads)."""
    try:
        load(source, **options)
    except DocumentError as error:
        return list(error.problems)
    return []


def check_rubric(source: Any, **options: Any) -> list[Problem]:
    return refused(load_rubric, source, **options)


def check_zone_scheme(source: Any) -> list[Problem]:
    return refused(load_zone_scheme, source)


def check_evidence(source: Any, **options: Any) -> list[Problem]:
    return refused(load_evidence, source, **options)


def placed(problems: list[Problem]) -> dict[str, str]:
    by_pointer = {problem.pointer: problem.message for problem in problems}
    assert len(by_pointer) == len(problems), problems
    return by_pointer


# ----------------------------------------------------------------------------- rubric


def test_a_sound_rubric_has_no_problems() -> None:
    assert check_rubric(rubric_2022()) == []
    assert check_rubric(skm()) == []


@pytest.mark.usefixtures("english")
def test_an_id_used_twice_is_placed_at_the_second_use() -> None:
    data = rubric_2022()
    data["children"][1]["children"][0]["id"] = "input.01"
    assert placed(check_rubric(data)) == {
        "/children/1/children/0/id": "id 'input.01' is already used (/children/0/children/0)"
    }


@pytest.mark.usefixtures("english")
def test_the_first_use_is_given_with_its_line_in_a_file() -> None:
    text = (
        "id: r\nversion: '1'\ntitle: R\nchildren:\n  - {id: a, title: A}\n  - {id: a, title: B}\n"
    )
    [problem] = check_rubric(load_text(text, name="r.yaml"))
    assert (problem.source, problem.pointer, problem.line) == ("r.yaml", "/children/1/id", 6)
    assert problem.message == "id 'a' is already used (/children/0, line 5)"


@pytest.mark.usefixtures("english")
def test_a_document_with_its_schema_key_is_checked_whole() -> None:
    # $schema is the document's, not the rubric's: with it the rubric was not built, and the
    # checks that need the built rubric (weights_sum) were skipped without a word.
    text = (
        "$schema: https://schemas.pelayanan.invalid/v1/rubric.json\n"
        "id: r\nversion: '1'\ntitle: R\nchildren:\n"
        "  - id: g\n    title: G\n    weights_sum: {to: 3}\n    children:\n"
        "      - {id: a, title: A}\n      - {id: b, title: B}\n"
    )
    [problem] = check_rubric(load_text(text, name="r.yaml"))
    assert (problem.pointer, problem.line) == ("/children/0/children", 9)
    # two weights of 1: 1 + 1 = 2, not the declared 3
    assert problem.message.startswith("the weights here (2 of them) add up to 2, not 3")


@pytest.mark.usefixtures("english")
def test_an_unknown_scale_name_is_refused_with_a_suggestion() -> None:
    data = rubric_2022()
    data["children"][0]["children"][0]["scale"] = "nol-tigaa"
    assert placed(check_rubric(data)) == {
        "/children/0/children/0/scale": "unknown scale 'nol-tigaa'; declare it under 'scales' "
        "(declared: 'boolean', 'nol-tiga'); did you mean 'nol-tiga'?"
    }


@pytest.mark.usefixtures("english")
def test_a_named_scale_may_only_name_one_above_it() -> None:
    data = rubric_2022(scales={"a": "b", "b": {"type": "boolean"}, "c": "b"})
    assert placed(check_rubric(data)) == {
        "/scales/a": "unknown scale 'b' (it is declared below; a scale may only name one above it)",
        "/children/0/children/0/scale": "unknown scale 'nol-tiga'; declare it under 'scales' "
        "(declared: 'boolean', 'a', 'b', 'c')",
        "/children/1/children/0/scale": "unknown scale 'nol-tiga'; declare it under 'scales' "
        "(declared: 'boolean', 'a', 'b', 'c')",
        "/children/2/children/0/scale": "unknown scale 'nol-tiga'; declare it under 'scales' "
        "(declared: 'boolean', 'a', 'b', 'c')",
        "/children/3/children/0/scale": "unknown scale 'nol-tiga'; declare it under 'scales' "
        "(declared: 'boolean', 'a', 'b', 'c')",
    }


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("scale", "pointer", "message"),
    [
        (
            {"type": "numeric", "minimum": 100, "maximum": "100.0"},
            "/scales/s/maximum",
            "the maximum 100 must be above the minimum 100",
        ),
        (
            {"type": "ordinal", "levels": [{"value": 0}, {"value": 2}, {"value": "1.5"}]},
            "/scales/s/levels/2/value",
            "levels must rise from lowest to highest: 1.5 is not above the level before it (2)",
        ),
        (
            {"type": "ordinal", "from": 4, "to": 1},
            "/scales/s/to",
            "'to' (1) must be above 'from' (4)",
        ),
        (
            {"type": "ordinal", "from": 1, "to": 4, "labels": ["buruk", "baik"]},
            "/scales/s/labels",
            "expected 4 labels (one per level from 1 to 4), got 2",
        ),
    ],
)
def test_scale_definitions_are_checked(scale: object, pointer: str, message: str) -> None:
    assert placed(check_rubric(rubric_2022(scales={"s": scale, "nol-tiga": "boolean"}))) == {
        pointer: message
    }


@pytest.mark.usefixtures("english")
def test_an_inline_scale_is_checked_where_it_is() -> None:
    data = rubric_2022()
    data["children"][0]["children"][0]["scale"] = {"type": "ordinal", "from": 3, "to": 3}
    assert placed(check_rubric(data)) == {
        "/children/0/children/0/scale/to": "'to' (3) must be above 'from' (3)"
    }


@pytest.mark.usefixtures("english")
def test_weights_must_be_positive_and_points_not_negative() -> None:
    data = rubric_2022()
    data["children"][0]["weight"] = "0"
    data["children"][1]["children"][0]["weight"] = -2
    data["children"][2]["children"][0]["points"] = "-0.5"
    assert placed(check_rubric(data)) == {
        "/children/0/weight": "expected a positive weight, got 0",
        "/children/1/children/0/weight": "expected a positive weight, got -2",
        "/children/2/children/0/points": "expected zero or more points, got -0.5",
    }


@pytest.mark.usefixtures("english")
def test_parameters_defaults_values_and_references_are_checked() -> None:
    # Values and references are checked against the declared parameters, so a parameter
    # that cannot be built (its default is not a choice) is reported alone.
    broken = skm(parameter_values={"weight": "0.1"})
    broken["parameters"][0]["default"] = "tepat"
    assert placed(check_rubric(broken)) == {
        "/parameters/0/default": "the default 'tepat' is not one of the choices 'exact', "
        "'0.11', '0.111'",
    }
    data = skm(parameter_values={"weight": "0.1", "bobot": "exact"})
    data["children"][0]["weight"] = {"param": "weigth"}
    assert placed(check_rubric(data)) == {
        "/parameter_values/weight": "parameter 'weight': '0.1' is not one of the choices "
        "'exact', '0.11', '0.111'",
        "/parameter_values/bobot": "no parameter 'bobot' is declared (declared: 'weight')",
        "/children/0/weight/param": "no parameter 'weigth' is declared; did you mean "
        "'weight'? (declared: 'weight')",
    }


@pytest.mark.usefixtures("english")
def test_choices_given_when_loading_are_checked_too() -> None:
    assert placed(check_rubric(skm(), parameters={"weight": "0.12"})) == {
        "/parameters": "parameter 'weight': '0.12' is not one of the choices 'exact', '0.11', "
        "'0.111' (a parameter choice given when loading)"
    }
    # the rule of the document's own parameter_values, in the same words
    [problem] = check_rubric(skm(), parameters={"bobot": "exact"})
    assert (problem.pointer, problem.message) == (
        "/parameters",
        "no parameter 'bobot' is declared (declared: 'weight') (a parameter choice given when "
        "loading)",
    )
    [problem] = check_rubric(skm(parameter_values={"bobot": "exact"}))
    assert problem.message == "no parameter 'bobot' is declared (declared: 'weight')"


@pytest.mark.usefixtures("english")
def test_a_parameter_declared_twice_is_refused() -> None:
    data = skm()
    data["parameters"].append(copy.deepcopy(data["parameters"][0]))
    assert placed(check_rubric(data)) == {
        "/parameters/1/id": "parameter 'weight' is declared twice"
    }


# ----------------------------------------------------------------------------- weights_sum


def test_the_2022_dimension_weights_add_up_to_100() -> None:
    data = rubric_2022(weights_sum={"to": 100})
    for group in data["children"]:
        group["weights_sum"] = None  # one indicator each, weight 1: not a percentage
    assert check_rubric(data) == []


@pytest.mark.usefixtures("english")
def test_weights_that_do_not_add_up_are_refused_at_their_list() -> None:
    data = rubric_2022(weights_sum={"to": 100})
    data["children"][3]["weight"] = "21.45"  # a typo: the total is 99.91
    for group in data["children"]:
        group["weights_sum"] = None
    assert placed(check_rubric(data)) == {
        "/children": "the weights here (4 of them) add up to 99.91, not 100 as required by "
        "weights_sum (/weights_sum)"
    }


@pytest.mark.usefixtures("english")
def test_the_rubric_rule_also_applies_to_groups_without_their_own() -> None:
    data = rubric_2022(weights_sum={"to": 100})
    messages = placed(check_rubric(data))
    assert set(messages) == {f"/children/{i}/children" for i in range(4)}
    assert messages["/children/0/children"].startswith(
        "the weights here (1 of them) add up to 1, not 100"
    )


@pytest.mark.usefixtures("english")
def test_a_group_may_declare_its_own_total() -> None:
    data = rubric_2022()
    data["children"][0]["weights_sum"] = {"to": 2}
    assert placed(check_rubric(data)) == {
        "/children/0/children": "the weights here (1 of them) add up to 1, not 2 as required "
        "by weights_sum (/children/0/weights_sum)"
    }


@pytest.mark.usefixtures("english")
def test_weights_sum_adds_the_weights_the_model_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = rubric_2022(weights_sum={"to": 100})
    for group in data["children"]:
        group["weights_sum"] = None
    read: list[object] = []
    exact = rubric_checks.exact
    monkeypatch.setattr(rubric_checks, "exact", lambda value: read.append(value) or exact(value))
    assert check_rubric(data) == []
    # Only the declared totals and tolerances are read from the data: no weight is parsed
    # a second time.
    assert set(read) == {100, 0, None}
    # Given a rubric, the check adds its weights: 1 + 32.37 + 24.24 + 21.54 = 79.15.
    built = from_data(Rubric, data)
    first = attrs.evolve(built.children[0], weight=Fraction(1))
    changed = attrs.evolve(built, children=(first, *built.children[1:]))
    assert placed(document_problems(data, changed)) == {
        "/children": "the weights here (4 of them) add up to 79.15, not 100 as required by "
        "weights_sum (/weights_sum)"
    }
    assert document_problems(data) == []  # without the built rubric, no weights to add


@pytest.mark.parametrize(
    ("choice", "ok"),
    [
        ("exact", True),  # 9 x 1/9 = 1
        ("0.111", True),  # 9 x 0.111 = 0.999, within 0.01 of 1
        ("0.11", True),  # 9 x 0.11 = 0.99, exactly 0.01 short: still within
    ],
)
def test_parameter_weights_are_summed_at_the_chosen_value(choice: str, ok: bool) -> None:
    data = skm(choice, weights_sum={"to": 1, "tolerance": "0.01"})
    assert (check_rubric(data) == []) is ok


@pytest.mark.usefixtures("english")
def test_without_tolerance_the_sum_must_be_exact() -> None:
    data = skm(weights_sum={"to": 1})
    assert check_rubric(data) == []
    [problem] = check_rubric(data, parameters={"weight": "0.11"})
    assert problem.pointer == "/children"
    assert problem.message.startswith("the weights here (9 of them) add up to 0.99, not 1 ")


# ----------------------------------------------------------------------------- references


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("reference", "catalogue", "known"),
    [
        ("ombudsman-2022", ["ombudsman-2022"], True),
        ("ombudsman-2022", ["ombudsman-2022@2022"], True),
        ("ombudsman-2022@2022", ["ombudsman-2022@2022"], True),
        ("ombudsman-2022@2022", ["ombudsman-2022"], True),
        ("ombudsman-2022@2023", ["ombudsman-2022@2022"], False),
        ("ombudsman-2021", ["ombudsman-2022"], False),
    ],
)
def test_the_zone_scheme_must_be_in_the_catalogue(
    reference: str, catalogue: list[str], known: bool
) -> None:
    problems = check_rubric(rubric_2022(zone_scheme=reference), zone_schemes=catalogue)
    assert (problems == []) is known
    if not known:
        assert problems[0].pointer == "/zone_scheme"
        assert problems[0].message.startswith(f"unknown zone scheme {reference!r}")


def test_zone_schemes_may_be_given_as_objects_and_no_catalogue_checks_nothing() -> None:
    scheme = ZoneScheme(
        "ombudsman-2022",
        "2022",
        "Opini",
        0,
        100,
        [Band(0, "E", "E", "merah")],
        [Zone("merah", "M")],
    )
    assert check_rubric(rubric_2022(zone_scheme="ombudsman-2022@2022"), zone_schemes=[scheme]) == []
    assert check_rubric(rubric_2022(zone_scheme="anything")) == []


@pytest.mark.usefixtures("english")
def test_an_unknown_scoring_model_is_refused_unless_a_plugin_provides_it() -> None:
    data = rubric_2022(scoring={"model": "weighted_man"})
    [problem] = check_rubric(data)
    assert problem.pointer == "/scoring/model"
    assert problem.message.startswith(
        "unknown scoring model 'weighted_man'; did you mean 'weighted_mean'?"
    )
    assert check_rubric(data, models={"weighted_man": WeightedMean()}) == []


# ----------------------------------------------------------------------------- scoring


def _indicators(*indicators: Indicator, model: str, **options: object) -> Rubric:
    return Rubric("r", "1", "R", indicators, scoring=ScoringSpec(model, options))


@pytest.mark.usefixtures("english")
def test_the_points_model_needs_points_on_every_indicator() -> None:
    rubric = _indicators(Indicator("a", "A", points=6), Indicator("b", "B"), model="points")
    source = {"children": [{"id": "a"}, {"id": "b"}]}
    assert placed(check_scoring(rubric, source)) == {
        "/children/1": "points: indicator 'b' has no points (the points model needs them)"
    }


@pytest.mark.usefixtures("english")
def test_survey_index_needs_ordinal_or_numeric_scales() -> None:
    one_to_four = OrdinalScale.from_range(1, 4)
    rubric = _indicators(
        Indicator("a", "A", one_to_four),
        Indicator("b", "B", BooleanScale()),
        model="survey_index",
        factor=25,
    )
    [problem] = check_scoring(rubric)
    assert problem.pointer == "/scoring"  # without the document, problems go to /scoring
    assert problem.message == (
        "survey_index: indicator 'b' has a boolean scale; survey_index averages answers on an "
        "ordinal or numeric scale"
    )


def test_the_scoring_check_binds_parameters_first() -> None:
    weight = Parameter("w", {"a": 1, "b": 2}, "a")
    rubric = Rubric("r", "1", "R", [Indicator("x", "X", weight=ParamRef("w"))], parameters=[weight])
    assert check_scoring(rubric) == []
    assert check_scoring(rubric, parameters={"w": "b"}) == []


def test_an_unknown_model_is_left_to_the_data_check() -> None:
    rubric = _indicators(Indicator("a", "A"), model="mine")
    assert check_scoring(rubric) == []


@pytest.mark.usefixtures("english")
def test_a_model_check_without_an_id_goes_to_scoring() -> None:
    rubric = _indicators(Indicator("a", "A"), model="weighted_mean", minimum=5, maximum=5)
    [problem] = check_scoring(rubric, {"children": [{"id": "a"}]})
    assert problem.pointer == "/scoring"
    assert problem.message == "weighted_mean: scoring maximum 5 must exceed minimum 5"


def test_conversion_errors_become_problems() -> None:
    document = load_text("a:\n  b: 1\n", name="x.yaml")
    [problem] = conversion_problems(document, ConversionError("/a/b", "expected a list"))
    assert (problem.source, problem.pointer, problem.message, problem.line) == (
        "x.yaml",
        "/a/b",
        "expected a list",
        2,
    )
    [problem] = conversion_problems(document, ValueError("rubric 'x': bad"))
    assert (problem.pointer, problem.message) == ("", "rubric 'x': bad")


# ----------------------------------------------------------------------------- zone schemes


def scheme_2022(**extra: Any) -> dict[str, Any]:
    """Reference 2.1, 2022-2024: E 0.00, D 32.00, C 54.00, B 78.00, A 88.00 on 0-100."""
    data: dict[str, Any] = {
        "id": "ombudsman-2022",
        "version": "2022",
        "title": "Opini",
        "minimum": 0,
        "maximum": 100,
        "zones": [{"id": "merah"}, {"id": "kuning"}, {"id": "hijau"}],
        "bands": [
            {"lower": "0.00", "code": "E", "zone": "merah"},
            {"lower": "32.00", "code": "D", "zone": "merah"},
            {"lower": "54.00", "code": "C", "zone": "kuning"},
            {"lower": "78.00", "code": "B", "zone": "hijau"},
            {"lower": "88.00", "code": "A", "zone": "hijau"},
        ],
    }
    data.update(extra)
    return data


def with_band(index: int, **changes: object) -> dict[str, Any]:
    data = scheme_2022()
    data["bands"][index].update(changes)
    return data


def test_the_2022_table_is_sound() -> None:
    assert check_zone_scheme(scheme_2022()) == []


def test_skm_bands_at_two_decimals_are_sound() -> None:
    """Reference 3: D 25.00, C 65.00, B 76.61, A 88.31 on 25-100."""
    data = scheme_2022(minimum=25)
    data["bands"] = [
        {"lower": lower, "code": code, "zone": "merah"}
        for lower, code in (("25", "D"), ("65.00", "C"), ("76.61", "B"), ("88.31", "A"))
    ]
    assert check_zone_scheme(data) == []


@pytest.mark.usefixtures("english")
def test_an_overlap_is_refused() -> None:
    data = with_band(3, lower="50")  # B below C
    assert placed(check_zone_scheme(data)) == {
        # the place of the band before it comes last, as in every message naming another place
        "/bands/3/lower": "band 'B' starts at 50, not above band 'C' before it, which starts at "
        "54; the bands overlap: list them from lowest to highest with rising lower bounds "
        "(/bands/2)"
    }


@pytest.mark.usefixtures("english")
def test_two_bands_at_the_same_bound_overlap() -> None:
    [problem] = check_zone_scheme(with_band(2, lower="32"))
    assert problem.pointer == "/bands/2/lower"
    assert "the bands overlap" in problem.message


@pytest.mark.usefixtures("english")
def test_a_hole_below_the_first_band_is_refused() -> None:
    assert placed(check_zone_scheme(with_band(0, lower="1"))) == {
        "/bands/0/lower": "the first band starts at 1, above the scale minimum 0: scores from 0 "
        "up to 1 would fall in no band (a hole); start the first band at the minimum"
    }


@pytest.mark.usefixtures("english")
def test_bands_must_stay_on_the_scale() -> None:
    data = scheme_2022(minimum=10)
    data["bands"][4]["lower"] = 101
    assert placed(check_zone_scheme(data)) == {
        "/bands/0/lower": "the band starts at 0, below the scale minimum 10",
        "/bands/4/lower": "the band starts at 101, above the scale maximum 100",
    }


@pytest.mark.usefixtures("english")
def test_a_bound_finer_than_the_rounding_is_refused() -> None:
    assert placed(check_zone_scheme(with_band(2, lower="53.995"))) == {
        "/bands/2/lower": "the lower bound 53.995 has more decimals than the 2 that scores are "
        "rounded to, so no published score equals it; write 54.00 (the lowest published "
        "score it admits)"
    }


def test_the_precision_follows_the_declared_rounding() -> None:
    whole = scheme_2022(rounding={"places": 0})
    assert check_zone_scheme(whole) == []  # "32.00" is 32, a whole number
    whole["bands"][1]["lower"] = "31.5"
    assert list(placed(check_zone_scheme(whole))) == ["/bands/1/lower"]
    finer = scheme_2022(rounding={"places": 3})
    finer["bands"][2]["lower"] = "53.995"
    assert check_zone_scheme(finer) == []


@pytest.mark.usefixtures("english")
def test_zones_must_be_declared_and_rise_with_the_bands() -> None:
    data = scheme_2022()
    data["bands"][1]["zone"] = "ungu"
    data["bands"][3]["zone"] = "merah"
    assert placed(check_zone_scheme(data)) == {
        "/bands/1/zone": "zone 'ungu' is not declared under 'zones' (declared: 'merah', "
        "'kuning', 'hijau')",
        "/bands/3/zone": "zone 'merah' is listed below the zone of the band before it; list "
        "zones from lowest to highest and bands in the same order",
    }


def test_codes_and_zone_ids_are_unique_and_the_scale_is_not_empty() -> None:
    data = scheme_2022(maximum=0)
    data["bands"] = data["bands"][:2]
    data["bands"][1]["code"] = "E"
    data["zones"].append({"id": "merah"})
    assert set(placed(check_zone_scheme(data))) == {
        "/maximum",
        "/zones/3/id",
        "/bands/1/code",
        "/bands/1/lower",
    }


def _wrong_scheme() -> dict[str, Any]:
    data = scheme_2022(minimum="zero", rounding={"places": "two"})
    data["bands"][2] = "C"
    data["bands"][3]["lower"] = None
    return data


@pytest.mark.parametrize(
    ("kind", "load", "data"),
    [
        ("zone-scheme", load_zone_scheme, _wrong_scheme()),
        ("rubric", load_rubric, {"children": "none", "scales": [1]}),
        ("evidence", load_evidence, {"units": {}, "evidence": [1, {"unit": 2, "value": 1}]}),
    ],
)
def test_values_of_the_wrong_shape_are_left_to_the_schema(
    kind: str, load: Any, data: dict[str, Any]
) -> None:
    # What loading reports is the schema's problems, each once: no rule is claimed about a
    # value of the wrong shape.
    expected = sorted((p.pointer, p.message) for p in schemas.validate(kind, data))
    assert expected
    assert sorted((p.pointer, p.message) for p in refused(load, data)) == expected


# ----------------------------------------------------------------------------- overlays


def base_rubric() -> Rubric:
    weight = Parameter("weight", {"exact": "1/9", "0.11": "0.11"}, "exact")
    return Rubric(
        "skm-2017",
        "1",
        "SKM",
        [
            Group(
                "pelayanan", "Pelayanan", [Indicator("waktu", "Waktu"), Indicator("biaya", "Biaya")]
            ),
            Indicator("sarana", "Sarana", weight=ParamRef("weight")),
        ],
        parameters=[weight],
    )


def test_a_sound_overlay_has_no_problems() -> None:
    data = {
        "id": "skm-puskesmas",
        "version": "1",
        "base": "skm-2017@1",
        "drop": ["biaya"],
        "substitute": {"waktu": {"id": "antrian", "title": "Antrian"}},
        "rename": {"antrian": "Waktu tunggu"},  # a substituted id may be renamed
        "reweight": {"sarana": {"param": "weight"}},
        "parameters": {"weight": "0.11"},
    }
    assert load_overlay(data, base=base_rubric()).ref == "skm-puskesmas@1"


@pytest.mark.usefixtures("english")
def test_an_id_listed_twice_is_refused_even_without_a_base() -> None:
    document = load_text(
        "$schema: https://schemas.pelayanan.invalid/v1/overlay.json\n"
        "id: x\n"
        'version: "1"\n'
        "base: skm-2017\n"
        "select:\n"
        "  - waktu\n"  # line 6
        "  - sarana\n"
        "  - waktu\n",  # line 8
        name="overlay.yaml",
    )
    with pytest.raises(DocumentError) as refused:
        load_overlay(document)
    (problem,) = refused.value.problems
    assert (problem.pointer, problem.line) == ("/select/2", 8)
    assert problem.message == "'waktu' is listed more than once (/select/0, line 6)"


@pytest.mark.usefixtures("english")
def test_overlay_names_are_checked_against_the_base() -> None:
    data = {
        "id": "skm-2017",
        "version": "1",
        "base": "skm-2016",
        "drop": ["biayaa"],
        "substitute": {"pelayanan": {"id": "sarana", "title": "X"}},
        "rename": {"antrian": "Antrian"},
        "reweight": {"biaya": {"param": "bobot"}},
        "parameters": {"weight": "0.111", "bobot": "x"},
    }
    # the rules are the model's (overlay_findings); the document only places them
    with pytest.raises(DocumentError) as refused:
        load_overlay(data, base=base_rubric())
    assert placed(list(refused.value.problems)) == {
        "/base": "the overlay is for 'skm-2016', but the base given is 'skm-2017@1'",
        "/version": "the tailored rubric needs its own id or version, not the base's (skm-2017@1)",
        "/drop/0": "skm-2017@1 has no group or indicator 'biayaa'; did you mean 'biaya'?",
        "/substitute/pelayanan": "'pelayanan' is a group; only an indicator can be substituted",
        "/substitute/pelayanan/id": "the new id 'sarana' is already used",
        "/rename/antrian": "skm-2017@1 has no group or indicator 'antrian'",
        "/reweight/biaya/param": "skm-2017@1 declares no parameter 'bobot' (declared: 'weight')",
        "/parameters/weight": "'0.111' is not one of the choices 'exact', '0.11'",
        "/parameters/bobot": "skm-2017@1 declares no parameter 'bobot'",
    }


@pytest.mark.usefixtures("english")
def test_an_overlay_breaks_the_same_rules_in_the_same_words_in_code_and_in_a_file() -> None:
    """The overlay rules live once, in the model: the document only adds the lines."""
    text = (
        "$schema: https://schemas.pelayanan.invalid/v1/overlay.json\n"
        "id: skm-kota\n"
        'version: "1"\n'
        "base: skm-2017\n"
        "drop: [biayaa]\n"  # line 5
        "rename:\n"
        "  antrian: Antrian\n"  # line 7
        "parameters:\n"
        "  weight: '0.111'\n"  # line 9
    )
    document = load_text(text, name="overlay.yaml")
    body = {key: value for key, value in document.data.items() if key != "$schema"}
    with pytest.raises(TailoringError) as in_code:
        apply_overlay(base_rubric(), from_data(Overlay, body))
    with pytest.raises(DocumentError) as in_file:
        load_overlay(document, base=base_rubric())
    found = [(f.pointer, f.text()) for f in in_code.value.findings]
    assert found == [(p.pointer, p.message) for p in in_file.value.problems]
    assert found == [
        ("/drop/0", "skm-2017@1 has no group or indicator 'biayaa'; did you mean 'biaya'?"),
        ("/rename/antrian", "skm-2017@1 has no group or indicator 'antrian'"),
        ("/parameters/weight", "'0.111' is not one of the choices 'exact', '0.11'"),
    ]
    assert [p.line for p in in_file.value.problems] == [5, 7, 9]


# ----------------------------------------------------------------------------- evidence


def evidence(
    *items: Mapping[str, Any], units: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"evidence": list(items)}
    if units is not None:
        data["units"] = units
    return data


CITY = [
    {"id": "kota", "name": "Kota Contoh", "level": "agency"},
    {"id": "dinas", "name": "Dinas", "level": "service_unit", "parent": "kota"},
    {"id": "ktp", "name": "KTP", "parent": "dinas"},
]


def test_sound_evidence_has_no_problems() -> None:
    data = evidence(
        {"unit": "ktp", "indicator": "waktu", "value": True},
        {"unit": "ktp", "indicator": "biaya", "not_applicable": True},
        units=CITY,
    )
    assert check_evidence(data) == []


@pytest.mark.usefixtures("english")
def test_an_item_needs_a_value_or_a_not_applicable_mark_but_not_both() -> None:
    data = evidence(
        {"unit": "ktp", "indicator": "waktu"},
        {"unit": "ktp", "indicator": "biaya", "value": "ya", "not_applicable": True},
        {"unit": "ktp", "indicator": "biaya", "not_applicable": False},
    )
    # The model's rule and words (Evidence refuses the same items).
    assert placed(check_evidence(data)) == {
        "/evidence/0": "the value is empty; give one, or mark the item not applicable",
        "/evidence/1/value": "evidence marked not applicable must not carry a value",
        "/evidence/2": "the value is empty; give one, or mark the item not applicable",
    }


@pytest.mark.usefixtures("english")
def test_units_must_be_declared_and_at_the_bottom_of_the_tree() -> None:
    data = evidence(
        {"unit": "kk", "indicator": "waktu", "value": True},
        {"unit": "dinas", "indicator": "waktu", "value": True},
        units=CITY,
    )
    assert placed(check_evidence(data)) == {
        "/evidence/0/unit": "unit 'kk' is not in the unit tree",
        "/evidence/1/unit": "unit 'dinas' has units below it; evidence belongs to the units at "
        "the bottom",
    }


@pytest.mark.usefixtures("english")
def test_the_unit_tree_is_checked() -> None:
    units = [
        *CITY,
        {"id": "ktp", "name": "KTP again"},
        {"id": "x", "name": "X", "parent": "y"},
        {"id": "y", "name": "Y", "parent": "x"},
        {"id": "z", "name": "Z", "parent": "kot"},
    ]
    assert placed(check_evidence(evidence(units=units))) == {
        "/units/3/id": "unit id 'ktp' is used twice (/units/2)",
        "/units/4/parent": "the parents form a cycle: x -> y -> x",
        "/units/6/parent": "parent 'kot' is not a unit declared here; did you mean 'kota'?",
    }


@pytest.mark.usefixtures("english")
def test_with_a_rubric_indicators_and_values_are_checked() -> None:
    rubric = Rubric(
        "r",
        "1",
        "R",
        [
            Group("g", "G", [Indicator("waktu", "Waktu", OrdinalScale.from_range(1, 4))]),
            Indicator("biaya", "Biaya", allow_not_applicable=True),
            Indicator("sarana", "Sarana"),
        ],
    )
    data = evidence(
        {"unit": "u", "indicator": "waktu", "value": 5},
        {"unit": "u", "indicator": "waktu", "value": 3},
        {"unit": "u", "indicator": "biaya", "value": "mungkin"},
        {"unit": "u", "indicator": "biaya", "not_applicable": True},
        {"unit": "u", "indicator": "sarana", "not_applicable": True},
        {"unit": "u", "indicator": "g", "value": 1},
        {"unit": "u", "indicator": "wakt", "value": 1},
    )
    assert placed(check_evidence(data, rubric=rubric)) == {
        "/evidence/0/value": "indicator 'waktu': expected one of the levels 1, 2, 3, 4, got 5",
        "/evidence/2/value": "indicator 'biaya': expected true/false (or ya/tidak, 1/0), got "
        "'mungkin'",
        "/evidence/4/not_applicable": "indicator 'sarana' may not be marked not applicable in r@1",
        "/evidence/5/indicator": "'g' is a group in r@1",
        "/evidence/6/indicator": "'wakt' is no indicator in r@1; did you mean 'waktu'?",
    }


# ----------------------------------------------------------------------------- built objects


@pytest.mark.usefixtures("english")
def test_a_built_rubric_is_checked_through_its_data_and_its_model() -> None:
    sound = to_data(_indicators(Indicator("a", "A", points=6), model="points"))
    assert check_rubric(sound) == []
    unsound = _indicators(Indicator("a", "A", points=6), Indicator("b", "B"), model="points")
    assert placed(check_rubric(to_data(unsound))) == {
        "/children/1": "points: indicator 'b' has no points (the points model needs them)"
    }
    assert check_rubric(sound, zone_schemes=[]) == []  # the rubric names no zone scheme


@pytest.mark.usefixtures("english")
def test_a_bound_finer_than_the_rounding_is_the_models_error_placed_in_the_document() -> None:
    # The model refuses the scheme; the document check reports the model's own message at
    # the band's pointer instead of a second wording of the rule.
    zones = [Zone("merah", "Merah"), Zone("hijau", "Hijau")]
    bands = [Band(0, "D", "D", "merah"), Band("64.995", "C", "C", "hijau")]
    with pytest.raises(ValueError, match=r"64\.995") as refused:
        ZoneScheme("z", "1", "Z", 0, 100, bands, zones)
    message = (
        "the lower bound 64.995 has more decimals than the 2 that scores are rounded to, so "
        "no published score equals it; write 65.00 (the lowest published score it admits)"
    )
    assert f"/bands/1/lower: {message}" in str(refused.value)
    data = {
        "id": "z",
        "version": "1",
        "title": "Z",
        "minimum": 0,
        "maximum": 100,
        "zones": [{"id": "merah", "label": "Merah"}, {"id": "hijau", "label": "Hijau"}],
        "bands": [
            {"lower": 0, "code": "D", "label": "D", "zone": "merah"},
            {"lower": "64.995", "code": "C", "label": "C", "zone": "hijau"},
        ],
    }
    assert placed(check_zone_scheme(data)) == {"/bands/1/lower": message}


# ----------------------------------------------------------------------------- one source


def _refusal(build: Any) -> tuple[str, str]:
    with pytest.raises(RuleError) as refused:
        build()
    [finding] = refused.value.findings
    return finding.pointer, finding.text()


def _rubric_data(*children: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": "r", "version": "1", "title": "R", "children": list(children), **extra}


@pytest.mark.usefixtures("english")
def test_a_rule_has_the_same_words_in_code_and_in_a_document() -> None:
    # Each rule is written once, in the model: built in code, the object is refused with a
    # finding; read from data, the same finding is placed in the document (here a mapping,
    # so no lines), at the same pointer below where the object sits.
    twice = _refusal(lambda: Rubric("r", "1", "R", [Indicator("a", "A"), Indicator("a", "B")]))
    [problem] = check_rubric(_rubric_data({"id": "a", "title": "A"}, {"id": "a", "title": "B"}))
    assert (problem.pointer, problem.message) == twice
    assert twice == ("/children/1/id", "id 'a' is already used (/children/0)")

    weight = _refusal(lambda: Indicator("a", "A", weight="-0.5"))
    [problem] = check_rubric(_rubric_data({"id": "a", "title": "A", "weight": "-0.5"}))
    assert (problem.pointer, problem.message) == ("/children/0" + weight[0], weight[1])

    bounds = _refusal(lambda: NumericScale(5, 5))
    scale = {"type": "numeric", "minimum": 5, "maximum": 5}
    [problem] = check_rubric(_rubric_data({"id": "a", "title": "A", "scale": scale}))
    assert (problem.pointer, problem.message) == ("/children/0/scale" + bounds[0], bounds[1])

    default = _refusal(lambda: Parameter("w", {"a": 1}, "b"))
    parameter = {"id": "w", "choices": {"a": 1}, "default": "b"}
    [problem] = check_rubric(_rubric_data({"id": "a", "title": "A"}, parameters=[parameter]))
    assert (problem.pointer, problem.message) == ("/parameters/0" + default[0], default[1])

    parent = _refusal(lambda: UnitTree([Unit("kota", "K"), Unit("b", "B", parent="kot")]))
    units = [{"id": "kota", "name": "K"}, {"id": "b", "name": "B", "parent": "kot"}]
    [problem] = check_evidence({"units": units, "evidence": []})
    assert (problem.pointer, problem.message) == ("/units" + parent[0], parent[1])
    assert parent[1] == "parent 'kot' is not a unit declared here; did you mean 'kota'?"


@pytest.mark.usefixtures("english")
def test_a_malformed_part_does_not_hide_the_rules_the_others_break() -> None:
    # The schema reports the malformed part; the model's rules still run on the rest.
    data = _rubric_data({"id": "a", "title": "A"}, {"id": "a", "title": "B"}, scales=[1])
    assert placed(check_rubric(data)) == {
        "/scales": "expected a mapping, got a list",
        "/children/1/id": "id 'a' is already used (/children/0)",
    }
    scheme = with_band(3, lower="50")
    scheme["bands"][0] = "E"  # unreadable: no hole is claimed below the next band
    assert list(placed(check_zone_scheme(scheme))) == ["/bands/0", "/bands/3/lower"]


@pytest.mark.usefixtures("english")
def test_evidence_that_does_not_fit_has_the_same_words_in_a_file_and_when_scored() -> None:
    # The rules tying an item to the rubric and the unit tree are the model's (misfits): a
    # document places them at the item's keys, scoring names the unit and indicator.
    rubric = Rubric(
        "r",
        "1",
        "R",
        [Group("g", "G", [Indicator("waktu", "Waktu")]), Indicator("biaya", "Biaya")],
    )
    units = [{"id": "kota", "name": "K"}, {"id": "ktp", "name": "KTP", "parent": "kota"}]
    items = [
        {"unit": "ktp", "indicator": "wakt", "value": True},
        {"unit": "ktp", "indicator": "g", "value": True},
        {"unit": "kota", "indicator": "biaya", "value": True},
        {"unit": "kk", "indicator": "biaya", "value": True},
        {"unit": "ktp", "indicator": "biaya", "not_applicable": True},
    ]
    in_file = check_evidence({"units": units, "evidence": items}, rubric=rubric)
    assert [p.pointer for p in in_file] == [
        "/evidence/0/indicator",
        "/evidence/1/indicator",
        "/evidence/2/unit",
        "/evidence/3/unit",
        "/evidence/4/not_applicable",
    ]
    with pytest.raises(ScoringError) as scored:
        score(rubric, [from_data(Evidence, item) for item in items], from_data(UnitTree, units))
    misfits = [p.message for p in scored.value.problems if not p.missing]  # (no gaps)
    assert misfits == [p.message for p in in_file]
    assert [p.message for p in in_file] == [
        "'wakt' is no indicator in r@1; did you mean 'waktu'?",
        "'g' is a group in r@1",
        "unit 'kota' has units below it; evidence belongs to the units at the bottom",
        "unit 'kk' is not in the unit tree",
        "indicator 'biaya' may not be marked not applicable in r@1",
    ]

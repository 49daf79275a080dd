"""Tests for loading and dumping whole documents (schema, checks and model together).

The example documents follow /work/shared/reference/regulations.md: the SKM elements, weight
variants and categories (section 3), the Ombudsman 2022-2024 categories (section 2.1).
"""

from __future__ import annotations

import json
import socket
import textwrap
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from pelayanan._documents import (
    Document,
    DocumentError,
    EvidenceSet,
    Problem,
    dump,
    load_assessment,
    load_evidence,
    load_overlay,
    load_rubric,
    load_text,
    load_zone_scheme,
    resolve_rubric,
)
from pelayanan._documents import api as api_module
from pelayanan._model import Rubric
from pelayanan._model import units as units_module
from pelayanan._model.limits import LimitError, Limits, use_limits
from pelayanan._model.tailoring import TailoringError
from pelayanan._scoring.engine import score

RUBRIC = "https://schemas.pelayanan.invalid/v1/rubric.json"

SKM_RUBRIC = f"""\
# yaml-language-server: $schema=../src/pelayanan/_documents/schemas/rubric.json
$schema: {RUBRIC}
id: skm-2017
version: "2017"
title: {{id: Survei Kepuasan Masyarakat, en: Community satisfaction survey}}
scoring: {{model: survey_index, options: {{factor: 25}}}}
zone_scheme: skm-2017
weights_sum: {{to: 1, tolerance: "0.01"}}
parameters:
  - id: weight
    title: Bobot unsur
    choices: {{exact: "1/9", "0.11": "0.11", "0.111": "0.111"}}
    default: exact
scales:
  skala-1-4:
    type: ordinal
    from: 1
    to: 4
    labels: [Tidak baik, Kurang baik, Baik, Sangat baik]
children:
  - {{id: persyaratan, title: Persyaratan, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: prosedur, title: Prosedur, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: waktu, title: Waktu penyelesaian, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: biaya, title: Biaya/tarif, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: produk, title: Produk, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: kompetensi, title: Kompetensi, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: perilaku, title: Perilaku, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: pengaduan, title: Pengaduan, scale: skala-1-4, weight: {{param: weight}}}}
  - {{id: sarana, title: Sarana, scale: skala-1-4, weight: {{param: weight}}}}
"""

# Reference 3: D 25.00-64.99, C 65.00-76.60, B 76.61-88.30, A 88.31-100.00.
SKM_ZONES = """\
$schema: https://schemas.pelayanan.invalid/v1/zone-scheme.json
id: skm-2017
version: "2017"
title: Mutu pelayanan SKM
minimum: 25
maximum: 100
zones:
  - {id: tidak-baik, label: Tidak baik}
  - {id: kurang-baik, label: Kurang baik}
  - {id: baik, label: Baik}
  - {id: sangat-baik, label: Sangat baik}
bands:
  - {lower: 25, code: D, zone: tidak-baik}
  - {lower: "65.00", code: C, zone: kurang-baik}
  - {lower: "76.61", code: B, zone: baik}
  - {lower: "88.31", code: A, zone: sangat-baik}
"""

EVIDENCE = """\
$schema: https://schemas.pelayanan.invalid/v1/evidence.json
units:
  - {id: kota, name: Kota Contoh, level: agency}
  - {id: puskesmas, name: Puskesmas Contoh, level: service_unit, parent: kota}
  - {id: rawat-jalan, name: Rawat jalan, parent: puskesmas}
evidence:
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every way of opening a connection fail loudly."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str, start: int = 1) -> int:
    """The 1-based number of the first line at or after ``start`` containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in the text")


def problems_of(load: Any, source: Any, **kwargs: Any) -> tuple[Problem, ...]:
    with pytest.raises(DocumentError) as info:
        load(source, **kwargs)
    return info.value.problems


def where(problem: Problem) -> tuple[str, str, int | None]:
    return problem.source, problem.pointer, problem.line


def skm_evidence(rows: list[list[int]]) -> str:
    """One survey respondent per row, answering the nine elements in order."""
    elements = ["persyaratan", "prosedur", "waktu", "biaya", "produk"]
    elements += ["kompetensi", "perilaku", "pengaduan", "sarana"]
    lines = [
        f"  - {{unit: rawat-jalan, indicator: {element}, value: {answer}, "
        f"kind: survey_response, reference: R{number}, collected_at: 2024-03-0{number}}}"
        for number, row in enumerate(rows, start=1)
        for element, answer in zip(elements, row, strict=True)
    ]
    return EVIDENCE + "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- loading


def test_a_rubric_file_loads(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    assert rubric.ref == "skm-2017@2017"
    assert [i.id for i in rubric.indicators()][:2] == ["persyaratan", "prosedur"]
    assert not rubric.is_resolved  # the weights still name the parameter


@pytest.mark.usefixtures("english")
def test_parameters_given_when_loading_bind_the_weights(tmp_path: Path) -> None:
    path = write(tmp_path, "skm.yaml", SKM_RUBRIC)
    rubric = load_rubric(path, parameters={"weight": "0.11"})
    assert rubric.is_resolved
    assert {str(i.weight) for i in rubric.indicators()} == {"11/100"}
    [problem] = problems_of(load_rubric, path, parameters={"weight": "0.12"})
    assert problem.pointer == "/parameters"
    assert "'0.12' is not one of the choices" in problem.message


def test_sources_may_be_paths_mappings_or_documents(tmp_path: Path) -> None:
    path = write(tmp_path, "skm.yaml", SKM_RUBRIC)
    from_path = load_rubric(path)
    assert load_rubric(str(path)) == from_path
    assert load_rubric(load_text(SKM_RUBRIC)) == from_path
    document = load_text(SKM_RUBRIC)
    assert isinstance(document, Document)
    assert load_rubric(document.data) == from_path


def test_problems_in_a_mapping_are_named_and_have_no_lines() -> None:
    data = load_text(SKM_RUBRIC).data
    data["children"][0]["weight"] = True
    [problem] = problems_of(load_rubric, data)
    assert where(problem) == ("<mapping>", "/children/0/weight", None)
    [problem] = problems_of(load_rubric, data, name="from-the-api")
    assert problem.source == "from-the-api"


@pytest.mark.usefixtures("english")
def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    [problem] = problems_of(load_zone_scheme, load_text("- 1\n- 2\n", name="list.yaml"))
    assert (problem.pointer, problem.message) == ("", "expected a mapping (a zone-scheme document)")


# ----------------------------------------------------------------------------- refusals


def test_nan_is_refused_with_file_pointer_and_line(tmp_path: Path) -> None:
    text = SKM_RUBRIC.replace("weight: {param: weight}", "weight: .nan", 1)
    path = write(tmp_path, "nan.yaml", text)
    [problem] = problems_of(load_rubric, path)
    assert where(problem) == (str(path), "/children/0/weight", line_of(text, ".nan"))
    assert "finite" in problem.message


def test_a_duplicate_key_is_refused_with_file_pointer_and_line(tmp_path: Path) -> None:
    text = SKM_ZONES.replace("maximum: 100\n", "maximum: 100\nminimum: 0\n")
    path = write(tmp_path, "twice.yaml", text)
    [problem] = problems_of(load_zone_scheme, path)
    assert where(problem) == (str(path), "/minimum", line_of(text, "minimum: 0"))
    assert "duplicate key 'minimum'" in problem.message


@pytest.mark.usefixtures("english")
def test_a_band_overlap_is_refused_with_file_pointer_and_line(tmp_path: Path) -> None:
    text = SKM_ZONES.replace('lower: "76.61"', 'lower: "64.00"')
    path = write(tmp_path, "overlap.yaml", text)
    [problem] = problems_of(load_zone_scheme, path)
    assert where(problem) == (str(path), "/bands/2/lower", line_of(text, '"64.00"'))
    assert problem.message.startswith("band 'B' starts at 64, not above band 'C' before it")
    assert "the bands overlap" in problem.message


@pytest.mark.usefixtures("english")
def test_a_hole_is_refused_with_file_pointer_and_line(tmp_path: Path) -> None:
    text = SKM_ZONES.replace("{lower: 25, code: D", "{lower: 30, code: D")
    path = write(tmp_path, "hole.yaml", text)
    [problem] = problems_of(load_zone_scheme, path)
    assert where(problem) == (str(path), "/bands/0/lower", line_of(text, "lower: 30"))
    assert "above the scale minimum 25" in problem.message
    assert "(a hole)" in problem.message


@pytest.mark.usefixtures("english")
def test_weights_that_do_not_add_up_are_refused_with_file_pointer_and_line(
    tmp_path: Path,
) -> None:
    # 8 x 1/9 + 2 = 26/9: far from 1, as weights_sum {to: 1} requires.
    text = SKM_RUBRIC.replace(
        "title: Sarana, scale: skala-1-4, weight: {param: weight}",
        "title: Sarana, scale: skala-1-4, weight: 2",
    )
    path = write(tmp_path, "sum.yaml", text)
    [problem] = problems_of(load_rubric, path)
    assert where(problem) == (str(path), "/children", line_of(text, "children:"))
    assert problem.message == (
        "the weights here (9 of them) add up to 26/9, not 1 (within 0.01) as required by "
        f"weights_sum (/weights_sum, line {line_of(text, 'weights_sum')})"
    )


@pytest.mark.usefixtures("english")
def test_two_separate_mistakes_in_a_rubric_are_both_reported(tmp_path: Path) -> None:
    text = SKM_RUBRIC.replace("missing", "").replace(
        "title: Produk, scale: skala-1-4", "title: Produk, scale: skala-1-5"
    )
    text = text.replace("scoring: {model:", "missing: sometimes\nscoring: {model:")
    path = write(tmp_path, "two.yaml", text)
    problems = problems_of(load_rubric, path)
    assert [where(p) for p in problems] == [
        (str(path), "/missing", line_of(text, "missing: sometimes")),
        (str(path), "/children/4/scale", line_of(text, "skala-1-5")),
    ]
    assert problems[0].message == 'expected one of "error", "zero", "exclude", got "sometimes"'
    assert problems[1].message.startswith("unknown scale 'skala-1-5'; declare it under")
    assert problems[1].message.endswith("; did you mean 'skala-1-4'?")


@pytest.mark.usefixtures("english")
def test_two_separate_mistakes_in_a_zone_table_are_both_reported(tmp_path: Path) -> None:
    text = SKM_ZONES.replace("maximum: 100", "maximum: seratus").replace(
        'lower: "88.31"', 'lower: "76.61"'
    )
    path = write(tmp_path, "zones.yaml", text)
    problems = problems_of(load_zone_scheme, path)
    assert [where(p) for p in problems] == [
        (str(path), "/maximum", line_of(text, "seratus")),
        (str(path), "/bands/3/lower", line_of(text, "code: A")),
    ]
    assert problems[0].message.startswith('expected a number or a decimal string such as "0.11"')
    assert "the bands overlap" in problems[1].message
    rendered = str(DocumentError(problems))
    assert rendered.startswith(f"2 problems in {path}:")
    assert f"{path}:{line_of(text, 'seratus')}:1: /maximum: expected a number" in rendered


@pytest.mark.usefixtures("english")  # the message is translated
def test_a_document_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "zones.yaml", SKM_ZONES)
    [problem] = problems_of(load_rubric, path)
    assert where(problem) == (str(path), "/$schema", 1)
    assert problem.message == "this is a zone-scheme document, not a rubric"


@pytest.mark.usefixtures("english")  # the message is translated
def test_a_schema_pointing_outwards_is_refused_without_fetching_it(
    tmp_path: Path, no_network: None
) -> None:
    text = SKM_ZONES.replace(
        "https://schemas.pelayanan.invalid/v1/zone-scheme.json", "https://example.com/zones.json"
    )
    path = write(tmp_path, "outward.yaml", text)
    [problem] = problems_of(load_zone_scheme, path)
    assert where(problem) == (str(path), "/$schema", 1)
    assert problem.message.startswith("unknown $schema 'https://example.com/zones.json'")
    assert "never fetched" in problem.message


@pytest.mark.usefixtures("english")
def test_a_model_problem_is_placed_at_the_indicator(tmp_path: Path) -> None:
    text = SKM_RUBRIC.replace(
        "{id: sarana, title: Sarana, scale: skala-1-4,", "{id: sarana, title: Sarana,"
    )
    text = text.replace('weights_sum: {to: 1, tolerance: "0.01"}\n', "")
    path = write(tmp_path, "bool.yaml", text)
    [problem] = problems_of(load_rubric, path)
    assert where(problem) == (str(path), "/children/8", line_of(text, "id: sarana"))
    assert "survey_index averages answers on an ordinal or numeric scale" in problem.message


def test_a_model_error_the_checks_cannot_see_is_placed_by_its_pointer() -> None:
    text = "id: r\nversion: '1'\ntitle: R\nchildren:\n  - {id: a, title: {}}\n"
    [problem] = problems_of(load_rubric, load_text(text, name="r.yaml"))
    assert where(problem) == ("r.yaml", "/children/0/title", 5)


# ----------------------------------------------------------------------------- evidence


def test_evidence_loads_with_its_unit_tree(tmp_path: Path) -> None:
    text = skm_evidence([[4, 4, 3, 4, 4, 3, 4, 4, 3], [3, 3, 3, 4, 4, 4, 4, 3, 3]])
    loaded = load_evidence(write(tmp_path, "survey.yaml", text))
    assert isinstance(loaded, EvidenceSet)
    assert len(loaded.evidence) == 18
    assert loaded.units is not None
    assert [u.id for u in loaded.units.leaves()] == ["rawat-jalan"]
    assert loaded.evidence[9].provenance.reference == "R2"
    without = load_evidence({"evidence": [{"unit": "u", "indicator": "x", "value": True}]})
    assert without.units is None


def test_evidence_builds_its_unit_tree_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The check and the loader share one tree: the model's unit-tree rules run once.
    built = []
    findings = units_module.unit_findings

    def counted(units: Any) -> Any:
        built.append(len(units))
        return findings(units)

    monkeypatch.setattr(units_module, "unit_findings", counted)
    text = skm_evidence([[4, 4, 3, 4, 4, 3, 4, 4, 3]])
    loaded = load_evidence(write(tmp_path, "survey.yaml", text))
    assert loaded.units is not None
    assert built == [len(loaded.units)]


@pytest.mark.usefixtures("english")
def test_evidence_values_are_checked_against_the_rubric(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    text = skm_evidence([[4, 4, 3, 4, 5, 3, 4, 4, 3]])
    path = write(tmp_path, "survey.yaml", text)
    [problem] = problems_of(load_evidence, path, rubric=rubric)
    assert where(problem) == (str(path), "/evidence/4/value", line_of(text, "value: 5"))
    assert problem.message == "indicator 'produk': expected one of the levels 1, 2, 3, 4, got 5"


def test_every_bad_item_is_reported() -> None:
    text = skm_evidence([[4, 4, 3, 4, 4, 3, 4, 4, 3]]).replace("2024-03-01", "2024-13-01")
    problems = problems_of(load_evidence, load_text(text, name="survey.yaml"))
    # each at the bad date itself (the reader places a field's error at its key)
    assert [p.pointer for p in problems] == [f"/evidence/{i}/collected_at" for i in range(9)]
    assert all("collected_at" in p.message for p in problems)


# ----------------------------------------------------------------------------- overlays


OVERLAY = """\
$schema: https://schemas.pelayanan.invalid/v1/overlay.json
id: skm-puskesmas
version: "1"
base: skm-2017@2017
substitute:
  produk: {id: obat, title: Ketersediaan obat}
rename: {obat: Ketersediaan obat dan alat kesehatan}
parameters: {weight: "0.11"}
notes: [Unsur produk diganti untuk puskesmas]
"""


@pytest.mark.usefixtures("english")
def test_an_overlay_loads_and_resolves(tmp_path: Path) -> None:
    base = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    path = write(tmp_path, "puskesmas.yaml", OVERLAY)
    overlay = load_overlay(path, base=base)
    tailored = resolve_rubric(base, [overlay])
    assert tailored.ref == "skm-puskesmas@1"
    assert "obat" in {i.id for i in tailored.indicators()}
    assert dict(tailored.parameter_values) == {"weight": "0.11"}
    assert tailored.metadata.base == "skm-2017@2017"
    assert resolve_rubric(base, [path]) == tailored
    bound = resolve_rubric(base, [path], {"weight": "exact"})
    assert bound.is_resolved
    with pytest.raises(ValueError, match="'weight': 'x' is not one of"):
        resolve_rubric(base, [path], {"weight": "x"})


@pytest.mark.usefixtures("english")
def test_overlay_mistakes_are_reported_with_lines(tmp_path: Path) -> None:
    base = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    text = OVERLAY.replace("produk: {", "produkk: {").replace('"0.11"}', '"0.1"}')
    path = write(tmp_path, "puskesmas.yaml", text)
    problems = problems_of(lambda overlays: resolve_rubric(base, overlays), [path])
    assert [where(p) for p in problems] == [
        (str(path), "/substitute/produkk", line_of(text, "produkk")),
        (str(path), "/parameters/weight", line_of(text, "parameters")),
    ]
    assert (
        problems[0].message
        == "skm-2017@2017 has no group or indicator 'produkk'; did you mean 'produk'?"
    )
    assert load_overlay(path).substitute[0][0] == "produkk"  # without a base: not checked


@pytest.mark.usefixtures("english")
def test_an_overlay_that_cannot_apply_is_reported_when_loaded_with_its_base(
    tmp_path: Path,
) -> None:
    base = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    text = OVERLAY + "select: [waktu]\ndrop: [waktu]\n"
    [problem] = problems_of(load_overlay, load_text(text, name="o.yaml"), base=base)
    assert (problem.pointer, problem.message) == ("", "the overlay removes every indicator")
    overlay = load_overlay(load_text(text))
    with pytest.raises(TailoringError):
        resolve_rubric(base, [overlay])


# ----------------------------------------------------------------------------- dumping


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_a_rubric_round_trips_through_dump(tmp_path: Path, format: Any) -> None:
    rubric = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    text = dump(rubric, format)
    back = load_rubric(write(tmp_path, f"back.{format}", text))
    assert back == rubric
    assert isinstance(back, Rubric)
    assert dump(back, format) == text


def test_dump_writes_the_schema_key_first() -> None:
    rubric = load_rubric(load_text(SKM_RUBRIC))
    assert dump(rubric).startswith(f"$schema: {RUBRIC}\nid: skm-2017\n")
    data = json.loads(dump(rubric, "json"))
    assert next(iter(data)) == "$schema"
    assert data["children"][0]["weight"] == {"param": "weight"}
    assert data["parameters"][0]["choices"]["exact"] == "1/9"
    assert "weights_sum" not in data  # a load-time check, not part of the rubric


def test_every_kind_round_trips(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, "skm.yaml", SKM_RUBRIC))
    scheme = load_zone_scheme(write(tmp_path, "zones.yaml", SKM_ZONES))
    survey = load_evidence(
        write(tmp_path, "survey.yaml", skm_evidence([[4, 4, 3, 4, 4, 3, 4, 4, 3]])), rubric=rubric
    )
    overlay = load_overlay(write(tmp_path, "o.yaml", OVERLAY), base=rubric)
    assessment = score(
        rubric, survey.evidence, survey.units, zone_scheme=scheme, assessed_on="2024-03-31"
    )
    loaders: list[tuple[Any, Any]] = [
        (scheme, load_zone_scheme),
        (survey, load_evidence),
        (overlay, load_overlay),
        (assessment, load_assessment),
    ]
    for obj, load in loaders:
        for format in ("yaml", "json"):
            assert load(load_text(dump(obj, format))) == obj


def test_dump_refuses_unknown_formats_and_objects() -> None:
    rubric = load_rubric(load_text(SKM_RUBRIC))
    with pytest.raises(ValueError, match="format must be 'yaml' or 'json'"):
        dump(rubric, "toml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot dump dict"):
        dump({"id": "x"})  # type: ignore[arg-type]


def test_dump_refuses_nesting_the_loader_would_refuse_to_read_back() -> None:
    rubric = load_rubric(load_text(SKM_RUBRIC))
    # the deepest nesting in the SKM rubric's document: the mapping (1) > children (2) > an
    # element (3) > its scale (4) > levels (5) > a level (6) > its label text (7)
    depth = 7
    with use_limits(Limits(max_depth=depth)):
        assert load_rubric(load_text(dump(rubric))) == rubric
    with use_limits(Limits(max_depth=depth - 1)), pytest.raises(LimitError, match="6 levels"):
        dump(rubric)


def test_the_api_module_lists_its_public_names() -> None:
    assert set(api_module.__all__) >= {
        "EvidenceSet",
        "dump",
        "load_assessment",
        "load_evidence",
        "load_overlay",
        "load_rubric",
        "load_zone_scheme",
        "resolve_rubric",
    }
    assert textwrap.dedent(api_module.__doc__ or "").startswith("Load and write")


@pytest.mark.usefixtures("english")  # the message is translated
def test_an_overlay_given_as_a_rubric_is_named_as_such(tmp_path: Path) -> None:
    [problem] = problems_of(load_rubric, write(tmp_path, "o.yaml", OVERLAY))
    assert problem.message == "this is an overlay document, not a rubric"

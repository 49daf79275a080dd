"""Every built-in file loads, is complete, cites its sources and encodes the reference."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pytest

from pelayanan._documents import DocumentError
from pelayanan._documents.builtin import _source_root, root, rubric_paths, zone_scheme_paths
from pelayanan._model import ZoneScheme
from pelayanan._model.convert import from_data
from pelayanan._model.metadata import Verification
from pelayanan._model.rubric import Group, Indicator, Rubric
from pelayanan._model.scales import NumericScale, OrdinalScale

from ._files import read_data, rubric, zone_scheme

RUBRICS = {
    "ikm-2004": "2004",
    "ombudsman-2015-pemda": "2015",
    "ombudsman-2022": "2022",
    "pekppp-2022": "2022",
    "skm-2017": "2017",
    "standar-pelayanan-2009": "2009",
}
ZONE_SCHEMES = {
    "ikm-2004": "2004",
    "ombudsman-2015-kementerian": "2015",
    "ombudsman-2015-pemda": "2015",
    "ombudsman-2015-regulation": "2015",
    "ombudsman-2016": "2016",
    "ombudsman-2021": "2021",
    "ombudsman-2022": "2022",
    "pekppp-2022": "2022",
    "skm-2017": "2017",
}
SCHEMA_IDS = {
    "rubric": "https://schemas.pelayanan.invalid/v1/rubric.json",
    "zone-scheme": "https://schemas.pelayanan.invalid/v1/zone-scheme.json",
}
ALL_FILES = [("rubric", p) for p in rubric_paths()] + [
    ("zone-scheme", p) for p in zone_scheme_paths()
]


def _ids(paths: list[Traversable]) -> dict[str, str]:
    return {p.name: p.name.removesuffix(".yaml") for p in paths}


def test_the_expected_files_are_there() -> None:
    assert sorted(_ids(rubric_paths()).values()) == sorted(RUBRICS)
    assert sorted(_ids(zone_scheme_paths()).values()) == sorted(ZONE_SCHEMES)


@pytest.mark.parametrize("path", rubric_paths(), ids=lambda p: p.name)
def test_rubric_file_builds_a_rubric_named_like_the_file(path: Traversable) -> None:
    model = from_data(Rubric, read_data(path))
    assert model.id == path.name.removesuffix(".yaml")
    assert model.version == RUBRICS[model.id]
    if model.zone_scheme is not None:
        assert model.zone_scheme in ZONE_SCHEMES


@pytest.mark.parametrize("path", zone_scheme_paths(), ids=lambda p: p.name)
def test_zone_scheme_file_builds_a_scheme_named_like_the_file(path: Traversable) -> None:
    scheme = from_data(ZoneScheme, read_data(path))
    assert scheme.id == path.name.removesuffix(".yaml")
    assert scheme.version == ZONE_SCHEMES[scheme.id]


@pytest.mark.parametrize(("kind", "path"), ALL_FILES, ids=lambda v: getattr(v, "name", v))
def test_file_names_its_schema_and_cites_sources(kind: str, path: Traversable) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    relative = f"../../src/pelayanan/_documents/schemas/{kind}.json"
    assert lines[0] == f"# yaml-language-server: $schema={relative}"
    if isinstance(path, Path) and root() == _source_root():
        assert (path.parent / relative).resolve().is_file(), "the modeline points at the schema"
    data = read_data(path)
    assert f"$schema: {SCHEMA_IDS[kind]}" in lines
    metadata = data["metadata"]
    assert metadata["sources"], "every file cites its sources"
    assert all(source.get("citation") for source in metadata["sources"])
    assert metadata["verification"], "every file says how sure we are"
    assert metadata["notes"], "every file explains itself"


def _numbers(data: Any, pointer: str = "") -> list[tuple[str, object]]:
    """Every non-integer number in ``data`` that is not written as a string."""
    found: list[tuple[str, object]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _numbers(value, f"{pointer}/{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _numbers(value, f"{pointer}/{index}")
    elif isinstance(data, Decimal | float):
        found.append((pointer, data))
    return found


@pytest.mark.parametrize(("kind", "path"), ALL_FILES, ids=lambda v: getattr(v, "name", v))
def test_fractional_numbers_are_quoted(kind: str, path: Traversable) -> None:
    assert _numbers(read_data(path)) == []


def _schema_api() -> Any:
    return pytest.importorskip(
        "pelayanan._documents.api",
        reason="pelayanan._documents.api (schema-checked loading) is not written yet",
    )


@pytest.mark.parametrize("path", rubric_paths(), ids=lambda p: p.name)
def test_rubric_file_passes_the_schema_layer(path: Traversable) -> None:
    api = _schema_api()
    loaded = api.load_rubric(Path(str(path)))
    assert loaded == rubric(path.name.removesuffix(".yaml"))


@pytest.mark.parametrize("path", zone_scheme_paths(), ids=lambda p: p.name)
def test_zone_scheme_file_passes_the_schema_layer(path: Traversable) -> None:
    api = _schema_api()
    loaded = api.load_zone_scheme(Path(str(path)))
    assert loaded == zone_scheme(path.name.removesuffix(".yaml"))


# ------------------------------------------------------------------ content against the reference


def _children(model: Rubric, group_id: str) -> list[str]:
    group = model.find(group_id)
    assert isinstance(group, Group)
    return [child.id for child in group.children]


def test_pemda_2015_has_the_15_known_items_worth_91_points() -> None:
    model = rubric("ombudsman-2015-pemda")
    points = {ind.id: ind.points for ind in model.indicators()}
    # Reference section 2.2, row by row.
    assert points == {
        "persyaratan": 6,
        "prosedur": 6,
        "produk": 6,
        "waktu": 12,
        "biaya": 12,
        "maklumat": 12,
        "informasi_pelayanan": 12,
        "ruang_tunggu": 3,
        "toilet": 2,
        "loket": 3,
        "sarana_khusus": 2,
        "layanan_khusus": 2,
        "sarana_pengaduan": 5,
        "prosedur_pengaduan": 3,
        "petugas_pengaduan": 5,
    }
    assert sum(p for p in points.values() if p is not None) == 91  # of 110
    assert model.scoring.model == "points"
    assert model.metadata.status_of("*") is Verification.PARTIAL
    assert any("19" in note for note in model.metadata.notes)


def test_ombudsman_2022_dimensions_weights_and_marked_items() -> None:
    model = rubric("ombudsman-2022")
    weights = {node.id: node.weight for node in model.children}
    assert weights == {
        "input": Fraction("21.85"),
        "proses": Fraction("32.37"),
        "output": Fraction("24.24"),
        "pengaduan": Fraction("21.54"),
    }
    assert len(_children(model, "input")) == 14  # 5 competence + 1 deck-dependent + 8 facilities
    assert len(_children(model, "proses")) == 11
    assert len(_children(model, "output")) == 5  # 3 known + 2 unverified
    assert _children(model, "pengaduan") == ["pengaduan_nilai"]
    for indicator in model.indicators():
        if indicator.id == "pengaduan_nilai":
            assert indicator.scale == NumericScale(0, 100)
        else:
            assert indicator.scale == OrdinalScale.from_range(0, 3)
            assert indicator.weight == 1  # equal weights inside a dimension (assumption)
    status = model.metadata.status_of
    assert status("output_tidak_kompeten") is Verification.UNVERIFIED
    assert status("output_tidak_patut") is Verification.UNVERIFIED
    assert status("kompetensi_rekomendasi") is Verification.UNVERIFIED
    assert status("pengaduan") is Verification.PARTIAL
    assert status("input") is Verification.ASSUMPTION
    deck_item = model.find("kompetensi_rekomendasi")
    assert isinstance(deck_item, Indicator)
    assert deck_item.allow_not_applicable


def test_skm_2017_elements_and_weight_variants() -> None:
    model = rubric("skm-2017")
    assert [ind.id for ind in model.indicators()] == [
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "kompetensi",
        "perilaku",
        "pengaduan",
        "sarana",
    ]
    parameter = model.parameter("weight")
    assert dict(parameter.choices) == {
        "exact": Fraction(1, 9),
        "0.11": Fraction("0.11"),
        "0.111": Fraction("0.111"),
    }
    assert parameter.default == "exact"
    assert model.scoring.number("factor", 0) == 25
    scales = [ind.scale for ind in model.indicators()]
    assert all(isinstance(scale, OrdinalScale) for scale in scales)
    assert all(scale.minimum == 1 and scale.maximum == 4 for scale in scales)
    # the questionnaire's wording (reference section 3.0) and U1..U9 in its order
    by_id = {ind.id: ind for ind in model.indicators()}
    biaya = by_id["biaya"].scale
    assert isinstance(biaya, OrdinalScale)
    assert [level.label.get("id") for level in biaya.levels] == [
        "Sangat mahal",
        "Cukup mahal",
        "Murah",
        "Gratis",
    ]
    assert [ind.aliases[0] for ind in model.indicators()] == [f"U{i}" for i in range(1, 10)]
    assert by_id["pengaduan"].aliases[0] == "U8"
    assert by_id["sarana"].aliases[0] == "U9"


def test_ikm_2004_elements_and_weight_variants() -> None:
    model = rubric("ikm-2004")
    assert len(model.indicators()) == 14
    parameter = model.parameter("weight")
    assert dict(parameter.choices) == {"exact": Fraction(1, 14), "0.071": Fraction("0.071")}
    assert parameter.default == "exact"
    assert model.scoring.number("factor", 0) == 25


def test_pekppp_2022_aspect_and_kebijakan_weights() -> None:
    model = rubric("pekppp-2022")
    assert {node.id: node.weight for node in model.children} == {
        "kebijakan": 24,
        "sdm": 25,
        "sarana": 18,
        "sipp": 11,
        "konsultasi_pengaduan": 10,
        "inovasi": 12,
    }
    kebijakan = model.find("kebijakan")
    assert isinstance(kebijakan, Group)
    assert [child.weight for child in kebijakan.children] == [17, 14, 7, 14, 10, 17, 7, 7, 7]
    assert model.scoring.number("maximum", 0) == 5
    for aspect in ("sdm", "sarana", "sipp", "konsultasi_pengaduan", "inovasi"):
        assert _children(model, aspect) == [f"{aspect}_nilai"]
        assert model.metadata.status_of(aspect) is Verification.PARTIAL


def test_standar_pelayanan_has_6_delivery_and_8_management_components() -> None:
    model = rubric("standar-pelayanan-2009")
    assert _children(model, "penyampaian_pelayanan") == [
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "pengaduan",
    ]
    assert _children(model, "pengelolaan_pelayanan") == [
        "dasar_hukum",
        "sarana",
        "kompetensi",
        "pengawasan",
        "jumlah_pelaksana",
        "jaminan_pelayanan",
        "jaminan_keamanan",
        "evaluasi_kinerja",
    ]
    assert model.zone_scheme is None
    assert model.scoring.model == "flat_unweighted"


def test_docs_page_lists_every_built_in() -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "builtins.md"
    if not page.is_file():
        pytest.skip("docs/builtins.md is not next to these tests")
    text = page.read_text(encoding="utf-8")
    for name in [*RUBRICS, *ZONE_SCHEMES]:
        assert f"`{name}`" in text
    for scheme_id in ZONE_SCHEMES:
        assert f"### `{scheme_id}`" in text


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("ombudsman-2022.yaml", 'weight: "21.85"', 'weight: "21.84"'),
        ("pekppp-2022.yaml", 'weight: "17"', 'weight: "16"'),
    ],
)
def test_declared_weight_totals_guard_the_files(
    name: str, old: str, new: str, tmp_path: Path
) -> None:
    api = _schema_api()
    (source,) = [p for p in rubric_paths() if p.name == name]
    broken = tmp_path / name
    broken.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DocumentError, match="add up to") as info:
        api.load_rubric(broken)
    assert "not 100" in str(info.value)

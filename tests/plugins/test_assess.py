"""assess(): rubric and zone scheme by id from the registry, scored by the engine."""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from pelayanan import assess
from pelayanan._model.evidence import Evidence
from pelayanan.plugins import Plugin, Registry

EXAMPLE_SRC = Path(__file__).resolve().parents[2] / "examples" / "plugin-kota-contoh" / "src"
ELEMENTS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana_digital",
)


@pytest.fixture
def kota(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """A registry of the built-ins plus the example plugin, imported from its source."""
    monkeypatch.syspath_prepend(str(EXAMPLE_SRC))
    plugin: ModuleType = importlib.import_module("pelayanan_kota_contoh.plugin")
    return Registry(
        plugins=[Plugin(plugin, "kota-contoh", "pelayanan-kota-contoh", "0.1.0")], environ={}
    )


def answers(unit: str, *per_respondent: int) -> list[Evidence]:
    """Each respondent gives the same answer to all nine elements."""
    return [Evidence(unit, element, value) for value in per_respondent for element in ELEMENTS]


def test_assess_by_id_uses_the_declared_zone_scheme(kota: Registry) -> None:
    # Two respondents answer 4 and 3 everywhere: NRR 3.5 per element,
    # IKM = 9 x 3.5 x 1/9 = 3.5, converted 3.5 x 25 = 87.50 -> band B (76.61-88.30), hijau.
    result = assess("skm-kota-contoh", answers("kelurahan-a", 4, 3), registry=kota)
    [card] = result.cards
    assert card.published == Decimal("87.50")
    assert (card.band.code if card.band else None, card.zone.id if card.zone else None) == (
        "B",
        "hijau",
    )
    assert result.provenance.zone_scheme_id == "zona-skm-kota-contoh"


def test_assess_with_the_011_weight_variant(kota: Registry) -> None:
    # 9 x 0.11 x 3.5 = 3.465; x 25 = 86.625 -> published 86.63 (half-up), still B.
    result = assess(
        "skm-kota-contoh@2024",
        answers("kelurahan-a", 4, 3),
        parameters={"weight": "0.11"},
        registry=kota,
    )
    assert result.cards[0].published == Decimal("86.63")


def test_the_lowest_answer_with_011_weights_is_clamped_into_d(kota: Registry) -> None:
    # 9 x 0.11 x 1 x 25 = 24.75, below the 25-100 scale; the city's scheme clamps: D, merah.
    result = assess(
        "skm-kota-contoh", answers("desa-b", 1), parameters={"weight": "0.11"}, registry=kota
    )
    [card] = result.cards
    assert card.published == Decimal("24.75")
    assert card.band is not None
    assert card.band.code == "D"
    assert card.zone is not None
    assert card.zone.id == "merah"


def test_an_explicit_zone_scheme_overrides_the_declared_one(kota: Registry) -> None:
    # Same answers under the national SKM table: 87.50 is B there as well (76.61-88.30).
    result = assess("skm-kota-contoh", answers("u", 4, 3), zone_scheme="skm-2017", registry=kota)
    assert result.provenance.zone_scheme_id == "skm-2017"


def test_the_tailored_rubric_records_its_base(kota: Registry) -> None:
    rubric = kota.get_rubric("skm-kota-contoh")
    assert rubric.metadata.base == "skm-2017@2017"
    base = kota.get_rubric(rubric.metadata.base)
    base_ids = [i.id for i in base.indicators()]
    own_ids = [i.id for i in rubric.indicators()]
    assert set(base_ids) - set(own_ids) == {"sarana"}
    assert set(own_ids) - set(base_ids) == {"sarana_digital"}

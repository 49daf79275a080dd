"""SKM (PermenPANRB 14/2017) and IKM (KepmenPAN 25/2004) scored through the built-in files.

Every expected number is computed by hand in the comments: NRR = mean answer per element,
index = 25 x sum(w x NRR), published half-up to two decimals, then placed in the band table.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model.evidence import Evidence

from ._files import answers, card

SKM_ELEMENTS = [
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
# Three respondents (R1, R2, R3) answering the nine elements on 1-4.
SKM_SURVEY = {
    "persyaratan": [4, 4, 3],  # NRR 11/3
    "prosedur": [3, 4, 3],  # NRR 10/3
    "waktu": [3, 3, 3],  # NRR 3
    "biaya": [4, 4, 4],  # NRR 4
    "produk": [4, 3, 4],  # NRR 11/3
    "kompetensi": [4, 4, 3],  # NRR 11/3
    "perilaku": [4, 4, 4],  # NRR 4
    "pengaduan": [3, 3, 3],  # NRR 3
    "sarana": [4, 3, 4],  # NRR 11/3
}
# Sum of the NRRs: (11 + 10 + 9 + 12 + 11 + 11 + 12 + 9 + 11) / 3 = 96 / 3 = 32.


@pytest.mark.parametrize(
    ("variant", "exact", "published", "band"),
    [
        # 25 x 32 / 9 = 800 / 9 = 88.888... -> 88.89, A (88.31 and above).
        ("exact", Fraction(800, 9), "88.89", "A"),
        # 25 x 0.11 x 32 = 88.00 -> B (76.61-88.30): the 0.11 variant drops a category.
        ("0.11", Fraction("88"), "88.00", "B"),
        # 25 x 0.111 x 32 = 88.80 -> A.
        ("0.111", Fraction("88.8"), "88.80", "A"),
    ],
)
def test_skm_three_respondents_under_each_weight_variant(
    variant: str, exact: Fraction, published: str, band: str
) -> None:
    result = card("skm-2017", answers("puskesmas", SKM_SURVEY), {"weight": variant})
    assert result.score == exact
    assert result.published == Decimal(published)
    assert result.band is not None
    assert result.band.code == band


def test_skm_default_variant_is_exact() -> None:
    result = card("skm-2017", answers("puskesmas", SKM_SURVEY))
    assert result.published == Decimal("88.89")


@pytest.mark.parametrize(
    ("variant", "published", "band"),
    [
        ("exact", "100.00", "A"),  # 25 x 9 x 1/9 x 4 = 100
        ("0.11", "99.00", "A"),  # 25 x 9 x 0.11 x 4 = 99
        ("0.111", "99.90", "A"),  # 25 x 9 x 0.111 x 4 = 99.9
    ],
)
def test_skm_perfect_unit(variant: str, published: str, band: str) -> None:
    perfect = answers("u", {element: [4] for element in SKM_ELEMENTS})
    result = card("skm-2017", perfect, {"weight": variant})
    assert result.published == Decimal(published)
    assert result.band is not None
    assert result.band.code == band


@pytest.mark.parametrize(
    ("variant", "published"),
    [
        ("exact", "25.00"),  # 25 x 9 x 1/9 x 1
        ("0.11", "24.75"),  # 25 x 9 x 0.11 x 1: below the table, clamped into D
        ("0.111", "24.98"),  # 25 x 9 x 0.111 x 1 = 24.975 -> 24.98, clamped into D
    ],
)
def test_skm_worst_unit_is_band_d_under_every_variant(variant: str, published: str) -> None:
    worst = answers("u", {element: [1] for element in SKM_ELEMENTS})
    result = card("skm-2017", worst, {"weight": variant})
    assert result.published == Decimal(published)
    assert result.band is not None
    assert result.band.code == "D"
    assert result.zone is not None
    assert result.zone.id == "tidak_baik"


def test_skm_nrr_counts_only_respondents_who_answered() -> None:
    # R3 skipped "waktu": its NRR is (2 + 4) / 2 = 3, the same as three answers of 3, so the
    # index equals the survey above with waktu [3, 3, 3]: 800 / 9 under exact weights.
    survey = {**SKM_SURVEY, "waktu": [2, 4]}
    result = card("skm-2017", answers("u", survey))
    assert result.score == Fraction(800, 9)


IKM_ELEMENTS = [
    "prosedur",
    "persyaratan",
    "kejelasan_petugas",
    "kedisiplinan_petugas",
    "tanggung_jawab_petugas",
    "kemampuan_petugas",
    "kecepatan_pelayanan",
    "keadilan",
    "kesopanan_keramahan",
    "kewajaran_biaya",
    "kepastian_biaya",
    "kepastian_jadwal",
    "kenyamanan_lingkungan",
    "keamanan_pelayanan",
]


def _ikm_survey() -> list[Evidence]:
    # Three respondents. The first eleven elements get 3, 3, 4 (NRR 10/3), the last three
    # 3, 3, 3 (NRR 3). Sum of NRRs: 11 x 10/3 + 3 x 3 = 110/3 + 27/3 = 137/3.
    table = {
        element: ([3, 3, 4] if index < 11 else [3, 3, 3])
        for index, element in enumerate(IKM_ELEMENTS)
    }
    return answers("kantor", table)


@pytest.mark.parametrize(
    ("variant", "exact", "published", "band"),
    [
        # 25 x 137/3 / 14 = 3425 / 42 = 81.5476... -> 81.55, A (81.26 and above).
        ("exact", Fraction(3425, 42), "81.55", "A"),
        # 25 x 0.071 x 137/3 = 1.775 x 137 / 3 = 243.175 / 3 = 81.0583... -> 81.06, B.
        ("0.071", Fraction("243.175") / 3, "81.06", "B"),
    ],
)
def test_ikm_2004_under_each_weight_variant(
    variant: str, exact: Fraction, published: str, band: str
) -> None:
    result = card("ikm-2004", _ikm_survey(), {"weight": variant})
    assert result.score == exact
    assert result.published == Decimal(published)
    assert result.band is not None
    assert result.band.code == band


@pytest.mark.parametrize(
    ("variant", "published"),
    [
        ("exact", "100.00"),  # 25 x 14 x 1/14 x 4
        ("0.071", "99.40"),  # 25 x 14 x 0.071 x 4 = 25 x 3.976
    ],
)
def test_ikm_2004_perfect_unit(variant: str, published: str) -> None:
    perfect = answers("u", {element: [4] for element in IKM_ELEMENTS})
    assert card("ikm-2004", perfect, {"weight": variant}).published == Decimal(published)


def test_ikm_2004_worst_unit_under_0071_is_clamped_into_d() -> None:
    # 25 x 14 x 0.071 x 1 = 24.85, below the table's 25.00.
    worst = answers("u", {element: [1] for element in IKM_ELEMENTS})
    result = card("ikm-2004", worst, {"weight": "0.071"})
    assert result.published == Decimal("24.85")
    assert result.band is not None
    assert result.band.code == "D"

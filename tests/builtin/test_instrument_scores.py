"""Ombudsman 2022 and 2015, PEKPPP and the service-standard checklist, scored through the
built-in files. Expected numbers are computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pelayanan._model.evidence import Evidence
from pelayanan._model.units import Unit, UnitLevel
from pelayanan._scoring import score

from ._files import answers, card, rubric, zone_scheme

# ------------------------------------------------------------------ Ombudsman 2022

# Reference 2.3 worked check: dimension scores 80, 90, 85, 70. Under the encoded assumption a
# dimension score is mean(indicator level) / 3 x 100, so the evidence below is chosen to give
# means of 2.4, 2.7 and 2.55 (several items for one indicator are averaged).
OMBUDSMAN_2022 = {
    # input: 13 applicable indicators (the deck-dependent one is marked not applicable).
    # 3 + 3 + 2 + 2 + 11/5 + (3 + 3 + 3 + 2 + 2 + 2 + 2 + 2) = 12.2 + 19 = 31.2;
    # 31.2 / 13 = 2.4; 2.4 / 3 x 100 = 80.
    "kompetensi_standar": [3],
    "kompetensi_tugas": [3],
    "kompetensi_ombudsman": [2],
    "kompetensi_maladministrasi": [2],
    "kompetensi_kelompok_rentan": [3, 2, 2, 2, 2],  # 11/5 = 2.2
    "sarana_pengawasan_internal": [3],
    "sarana_jumlah_pelaksana": [3],
    "sarana_jaminan_mutu": [3],
    "sarana_jaminan_keamanan": [2],
    "sarana_evaluasi_kinerja": [2],
    "sarana_dasar_hukum": [2],
    "sarana_pengguna": [2],
    "sarana_perlakuan_khusus": [2],
    # proses: 11 indicators. 9 x 3 + 3/2 + 6/5 = 27 + 2.7 = 29.7; 29.7 / 11 = 2.7 -> 90.
    "persyaratan": [3],
    "prosedur": [3],
    "waktu": [3],
    "biaya": [3],
    "produk": [3],
    "pelayanan_khusus": [3],
    "visi_misi": [3],
    "moto": [3],
    "atribut_petugas": [3],
    "maklumat": [2, 1],  # 3/2
    "pelayanan_terpadu": [2, 1, 1, 1, 1],  # 6/5
    # output: 5 indicators, four users each. 3 + 3 + 3 + 9/4 + 6/4 = 12.75;
    # 12.75 / 5 = 2.55 -> 85.
    "output_penundaan_berlarut": [3, 3, 3, 3],
    "output_permintaan_imbalan": [3, 3, 3, 3],
    "output_penyimpangan_prosedur": [3, 3, 3, 3],
    "output_tidak_kompeten": [3, 2, 2, 2],  # 9/4
    "output_tidak_patut": [3, 1, 1, 1],  # 6/4
    # pengaduan: the placeholder takes the dimension score itself.
    "pengaduan_nilai": [70],
}


def test_ombudsman_2022_worked_example() -> None:
    evidence = [
        *answers("dinas", OMBUDSMAN_2022),
        Evidence.not_applicable_for("dinas", "kompetensi_rekomendasi"),
    ]
    result = card("ombudsman-2022", evidence)
    # 0.2185 x 80 + 0.3237 x 90 + 0.2424 x 85 + 0.2154 x 70
    # = 17.48 + 29.133 + 20.604 + 15.078 = 82.295 -> 82.30, category B, zone hijau.
    assert result.score == Fraction("82.295")
    assert result.published == Decimal("82.30")
    assert result.band is not None
    assert result.zone is not None
    assert (result.band.code, result.zone.id) == ("B", "hijau")
    dimensions = {node.id: node.ratio for node in result.breakdown}
    assert dimensions == {
        "input": Fraction("0.80"),
        "proses": Fraction("0.90"),
        "output": Fraction("0.85"),
        "pengaduan": Fraction("0.70"),
    }
    assert result.coverage == 1


def test_ombudsman_2022_perfect_unit_scores_100_category_a() -> None:
    model = rubric("ombudsman-2022")
    table: dict[str, list[object]] = {ind.id: [3] for ind in model.indicators()}
    table["pengaduan_nilai"] = [100]
    result = card("ombudsman-2022", answers("u", table))
    assert result.published == Decimal("100.00")
    assert result.band is not None
    assert result.band.code == "A"


# ------------------------------------------------------------------ Ombudsman 2015 (pemda)

ALL_2015_ITEMS = [
    "persyaratan",
    "prosedur",
    "produk",
    "waktu",
    "biaya",
    "maklumat",
    "informasi_pelayanan",
    "ruang_tunggu",
    "toilet",
    "loket",
    "sarana_khusus",
    "layanan_khusus",
    "sarana_pengaduan",
    "prosedur_pengaduan",
    "petugas_pengaduan",
]


def test_ombudsman_2015_pemda_products_and_agency() -> None:
    met_by_ktp = {
        # standar pelayanan 6 + 6 + 6 + 12 + 12 = 42, maklumat 12, waiting room 3, toilet 2,
        # complaint channel 5: 42 + 12 + 3 + 2 + 5 = 64 -> kuning (56-88).
        "persyaratan",
        "prosedur",
        "produk",
        "waktu",
        "biaya",
        "maklumat",
        "ruang_tunggu",
        "toilet",
        "sarana_pengaduan",
    }
    evidence = [
        *(Evidence("ktp", item, item in met_by_ktp) for item in ALL_2015_ITEMS),
        # Every known item met: 91, the rubric's maximum -> hijau (89-110).
        *(Evidence("imb", item, "ya") for item in ALL_2015_ITEMS),
    ]
    units = [
        Unit("kota", "Pemerintah Kota", UnitLevel.AGENCY),
        Unit("ktp", "KTP-el", UnitLevel.SERVICE_PRODUCT, parent="kota"),
        Unit("imb", "IMB", UnitLevel.SERVICE_PRODUCT, parent="kota"),
    ]
    model = rubric("ombudsman-2015-pemda")
    result = score(model, evidence, units, zone_scheme=zone_scheme("ombudsman-2015-pemda"))
    (agency,) = result.cards
    products = {child.unit_id: child for child in agency.children}
    assert products["ktp"].published == Decimal("64.00")
    assert products["ktp"].zone is not None
    assert products["ktp"].zone.id == "kuning"
    assert products["imb"].published == Decimal("91.00")
    assert products["imb"].zone is not None
    assert products["imb"].zone.id == "hijau"
    # Plain mean over the products: (64 + 91) / 2 = 77.5 -> kuning.
    assert agency.published == Decimal("77.50")
    assert agency.zone is not None
    assert agency.zone.id == "kuning"


# ------------------------------------------------------------------ PEKPPP 2022

PEKPPP: dict[str, list[object]] = {
    "standar_pelayanan": [5],  # x 17 = 85
    "keterlibatan_masyarakat": [4],  # x 14 = 56
    "media_standar": [3],  # x 7 = 21
    "reviu_standar": [4],  # x 14 = 56
    "maklumat": [5],  # x 10 = 50
    "skm": [5],  # x 17 = 85
    "media_skm": [3],  # x 7 = 21
    "tindak_lanjut_skm": [2],  # x 7 = 14
    "kecepatan_tindak_lanjut_skm": [2],  # x 7 = 14
    # kebijakan = (85 + 56 + 21 + 56 + 50 + 85 + 21 + 14 + 14) / 100 = 402 / 100 = 4.02
    "sdm_nilai": ["4.00"],
    "sarana_nilai": ["3.50"],
    "sipp_nilai": ["3.00"],
    "konsultasi_pengaduan_nilai": ["4.50"],
    "inovasi_nilai": ["2.00"],
}


def test_pekppp_2022_index() -> None:
    result = card("pekppp-2022", answers("dinas", PEKPPP))
    # 0.24 x 4.02 + 0.25 x 4 + 0.18 x 3.5 + 0.11 x 3 + 0.10 x 4.5 + 0.12 x 2
    # = 0.9648 + 1 + 0.63 + 0.33 + 0.45 + 0.24 = 3.6148 -> 3.61, B (3.51-4.00).
    assert result.score == Fraction("3.6148")
    assert result.published == Decimal("3.61")
    assert result.band is not None
    assert result.band.code == "B"
    kebijakan = next(node for node in result.breakdown if node.id == "kebijakan")
    assert kebijakan.ratio == Fraction("4.02") / 5


# ------------------------------------------------------------------ service-standard checklist


def test_standar_pelayanan_checklist_share_present() -> None:
    present = {
        # all 6 service-delivery components and 2 of the 8 management components
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "pengaduan",
        "dasar_hukum",
        "sarana",
    }
    model = rubric("standar-pelayanan-2009")
    evidence = [Evidence("dinas", ind.id, ind.id in present) for ind in model.indicators()]
    result = card("standar-pelayanan-2009", evidence)
    # 8 of 14 present: 8 / 14 x 100 = 57.142857... -> 57.14; no zone scheme.
    assert result.score == Fraction(400, 7)
    assert result.published == Decimal("57.14")
    assert result.band is None
    assert result.zone is None

"""The SKM processing by hand (issue 12): NRR with unanswered cells, the index, mutu per
element, the lowest elements, a segment's index, Krejcie-Morgan sizes.

The survey (skm-2017, answers 1-4, ``.`` = unanswered), two services:

    row  layanan  U1 U2 U3 U4 U5 U6 U7 U8 U9
    2    KTP       4  4  3  4  3  3  4  3  3
    3    KTP       3  3  3  4  3  4  4  2  3
    4    KK        2  .  2  4  3  3  3  3  .
    5    KK        3  3  .  3  4  3  4  3  2

NRR = total / respondents who answered the element:
    persyaratan 12/4 = 3        prosedur 10/3 = 3.333      waktu 8/3 = 2.667
    biaya 15/4 = 3.75           produk 13/4 = 3.25         kompetensi 13/4 = 3.25
    perilaku 15/4 = 3.75        pengaduan 11/4 = 2.75      sarana 8/3 = 2.667
Sum of NRRs = 3 + (10 + 8 + 8)/3 + (15 + 13 + 13 + 15 + 11)/4 = 3 + 26/3 + 67/4 = 341/12.
Weight 1/9: IKM = 341/108 = 3.157 (1-4); converted 25 x 341/108 = 8525/108 = 78.935...
-> 78.94, mutu B (76.61-88.30), Baik.
Per element x 25: persyaratan 75.00 C, prosedur 83.33 B, waktu 66.67 C, biaya 93.75 A,
produk 81.25 B, kompetensi 81.25 B, perilaku 93.75 A, pengaduan 68.75 C, sarana 66.67 C.
Lowest three: waktu 8/3 and sarana 8/3 (tie, rubric order), then pengaduan 2.75.
Weight 0.11: 25 x 0.11 x 341/12 = 78.1458... -> 78.15 (B).

Segment KTP (rows 2-3, all answered): NRRs 3.5 3.5 3 4 3 3.5 4 2.5 3, sum 30;
IKM 30/9 = 3.333; converted 25 x 30/9 = 250/3 = 83.33 (B).
Segment KK (rows 4-5): 2.5, 3 (row 5 only), 2 (row 4 only), 3.5, 3.5, 3, 3.5, 3, 2 (row 5
only); sum 26; IKM 26/9 = 2.889; converted 650/9 = 72.22 (C, 65.00-76.60).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model.rubric import Rubric
from pelayanan._model.survey import Response
from pelayanan._scoring.survey import age_group, analyse_survey, krejcie_morgan
from pelayanan.plugins import Registry

ELEMENTS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)
ANSWERS = (
    ("KTP", "L", "34", (4, 4, 3, 4, 3, 3, 4, 3, 3)),
    ("KTP", "P", "27", (3, 3, 3, 4, 3, 4, 4, 2, 3)),
    ("KK", "P", "45", (2, None, 2, 4, 3, 3, 3, 3, None)),
    ("KK", "L", "61", (3, 3, None, 3, 4, 3, 4, 3, 2)),
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(strict=False)


def _responses() -> list[Response]:
    return [
        Response(
            row,
            "dinas-contoh",
            [(e, Fraction(a)) for e, a in zip(ELEMENTS, answers, strict=True) if a is not None],
            {"jenis_layanan": service, "jenis_kelamin": gender, "usia": age},
        )
        for row, (service, gender, age, answers) in enumerate(ANSWERS, start=2)
    ]


def _rubric(registry: Registry, weight: str = "exact") -> Rubric:
    return registry.get_rubric("skm-2017").resolve({"weight": weight})


def test_nrr_index_and_mutu_by_hand(registry: Registry) -> None:
    scheme = registry.get_zone_scheme("skm-2017")
    result = analyse_survey(_rubric(registry), _responses(), zone_scheme=scheme)
    nrr = {e.id: e.nrr for e in result.elements}
    assert nrr == {
        "persyaratan": 3,
        "prosedur": Fraction(10, 3),
        "waktu": Fraction(8, 3),
        "biaya": Fraction(15, 4),
        "produk": Fraction(13, 4),
        "kompetensi": Fraction(13, 4),
        "perilaku": Fraction(15, 4),
        "pengaduan": Fraction(11, 4),
        "sarana": Fraction(8, 3),
    }
    answered = {e.id: e.answered for e in result.elements}
    assert answered["prosedur"] == answered["waktu"] == answered["sarana"] == 3
    assert answered["persyaratan"] == 4
    assert result.element("waktu").total == 8
    assert result.element("waktu").weighted == Fraction(8, 27)
    assert result.overall.respondents == 4
    assert result.overall.index == Fraction(341, 108)
    assert result.overall.converted == Fraction(8525, 108)
    assert result.overall.published == Decimal("78.94")
    assert result.overall.band is not None
    assert result.overall.band.code == "B"
    assert result.overall.zone is not None
    assert result.overall.zone.label.get() == "Baik"
    mutu = {e.id: e.band.code if e.band else None for e in result.elements}
    assert mutu == {
        "persyaratan": "C",
        "prosedur": "B",
        "waktu": "C",
        "biaya": "A",
        "produk": "B",
        "kompetensi": "B",
        "perilaku": "A",
        "pengaduan": "C",
        "sarana": "C",
    }
    assert result.lowest == ("waktu", "sarana", "pengaduan")
    assert dict(result.element("persyaratan").distribution) == {1: 0, 2: 1, 3: 2, 4: 1}


def test_the_weight_variant_is_the_one_chosen(registry: Registry) -> None:
    scheme = registry.get_zone_scheme("skm-2017")
    result = analyse_survey(_rubric(registry, "0.11"), _responses(), zone_scheme=scheme)
    assert result.overall.published == Decimal("78.15")
    assert result.element("biaya").weighted == Fraction(15, 4) * Fraction("0.11")


def test_segment_index_by_hand(registry: Registry) -> None:
    scheme = registry.get_zone_scheme("skm-2017")
    result = analyse_survey(
        _rubric(registry),
        _responses(),
        zone_scheme=scheme,
        segment_by="jenis_layanan",
        min_segment=2,
    )
    by_value = {s.value: s for s in result.segments}
    assert by_value["KTP"].result.index == Fraction(30, 9)
    assert by_value["KTP"].result.converted == Fraction(250, 3)
    assert by_value["KTP"].result.published == Decimal("83.33")
    assert by_value["KK"].result.converted == Fraction(650, 9)
    assert by_value["KK"].result.published == Decimal("72.22")
    assert by_value["KK"].result.band is not None
    assert by_value["KK"].result.band.code == "C"
    assert not any(s.too_few for s in result.segments)
    fewer = analyse_survey(
        _rubric(registry),
        _responses(),
        zone_scheme=scheme,
        segment_by="jenis_layanan",
        min_segment=3,
    )
    assert all(s.too_few for s in fewer.segments)


def test_segment_where_an_element_is_unanswered(registry: Registry) -> None:
    result = analyse_survey(_rubric(registry), _responses(), segment_by="usia", min_segment=1)
    by_value = {s.value: s for s in result.segments}
    assert by_value["40-49"].missing == ("prosedur", "sarana")
    assert by_value["40-49"].result.index is None
    assert by_value["30-39"].result.index is not None


def test_profile_counts_and_age_groups(registry: Registry) -> None:
    result = analyse_survey(_rubric(registry), _responses())
    tables = {t.attribute: t for t in result.profile}
    assert [t.attribute for t in result.profile] == ["jenis_kelamin", "usia", "jenis_layanan"]
    assert dict(tables["jenis_kelamin"].rows) == {"L": 2, "P": 2}
    assert tables["jenis_kelamin"].share(2) == Fraction(1, 2)
    assert [v for v, _ in tables["usia"].rows] == ["20-29", "30-39", "40-49", ">=60"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("15", "<20"),
        ("19", "<20"),
        ("20", "20-29"),
        ("59", "50-59"),
        ("60", ">=60"),
        ("97", ">=60"),
        (" 34 ", "30-39"),
        ("-1", None),
        ("tiga puluh", None),
    ],
)
def test_age_groups(text: str, group: str | None) -> None:
    assert age_group(text) == group


@pytest.mark.parametrize(
    ("population", "size"),
    [(100, 80), (1_000, 278), (10_000, 370), (1_000_000, 384)],
)
def test_krejcie_morgan_matches_the_published_table(population: int, size: int) -> None:
    # e.g. N = 100: 3.841 x 100 x 0.25 / (0.0025 x 99 + 3.841 x 0.25)
    #             = 96.025 / 1.20775 = 79.5073... -> 80 (rounded up)
    assert krejcie_morgan(population) == size


def test_sample_adequacy(registry: Registry) -> None:
    result = analyse_survey(_rubric(registry), _responses(), population=100)
    assert result.sample is not None
    assert (result.sample.required, result.sample.received, result.sample.short) == (80, 4, 76)


@pytest.mark.usefixtures("english")
def test_bad_inputs(registry: Registry) -> None:
    with pytest.raises(ValueError, match="no respondents"):
        analyse_survey(_rubric(registry), [])
    with pytest.raises(ValueError, match="population"):
        krejcie_morgan(0)
    other = Response(9, "unit-lain", [("persyaratan", Fraction(4))])
    with pytest.raises(ValueError, match="report one unit at a time"):
        analyse_survey(_rubric(registry), [*_responses(), other])


def test_comparison_with_a_previous_period(registry: Registry) -> None:
    rubric = _rubric(registry)
    earlier = analyse_survey(rubric, _responses()[:2])  # the KTP rows: NRR persyaratan 3.5
    now = analyse_survey(rubric, _responses(), previous=earlier, previous_label="2023")
    changes = {c.id: c for c in now.changes()}
    assert changes["persyaratan"].previous == Fraction(7, 2)
    assert changes["persyaratan"].change == Fraction(-1, 2)  # 3 - 3.5

"""Band edges of every zone table in the reference: each lower bound and 0.01 below it.

Rule (reference, conventions): round the score half-up to two decimals, then place it in the
half-open band ``[lower, next_lower)``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model import Band, Rounding, Zone, ZoneScheme
from pelayanan._model.problems import RuleError

from .factories import (
    OMBUDSMAN_ZONES,
    scheme_2015_kementerian,
    scheme_2015_pemda,
    scheme_2016,
    scheme_2021,
    scheme_2022,
    scheme_ikm_2004,
    scheme_pekppp,
    scheme_peromb_2015,
    scheme_skm_2017,
)

Case = tuple[Callable[[], ZoneScheme], str, str, str]


def _three_zone_edges(factory: Callable[[], ZoneScheme], kuning: str, hijau: str) -> list[Case]:
    """Bottom, both lower bounds and 0.01 below each, and the top of a merah/kuning/hijau table."""
    below_kuning = str(Decimal(kuning) - Decimal("0.01"))
    below_hijau = str(Decimal(hijau) - Decimal("0.01"))
    return [
        (factory, "0", "merah", "merah"),
        (factory, below_kuning, "merah", "merah"),
        (factory, kuning, "kuning", "kuning"),
        (factory, below_hijau, "kuning", "kuning"),
        (factory, hijau, "hijau", "hijau"),
    ]


CASES: list[Case] = [
    # 2016-2019 and 2021: merah 0-50(.99), kuning 51-80(.99), hijau 81-100.
    *_three_zone_edges(scheme_2016, "51.00", "81.00"),  # 50.99 / 51.00, 80.99 / 81.00
    (scheme_2016, "100", "hijau", "hijau"),
    *_three_zone_edges(scheme_2021, "51.00", "81.00"),
    (scheme_2021, "100", "hijau", "hijau"),
    # 2015 ministries: same numbers as 2016.
    *_three_zone_edges(scheme_2015_kementerian, "51.00", "81.00"),
    # 2015 regional governments on 0-110: merah 0-55, kuning 56-88, hijau 89-110.
    *_three_zone_edges(scheme_2015_pemda, "56.00", "89.00"),  # 55.99 / 56.00, 88.99 / 89.00
    (scheme_2015_pemda, "110", "hijau", "hijau"),
    # PerOmb 17/2015 on 0-75: merah 0-38, kuning 39-60, hijau 61-75.
    *_three_zone_edges(scheme_peromb_2015, "39.00", "61.00"),  # 38.99 / 39.00, 60.99 / 61.00
    (scheme_peromb_2015, "75", "hijau", "hijau"),
    # Integer tables read as [lower, next_lower): 60.5 is above "60" but below 61 -> kuning,
    # the way 2021 restated "51-80" as 51.00-80.99 (80.50 is kuning there).
    (scheme_peromb_2015, "60.5", "kuning", "kuning"),
    (scheme_peromb_2015, "38.5", "merah", "merah"),
    (scheme_2016, "80.50", "kuning", "kuning"),
    # 80.995 is published as 81.00 (half-up), so it is hijau.
    (scheme_2016, "80.995", "hijau", "hijau"),
    (scheme_2016, "80.994", "kuning", "kuning"),
    # 2022-2024: E 0, D 32.00, C 54.00, B 78.00, A 88.00.
    (scheme_2022, "0", "E", "merah"),
    (scheme_2022, "31.99", "E", "merah"),
    (scheme_2022, "32.00", "D", "merah"),
    (scheme_2022, "53.99", "D", "merah"),
    (scheme_2022, "54.00", "C", "kuning"),
    (scheme_2022, "77.99", "C", "kuning"),
    (scheme_2022, "78.00", "B", "hijau"),
    (scheme_2022, "87.99", "B", "hijau"),
    (scheme_2022, "88.00", "A", "hijau"),
    (scheme_2022, "100.00", "A", "hijau"),
    (scheme_2022, "82.295", "B", "hijau"),  # the reference's worked check: 82.30 -> B, hijau
    (scheme_2022, "77.995", "B", "hijau"),  # published 78.00
    # SKM 14/2017 converted: D 25.00-64.99, C 65.00-76.60, B 76.61-88.30, A 88.31-100.
    (scheme_skm_2017, "25.00", "D", "tidak_baik"),
    (scheme_skm_2017, "64.99", "D", "tidak_baik"),
    (scheme_skm_2017, "65.00", "C", "kurang_baik"),
    (scheme_skm_2017, "76.60", "C", "kurang_baik"),
    (scheme_skm_2017, "76.605", "B", "baik"),  # inside the printed gap: 76.605 -> 76.61 -> B
    (scheme_skm_2017, "76.6049", "C", "kurang_baik"),  # -> 76.60
    (scheme_skm_2017, "76.61", "B", "baik"),
    (scheme_skm_2017, "88.30", "B", "baik"),
    (scheme_skm_2017, "88.305", "A", "sangat_baik"),  # -> 88.31
    (scheme_skm_2017, "88.31", "A", "sangat_baik"),
    (scheme_skm_2017, "100.00", "A", "sangat_baik"),
    (scheme_skm_2017, "64.995", "C", "kurang_baik"),  # -> 65.00
    # KepmenPAN 25/2004 quarters: D 25.00-43.75, C 43.76-62.50, B 62.51-81.25, A 81.26-100.
    (scheme_ikm_2004, "25.00", "D", "tidak_baik"),
    (scheme_ikm_2004, "43.75", "D", "tidak_baik"),
    (scheme_ikm_2004, "43.76", "C", "kurang_baik"),
    (scheme_ikm_2004, "62.50", "C", "kurang_baik"),
    (scheme_ikm_2004, "62.51", "B", "baik"),
    (scheme_ikm_2004, "81.25", "B", "baik"),
    (scheme_ikm_2004, "81.26", "A", "sangat_baik"),
    (scheme_ikm_2004, "100", "A", "sangat_baik"),
    # Reference 3.1: 82.00 is A under 25/2004 and B under 14/2017.
    (scheme_ikm_2004, "82.00", "A", "sangat_baik"),
    (scheme_skm_2017, "82.00", "B", "baik"),
    # PEKPPP 0-5: F 0-1.00, E 1.01, D 1.51, C- 2.01, C 2.51, B- 3.01, B 3.51, A- 4.01, A 4.51.
    (scheme_pekppp, "0", "F", "gagal"),
    (scheme_pekppp, "1.00", "F", "gagal"),
    (scheme_pekppp, "1.01", "E", "sangat_buruk"),
    (scheme_pekppp, "1.50", "E", "sangat_buruk"),
    (scheme_pekppp, "1.51", "D", "buruk"),
    (scheme_pekppp, "2.00", "D", "buruk"),
    (scheme_pekppp, "2.01", "C-", "cukup"),
    (scheme_pekppp, "2.50", "C-", "cukup"),
    (scheme_pekppp, "2.51", "C", "cukup"),
    (scheme_pekppp, "3.00", "C", "cukup"),
    (scheme_pekppp, "3.01", "B-", "baik"),
    (scheme_pekppp, "3.50", "B-", "baik"),
    (scheme_pekppp, "3.51", "B", "baik"),
    (scheme_pekppp, "4.00", "B", "baik"),
    (scheme_pekppp, "4.01", "A-", "sangat_baik"),
    (scheme_pekppp, "4.50", "A-", "sangat_baik"),
    (scheme_pekppp, "4.51", "A", "prima"),
    (scheme_pekppp, "5.00", "A", "prima"),
    (scheme_pekppp, "1.005", "E", "sangat_buruk"),  # -> 1.01
    (scheme_pekppp, "4.504", "A-", "sangat_baik"),  # -> 4.50
]


@pytest.mark.parametrize(
    ("factory", "score", "band", "zone"),
    CASES,
    ids=[f"{case[0].__name__}-{case[1]}" for case in CASES],
)
def test_band_edges(factory: Callable[[], ZoneScheme], score: str, band: str, zone: str) -> None:
    placed = factory().classify(score)
    assert (placed.band.code, placed.zone.id) == (band, zone)


def test_classification_reports_the_published_score() -> None:
    placed = scheme_2022().classify("82.295")
    assert placed.score == Decimal("82.30")
    assert str(placed.score) == "82.30"
    assert placed.band.label.get() == "Kualitas Tinggi"
    assert placed.colour == "#2e7d32"  # the hijau zone's colour (no band colour given)


@pytest.mark.usefixtures("english")
def test_scores_outside_the_scale_are_refused_unless_clamped() -> None:
    with pytest.raises(ValueError, match="outside the scale"):
        scheme_2022().classify("100.01")
    with pytest.raises(ValueError, match="outside the scale"):
        scheme_skm_2017().classify("24.75")
    # 0.11 x 9 x 1 x 25 = 24.75: a unit answering 1 everywhere under the 0.11 variant.
    assert scheme_skm_2017(clamp=True).classify("24.75").band.code == "D"
    # 100.004 is published as 100.00, inside the scale.
    assert scheme_2022().classify("100.004").band.code == "A"


def test_band_upper_and_next_band() -> None:
    scheme = scheme_2022()
    c = scheme.band("C")
    # C runs up to 77.99: the next lower bound (78.00) minus one published step (0.01).
    assert scheme.upper(c) == Fraction("77.99")
    assert scheme.next_band(c) == scheme.band("B")
    assert scheme.next_band(scheme.band("A")) is None
    assert scheme.upper(scheme.band("A")) == 100


@pytest.mark.usefixtures("english")
def test_a_bound_finer_than_the_rounding_step_is_refused_by_the_model() -> None:
    # With B from 78.005, upper(C) used to be 78.005 - 0.01 = 77.995, a score no rounding to
    # two places publishes, while 77.99 and 78.00 both fall in C (78.00 < 78.005). The model
    # now refuses the bound, so upper() is always a published score.
    bands = [
        Band(0, "C", "C", "merah"),
        Band("78.005", "B", "B", "kuning"),
    ]
    zones = [Zone("merah", "M"), Zone("kuning", "K")]
    with pytest.raises(RuleError, match=r"/bands/1/lower: the lower bound 78\.005 has more") as e:
        ZoneScheme("z", "1", "Z", 0, 100, bands, zones)
    assert [finding.pointer for finding in e.value.findings] == ["/bands/1/lower"]
    # With one decimal the step is 0.1: 78.05 is refused, 78.1 is fine.
    coarse = Rounding(places=1)
    with pytest.raises(ValueError, match=r"write 78\.1"):
        ZoneScheme(
            "z",
            "1",
            "Z",
            0,
            100,
            [bands[0], Band("78.05", "B", "B", "kuning")],
            zones,
            rounding=coarse,
        )
    scheme = ZoneScheme(
        "z", "1", "Z", 0, 100, [bands[0], Band("78.1", "B", "B", "kuning")], zones, rounding=coarse
    )
    assert scheme.upper(scheme.band("C")) == Fraction("78.0")  # 78.1 - 0.1


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("bands", "pointer", "message"),
    [
        ([Band(1, "x", "x", "merah"), Band(50, "y", "y", "kuning")], "/bands/0/lower", "a hole"),
        ([Band(0, "x", "x", "merah"), Band(0, "y", "y", "kuning")], "/bands/1/lower", "overlap"),
        (
            [Band(0, "x", "x", "merah"), Band(60, "y", "y", "kuning"), Band(50, "z", "z", "hijau")],
            "/bands/2/lower",
            "overlap",
        ),
        (
            [Band(0, "x", "x", "hijau"), Band(50, "y", "y", "merah")],
            "/bands/1/zone",
            "list zones from lowest to highest",
        ),
        ([Band(0, "x", "x", "merah"), Band(50, "y", "y", "biru")], "/bands/1/zone", "not declared"),
        ([Band(0, "x", "x", "merah"), Band(50, "x", "y", "kuning")], "/bands/1/code", "used twice"),
        (
            [Band(0, "x", "x", "merah"), Band(150, "y", "y", "kuning")],
            "/bands/1/lower",
            "above the scale",
        ),
    ],
)
def test_invalid_zone_schemes_are_refused(bands: list[Band], pointer: str, message: str) -> None:
    # The model's rule reports where, relative to the scheme: documents place it by line.
    with pytest.raises(RuleError, match=message) as refused:
        ZoneScheme("bad", "1", "Bad", 0, 100, bands, OMBUDSMAN_ZONES)
    [finding] = refused.value.findings
    assert finding.pointer == pointer
    assert message in finding.text()


@pytest.mark.usefixtures("english")
def test_duplicate_zone_ids_are_refused() -> None:
    zones = (Zone("merah", "a"), Zone("merah", "b"))
    with pytest.raises(RuleError, match="zone id 'merah' is used twice") as refused:
        ZoneScheme("bad", "1", "Bad", 0, 100, [Band(0, "x", "x", "merah")], zones)
    assert [finding.pointer for finding in refused.value.findings] == ["/zones/1/id"]

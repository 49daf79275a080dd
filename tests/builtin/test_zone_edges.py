"""Band edges of every built-in zone scheme, against the reference's tables.

Each lower bound is typed here from /work/shared/reference/regulations.md (sections 2.1, 3,
3.1 and 4), not read from the files: the test checks that the files encode those tables, and
that classification is half-open after half-up rounding to two decimals.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._documents.builtin import zone_scheme_paths

from ._files import zone_scheme

# scheme id -> (scale minimum, scale maximum, [(band code, lower bound, zone), ...] lowest first)
TABLES: dict[str, tuple[str, str, list[tuple[str, str, str]]]] = {
    "ombudsman-2015-regulation": (
        "0",
        "75",
        [("merah", "0", "merah"), ("kuning", "39", "kuning"), ("hijau", "61", "hijau")],
    ),
    "ombudsman-2015-pemda": (
        "0",
        "110",
        [("merah", "0", "merah"), ("kuning", "56", "kuning"), ("hijau", "89", "hijau")],
    ),
    "ombudsman-2015-kementerian": (
        "0",
        "100",
        [("merah", "0", "merah"), ("kuning", "51", "kuning"), ("hijau", "81", "hijau")],
    ),
    "ombudsman-2016": (
        "0",
        "100",
        [("merah", "0", "merah"), ("kuning", "51", "kuning"), ("hijau", "81", "hijau")],
    ),
    "ombudsman-2021": (
        "0",
        "100",
        [("merah", "0", "merah"), ("kuning", "51.00", "kuning"), ("hijau", "81.00", "hijau")],
    ),
    "ombudsman-2022": (
        "0",
        "100",
        [
            ("E", "0.00", "merah"),
            ("D", "32.00", "merah"),
            ("C", "54.00", "kuning"),
            ("B", "78.00", "hijau"),
            ("A", "88.00", "hijau"),
        ],
    ),
    "skm-2017": (
        "25",
        "100",
        [
            ("D", "25.00", "tidak_baik"),
            ("C", "65.00", "kurang_baik"),
            ("B", "76.61", "baik"),
            ("A", "88.31", "sangat_baik"),
        ],
    ),
    "ikm-2004": (
        "25",
        "100",
        [
            ("D", "25.00", "tidak_baik"),
            ("C", "43.76", "kurang_baik"),
            ("B", "62.51", "baik"),
            ("A", "81.26", "sangat_baik"),
        ],
    ),
    "pekppp-2022": (
        "0",
        "5",
        [
            ("F", "0", "gagal"),
            ("E", "1.01", "sangat_buruk"),
            ("D", "1.51", "buruk"),
            ("C-", "2.01", "cukup_dengan_catatan"),
            ("C", "2.51", "cukup"),
            ("B-", "3.01", "baik_dengan_catatan"),
            ("B", "3.51", "baik"),
            ("A-", "4.01", "sangat_baik"),
            ("A", "4.51", "pelayanan_prima"),
        ],
    ),
}
STEP = Decimal("0.01")


def test_every_built_in_scheme_has_a_table_here() -> None:
    assert sorted(p.name.removesuffix(".yaml") for p in zone_scheme_paths()) == sorted(TABLES)


@pytest.mark.parametrize("scheme_id", sorted(TABLES))
def test_scheme_encodes_the_reference_table(scheme_id: str) -> None:
    scheme = zone_scheme(scheme_id)
    minimum, maximum, rows = TABLES[scheme_id]
    assert (scheme.minimum, scheme.maximum) == (Fraction(minimum), Fraction(maximum))
    assert [(b.code, b.lower, b.zone) for b in scheme.bands] == [
        (code, Fraction(lower), zone) for code, lower, zone in rows
    ]


@pytest.mark.parametrize("scheme_id", sorted(TABLES))
def test_each_lower_bound_opens_its_band_and_one_cent_below_is_the_band_below(
    scheme_id: str,
) -> None:
    scheme = zone_scheme(scheme_id)
    _, _, rows = TABLES[scheme_id]
    for index, (code, lower, zone) in enumerate(rows):
        placed = scheme.classify(Decimal(lower))
        assert (placed.band.code, placed.zone.id) == (code, zone)
        if index:
            below = scheme.classify(Decimal(lower) - STEP)
            assert below.band.code == rows[index - 1][0], f"{Decimal(lower) - STEP}"
            assert below.zone.id == rows[index - 1][2]


@pytest.mark.parametrize("scheme_id", sorted(TABLES))
def test_half_a_cent_below_a_lower_bound_rounds_up_into_it(scheme_id: str) -> None:
    scheme = zone_scheme(scheme_id)
    _, maximum, rows = TABLES[scheme_id]
    for code, lower, _ in rows[1:]:
        assert scheme.classify(Decimal(lower) - Decimal("0.005")).band.code == code
        assert scheme.classify(Decimal(lower) - Decimal("0.0051")).band.code != code
    assert scheme.classify(Decimal(maximum)).band.code == rows[-1][0]


@pytest.mark.parametrize(
    ("scheme_id", "score", "code"),
    [
        # Reference 2.1: "under 51-80 / 81-100, 80.50 is kuning".
        ("ombudsman-2016", "80.50", "kuning"),
        ("ombudsman-2016", "80.99", "kuning"),
        # Reference 3: 76.605 rounds to 76.61 and is B; the gap 64.99 / 65.00 is closed.
        ("skm-2017", "76.605", "B"),
        ("skm-2017", "64.995", "C"),
        # Reference 3.1: 82.00 is A under 25/2004 and B under 14/2017.
        ("ikm-2004", "82.00", "A"),
        ("skm-2017", "82.00", "B"),
        # Reference 2.3: the worked example 82.295 publishes as 82.30, category B.
        ("ombudsman-2022", "82.295", "B"),
    ],
)
def test_published_examples(scheme_id: str, score: str, code: str) -> None:
    assert zone_scheme(scheme_id).classify(Decimal(score)).band.code == code


@pytest.mark.parametrize(
    ("scheme_id", "score"),
    [
        # 9 x 0.11 x 1 x 25: a unit answering 1 everywhere under the 0.11 SKM variant.
        ("skm-2017", "24.75"),
        # 14 x 0.071 x 1 x 25: the same under the 0.071 IKM variant.
        ("ikm-2004", "24.85"),
    ],
)
def test_survey_schemes_clamp_scores_just_below_25_into_band_d(scheme_id: str, score: str) -> None:
    placed = zone_scheme(scheme_id).classify(Decimal(score))
    assert placed.band.code == "D"
    assert placed.score == Decimal(score)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "scheme_id", [s for s in sorted(TABLES) if s not in {"skm-2017", "ikm-2004"}]
)
def test_other_schemes_refuse_scores_above_their_scale(scheme_id: str) -> None:
    _, maximum, _ = TABLES[scheme_id]
    with pytest.raises(ValueError, match="outside the scale"):
        zone_scheme(scheme_id).classify(Decimal(maximum) + STEP)

"""The built-in scoring models, each against a hand-computed example from the reference."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model import (
    BooleanScale,
    Evidence,
    Group,
    Indicator,
    NodeStatus,
    OrdinalScale,
    Rubric,
    ScoringSpec,
    UnitTree,
)
from pelayanan._scoring import BUILTIN_MODELS, ScoringError, score

from .factories import (
    exact,
    observe,
    ordinal_answers,
    respondents,
    rubric_2022,
    rubric_ombudsman_2015,
    rubric_skm,
    scheme_2015_pemda,
    scheme_2022,
    scheme_pekppp,
    scheme_skm_2017,
)

# --------------------------------------------------------------------------- weighted_mean


def test_four_dimensions_with_one_numeric_indicator_each() -> None:
    # Reference 2.3: 0.2185*80 + 0.3237*90 + 0.2424*85 + 0.2154*70
    #   = 17.48 + 29.133 + 20.604 + 15.078 = 82.295 -> 82.30 -> B -> hijau.
    # The weights sum to 100, so weighted_mean's sum(w*r)/sum(w) x 100 is the same sum.
    evidence = observe(
        "ktp", {"input.nilai": 80, "proses.nilai": 90, "output.nilai": 85, "pengaduan.nilai": 70}
    )
    card = score(rubric_2022(), evidence, zone_scheme=scheme_2022())["ktp"]
    assert card.score == exact("82.295")
    assert card.published == Decimal("82.30")
    assert card.band is not None
    assert card.band.code == "B"
    assert card.zone is not None
    assert card.zone.id == "hijau"
    assert card.coverage == 1
    # Each dimension's contribution, in score points: weight x dimension score / 100.
    assert card.node("input").contribution == exact("17.48")  # 21.85 x 0.80
    assert card.node("proses").contribution == exact("29.133")  # 32.37 x 0.90
    assert card.node("output").contribution == exact("20.604")  # 24.24 x 0.85
    assert card.node("pengaduan").contribution == exact("15.078")  # 21.54 x 0.70
    # What was lost in input: 21.85 - 17.48 = 4.37.
    assert card.node("input").lost == exact("4.37")


def test_four_dimensions_with_twenty_ordinal_indicators_each() -> None:
    # A dimension scores mean(0-3 answers)/3 x 100. With 20 indicators the sums needed are
    # 80 -> 48/60, 90 -> 54/60, 85 -> 51/60, 70 -> 42/60:
    #   input     8x3 + 12x2       = 24 + 24      = 48 -> 48/60 = 0.80
    #   proses   14x3 +  6x2       = 42 + 12      = 54 -> 0.90
    #   output   11x3 +  9x2       = 33 + 18      = 51 -> 0.85
    #   pengaduan 10x3 + 6x2 + 4x0 = 30 + 12 + 0  = 42 -> 0.70
    # so the score is the same 82.295 -> 82.30 -> B -> hijau.
    values = {
        **ordinal_answers("input", {3: 8, 2: 12}),
        **ordinal_answers("proses", {3: 14, 2: 6}),
        **ordinal_answers("output", {3: 11, 2: 9}),
        **ordinal_answers("pengaduan", {3: 10, 2: 6, 0: 4}),
    }
    assert len(values) == 80
    card = score(rubric_2022(20), observe("ktp", values), zone_scheme=scheme_2022())["ktp"]
    assert card.score == exact("82.295")
    assert card.published == Decimal("82.30")
    assert card.band is not None
    assert card.band.code == "B"
    assert card.zone is not None
    assert card.zone.id == "hijau"
    assert card.node("input").ratio == exact("0.8")
    assert card.node("pengaduan").ratio == exact("0.7")
    assert card.node("pengaduan.20").value == 0
    assert card.evidence_count == 80


def test_four_dimensions_with_three_ordinal_indicators_each() -> None:
    # input [3,3,3] -> 9/9 = 1; proses [3,2,1] -> 6/9 = 2/3; output [2,2,2] -> 2/3;
    # pengaduan [0,0,3] -> 3/9 = 1/3.
    # 21.85x1 + 32.37x2/3 + 24.24x2/3 + 21.54x1/3 = 21.85 + 56.61x2/3 + 7.18
    #   = 21.85 + 37.74 + 7.18 = 66.77 -> C -> kuning.
    values = {
        "input.01": 3, "input.02": 3, "input.03": 3,
        "proses.01": 3, "proses.02": 2, "proses.03": 1,
        "output.01": 2, "output.02": 2, "output.03": 2,
        "pengaduan.01": 0, "pengaduan.02": 0, "pengaduan.03": 3,
    }  # fmt: skip
    card = score(rubric_2022(3), observe("ktp", values), zone_scheme=scheme_2022())["ktp"]
    assert card.score == exact("66.77")
    assert card.band is not None
    assert card.band.code == "C"
    assert card.zone is not None
    assert card.zone.id == "kuning"


def test_pekppp_index_on_zero_to_five() -> None:
    # Reference 4: aspects kebijakan 24, sdm 25, sarana 18, sipp 11, konsultasi 10, inovasi 12;
    # kebijakan's nine indicators weigh 17, 14, 7, 14, 10, 17, 7, 7, 7 (percent of the aspect).
    # Kebijakan with levels 5, 3, 4, 2, 5, 4, 3, 2, 1:
    #   (17x5 + 14x3 + 7x4 + 14x2 + 10x5 + 17x4 + 7x3 + 7x2 + 7x1) / 100
    #   = (85 + 42 + 28 + 28 + 50 + 68 + 21 + 14 + 7) / 100 = 343/100 = 3.43.
    # Other aspects (lists not in the reference) stand in as one indicator each: 3, 5, 2, 3, 1.
    # IPP = (24x3.43 + 25x3 + 18x5 + 11x2 + 10x3 + 12x1) / 100
    #     = (82.32 + 75 + 90 + 22 + 30 + 12) / 100 = 311.32/100 = 3.1132 -> 3.11 -> B-.
    scale = OrdinalScale.from_range(0, 5)
    kebijakan = [
        ("standar", 17, 5),
        ("pelibatan", 14, 3),
        ("media_standar", 7, 4),
        ("reviu", 14, 2),
        ("maklumat", 10, 5),
        ("skm", 17, 4),
        ("media_skm", 7, 3),
        ("tindak_lanjut", 7, 2),
        ("kecepatan", 7, 1),
    ]
    others = [
        ("sdm", 25, 3),
        ("sarana", 18, 5),
        ("sipp", 11, 2),
        ("konsultasi", 10, 3),
        ("inovasi", 12, 1),
    ]
    rubric = Rubric(
        "test-pekppp",
        "1",
        "PEKPPP",
        scoring=ScoringSpec("weighted_mean", {"minimum": 0, "maximum": 5}),
        children=[
            Group(
                "kebijakan",
                "Kebijakan",
                [Indicator(i, i, scale, weight=w) for i, w, _ in kebijakan],
                weight=24,
                kind="aspect",
            ),
            *(
                Group(a, a, [Indicator(f"{a}.1", a, scale)], weight=w, kind="aspect")
                for a, w, _ in others
            ),
        ],
    )
    values = {i: v for i, _, v in kebijakan} | {f"{a}.1": v for a, _, v in others}
    card = score(rubric, observe("dinas", values), zone_scheme=scheme_pekppp())["dinas"]
    assert card.node("kebijakan").contribution == exact("0.24") * exact("3.43")
    assert card.score == exact("3.1132")
    assert card.published == Decimal("3.11")
    assert card.band is not None
    assert card.band.code == "B-"


# --------------------------------------------------------------------------- survey_index

PERFECT = [[4] * 9, [4] * 9]
SURVEY = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [4, 3, 4, 3, 4, 3, 4, 3, 4],
    [3, 3, 3, 3, 4, 3, 3, 3, 3],
]
# NRR per element (mean over the 3 respondents):
#   persyaratan 11/3, prosedur 10/3, waktu 11/3, biaya 10/3, produk 12/3,
#   kompetensi 10/3, perilaku 11/3, pengaduan 10/3, sarana 11/3;  sum = 96/3 = 32.


@pytest.mark.parametrize(
    ("variant", "exact_score", "published", "band"),
    [
        # 25 x 9 x (1/9) x 4 = 100; 25 x 9 x 0.11 x 4 = 99; 25 x 9 x 0.111 x 4 = 99.9.
        ("exact", "100", "100.00", "A"),
        ("0.11", "99", "99.00", "A"),
        ("0.111", "99.9", "99.90", "A"),
    ],
)
def test_skm_perfect_unit_under_each_weight_variant(
    variant: str, exact_score: str, published: str, band: str
) -> None:
    result = score(
        rubric_skm(),
        respondents("puskesmas", PERFECT),
        zone_scheme=scheme_skm_2017(),
        parameters={"weight": variant},
    )
    card = result["puskesmas"]
    assert card.score == exact(exact_score)
    assert str(card.published) == published
    assert card.band is not None
    assert card.band.code == band
    assert result.provenance.parameters == (("weight", variant),)


@pytest.mark.parametrize(
    ("variant", "exact_score", "published", "band"),
    [
        # IKM = sum(NRR) x w = 32 x w; converted = x 25.
        ("exact", "800/9", "88.89", "A"),  # 32/9 = 3.5556; x25 = 88.888... -> 88.89 -> A
        ("0.11", "88", "88.00", "B"),  # 32 x 0.11 = 3.52; x25 = 88.00 -> B (below 88.31)
        ("0.111", "88.8", "88.80", "A"),  # 32 x 0.111 = 3.552; x25 = 88.80 -> A
    ],
)
def test_skm_three_respondents_under_each_weight_variant(
    variant: str, exact_score: str, published: str, band: str
) -> None:
    card = score(
        rubric_skm(),
        respondents("puskesmas", SURVEY),
        zone_scheme=scheme_skm_2017(),
        parameters={"weight": variant},
    )["puskesmas"]
    assert card.score == exact(exact_score)
    assert str(card.published) == published
    assert card.band is not None
    assert card.band.code == band
    assert card.evidence_count == 27
    # The element's NRR is the mean answer, kept on the 1-4 scale.
    assert card.node("persyaratan").value == Fraction(11, 3)
    assert card.node("prosedur").value == Fraction(10, 3)
    assert card.node("produk").value == 4


def test_skm_default_variant_is_exact() -> None:
    card = score(rubric_skm(), respondents("p", SURVEY))["p"]
    # persyaratan adds 25 x (1/9) x 11/3 = 275/27 to the converted score.
    assert card.node("persyaratan").contribution == Fraction(275, 27)
    assert card.score == Fraction(800, 9)


@pytest.mark.usefixtures("english")
def test_skm_low_end_needs_a_clamped_table_under_point_eleven() -> None:
    # All answers 1 with w = 0.11: 25 x 9 x 0.11 x 1 = 24.75, below the table's 25.00.
    low = respondents("p", [[1] * 9])
    with pytest.raises(ValueError, match="outside the scale"):
        score(rubric_skm(), low, zone_scheme=scheme_skm_2017(), parameters={"weight": "0.11"})
    card = score(
        rubric_skm(), low, zone_scheme=scheme_skm_2017(clamp=True), parameters={"weight": "0.11"}
    )["p"]
    assert card.score == exact("24.75")
    assert card.band is not None
    assert card.band.code == "D"


# --------------------------------------------------------------------------- points


MET_2015 = {
    "persyaratan": True,  # 6
    "prosedur": True,  # 6
    "produk": False,  # (6)
    "waktu": True,  # 12
    "biaya": False,  # (12)
    "maklumat": "ya",  # 12
    "informasi": "tidak",  # (12)
    "ruang_tunggu": True,  # 3
    "toilet": False,  # (2)
    "loket": True,  # 3
    "sarana_khusus": False,  # (2)
    "layanan_khusus": True,  # 2
    "kanal_pengaduan": True,  # 5
    "prosedur_pengaduan": False,  # (3)
    "petugas_pengaduan": True,  # 5
}


def test_points_model_on_ombudsman_2015_items() -> None:
    # Met: 6 + 6 + 12 + 12 + 3 + 3 + 2 + 5 + 5 = 54 of the 91 known points -> merah (0-55).
    # Adding produk (6) gives 60 -> kuning (56-88).
    evidence = observe("kab", MET_2015) + observe("kota", {**MET_2015, "produk": True})
    result = score(rubric_ombudsman_2015(), evidence, zone_scheme=scheme_2015_pemda())
    kab, kota = result["kab"], result["kota"]
    assert kab.score == 54
    assert kab.zone is not None
    assert kab.zone.id == "merah"
    assert kota.score == 60
    assert kota.zone is not None
    assert kota.zone.id == "kuning"
    # Standar pelayanan: persyaratan 6 + prosedur 6 + waktu 12 = 24 of 6+6+6+12+12 = 42.
    standar = kab.node("v.standar")
    assert standar.contribution == 24
    assert standar.maximum == 42
    assert standar.lost == 18
    assert kab.node("biaya").weight == 12  # the breakdown shows points as the weight
    assert BUILTIN_MODELS["points"].bounds(rubric_ombudsman_2015()) == (Fraction(0), Fraction(91))


@pytest.mark.usefixtures("english")
def test_points_model_needs_points() -> None:
    rubric = Rubric("r", "1", "R", [Indicator("a", "A")], scoring=ScoringSpec("points"))
    with pytest.raises(ScoringError, match="'a' has no points"):
        score(rubric, observe("u", {"a": True}))


# --------------------------------------------------------------------------- flat models


def _grouped(model: str) -> Rubric:
    # G1 (weight 3): i1 (w 1), i2 (w 3);  G2 (weight 1): i3 (w 2).
    return Rubric(
        "test-grouped",
        "1",
        "Grouped",
        scoring=ScoringSpec(model),
        children=[
            Group(
                "g1",
                "G1",
                [Indicator("i1", "i1", weight=1), Indicator("i2", "i2", weight=3)],
                weight=3,
            ),
            Group("g2", "G2", [Indicator("i3", "i3", weight=2)], weight=1),
        ],
    )


EVIDENCE = {"i1": True, "i2": False, "i3": True}


@pytest.mark.parametrize(
    ("model", "expected", "published"),
    [
        # G1 = (1x1 + 3x0)/4 = 1/4, G2 = 1; (3 x 1/4 + 1 x 1)/(3 + 1) = 1.75/4 = 0.4375.
        ("weighted_mean", "43.75", "43.75"),
        # Groups ignored: (1x1 + 3x0 + 2x1)/(1 + 3 + 2) = 3/6 = 0.5.
        ("flat", "50", "50.00"),
        # Count met / count: 2/3 -> 66.666... -> 66.67.
        ("flat_unweighted", "200/3", "66.67"),
        # Not everything met -> the minimum.
        ("absolute", "0", "0.00"),
    ],
)
def test_same_evidence_under_each_weighted_model(model: str, expected: str, published: str) -> None:
    card = score(_grouped(model), observe("u", EVIDENCE))["u"]
    assert card.score == exact(expected)
    assert str(card.published) == published
    assert card.method == model
    # The breakdown adds up to the score (minimum 0).
    assert sum(node.contribution for node in card.breakdown) == card.score


def test_absolute_when_everything_is_met() -> None:
    card = score(_grouped("absolute"), observe("u", {"i1": True, "i2": True, "i3": True}))["u"]
    assert card.score == 100
    # Each of the 3 indicators shows an equal share: 100/3.
    assert card.node("i2").contribution == Fraction(100, 3)


def test_flat_with_ordinal_values() -> None:
    # flat: i1 = 1 (w1), i2 = level 2 of 0-3 -> 2/3 (w3), i3 = 0 (w2):
    # (1 + 3 x 2/3 + 0) / 6 = 3/6 -> 50.
    rubric = Rubric(
        "r",
        "1",
        "R",
        scoring=ScoringSpec("flat"),
        children=[
            Group(
                "g1",
                "G1",
                [
                    Indicator("i1", "i1"),
                    Indicator("i2", "i2", OrdinalScale.from_range(0, 3), weight=3),
                ],
            ),
            Group("g2", "G2", [Indicator("i3", "i3", weight=2)]),
        ],
    )
    card = score(rubric, observe("u", {"i1": True, "i2": 2, "i3": False}))["u"]
    assert card.score == 50


@pytest.mark.usefixtures("english")
def test_unknown_model_is_refused() -> None:
    rubric = Rubric("r", "1", "R", [Indicator("a", "A")], scoring=ScoringSpec("magic"))
    with pytest.raises(ScoringError, match="unknown scoring model 'magic'"):
        score(rubric, [Evidence("u", "a", True)], UnitTree.flat(["u"]))


@pytest.mark.usefixtures("english")
def test_survey_index_refuses_a_boolean_scale_when_scoring_too() -> None:
    # The rule is the model's own check, so a rubric built in code meets it as a file does.
    rubric = Rubric(
        "r",
        "1",
        "R",
        [Indicator("a", "A", OrdinalScale.from_range(1, 4)), Indicator("b", "B", BooleanScale())],
        scoring=ScoringSpec("survey_index", {"factor": 25}),
    )
    with pytest.raises(ScoringError, match="indicator 'b' has a boolean scale; survey_index"):
        score(rubric, [Evidence("u", "a", 4), Evidence("u", "b", True)])


def test_survey_index_multiplies_the_weights_of_nested_groups() -> None:
    # pelayanan (weight 2) > waktu (weight 1/2) > cepat (weight 3); top-level ramah (weight 1).
    # W(cepat) = 2 x 1/2 x 3 = 3, W(ramah) = 1; factor 25, answers 1-4.
    # Answers: cepat 4 and 2 (mean 3), ramah 3 and 4 (mean 7/2).
    # score = 25 x (3 x 3 + 1 x 7/2) = 25 x 25/2 = 312.5; at the top 25 x (3 x 4 + 4) = 400.
    scale = OrdinalScale.from_range(1, 4)
    rubric = Rubric(
        "survei-bertingkat",
        "1",
        "Nested survey",
        [
            Group(
                "pelayanan",
                "Pelayanan",
                [Group("waktu", "Waktu", [Indicator("cepat", "Cepat", scale, weight=3)], "1/2")],
                weight=2,
            ),
            Indicator("ramah", "Ramah", scale, weight=1),
        ],
        scoring=ScoringSpec("survey_index", {"factor": "25"}),
    )
    evidence = [Evidence("u", "cepat", v) for v in (4, 2)] + [
        Evidence("u", "ramah", v) for v in (3, 4)
    ]
    card = score(rubric, evidence)["u"]
    assert card.score == Fraction(625, 2)
    assert card.node("cepat").contribution == 25 * 3 * 3  # 225
    assert card.node("ramah").contribution == Fraction(175, 2)  # 25 x 1 x 7/2
    assert card.node("pelayanan").maximum == 25 * 3 * 4  # 300: the group sums its indicators
    assert BUILTIN_MODELS["survey_index"].bounds(rubric) == (25, 400)  # lowest: 25 x 1 x 1


EXCLUDE_CASES = [
    # a (weight 3, 3 points) met, b (weight 1, 1 point) not met, c (weight 1, 2 points)
    # without evidence under "exclude": c leaves the score, and stays in the coverage's
    # denominator (it applies, it just was not evaluated).
    ("weighted_mean", 75, Fraction(4, 5)),  # 100 x 3/(3 + 1); coverage (3 + 1)/5
    ("flat", 75, Fraction(4, 5)),  # one level: the same as weighted_mean
    # points refuses "exclude" (a sum of points cannot re-normalise): see
    # tests/hardening/test_policies.py
    ("flat_unweighted", 50, Fraction(2, 3)),  # 100 x (1 + 0)/2; coverage 2 of 3
    ("absolute", 0, Fraction(2, 3)),  # b falls short: lo; coverage 2 of 3
]
EXCLUDE_ELSEWHERE = {
    # refuses exclude with a reason: test_the_points_model_refuses_exclude_with_a_reason
    "points": "tests/hardening/test_policies.py",
    # re-normalises the survey weights: test_exclude_in_the_survey_index_renormalises
    "survey_index": "tests/hardening/test_policies.py",
}


def test_exclude_is_tested_under_every_builtin_model() -> None:
    # A new built-in model joins EXCLUDE_CASES, or EXCLUDE_ELSEWHERE names where its
    # "exclude" is tested; a model that goes away leaves both.
    tabled = {model for model, _, _ in EXCLUDE_CASES}
    assert not tabled & set(EXCLUDE_ELSEWHERE)
    assert tabled | set(EXCLUDE_ELSEWHERE) == set(BUILTIN_MODELS)


@pytest.mark.parametrize(("model", "expected", "coverage"), EXCLUDE_CASES)
def test_exclude_leaves_a_missing_indicator_out_under_every_weighted_model(
    model: str, expected: int, coverage: Fraction
) -> None:
    rubric = Rubric(
        "r",
        "1",
        "R",
        [
            Indicator("a", "A", weight=3, points=3),
            Indicator("b", "B", weight=1, points=1),
            Indicator("c", "C", weight=1, points=2),
        ],
        scoring=ScoringSpec(model),
        missing="exclude",
    )
    card = score(rubric, [Evidence("u", "a", True), Evidence("u", "b", False)])["u"]
    assert card.score == expected
    assert card.coverage == coverage
    assert card.node("c").status is NodeStatus.EXCLUDED
    assert (card.node("c").contribution, card.node("c").maximum) == (0, 0)

"""Hand-computed targets, calibration, tie ranks and awards.

Rubrics here are tiny so every number can be worked out in the comment beside it. The zone
scheme is the built-in 2016-2019 Ombudsman table (reference 2.1: merah 0-50, kuning 51-80,
hijau 81-100, read as half-open bands after rounding to two decimals).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from pelayanan._i18n import use_language
from pelayanan._model import (
    Evidence,
    EvidenceKind,
    Indicator,
    NumericScale,
    Provenance,
    Rubric,
    ScoringSpec,
    Unit,
    UnitTree,
    ZoneScheme,
)
from pelayanan._model.records import TargetResult
from pelayanan._model.targets import Target, TargetError, TargetSet, apply_targets
from pelayanan._reports import Period
from pelayanan._reports.awards import AwardRule, award, parse_rule
from pelayanan._reports.view import by_level, rank
from pelayanan._scoring import score
from pelayanan._scoring.calibration import calibrate
from pelayanan.plugins import Registry

OBSERVED = Provenance(kind=EvidenceKind.OBSERVATION)
SELF = Provenance(kind=EvidenceKind.SELF_ASSESSMENT)


@pytest.fixture(scope="module")
def scheme() -> ZoneScheme:
    return Registry(strict=True).get_zone_scheme("ombudsman-2016@2016")


def four_items() -> Rubric:
    """Four yes/no items of equal weight: the score is 25 per item met."""
    return Rubric(
        id="praktik",
        version="1",
        title="Praktik",
        scoring=ScoringSpec("weighted_mean"),
        children=[Indicator(i, i) for i in "abcd"],
        zone_scheme="ombudsman-2016",
    )


def one_number() -> Rubric:
    """One 0-100 number: the score is the value itself."""
    return Rubric(
        id="nilai",
        version="1",
        title="Nilai",
        scoring=ScoringSpec("weighted_mean"),
        children=[Indicator("nilai", "Nilai", NumericScale(0, 100))],
        zone_scheme="ombudsman-2016",
    )


def city() -> UnitTree:
    return UnitTree(
        [
            Unit("kota", "Kota", "agency"),
            *(Unit(f"dinas-{i}", f"Dinas {i}", "service_unit", "kota") for i in (1, 2, 3)),
        ]
    )


def met(unit: str, pattern: str, provenance: Provenance = OBSERVED) -> list[Evidence]:
    """``pattern`` like ``"YYYN"``: item a..d met (Y) or not (N)."""
    return [
        Evidence(unit, item, flag == "Y", provenance=provenance)
        for item, flag in zip("abcd", pattern, strict=True)
    ]


EXTERNAL = [*met("dinas-1", "YYYN"), *met("dinas-2", "YYNN"), *met("dinas-3", "YYYY")]
SELF_ITEMS = [
    *met("dinas-1", "YYYY", SELF),
    *met("dinas-2", "YYYY", SELF),
    *met("dinas-3", "YYYN", SELF),
]


# ------------------------------------------------------------------------------ targets


def test_target_gaps(scheme: ZoneScheme) -> None:
    # External scores: dinas-1 3 of 4 = 75.00, dinas-2 2 of 4 = 50.00, dinas-3 4 of 4 =
    # 100.00; the city is their mean, (75 + 50 + 100) / 3 = 75.00.
    result = score(four_items(), EXTERNAL, city(), zone_scheme=scheme)
    targets = TargetSet(
        [
            Target("dinas-1", "2019", score="80.00"),
            Target("dinas-2", "2019", band="kuning"),
            Target("dinas-3", "2019", score="90"),
            Target("kota", "2019", band="hijau", agreed_by="Wali Kota", agreed_at="2019-01-10"),
        ]
    )
    cards = {c.unit_id: c for c in apply_targets(result, targets, scheme).walk()}
    t1, t2, t3, tk = (cards[u].target for u in ("dinas-1", "dinas-2", "dinas-3", "kota"))
    assert t1 is not None
    assert t2 is not None
    assert t3 is not None
    assert tk is not None
    # dinas-1: 75.00 - 80.00 = -5.00, not met; 80.00 lies in kuning (51-80).
    assert (t1.score, t1.band, t1.gap, t1.met) == (
        Decimal("80.00"),
        "kuning",
        Decimal("-5.00"),
        False,
    )
    # dinas-2: band kuning starts at 51 -> target 51.00; 50.00 - 51.00 = -1.00, not met.
    assert (t2.score, t2.band, t2.gap, t2.met) == (
        Decimal("51.00"),
        "kuning",
        Decimal("-1.00"),
        False,
    )
    # dinas-3: 100.00 - 90 = +10.00, met; 90 is hijau (81-100).
    assert (t3.score, t3.band, t3.gap, t3.met) == (Decimal("90"), "hijau", Decimal("10.00"), True)
    # kota: hijau starts at 81 -> 81.00; 75.00 - 81.00 = -6.00.
    assert (tk.score, tk.gap, tk.met, tk.agreed_by) == (
        Decimal("81.00"),
        Decimal("-6.00"),
        False,
        "Wali Kota",
    )
    assert str(t1.gap) == "-5.00"


@pytest.mark.usefixtures("english")
def test_target_errors(scheme: ZoneScheme) -> None:
    result = score(four_items(), EXTERNAL, city(), zone_scheme=scheme)
    two_periods = TargetSet([Target("kota", "2018", score=70), Target("kota", "2019", score=80)])
    with pytest.raises(TargetError, match="several periods"):
        apply_targets(result, two_periods, scheme)
    assert apply_targets(result, two_periods, scheme, period="2018")["kota"].target is not None
    with pytest.raises(TargetError, match="no targets for period '2017'"):
        apply_targets(result, two_periods, scheme, period="2017")
    with pytest.raises(TargetError, match="not in the result: 'dinas-9'"):
        apply_targets(result, [Target("dinas-9", "2019", score=1)], scheme)
    with pytest.raises(TargetError, match="not a band of ombudsman-2016@2016"):
        apply_targets(result, [Target("kota", "2019", band="B")], scheme)
    with pytest.raises(ValueError, match="not both and not neither"):
        Target("kota", "2019", score=1, band="hijau")
    with pytest.raises(ValueError, match="two targets for period 2019"):
        TargetSet([Target("kota", "2019", score=1), Target("kota", "2019", score=2)])


# ---------------------------------------------------------------------------- calibration


def test_calibration_differences(scheme: ZoneScheme) -> None:
    found = calibrate(four_items(), [*EXTERNAL, *SELF_ITEMS], city(), zone_scheme=scheme)
    diffs = {u.unit_id: u.difference for u in found.units}
    # Self 100 / 100 / 75 against external 75 / 50 / 100: +25.00, +50.00, -25.00.
    assert diffs["dinas-1"] == Decimal("25.00")
    assert diffs["dinas-2"] == Decimal("50.00")
    assert diffs["dinas-3"] == Decimal("-25.00")
    # City: self mean (100 + 100 + 75) / 3 = 91.666... -> 91.67; external 75.00; +16.67.
    assert diffs["kota"] == Decimal("16.67")
    assert [u.unit_id for u in found.over_raters("service_unit")] == ["dinas-2", "dinas-1"]
    # Service units: +25, +50, -25: mean 50/3 = 16.67, mean absolute 100/3 = 33.33; no
    # unit lands in the same zone (hijau/kuning, hijau/merah, kuning/hijau).
    assert found.summary("service_unit") == {
        "units": 3,
        "over_rated": 2,
        "under_rated": 1,
        "equal": 0,
        "mean_difference": "16.67",
        "mean_absolute_difference": "33.33",
        "same_zone": 0,
        "zoned": 3,
    }
    # Per indicator: only the items the two disagree on differ (1 = met, 0 = not met).
    differing = {
        (g.unit_id, g.indicator_id): g.difference for g in found.indicators if g.difference
    }
    assert differing == {
        ("dinas-1", "d"): Fraction(1),
        ("dinas-2", "c"): Fraction(1),
        ("dinas-2", "d"): Fraction(1),
        ("dinas-3", "d"): Fraction(-1),
    }


@pytest.mark.usefixtures("english")
def test_calibration_needs_both_kinds(scheme: ZoneScheme) -> None:
    with pytest.raises(ValueError, match="no evidence of kind 'self_assessment'"):
        calibrate(four_items(), EXTERNAL, city(), zone_scheme=scheme)
    with pytest.raises(ValueError, match="no external evidence"):
        calibrate(four_items(), SELF_ITEMS, city(), zone_scheme=scheme)


# ------------------------------------------------------------------------- ranks, awards


def scored(
    values: dict[str, str], scheme: ZoneScheme, label: str, rubric: Rubric | None = None
) -> Period:
    tree = UnitTree(
        [Unit("kota", "Kota", "agency")] + [Unit(u, u, "service_unit", "kota") for u in values]
    )
    items = [Evidence(u, "nilai", v) for u, v in values.items()]
    return Period(label, score(rubric or one_number(), items, tree, zone_scheme=scheme))


def test_ties_share_a_rank_on_the_published_score(scheme: ZoneScheme) -> None:
    # 66.666 and 66.665 round half-up to 66.67, like 66.67 itself: three units tie at 2,
    # so the next unit is 5th (competition ranking 1, 2, 2, 2, 5).
    period = scored(
        {"a": "90", "b": "66.666", "c": "66.67", "d": "66.665", "e": "50"}, scheme, "2019"
    )
    ranked = rank(by_level(period.assessment)["service_unit"])
    assert [(place, row.card.unit_id) for place, row in ranked] == [
        (1, "a"),
        (2, "b"),
        (2, "c"),
        (2, "d"),
        (5, "e"),
    ]
    # top:2 rewards the first and everyone tied at 2nd.
    top = award([period], [AwardRule("top", 2)], level="service_unit")
    assert [(a.unit_id, a.place) for a in top] == [("a", 1), ("b", 2), ("c", 2), ("d", 2)]
    assert top[1].describe("en") == "rank 2 of 5"
    assert top[1].describe("id") == "peringkat 2 dari 5"


def test_most_improved_and_first_to_reach(scheme: ZoneScheme) -> None:
    before = scored({"u1": "60", "u2": "70", "u3": "80"}, scheme, "2018")
    after = scored({"u1": "72.50", "u2": "82.50", "u3": "81"}, scheme, "2019")
    # Rises: u1 72.50 - 60 = +12.50, u2 82.50 - 70 = +12.50, u3 81 - 80 = +1.00: u1 and u2
    # share "most improved".
    improved = award([before, after], [parse_rule("most-improved")], level="service_unit")
    assert [(a.unit_id, a.describe("en")) for a in improved] == [
        ("u1", "+12.50 since 2018"),
        ("u2", "+12.50 since 2018"),
    ]
    assert improved[0].describe("id") == "+12,50 sejak 2018"
    # 2018: nobody is hijau (80.00 is kuning, hijau starts at 81.00); 2019: u2 (82.50) and
    # u3 (81.00) are, so both are first to reach hijau.
    first = award([before, after], [parse_rule("first:hijau")], level="service_unit")
    assert [(a.unit_id, a.period) for a in first] == [("u2", "2019"), ("u3", "2019")]
    # Across a method change there is no "most improved": the scales differ.
    other = one_number()
    other = Rubric(
        id="nilai-lain",
        version="1",
        title="Lain",
        scoring=other.scoring,
        children=other.children,
    )
    changed = scored({"u1": "72.50", "u2": "82.50", "u3": "81"}, scheme, "2019", other)
    assert award([before, changed], [parse_rule("most-improved")]) == []


@pytest.mark.parametrize("text", ["top", "top:0", "top:x", "most-improved:2", "first", "best"])
def test_bad_award_rules(text: str) -> None:
    with pytest.raises(ValueError, match="aturan penghargaan"):
        parse_rule(text)
    with use_language("en"), pytest.raises(ValueError, match="award rule"):
        parse_rule(text)


_NO_DECIMALS = [
    # (how the value is given, the value, what the message names in Indonesian / English)
    (lambda v: Target("kota", "2019", score=v), "1/3", "nilai target", "target score"),
    (lambda v: TargetResult(score=v), "1/3", "nilai target", "target score"),
    (lambda v: TargetResult(score="80", gap=v), "1/3", "selisih", "gap"),
    (lambda v: Target("kota", "2019", score=v), True, "nilai target", "target score"),
]
"""Every place a target's decimal is read: the one decimal reader, its message translated."""


@pytest.mark.parametrize(("build", "value", "in_id", "in_en"), _NO_DECIMALS)
def test_a_target_decimal_that_is_no_decimal_is_refused_in_indonesian(
    build: Any, value: object, in_id: str, in_en: str
) -> None:
    with pytest.raises(ValueError, match=in_id) as caught:
        build(value)
    expected = (
        f"{in_id}: yang diharapkan angka, diterima boolean (True)"
        if value is True
        else f"{in_id}: yang diharapkan bilangan desimal seperti '80.95', diterima '1/3'"
    )
    assert str(caught.value) == expected


@pytest.mark.parametrize(("build", "value", "in_id", "in_en"), _NO_DECIMALS)
@pytest.mark.usefixtures("english")
def test_a_target_decimal_that_is_no_decimal_is_refused_in_english(
    build: Any, value: object, in_id: str, in_en: str
) -> None:
    with pytest.raises(ValueError, match=in_en) as caught:
        build(value)
    expected = (
        f"{in_en}: expected a number, got a boolean (True)"
        if value is True
        else f"{in_en}: expected a decimal number such as '80.95', got '1/3'"
    )
    assert str(caught.value) == expected


def test_target_errors_are_said_in_indonesian_by_default(scheme: ZoneScheme) -> None:
    # The same rules as test_target_errors (English there), in the default language.
    result = score(four_items(), EXTERNAL, city(), zone_scheme=scheme)
    two_periods = TargetSet([Target("kota", "2018", score=70), Target("kota", "2019", score=80)])
    with pytest.raises(TargetError) as caught:
        apply_targets(result, two_periods, scheme, period="2017")
    assert str(caught.value) == "tidak ada target untuk periode '2017'; periode: '2018', '2019'"
    with pytest.raises(TargetError) as caught:
        apply_targets(result, [Target("dinas-9", "2019", score=1)], scheme)
    assert str(caught.value) == "target menyebut unit yang tidak ada dalam hasil: 'dinas-9'"
    with pytest.raises(ValueError, match="tidak keduanya"):
        Target("kota", "2019", score=1, band="hijau")
    with pytest.raises(ValueError, match="memiliki dua target untuk periode 2019"):
        TargetSet([Target("kota", "2019", score=1), Target("kota", "2019", score=2)])

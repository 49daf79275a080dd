"""The engine: not-applicable evidence, missing-evidence policies, combining evidence, and
problems in the inputs (every one reported together)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model import (
    Evidence,
    Group,
    Indicator,
    NodeStatus,
    NumericScale,
    OrdinalScale,
    Provenance,
    Rubric,
    Unit,
    UnitTree,
    content_hash,
)
from pelayanan._scoring import MissingEvidenceError, ScoringError, score

from .factories import (
    city_tree,
    exact,
    observe,
    respondents,
    rubric_2022,
    rubric_skm,
    scheme_2022,
    simple_rubric,
)

# --------------------------------------------------------------------------- not applicable


def _nested() -> Rubric:
    # G1 (w1): i1, i2;  G2 (w1): S1 (w1): i3, i4 (may be not applicable);  S2 (w3): i5.
    return Rubric(
        "test-nested",
        "1",
        "Nested",
        children=[
            Group("g1", "G1", [Indicator("i1", "i1"), Indicator("i2", "i2")]),
            Group(
                "g2",
                "G2",
                [
                    Group(
                        "s1",
                        "S1",
                        [
                            Indicator("i3", "i3", allow_not_applicable=True),
                            Indicator("i4", "i4", allow_not_applicable=True),
                        ],
                    ),
                    Group("s2", "S2", [Indicator("i5", "i5")], weight=3),
                ],
            ),
        ],
    )


def test_not_applicable_group_renormalises_its_parent() -> None:
    base = observe("u", {"i1": True, "i2": False, "i5": True})
    # Everything applicable: G1 = 1/2; S1 = 1/2; S2 = 1; G2 = (1 x 1/2 + 3 x 1)/4 = 7/8;
    # score = (1/2 + 7/8)/2 x 100 = 68.75.
    applicable = base + observe("u", {"i3": True, "i4": False})
    assert score(_nested(), applicable)["u"].score == exact("68.75")
    # i3 and i4 not applicable: S1 vanishes, G2 = S2 = 1; score = (1/2 + 1)/2 x 100 = 75.
    na = [*base, Evidence.not_applicable_for("u", "i3"), Evidence.not_applicable_for("u", "i4")]
    card = score(_nested(), na)["u"]
    assert card.score == 75
    assert card.coverage == 1  # nothing applicable was left unevaluated
    assert card.node("s1").status is NodeStatus.NOT_APPLICABLE
    assert card.node("s1").maximum == 0
    assert card.node("g2").status is NodeStatus.EVALUATED


def test_not_applicable_dimension_renormalises_the_four_dimensions() -> None:
    # pengaduan not applicable: (21.85 x 0.8 + 32.37 x 0.9 + 24.24 x 0.85) / (21.85 + 32.37 +
    # 24.24) x 100 = 67.217 / 78.46 x 100 = 85.6704... -> 85.67 -> B.
    evidence = observe("u", {"input.nilai": 80, "proses.nilai": 90, "output.nilai": 85})
    evidence.append(Evidence.not_applicable_for("u", "pengaduan.nilai"))
    card = score(rubric_2022(allow_not_applicable=True), evidence, zone_scheme=scheme_2022())["u"]
    assert card.score == exact("67.217") / exact("78.46") * 100
    assert card.published == Decimal("85.67")
    assert card.band is not None
    assert card.band.code == "B"


@pytest.mark.usefixtures("english")
def test_not_applicable_where_not_allowed_names_unit_and_indicator() -> None:
    evidence = observe("ktp", {"i1": True, "i2": True, "i3": True, "i4": True})
    evidence += [Evidence.not_applicable_for("ktp", "i5")]
    with pytest.raises(ScoringError) as caught:
        score(_nested(), evidence)
    assert [(p.unit, p.indicator) for p in caught.value.problems] == [("ktp", "i5")]
    assert "ktp/i5: indicator 'i5' may not be marked not applicable" in str(caught.value)
    assert not isinstance(caught.value, MissingEvidenceError)


# --------------------------------------------------------------------------- missing evidence


def _abcd() -> Rubric:
    # Booleans a, b, c, d with weights 1, 2, 3, 4 (total 10).
    return simple_rubric({"a": 1, "b": 2, "c": 3, "d": 4})


def _gappy() -> list[Evidence]:
    # u1: a yes, b yes, c missing, d no.  u2: a yes, b c d missing.
    return observe("u1", {"a": True, "b": True, "d": False}) + observe("u2", {"a": True})


@pytest.mark.usefixtures("english")
def test_missing_policy_error_lists_every_gap() -> None:
    with pytest.raises(MissingEvidenceError) as caught:
        score(_abcd(), _gappy())
    gaps = [(p.unit, p.indicator) for p in caught.value.problems]
    assert gaps == [("u1", "c"), ("u2", "b"), ("u2", "c"), ("u2", "d")]
    message = str(caught.value)
    assert message.startswith("4 problems")
    for where in ("u1/c", "u2/b", "u2/c", "u2/d"):
        assert where in message


def test_missing_policy_zero() -> None:
    result = score(_abcd(), _gappy(), missing="zero")
    u1, u2 = result["u1"], result["u2"]
    # u1: (1 + 2 + 0 + 0)/10 x 100 = 30; evaluated weight a+b+d = 7 of 10.
    assert u1.score == 30
    assert u1.coverage == Fraction(7, 10)
    assert u1.node("c").status is NodeStatus.MISSING
    assert u1.node("c").value == 0  # the bottom of the boolean scale
    assert u1.node("c").contribution == 0
    assert u1.node("c").maximum == 30  # weight 3 of 10
    # u2: 1/10 x 100 = 10; coverage 1/10.
    assert u2.score == 10
    assert u2.coverage == Fraction(1, 10)


def test_missing_policy_exclude() -> None:
    result = score(_abcd(), _gappy(), missing="exclude")
    u1, u2 = result["u1"], result["u2"]
    # u1: c left out, the rest re-normalise: (1 + 2 + 0)/(1 + 2 + 4) x 100 = 300/7 = 42.857...
    assert u1.score == Fraction(300, 7)
    assert u1.published == Decimal("42.86")
    assert u1.coverage == Fraction(7, 10)  # coverage still counts c as applicable
    assert u1.node("c").status is NodeStatus.EXCLUDED
    assert u1.node("c").maximum == 0
    # u2: only a remains: 1/1 x 100 = 100, but coverage is 1/10.
    assert u2.score == 100
    assert u2.coverage == Fraction(1, 10)


def test_rubric_declares_the_policy_and_a_call_overrides_it() -> None:
    rubric = simple_rubric({"a": 1, "b": 2, "c": 3, "d": 4}, missing="zero")
    assert score(rubric, _gappy())["u1"].score == 30
    assert score(rubric, _gappy(), missing="exclude")["u1"].score == Fraction(300, 7)
    with pytest.raises(MissingEvidenceError):
        score(rubric, _gappy(), missing="error")


def test_missing_zero_in_the_survey_index_scores_the_bottom_answer() -> None:
    # Eight elements answered 4, "sarana" missing -> scored 1 (bottom of 1-4):
    # 25 x (1/9) x (8 x 4 + 1) = 25 x 33/9 = 91.666... -> 91.67; coverage 8/9.
    answers = [e for e in respondents("p", [[4] * 9]) if e.indicator != "sarana"]
    card = score(rubric_skm(), answers, missing="zero")["p"]
    assert card.score == Fraction(25 * 33, 9)
    assert card.published == Decimal("91.67")
    assert card.coverage == Fraction(8, 9)


# --------------------------------------------------------------------------- combining


def _single(combine: str) -> Rubric:
    scale = OrdinalScale.from_range(0, 3)
    return Rubric("r", "1", "R", [Indicator("x", "X", scale, combine=combine)])


DATED = [
    (dt.date(2024, 1, 5), 3),
    (dt.date(2024, 3, 1), 1),
    (dt.date(2024, 2, 10), 3),
    (dt.date(2023, 12, 1), 0),
]


def _dated() -> list[Evidence]:
    return [Evidence("u", "x", v, provenance=Provenance(collected_at=d)) for d, v in DATED]


@pytest.mark.parametrize(
    ("combine", "value", "published"),
    [
        # Values 3, 1, 3, 0; the score is value/3 x 100.
        ("mean", Fraction(7, 4), "58.33"),  # 7/4 -> 175/3 = 58.333...
        ("median", Fraction(2), "66.67"),  # sorted 0 1 3 3 -> (1 + 3)/2 = 2 -> 200/3
        ("min", Fraction(0), "0.00"),
        ("max", Fraction(3), "100.00"),
        ("latest", Fraction(1), "33.33"),  # 2024-03-01 is the latest -> 1 -> 100/3
    ],
)
def test_combine_rules(combine: str, value: Fraction, published: str) -> None:
    card = score(_single(combine), _dated())["u"]
    assert card.node("x").value == value
    assert card.score == value / 3 * 100
    assert str(card.published) == published
    assert card.node("x").evidence_count == 4


def test_median_of_an_odd_count() -> None:
    items = [Evidence("u", "x", v) for v in (0, 3, 1)]
    assert score(_single("median"), items)["u"].node("x").value == 1


def test_latest_with_times_and_dates() -> None:
    items = [
        Evidence("u", "x", 3, provenance=Provenance(collected_at="2024-05-01T08:00:00+07:00")),
        Evidence("u", "x", 1, provenance=Provenance(collected_at="2024-05-01T02:00:00+00:00")),
    ]
    # 08:00 +07:00 is 01:00 UTC, earlier than 02:00 UTC: the second item is the latest.
    assert score(_single("latest"), items)["u"].node("x").value == 1


def test_latest_needs_collected_at() -> None:
    items = [*_dated(), Evidence("u", "x", 2)]
    with pytest.raises(ScoringError, match="collected_at") as caught:
        score(_single("latest"), items)
    assert [(p.unit, p.indicator) for p in caught.value.problems] == [("u", "x")]


# --------------------------------------------------------------------------- input problems


@pytest.mark.usefixtures("english")
def test_evidence_problems_are_reported_together() -> None:
    rubric = simple_rubric({"nilai": 1}, scales={"nilai": NumericScale(0, 100)})
    good = [Evidence(leaf, "nilai", 70) for leaf in ("a1", "a2", "b1", "b2", "c1", "c2")]
    bad = [
        Evidence("a1", "nope", 1),  # unknown indicator
        Evidence("zz", "nilai", 50),  # unknown unit
        Evidence("a2", "nilai", 120),  # outside 0-100
        Evidence("dinas-a", "nilai", 50),  # not a leaf
    ]
    with pytest.raises(ScoringError) as caught:
        score(rubric, good + bad, city_tree())
    error = caught.value
    assert not isinstance(error, MissingEvidenceError)
    assert [(p.unit, p.indicator) for p in error.problems] == [
        ("a1", "nope"),
        ("zz", "nilai"),
        ("a2", "nilai"),
        ("dinas-a", "nilai"),
    ]
    message = str(error)
    assert message.startswith("4 problems while scoring")
    assert "a1/nope: 'nope' is no indicator in test-simple@1" in message
    assert "zz/nilai: unit 'zz' is not in the unit tree" in message
    assert "a2/nilai: expected a number from 0 to 100, got 120" in message
    assert "dinas-a/nilai: unit 'dinas-a' has units below it; evidence belongs" in message


@pytest.mark.usefixtures("english")
def test_input_problems_and_gaps_come_together() -> None:
    rubric = simple_rubric({"a": 1, "b": 1})
    items = [Evidence("u", "a", "perhaps")]
    with pytest.raises(ScoringError) as caught:
        score(rubric, items)
    problems = [(p.unit, p.indicator, p.message) for p in caught.value.problems]
    # The refused value is reported once (not again as a gap), and the real gap "b" too.
    assert [(unit, ind) for unit, ind, _ in problems] == [("u", "a"), ("u", "b")]
    assert "expected true/false" in problems[0][2]
    assert "no evidence" in problems[1][2]


# --------------------------------------------------------------------------- provenance


def test_assessment_provenance_records_what_produced_it() -> None:
    rubric = rubric_skm()
    answers = respondents("p", [[4] * 9])
    default = score(rubric, answers, assessed_on="2024-06-30")
    variant = score(rubric, answers, parameters={"weight": "0.111"}, zone_scheme=scheme_2022())
    p = default.provenance
    assert (p.rubric_id, p.rubric_version, p.scoring_model) == (
        "test-skm-2017",
        "1",
        "survey_index",
    )
    assert p.evidence_count == 9
    assert p.parameters == (("weight", "exact"),)
    assert p.assessed_on == "2024-06-30"
    assert p.zone_scheme_id is None
    assert p.rubric_hash == content_hash(rubric.resolve())
    assert variant.provenance.rubric_hash == content_hash(rubric.resolve({"weight": "0.111"}))
    assert variant.provenance.rubric_hash != p.rubric_hash
    assert variant.provenance.zone_scheme_hash == content_hash(scheme_2022())
    # Naming the default choice is the same choice: the same hash.
    named = score(rubric, answers, parameters={"weight": "exact"})
    assert named.provenance.rubric_hash == p.rubric_hash


def test_without_a_unit_tree_each_unit_in_the_evidence_is_a_root() -> None:
    rubric = simple_rubric({"a": 1})
    result = score(rubric, [Evidence("q", "a", True), Evidence("p", "a", False)])
    assert [card.unit_id for card in result.cards] == ["q", "p"]
    assert [card.score for card in result.cards] == [100, 0]


def test_a_generator_of_evidence_is_read_once() -> None:
    rubric = simple_rubric({"a": 1})
    items = (Evidence(f"u{n}", "a", n % 2 == 0) for n in range(10))
    tree = UnitTree(Unit(f"u{n}", f"U{n}") for n in range(10))
    result = score(rubric, items, tree)
    assert result.provenance.evidence_count == 10
    assert [card.score for card in result.cards] == [100, 0] * 5


@pytest.mark.usefixtures("english")
def test_latest_without_dates_is_a_scoring_error_not_a_crash() -> None:
    rubric = Rubric("r", "1", "R", [Indicator("i0", "I0", combine="latest")])
    with pytest.raises(ScoringError) as caught:
        score(rubric, [Evidence("a0", "i0", True)])
    assert [(p.unit, p.indicator) for p in caught.value.problems] == [("a0", "i0")]
    assert "needs collected_at" in str(caught.value)


@pytest.mark.parametrize("order", [(0, 3, 2), (3, 2, 0), (2, 0, 3)])
def test_latest_breaks_a_tie_in_time_by_the_highest_value_whatever_the_order(
    order: tuple[int, int, int],
) -> None:
    # Three items collected at the same moment (one written in another time zone): the
    # latest value is the highest of them, 3, in every order, so the result is the same
    # however the evidence was read or split: 3/3 x 100 = 100.
    when = ["2024-05-01T09:00:00+07:00", "2024-05-01T02:00:00+00:00", "2024-05-01T02:00:00Z"]
    items = [
        Evidence("u", "x", value, provenance=Provenance(collected_at=stamp))
        for value, stamp in zip(order, when, strict=True)
    ]
    items.append(Evidence("u", "x", 1, provenance=Provenance(collected_at="2024-04-30")))
    card = score(_single("latest"), items)["u"]
    assert card.node("x").value == 3
    assert card.score == 100

"""Every law can fail: each is fed a deliberately broken model, zone scheme or serialiser and
must report it with a shrunk, readable counterexample.

The rubrics are tiny (two or three boolean indicators), so the smallest counterexample is
known by hand and the messages can be checked word for word where Hypothesis' shrinking
makes them stable: one unit ``a0``, the fewest evidence items, the lowest values.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import pytest

from pelayanan._model import Band, Indicator, Rubric, ScoringSpec, Zone, ZoneScheme
from pelayanan._model.convert import from_data, to_data
from pelayanan._model.numbers import Rounding, exact_to_str
from pelayanan._model.results import Assessment
from pelayanan._scoring.base import ScoringModel
from pelayanan.testing import laws
from pelayanan.testing._serialisers import Serialiser

from . import broken


def rubric(model: str = "weighted_mean", count: int = 2, **indicator: Any) -> Rubric:
    """``count`` boolean indicators ``i0``, ``i1``... scored by ``model``."""
    children = [Indicator(f"i{k}", f"I{k}", **indicator) for k in range(count)]
    return Rubric("r", "1", "R", children, scoring=ScoringSpec(model))


def failure(law: str, target: Rubric, model: ScoringModel | None = None, **options: Any) -> str:
    """The message of ``law``'s AssertionError on ``target`` (the test fails if it holds)."""
    if model is not None:
        options["models"] = {model.name: model}
    with pytest.raises(AssertionError) as caught:
        getattr(laws, law)(target, **options)
    return str(caught.value)


def evidence_lines(message: str) -> list[str]:
    """The ``unit/indicator = value`` lines of a counterexample."""
    return re.findall(r"^  (\S+/\S+ = .+)$", message, flags=re.MULTILINE)


def units_of(message: str) -> str:
    """The unit tree of a counterexample."""
    found = re.search(r"^units:\n((?:  .+\n)+)", message, flags=re.MULTILINE)
    assert found is not None, message
    return found.group(1).strip()


def shrunk_to_one_unit(message: str) -> bool:
    """Whether the counterexample's units shrank to the single unit ``a0``."""
    return units_of(message) == "a0"


def test_bounds_reports_a_score_above_the_claimed_maximum() -> None:
    # the model claims 0-50 but is a plain mean on 0-100: both indicators met give 100
    message = failure("bounds", rubric("narrow_bounds"), broken.NarrowBounds())
    assert "law 'bounds' does not hold for rubric r@1" in message
    assert "outside the model's bounds [0, 50]" in message
    assert shrunk_to_one_unit(message)
    score = re.search(r"unit a0 scored (\S+),", message)
    assert score is not None
    assert Fraction(score.group(1)) > 50


def test_monotone_reports_that_meeting_an_indicator_lowered_the_score() -> None:
    # upside down: with i0 false and i1 true the mean is 50, shown as 100 - 50 = 50; raising
    # i0 to true makes the mean 100, shown as 0
    message = failure("monotone", rubric("not_monotone"), broken.NotMonotone())
    assert "raising a0/" in message
    assert "from false to true lowered the score of unit a0" in message
    assert shrunk_to_one_unit(message)
    assert len(evidence_lines(message)) <= 2


def test_order_reports_that_reordering_siblings_changed_a_score() -> None:
    # only the first indicator handed to the model counts: swapping i0 and i1 changes it
    message = failure("order", rubric("first_counts"), broken.FirstCounts())
    assert "reordering siblings (top level: i1, i0) changed the result of unit a0" in message
    assert shrunk_to_one_unit(message)
    assert any(line.endswith("= true") for line in evidence_lines(message))


def test_not_applicable_reports_a_model_that_scores_it_as_missing() -> None:
    # the marked indicator keeps its weight at the bottom of its scale: with i1 left out
    # (missing policy exclude) the unit scores 0 instead of nothing, or with i1 present its
    # coverage is 1/2 instead of 1
    message = failure("not_applicable", rubric("ignores_na"), broken.IgnoresNotApplicable())
    found = re.search(r"marking (i\d) not applicable gave unit a0 score (\S+)", message)
    assert found is not None
    assert f"but the rubric without {found.group(1)} gives" in message
    assert shrunk_to_one_unit(message)
    lines = evidence_lines(message)
    assert f"a0/{found.group(1)} = n/a" in lines
    assert len(lines) <= 2


def _scheme(lowers: list[str]) -> ZoneScheme:
    """The Ombudsman 2022 table (E 0, D 32, C 54, B 78, A 88), with lower bounds replaced
    after construction, bypassing the validators, as a broken object would arrive."""
    zones = [Zone("merah", "Merah"), Zone("kuning", "Kuning"), Zone("hijau", "Hijau")]
    table = [("0", "E", "merah"), ("32", "D", "merah"), ("54", "C", "kuning")]
    table += [("78", "B", "hijau"), ("88", "A", "hijau")]
    scheme = ZoneScheme(
        "z", "1", "Z", 0, 100, [Band(low, code, code, zone) for low, code, zone in table], zones
    )
    bands = tuple(
        Band(low, band.code, band.label, band.zone)
        for low, band in zip(lowers, scheme.bands, strict=False)
    )
    object.__setattr__(scheme, "bands", bands)
    return scheme


def test_zones_reports_a_hole_below_the_first_band() -> None:
    # the first band starts at 32, so 0.00 to 31.99 fall in no band
    scheme = _scheme(["32", "54", "78", "88"])
    message = failure("zones", rubric(), zone_scheme=scheme)
    assert message == (
        "law 'zones' does not hold for zone scheme z@1:\nscore 0.00 falls in no band (a hole)"
    )


def test_zones_reports_overlapping_bands() -> None:
    # D starts at 54 and C at 40: 40.00 lies in E [0, 54) and in C [40, 78)
    scheme = _scheme(["0", "54", "40", "78", "88"])
    message = failure("zones", rubric(), zone_scheme=scheme)
    assert message.endswith("score 40.00 falls in bands E [0, 54) and C [40, 78) (an overlap)")


def test_zones_reports_a_lower_bound_finer_than_the_precision() -> None:
    scheme = _scheme(["0", "32", "54", "78.005", "88"])
    message = failure("zones", rubric(), zone_scheme=scheme)
    assert message.endswith(
        "band B starts at 78.005, finer than the scheme's precision of 2 decimals"
    )


def test_zones_reports_a_band_that_is_not_monotone_in_the_score() -> None:
    class Upside(ZoneScheme):
        """Classifies the score reflected about the middle of the scale."""

        def classify(self, score: Any) -> Any:
            return super().classify(Fraction(100) - Fraction(score))

    scheme = Upside(
        "z",
        "1",
        "Z",
        0,
        100,
        [Band(0, "low", "low", "m"), Band(50, "high", "high", "m")],
        [Zone("m", "M")],
    )
    message = failure("zones", None, zone_scheme=scheme)
    assert "score 0.00 is classified as high, but lies in band low [0, 50)" in message


def _floats(data: Any) -> Any:
    """Numbers written as binary floats, the way a careless serialiser would."""
    if isinstance(data, dict):
        return {key: _floats(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_floats(value) for value in data]
    if isinstance(data, str) and re.fullmatch(r"\d+/\d+", data):
        numerator, denominator = data.split("/")
        return int(numerator) / int(denominator)
    return data


def test_round_trip_reports_a_serialiser_that_loses_a_weight() -> None:
    floats = Serialiser("floats", lambda obj: _floats(to_data(obj)), from_data)
    target = Rubric("r", "1", "R", [Indicator("i0", "I0", weight="1/3"), Indicator("i1", "I1")])
    message = failure("round_trip", target, serialisers=[floats])
    assert message == (
        "law 'round_trip' does not hold for rubric r@1:\nrubric r@1 changed going through "
        "floats: at /children/0/weight: '1/3' came back as '0.3333333333333333'"
    )


def _rounded_results(obj: Any) -> Any:
    if not isinstance(obj, Assessment):
        return to_data(obj)
    data = to_data(obj)
    for card in data["cards"]:
        if card["score"] is not None:
            card["score"] = exact_to_str(Fraction(Rounding().apply(Fraction(card["score"]))))
    return data


def test_round_trip_reports_a_serialiser_that_rounds_result_scores() -> None:
    # three indicators: one met gives 100/3, which the serialiser writes as 33.33
    rounded = Serialiser("rounded scores", _rounded_results, from_data)
    message = failure("round_trip", rubric(count=3), serialisers=[rounded])
    assert "the result changed going through rounded scores: at /cards/0/score:" in message
    assert shrunk_to_one_unit(message)
    values = [line.rsplit(" = ", 1)[1] for line in evidence_lines(message)]
    assert values.count("true") in (1, 2)  # 1/3 or 2/3 of 100 do not end after 2 decimals


def test_round_trip_holds_for_faithful_serialisers() -> None:
    plain = Serialiser("plain", to_data, from_data)
    laws.round_trip(rubric(count=3), serialisers=[plain])


def test_determinism_reports_a_model_that_changes_between_calls() -> None:
    message = failure("determinism", rubric("restless"), broken.Restless())
    assert "scoring the same inputs twice gave different result documents" in message
    assert "/cards/0/score" in message
    assert shrunk_to_one_unit(message)


def test_exactness_reports_a_model_that_depends_on_the_weights_scale() -> None:
    # score x total/(total + 1): total weight 2 gives x 2/3, doubled weights give x 4/5
    message = failure("exactness", rubric("absolute_weights"), broken.AbsoluteWeights())
    assert "multiplying the weights of the top level by 2 changed unit a0's score" in message
    assert shrunk_to_one_unit(message)


def test_exactness_reports_a_float_score() -> None:
    message = failure("exactness", rubric("float_scores"), broken.FloatScores())
    assert "unit a0: score 0.0 is not exact" in message


def test_check_rubric_lists_every_failing_law() -> None:
    model = broken.NotMonotone()
    with pytest.raises(AssertionError) as caught:
        laws.check_rubric(rubric(model.name), models={model.name: model})
    message = str(caught.value)
    assert message.startswith("1 law failed for rubric r@1:")
    assert "law 'monotone' does not hold" in message


@pytest.mark.usefixtures("english")
def test_an_unusable_rubric_is_reported_before_any_search() -> None:
    with pytest.raises(AssertionError, match=r"(?s)cannot be scored: .*unknown scoring model"):
        laws.bounds(rubric("nowhere"))


def test_an_unknown_law_name_is_refused() -> None:
    with pytest.raises(KeyError, match="no law named 'fairness'"):
        laws.check_rubric(rubric(), laws=["fairness"])

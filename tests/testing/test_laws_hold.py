"""The laws hold for rubrics, zone schemes and overlays drawn by the strategies.

Each law runs as a property of one drawn case inside this test's own search
(:func:`pelayanan.testing.laws.law_property`), so no search is nested in another.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelayanan._model import Evidence, Indicator, OrdinalScale, Rubric, ScoringSpec, UnitTree
from pelayanan._model.tailoring import apply_overlay
from pelayanan._scoring import SurveyIndex, score
from pelayanan.testing import laws
from pelayanan.testing import strategies as ps


def _holds(name: str, rubric: Rubric, data: st.DataObject) -> None:
    scheme = data.draw(ps.zone_schemes_for(rubric), label="zone scheme")
    laws.law_property(name, rubric, zone_scheme=scheme)(data)


@pytest.mark.parametrize("name", laws.LAWS)
@given(data=st.data())
def test_the_law_holds_for_drawn_rubrics(name: str, data: st.DataObject) -> None:
    _holds(name, data.draw(ps.rubrics(), label="rubric"), data)


@pytest.mark.parametrize("name", laws.LAWS)
@given(data=st.data())
def test_the_law_holds_for_tailored_rubrics(name: str, data: st.DataObject) -> None:
    base = data.draw(ps.rubrics(), label="base rubric")
    overlay = data.draw(ps.overlays_for(base), label="overlay")
    _holds(name, apply_overlay(base, overlay), data)


def _flat(low: int, high: int) -> Rubric:
    """A one-indicator rubric scored from ``low`` to ``high`` (the zones law checks that the
    scheme covers the model's range)."""
    spec = ScoringSpec("flat", {"minimum": low, "maximum": high})
    return Rubric("r", "1", "R", [Indicator("i0", "I0")], scoring=spec)


@given(data=st.data())
def test_drawn_zone_schemes_obey_the_zones_law(data: st.DataObject) -> None:
    low = data.draw(st.integers(0, 50), label="minimum")
    high = low + data.draw(st.integers(1, 100), label="span")
    scheme = data.draw(ps.zone_schemes(low, high), label="zone scheme")
    laws.law_property("zones", _flat(low, high), zone_scheme=scheme)(data)


def _skm_like() -> Rubric:
    """Two SKM elements answered 1-4, weight 1/2 each, times 25: bounds 25-100."""
    scale = OrdinalScale.from_range(1, 4)
    children = [Indicator(f"u{k}", f"U{k}", scale, "1/2") for k in (1, 2)]
    return Rubric("skm", "1", "SKM", children, scoring=ScoringSpec("survey_index", {"factor": 25}))


def test_survey_index_scores_stay_within_its_bounds_when_an_element_is_left_out() -> None:
    rubric = _skm_like()
    # The bounds: one element answered at the bottom and the other not applicable,
    # 25 x (1/2 x 1) = 12.5; both answered 4: 25 x (1/2 x 4 + 1/2 x 4) = 100.
    assert SurveyIndex().bounds(rubric) == (Fraction(25, 2), Fraction(100))
    # u1 answered 1, u2 missing and excluded: u1 takes u2's weight too (re-normalised),
    # weight 1/2 x (1/2 + 1/2)/(1/2) = 1, so 25 x 1 x 1 = 25, within the bounds.
    result = score(rubric, [Evidence("a0", "u1", 1)], UnitTree.flat(["a0"]), missing="exclude")
    assert result.cards[0].score == 25

"""Hypothesis strategies for pelayanan's model objects, valid by construction.

Every strategy shrinks towards something a person can read at a glance: ids are given by
position (``i0``, ``i1`` for indicators, ``g0`` for groups, ``a0``/``u0``/``p0`` for units),
weights shrink to ``1``, scales to a boolean, unit trees to one unit, and evidence to the
bottom of each scale.

.. code-block:: python

    from hypothesis import given
    from pelayanan.testing import strategies as ps

    @given(ps.rubrics(models=["weighted_mean"]), ps.unit_trees())
    def test_scores(rubric, units): ...
"""

from __future__ import annotations

from pelayanan.testing._evidence import (
    Case,
    cases,
    corner_cases,
    evidence_for,
    higher_values,
    values_for,
)
from pelayanan.testing._model_strategies import (
    MODEL_NAMES,
    aggregations,
    boolean_scales,
    exact_decimals,
    groups,
    indicators,
    numeric_scales,
    ordinal_scales,
    roundings,
    rubrics,
    scales,
    weights,
)
from pelayanan.testing._overlays import overlays_for
from pelayanan.testing._unit_strategies import unit_trees, units
from pelayanan.testing._zone_strategies import score_range, zone_schemes, zone_schemes_for

__all__ = [
    "MODEL_NAMES",
    "Case",
    "aggregations",
    "boolean_scales",
    "cases",
    "corner_cases",
    "evidence_for",
    "exact_decimals",
    "groups",
    "higher_values",
    "indicators",
    "numeric_scales",
    "ordinal_scales",
    "overlays_for",
    "roundings",
    "rubrics",
    "scales",
    "score_range",
    "unit_trees",
    "units",
    "values_for",
    "weights",
    "zone_schemes",
    "zone_schemes_for",
]

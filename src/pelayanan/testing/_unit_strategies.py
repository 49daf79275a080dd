"""Strategies for units and unit trees (re-exported by ``strategies``)."""

from __future__ import annotations

import functools
from fractions import Fraction

from hypothesis import strategies as st

from pelayanan._model.units import Unit, UnitLevel, UnitTree
from pelayanan.testing._model_strategies import _Ids, weights

__all__ = ["unit_trees", "units"]


@functools.cache
def units() -> st.SearchStrategy[Unit]:
    """One unit without a parent (``p0``, a service product by default); its weight shrinks
    to 1."""
    levels = st.sampled_from([UnitLevel.SERVICE_PRODUCT, UnitLevel.SERVICE_UNIT, UnitLevel.AGENCY])
    return st.builds(
        lambda level, weight: Unit("p0", "p0", level, None, weight),
        levels,
        st.one_of(st.just(Fraction(1)), weights()),
    )


@functools.cache
def _unit_weights() -> st.SearchStrategy[Fraction]:
    return st.one_of(st.just(Fraction(1)), weights())


@st.composite
def unit_trees(
    draw: st.DrawFn, *, max_agencies: int = 2, max_units: int = 2, max_products: int = 2
) -> UnitTree:
    """Agencies (``a0``) over service units (``u0``) over service products (``p0``).

    Any level may have no children, in which case that unit is a leaf and takes evidence.
    Unit weights (used by the ``weighted_mean`` aggregation) shrink to 1; roots keep 1.
    Shrinks to the single leaf unit ``a0``.
    """
    ids = _Ids()
    units: list[Unit] = []
    unit_weight = _unit_weights()

    def add(prefix: str, level: str, parent: str | None) -> str:
        unit_id = ids.next(prefix)
        # a root's weight is never used: it stays 1, which keeps counterexamples short
        weight = draw(unit_weight) if parent is not None else Fraction(1)
        units.append(Unit(unit_id, unit_id, level, parent, weight))
        return unit_id

    for _ in range(draw(st.integers(1, max_agencies))):
        agency = add("a", UnitLevel.AGENCY, None)
        for _ in range(draw(st.integers(0, max_units))):
            service_unit = add("u", UnitLevel.SERVICE_UNIT, agency)
            for _ in range(draw(st.integers(0, max_products))):
                add("p", UnitLevel.SERVICE_PRODUCT, service_unit)
    return UnitTree(units)

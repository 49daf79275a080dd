"""Run by Hypothesis when it is imported (the ``hypothesis`` entry point), so that
``st.from_type(Rubric)`` and friends draw valid pelayanan objects.

Registration is lazy: the strategies module is imported, and strategies are built, only
when one of these types is first asked for. The settings profiles of
:mod:`pelayanan.testing._profiles` are registered too (not loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["_register"]


def _lazy(name: str, *args: Any) -> Callable[[type], Any]:
    def build(kind: type) -> Any:
        from pelayanan.testing import strategies

        return getattr(strategies, name)(*args)

    return build


def _evidence(kind: type) -> Any:
    from hypothesis import strategies as st

    from pelayanan.testing import strategies

    def one(rubric: Any) -> Any:
        units = strategies.unit_trees(max_agencies=1, max_units=0)
        return units.flatmap(lambda tree: strategies.evidence_for(rubric, tree)).filter(bool)

    items = strategies.rubrics(max_children=2, max_depth=1).flatmap(one)
    return items.flatmap(lambda found: st.sampled_from(found))


def _register() -> None:
    """Register the model types' strategies and the settings profiles with Hypothesis.

    Runs inside ``import hypothesis`` for every program in the environment, so it never
    raises: if pelayanan cannot be imported, nothing is registered (and whatever uses
    pelayanan reports the real error itself).
    """
    try:
        from hypothesis import strategies as st

        from pelayanan._model import Evidence, Group, Indicator, Rubric, Unit, UnitTree, ZoneScheme
        from pelayanan.testing._profiles import register_profiles
    except Exception:  # never break ``import hypothesis``
        return
    register_profiles()
    st.register_type_strategy(Rubric, _lazy("rubrics"))
    st.register_type_strategy(Indicator, _lazy("indicators"))
    st.register_type_strategy(Group, _lazy("groups"))
    st.register_type_strategy(ZoneScheme, _lazy("zone_schemes"))
    st.register_type_strategy(UnitTree, _lazy("unit_trees"))
    st.register_type_strategy(Unit, _lazy("units"))
    st.register_type_strategy(Evidence, _evidence)

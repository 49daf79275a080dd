"""The round-trip law: objects survive being written and read back, and so do results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st

from pelayanan._model.convert import from_data, to_data
from pelayanan._model.evidence import Evidence
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan.testing._serialisers import Serialiser, default_serialisers
from pelayanan.testing._support import LawSetup, first_difference, result_bytes

__all__ = ["round_trip_property"]


def _back(serialiser: Serialiser, obj: Any) -> tuple[Any, str | None]:
    """``obj`` written and read back, or the reason it could not be."""
    kind = type(obj)
    try:
        return serialiser.load(kind, serialiser.dump(obj)), None
    except Exception as error:  # any failure to read back is the finding
        return None, f"{type(error).__name__}: {error}"


def _compare(serialiser: Serialiser, what: str, obj: Any) -> tuple[Any, str | None]:
    back, problem = _back(serialiser, obj)
    if problem is not None:
        return None, f"{what} could not be read back through {serialiser.name}: {problem}"
    if back == obj:
        return back, None
    if type(back) is not type(obj):
        found = type(back).__name__
        return None, f"{what} came back through {serialiser.name} as a {found}"
    where = first_difference(to_data(obj), to_data(back))
    detail = f"at {where[0]}: {where[1]!r} came back as {where[2]!r}" if where else "(equal data)"
    return None, f"{what} changed going through {serialiser.name}: {detail}"


def round_trip_property(setup: LawSetup) -> Callable[[st.DataObject], None]:
    """Check the rubric's and zone scheme's round trips now; return the property checking
    results (the result survives, and re-scoring loaded inputs gives identical bytes).

    The serialisers are ``setup.serialisers``, by default
    :func:`~pelayanan.testing._serialisers.default_serialisers` (plain data, JSON, and the
    YAML/JSON documents of :mod:`pelayanan._documents.api`).
    """
    rubric, zone_scheme, models = setup.rubric, setup.zone_scheme, setup.models
    chosen = tuple(setup.serialisers or ()) or default_serialisers(models)
    loaded: list[tuple[Serialiser, Rubric, ZoneScheme | None]] = []
    head = f"law 'round_trip' does not hold for rubric {rubric.ref}:"
    for serialiser in chosen:
        back_rubric, problem = _compare(serialiser, f"rubric {rubric.ref}", rubric)
        back_scheme = None
        if problem is None and zone_scheme is not None:
            back_scheme, problem = _compare(
                serialiser, f"zone scheme {zone_scheme.ref}", zone_scheme
            )
        if problem is not None:
            raise AssertionError(f"{head}\n{problem}")
        loaded.append((serialiser, back_rubric, back_scheme))

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data, small=True)
        result = setup.score(case)
        expected = result_bytes(result)
        units_back = from_data(UnitTree, to_data(case.units))
        evidence_back = [from_data(Evidence, to_data(item)) for item in case.evidence]
        for serialiser, rubric_back, scheme_back in loaded:
            _, problem = _compare(serialiser, "the result", result)
            if problem is not None:
                setup.fail(problem, case)
            again = attrs.evolve(case, units=units_back).score(
                rubric_back, zone_scheme=scheme_back, models=models, evidence=evidence_back
            )
            if result_bytes(again) != expected:
                where = first_difference(to_data(result), to_data(again))
                setup.fail(
                    f"scoring the rubric read back through {serialiser.name} on the evidence "
                    f"and units read back gave a different result (at {where and where[0]})",
                    case,
                )

    return prop

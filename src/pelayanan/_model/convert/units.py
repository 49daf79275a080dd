"""Unit trees and evidence items as plain data and back."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from pelayanan._model.convert._fields import build
from pelayanan._model.convert._reader import Reader
from pelayanan._model.evidence import Evidence, to_evidence_value
from pelayanan._model.units import Unit, UnitTree, unit_findings

__all__ = ["read_evidence", "read_units"]


def read_units(r: Reader, data: object) -> UnitTree:
    """A :class:`UnitTree` from a list of unit mappings; raises :class:`ConversionError`
    listing every unit that cannot be read and every rule of the tree broken."""
    units = []
    for i, item in enumerate(r.sequence(data)):
        with r.at(i):
            units.append(r.attempt(functools.partial(build, r, Unit, item)))
    if r.found:  # the rules the units that could be read break, too
        r.stop(unit_findings(units))
    return r.build(UnitTree, units)


def read_evidence(r: Reader, data: Any) -> Evidence:
    """One :class:`Evidence` item from a flat mapping (provenance fields beside the value)."""
    if isinstance(data, Mapping) and "value" in data:
        with r.at("value"):  # a value that is no value is placed at it
            data = {**data, "value": to_evidence_value(data["value"])}
    return build(r, Evidence, data)

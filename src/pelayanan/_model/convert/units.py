"""Unit trees and evidence items as plain data and back."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from pelayanan._model.convert._fields import build, plain
from pelayanan._model.convert._reader import Data, Reader
from pelayanan._model.evidence import Evidence, to_evidence_value
from pelayanan._model.units import Unit, UnitTree, unit_findings

__all__ = ["evidence_from_data", "evidence_to_data", "units_from_data", "units_to_data"]


def units_to_data(tree: UnitTree) -> list[Data]:
    """The unit tree as a list of units (parents before children is not required)."""
    return [plain(unit) for unit in tree]


def units_from_data(data: object) -> UnitTree:
    """Build a :class:`UnitTree` from a list of unit mappings; raises :class:`ConversionError`
    listing every unit that cannot be read and every rule of the tree broken."""
    r = Reader()
    units = []
    for i, item in enumerate(r.sequence(data)):
        with r.at(i):
            units.append(r.attempt(functools.partial(build, r, Unit, item)))
    if r.found:  # the rules the units that could be read break, too
        r.stop(unit_findings(units))
    return r.build(UnitTree, units)


def evidence_to_data(item: Evidence) -> Data:
    """One evidence item as a flat mapping (provenance fields beside the value)."""
    return plain(item)  # type: ignore[no-any-return]


def evidence_from_data(data: Mapping[str, Any], pointer: str = "") -> Evidence:
    """Build one :class:`Evidence` item from a flat mapping."""
    r = Reader()
    if pointer:
        parts = pointer.lstrip("/").split("/")
        r.path.extend(part.replace("~1", "/").replace("~0", "~") for part in parts)
    if isinstance(data, Mapping) and "value" in data:
        with r.at("value"):  # a value that is no value is placed at it
            data = {**data, "value": to_evidence_value(data["value"])}
    return build(r, Evidence, data)

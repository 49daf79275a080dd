"""Unit trees and evidence items as plain data and back."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from pelayanan._model.convert._fields import plain
from pelayanan._model.convert._reader import Data, Reader
from pelayanan._model.evidence import Evidence, Provenance, to_evidence_value
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
            units.append(r.attempt(functools.partial(_unit, r, item)))
    if r.found:  # the rules the units that could be read break, too
        r.stop(unit_findings(units))
    return r.build(UnitTree, units)


def _unit(r: Reader, data: object) -> Unit:
    return r.build(Unit, **r.mapping(data))


def evidence_to_data(item: Evidence) -> Data:
    """One evidence item as a flat mapping (provenance fields beside the value)."""
    return plain(item)  # type: ignore[no-any-return]


def evidence_from_data(data: Mapping[str, Any], pointer: str = "") -> Evidence:
    """Build one :class:`Evidence` item from a flat mapping."""
    r = Reader()
    if pointer:
        r.path.extend(pointer.lstrip("/").split("/"))
    raw = r.mapping(data)
    provenance = r.build(
        Provenance,
        kind=raw.get("kind"),
        collected_at=raw.get("collected_at"),
        collector=raw.get("collector"),
        reference=raw.get("reference"),
        note=raw.get("note"),
    )
    with r.at("value"):
        value = to_evidence_value(raw.get("value"))
    return r.build(
        Evidence,
        unit=r.required(raw, "unit"),
        indicator=r.required(raw, "indicator"),
        value=value,
        not_applicable=bool(raw.get("not_applicable", False)),
        provenance=provenance,
    )

"""Unit trees from plain data: every unit that cannot be read, and the rules of the tree."""

from __future__ import annotations

import functools

from pelayanan._model.convert._fields import build
from pelayanan._model.convert._reader import Reader
from pelayanan._model.units import Unit, UnitTree, unit_findings

__all__ = ["read_units"]


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

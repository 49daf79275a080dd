"""Zone schemes from plain data: every part that cannot be read, and the rules of the
scheme that the parts which can be read break."""

from __future__ import annotations

import functools
from typing import Any

from pelayanan._model.convert._fields import build, built_parts
from pelayanan._model.convert._reader import Reader
from pelayanan._model.numbers import Rounding, to_exact
from pelayanan._model.zones import Band, Zone, ZoneScheme, scheme_findings

__all__ = ["read_zone_scheme"]


def read_zone_scheme(r: Reader, data: Any) -> ZoneScheme:
    """A :class:`ZoneScheme` from plain data; raises :class:`ConversionError` listing every
    part that cannot be read and, with the parts that can, every rule they break."""
    r.built = []
    scheme = r.attempt(functools.partial(build, r, ZoneScheme, data))
    if scheme is None:  # (a mapping: build refuses anything else before reading a part)
        scale = (_bound(data.get("minimum")), _bound(data.get("maximum")))
        rounding = next((part for _, part in r.built if isinstance(part, Rounding)), Rounding())
        bands = built_parts(r, data, "bands", Band)
        zones = built_parts(r, data, "zones", Zone)
        more = scheme_findings(scale, rounding, bands, zones)
        r.found = list(dict.fromkeys([*r.found, *(f.under(r.pointer) for f in more)]))
        r.stop()
    assert scheme is not None  # r.stop() raised otherwise
    return scheme


def _bound(value: object) -> Any:
    try:
        return to_exact(value, what="bound")
    except (ValueError, TypeError, ArithmeticError):
        return None  # reported already

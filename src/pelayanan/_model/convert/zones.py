"""Zone schemes as plain data and back."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar

from pelayanan._model.convert._fields import build
from pelayanan._model.convert._reader import Reader
from pelayanan._model.numbers import Rounding, to_exact
from pelayanan._model.zones import Band, Zone, ZoneScheme, scheme_findings

__all__ = ["read_zone_scheme"]

T = TypeVar("T")


def read_zone_scheme(r: Reader, data: Any) -> ZoneScheme:
    """A :class:`ZoneScheme` from plain data; raises :class:`ConversionError` listing every
    part that cannot be read and, with the parts that can, every rule they break."""
    raw = r.mapping(data)
    zones = _parts(r, raw, "zones", Zone)
    bands = _parts(r, raw, "bands", Band)
    scale = tuple(
        r.attempt(functools.partial(_number, r, raw, key)) for key in ("minimum", "maximum")
    )
    with r.at("rounding"):
        rounding = r.attempt(lambda: build(r, Rounding, raw.get("rounding") or {}))
    if r.found:  # report the rules the readable parts break too
        r.stop(scheme_findings((scale[0], scale[1]), rounding or Rounding(), bands, zones))
    read_parts = {"minimum": scale[0], "maximum": scale[1], "bands": bands, "zones": zones}
    version = str(r.required(raw, "version"))
    return build(r, ZoneScheme, {**raw, **read_parts, "rounding": rounding, "version": version})


def _parts(r: Reader, raw: Mapping[str, Any], key: str, cls: type[T]) -> list[T | None]:
    with r.at(key):
        items = r.attempt(lambda: r.sequence(r.required(raw, key)))
    parts: list[T | None] = []
    for i, item in enumerate(items or []):
        with r.at(key, i):
            parts.append(r.attempt(functools.partial(build, r, cls, item)))
    return parts


def _number(r: Reader, raw: Mapping[str, Any], key: str) -> Fraction:
    value = r.required(raw, key)
    with r.at(key):
        return to_exact(value, what=key)

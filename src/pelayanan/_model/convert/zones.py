"""Zone schemes as plain data and back."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from pelayanan._model.convert._common import band_from, metadata_from, rounding_from, zone_from
from pelayanan._model.convert._fields import plain
from pelayanan._model.convert._reader import Data, Reader, read_text
from pelayanan._model.numbers import Rounding, to_exact
from pelayanan._model.zones import Applies, ZoneScheme, scheme_findings

__all__ = ["zone_scheme_from_data", "zone_scheme_to_data"]

T = TypeVar("T")


def _applies_from(r: Reader, data: object) -> Applies:
    raw = r.mapping(data)
    years = r.sequence(r.required(raw, "years"))
    levels = r.sequence(raw.get("levels", []))
    return r.build(Applies, series=r.required(raw, "series"), years=years, levels=levels)


def zone_scheme_to_data(scheme: ZoneScheme) -> Data:
    """The zone scheme as plain data (``applies`` only when the scheme has entries, so the
    content hash of a scheme without them is what it always was)."""
    return plain(scheme)  # type: ignore[no-any-return]


def zone_scheme_from_data(data: Mapping[str, Any]) -> ZoneScheme:
    """Build a :class:`ZoneScheme` from plain data; raises :class:`ConversionError` listing
    every part that cannot be read and, with the parts that can, every rule they break."""
    r = Reader()
    raw = r.mapping(data)
    zones = _parts(r, raw, "zones", zone_from)
    bands = _parts(r, raw, "bands", band_from)
    scale = tuple(
        r.attempt(functools.partial(_number, r, raw, key)) for key in ("minimum", "maximum")
    )
    with r.at("rounding"):
        rounding = r.attempt(lambda: rounding_from(r, raw.get("rounding")) or Rounding())
    if r.found:  # report the rules the readable parts break too
        r.stop(scheme_findings((scale[0], scale[1]), rounding or Rounding(), bands, zones))
    with r.at("metadata"):
        metadata = metadata_from(r, raw.get("metadata", {}))
    applies = []
    for i, item in enumerate(r.sequence(raw.get("applies", []))):
        with r.at("applies", i):
            applies.append(_applies_from(r, item))
    return r.build(
        ZoneScheme,
        id=r.required(raw, "id"),
        version=str(r.required(raw, "version")),
        title=read_text(r.required(raw, "title")),
        minimum=scale[0],
        maximum=scale[1],
        bands=bands,
        zones=zones,
        rounding=rounding,
        clamp=bool(raw.get("clamp", False)),
        metadata=metadata,
        applies=applies,
    )


def _parts(
    r: Reader, raw: Mapping[str, Any], key: str, read: Callable[[Reader, object], T]
) -> list[T | None]:
    with r.at(key):
        items = r.attempt(lambda: r.sequence(r.required(raw, key)))
    parts: list[T | None] = []
    for i, item in enumerate(items or []):
        with r.at(key, i):
            parts.append(r.attempt(functools.partial(read, r, item)))
    return parts


def _number(r: Reader, raw: Mapping[str, Any], key: str) -> Fraction:
    value = r.required(raw, key)
    with r.at(key):
        return to_exact(value, what=key)

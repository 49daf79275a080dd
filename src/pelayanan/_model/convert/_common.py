"""Converters for the parts that several documents share.

Metadata, rounding rules, scales and weights appear in rubrics and zone schemes (scales and
weights also in overlays); bands and zones appear in zone schemes and in assessment results.
Private to :mod:`pelayanan._model.convert`.
"""

from __future__ import annotations

from collections.abc import Mapping

from pelayanan._model.convert._fields import build
from pelayanan._model.convert._reader import Reader
from pelayanan._model.numbers import to_exact
from pelayanan._model.policies import ParamRef
from pelayanan._model.rubric import Weight
from pelayanan._model.scales import (
    BooleanScale,
    NumericScale,
    OrdinalScale,
    Scale,
    check_level_count,
)

__all__ = [
    "scale_from",
    "weight_from",
]


# ----------------------------------------------------------------------------- metadata


# ----------------------------------------------------------------------------- scales, weights


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def scale_from(r: Reader, data: object, named: Mapping[str, Scale]) -> Scale:
    """A scale from plain data: ``"boolean"``, a name in ``named``, or a scale mapping."""
    if isinstance(data, str):
        if data == "boolean":
            return BooleanScale()
        if data in named:
            return named[data]
        r.refuse(f"unknown scale {data!r}; declare it under 'scales'")
    raw = dict(r.mapping(data))
    kind = r.required(raw, "type")
    if kind == "ordinal" and "levels" not in raw and "from" in raw:
        with r.at("from"):
            low = _whole(raw["from"])
        with r.at("to"):
            high = _whole(r.required(raw, "to"))
            if high > low:
                check_level_count(high - low + 1)
        return r.build(OrdinalScale.from_range, low, high, raw.get("labels", []))
    if kind not in _SCALES:
        with r.at("type"):
            r.refuse(f"expected 'boolean', 'ordinal' or 'numeric', got {kind!r}")
    del raw["type"]
    return build(r, _SCALES[kind], raw)


_SCALES: dict[object, type[Scale]] = {s.kind: s for s in (BooleanScale, OrdinalScale, NumericScale)}


def weight_from(r: Reader, data: object) -> Weight:
    """A node's weight from plain data, read below ``weight``."""
    if isinstance(data, Mapping):
        with r.at("weight"):
            return r.build(ParamRef, r.required(data, "param"))
    with r.at("weight"):
        return r.build(lambda v: to_exact(v, what="weight"), data)


# ----------------------------------------------------------------------------- bands, zones

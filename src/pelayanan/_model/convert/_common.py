"""Converters for the parts that several documents share.

Metadata, rounding rules, scales and weights appear in rubrics and zone schemes (scales and
weights also in overlays); bands and zones appear in zone schemes and in assessment results.
Private to :mod:`pelayanan._model.convert`.
"""

from __future__ import annotations

from collections.abc import Mapping

from pelayanan._model.convert._reader import Reader
from pelayanan._model.numbers import to_exact
from pelayanan._model.policies import ParamRef
from pelayanan._model.rubric import Weight

__all__ = ["weight_from"]


# ----------------------------------------------------------------------------- weights


def weight_from(r: Reader, data: object) -> Weight:
    """A node's weight from plain data, read below ``weight``."""
    if isinstance(data, Mapping):
        with r.at("weight"):
            return r.build(ParamRef, r.required(data, "param"))
    with r.at("weight"):
        return r.build(lambda v: to_exact(v, what="weight"), data)


# ----------------------------------------------------------------------------- bands, zones

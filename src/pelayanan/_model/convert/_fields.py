"""The converters' view of an attrs class: its fields in data order, each with its key.

Written and read from the fields themselves (:func:`pelayanan._model.shape.shape` metadata
says where a document differs), so no model class has a hand-written pair of converters.
Private to :mod:`pelayanan._model.convert`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pelayanan._model.numbers import exact_to_str
from pelayanan._model.text import Text

__all__ = ["Spot", "number_data", "plain", "spots"]

REQUIRED: Any = attrs.NOTHING


@attrs.frozen
class Spot:
    """One field as data: ``key`` is its path in the mapping (empty: flattened into it),
    ``default`` is :data:`REQUIRED` for a required field, ``pairs`` when a tuple of
    ``(name, value)`` pairs is written as a mapping."""

    name: str
    key: tuple[str, ...]
    omit: str
    default: Any
    derived: bool
    hint: Any
    pairs: bool


def _is_pairs(hint: Any) -> bool:
    args = typing.get_args(hint)
    if typing.get_origin(hint) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
        return False
    item = args[0]
    return typing.get_origin(item) is tuple and typing.get_args(item)[0] is str


@functools.cache
def spots(cls: Any) -> tuple[Spot, ...]:
    """The fields of ``cls`` that are data, in the order their keys are written."""
    hints = typing.get_type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init or f.metadata.get("derived")]
    ordered = [f for f in fields if f.metadata.get("after") is None]
    moved = [f for f in fields if f.metadata.get("after") is not None]
    while moved:  # each moved field goes right after its anchor, once the anchor is placed
        names = [f.name for f in ordered]
        field = next(f for f in moved if f.metadata["after"] in ("", *names))
        moved.remove(field)
        after = field.metadata["after"]
        ordered.insert(names.index(after) + 1 if after else 0, field)
    found = []
    for field in ordered:
        default = field.default
        if isinstance(default, attrs.Factory) and not default.takes_self:  # type: ignore[arg-type]
            default = default.factory()
        key = field.metadata.get("key", field.name)
        found.append(
            Spot(
                name=field.name,
                key=tuple(key.split("/")) if key else (),
                omit=field.metadata.get("omit", "none"),
                default=default,
                derived=bool(field.metadata.get("derived")),
                hint=hints[field.name],
                pairs=_is_pairs(hints[field.name]),
            )
        )
    return tuple(found)


def plain(obj: Any) -> Any:
    """A model object as plain data, driven by its attrs fields (see :func:`spots`).

    Exact numbers become :func:`number_data`, decimals and dates their text, texts a mapping
    of language to text, enums their value, tuples lists (tuples of pairs: mappings), attrs
    objects mappings of their fields; a class with a ``kind`` class variable (the scales)
    writes it first, as ``type``.
    """
    if isinstance(obj, Fraction):
        return number_data(obj)
    if isinstance(obj, Text):
        return obj.as_dict()
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, Decimal | dt.date):
        return obj.isoformat() if isinstance(obj, dt.date) else str(obj)
    if isinstance(obj, tuple | list):
        return [plain(item) for item in obj]
    cls: Any = type(obj)
    if not attrs.has(cls):
        return obj
    data: dict[str, Any] = {}
    kind = getattr(cls, "kind", None)
    if isinstance(kind, str) and "kind" not in attrs.fields_dict(cls):
        data["type"] = kind
    for spot in spots(cls):
        value = getattr(obj, spot.name)
        if (value is None and spot.omit != "never") or (
            spot.omit == "default" and value == spot.default
        ):
            continue
        written = {k: plain(v) for k, v in value} if spot.pairs else plain(value)
        if not spot.key:
            data.update(written)
            continue
        place = data
        for part in spot.key[:-1]:
            place = place.setdefault(part, {})
        place[spot.key[-1]] = written
    return data


def number_data(value: Fraction) -> int | str:
    """An exact number as plain data: an integer when whole, its exact text otherwise."""
    whole = value.denominator == 1 and -(10**4000) < value.numerator < 10**4000
    return value.numerator if whole else exact_to_str(value)  # huge integers as text

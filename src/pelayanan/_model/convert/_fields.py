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
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from types import UnionType
from typing import Any, TypeVar, Union

import attrs

from pelayanan._model.convert._reader import (
    Reader,
    read_text,
)
from pelayanan._model.limits import current_limits
from pelayanan._model.numbers import exact_to_str, to_exact
from pelayanan._model.problems import listing
from pelayanan._model.records import TargetResult
from pelayanan._model.scales import ScaleLevel
from pelayanan._model.text import Text
from pelayanan._model.zones import Band, Zone

__all__ = ["Spot", "build", "number_data", "plain", "spots"]

T = TypeVar("T")

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
    fields = [
        f for f in attrs.fields(attrs.resolve_types(cls)) if f.init or f.metadata.get("derived")
    ]
    hints = {field.name: field.type for field in fields}
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


# ----------------------------------------------------------------------------- reading


def _as_text(raw: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {**raw, **{key: str(raw[key]) for key in keys if raw.get(key) is not None}}


_FILL: dict[type, Callable[[Mapping[str, Any]], Mapping[str, Any]]] = {
    Band: lambda raw: {"label": raw.get("code", ""), **raw},
    Zone: lambda raw: {"label": raw.get("id", ""), **raw},
    ScaleLevel: lambda raw: {"label": str(raw.get("value")), **raw},
    TargetResult: lambda raw: _as_text(raw, "period", "agreed_at"),
}
"""What a document may leave out or write loosely, filled in before the fields are read: a
label defaults to the code, id or value it labels; a target's period and agreement date are
text even when written as numbers."""


def build(r: Reader, cls: type[T], data: object) -> T:
    """An object of the attrs class ``cls`` from plain data, each field read at its key.

    A field the class converts or validates is given as found (the class places its errors);
    a field it does not check is checked here by its type (text, count, exact number,
    decimal, boolean, enum). Attrs values, and tuples of them, are built in turn at their
    keys and indexes, at most ``Limits.max_tree_depth`` of one class inside each other.
    Keys the class does not know are refused.
    """
    raw = r.mapping(data)
    raw = _FILL[cls](raw) if cls in _FILL else raw
    limit = current_limits().max_tree_depth
    if r.depth.get(cls, 0) >= limit:
        r.refuse(f"nested more than {limit} levels deep (Limits.max_tree_depth)")
    r.depth[cls] = r.depth.get(cls, 0) + 1
    try:
        values = {spot.name: value for spot, value in _values(r, cls, raw) if value is not _ABSENT}
    finally:
        r.depth[cls] -= 1
    return r.build(cls, **values)


_ABSENT: Any = object()


def _values(r: Reader, cls: Any, raw: Mapping[str, Any]) -> Iterator[tuple[Spot, Any]]:
    fields = attrs.fields_dict(cls)
    unknown = set(raw) - _keys(cls)
    if unknown:
        r.refuse(f"unknown key {min(unknown)!r}; expected one of {listing(sorted(_keys(cls)))}")
    for spot in spots(cls):
        if spot.derived:
            continue
        if not spot.key:  # flattened: the attrs value reads its keys from this mapping
            yield spot, build(r, spot.hint, {k: v for k, v in raw.items() if k in _keys(spot.hint)})
            continue
        place: Any = raw
        for depth, part in enumerate(spot.key):
            with r.at(*spot.key[:depth]):
                place = r.mapping(place) if depth else place
                if place.get(part) is None and (part not in place or depth < len(spot.key) - 1):
                    if spot.default is REQUIRED:
                        r.refuse(f"missing required key {part!r}")
                    place = _ABSENT
                    break
            place = place[part]
        if place is _ABSENT:
            yield spot, _ABSENT
            continue
        field = fields[spot.name]
        with r.at(*spot.key):
            value = _read(r, spot.hint, place, checked=bool(field.converter or field.validator))
        yield spot, value


@functools.cache
def _keys(cls: Any) -> frozenset[str]:
    """The top-level keys a mapping of ``cls`` may have."""
    keys: set[str] = set()
    for spot in spots(cls):
        keys.update(_keys(spot.hint) if not spot.key else spot.key[:1])
    return frozenset(keys)


def _read(r: Reader, hint: Any, value: Any, *, checked: bool) -> Any:
    """``value`` read as ``hint`` (see :func:`build`)."""
    if attrs.has(hint) and isinstance(value, hint):
        return value  # read already
    if isinstance(hint, UnionType) or typing.get_origin(hint) is Union:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        built = [a for a in options if attrs.has(a) and a is not Text]
        if isinstance(value, Mapping) and len(built) == 1:
            return build(r, built[0], value)
        return _read(r, options[0], value, checked=checked) if len(options) == 1 else value
    if hint is Text:
        return read_text(value)
    if attrs.has(hint):
        return build(r, hint, value)
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and args[-1] is Ellipsis:
        if _is_pairs(hint):
            pairs = r.mapping(value)
            return pairs if checked else tuple(sorted(_text(k, v) for k, v in pairs.items()))
        if checked and not attrs.has(args[0]):
            return value
        items = []
        for i, item in enumerate(r.sequence(value)):
            with r.at(i):
                items.append(_read(r, args[0], item, checked=False))
        return tuple(items)
    if checked:
        return value
    return _READ_AS.get(hint, _as_is)(value) if not _is_enum(hint) else hint(value)


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def _as_is(value: Any) -> Any:
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__} {value!r}")
    return value


def _text(key: object, value: object) -> tuple[str, str]:
    if not isinstance(key, str) or not isinstance(value, str):
        raise ValueError(f"expected text keys and values, got {key!r}: {value!r}")
    return key, value


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a count (a whole number, 0 or more), got {value!r}")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _decimal(value: object) -> Decimal:
    """A decimal written as text or a number, e.g. ``"80.95"`` (a published score)."""
    exact = to_exact(value, what="published score")  # bounded before Decimal sees it
    text = str(value).strip()
    if "/" in text or isinstance(value, bool) or Fraction(Decimal(text)) != exact:
        raise ValueError(f"expected a published score such as '80.95', got {value!r}")
    return Decimal(text)


_READ_AS: dict[Any, Callable[[Any], Any]] = {
    str: _str,
    int: _count,
    bool: _bool,
    Fraction: to_exact,
    Decimal: _decimal,
}
"""How a field the class does not check is read, by its type."""

"""Overlays from plain data: :func:`read_overlay` (written by the generic converter).

Private to :mod:`pelayanan._model.tailoring`, which re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from pelayanan._i18n import N_
from pelayanan._model.convert._common import scale_from
from pelayanan._model.convert._reader import Reader, read_text
from pelayanan._model.policies import ParamRef
from pelayanan._model.problems import Message
from pelayanan._model.rubric import Weight
from pelayanan._model.scales import Scale
from pelayanan._model.tailoring._overlay import (
    ID_RE,
    Addition,
    Overlay,
    Replacement,
    check_id_list,
    to_points,
    to_weight,
)

__all__ = ["read_overlay"]

T = TypeVar("T")

_KEYS = ("id", "version", "base", "title", "drop", "select", "reweight", "rename", "substitute")
_OVERLAY_KEYS = frozenset({*_KEYS, "zone_scheme", "parameters", "notes", "add", "$schema"})
_ADDITION_KEYS = frozenset({"id", "title", "into", "scale", "description", "weight", "points"})
_REPLACEMENT_KEYS = frozenset({"id", "title", "scale", "description", "weight", "points"})


def _addition_from(r: Reader, value: object) -> Addition:
    raw = r.mapping(value)
    _known(r, raw, _ADDITION_KEYS)
    fields: dict[str, Any] = {"id": r.required(raw, "id"), "title": r.required(raw, "title")}
    readers: dict[str, Callable[[object], Any]] = {
        "into": lambda v: _string(r, v, N_("a group id")),
        "title": lambda v: r.build(read_text, v),
        "description": lambda v: r.build(read_text, v),
        "scale": lambda v: _scale(r, v),
        "weight": lambda v: _weight_from(r, v),
        "points": lambda v: r.build(to_points, v),
    }
    for key, read in readers.items():
        if key in raw and raw[key] is not None:
            with r.at(key):
                fields[key] = read(raw[key])
    return r.build(Addition, **fields)


def _additions_from(r: Reader, value: object) -> list[Addition]:
    items = []
    for i, item in enumerate(r.sequence(value)):
        with r.at(i):
            items.append(_addition_from(r, item))
    return items


_REF = N_("'id' or 'id@version'")


def _known(r: Reader, raw: Mapping[str, Any], keys: frozenset[str]) -> None:
    for key in raw:
        if key not in keys:
            with r.at(str(key)):
                r.refuse(N_("unknown key; expected one of {keys}"), keys=", ".join(sorted(keys)))


def _string(r: Reader, value: object, what: str) -> str:
    """Text; YAML numbers such as ``2024`` or ``0.11`` (``int``, ``Decimal``) as written."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        r.refuse(N_("expected {what}, got {value!r}"), what=Message(what), value=value)
    return str(value)


def _weight_from(r: Reader, value: object) -> Weight:
    if isinstance(value, Mapping):
        _known(r, value, frozenset({"param"}))
        with r.at("param"):
            return r.build(ParamRef, _string(r, r.required(value, "param"), N_("a parameter id")))
    return r.build(to_weight, value)


def _scale(r: Reader, value: object) -> Scale:
    if isinstance(value, str) and value != "boolean":
        r.refuse(N_("expected 'boolean' or a scale mapping, got {value!r}"), value=value)
    return scale_from(r, value, {})


def _replacement_from(r: Reader, value: object) -> Replacement:
    raw = r.mapping(value)
    _known(r, raw, _REPLACEMENT_KEYS)
    fields: dict[str, Any] = {"id": r.required(raw, "id"), "title": r.required(raw, "title")}
    readers: dict[str, Callable[[object], Any]] = {
        "title": lambda v: r.build(read_text, v),
        "description": lambda v: r.build(read_text, v),
        "scale": lambda v: _scale(r, v),
        "weight": lambda v: _weight_from(r, v),
        "points": lambda v: r.build(to_points, v),
    }
    for key, read in readers.items():
        if key in raw:
            with r.at(key):
                fields[key] = read(raw[key])
    return r.build(Replacement, **fields)


def _strings_from(r: Reader, value: object, what: str) -> list[str]:
    items = []
    for i, item in enumerate(r.sequence(value)):
        with r.at(i):
            items.append(_string(r, item, what))
    return items


def _ids_from(r: Reader, value: object) -> list[str]:
    ids = _strings_from(r, value, N_("an id"))
    r.build(check_id_list, r.path[-1], ids)
    return ids


def _map_from(r: Reader, value: object, read: Callable[[object], T]) -> dict[str, T]:
    out: dict[str, T] = {}
    for key, item in r.mapping(value).items():
        with r.at(str(key)):
            if not ID_RE.match(str(key)):
                r.refuse(N_("expected an id as key, got {key!r}"), key=key)
            out[str(key)] = read(item)
    return out


def _checked(r: Reader, name: str, value: str) -> str:
    """``value`` checked by the validator of :class:`Overlay` field ``name``."""
    field = attrs.fields_dict(Overlay)[name]
    assert field.validator is not None
    r.build(field.validator, None, field, value)
    return value


def read_overlay(r: Reader, data: Any) -> Overlay:
    """An :class:`Overlay` from plain data; raises :class:`ConversionError` with a pointer."""
    raw = r.mapping(data)
    _known(r, raw, _OVERLAY_KEYS)
    for key in ("id", "version", "base"):
        r.required(raw, key)
    readers: dict[str, Callable[[object], Any]] = {
        "id": lambda v: _checked(r, "id", _string(r, v, N_("an id"))),
        "version": lambda v: _checked(r, "version", _string(r, v, N_("a version"))),
        "base": lambda v: _checked(r, "base", _string(r, v, _REF)),
        "title": lambda v: r.build(read_text, v),
        "drop": lambda v: _ids_from(r, v),
        "select": lambda v: _ids_from(r, v),
        "reweight": lambda v: _map_from(r, v, lambda w: _weight_from(r, w)),
        "rename": lambda v: _map_from(r, v, lambda t: r.build(read_text, t)),
        "substitute": lambda v: _map_from(r, v, lambda s: _replacement_from(r, s)),
        "zone_scheme": lambda v: _checked(r, "zone_scheme", _string(r, v, _REF)),
        "parameters": lambda v: _map_from(r, v, lambda c: _string(r, c, N_("a choice name"))),
        "notes": lambda v: _strings_from(r, v, N_("a note")),
        "add": lambda v: _additions_from(r, v),
    }
    fields: dict[str, Any] = {}
    for key, read in readers.items():
        if raw.get(key) is not None:
            with r.at(key):
                fields[key] = read(raw[key])
    return r.build(Overlay, **fields)

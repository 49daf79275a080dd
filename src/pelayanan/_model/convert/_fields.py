"""The converters' view of an attrs class: its fields in data order, each with its key.

Written and read from the fields themselves (:func:`pelayanan._model.shape.shape` metadata
says where a document differs), so no model class has a hand-written pair of converters.
Private to :mod:`pelayanan._model.convert`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import UnionType
from typing import Any, NoReturn, TypeVar, Union

import attrs

from pelayanan._i18n import N_
from pelayanan._model.convert._reader import (
    _RAW_ERRORS,
    ConversionError,
    Reader,
    Unreadable,
    read_text,
)
from pelayanan._model.limits import current_limits
from pelayanan._model.numbers import exact_to_str, to_decimal, to_exact
from pelayanan._model.problems import (
    Finding,
    InvalidValueError,
    Message,
    RuleError,
    listing,
    suggest,
)
from pelayanan._model.records import TargetResult
from pelayanan._model.rubric import Group, Indicator, Node, Rubric
from pelayanan._model.scales import (
    BooleanScale,
    NumericScale,
    OrdinalScale,
    Scale,
    ScaleLevel,
    check_level_count,
)
from pelayanan._model.text import Text
from pelayanan._model.zones import Band, Zone, ZoneScheme

__all__ = [
    "Spot",
    "build",
    "built_parts",
    "number_data",
    "plain",
    "read_node",
    "read_scale",
    "spots",
]

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
        field = next((f for f in moved if f.metadata["after"] in ("", *names)), None)
        if field is None:  # a typo in the class, not bad data
            wanted = sorted(f.metadata["after"] for f in moved)
            raise TypeError(f"{cls.__name__}: shape(after=...) names no field: {wanted}")
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
    write = _WRITE.get(type(obj))
    if write is not None:
        return write(obj)
    if isinstance(obj, enum.Enum):
        return obj.value
    cls: Any = type(obj)
    if not attrs.has(cls):
        for kind, write in _WRITE.items():  # subclasses: a pandas Timestamp is a datetime
            if isinstance(obj, kind):
                return write(obj)
        return obj
    tag, plan = _written(cls)
    data: dict[str, Any] = dict(tag)
    for spot in plan:
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


def _same(value: Any) -> Any:
    return value


def _list(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [plain(item) for item in value]


_WRITE: dict[type, Callable[[Any], Any]] = {
    str: _same,
    int: _same,
    bool: _same,
    type(None): _same,
    Fraction: lambda value: number_data(value),
    Decimal: str,
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    Text: Text.as_dict,
    tuple: _list,
    list: _list,
}
"""How a value that is no attrs object (nor an enum) is written, by its exact type."""


@functools.cache
def _written(cls: Any) -> tuple[tuple[tuple[str, str], ...], tuple[Spot, ...]]:
    """The ``type`` tag (scales: their ``kind``) and the fields of ``cls`` as written."""
    kind = getattr(cls, "kind", None)
    if isinstance(kind, str) and "kind" not in attrs.fields_dict(cls):
        return (("type", kind),), spots(cls)
    return (), spots(cls)


def number_data(value: Fraction) -> int | str:
    """An exact number as plain data: an integer when whole, its exact text otherwise."""
    whole = value.denominator == 1 and -_HUGE < value.numerator < _HUGE
    return value.numerator if whole else exact_to_str(value)  # huge integers as text


_HUGE = 10**4000
"""Integers this large are written as text (computed once: it costs 70 µs to compute)."""


# ----------------------------------------------------------------------------- reading


def _as_text(raw: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {**raw, **{key: str(raw[key]) for key in keys if raw.get(key) is not None}}


def _without(*keys: str) -> Callable[[Mapping[str, Any]], Mapping[str, Any]]:
    return lambda raw: {k: v for k, v in raw.items() if k not in keys}


_FILL: dict[type, Callable[[Mapping[str, Any]], Mapping[str, Any]]] = {
    Rubric: lambda raw: _as_text(_without("scales", "weights_sum")(raw), "version"),
    ZoneScheme: lambda raw: _as_text(raw, "version"),
    Group: _without("weights_sum"),
    Indicator: _without("weights_sum"),
    Band: lambda raw: {"label": raw.get("code", ""), **raw},
    Zone: lambda raw: {"label": raw.get("id", ""), **raw},
    ScaleLevel: lambda raw: {"label": str(raw.get("value")), **raw},
    TargetResult: lambda raw: _as_text(raw, "period", "agreed_at"),
}
"""What a document may leave out or write loosely, filled in before the fields are read: a
label defaults to the code, id or value it labels; the version of a rubric or zone scheme
and a target's period and agreement date are text even when written as numbers; a node's
declared weight total is the documents' check (the model adds the weights up itself), and a
rubric's named scales are read into its indicators (``read_rubric``)."""


def build(r: Reader, cls: type[T], data: object) -> T:
    """An object of the attrs class ``cls`` from plain data, each field read at its key.

    A field the class converts or validates is given as found (the class places its errors);
    a field it does not check is checked here by its type (text, count, exact number,
    decimal, boolean, enum). Attrs values, and tuples of them, are built in turn at their
    keys and indexes, at most ``Limits.max_tree_depth`` of one class inside each other.
    Keys the class does not know are refused.
    """
    kind: Any = cls  # hashable, for the caches
    raw = r.mapping(data)
    raw = _FILL[kind](raw) if kind in _FILL else raw
    depth = r.depth.get(kind, 0)
    if depth and depth >= current_limits().max_tree_depth:  # one inside another
        limit = current_limits().max_tree_depth
        r.refuse(f"nested more than {limit} levels deep (Limits.max_tree_depth)")
    keys = _keys(kind)
    failed = _Failed()
    for unknown in sorted(set(raw) - keys, key=str):  # at the key, as the schema places it
        with failed, r.at(str(unknown)):
            message = N_("unknown key {key!r}{hint}; expected one of {keys}")
            hint = suggest(str(unknown), keys)
            r.refuse(message, key=unknown, hint=hint, keys=listing(sorted(keys)))
    r.depth[kind] = depth + 1
    values: dict[str, Any] = {}
    try:
        for name, key, required, read, nests in _plan(kind):
            with failed:  # every field is read, so one pass reports every problem
                value = _field(r, raw, key, required, read, nests)
                if value is not _ABSENT:
                    values[name] = value
    finally:
        r.depth[kind] = depth
    if failed.found or failed.unreadable:  # what the fields that could be read break, too
        failed.found.extend(_field_problems(r, kind, values))
        failed.stop()
    try:
        built = cls(**values)
    except (RuleError, *_RAW_ERRORS) as error:
        _place(r, kind, values, error)
    if r.built is not None:
        r.built.append((r.pointer, built))
    return built


def _field(
    r: Reader, raw: Mapping[str, Any], key: tuple[str, ...], required: bool, read: Any, nests: bool
) -> Any:
    if not key:  # flattened: its keys are among these
        return read(r, raw)
    value = _dig(r, raw, key, required)
    if value is _ABSENT or read is None:
        return value
    if nests:
        with r.at(*key):
            return read(r, value)
    try:  # a leaf reads without a place; read again at its place if it fails
        return read(r, value)
    except _RAW_ERRORS:
        with r.at(*key):
            read(r, value)
        raise


class _Failed:
    """Keeps the problems of the parts read in its ``with`` blocks, so that reading goes on
    to the next part; :meth:`stop` raises them all."""

    def __init__(self) -> None:
        self.found: list[Finding] = []
        self.unreadable = False

    def __enter__(self) -> None:
        pass

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> bool:
        if isinstance(error, ConversionError):
            self.found.extend(error.findings)
        elif isinstance(error, Unreadable):
            self.unreadable = True
        else:
            return False
        return True

    def stop(self) -> None:
        if self.found:  # (fields kept below one key each miss it: said once)
            raise ConversionError.of(list(dict.fromkeys(self.found)))
        if self.unreadable:
            raise Unreadable


def _place(r: Reader, cls: Any, values: dict[str, Any], error: Exception) -> NoReturn:
    """Raise what ``cls(**values)`` raised as a :class:`ConversionError` placed where it
    belongs: at the fields that cause it (:func:`_field_problems`), else at the object."""
    found = _field_problems(r, cls, values)
    if found:
        raise ConversionError.of(found)
    r.build(_reraise, error)


def _field_problems(r: Reader, cls: Any, values: dict[str, Any]) -> list[Finding]:
    """What each field the class converts or validates breaks, tried alone: a raw error is
    placed at the field's key (a list's or mapping's item at its own place when the
    conversion fails), so a document names the value to fix; a rule the model reports
    (:class:`RuleError`) carries its own pointers, relative to the object."""
    found: list[Finding] = []
    fields = attrs.fields(cls)
    keys = {name: key for name, key, *_ in _plan(cls)}
    converted: dict[str, Any] = {f.name: _default(f.default) for f in fields if f.init}
    converted.update(values)
    for field in fields:
        if field.name in values and keys.get(field.name) and field.converter is not None:
            try:
                value = _try(r, keys[field.name], field.converter, values[field.name])
                converted[field.name] = value
            except ConversionError as located:
                found.extend(located.findings)
                del converted[field.name]
    stand_in = types.SimpleNamespace(**converted)  # what a validator may read of the object
    for field in fields:
        given = field.name in values and field.name in converted  # (and converted)
        if given and field.name in keys and field.validator is not None:
            check = functools.partial(field.validator, stand_in, field)
            try:
                _try(r, keys[field.name], check, converted[field.name], items=False)
            except ConversionError as located:
                found.extend(located.findings)
            except Exception:  # a check that needs the whole object: not this field's
                continue
    return found


def _reraise(error: Exception) -> NoReturn:
    raise error


def _try(
    r: Reader, key: tuple[str, ...], call: Callable[[Any], Any], value: Any, items: bool = True
) -> Any:
    """``call(value)``: a raw error is placed at ``key`` (with ``items``, at each item of a
    list or mapping that fails alone, if any does), a :class:`RuleError` at the object."""
    try:
        return r.build(call, value)  # a RuleError's pointers: relative to the object
    except ConversionError as error:
        if any(finding.rule for finding in error.findings):
            raise
    with r.at(*key):
        if items and isinstance(value, Mapping | list | tuple):
            failed = _Failed()
            mapping = isinstance(value, Mapping)
            places: Any = value.items() if isinstance(value, Mapping) else enumerate(value)
            for place, item in places:
                with failed, r.at(str(place) if mapping else place):
                    call({place: item} if mapping else [item])
            failed.stop()
        return call(value)


def _default(default: Any) -> Any:
    if isinstance(default, attrs.Factory) and not default.takes_self:  # type: ignore[arg-type]
        return default.factory()
    return None if default is attrs.NOTHING else default


_ABSENT: Any = object()


def built_parts(r: Reader, raw: Any, key: str, cls: type[T]) -> list[T | None]:
    """The objects of ``cls`` that ``r`` built from the list at ``key`` of ``raw``, by
    index, ``None`` for an item that could not be built (``r.built`` must be recording)."""
    built = {at: part for at, part in r.built or () if isinstance(part, cls)}
    items = raw.get(key) if isinstance(raw, Mapping) else None
    count = len(items) if isinstance(items, list | tuple) else 0
    return [built.get(f"{r.pointer}/{key}/{i}") for i in range(count)]


Read = Callable[[Reader, Any], Any]


@functools.cache
def _plan(cls: Any) -> tuple[tuple[str, tuple[str, ...], bool, Read | None, bool], ...]:
    """How each field of ``cls`` is read: name, key, required, its reader (``None``: given as
    found) and whether the reader builds objects below (so it reads at the field's place)."""
    fields = attrs.fields_dict(cls)
    plan: list[tuple[str, tuple[str, ...], bool, Read | None, bool]] = []
    for spot in spots(cls):
        if spot.derived:
            continue
        if not spot.key:
            plan.append((spot.name, (), False, _flattened(spot.hint), True))
            continue
        field = fields[spot.name]
        checked = field.converter is not None or field.validator is not None
        read = _reader(spot.hint, checked)
        plan.append((spot.name, spot.key, spot.default is REQUIRED, read, _nests(spot.hint)))
    return tuple(plan)


def _nests(hint: Any) -> bool:
    """Whether a value of type ``hint`` holds attrs objects or items read at their index."""
    if attrs.has(hint) and hint is not Text:
        return True
    if typing.get_origin(hint) is tuple:
        return True
    return any(_nests(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)


def _flattened(cls: Any) -> Read:
    keys = _keys(cls)

    def read(r: Reader, raw: Mapping[str, Any]) -> Any:
        own = {key: value for key, value in raw.items() if key in keys}
        return build(r, cls, own) if own else _ABSENT  # none: the field's default

    return read


def _dig(r: Reader, raw: Mapping[str, Any], key: tuple[str, ...], required: bool) -> Any:
    """The value at ``key`` (a path of keys), or ``_ABSENT``; a missing required key, or a
    parent that is no mapping, is refused where it is."""
    place: Any = raw
    for depth, part in enumerate(key):
        if depth and not isinstance(place, Mapping):
            with r.at(*key[:depth]):
                r.mapping(place)
        if place.get(part) is None and (part not in place or depth < len(key) - 1):
            if required:
                with r.at(*key[:depth]):
                    r.refuse(f"missing required key {part!r}")
            return _ABSENT
        place = place[part]
    return place


@functools.cache
def _keys(cls: Any) -> frozenset[str]:
    """The top-level keys a mapping of ``cls`` may have."""
    keys: set[str] = set()
    for spot in spots(cls):
        keys.update(_keys(spot.hint) if not spot.key else spot.key[:1])
    return frozenset(keys)


@functools.cache
def _reader(hint: Any, checked: bool) -> Read | None:
    """How a value of type ``hint`` is read (see :func:`build`); ``None``: as found."""
    if hint in _UNIONS:
        return _UNIONS[hint]
    if isinstance(hint, UnionType) or typing.get_origin(hint) is Union:
        return _union(hint, checked)
    if hint is Text:
        return lambda r, value: read_text(value)
    if attrs.has(hint):
        return lambda r, value: value if isinstance(value, hint) else build(r, hint, value)
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and args[-1] is Ellipsis:
        if _is_pairs(hint):
            item = typing.get_args(args[0])[1]
            if checked and (_nests(item) or item is Text):
                return _pairs(_reader(item, False))
            if checked:
                return lambda r, value: r.mapping(value)
            return lambda r, value: tuple(sorted(_text(k, v) for k, v in r.mapping(value).items()))
        if checked and not _nests(args[0]):
            return None
        return _items(_reader(args[0], False))
    if checked:
        return None
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda r, value: hint(value)
    leaf = _READ_AS.get(hint)
    return None if leaf is None else lambda r, value: leaf(value)


def _union(hint: Any, checked: bool) -> Read:
    options = [a for a in typing.get_args(hint) if a is not type(None)]
    nullable = len(options) < len(typing.get_args(hint))
    built = [a for a in options if attrs.has(a) and a is not Text]
    custom = _UNIONS.get(functools.reduce(operator.or_, options))
    one = _reader(options[0], checked) if len(options) == 1 else custom

    def read(r: Reader, value: Any) -> Any:
        if value is None and nullable:
            return None
        if custom is None and len(built) == 1 and isinstance(value, Mapping):
            return build(r, built[0], value)
        return value if one is None else one(r, value)

    return read


def _pairs(read: Read | None) -> Read:
    def pairs(r: Reader, value: Any) -> dict[str, Any]:
        found = {}
        for key, item in r.mapping(value).items():
            with r.at(str(key)):
                found[key] = item if read is None else read(r, item)
        return found

    return pairs


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        message = N_("expected a whole number, got {value}")
        raise InvalidValueError(Message(message, {"value": repr(value)}))
    return value


def read_scale(r: Reader, data: object) -> Scale:
    """A scale from plain data: ``"boolean"``, a name in :attr:`Reader.scales` (a rubric's
    named scales), a mapping whose ``type`` names the kind, or an ordinal range given by
    ``from`` and ``to`` (with optional ``labels``)."""
    if isinstance(data, BooleanScale | OrdinalScale | NumericScale):
        return data  # built already
    if isinstance(data, str):
        if data == "boolean":
            return BooleanScale()
        if data in r.scales:
            return r.scales[data]  # type: ignore[no-any-return]
        if r.declared is None:  # no named scales here (an overlay's replacement)
            r.refuse(N_("expected 'boolean' or a scale mapping, got {value!r}"), value=data)
        if data in r.declared:
            raise Unreadable  # a declared scale with problems of its own, reported there
        known = ["boolean", *r.declared]
        r.fail(
            N_("unknown scale {name!r}; declare it under 'scales' (declared: {declared}){hint}"),
            name=data,
            declared=listing(known),
            hint=suggest(data, known),
        )
    raw = dict(r.mapping(data))
    kind = raw.pop("type", None)
    if kind is None:
        r.refuse(N_("missing required key {key!r}"), key="type")
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
            r.refuse(N_("expected 'boolean', 'ordinal' or 'numeric', got {kind!r}"), kind=kind)
    return build(r, _SCALES[kind], raw)


_SCALES: dict[object, type[Scale]] = {s.kind: s for s in (BooleanScale, OrdinalScale, NumericScale)}


def read_node(r: Reader, data: object) -> Node:
    """A group (a mapping with ``children``) or an indicator."""
    if isinstance(data, Mapping) and "children" in data:
        return build(r, Group, data)
    return build(r, Indicator, data)


_UNIONS: dict[Any, Read] = {Scale: read_scale, Node: read_node}
"""Unions of attrs classes read by a function of their own (a scale's ``type`` says which)."""


def _items(read: Read | None) -> Read:
    def items(r: Reader, value: Any) -> tuple[Any, ...]:
        if read is None:
            return tuple(r.sequence(value))
        found = []
        failed = _Failed()
        for i, item in enumerate(r.sequence(value)):
            with failed, r.at(i):  # every item is read: one pass reports them all
                found.append(read(r, item))
        failed.stop()
        return tuple(found)

    return items


def _str(value: object) -> str:
    if not isinstance(value, str):
        kind = type(value).__name__
        message = N_("expected text, got {kind} {value}")
        raise InvalidValueError(Message(message, {"kind": kind, "value": repr(value)}))
    return value


def _text(key: object, value: object) -> tuple[str, str]:
    if not isinstance(key, str) or not isinstance(value, str):
        message = N_("expected text keys and values, got {key}: {value}")
        raise InvalidValueError(Message(message, {"key": repr(key), "value": repr(value)}))
    return key, value


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        message = N_("expected a count (a whole number, 0 or more), got {value}")
        raise InvalidValueError(Message(message, {"value": repr(value)}))
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(
            Message(N_("expected true or false, got {value}"), {"value": repr(value)})
        )
    return value


def _decimal(value: object) -> Decimal:
    """A decimal written as text or a number, e.g. ``"80.95"`` (a published score)."""
    return to_decimal(value, what="published score")


_READ_AS: dict[Any, Callable[[Any], Any]] = {
    str: _str,
    int: _count,
    bool: _bool,
    Fraction: to_exact,
    Decimal: _decimal,
}
"""How a field the class does not check is read, by its type."""

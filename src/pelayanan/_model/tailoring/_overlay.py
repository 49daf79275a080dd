"""The overlay model: :class:`Overlay` and :class:`Replacement`, with their field checks.

Private to :mod:`pelayanan._model.tailoring`, which re-exports the public names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from pelayanan._i18n import N_
from pelayanan._model.ids import ID_PATTERN, check_id
from pelayanan._model.numbers import exact_to_str, to_exact
from pelayanan._model.policies import ParamRef
from pelayanan._model.problems import Finding, Message, RuleError, pointer_join
from pelayanan._model.refs import split_ref
from pelayanan._model.rubric import Weight
from pelayanan._model.scales import Scale
from pelayanan._model.shape import shape
from pelayanan._model.text import Text, to_text

__all__ = ["Addition", "Overlay", "Replacement", "to_points", "to_weight"]

T = TypeVar("T")
_ID = ID_PATTERN.strip("^$")
_ID_RE = re.compile(ID_PATTERN)
_REF_RE = re.compile(rf"^{_ID}(@{_ID})?$")


def to_weight(value: object) -> Weight:
    """A positive exact weight, or a :class:`ParamRef` as it is."""
    if isinstance(value, ParamRef):
        return value
    weight = to_exact(value, what="weight")
    if weight <= 0:
        raise ValueError(f"weight: expected a positive number, got {exact_to_str(weight)}")
    return weight


def to_points(value: object) -> Fraction | None:
    """Exact points, zero or more, keeping ``None``."""
    points = None if value is None else to_exact(value, what="points")
    if points is not None and points < 0:
        raise ValueError(f"points: expected zero or more, got {exact_to_str(points)}")
    return points


def _check_ref(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _REF_RE.match(value):
        raise ValueError(f"{attribute.name}: expected 'id' or 'id@version', got {value!r}")


def _to_ids(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a list of ids, got the text {value!r}")
    return tuple(value)


def _to_notes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(note) for note in _to_ids(value))


def _check_ids(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    places = (pointer_join("", attribute.name, i) for i in range(len(value)))
    _check_id_list(attribute.name, list(value), places)


def _check_keys(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    keys = [key for key, _ in value]
    places = (pointer_join("", attribute.name, key) for key in keys)  # a mapping: at the key
    _check_id_list(attribute.name, keys, places)


def _check_additions(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _check_id_list("add", [item.id for item in value], (f"/add/{i}/id" for i in range(len(value))))


def _check_id_list(name: str, ids: list[Any], places: Iterable[str]) -> None:
    """Raise :class:`~pelayanan._model.problems.RuleError` unless ``ids`` (of field
    ``name``) are valid and distinct: each finding points at its item's place in the
    overlay (``/drop/2``), a repeat also at its first listing (``see``), so a document names
    both lines."""
    found: list[Finding] = []
    first: dict[str, str] = {}
    for item, where in zip(ids, places, strict=True):
        if not isinstance(item, str) or not _ID_RE.match(item):
            found.append(Finding(where, N_("not a valid id: {id!r}"), values={"id": item}))
        elif item in first:
            message = N_("{id!r} is listed more than once")
            found.append(Finding(where, message, see=first[item], values={"id": item}))
        else:
            first[item] = where
    if found:
        raise RuleError(name, found)


def _as_written(value: object) -> str:
    """Text; a YAML number such as ``2024`` or ``0.11`` (``int``, ``Decimal``) as written."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(Message(N_("expected text, got {value!r}"), {"value": value}))
    return str(value)


def _pairs(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]], convert: Callable[[Any], T]
) -> tuple[tuple[str, T], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(((str(k), convert(v)) for k, v in items), key=lambda pair: pair[0]))


def _to_reweight(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> tuple[tuple[str, Weight], ...]:
    return _pairs(value, to_weight)


def _to_rename(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> tuple[tuple[str, Text], ...]:
    return _pairs(value, to_text)


def _to_replacement(value: Replacement | Mapping[str, Any]) -> Replacement:
    return value if isinstance(value, Replacement) else Replacement(**value)


def _to_substitute(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> tuple[tuple[str, Replacement], ...]:
    return _pairs(value, _to_replacement)


def _to_choices(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> tuple[tuple[str, str], ...]:
    return _pairs(value, _as_written)


@attrs.frozen
class Replacement:
    """The indicator that takes the place of a substituted one.

    ``scale``, ``weight`` and ``points`` left as ``None`` are kept from the replaced indicator,
    as are its evidence combination and whether it may be not applicable. The description is
    not kept: it described the old indicator.
    """

    id: str = attrs.field(validator=check_id)
    title: Text = attrs.field(converter=to_text)
    scale: Scale | None = None
    description: Text | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_text)
    )
    weight: Weight | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_weight)
    )
    points: Fraction | None = attrs.field(default=None, converter=to_points)


@attrs.frozen
class Addition:
    """A local indicator an overlay adds, e.g. "uji publik held" (public consultation of the
    service standard). ``into`` names the group it joins; ``None`` adds it at the top level.
    Unlike a replacement nothing is inherited: the scale defaults to boolean and the weight
    to 1 (siblings' weights are not changed, so the shares of the others shrink)."""

    id: str = attrs.field(validator=check_id)
    title: Text = attrs.field(converter=to_text)
    into: str | None = attrs.field(default=None, validator=attrs.validators.optional(check_id))
    scale: Scale | None = None
    description: Text | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_text)
    )
    weight: Weight = attrs.field(default=Fraction(1), converter=to_weight)
    points: Fraction | None = attrs.field(default=None, converter=to_points)


def _to_additions(value: Iterable[Addition | Mapping[str, Any]]) -> tuple[Addition, ...]:
    if isinstance(value, str | Mapping):
        raise TypeError("add: expected a list of indicators")
    return tuple(item if isinstance(item, Addition) else Addition(**item) for item in value)


@attrs.frozen
class Overlay:
    """An agency's changes to a base rubric (a tailoring).

    Attributes:
        id, version: name the tailored rubric that :func:`apply_overlay` produces.
        base: the rubric it applies to, ``"id"`` (any version) or ``"id@version"``.
        title: the tailored rubric's title; ``None`` keeps the base's.
        drop: ids of groups or indicators to remove.
        select: ids to keep (an indicator, or a group with everything below it); every other
            indicator is removed. Groups left empty disappear. Empty means no selection.
        reweight: new weights (exact numbers or :class:`ParamRef`) by id.
        rename: new titles by id; ids stay the same.
        substitute: replacements by the id of the indicator they replace.
        add: local indicators to add (after substitute, so rename and reweight can name
            them).
        zone_scheme: the tailored rubric's default zone scheme; ``None`` keeps the base's.
        parameters: choices pinned for the rubric's declared parameters.
        notes: free notes, appended to the tailored rubric's metadata notes.
    """

    id: str = attrs.field(converter=_as_written, validator=check_id)
    version: str = attrs.field(converter=_as_written, validator=check_id)
    base: str = attrs.field(validator=_check_ref)
    title: Text | None = attrs.field(default=None, converter=attrs.converters.optional(to_text))
    drop: tuple[str, ...] = attrs.field(default=(), converter=_to_ids, validator=_check_ids)
    select: tuple[str, ...] = attrs.field(default=(), converter=_to_ids, validator=_check_ids)
    reweight: tuple[tuple[str, Weight], ...] = attrs.field(
        default=(), converter=_to_reweight, validator=_check_keys
    )
    rename: tuple[tuple[str, Text], ...] = attrs.field(
        default=(), converter=_to_rename, validator=_check_keys
    )
    substitute: tuple[tuple[str, Replacement], ...] = attrs.field(
        default=(), converter=_to_substitute, validator=_check_keys
    )
    zone_scheme: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_ref)
    )
    parameters: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_to_choices, validator=_check_keys, metadata=shape(omit="default")
    )
    notes: tuple[str, ...] = attrs.field(
        default=(), converter=_to_notes, metadata=shape(omit="default")
    )
    add: tuple[Addition, ...] = attrs.field(
        default=(),
        converter=_to_additions,
        validator=_check_additions,
        metadata=shape(omit="default"),
    )

    @property
    def base_id(self) -> str:
        """The id part of :attr:`base`."""
        return split_ref(self.base)[0]

    @property
    def base_version(self) -> str | None:
        """The version part of :attr:`base`, or ``None`` when any version will do."""
        return split_ref(self.base)[1]

    @property
    def ref(self) -> str:
        """``id@version`` of the tailored rubric."""
        return f"{self.id}@{self.version}"

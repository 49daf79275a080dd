"""Tailoring a rubric with overlays: select, drop, substitute, rename, re-weight and more.

An :class:`Overlay` names a base rubric and the changes an agency makes to it.
:func:`apply_overlay` returns the tailored rubric. Its metadata records the base
(``id@version``) and one :class:`~pelayanan.model.metadata.Change` per changed item, so its
content hash differs from the base's and anyone can see what was changed, how, and by whom.

The steps always run in this order: select, drop, substitute, rename, reweight, zone scheme,
parameters. Trees are rebuilt without recursion, so very deep rubrics are fine.
:func:`overlay_from_data` and :func:`overlay_to_data` convert overlays to plain data and back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from pelayanan.model.convert import (
    ConversionError,
    _num,
    _read_text,
    _Reader,
    _scale_from,
    _scale_to_data,
)
from pelayanan.model.ids import ID_PATTERN, check_id
from pelayanan.model.metadata import Change
from pelayanan.model.numbers import exact_to_str, to_exact
from pelayanan.model.policies import ParamRef
from pelayanan.model.rubric import Group, Node, Rubric, Weight, walk
from pelayanan.model.scales import Scale
from pelayanan.model.text import Text, to_text

__all__ = [
    "Overlay",
    "Replacement",
    "TailoringError",
    "apply_overlay",
    "apply_overlays",
    "overlay_from_data",
    "overlay_to_data",
]

T = TypeVar("T")
_ID = ID_PATTERN.strip("^$")
_ID_RE = re.compile(ID_PATTERN)
_REF_RE = re.compile(rf"^{_ID}(@{_ID})?$")

# ----------------------------------------------------------------------------- the model


def _to_weight(value: object) -> Weight:
    if isinstance(value, ParamRef):
        return value
    weight = to_exact(value, what="weight")
    if weight <= 0:
        raise ValueError(f"weight: expected a positive number, got {exact_to_str(weight)}")
    return weight


def _to_points(value: object) -> Fraction | None:
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
    _check_id_list(attribute.name, list(value))


def _check_keys(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _check_id_list(attribute.name, [key for key, _ in value])


def _check_id_list(name: str, ids: list[Any]) -> None:
    bad = [i for i in ids if not isinstance(i, str) or not _ID_RE.match(i)]
    if bad:
        raise ValueError(f"{name}: not valid ids: {bad}")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"{name}: listed more than once: {twice}")


def _pairs(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]], convert: Callable[[Any], T]
) -> tuple[tuple[str, T], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(((str(k), convert(v)) for k, v in items), key=lambda pair: pair[0]))


def _to_reweight(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> tuple[tuple[str, Weight], ...]:
    return _pairs(value, _to_weight)


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
    return _pairs(value, str)


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
        default=None, converter=attrs.converters.optional(_to_weight)
    )
    points: Fraction | None = attrs.field(default=None, converter=_to_points)


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
        zone_scheme: the tailored rubric's default zone scheme; ``None`` keeps the base's.
        parameters: choices pinned for the rubric's declared parameters.
        notes: free notes, appended to the tailored rubric's metadata notes.
    """

    id: str = attrs.field(validator=check_id)
    version: str = attrs.field(validator=check_id)
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
        default=(), converter=_to_choices, validator=_check_keys
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_notes)

    @property
    def base_id(self) -> str:
        """The id part of :attr:`base`."""
        return self.base.partition("@")[0]

    @property
    def base_version(self) -> str | None:
        """The version part of :attr:`base`, or ``None`` when any version will do."""
        return self.base.partition("@")[2] or None

    @property
    def ref(self) -> str:
        """``id@version`` of the tailored rubric."""
        return f"{self.id}@{self.version}"


# ----------------------------------------------------------------------------- applying


class TailoringError(ValueError):
    """An overlay that cannot be applied; :attr:`problems` lists every reason found.

    ``overlay`` and ``rubric`` are the ``id@version`` of the overlay and of the base rubric.
    """

    def __init__(self, overlay: str, rubric: str, problems: Iterable[str]) -> None:
        self.overlay, self.rubric, self.problems = overlay, rubric, tuple(problems)
        text = "; ".join(self.problems)
        super().__init__(f"overlay {overlay} cannot be applied to rubric {rubric}: {text}")

    def __reduce__(self) -> tuple[type[TailoringError], tuple[str, str, tuple[str, ...]]]:
        return type(self), (self.overlay, self.rubric, self.problems)


def _weight_text(weight: Weight) -> str:
    return f"param {weight.name!r}" if isinstance(weight, ParamRef) else exact_to_str(weight)


def _with_children(group: Group, kids: tuple[Node, ...]) -> Group:
    same = len(kids) == len(group.children) and all(
        new is old for new, old in zip(kids, group.children, strict=True)
    )
    return group if same else attrs.evolve(group, children=kids)


Visit = Callable[[Node, tuple[Node, ...] | None], Node | None]
"""Called bottom-up with a node and its rebuilt children (``None`` for an indicator)."""


def _rebuild(nodes: tuple[Node, ...], visit: Visit) -> tuple[Node, ...]:
    """Rebuild a forest bottom-up with an explicit stack; ``visit`` returns ``None`` to remove."""
    built: list[list[Node]] = [[]]
    stack: list[tuple[Node, bool]] = [(node, False) for node in reversed(nodes)]
    while stack:
        node, expanded = stack.pop()
        if isinstance(node, Group) and not expanded:
            stack.append((node, True))
            built.append([])
            stack.extend((child, False) for child in reversed(node.children))
            continue
        kids = tuple(built.pop()) if isinstance(node, Group) else None
        new = visit(node, kids)
        if new is not None:
            built[-1].append(new)
    return tuple(built[0])


class _Tailor:
    """Applies one overlay step by step, recording changes and problems."""

    def __init__(self, rubric: Rubric, overlay: Overlay, source: str) -> None:
        self.rubric, self.overlay, self.source = rubric, overlay, source
        self.children = rubric.children
        self.changes: list[Change] = []
        self.problems: list[str] = []
        self.gone: dict[str, str] = {}

    def record(self, target: str, action: str, detail: str) -> None:
        self.changes.append(Change(target, action, self.source, detail))

    def present(self, step: str, ids: Iterable[str]) -> set[str]:
        """The ids still in the tree; complain about the others, which earlier steps removed."""
        here = {node.id for node, _ in walk(self.children)}
        for name in ids:
            if name not in here:
                self.problems.append(f"{step} {name!r}: {self.gone.get(name, 'not present')}")
        return here & set(ids)

    def remove(self, step: str, visit: Visit) -> None:
        before = {node.id for node, _ in walk(self.children)}
        children = _rebuild(self.children, visit)
        if not children:
            self.problems.append("the overlay removes every indicator")
            raise TailoringError(self.overlay.ref, self.rubric.ref, self.problems)
        self.children = children
        after = {node.id for node, _ in walk(children)}
        self.gone.update((name, f"already removed by {step}") for name in before - after)

    def select(self) -> None:
        chosen = self.present("select", self.overlay.select)
        if not self.overlay.select:
            return
        covered: set[int] = set()
        stack: list[tuple[Node, bool]] = [(node, False) for node in self.children]
        while stack:
            node, inherited = stack.pop()
            if inherited or node.id in chosen:
                covered.add(id(node))
            if isinstance(node, Group):
                stack.extend((child, id(node) in covered) for child in node.children)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if id(node) in covered:
                return node
            if isinstance(node, Group) and kids:
                return _with_children(node, kids)
            what = "not selected" if kids is None else "none of its indicators was selected"
            self.record(node.id, "select", f"removed: {what}")
            return None

        self.remove("select", visit)

    def drop(self) -> None:
        dropped = self.present("drop", self.overlay.drop)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if node.id in dropped:
                self.record(node.id, "drop", "removed")
                return None
            if isinstance(node, Group):
                if kids:
                    return _with_children(node, kids)
                self.record(node.id, "drop", "removed: all its children were dropped")
                return None
            return node

        if dropped:
            self.remove("drop", visit)

    def substitute(self) -> None:
        table = dict(self.overlay.substitute)
        wanted = self.present("substitute", table)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if isinstance(node, Group):
                assert kids is not None
                return _with_children(node, kids)
            if node.id not in wanted:
                return node
            new = table[node.id]
            weight = node.weight if new.weight is None else new.weight
            detail = f"{node.id} -> {new.id}"
            if weight != node.weight:
                detail += f"; weight {_weight_text(node.weight)} -> {_weight_text(weight)}"
            if new.scale is not None and new.scale != node.scale:
                detail += "; new scale"
            if new.points is not None and new.points != node.points:
                detail += f"; points -> {exact_to_str(new.points)}"
            self.record(node.id, "substitute", detail)
            self.gone[node.id] = f"replaced by {new.id!r} (substitute)"
            return attrs.evolve(
                node,
                id=new.id,
                title=new.title,
                scale=node.scale if new.scale is None else new.scale,
                weight=weight,
                points=node.points if new.points is None else new.points,
                description=new.description,
            )

        if wanted:
            self.children = _rebuild(self.children, visit)

    def edit(self, step: str, table: Mapping[str, Any], field: str) -> None:
        """Set ``field`` (``title`` or ``weight``) of every node named in ``table``."""
        wanted = self.present(step, table)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            new = _with_children(node, kids) if isinstance(node, Group) and kids else node
            if node.id not in wanted or getattr(node, field) == table[node.id]:
                return new
            before, after = getattr(node, field), table[node.id]
            if field == "title":
                detail = f"title {before.get()!r} -> {after.get()!r}"
            else:
                detail = f"weight {_weight_text(before)} -> {_weight_text(after)}"
            self.record(node.id, step, detail)
            return attrs.evolve(new, **{field: after})

        if wanted:
            self.children = _rebuild(self.children, visit)


def _check(rubric: Rubric, overlay: Overlay) -> list[str]:
    """Problems found before any step runs: base, unknown ids, parameters, id clashes."""
    problems: list[str] = []
    if overlay.base_id != rubric.id or overlay.base_version not in (None, rubric.version):
        problems.append(f"the overlay's base is {overlay.base!r}, not {rubric.ref!r}")
    if overlay.ref == rubric.ref:
        problems.append(
            f"the tailored rubric needs its own id or version, not the base's {rubric.ref}"
        )
    nodes = {node.id: node for node in rubric.nodes()}
    subs = dict(overlay.substitute)
    new_ids = [new.id for new in subs.values()]
    named = [*overlay.select, *overlay.drop, *subs]
    later = [key for key, _ in (*overlay.rename, *overlay.reweight)]
    unknown = {i for i in named if i not in nodes} | {
        i for i in later if i not in nodes and i not in new_ids
    }
    if unknown:
        problems.append(
            f"unknown ids (not in {rubric.ref}): {', '.join(map(repr, sorted(unknown)))}"
        )
    for old, new in subs.items():
        if isinstance(nodes.get(old), Group):
            problems.append(f"substitute {old!r}: a group cannot be substituted, only an indicator")
        if new.id != old and new.id in nodes:
            problems.append(f"substitute {old!r}: the new id {new.id!r} is already used")
        if new_ids.count(new.id) > 1:
            problems.append(f"substitute {old!r}: the new id {new.id!r} is given more than once")
    declared = {parameter.id: parameter for parameter in rubric.parameters}
    for name, weight in overlay.reweight:
        if isinstance(weight, ParamRef) and weight.name not in declared:
            problems.append(f"reweight {name!r}: parameter {weight.name!r} is not declared")
    for name, choice in overlay.parameters:
        if name not in declared:
            problems.append(f"parameters: {rubric.ref} declares no parameter {name!r}")
        elif choice not in declared[name].names():
            allowed = list(declared[name].names())
            problems.append(f"parameter {name!r}: {choice!r} is not one of {allowed}")
    return problems


def apply_overlay(rubric: Rubric, overlay: Overlay, *, source: str | None = None) -> Rubric:
    """The rubric tailored by ``overlay``.

    Steps run in this order: select, drop, substitute, rename, reweight, zone scheme,
    parameters. ``rename`` and ``reweight`` may name an indicator by its substituted id.
    The result is named ``overlay.id``/``overlay.version``, keeps the base's title unless
    the overlay gives one, records ``metadata.base`` (the first base when overlays are
    chained) and appends one :class:`Change` per changed item, with ``source`` (default:
    the overlay's id) as its source. Parameter choices are pinned in ``parameter_values``;
    weights stay parameter references until the rubric is resolved for scoring.

    Raises:
        TailoringError: (a :class:`ValueError`) listing every problem: a base that does not
            match, unknown ids, ids removed by an earlier step, a removed rubric (every
            indicator dropped), undeclared parameters or choices that are not allowed.
    """
    problems = _check(rubric, overlay)
    if problems:
        raise TailoringError(overlay.ref, rubric.ref, problems)
    tailor = _Tailor(rubric, overlay, source or overlay.id)
    tailor.select()
    tailor.drop()
    tailor.substitute()
    tailor.edit("rename", dict(overlay.rename), "title")
    tailor.edit("reweight", dict(overlay.reweight), "weight")
    zone_scheme = rubric.zone_scheme
    if overlay.zone_scheme is not None and overlay.zone_scheme != zone_scheme:
        tailor.record(
            "zone_scheme", "zone_scheme", f"{zone_scheme or '(none)'} -> {overlay.zone_scheme}"
        )
        zone_scheme = overlay.zone_scheme
    values = dict(rubric.parameter_values)
    for name, choice in overlay.parameters:
        before = values.get(name, f"{rubric.parameter(name).default} (default)")
        if values.get(name) != choice:
            tailor.record(name, "parameter", f"{before} -> {choice}")
        values[name] = choice
    if tailor.problems:
        raise TailoringError(overlay.ref, rubric.ref, tailor.problems)
    meta = rubric.metadata
    history: dict[str, Any] = {
        "base": meta.base or rubric.ref,
        "changes": meta.changes + tuple(tailor.changes),
        "notes": meta.notes + overlay.notes,
    }
    metadata = attrs.evolve(meta, **history)
    try:
        return attrs.evolve(
            rubric,
            id=overlay.id,
            version=overlay.version,
            title=overlay.title or rubric.title,
            children=tailor.children,
            zone_scheme=zone_scheme,
            parameter_values=values,
            metadata=metadata,
        )
    except ValueError as error:
        raise TailoringError(overlay.ref, rubric.ref, [str(error)]) from None


def apply_overlays(rubric: Rubric, overlays: Iterable[Overlay]) -> Rubric:
    """Apply ``overlays`` one after another; each names the previous result as its base."""
    for overlay in overlays:
        rubric = apply_overlay(rubric, overlay)
    return rubric


# ----------------------------------------------------------------------------- plain data

_KEYS = ("id", "version", "base", "title", "drop", "select", "reweight", "rename", "substitute")
_OVERLAY_KEYS = frozenset({*_KEYS, "zone_scheme", "parameters", "notes", "$schema"})
_REPLACEMENT_KEYS = frozenset({"id", "title", "scale", "description", "weight", "points"})


def _weight_data(weight: Weight) -> int | str | dict[str, str]:
    return {"param": weight.name} if isinstance(weight, ParamRef) else _num(weight)


def _replacement_data(new: Replacement) -> dict[str, Any]:
    data: dict[str, Any] = {"id": new.id, "title": new.title.as_dict()}
    if new.scale is not None:
        data["scale"] = _scale_to_data(new.scale)
    if new.description is not None:
        data["description"] = new.description.as_dict()
    if new.weight is not None:
        data["weight"] = _weight_data(new.weight)
    if new.points is not None:
        data["points"] = _num(new.points)
    return data


def overlay_to_data(overlay: Overlay) -> dict[str, Any]:
    """The overlay as plain data (the shape of an overlay document, without ``$schema``)."""
    data: dict[str, Any] = {"id": overlay.id, "version": overlay.version, "base": overlay.base}
    if overlay.title is not None:
        data["title"] = overlay.title.as_dict()
    data["drop"] = list(overlay.drop)
    data["select"] = list(overlay.select)
    data["reweight"] = {name: _weight_data(weight) for name, weight in overlay.reweight}
    data["rename"] = {name: title.as_dict() for name, title in overlay.rename}
    data["substitute"] = {old: _replacement_data(new) for old, new in overlay.substitute}
    if overlay.zone_scheme is not None:
        data["zone_scheme"] = overlay.zone_scheme
    if overlay.parameters:
        data["parameters"] = dict(overlay.parameters)
    if overlay.notes:
        data["notes"] = list(overlay.notes)
    return data


def _known(r: _Reader, raw: Mapping[str, Any], keys: frozenset[str]) -> None:
    for key in raw:
        if key not in keys:
            with r.at(str(key)):
                raise ConversionError(r.pointer, f"unknown key; expected one of {sorted(keys)}")


def _string(r: _Reader, value: object, what: str) -> str:
    """Text; YAML numbers such as ``2024`` or ``0.11`` (``int``, ``Decimal``) as written."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ConversionError(r.pointer, f"expected {what}, got {value!r}")
    return str(value)


def _weight_from(r: _Reader, value: object) -> Weight:
    if isinstance(value, Mapping):
        _known(r, value, frozenset({"param"}))
        with r.at("param"):
            return r.build(ParamRef, _string(r, r.required(value, "param"), "a parameter id"))
    return r.build(_to_weight, value)


def _scale(r: _Reader, value: object) -> Scale:
    if isinstance(value, str) and value != "boolean":
        raise ConversionError(r.pointer, f"expected 'boolean' or a scale mapping, got {value!r}")
    return _scale_from(r, value, {})


def _replacement_from(r: _Reader, value: object) -> Replacement:
    raw = r.mapping(value)
    _known(r, raw, _REPLACEMENT_KEYS)
    fields: dict[str, Any] = {"id": r.required(raw, "id"), "title": r.required(raw, "title")}
    readers: dict[str, Callable[[object], Any]] = {
        "title": lambda v: r.build(_read_text, v),
        "description": lambda v: r.build(_read_text, v),
        "scale": lambda v: _scale(r, v),
        "weight": lambda v: _weight_from(r, v),
        "points": lambda v: r.build(_to_points, v),
    }
    for key, read in readers.items():
        if key in raw:
            with r.at(key):
                fields[key] = read(raw[key])
    return r.build(Replacement, **fields)


def _strings_from(r: _Reader, value: object, what: str) -> list[str]:
    items = []
    for i, item in enumerate(r.sequence(value)):
        with r.at(i):
            items.append(_string(r, item, what))
    return items


def _ids_from(r: _Reader, value: object) -> list[str]:
    ids = _strings_from(r, value, "an id")
    r.build(_check_id_list, r.path[-1], ids)
    return ids


def _map_from(r: _Reader, value: object, read: Callable[[object], T]) -> dict[str, T]:
    out: dict[str, T] = {}
    for key, item in r.mapping(value).items():
        with r.at(str(key)):
            if not _ID_RE.match(str(key)):
                raise ConversionError(r.pointer, f"expected an id as key, got {key!r}")
            out[str(key)] = read(item)
    return out


def _checked(r: _Reader, name: str, value: str) -> str:
    """``value`` checked by the validator of :class:`Overlay` field ``name``."""
    field = attrs.fields_dict(Overlay)[name]
    assert field.validator is not None
    r.build(field.validator, None, field, value)
    return value


def overlay_from_data(data: Mapping[str, Any]) -> Overlay:
    """Build an :class:`Overlay` from plain data; raises :class:`ConversionError` with a pointer."""
    r = _Reader()
    raw = r.mapping(data)
    _known(r, raw, _OVERLAY_KEYS)
    for key in ("id", "version", "base"):
        r.required(raw, key)
    readers: dict[str, Callable[[object], Any]] = {
        "id": lambda v: _checked(r, "id", _string(r, v, "an id")),
        "version": lambda v: _checked(r, "version", _string(r, v, "a version")),
        "base": lambda v: _checked(r, "base", _string(r, v, "'id' or 'id@version'")),
        "title": lambda v: r.build(_read_text, v),
        "drop": lambda v: _ids_from(r, v),
        "select": lambda v: _ids_from(r, v),
        "reweight": lambda v: _map_from(r, v, lambda w: _weight_from(r, w)),
        "rename": lambda v: _map_from(r, v, lambda t: r.build(_read_text, t)),
        "substitute": lambda v: _map_from(r, v, lambda s: _replacement_from(r, s)),
        "zone_scheme": lambda v: _checked(r, "zone_scheme", _string(r, v, "'id' or 'id@version'")),
        "parameters": lambda v: _map_from(r, v, lambda c: _string(r, c, "a choice name")),
        "notes": lambda v: _strings_from(r, v, "a note"),
    }
    fields: dict[str, Any] = {}
    for key, read in readers.items():
        if raw.get(key) is not None:
            with r.at(key):
                fields[key] = read(raw[key])
    return r.build(Overlay, **fields)

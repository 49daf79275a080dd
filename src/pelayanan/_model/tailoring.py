"""Tailoring a rubric with overlays: select, drop, substitute, rename, re-weight and more.

An :class:`Overlay` names a base rubric and the changes an agency makes to it.
:func:`apply_overlay` returns the tailored rubric. Its metadata records the base
(``id@version``) and one :class:`~pelayanan._model.metadata.Change` per changed item, so its
content hash differs from the base's and anyone can see what was changed, how, and by whom.

The steps always run in this order: select, drop, substitute, add, rename, reweight, zone
scheme, parameters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from pelayanan._i18n import N_, gettext
from pelayanan._model.ids import ID_PATTERN, check_id
from pelayanan._model.metadata import Change
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import ParamRef
from pelayanan._model.problems import (
    Finding,
    InvalidValueError,
    Message,
    PelayananError,
    RuleError,
    listing,
    pointer_join,
    suggest,
)
from pelayanan._model.refs import split_ref
from pelayanan._model.rubric import (
    Group,
    Indicator,
    Node,
    Rubric,
    Weight,
    to_points,
    to_weight,
    walk,
)
from pelayanan._model.scales import BooleanScale, Scale
from pelayanan._model.shape import shape
from pelayanan._model.text import Text, to_text

__all__ = [
    "Addition",
    "Overlay",
    "Replacement",
    "TailoringError",
    "apply_overlay",
]

T = TypeVar("T")
_ID = ID_PATTERN.strip("^$")
_ID_RE = re.compile(ID_PATTERN)
_REF_RE = re.compile(rf"^{_ID}(@{_ID})?$")


def _check_ref(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _REF_RE.match(value):
        message = N_("{name}: expected 'id' or 'id@version', got {value}")
        raise InvalidValueError(Message(message, {"name": attribute.name, "value": repr(value)}))


def _to_ids(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        message = N_("expected a list of ids, got the text {value}")
        raise TypeError(Message(message, {"value": repr(value)}))
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
        raise InvalidValueError(Message(N_("expected text, got {value!r}"), {"value": value}))
    return str(value)


def _pairs(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]], convert: Callable[[Any], T]
) -> tuple[tuple[str, T], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(((str(k), convert(v)) for k, v in items), key=lambda pair: pair[0]))


def _to_reweight(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> tuple[tuple[str, Weight], ...]:
    return _pairs(value, _reweighted)


def _reweighted(value: object) -> Weight:
    """The rubric's weight rule; what it finds is placed at the weight's key in ``reweight``,
    like any other item of the mapping that cannot be read."""
    try:
        return to_weight(value)
    except RuleError as error:
        [finding] = error.findings
        raise InvalidValueError(Message(finding.message, finding.values)) from None


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
        raise TypeError(Message(N_("add: expected a list of indicators")))
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


NEW_ID_USED = N_("the new id {name!r} is already used")


class TailoringError(PelayananError, ValueError):
    """An overlay that cannot be applied; ``findings`` lists every reason found.

    ``overlay`` and ``rubric`` are the ``id@version`` of the overlay and of the base rubric.
    Each finding is placed by a JSON pointer into the overlay's document (``""`` for the
    overlay as a whole); ``problems`` gives them in words, ``pointer: message``.
    """

    def __init__(self, overlay: str, rubric: str, problems: Iterable[Finding | str]) -> None:
        self.overlay, self.rubric = overlay, rubric
        self.findings = tuple(
            problem if isinstance(problem, Finding) else Finding("", problem)
            for problem in problems
        )
        super().__init__(overlay, rubric, self.findings)

    @property
    def problems(self) -> tuple[str, ...]:
        """Each finding in words (``pointer: message``), in the language in force."""
        return tuple(str(f) if f.pointer else f.text() for f in self.findings)

    def __str__(self) -> str:
        return gettext("overlay {overlay} cannot be applied to rubric {rubric}: {problems}").format(
            overlay=self.overlay, rubric=self.rubric, problems="; ".join(self.problems)
        )

    def __reduce__(self) -> tuple[type[TailoringError], tuple[str, str, tuple[Finding, ...]]]:
        return type(self), (self.overlay, self.rubric, self.findings)


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
    """Rebuild a forest bottom-up; ``visit`` returns ``None`` to remove a node."""
    built: list[Node] = []
    for node in nodes:
        kids = _rebuild(node.children, visit) if isinstance(node, Group) else None
        new = visit(node, kids)
        if new is not None:
            built.append(new)
    return tuple(built)


class Tailor:
    """Applies one overlay step by step, recording changes and problems."""

    def __init__(self, rubric: Rubric, overlay: Overlay, source: str) -> None:
        self.rubric, self.overlay, self.source = rubric, overlay, source
        self.children = rubric.children
        self.changes: list[Change] = []
        self.problems: list[Finding] = []
        self.gone: dict[str, Message] = {}

    def record(self, target: str, action: str, detail: str) -> None:
        self.changes.append(Change(target, action, self.source, detail))

    def present(self, step: str, ids: Iterable[str]) -> set[str]:
        """The ids still in the tree; complain about the others, which earlier steps removed."""
        here = {node.id for node, _ in walk(self.children)}
        for index, name in enumerate(ids):
            if name not in here:
                key: str | int = index if step in ("select", "drop") else name
                why = self.gone.get(name, Message(N_("is not present")))
                where = pointer_join(f"/{step}", key)
                values = {"name": name, "why": why}
                self.problems.append(Finding(where, N_("{name!r} {why}"), values=values))
        return here & set(ids)

    def remove(self, step: str, visit: Visit) -> None:
        before = {node.id for node, _ in walk(self.children)}
        children = _rebuild(self.children, visit)
        if not children:
            self.problems.append(Finding("", N_("the overlay removes every indicator")))
            raise TailoringError(self.overlay.ref, self.rubric.ref, self.problems)
        self.children = children
        after = {node.id for node, _ in walk(children)}
        removed = Message(N_("was already removed by {step}"), {"step": step})
        self.gone.update((name, removed) for name in before - after)

    def select(self) -> None:
        chosen = self.present("select", self.overlay.select)
        if not self.overlay.select:
            return
        covered: set[int] = set()

        def cover(nodes: tuple[Node, ...], inherited: bool) -> None:
            for node in nodes:
                if inherited or node.id in chosen:
                    covered.add(id(node))
                if isinstance(node, Group):
                    cover(node.children, id(node) in covered)

        cover(self.children, False)

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
            self.gone[node.id] = Message(
                N_("was replaced by {name!r} (substitute)"), {"name": new.id}
            )
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

    def add(self) -> None:
        """Insert the overlay's new indicators, each at the end of its group (or the top)."""
        if not self.overlay.add:
            return
        here = {node.id: node for node, _ in walk(self.children)}
        extra: dict[str | None, list[Node]] = {}
        for index, new in enumerate(self.overlay.add):
            pointer = pointer_join("/add", index)
            if new.id in here:
                where = pointer_join(pointer, "id")
                self.problems.append(Finding(where, NEW_ID_USED, values={"name": new.id}))
                continue
            if new.into is not None and not isinstance(here.get(new.into), Group):
                message = (
                    N_("{base} has no group {name!r}")
                    if new.into not in here
                    else N_("{name!r} is an indicator, not a group")
                )
                values = {"base": self.rubric.ref, "name": new.into}
                self.problems.append(Finding(pointer_join(pointer, "into"), message, values=values))
                continue
            indicator = Indicator(
                new.id,
                new.title,
                new.scale if new.scale is not None else BooleanScale(),
                new.weight,
                new.points,
                description=new.description,
            )
            extra.setdefault(new.into, []).append(indicator)
            detail = f"added to {new.into or 'the top level'}, weight {_weight_text(new.weight)}"
            if new.points is not None:
                detail += f", points {exact_to_str(new.points)}"
            self.record(new.id, "add", detail)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if not isinstance(node, Group):
                return node
            assert kids is not None
            more = tuple(extra.get(node.id, ()))
            return _with_children(node, kids + more)

        self.children = _rebuild(self.children, visit) + tuple(extra.get(None, ()))

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


def overlay_findings(rubric: Rubric, overlay: Overlay) -> list[Finding]:
    """Every rule ``overlay`` breaks against its base ``rubric``, found before any step runs.

    Each finding is placed by a JSON pointer into the overlay's document (``/drop/0``,
    ``/substitute/<id>/id``, ``/parameters/<name>``), so that a document names the line:
    this is the one place these rules live (the documents layer only places the findings).
    What depends on the order of the steps (an id an earlier step removed, an added id
    already in use) is found while the steps run, see :func:`apply_overlay`.
    """
    found: list[Finding] = []
    ref = rubric.ref

    def at(pointer: str, message: str, **values: object) -> None:
        found.append(Finding(pointer, message, values={"base": ref, **values}))

    if overlay.base_id != rubric.id or overlay.base_version not in (None, rubric.version):
        message = N_("the overlay is for {name!r}, but the base given is {base!r}")
        at("/base", message, name=overlay.base)
    if overlay.ref == ref:
        at(
            "/version",
            N_("the tailored rubric needs its own id or version, not the base's ({base})"),
        )
    nodes = {node.id: node for node in rubric.nodes()}

    def unknown(pointer: str, name: str) -> None:
        message = N_("{base} has no group or indicator {name!r}{hint}")
        at(pointer, message, name=name, hint=suggest(name, nodes))

    for key, names in (("select", overlay.select), ("drop", overlay.drop)):
        for index, name in enumerate(names):
            if name not in nodes:
                unknown(pointer_join(f"/{key}", index), name)
    new_ids = [new.id for _, new in overlay.substitute] + [new.id for new in overlay.add]
    for old, new in overlay.substitute:
        pointer = pointer_join("/substitute", old)
        if old not in nodes:
            unknown(pointer, old)
        elif isinstance(nodes[old], Group):
            at(pointer, N_("{name!r} is a group; only an indicator can be substituted"), name=old)
        if new.id != old and new.id in nodes:
            at(pointer_join(pointer, "id"), NEW_ID_USED, name=new.id)
        if new_ids.count(new.id) > 1:
            message = N_("the new id {name!r} is given more than once")
            at(pointer_join(pointer, "id"), message, name=new.id)
    for key, pairs in (("rename", overlay.rename), ("reweight", overlay.reweight)):
        for name, _ in pairs:
            if name not in nodes and name not in new_ids:
                unknown(pointer_join(f"/{key}", name), name)
    declared = {parameter.id: parameter for parameter in rubric.parameters}
    for name, weight in overlay.reweight:
        if isinstance(weight, ParamRef) and weight.name not in declared:
            at(
                pointer_join("/reweight", name, "param"),
                N_("{base} declares no parameter {name!r} (declared: {declared})"),
                name=weight.name,
                declared=listing(declared),
            )
    for name, choice in overlay.parameters:
        pointer = pointer_join("/parameters", name)
        if name not in declared:
            message = N_("{base} declares no parameter {name!r}{hint}")
            at(pointer, message, name=name, hint=suggest(name, declared))
        elif choice not in declared[name].names():
            message = N_("{choice!r} is not one of the choices {choices}")
            at(pointer, message, choice=choice, choices=listing(declared[name].names()))
    return found


def apply_overlay(rubric: Rubric, overlay: Overlay, *, source: str | None = None) -> Rubric:
    """The rubric tailored by ``overlay``.

    Steps run in this order: select, drop, substitute, add, rename, reweight, zone scheme,
    parameters. ``rename`` and ``reweight`` may name an indicator by its substituted id or
    an added one's id.
    The result is named ``overlay.id``/``overlay.version``, keeps the base's title unless
    the overlay gives one, records ``metadata.base`` (the first base when overlays are
    chained) and appends one :class:`Change` per changed item, with ``source`` (default:
    the overlay's id) as its source. Parameter choices are pinned in ``parameter_values``;
    weights stay parameter references until the rubric is resolved for scoring.

    Raises:
        TailoringError: (a :class:`ValueError`) listing every problem, each a
            :class:`~pelayanan._model.problems.Finding` placed in the overlay's document: a
            base that does not match, unknown ids, ids removed by
            an earlier step, an added id already in use, a removed rubric (every indicator
            dropped), undeclared parameters or choices that are not allowed.
    """
    problems = overlay_findings(rubric, overlay)
    if problems:
        raise TailoringError(overlay.ref, rubric.ref, problems)
    tailor = Tailor(rubric, overlay, source or overlay.id)
    tailor.select()
    tailor.drop()
    tailor.substitute()
    tailor.add()
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

"""A rubric: a tree of groups whose leaves are indicators, plus its declared policies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Union

import attrs

from pelayanan._i18n import N_, gettext
from pelayanan._model.ids import check_id
from pelayanan._model.limits import LimitError, current_limits
from pelayanan._model.metadata import Metadata
from pelayanan._model.numbers import exact_to_str, to_exact
from pelayanan._model.policies import (
    Aggregation,
    Combine,
    MissingPolicy,
    Parameter,
    ParamRef,
    RoundingRules,
    ScoringSpec,
)
from pelayanan._model.problems import (
    Finding,
    InvalidValueError,
    Message,
    RuleError,
    listing,
    pointer_join,
    suggest,
)
from pelayanan._model.scales import BooleanScale, Scale
from pelayanan._model.shape import shape
from pelayanan._model.text import Text, to_text

__all__ = ["Group", "Indicator", "Node", "Rubric", "Weight", "fold_name", "to_points", "to_weight"]

Weight = Fraction | ParamRef
"""A weight is an exact number, or a reference to a rubric parameter."""


def to_weight(value: object) -> Weight:
    """A positive exact weight, or a :class:`ParamRef` as it is (the one weight rule: rubrics
    and overlays)."""
    if isinstance(value, ParamRef):
        return value
    weight = to_exact(value, what="weight")
    if weight <= 0:
        message = N_("expected a positive weight, got {weight}")
        finding = Finding("/weight", message, values={"weight": exact_to_str(weight)})
        raise RuleError(N_("weight"), [finding])
    return weight


def to_points(value: object) -> Fraction | None:
    """Exact points, zero or more, keeping ``None`` (the one points rule)."""
    if value is None:
        return None
    points = to_exact(value, what="points")
    if points < 0:
        message = N_("expected zero or more points, got {points}")
        finding = Finding("/points", message, values={"points": exact_to_str(points)})
        raise RuleError(N_("points"), [finding])
    return points


def _to_aliases(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(Message(N_("aliases: expected a list of names, not one string")))
    aliases = tuple(str(alias).strip() for alias in value)
    if any(not alias for alias in aliases):
        raise InvalidValueError(Message(N_("aliases: an alias is empty")))
    return aliases


def fold_name(text: str) -> str:
    """A header or alias as compared: case folded, white space removed (``"U 1"`` -> ``"u1"``).

    >>> fold_name(" Jenis  Kelamin ")
    'jeniskelamin'
    """
    return "".join(text.casefold().split())


@attrs.frozen
class Indicator:
    """One thing that is checked, e.g. "requirements are published".

    Attributes:
        id: unique within the rubric.
        title: label in Indonesian and English.
        scale: how evidence values are read.
        weight: relative weight among its siblings (weighted models) or a parameter reference.
        points: points awarded when fully met (the ``points`` model).
        combine: how several evidence items for one unit become one value.
        allow_not_applicable: whether evidence may mark it not applicable.
        aliases: other names of the indicator in exported tables' headers, such as a
            questionnaire's ``U1`` or the question's text (compared by ``fold_name``:
            case and white space ignored).
    """

    id: str = attrs.field(validator=check_id)
    title: Text = attrs.field(converter=to_text)
    scale: Scale = attrs.field(factory=BooleanScale)
    weight: Weight = attrs.field(default=Fraction(1), converter=to_weight)
    points: Fraction | None = attrs.field(default=None, converter=to_points)
    combine: Combine = attrs.field(default=Combine.MEAN, converter=Combine)
    allow_not_applicable: bool = attrs.field(default=False, metadata=shape(key="not_applicable"))
    description: Text | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_text), metadata=shape(after="title")
    )
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=_to_aliases, metadata=shape(omit="default")
    )


def _to_children(value: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(value)


def _check_children(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    assert isinstance(value, tuple)
    if not value:
        message = N_("{id!r}: a group needs at least one child")
        raise InvalidValueError(Message(message, {"id": getattr(instance, "id", "rubric")}))
    for child in value:
        if not isinstance(child, Group | Indicator):
            raise TypeError(f"expected Group or Indicator children, got {type(child).__name__}")


@attrs.frozen
class Group:
    """A component, dimension, aspect or any grouping of indicators and sub-groups."""

    id: str = attrs.field(validator=check_id)
    title: Text = attrs.field(converter=to_text)
    children: tuple[Node, ...] = attrs.field(
        converter=_to_children, validator=_check_children, metadata=shape(after="weight")
    )
    weight: Weight = attrs.field(default=Fraction(1), converter=to_weight)
    kind: str = attrs.field(default="group", metadata=shape(after="id"))
    """What the grouping is called in its instrument: component, dimension, aspect, element."""
    description: Text | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_text), metadata=shape(after="title")
    )


Node = Union[Group, Indicator]  # noqa: UP007 - a runtime alias used in isinstance-free code
"""A node of the rubric tree."""


def walk(nodes: Iterable[Node]) -> Iterator[tuple[Node, tuple[Group, ...]]]:
    """Every node with its ancestor groups, depth first (a rubric is at most
    :attr:`~pelayanan._model.limits.Limits.max_tree_depth` deep, so this recurses freely)."""
    yield from _walk(tuple(nodes), ())


def _walk(
    nodes: tuple[Node, ...], ancestors: tuple[Group, ...]
) -> Iterator[tuple[Node, tuple[Group, ...]]]:
    for node in nodes:
        yield node, ancestors
        if isinstance(node, Group):
            yield from _walk(node.children, (*ancestors, node))


def _too_deep(nodes: tuple[Node, ...], depth: int, limit: int) -> Node | None:
    """The first node deeper than ``limit`` (top level is depth 1); stops at the limit, so
    it recurses at most ``limit + 1`` levels however deep the groups go."""
    for node in nodes:
        if depth > limit:
            return node
        if isinstance(node, Group):
            found = _too_deep(node.children, depth + 1, limit)
            if found is not None:
                return found
    return None


def _check_depth(rubric: Rubric) -> None:
    limit = current_limits().max_tree_depth
    deep = _too_deep(rubric.children, 1, limit)
    if deep is not None:
        message = N_(
            "rubric {id!r}: groups are nested more than {limit} levels deep ({node!r} is "
            "below level {limit}); raise the limit max_tree_depth if this is intended"
        )
        raise LimitError(Message(message, {"id": rubric.id, "limit": limit, "node": deep.id}))


def pointed(nodes: Iterable[Node], prefix: str = "") -> Iterator[tuple[str, Node]]:
    """Every node below ``nodes`` with its JSON pointer (``/children/0/children/2``)."""
    for i, node in enumerate(nodes):
        pointer = f"{prefix}/children/{i}"
        yield pointer, node
        if isinstance(node, Group):
            yield from pointed(node.children, pointer)


def tree_findings(nodes: Iterable[tuple[str, Node]]) -> list[Finding]:
    """Ids used twice and indicator names or aliases shared, among ``(pointer, node)`` pairs
    (every node of a rubric, or those of a document that could be read)."""
    found: list[Finding] = []
    first: dict[str, str] = {}
    names: dict[str, str] = {}
    for pointer, node in nodes:
        if node.id in first:
            found.append(
                Finding(
                    f"{pointer}/id",
                    N_("id {id!r} is already used"),
                    first[node.id],
                    values={"id": node.id},
                )
            )
            continue
        first[node.id] = pointer
        if isinstance(node, Indicator):
            for name in (node.id, *node.aliases):
                owner = names.setdefault(fold_name(name), node.id)
                if owner != node.id:
                    found.append(
                        Finding(
                            f"{pointer}/aliases",
                            N_("{id!r} and {owner!r} share the name or alias {name!r}"),
                            first[owner],
                            values={"id": node.id, "owner": owner, "name": name},
                        )
                    )
    return found


def parameter_findings(
    nodes: Iterable[tuple[str, Node]],
    parameters: Sequence[Parameter | None],
    values: Iterable[tuple[str, str]],
) -> list[Finding]:
    """Parameters declared once; weights and ``parameter_values`` naming declared parameters
    and their choices (a parameter that could not be read is given as ``None``)."""
    found: list[Finding] = []
    declared: dict[str, Parameter] = {}
    for i, parameter in enumerate(parameters):
        if parameter is not None and parameter.id in declared:
            message = N_("parameter {id!r} is declared twice")
            where = pointer_join("/parameters", i, "id")
            found.append(Finding(where, message, values={"id": parameter.id}))
        elif parameter is not None:
            declared[parameter.id] = parameter
    if None in parameters:
        return found  # references to a parameter that could not be read are not checked
    for pointer, node in nodes:
        if isinstance(node.weight, ParamRef) and node.weight.name not in declared:
            name = node.weight.name
            found.append(
                Finding(
                    f"{pointer}/weight/param",
                    N_("no parameter {name!r} is declared{hint} (declared: {declared})"),
                    values={
                        "name": name,
                        "hint": suggest(name, declared),
                        "declared": listing(declared),
                    },
                )
            )
    for name, choice in values:
        where = pointer_join("/parameter_values", name)
        if name not in declared:
            message = N_("no parameter {name!r} is declared (declared: {declared})")
            found.append(
                Finding(where, message, values={"name": name, "declared": listing(declared)})
            )
        elif choice not in declared[name].names():
            choices = listing(declared[name].names())
            message = N_("parameter {name!r}: {choice!r} is not one of the choices {choices}")
            filled = {"name": name, "choice": choice, "choices": choices}
            found.append(Finding(where, message, values=filled))
    return found


def _check_rubric(rubric: Rubric) -> None:
    _check_depth(rubric)
    nodes = list(pointed(rubric.children))
    found = tree_findings(nodes)
    found += parameter_findings(nodes, rubric.parameters, rubric.parameter_values)
    if found:
        raise RuleError(Message(N_("rubric {id!r}"), {"id": rubric.id}), found)


def _to_parameters(value: Iterable[Parameter]) -> tuple[Parameter, ...]:
    return tuple(value)


def _to_values(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in pairs))


@attrs.frozen
class Rubric:
    """A standard to assess against.

    Attributes:
        id, version: together name the rubric; results record both and a content hash.
        title: label in Indonesian and English.
        children: the top-level groups (or indicators), nested at most
            :attr:`Limits.max_tree_depth <pelayanan._model.limits.Limits.max_tree_depth>`
            levels deep (12 by default), so that every rubric can be written as a document
            and read back within :attr:`~pelayanan._model.limits.Limits.max_depth`.
        scoring: the named scoring model and its options.
        zone_scheme: the id (``"id"`` or ``"id@version"``) of the default zone scheme.
        aggregation: how unit scores combine up the unit tree.
        rounding: where results are rounded (by default the score, half-up to 2 decimals).
        missing: what missing evidence does (by default: an error).
        parameters: choices a user makes when scoring (e.g. a weight variant).
        parameter_values: the choices made; empty means every parameter at its default.
        metadata: sources, verification notes and tailoring history.
    """

    id: str = attrs.field(validator=check_id)
    version: str = attrs.field(validator=check_id)
    title: Text = attrs.field(converter=to_text)
    children: tuple[Node, ...] = attrs.field(
        converter=_to_children, validator=_check_children, metadata=shape(after="metadata")
    )
    scoring: ScoringSpec = attrs.field(factory=lambda: ScoringSpec("weighted_mean"))
    zone_scheme: str | None = None
    aggregation: Aggregation = attrs.field(factory=Aggregation)
    rounding: RoundingRules = attrs.field(factory=RoundingRules)
    missing: MissingPolicy = attrs.field(default=MissingPolicy.ERROR, converter=MissingPolicy)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_to_parameters)
    parameter_values: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_to_values, metadata=shape(omit="default")
    )
    metadata: Metadata = attrs.field(factory=Metadata)

    def __attrs_post_init__(self) -> None:
        _check_rubric(self)

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"

    def nodes(self) -> Iterator[Node]:
        """Every group and indicator, depth first."""
        return (node for node, _ in walk(self.children))

    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, depth first."""
        return tuple(node for node in self.nodes() if isinstance(node, Indicator))

    def find(self, node_id: str) -> Node:
        """The group or indicator with ``node_id``; raises :class:`KeyError` if none."""
        for node in self.nodes():
            if node.id == node_id:
                return node
        message = gettext("rubric {rubric} has no group or indicator {name!r}")
        raise KeyError(message.format(rubric=self.ref, name=node_id))

    def parameter(self, name: str) -> Parameter:
        """The declared parameter ``name``."""
        for parameter in self.parameters:
            if parameter.id == name:
                return parameter
        message = gettext("rubric {rubric} declares no parameter {name!r}")
        raise KeyError(message.format(rubric=self.ref, name=name))

    def choices(self) -> dict[str, str]:
        """Every parameter's current choice (given values over defaults)."""
        chosen = dict(self.parameter_values)
        return {p.id: chosen.get(p.id, p.default) for p in self.parameters}

    def resolve(self, values: Mapping[str, str] | None = None) -> Rubric:
        """Bind parameters: every :class:`ParamRef` weight becomes the chosen number.

        ``values`` overrides earlier choices; unnamed parameters keep their default. The result
        records every parameter's choice (defaults included) in :attr:`parameter_values`, so
        its content hash differs per choice and is the same however a choice was named.
        """
        chosen = {**dict(self.parameter_values), **dict(values or {})}
        for name in chosen:
            self.parameter(name)  # unknown names raise here
        bound = attrs.evolve(self, parameter_values=chosen)
        numbers = {
            name: self.parameter(name).value(choice) for name, choice in bound.choices().items()
        }
        return attrs.evolve(
            bound, parameter_values=bound.choices(), children=_bind(bound.children, numbers)
        )

    @property
    def is_resolved(self) -> bool:
        """Whether no weight refers to a parameter any more."""
        return not any(isinstance(node.weight, ParamRef) for node in self.nodes())


def _bind(nodes: tuple[Node, ...], numbers: Mapping[str, Fraction]) -> tuple[Node, ...]:
    """Replace parameter references below ``nodes`` by their chosen numbers."""
    bound: list[Node] = []
    for node in nodes:
        new: Node = node
        if isinstance(node, Group):
            new = attrs.evolve(node, children=_bind(node.children, numbers))
        if isinstance(new.weight, ParamRef):
            new = attrs.evolve(new, weight=numbers[new.weight.name])
        bound.append(new)
    return tuple(bound)

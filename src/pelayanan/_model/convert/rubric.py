"""Rubrics as plain data and back, and the content hash of rubrics and zone schemes."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pelayanan._i18n import N_
from pelayanan._model.convert._common import weight_from
from pelayanan._model.convert._fields import build, plain, read_scale
from pelayanan._model.convert._reader import Reader, Unreadable
from pelayanan._model.policies import Aggregation, Parameter, RoundingRules, ScoringSpec
from pelayanan._model.problems import Message, listing, suggest
from pelayanan._model.rubric import (
    Group,
    Indicator,
    Node,
    Rubric,
    parameter_findings,
    tree_findings,
)
from pelayanan._model.scales import BooleanScale, Scale
from pelayanan._model.zones import ZoneScheme

__all__ = ["content_hash", "read_rubric"]

Pointed = tuple[str, Node]

_DOCUMENT_ONLY = ("scales", "weights_sum")
"""Keys of a rubric document the model does not keep: named scales (read into the
indicators) and the declared weight totals (the documents' check)."""


def _scale(r: Reader, name: str, named: Mapping[str, Scale], names: Sequence[str]) -> Scale:
    """The scale an indicator names (or a named scale, when ``names`` is empty)."""
    if name == "boolean":
        return BooleanScale()
    if name in named:
        return named[name]
    if name in names:
        raise Unreadable  # a declared scale with problems of its own
    known = ["boolean", *names]
    r.fail(
        N_("unknown scale {name!r}; declare it under 'scales' (declared: {declared}){hint}"),
        name=name,
        declared=listing(known),
        hint=suggest(name, known),
    )


def _node_from(
    r: Reader, data: object, named: Mapping[str, Scale], names: Sequence[str], read: list[Pointed]
) -> Node | None:
    """The node, or ``None`` when a node below it cannot be read (its problems are in ``r``);
    every node read is added to ``read`` with its pointer."""
    raw = dict(r.mapping(data))
    raw.pop("weights_sum", None)
    if "weight" in raw:
        raw["weight"] = weight_from(r, raw["weight"])
    node: Node
    if "children" in raw:
        raw["children"] = _children(r, raw["children"], named, names, read)
        if None in raw["children"]:
            return None
        node = build(r, Group, raw)
    else:
        with r.at("scale"):
            scale = raw.get("scale", "boolean")
            raw["scale"] = (
                _scale(r, scale, named, names) if isinstance(scale, str) else read_scale(r, scale)
            )
        node = build(r, Indicator, raw)
    read.append((r.pointer, node))
    return node


def _children(
    r: Reader, data: object, named: Mapping[str, Scale], names: Sequence[str], read: list[Pointed]
) -> list[Node | None]:
    with r.at("children"):
        items = r.sequence(data)
    children = []
    for i, child in enumerate(items):
        with r.at("children", i):
            children.append(r.attempt(functools.partial(_node_from, r, child, named, names, read)))
    return children


def _top(
    r: Reader,
    raw: Mapping[str, Any],
    named: Mapping[str, Scale],
    names: Sequence[str],
    read: list[Pointed],
) -> list[Node | None]:
    return _children(r, r.required(raw, "children"), named, names, read)


def _named_scales(r: Reader, data: object) -> tuple[dict[str, Scale], list[str]]:
    """The named scales that can be read, and every name declared."""
    with r.at("scales"):
        declared = r.attempt(functools.partial(r.mapping, data)) or {}
    named: dict[str, Scale] = r.scales
    for name, spec in declared.items():
        with r.at("scales", name):
            if isinstance(spec, str) and spec != "boolean" and spec not in named:
                later = Message(N_(" (it is declared below; a scale may only name one above it)"))
                hint = later if spec in declared else suggest(spec, [*named, "boolean"])
                message = N_("unknown scale {name!r}{hint}")
                r.attempt(functools.partial(r.fail, message, name=spec, hint=hint))
                continue
            scale = r.attempt(functools.partial(read_scale, r, spec))
            if scale is not None:
                named[name] = scale
    return named, list(declared)


def read_rubric(r: Reader, data: Any) -> Rubric:
    """A :class:`Rubric` from plain data; raises :class:`ConversionError` listing every part
    that cannot be read and the rules of :class:`Rubric` that the readable parts break."""
    raw = r.mapping(data)
    named, names = _named_scales(r, raw.get("scales", {}))
    read: list[Pointed] = []
    children = r.attempt(functools.partial(_top, r, raw, named, names, read)) or []
    scoring = r.attempt(functools.partial(_scoring, r, raw))
    with r.at("aggregation"):
        aggregation = build(r, Aggregation, raw.get("aggregation", {}))
    with r.at("rounding"):
        rounding = build(r, RoundingRules, raw.get("rounding", {}))
    parameters = []
    for i, item in enumerate(r.sequence(raw.get("parameters", []))):
        with r.at("parameters", i):
            parameters.append(r.attempt(functools.partial(build, r, Parameter, item)))
    values = r.mapping(raw.get("parameter_values") or {})
    if r.found or None in children:  # the rules the parts that could be read break
        pairs = [(str(name), str(value)) for name, value in values.items()]
        r.stop([*tree_findings(read), *parameter_findings(read, parameters, pairs)])
    read_parts = {
        "version": str(r.required(raw, "version")),
        "children": children,
        "scoring": scoring,
        "aggregation": aggregation,
        "rounding": rounding,
        "parameters": parameters,
        "parameter_values": values,
    }
    kept = {k: v for k, v in raw.items() if k not in _DOCUMENT_ONLY}
    return build(r, Rubric, {**kept, **read_parts})


def _scoring(r: Reader, raw: Mapping[str, Any]) -> ScoringSpec:
    with r.at("scoring"):
        return build(r, ScoringSpec, raw.get("scoring", {"model": "weighted_mean"}))


def content_hash(data_or_rubric: Rubric | ZoneScheme | Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of a rubric, zone scheme or plain data.

    Canonical: keys sorted, no insignificant white space, UTF-8, numbers as in ``to_data``.
    """
    data = data_or_rubric if isinstance(data_or_rubric, Mapping) else plain(data_or_rubric)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

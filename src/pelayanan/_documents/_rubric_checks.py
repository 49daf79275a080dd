"""Semantic checks of rubric data: ids, scales, parameters, weights, references."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction
from typing import Any

from pelayanan._documents._check_tools import (
    Report,
    exact,
    items,
    listing,
    mapping,
    nodes,
    sibling_lists,
    suggest,
    text_id,
)
from pelayanan._documents.errors import pointer_join
from pelayanan._model.limits import current_limits
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.zones import ZoneScheme

Catalogue = Collection[str | ZoneScheme]
"""Known zone schemes: their ids, ``id@version`` references, or the schemes themselves."""


def check_ids(report: Report, data: Mapping[str, Any]) -> None:
    """Every group and indicator id is used once."""
    first: dict[str, str] = {}
    for node, pointer in nodes(data):
        node_id = text_id(node.get("id"))
        if node_id is None:
            continue
        if node_id in first:
            where = report.where(first[node_id])
            report(pointer_join(pointer, "id"), f"id {node_id!r} is already used at {where}")
        else:
            first[node_id] = pointer


def _check_scale_definition(report: Report, scale: Mapping[str, Any], pointer: str) -> None:
    kind = scale.get("type")
    if kind == "numeric":
        low, high = exact(scale.get("minimum")), exact(scale.get("maximum"))
        if low is not None and high is not None and high <= low:
            report(
                pointer_join(pointer, "maximum"),
                f"the maximum {exact_to_str(high)} must be above the minimum {exact_to_str(low)}",
            )
    elif kind == "ordinal" and "levels" in scale:
        previous: Fraction | None = None
        for i, level in enumerate(items(scale.get("levels"))):
            value = exact(mapping(level).get("value"))
            if value is not None and previous is not None and value <= previous:
                report(
                    pointer_join(pointer, "levels", i, "value"),
                    f"levels must rise from lowest to highest: {exact_to_str(value)} is not "
                    f"above the level before it ({exact_to_str(previous)})",
                )
            previous = value if value is not None else previous
    elif kind == "ordinal":
        low_level, high_level = scale.get("from"), scale.get("to")
        if not (isinstance(low_level, int) and isinstance(high_level, int)):
            return
        if high_level <= low_level:
            report(
                pointer_join(pointer, "to"),
                f"'to' ({high_level}) must be above 'from' ({low_level})",
            )
        labels = scale.get("labels")
        count = high_level - low_level + 1
        limit = current_limits().max_scale_levels
        if count > limit:
            report(
                pointer_join(pointer, "to"),
                f"this scale would have {count:,} levels (from {low_level} to {high_level}), "
                f"more than the limit of {limit:,} (Limits.max_scale_levels); use a numeric "
                "scale for a range of numbers",
            )
            return
        if isinstance(labels, list) and high_level > low_level and len(labels) != count:
            report(
                pointer_join(pointer, "labels"),
                f"expected {count} labels (one per level from {low_level} to {high_level}), "
                f"got {len(labels)}",
            )


def check_scales(report: Report, data: Mapping[str, Any]) -> None:
    """Named scales and indicator scales are well formed and every scale name is declared."""
    declared: list[str] = []
    for name, scale in mapping(data.get("scales")).items():
        pointer = pointer_join("/scales", name)
        if isinstance(scale, str) and scale != "boolean" and scale not in declared:
            later = " (it is declared below; a scale may only name one above it)"
            known = [*declared, "boolean"]
            hint = later if scale in mapping(data.get("scales")) else suggest(scale, known)
            report(pointer, f"unknown scale {scale!r}{hint}")
        elif isinstance(scale, Mapping):
            _check_scale_definition(report, scale, pointer)
        declared.append(name)
    for node, pointer in nodes(data):
        if "children" in node:
            continue
        scale = node.get("scale")
        where = pointer_join(pointer, "scale")
        if isinstance(scale, str) and scale != "boolean" and scale not in declared:
            known = ["boolean", *declared]
            report(
                where,
                f"unknown scale {scale!r}; declare it under 'scales' (declared: "
                f"{listing(known)}){suggest(scale, known)}",
            )
        elif isinstance(scale, Mapping):
            _check_scale_definition(report, scale, where)


def parameter_numbers(
    report: Report, data: Mapping[str, Any], given: Mapping[str, str] | None
) -> dict[str, Fraction | None]:
    """Check parameters and choices; return each parameter's chosen number (if known)."""
    declared: dict[str, Mapping[str, Any]] = {}
    for i, parameter in enumerate(items(data.get("parameters"))):
        raw = mapping(parameter)
        name = text_id(raw.get("id"))
        if name is None:
            continue
        if name in declared:
            report(pointer_join("/parameters", i, "id"), f"parameter {name!r} is declared twice")
            continue
        declared[name] = raw
        choices = mapping(raw.get("choices"))
        default = raw.get("default")
        if isinstance(default, str) and choices and default not in choices:
            report(
                pointer_join("/parameters", i, "default"),
                f"the default {default!r} is not one of the choices {listing(choices)}",
            )
    chosen = {name: text_id(raw.get("default")) for name, raw in declared.items()}
    sources = (
        ("/parameter_values", mapping(data.get("parameter_values")), ""),
        ("/parameters", given or {}, " (a parameter choice given when loading)"),
    )
    for base, values, origin in sources:
        for name, choice in values.items():
            where = base if origin else pointer_join(base, name)
            if name not in declared:
                known = listing(declared)
                report(where, f"no parameter {name!r} is declared (declared: {known}){origin}")
                continue
            choices = mapping(declared[name].get("choices"))
            if choice not in choices:
                report(
                    where,
                    f"parameter {name!r}: {choice!r} is not one of the choices "
                    f"{listing(choices)}{origin}",
                )
                continue
            chosen[name] = choice
    numbers: dict[str, Fraction | None] = {}
    for name, raw in declared.items():
        choice = chosen[name]
        numbers[name] = exact(mapping(raw.get("choices")).get(choice)) if choice else None
    return numbers


def _weight(node: Mapping[str, Any], numbers: Mapping[str, Fraction | None]) -> Fraction | None:
    weight = node.get("weight", 1)
    if isinstance(weight, Mapping):
        name = weight.get("param")
        return numbers.get(name) if isinstance(name, str) else None
    return exact(weight)


def check_weights(
    report: Report, data: Mapping[str, Any], numbers: Mapping[str, Fraction | None]
) -> None:
    """Weights are positive, points not negative, parameter references declared."""
    for node, pointer in nodes(data):
        weight = node.get("weight")
        if isinstance(weight, Mapping):
            name = weight.get("param")
            if isinstance(name, str) and name not in numbers:
                report(
                    pointer_join(pointer, "weight", "param"),
                    f"no parameter {name!r} is declared{suggest(name, numbers)} "
                    f"(declared: {listing(numbers)})",
                )
        elif (value := exact(weight)) is not None and value <= 0:
            report(
                pointer_join(pointer, "weight"),
                f"expected a positive weight, got {exact_to_str(value)}",
            )
        points = exact(node.get("points"))
        if points is not None and points < 0:
            report(
                pointer_join(pointer, "points"),
                f"expected zero or more points, got {exact_to_str(points)}",
            )


def check_weights_sum(
    report: Report, data: Mapping[str, Any], numbers: Mapping[str, Fraction | None]
) -> None:
    """Sibling weights add up to the declared ``weights_sum`` (within its tolerance)."""
    for siblings, pointer, holder, holder_pointer in sibling_lists(data):
        if "weights_sum" not in holder:
            holder, holder_pointer = data, ""
        rule = mapping(holder.get("weights_sum"))
        declared_at = pointer_join(holder_pointer, "weights_sum")
        target, tolerance = exact(rule.get("to")), exact(rule.get("tolerance", 0))
        weights = [_weight(mapping(node), numbers) for node in siblings]
        if target is None or tolerance is None or not weights or None in weights:
            continue
        total = sum((w for w in weights if w is not None), Fraction(0))
        if abs(total - target) > tolerance:
            allowed = f" (within {exact_to_str(tolerance)})" if tolerance else ""
            report(
                pointer,
                f"the weights here ({len(weights)} of them) add up to {exact_to_str(total)}, "
                f"not {exact_to_str(target)}{allowed} as required by weights_sum "
                f"({report.where(declared_at)})",
            )


def _matches(reference: str, catalogue: Catalogue) -> bool:
    refs: set[str] = set()
    for entry in catalogue:
        refs.update((entry.id, entry.ref) if isinstance(entry, ZoneScheme) else (entry,))
    name, _, version = reference.partition("@")
    return (
        reference in refs
        or (bool(version) and name in refs)
        or (not version and any(ref.partition("@")[0] == name for ref in refs))
    )


def check_zone_scheme_ref(
    report: Report, data: Mapping[str, Any], catalogue: Catalogue | None
) -> None:
    """The rubric's zone scheme is one of ``catalogue`` (when a catalogue is given)."""
    reference = data.get("zone_scheme")
    if catalogue is None or not isinstance(reference, str) or _matches(reference, catalogue):
        return
    known = sorted({e.ref if isinstance(e, ZoneScheme) else e for e in catalogue})
    report(
        "/zone_scheme",
        f"unknown zone scheme {reference!r}{suggest(reference, known)} (known: {listing(known)})",
    )


def check_model_name(report: Report, data: Mapping[str, Any], known: Collection[str]) -> None:
    """The scoring model is one that is installed."""
    name = mapping(data.get("scoring")).get("model")
    if isinstance(name, str) and name not in known:
        report(
            "/scoring/model",
            f"unknown scoring model {name!r}{suggest(name, known)} (known: "
            f"{listing(sorted(known))}; models from plugins must be passed in)",
        )

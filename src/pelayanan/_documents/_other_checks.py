"""Semantic checks of overlay and evidence data (see :mod:`pelayanan._documents.checks`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelayanan._documents._check_tools import (
    Report,
    as_document,
    exact,
    items,
    mapping,
    text_id,
)
from pelayanan._documents.errors import Problem, pointer_join
from pelayanan._documents.loading import Document
from pelayanan._model.convert import ConversionError, units_from_data
from pelayanan._model.problems import listing, suggest
from pelayanan._model.rubric import Group, Indicator, Rubric


def _repeats(report: Report, data: Mapping[str, Any], key: str) -> None:
    first: dict[str, str] = {}
    for i, name in enumerate(items(data.get(key))):
        pointer = pointer_join(f"/{key}", i)
        if isinstance(name, str) and name in first:
            report(pointer, f"{name!r} is listed twice (first at {report.where(first[name])})")
        elif isinstance(name, str):
            first[name] = pointer


def _check_base(report: Report, data: Mapping[str, Any], base: Rubric) -> None:
    reference = data.get("base")
    if isinstance(reference, str):
        name, _, version = reference.partition("@")
        if name != base.id or version not in ("", base.version):
            report("/base", f"the overlay is for {reference!r}, but the base given is {base.ref!r}")
    if data.get("id") == base.id and str(data.get("version")) == base.version:
        report(
            "/version",
            f"the tailored rubric needs its own id or version, not the base's ({base.ref})",
        )


def check_overlay(
    source: Document | Mapping[str, Any], base: Rubric | None = None
) -> list[Problem]:
    """Semantic problems of overlay data; with ``base``, every id and parameter it names."""
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    _repeats(report, data, "drop")
    _repeats(report, data, "select")
    if base is None:
        return report.problems
    _check_base(report, data, base)
    known = {node.id: node for node in base.nodes()}

    def unknown(pointer: str, name: str) -> None:
        report(pointer, f"{base.ref} has no group or indicator {name!r}{suggest(name, known)}")

    for key in ("drop", "select"):
        for i, name in enumerate(items(data.get(key))):
            if isinstance(name, str) and name not in known:
                unknown(pointer_join(f"/{key}", i), name)
    substitute = mapping(data.get("substitute"))
    new_ids = {text_id(mapping(new).get("id")) for new in substitute.values()}
    for i, new in enumerate(items(data.get("add"))):
        pointer = pointer_join("/add", i)
        new_id = text_id(mapping(new).get("id"))
        into = mapping(new).get("into")
        if new_id is not None and new_id in known:
            report(pointer_join(pointer, "id"), f"the new id {new_id!r} is already used")
        if isinstance(into, str) and into not in known:
            report(pointer_join(pointer, "into"), f"{base.ref} has no group {into!r}")
        elif isinstance(into, str) and not isinstance(known[into], Group):
            report(pointer_join(pointer, "into"), f"{into!r} is an indicator, not a group")
        new_ids.add(new_id)
    for old, new in substitute.items():
        pointer = pointer_join("/substitute", old)
        if old not in known:
            unknown(pointer, old)
        elif isinstance(known[old], Group):
            report(pointer, f"{old!r} is a group; only an indicator can be substituted")
        new_id = text_id(mapping(new).get("id"))
        if new_id is not None and new_id != old and new_id in known:
            report(pointer_join(pointer, "id"), f"the new id {new_id!r} is already used")
    for key in ("reweight", "rename"):
        for name in mapping(data.get(key)):
            if name not in known and name not in new_ids:
                unknown(pointer_join(f"/{key}", name), name)
    declared = {parameter.id: parameter for parameter in base.parameters}
    for name, weight in mapping(data.get("reweight")).items():
        param = mapping(weight).get("param")
        if isinstance(param, str) and param not in declared:
            report(
                pointer_join("/reweight", name, "param"),
                f"{base.ref} declares no parameter {param!r} (declared: {listing(declared)})",
            )
        elif (value := exact(weight)) is not None and value <= 0:
            report(pointer_join("/reweight", name), "expected a positive weight")
    for name, choice in mapping(data.get("parameters")).items():
        pointer = pointer_join("/parameters", name)
        if name not in declared:
            report(pointer, f"{base.ref} declares no parameter {name!r}{suggest(name, declared)}")
        elif str(choice) not in declared[name].names():
            allowed = listing(declared[name].names())
            report(pointer, f"{str(choice)!r} is not one of the choices {allowed}")
    return report.problems


def _check_units(report: Report, units: object) -> tuple[dict[str, int], set[str]]:
    """The model's rules of a unit tree, placed under ``/units``; returns the unit ids and
    the units with children."""
    try:
        units_from_data(units)
    except ConversionError as error:
        report.place(error.findings, "/units", rules_only=True)
    ids: dict[str, int] = {}
    parents: set[str] = set()
    for i, unit in enumerate(items(units)):
        unit_id, parent = text_id(mapping(unit).get("id")), text_id(mapping(unit).get("parent"))
        if unit_id is not None:
            ids.setdefault(unit_id, i)
        if parent is not None:
            parents.add(parent)
    return ids, parents


def check_evidence(
    source: Document | Mapping[str, Any], *, rubric: Rubric | None = None
) -> list[Problem]:
    """Semantic problems of evidence data; with ``rubric``, indicators and values too."""
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    has_units = isinstance(data.get("units"), list)
    ids, inner = _check_units(report, data.get("units")) if has_units else ({}, set())
    indicators = {} if rubric is None else {i.id: i for i in rubric.indicators()}
    for i, item in enumerate(items(data.get("evidence"))):
        raw, pointer = mapping(item), pointer_join("/evidence", i)
        marked = raw.get("not_applicable") is True
        if marked and "value" in raw:
            report(pointer_join(pointer, "value"), "an item marked not_applicable has no value")
        elif not marked and "value" not in raw and isinstance(item, Mapping):
            report(pointer, "the item has no value; give one, or mark it not_applicable: true")
        unit = text_id(raw.get("unit"))
        if unit is not None and has_units and unit not in ids:
            report(pointer_join(pointer, "unit"), f"unit {unit!r} is not declared under units")
        elif unit is not None and unit in inner:
            report(
                pointer_join(pointer, "unit"),
                f"unit {unit!r} has units below it; evidence belongs to the units at the bottom",
            )
        name = text_id(raw.get("indicator"))
        if rubric is None or name is None:
            continue
        _check_item(report, pointer, raw, indicators.get(name), name, rubric)
    return report.problems


def _check_item(
    report: Report,
    pointer: str,
    raw: Mapping[str, Any],
    indicator: Indicator | None,
    name: str,
    rubric: Rubric,
) -> None:
    if indicator is None:
        what = "a group" if any(node.id == name for node in rubric.nodes()) else "no indicator"
        hint = suggest(name, [i.id for i in rubric.indicators()])
        report(pointer_join(pointer, "indicator"), f"{name!r} is {what} in {rubric.ref}{hint}")
    elif raw.get("not_applicable") is True:
        if not indicator.allow_not_applicable:
            report(
                pointer_join(pointer, "not_applicable"),
                f"indicator {name!r} may not be marked not applicable in {rubric.ref}",
            )
    elif "value" in raw:
        try:
            indicator.scale.parse(raw["value"])
        except ValueError as error:
            report(pointer_join(pointer, "value"), f"indicator {name!r}: {error}")

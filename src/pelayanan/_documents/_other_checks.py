"""Semantic checks of evidence data (see :mod:`pelayanan._documents.checks`), and the
placing of the model's findings about an overlay (its rules are all in the model)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelayanan._documents._check_tools import (
    Report,
    as_document,
    items,
    mapping,
    text_id,
)
from pelayanan._documents.errors import Problem, pointer_join
from pelayanan._documents.loading import Document
from pelayanan._i18n import N_
from pelayanan._model.convert import ConversionError, from_data
from pelayanan._model.evidence import value_problem
from pelayanan._model.problems import suggest
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.tailoring import TailoringError
from pelayanan._model.units import UnitTree

_USED = N_("the new id {name!r} is already used")


def place_tailoring(source: Document | Mapping[str, Any], error: TailoringError) -> list[Problem]:
    """The model's findings about an overlay that does not fit its base, each at its place
    in the overlay's document."""
    report = Report(as_document(source))
    report.place(error.findings, rules_only=False)
    return report.problems


def _check_units(report: Report, units: object) -> tuple[UnitTree | None, set[str], set[str]]:
    """The unit tree built once by the model, whose rules are placed under ``/units``; with
    the unit ids and the units with children (read from the data when the tree is refused)."""
    try:
        tree = from_data(UnitTree, units)
    except ConversionError as error:
        report.place(error.findings, "/units", rules_only=True)
    else:
        ids = {unit.id for unit in tree}
        return tree, ids, {unit_id for unit_id in ids if not tree.is_leaf(unit_id)}
    ids = set()
    parents: set[str] = set()
    for unit in items(units):
        unit_id, parent = text_id(mapping(unit).get("id")), text_id(mapping(unit).get("parent"))
        if unit_id is not None:
            ids.add(unit_id)
        if parent is not None:
            parents.add(parent)
    return None, ids, parents


def check_evidence(
    source: Document | Mapping[str, Any], *, rubric: Rubric | None = None
) -> list[Problem]:
    """Semantic problems of evidence data; with ``rubric``, indicators and values too."""
    return evidence_problems(source, rubric=rubric)[0]


def evidence_problems(
    source: Document | Mapping[str, Any], *, rubric: Rubric | None = None
) -> tuple[list[Problem], UnitTree | None]:
    """The problems of :func:`check_evidence`, and the unit tree of the data when it has one
    without problems (built once, for the loader to keep)."""
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    has_units = isinstance(data.get("units"), list)
    tree, ids, inner = (
        _check_units(report, data.get("units")) if has_units else (None, set(), set())
    )
    indicators = {} if rubric is None else {i.id: i for i in rubric.indicators()}
    for i, item in enumerate(items(data.get("evidence"))):
        raw, pointer = mapping(item), pointer_join("/evidence", i)
        marked = raw.get("not_applicable") is True
        problem = value_problem(raw.get("value"), marked)  # the model's rule
        if problem is not None and isinstance(item, Mapping):
            report(pointer_join(pointer, "value") if marked else pointer, problem)
        unit = text_id(raw.get("unit"))
        if unit is not None and has_units and unit not in ids:
            message = N_("unit {unit!r} is not declared under 'units'")
            report(pointer_join(pointer, "unit"), message, unit=unit)
        elif unit is not None and unit in inner:
            report(
                pointer_join(pointer, "unit"),
                N_("unit {unit!r} has units below it; evidence belongs to the units at the bottom"),
                unit=unit,
            )
        name = text_id(raw.get("indicator"))
        if rubric is None or name is None:
            continue
        _check_item(report, pointer, raw, indicators.get(name), name, rubric)
    return report.problems, tree


def _check_item(
    report: Report,
    pointer: str,
    raw: Mapping[str, Any],
    indicator: Indicator | None,
    name: str,
    rubric: Rubric,
) -> None:
    if indicator is None:
        group = any(node.id == name for node in rubric.nodes())
        message = N_("{name!r} is a group in {rubric}{hint}")
        if not group:
            message = N_("{name!r} is no indicator in {rubric}{hint}")
        hint = suggest(name, [i.id for i in rubric.indicators()])
        report(pointer_join(pointer, "indicator"), message, name=name, rubric=rubric.ref, hint=hint)
    elif raw.get("not_applicable") is True:
        if not indicator.allow_not_applicable:
            report(
                pointer_join(pointer, "not_applicable"),
                N_("indicator {name!r} may not be marked not applicable in {rubric}"),
                name=name,
                rubric=rubric.ref,
            )
    elif "value" in raw:
        try:
            indicator.scale.parse(raw["value"])
        except ValueError as error:
            message = N_("indicator {name!r}: {problem}")
            report(pointer_join(pointer, "value"), message, name=name, problem=error)

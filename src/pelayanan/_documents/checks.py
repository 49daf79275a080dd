"""Semantic checks of documents: what a JSON Schema cannot say.

Each check takes a document (or its plain data) and returns every
:class:`~pelayanan._documents.errors.Problem` it finds, each placed by a JSON pointer and, for
documents read from a file, a line. The checks run on data that may also break the schema:
values of the wrong shape are skipped here, since the schema reports them.

- :func:`check_rubric`: unique ids, scale names declared, scales well formed, positive
  weights, parameters and choices declared, sibling weights adding up to the declared
  ``weights_sum``, a known scoring model and (given a catalogue) a known zone scheme.
- :func:`check_scoring`: the built rubric suits its scoring model (for example, the
  ``points`` model needs points on every indicator).
- :func:`check_zone_scheme`: bands rise strictly (no overlap), start at the scale minimum (no
  hole), stay within the scale, use no more decimals than scores are rounded to, and name
  declared zones in rising order.
- :func:`check_overlay`: ids and parameters named by an overlay exist in its base rubric.
- :func:`check_evidence`: units form a tree, every item has a value or is marked not
  applicable, and (given a rubric) indicators exist and values fit their scales.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from pelayanan._documents import _rubric_checks as rubric_checks
from pelayanan._documents._check_tools import (
    Report,
    as_document,
    exact,
    items,
    listing,
    mapping,
    nodes,
    text_id,
)
from pelayanan._documents._other_checks import check_evidence, check_overlay
from pelayanan._documents.errors import Problem, pointer_join
from pelayanan._documents.loading import Document
from pelayanan._model.convert import ConversionError, rubric_to_data, zone_scheme_to_data
from pelayanan._model.numbers import Rounding, exact_to_str
from pelayanan._model.rubric import Rubric
from pelayanan._model.scales import BooleanScale
from pelayanan._model.zones import ZoneScheme, unpublishable_bound
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.models import BUILTIN_MODELS

__all__ = [
    "Catalogue",
    "check_evidence",
    "check_overlay",
    "check_rubric",
    "check_scoring",
    "check_zone_scheme",
    "conversion_problem",
]

Catalogue = rubric_checks.Catalogue

Source = Document | Mapping[str, Any]
"""A document, or plain data (problems are then named ``<data>`` and have no lines)."""


def check_rubric(
    source: Source | Rubric,
    *,
    zone_schemes: Catalogue | None = None,
    models: Mapping[str, ScoringModel] | None = None,
    parameters: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Semantic problems of rubric data (before the rubric is built).

    Args:
        source: The rubric document or data. A built :class:`Rubric` is checked through its
            plain data, together with :func:`check_scoring`.
        zone_schemes: Known zone schemes; when given, the rubric's ``zone_scheme`` must be
            one of them.
        models: Scoring models besides the built-in ones (from plugins).
        parameters: Parameter choices to be made; they must be declared and allowed.
    """
    if isinstance(source, Rubric):
        problems = check_rubric(
            rubric_to_data(source), zone_schemes=zone_schemes, models=models, parameters=parameters
        )
        if not problems:
            problems = check_scoring(
                source, rubric_to_data(source), models=models, parameters=parameters
            )
        return problems
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    rubric_checks.check_ids(report, data)
    rubric_checks.check_scales(report, data)
    numbers = rubric_checks.parameter_numbers(report, data, parameters)
    rubric_checks.check_weights(report, data, numbers)
    rubric_checks.check_weights_sum(report, data, numbers)
    rubric_checks.check_zone_scheme_ref(report, data, zone_schemes)
    rubric_checks.check_model_name(report, data, {**BUILTIN_MODELS, **(models or {})})
    return report.problems


def check_scoring(
    rubric: Rubric,
    source: Source | None = None,
    *,
    models: Mapping[str, ScoringModel] | None = None,
    parameters: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Problems that make ``rubric`` unusable with its scoring model.

    Runs the model's own :meth:`~pelayanan._scoring.base.ScoringModel.check` on the rubric
    with its parameters bound, and for ``survey_index`` requires ordinal or numeric scales
    (it averages answers on the scale). Problems are placed at the indicator they name when
    ``source`` (the rubric's document) is given, else at ``/scoring``.
    """
    document = as_document(source if source is not None else {})
    report = Report(document)
    model = {**BUILTIN_MODELS, **(models or {})}.get(rubric.scoring.model)
    if model is None:
        return []
    where = {str(node.get("id")): pointer for node, pointer in nodes(mapping(document.data))}
    messages = model.check(rubric.resolve(parameters))
    if rubric.scoring.model == "survey_index":
        messages += [
            f"indicator {indicator.id!r} has a boolean scale; survey_index averages answers "
            "on an ordinal or numeric scale"
            for indicator in rubric.indicators()
            if isinstance(indicator.scale, BooleanScale)
        ]
    for message in messages:
        named = [name for name in re.findall(r"'([^']+)'", message) if name in where]
        report(where[named[0]] if named else "/scoring", f"{model.name}: {message}")
    return report.problems


def conversion_problem(source: Source, error: Exception) -> Problem:
    """The problem an error from building a model object describes, placed in ``source``."""
    document = as_document(source)
    if isinstance(error, ConversionError):
        return document.problem(error.pointer, error.message)
    return document.problem("", str(error).strip("'\""))


def check_zone_scheme(source: Source | ZoneScheme) -> list[Problem]:
    """Semantic problems of zone-scheme data (or of a built scheme): bands, zones, precision."""
    if isinstance(source, ZoneScheme):
        source = zone_scheme_to_data(source)
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    low, high = exact(data.get("minimum")), exact(data.get("maximum"))
    if low is not None and high is not None and high <= low:
        report("/maximum", f"the maximum {exact_to_str(high)} must be above the minimum")
    places = mapping(data.get("rounding")).get("places", 2)
    zones = _zone_ids(report, data)
    previous: tuple[Fraction, str, int] | None = None
    rank = -1
    codes: dict[str, int] = {}
    for i, raw in enumerate(items(data.get("bands"))):
        band, pointer = mapping(raw), pointer_join("/bands", i)
        code = text_id(band.get("code")) or f"#{i + 1}"
        if code in codes:
            report(pointer_join(pointer, "code"), f"band code {code!r} is used twice")
        codes[code] = i
        zone = text_id(band.get("zone"))
        if zone is not None and zone not in zones:
            report(
                pointer_join(pointer, "zone"),
                f"zone {zone!r} is not declared under zones (declared: {listing(zones)})",
            )
        elif zone is not None and zones[zone] < rank:
            report(
                pointer_join(pointer, "zone"),
                f"zone {zone!r} is listed below the zone of the band before it; list zones "
                "from lowest to highest and bands in the same order",
            )
        rank = max(rank, zones.get(zone or "", -1))
        lower = exact(band.get("lower"))
        if lower is None:
            continue
        where = pointer_join(pointer, "lower")
        _check_lower(report, where, lower, (low, high), places, first=previous is None)
        if previous is not None and lower <= previous[0]:
            report(
                where,
                f"band {code!r} starts at {exact_to_str(lower)}, not above band "
                f"{previous[1]!r} before it, which starts at {exact_to_str(previous[0])} "
                f"({report.where(pointer_join('/bands', previous[2]))}); the bands overlap: "
                "list them from lowest to highest with rising lower bounds",
            )
        previous = (lower, code, i)
    return report.problems


def _zone_ids(report: Report, data: Mapping[str, Any]) -> dict[str, int]:
    zones: dict[str, int] = {}
    for i, zone in enumerate(items(data.get("zones"))):
        zone_id = text_id(mapping(zone).get("id"))
        if zone_id is None:
            continue
        if zone_id in zones:
            report(pointer_join("/zones", i, "id"), f"zone id {zone_id!r} is used twice")
        zones.setdefault(zone_id, i)
    return zones


def _check_lower(
    report: Report,
    where: str,
    lower: Fraction,
    scale: tuple[Fraction | None, Fraction | None],
    places: object,
    *,
    first: bool,
) -> None:
    low, high = scale
    shown = exact_to_str(lower)
    if first and low is not None and lower > low:
        report(
            where,
            f"the first band starts at {shown}, above the scale minimum {exact_to_str(low)}: "
            f"scores from {exact_to_str(low)} up to {shown} would fall in no band (a hole); "
            "start the first band at the minimum",
        )
    elif low is not None and lower < low:
        report(where, f"the band starts at {shown}, below the scale minimum {exact_to_str(low)}")
    if high is not None and lower > high:
        report(where, f"the band starts at {shown}, above the scale maximum {exact_to_str(high)}")
    if isinstance(places, int) and not isinstance(places, bool) and 0 <= places <= 12:
        problem = unpublishable_bound(lower, Rounding(places))  # the model's rule, placed
        if problem is not None:
            report(where, problem)

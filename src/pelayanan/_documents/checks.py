"""Semantic checks of documents: what a JSON Schema cannot say.

Each check takes a document (or its plain data) and returns every
:class:`~pelayanan._documents.errors.Problem` it finds, each placed by a JSON pointer and, for
documents read from a file, a line. The checks run on data that may also break the schema:
values of the wrong shape are skipped here, since the schema reports them.

- :func:`check_rubric`: the model's rules of a rubric (unique ids, scales well formed and
  declared, positive weights, parameters and choices declared), placed in the document, and
  what only a document says: sibling weights adding up to the declared ``weights_sum``, a
  known scoring model and (given a catalogue) a known zone scheme.
- :func:`check_scoring`: the built rubric suits its scoring model (for example, the
  ``points`` model needs points on every indicator).
- :func:`check_zone_scheme`: the model's rules of a zone scheme
  (:func:`~pelayanan._model.zones.scheme_findings`), placed in the document.
- :func:`place_tailoring` places the model's findings about an overlay that does not fit
  its base (the rules themselves are in :mod:`pelayanan._model.tailoring`).
- :func:`check_evidence`: units form a tree, every item has a value or is marked not
  applicable, and (given a rubric) indicators exist and values fit their scales.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pelayanan._documents import _rubric_checks as rubric_checks
from pelayanan._documents._check_tools import Report, as_document, mapping
from pelayanan._documents._other_checks import check_evidence, evidence_problems, place_tailoring
from pelayanan._documents.errors import Problem
from pelayanan._documents.loading import Document
from pelayanan._i18n import gettext
from pelayanan._model.convert import (
    ConversionError,
    from_data,
    to_data,
)
from pelayanan._model.rubric import Rubric, pointed
from pelayanan._model.scales import BooleanScale
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.models import BUILTIN_MODELS

__all__ = [
    "Catalogue",
    "check_evidence",
    "check_rubric",
    "check_scoring",
    "check_zone_scheme",
    "conversion_problem",
    "conversion_problems",
    "document_problems",
    "evidence_problems",
    "place_tailoring",
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
    """Semantic problems of rubric data: the model's rules of a rubric, placed in the
    document, and what only a document says (:func:`document_problems`).

    Args:
        source: The rubric document or data. A built :class:`Rubric` is checked through its
            plain data, together with :func:`check_scoring`.
        zone_schemes: Known zone schemes; when given, the rubric's ``zone_scheme`` must be
            one of them.
        models: Scoring models besides the built-in ones (from plugins).
        parameters: Parameter choices to be made; they must be declared and allowed.
    """
    if isinstance(source, Rubric):  # its rules held when it was built
        data = to_data(source)
        problems = document_problems(
            data, source, zone_schemes=zone_schemes, models=models, parameters=parameters
        )
        return problems or check_scoring(source, data, models=models, parameters=parameters)
    document = as_document(source)
    try:
        rubric = from_data(Rubric, _body(document))
    except ConversionError as error:
        rubric, rules = None, conversion_problems(document, error, rules_only=True)
    else:
        rules = []
    problems = document_problems(
        document, rubric, zone_schemes=zone_schemes, models=models, parameters=parameters
    )
    return problems + rules


def document_problems(
    source: Source,
    rubric: Rubric | None = None,
    *,
    zone_schemes: Catalogue | None = None,
    models: Mapping[str, ScoringModel] | None = None,
    parameters: Mapping[str, str] | None = None,
) -> list[Problem]:
    """What only a rubric document says: a known zone scheme (given a catalogue) and scoring
    model, parameter choices given when loading, and, given the ``rubric`` built from it,
    sibling weights adding up to its ``weights_sum``."""
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    rubric_checks.check_given_parameters(report, data, parameters)
    if rubric is not None:
        rubric_checks.check_weights_sum(report, data, rubric, parameters)
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
    where = {node.id: pointer for pointer, node in pointed(rubric.children)} if source else {}
    messages = model.check(rubric.resolve(parameters))
    if rubric.scoring.model == "survey_index":
        boolean = gettext(
            "indicator {name!r} has a boolean scale; survey_index averages answers on an "
            "ordinal or numeric scale"
        )
        messages += [
            boolean.format(name=indicator.id)
            for indicator in rubric.indicators()
            if isinstance(indicator.scale, BooleanScale)
        ]
    for message in messages:
        named = [name for name in re.findall(r"'([^']+)'", message) if name in where]
        report(where[named[0]] if named else "/scoring", f"{model.name}: {message}")
    return report.problems


def conversion_problem(source: Source, error: Exception) -> Problem:
    """The (first) problem an error from building a model object describes, placed in
    ``source``; see :func:`conversion_problems`."""
    return conversion_problems(source, error)[0]


def conversion_problems(
    source: Source, error: Exception, *, rules_only: bool = False
) -> list[Problem]:
    """The problems an error from building a model object describes, placed in ``source``.

    A :class:`ConversionError` lists every :class:`~pelayanan._model.problems.Finding` with
    its pointer; a place a message refers to is shown with its line. With ``rules_only``,
    only the model's rules are kept (the schema reports data of the wrong shape).
    """
    document = as_document(source)
    if not isinstance(error, ConversionError):
        return [document.problem("", str(error).strip("'\""))]
    report = Report(document)
    report.place(error.findings, rules_only=rules_only)
    return report.problems


def _body(document: Document) -> dict[str, Any]:
    """The document's data without its ``$schema`` (the document's, not the object's)."""
    return {key: value for key, value in mapping(document.data).items() if key != "$schema"}


def check_zone_scheme(source: Source | ZoneScheme) -> list[Problem]:
    """Semantic problems of zone-scheme data: the rules of
    :func:`~pelayanan._model.zones.scheme_findings`, placed in the document (a built scheme
    has none)."""
    if isinstance(source, ZoneScheme):
        return []
    document = as_document(source)
    try:
        from_data(ZoneScheme, _body(document))
    except ConversionError as error:
        return conversion_problems(document, error, rules_only=True)
    return []

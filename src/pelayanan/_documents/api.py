"""Load and write pelayanan's documents: rubrics, zone schemes, overlays, evidence, results.

Every ``load_*`` function accepts a path, a mapping already in memory, or a
:class:`~pelayanan._documents.loading.Document`, and runs three stages:

1. the safe loader (:func:`~pelayanan._documents.loading.load_document`);
2. the bundled JSON Schema (:mod:`pelayanan.schemas`) together with the semantic
   checks (:mod:`pelayanan._documents.checks`), so one run reports every mistake;
3. building the model object.

Whatever goes wrong is raised as one :class:`~pelayanan._documents.errors.DocumentError`
listing every problem with its file, JSON pointer, line and column. :func:`dump` writes any of
these objects back as YAML or JSON with its ``$schema``.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, ParamSpec, TypeVar

import attrs
import yaml

from pelayanan._documents import schemas
from pelayanan._documents.checks import (
    Catalogue,
    check_scoring,
    conversion_problems,
    document_problems,
    evidence_problems,
    place_tailoring,
)
from pelayanan._documents.errors import DocumentError, Problem
from pelayanan._documents.loading import Document, load_document
from pelayanan._i18n import gettext
from pelayanan._model.convert import ConversionError, from_data, to_data
from pelayanan._model.evidence import Evidence
from pelayanan._model.limits import LimitError, Limits, current_limits, use_limits
from pelayanan._model.problems import InvalidValueError
from pelayanan._model.results import Assessment
from pelayanan._model.rubric import Rubric
from pelayanan._model.tailoring import (
    Overlay,
    TailoringError,
    apply_overlay,
)
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel

__all__ = [
    "DocumentInput",
    "EvidenceSet",
    "dump",
    "load_assessment",
    "load_evidence",
    "load_overlay",
    "load_rubric",
    "load_zone_scheme",
    "resolve_rubric",
]

DocumentInput = str | os.PathLike[str] | Mapping[str, Any] | Document
"""Where a document comes from: a path, a mapping in memory, or a loaded document."""

T = TypeVar("T")
P = ParamSpec("P")
_ERRORS = (ConversionError, TailoringError, ValueError, TypeError, KeyError)


@attrs.frozen
class EvidenceSet:
    """The content of an evidence document.

    Attributes:
        evidence: The items, in document order.
        units: The unit tree, when the document declares ``units``.
    """

    evidence: tuple[Evidence, ...]
    units: UnitTree | None = None


def _stop(problems: Sequence[Problem]) -> None:
    """Raise every problem at once, in document order where lines are known."""
    if problems:
        raise DocumentError(
            sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0))
        )


def _prepare(
    kind: str, source: DocumentInput, limits: Limits | None, name: str | None
) -> tuple[Document, dict[str, Any], list[Problem]]:
    """Read ``source``, check its ``$schema`` and validate it; return its body and problems."""
    if isinstance(source, Document):
        document = source
    else:
        document = load_document(source, limits=limits, name=name)
    data = document.data
    if not isinstance(data, Mapping):
        message = gettext("expected a mapping (a {kind} document)").format(kind=kind)
        _stop([document.problem("", message)])
    declared = data.get("$schema", schemas.uri(kind))
    if declared != schemas.uri(kind):
        other = schemas.kind_of(data)
        if other is not None:
            message = (
                gettext("this is an {other} document, not a {kind}")
                if other[0] in "aeiou"
                else gettext("this is a {other} document, not a {kind}")
            ).format(other=other, kind=kind)
        else:
            message = gettext(
                "unknown $schema {declared!r}; a {kind} document declares {uri!r} (schemas are "
                "bundled with pelayanan, never fetched)"
            ).format(declared=declared, kind=kind, uri=schemas.uri(kind))
        _stop([document.problem("/$schema", message)])
    body = {key: value for key, value in data.items() if key != "$schema"}
    return document, body, schemas.validate(kind, document)


def _limited(func: Callable[P, T]) -> Callable[P, T]:
    """Run ``func`` with its ``limits`` argument in force (so conversions obey it too)."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        limits = kwargs.get("limits")
        with use_limits(limits if isinstance(limits, Limits) else None):
            return func(*args, **kwargs)

    return run


def _build(
    document: Document,
    cls: type[T],
    data: Any,
    schema: Sequence[Problem] = (),
    more: Callable[[T | None], Sequence[Problem]] | None = None,
) -> T:
    """``from_data(cls, data)``, or every problem: the ``schema``'s, ``more`` found in the document
    (given what was built, or ``None``) and the model's (only the broken rules when the
    schema has found problems, since it reports wrong shapes itself)."""
    try:
        built = from_data(cls, data)
    except _ERRORS as error:
        rules_only = bool(schema)
        found = conversion_problems(document, error, rules_only=rules_only)
        _stop([*schema, *(more(None) if more else ()), *found])
        raise  # not reached: a conversion error lists at least one problem
    _stop([*schema, *(more(built) if more else ())])
    return built


@_limited
def load_rubric(
    source: DocumentInput,
    *,
    limits: Limits | None = None,
    name: str | None = None,
    parameters: Mapping[str, str] | None = None,
    zone_schemes: Catalogue | None = None,
    models: Mapping[str, ScoringModel] | None = None,
) -> Rubric:
    """Load a rubric document.

    Args:
        source: A path, a mapping or a loaded document.
        limits: Resource limits for reading a file.
        name: The name to show in problems instead of the path.
        parameters: Parameter choices to bind; the rubric is then returned resolved (its
            parameter weights replaced by the chosen numbers). Without them the rubric keeps
            its parameter references and is checked with every parameter at its default.
        zone_schemes: Known zone schemes; when given, ``zone_scheme`` must be one of them.
        models: Scoring models from plugins, besides the built-in ones.

    Raises:
        DocumentError: listing every problem found.
    """
    document, body, problems = _prepare("rubric", source, limits, name)

    def more(built: Rubric | None) -> list[Problem]:
        return document_problems(
            document, built, zone_schemes=zone_schemes, models=models, parameters=parameters
        )

    rubric = _build(document, Rubric, body, problems, more)
    _stop(check_scoring(rubric, document, models=models, parameters=parameters))
    return rubric if parameters is None else rubric.resolve(parameters)


@_limited
def load_zone_scheme(
    source: DocumentInput, *, limits: Limits | None = None, name: str | None = None
) -> ZoneScheme:
    """Load a zone-scheme document; raises :class:`DocumentError` listing every problem."""
    document, body, problems = _prepare("zone-scheme", source, limits, name)
    return _build(document, ZoneScheme, body, problems)


@_limited
def load_overlay(
    source: DocumentInput,
    *,
    base: Rubric | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> Overlay:
    """Load an overlay document (it is not applied; see :func:`resolve_rubric`).

    Args:
        base: The rubric the overlay will be applied to. When given, every id, parameter
            and choice the overlay names is checked against it, and the overlay is tried on
            it, so mistakes are reported with their lines now rather than later.

    Raises:
        DocumentError: listing every problem found.
    """
    document, body, problems = _prepare("overlay", source, limits, name)
    overlay = _build(document, Overlay, body, problems)
    if base is not None:  # the model finds what does not fit; here it is only placed
        try:
            apply_overlay(base, overlay)
        except TailoringError as error:
            _stop(place_tailoring(document, error))
    return overlay


@_limited
def resolve_rubric(
    base: Rubric,
    overlays: Sequence[Overlay | DocumentInput],
    parameters: Mapping[str, str] | None = None,
    *,
    limits: Limits | None = None,
) -> Rubric:
    """Apply ``overlays`` to ``base`` in order, then bind ``parameters`` if given.

    Overlays given as paths, mappings or documents are loaded with the rubric built so far
    as their base, so their problems come with file, pointer and line.

    Raises:
        DocumentError: an overlay document with problems.
        pelayanan._model.tailoring.TailoringError: an :class:`Overlay` that does not apply.
        InvalidValueError: an unknown parameter or choice.
    """
    rubric = base
    for item in overlays:
        overlay = (
            item if isinstance(item, Overlay) else load_overlay(item, base=rubric, limits=limits)
        )
        rubric = apply_overlay(rubric, overlay)
    if parameters is None:
        return rubric
    try:
        return rubric.resolve(parameters)
    except KeyError as error:  # Rubric.parameter's lookup: here a name the caller gave
        raise InvalidValueError(error.args[0]) from None


@_limited
def load_evidence(
    source: DocumentInput,
    *,
    rubric: Rubric | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> EvidenceSet:
    """Load an evidence document.

    Args:
        rubric: When given, every item's indicator must be one of its indicators and every
            value must fit the indicator's scale (checked now, with line numbers).

    Raises:
        DocumentError: listing every problem found.
    """
    document, body, problems = _prepare("evidence", source, limits, name)
    checked, units = evidence_problems(document, rubric=rubric)
    _stop(problems + checked)
    found: list[Problem] = []
    evidence: list[Evidence] = []
    for i, item in enumerate(body["evidence"]):
        try:
            evidence.append(from_data(Evidence, item, pointer=f"/evidence/{i}"))
        except _ERRORS as error:
            found += conversion_problems(document, error)
    _stop(found)
    return EvidenceSet(tuple(evidence), units)


@_limited
def load_assessment(
    source: DocumentInput, *, limits: Limits | None = None, name: str | None = None
) -> Assessment:
    """Load an assessment-result document; raises :class:`DocumentError` on problems."""
    document, body, problems = _prepare("result", source, limits, name)
    _stop(problems)
    return _build(document, Assessment, body)


Dumpable = Rubric | ZoneScheme | Overlay | EvidenceSet | Assessment
"""The objects :func:`dump` writes."""


_KINDS: dict[type, str] = {
    Rubric: "rubric",
    ZoneScheme: "zone-scheme",
    Overlay: "overlay",
    EvidenceSet: "evidence",
    Assessment: "result",
}


def _to_data(obj: Dumpable) -> tuple[str, dict[str, Any]]:
    kind = _KINDS.get(type(obj))
    if kind is None:
        raise TypeError(f"cannot dump {type(obj).__name__}; expected one of {Dumpable}")
    if isinstance(obj, EvidenceSet):  # the document's own shape: no model class has it
        units = {} if obj.units is None else {"units": to_data(obj.units)}
        return kind, {**units, "evidence": [to_data(item) for item in obj.evidence]}
    return kind, to_data(obj)


def _depth(value: Any, limit: int) -> int:
    """How deeply mappings and lists nest in ``value`` (``[[1]]``: 2), counted up to just
    past ``limit``."""
    if not isinstance(value, dict | list) or limit < 0:
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(item, limit - 1) for item in items), default=0)


def dump(obj: Dumpable, format: Literal["yaml", "json"] = "yaml") -> str:
    """``obj`` as a document: ``$schema`` first, then its canonical data.

    YAML keeps the keys in the canonical order; JSON is indented by two spaces. Exact
    numbers are written as integers or strings (``"82.295"``, ``"1/9"``), so loading the text
    back gives an equal object.

    Raises:
        pelayanan._model.limits.LimitError: the document would be nested deeper than
            ``Limits.max_depth`` and so could not be read back.
    """
    kind, data = _to_data(obj)
    document = {"$schema": schemas.uri(kind), **data}
    limit = current_limits().max_depth
    if _depth(document, limit) > limit:  # the loader would refuse to read it back
        raise LimitError(
            f"this {kind} would be written with mappings and lists nested more than "
            f"{limit} levels deep, which cannot be read back (Limits.max_depth)"
        )
    if format == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if format == "yaml":
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    raise ValueError(f"format must be 'yaml' or 'json', got {format!r}")

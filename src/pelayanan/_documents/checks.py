"""What only a document says, and the placing of the model's findings in a document.

The rules of a rubric, zone scheme, overlay or unit tree are the model's: the loaders of
:mod:`pelayanan._documents.api` build the object and place each finding here, with its line.
What remains are the checks no model object makes, each returning every
:class:`~pelayanan._documents.errors.Problem` it finds. They run on data that may also break
the schema: values of the wrong shape are skipped here, since the schema reports them.

- :func:`document_problems`: sibling weights adding up to the declared ``weights_sum``, a
  known scoring model, parameter choices given when loading and (given a catalogue) a known
  zone scheme.
- :func:`check_scoring`: the built rubric suits its scoring model (for example, the
  ``points`` model needs points on every indicator).
- :func:`evidence_problems`: units form a tree, every item has a value or is marked not
  applicable, and (given a rubric) indicators exist and values fit their scales.
- :func:`place_tailoring` and :func:`conversion_problems` place the model's findings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from pelayanan._documents.errors import Problem, pointer_join
from pelayanan._documents.loading import Document
from pelayanan._i18n import N_, gettext
from pelayanan._model.convert import ConversionError, from_data
from pelayanan._model.evidence import misfits, value_problem
from pelayanan._model.numbers import exact_to_str, to_exact
from pelayanan._model.problems import Finding, Message, listing, suggest
from pelayanan._model.refs import find_ref, split_ref
from pelayanan._model.rubric import Group, Node, Rubric, parameter_findings, pointed
from pelayanan._model.tailoring import TailoringError
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.models import BUILTIN_MODELS

__all__ = [
    "Catalogue",
    "Report",
    "check_scoring",
    "conversion_problems",
    "document_problems",
    "evidence_problems",
    "place_tailoring",
]

# --- helpers: a problem collector and defensive readers ---------------------------------
#
# The checks run on data that may also have broken the schema, so every reader here returns
# ``None`` (and reports nothing) for a value of the wrong shape: the schema has said so already.


def as_document(source: Document | Mapping[str, Any], name: str = "<data>") -> Document:
    """``source`` as a document (a mapping gets no positions and is not copied)."""
    return source if isinstance(source, Document) else Document(source, name)


class Report:
    """Collects problems about one document, each placed by its pointer."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def __call__(self, pointer: str, message: str, /, **values: object) -> None:
        """Record that the value at ``pointer`` is wrong, and why: ``message`` is an
        English template marked with ``N_``, shown in the language in force with
        ``values`` filled in (a ready-made text is shown as given)."""
        self.problems.append(self.document.problem(pointer, str(Message(message, values))))

    def place(self, findings: Iterable[Finding], prefix: str = "", *, rules_only: bool) -> None:
        """Record the model's ``findings`` (pointers relative to ``prefix``), each place a
        message refers to shown with its line; with ``rules_only``, only broken rules (not
        data of the wrong shape, which the schema reports)."""
        for finding in findings:
            if finding.rule or not rules_only:
                where = None if finding.see is None else self.where(prefix + finding.see)
                self(prefix + finding.pointer, finding.text(where))

    def where(self, pointer: str) -> str:
        """``pointer`` with its line when known, for messages that refer to another place."""
        line, _ = self.document.locate(pointer)
        if line is None:
            return pointer
        return gettext("{pointer}, line {line}").format(pointer=pointer, line=line)


def exact(value: object) -> Fraction | None:
    """``value`` as an exact number, or ``None`` when it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return to_exact(value)
    except (ValueError, ZeroDivisionError):
        return None


def mapping(value: object) -> Mapping[str, Any]:
    """``value`` if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def items(value: object) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def text_id(value: object) -> str | None:
    """``value`` if it is a string (an id), else ``None``."""
    return value if isinstance(value, str) else None


# --- what only a rubric document says -----------------------------------------------------

_ZERO = Fraction(0)

Catalogue = Collection[str | ZoneScheme]
"""Known zone schemes: their ids, ``id@version`` references, or the schemes themselves."""


def check_given_parameters(
    report: Report, rubric: Rubric | None, given: Mapping[str, str] | None
) -> None:
    """The parameter choices ``given`` when loading follow the rule of the rubric's own
    ``parameter_values`` (:func:`~pelayanan._model.rubric.parameter_findings`); each broken
    one is reported at ``/parameters``."""
    if rubric is None or not given:
        return
    origin = gettext(" (a parameter choice given when loading)")
    for finding in parameter_findings((), rubric.parameters, given.items()):
        report("/parameters", finding.text() + origin)


def check_weights_sum(
    report: Report, data: Mapping[str, Any], rubric: Rubric, given: Mapping[str, str] | None
) -> None:
    """Sibling weights add up to the declared ``weights_sum`` (within its tolerance).

    The weights are those of ``rubric``, built from ``data`` (the model parsed them), with
    its parameters bound to the choices ``given`` (the valid ones) or its own."""
    valid = {
        name: choice
        for name, choice in (given or {}).items()
        if any(p.id == name and choice in p.names() for p in rubric.parameters)
    }
    bound = rubric.resolve(valid)

    def lists(
        holder: Mapping[str, Any], pointer: str, children: Sequence[Node]
    ) -> Iterator[tuple[Sequence[Node], str, Mapping[str, Any], str]]:
        yield children, pointer_join(pointer, "children"), holder, pointer
        raw = items(holder.get("children"))
        for i, node in enumerate(children):
            if isinstance(node, Group):
                yield from lists(
                    mapping(raw[i]), pointer_join(pointer, "children", i), node.children
                )

    for siblings, pointer, holder, holder_pointer in lists(data, "", bound.children):
        if "weights_sum" not in holder:
            holder, holder_pointer = data, ""
        rule = mapping(holder.get("weights_sum"))
        declared_at = pointer_join(holder_pointer, "weights_sum")
        target, tolerance = exact(rule.get("to")), exact(rule.get("tolerance", 0))
        if target is None or tolerance is None or not siblings:
            continue
        total = sum((node.weight for node in siblings if isinstance(node.weight, Fraction)), _ZERO)
        if abs(total - target) > tolerance:
            within = N_(" (within {tolerance})") if tolerance else ""
            report(
                pointer,
                N_(
                    "the weights here ({count} of them) add up to {total}, not {target}"
                    "{within} as required by weights_sum ({where})"
                ),
                count=len(siblings),
                total=exact_to_str(total),
                target=exact_to_str(target),
                within=Message(within, {"tolerance": exact_to_str(tolerance)}),
                where=report.where(declared_at),
            )


def _matches(reference: str, catalogue: Catalogue) -> bool:
    """Whether ``reference`` names a scheme of ``catalogue``: itself, any version of a bare id
    in it, or (for a bare ``reference``) one of its versions (:func:`find_ref`)."""
    refs: set[str] = set()
    for entry in catalogue:
        refs.update((entry.id, entry.ref) if isinstance(entry, ZoneScheme) else (entry,))
    return (
        bool({reference, split_ref(reference)[0]} & refs) or find_ref(refs, reference) is not None
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
        N_("unknown zone scheme {name!r}{hint} (known: {known})"),
        name=reference,
        hint=suggest(reference, known),
        known=listing(known),
    )


def check_model_name(report: Report, data: Mapping[str, Any], known: Collection[str]) -> None:
    """The scoring model is one that is installed."""
    name = mapping(data.get("scoring")).get("model")
    if isinstance(name, str) and name not in known:
        report(
            "/scoring/model",
            N_(
                "unknown scoring model {name!r}{hint} (known: {known}; models from plugins "
                "must be passed in)"
            ),
            name=name,
            hint=suggest(name, known),
            known=listing(sorted(known)),
        )


# --- evidence, and the placing of the model's findings about an overlay -------------------


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


def evidence_problems(
    source: Document | Mapping[str, Any], *, rubric: Rubric | None = None
) -> tuple[list[Problem], UnitTree | None]:
    """Semantic problems of evidence data (with ``rubric``, indicators and values too), and
    the unit tree of the data when it has one without problems (built once, for the loader
    to keep)."""
    document = as_document(source)
    data = mapping(document.data)
    report = Report(document)
    has_units = isinstance(data.get("units"), list)
    tree, ids, inner = (
        _check_units(report, data.get("units")) if has_units else (None, set(), set())
    )
    indicators = {} if rubric is None else {i.id: i for i in rubric.indicators()}
    declared = ids if has_units else None
    for i, item in enumerate(items(data.get("evidence"))):
        raw, pointer = mapping(item), pointer_join("/evidence", i)
        marked = raw.get("not_applicable") is True
        problem = value_problem(raw.get("value"), marked)  # the model's rules, placed here
        if problem is not None and isinstance(item, Mapping):
            report(pointer_join(pointer, "value") if marked else pointer, problem)
        name = text_id(raw.get("indicator"))
        fit = misfits(text_id(raw.get("unit")), name, marked, rubric, indicators, declared, inner)
        report.place(fit, pointer, rules_only=False)
        indicator = indicators.get(name or "")
        if indicator is not None and not marked and "value" in raw:
            try:
                indicator.scale.parse(raw["value"])
            except ValueError as error:
                message = N_("indicator {name!r}: {problem}")
                report(pointer_join(pointer, "value"), message, name=name, problem=error)
    return report.problems, tree


# --- the checks -------------------------------------------------------------------------

Source = Document | Mapping[str, Any]
"""A document, or plain data (problems are then named ``<data>`` and have no lines)."""


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
    check_given_parameters(report, rubric, parameters)
    if rubric is not None:
        check_weights_sum(report, data, rubric, parameters)
    check_zone_scheme_ref(report, data, zone_schemes)
    check_model_name(report, data, {**BUILTIN_MODELS, **(models or {})})
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
    with its parameters bound. Problems are placed at the indicator they name when
    ``source`` (the rubric's document) is given, else at ``/scoring``.
    """
    document = as_document(source if source is not None else {})
    report = Report(document)
    model = {**BUILTIN_MODELS, **(models or {})}.get(rubric.scoring.model)
    if model is None:
        return []
    where = {node.id: pointer for pointer, node in pointed(rubric.children)} if source else {}
    for message in model.check(rubric.resolve(parameters)):
        named = [name for name in re.findall(r"'([^']+)'", message) if name in where]
        report(where[named[0]] if named else "/scoring", f"{model.name}: {message}")
    return report.problems


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

"""Finding what a command works on: rubrics and zone schemes (by id or file), overlays,
units files and saved results. Every failure becomes a :class:`~pelayanan._cli.common.CliError`
that says what was wrong and where."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pelayanan._cli.common import CliError, Console
from pelayanan._i18n import did_you_mean, ngettext
from pelayanan._i18n import gettext as _
from pelayanan._model.methods import scheme_for_year
from pelayanan._model.refs import split_ref
from pelayanan._model.results import Assessment
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan.plugins import Registry, _registry, get_registry
from pelayanan.plugins._registry import NotFoundError

if TYPE_CHECKING:
    from pelayanan._documents.errors import Problem
    from pelayanan._documents.loading import Document

__all__ = [
    "cli_registry",
    "current_registry",
    "is_file_ref",
    "load_file",
    "load_result",
    "load_units",
    "read_rubric",
    "resolve",
    "rubric_for",
    "rubric_ref",
    "scheme_for",
    "scheme_ref",
    "unknown_rubric",
    "unknown_scheme",
    "unknown_unit",
    "year_schemes",
]

T = TypeVar("T")
_DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
_WARNED: list[Registry] = []


def current_registry() -> Registry | None:
    """The command line's registry if a command has created it, else ``None``."""
    return _registry._DEFAULTS.get(False)


def cli_registry(console: Console | None = None) -> Registry:
    """The lenient registry (:func:`pelayanan.plugins.get_registry` with ``strict=False``):
    broken plugins are left out and listed.

    A warning naming the number of plugin problems goes to standard error once.
    """
    registry = get_registry(strict=False)
    problems = registry.problems
    if problems and console is not None and registry not in _WARNED:
        _WARNED[:] = [registry]
        count = len(problems)
        console.warn(
            ngettext(
                "warning: {count} plugin problem; run 'pelayanan plugins' to see it",
                "warning: {count} plugin problems; run 'pelayanan plugins' to see them",
                count,
            ).format(count=count)
        )
    return registry


def is_file_ref(ref: str) -> bool:
    """Whether ``ref`` names a file (an existing path, or a YAML/JSON file name)."""
    path = Path(ref)
    return path.suffix.lower() in _DOCUMENT_SUFFIXES or path.is_file() or "/" in ref


def _missing_file(ref: str) -> CliError:
    return CliError(_("no such file: {file}").format(file=ref))


def load_file(path: str, load: Callable[[str], T]) -> T:
    """``load(path)``, a missing file as a command-line error (a document's problems are
    reported as every :class:`~pelayanan.PelayananError` is, by :func:`pelayanan._cli.main`)."""
    if not Path(path).is_file():
        raise _missing_file(path)
    return load(path)


def rubric_ref(ref: str, registry: Registry) -> Rubric:
    """The rubric ``id``, ``id@version`` (from the registry) or in the file ``ref``."""
    if is_file_ref(ref):
        rubric, problems = load_file(ref, lambda path: read_rubric(path, registry))
        if problems:
            lines = "\n".join(f"  {problem}" for problem in problems)
            count = len(problems)
            head = ngettext("{count} problem in {file}:", "{count} problems in {file}:", count)
            raise CliError(head.format(count=count, file=ref) + "\n" + lines)
        return rubric
    try:
        return registry.get_rubric(ref)
    except NotFoundError:
        raise CliError(unknown_rubric(ref, registry)) from None


def read_rubric(source: str | Document, registry: Registry) -> tuple[Rubric, tuple[Problem, ...]]:
    """A rubric document read with the registry's zone schemes and scoring models, and what
    the plugins' rubric checks find in it (``--rubric FILE`` and ``rubrics validate``)."""
    from pelayanan._documents import api  # the loaders (and JSON Schemas) on first use

    schemes, models = list(registry.zone_schemes()), registry.scoring_models()
    rubric = api.load_rubric(source, zone_schemes=schemes, models=models)
    return rubric, registry.check_rubric(rubric)


def scheme_ref(ref: str, registry: Registry) -> ZoneScheme:
    """The zone scheme ``id``, ``id@version`` (from the registry) or in the file ``ref``."""
    if is_file_ref(ref):
        from pelayanan._documents import api  # the loaders (and JSON Schemas) on first use

        return load_file(ref, api.load_zone_scheme)
    try:
        return registry.get_zone_scheme(ref)
    except NotFoundError:
        raise CliError(unknown_scheme(ref, registry)) from None


def year_schemes(ref: str, registry: Registry) -> list[str]:
    """The zone schemes an id such as ``ombudsman-2017`` means by its year (the series'
    scheme in force that year, from the schemes' own year declarations), else none."""
    match = re.fullmatch(r"([a-z]+)[-_ ]?((?:19|20)\d\d)(?:[-_@].*)?", ref.strip().lower())
    if match is None:
        return []
    series, year = match.group(1), int(match.group(2))
    schemes = list(registry.zone_schemes())
    try:
        return [scheme_for_year(schemes, year, series=series).id]
    except ValueError:  # NoMethodError: no year, or one scheme per level that year
        return [s.id for s in schemes for a in s.applies if a.series == series and year in a.years]


def unknown_rubric(ref: str, registry: Registry) -> str:
    """ "unknown rubric 'x'", the closest ids, the valid ones, and what a year maps to."""
    rubrics = list(registry.rubrics())
    by_year = year_schemes(ref, registry)
    extra = [r.id for r in rubrics if r.zone_scheme in by_year and r.id != ref]
    message = _("unknown rubric '{ref}'").format(ref=ref)
    hint = did_you_mean(split_ref(ref)[0], [r.id for r in rubrics], extra)
    if by_year and not extra:
        scheme = _("the zone scheme for that year is {schemes} (--scheme).").format(
            schemes=", ".join(f"'{s}'" for s in by_year)
        )
        hint = f"{scheme} {hint}".strip()
    return f"{message}; {hint}" if hint else message


def unknown_scheme(ref: str, registry: Registry) -> str:
    """ "unknown zone scheme 'x'", the scheme its year maps to, the closest and valid ids."""
    ids = [s.id for s in registry.zone_schemes()]
    message = _("unknown zone scheme '{ref}'").format(ref=ref)
    hint = did_you_mean(split_ref(ref)[0], ids, year_schemes(ref, registry))
    return f"{message}; {hint}" if hint else message


def unknown_unit(given: str, known: Sequence[str]) -> str:
    """ "unknown unit 'x'", the closest ids and, when few, all of them."""
    message = _("unknown unit '{unit}'").format(unit=given)
    hint = did_you_mean(given, known)
    return f"{message}; {hint}" if hint else message


def resolve(rubric: Rubric, overlays: Sequence[str], parameters: Mapping[str, str]) -> Rubric:
    """``rubric`` tailored by the overlay files in order, with ``parameters`` bound.

    Raises:
        CliError: an overlay with problems, or an unknown parameter or choice.
    """
    for overlay in overlays:
        if not Path(overlay).is_file():
            raise _missing_file(overlay)
    from pelayanan._documents import api  # the loaders (and JSON Schemas) on first use

    tailored = api.resolve_rubric(rubric, list(overlays))
    try:
        return tailored.resolve(dict(parameters)) if parameters else tailored
    except (KeyError, ValueError) as error:
        keyed = isinstance(error, KeyError) and error.args  # a KeyError's str() is a repr
        message = str(error.args[0]) if keyed else str(error)
        raise CliError(
            _("invalid parameter: {problem}").format(problem=message) + _parameter_help(tailored)
        ) from None


def _parameter_help(rubric: Rubric) -> str:
    if not rubric.parameters:
        return " " + _("(rubric {ref} has no parameters)").format(ref=rubric.ref)
    choices = "; ".join(f"{p.id}: {', '.join(p.names())}" for p in rubric.parameters)
    return " " + _("(rubric {ref} takes {choices})").format(ref=rubric.ref, choices=choices)


def scheme_for(rubric: Rubric, given: str | None, registry: Registry) -> ZoneScheme | None:
    """``--scheme`` if given, else the rubric's own zone scheme from the registry."""
    if given is not None:
        return scheme_ref(given, registry)
    if rubric.zone_scheme is None:
        return None
    try:
        return registry.get_zone_scheme(rubric.zone_scheme)
    except NotFoundError as error:
        raise CliError(
            _("rubric {ref} uses zone scheme '{scheme}', which is not available: {problem}").format(
                ref=rubric.ref, scheme=rubric.zone_scheme, problem=error
            )
        ) from None


def load_units(path: str | None) -> UnitTree | None:
    """The unit tree in the ``--units`` file (CSV, YAML or JSON), if one is given."""
    if path is None:
        return None
    from pelayanan._readers import read_units  # the readers load only for commands using them

    return load_file(path, read_units)


def load_result(path: str) -> Assessment:
    """An assessment saved by ``pelayanan score --format json`` (or as YAML)."""
    from pelayanan._documents import api  # the loaders (and JSON Schemas) on first use

    assessment = load_file(path, api.load_assessment)
    if not assessment.cards:
        raise CliError(
            _("{file}: /cards: the result holds no score card (nothing was scored)").format(
                file=path
            )
        )
    return assessment


def rubric_for(assessment: Assessment, registry: Registry) -> Rubric | None:
    """The rubric a result was made with, when the registry has that id and version."""
    p = assessment.provenance
    try:
        return registry.get_rubric(f"{p.rubric_id}@{p.rubric_version}")
    except NotFoundError:
        return None


def result_scheme(
    assessment: Assessment, registry: Registry, path: str | None = None
) -> ZoneScheme | None:
    """The zone scheme a result was classified with, when the registry has it.

    Raises:
        CliError: the result's bands or zones are not those of that scheme (naming ``path``
            and the JSON pointer of each card that disagrees).
    """
    p = assessment.provenance
    if p.zone_scheme_id is None:
        return None
    ref = (
        p.zone_scheme_id
        if p.zone_scheme_version is None
        else (f"{p.zone_scheme_id}@{p.zone_scheme_version}")
    )
    try:
        scheme = registry.get_zone_scheme(ref)
    except NotFoundError:
        return None
    problems = assessment.scheme_problems(scheme)
    if problems:
        where = f"{path}: " if path else ""
        raise CliError("\n".join(f"{where}{problem}" for problem in problems))
    return scheme

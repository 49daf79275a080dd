"""``pelayanan rubrics list | show | validate | schema``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

from pelayanan._cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    OUTPUT_HELP,
    CliError,
    Console,
    add_format,
    add_lang,
    choose_lang,
    write_json,
    write_output,
)
from pelayanan._cli.sources import cli_registry, read_rubric, rubric_ref
from pelayanan._documents import api, schemas
from pelayanan._documents.errors import DocumentError
from pelayanan._documents.loading import load_document
from pelayanan._i18n import N_, did_you_mean, figure_text, ngettext
from pelayanan._i18n import gettext as _
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import ParamRef
from pelayanan._model.rubric import Group, Indicator, Node
from pelayanan._model.scales import BooleanScale, NumericScale, OrdinalScale
from pelayanan._model.text import Text
from pelayanan._model.zones import ZoneScheme
from pelayanan._reports.figures import fmt_points
from pelayanan._reports.tables import Table, render_text
from pelayanan.plugins import Registry
from pelayanan.plugins._registry import NotFoundError

__all__ = ["add_rubrics"]


def add_rubrics(commands: Any) -> None:
    """Register ``rubrics`` and its sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "rubrics", help="list, show and validate rubrics; print the document schemas"
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="every rubric and zone scheme the plugins provide")
    add_format(listing, "table", "json", output=False)
    add_lang(listing)
    listing.set_defaults(handler=run_list)
    show = sub.add_parser("show", help="one rubric: its tree, parameters, zones and sources")
    show.add_argument(
        "rubric", metavar="ID[@VERSION]|FILE", help="a rubric id from the registry or a file"
    )
    add_format(show, "text", "yaml", "json", output=False)
    add_lang(show)
    show.set_defaults(handler=run_show)
    validate = sub.add_parser(
        "validate", help="check documents (rubric, zone scheme, overlay, evidence, result)"
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="YAML or JSON documents (their kind is read)"
    )
    validate.set_defaults(handler=run_validate)
    schema = sub.add_parser("schema", help="print a bundled JSON Schema")
    schema.add_argument(
        "name",
        metavar="NAME",
        help="a document kind such as rubric, zone-scheme, evidence or result (an unknown "
        "name lists them all)",
    )
    schema.add_argument("--output", "-o", metavar="FILE", help=OUTPUT_HELP)
    schema.set_defaults(handler=run_schema)


def _providers(registry: Registry, kind: str, ref: str) -> str:
    try:
        return registry.provider(kind, ref).name  # type: ignore[arg-type]
    except NotFoundError:
        return "-"


def run_list(args: argparse.Namespace, console: Console) -> int:
    """List rubrics and zone schemes: the same fields as JSON or as two tables."""
    registry = cli_registry(console)
    lang = choose_lang(args.lang, None)
    rubrics = [
        {
            "id": r.id,
            "version": r.version,
            "title": r.title,
            "scoring_model": r.scoring.model,
            "zone_scheme": r.zone_scheme,
            "plugin": _providers(registry, "rubric", r.ref),
        }
        for r in registry.rubrics()
    ]
    schemes = [
        {
            "id": s.id,
            "version": s.version,
            "title": s.title,
            "plugin": _providers(registry, "zone_scheme", s.ref),
        }
        for s in registry.zone_schemes()
    ]
    if args.format == "json":
        write_json(console, {"rubrics": rubrics, "zone_schemes": schemes})
        return EXIT_OK
    head = (_("id"), _("version"), _("title"))
    columns = (*head, _("model"), _("zone scheme"), _("plugin"))
    console.print(render_text(Table(columns, _cells(rubrics, lang), title=_("Rubrics"))))
    scheme_columns = (*head, _("plugin"))
    console.print(
        render_text(Table(scheme_columns, _cells(schemes, lang), title=_("Zone schemes")))
    )
    return EXIT_OK


def _cells(rows: list[dict[str, Any]], lang: str) -> list[tuple[str, ...]]:
    """Each row's values as table cells: a title in ``lang``, nothing as ``-``."""
    return [
        tuple(v.get(lang) if isinstance(v, Text) else v or "-" for v in row.values())
        for row in rows
    ]


def _scale(node: Indicator) -> str:
    scale = node.scale
    if isinstance(scale, BooleanScale):
        return _("yes/no")
    if isinstance(scale, OrdinalScale):
        return "/".join(_number(level.value) for level in scale.levels)
    assert isinstance(scale, NumericScale)
    return f"{_number(scale.minimum)}-{_number(scale.maximum)}"


def _number(value: Fraction) -> str:
    """An exact number as the language writes it (``0,11``; a fraction as ``1/9``)."""
    return figure_text(exact_to_str(value))


_STATUSES = {
    "verified": N_("verified"),
    "unverified": N_("unverified"),
    "reconstructed": N_("reconstructed"),
    "partial": N_("partial"),
    "assumption": N_("assumption"),
}


def _tree(nodes: tuple[Node, ...], lang: str, depth: int = 0) -> Iterator[str]:
    for node in nodes:
        weight = node.weight
        if isinstance(weight, ParamRef):
            shown = _("parameter {name}").format(name=weight.name)
        else:
            shown = _number(weight)
        pad = "  " * depth
        title = node.title.get(lang)
        if isinstance(node, Group):
            words = _("weight {weight}").format(weight=shown)
            yield f"{pad}[{node.kind}] {node.id}: {title} ({words})"
            yield from _tree(node.children, lang, depth + 1)
        else:
            words = _("scale {scale}, weight {weight}").format(scale=_scale(node), weight=shown)
            if node.points is not None:
                words += ", " + _("points {points}").format(points=_number(node.points))
            yield f"{pad}- {node.id}: {title} ({words})"


def _scheme_lines(scheme: ZoneScheme, lang: str) -> Iterator[str]:
    yield _("Zone scheme {scheme}: {title}").format(scheme=scheme.ref, title=scheme.title.get(lang))
    places = scheme.rounding.places
    for band in reversed(scheme.bands):
        zone = scheme.zone(band.zone)
        lower, upper = fmt_points(band.lower, places), fmt_points(scheme.upper(band), places)
        label = band.label.get(lang)
        name = zone.label.get(lang)
        extra = "" if name in label else f" ({name})"
        yield f"  {band.code:>3}  {lower:>7} - {upper:<7} {label}{extra}"


def run_show(args: argparse.Namespace, console: Console) -> int:
    """Describe one rubric."""
    registry = cli_registry(console)
    rubric = rubric_ref(args.rubric, registry)
    if args.format in ("yaml", "json"):
        write_output(console, api.dump(rubric, args.format), None)
        return EXIT_OK
    lang = choose_lang(args.lang, rubric.metadata.language)
    lines = [
        f"{rubric.ref}: {rubric.title.get(lang)}",
        _("scoring model: {model}").format(model=rubric.scoring.model)
        + "".join(f", {k}={v}" for k, v in rubric.scoring.options),
        _("missing evidence: {policy}; aggregation: {method}").format(
            policy=rubric.missing.value, method=rubric.aggregation.default.value
        ),
    ]
    for parameter in rubric.parameters:
        choices = ", ".join(f"{n}={_number(v)}" for n, v in parameter.choices)
        lines.append(
            _("parameter {name}: {choices} (default {default})").format(
                name=parameter.id, choices=choices, default=parameter.default
            )
        )
    lines += ["", *_tree(rubric.children, lang), ""]
    if rubric.zone_scheme is not None:
        try:
            lines += [*_scheme_lines(registry.get_zone_scheme(rubric.zone_scheme), lang), ""]
        except NotFoundError:
            message = _("zone scheme {scheme} (not available)").format(scheme=rubric.zone_scheme)
            lines += [message, ""]
    for source in rubric.metadata.sources:
        cited = f"{source.title} - {source.citation}" if source.citation else source.title
        lines.append(_("source: {source}").format(source=cited))
    for note in rubric.metadata.verification:
        status = note.status.value
        lines.append(
            _("verification [{subject}] {status}: {note}").format(
                subject=note.subject,
                status=_(_STATUSES[status]) if status in _STATUSES else status,
                note=note.note,
            )
        )
    console.print("\n".join(lines))
    return EXIT_OK


def _validate(path: str, registry: Registry) -> str:
    document = load_document(path)
    kind = schemas.kind_of(document.data)
    if kind == "rubric":
        rubric, problems = read_rubric(document, registry)
        if problems:
            raise CliError("\n".join(f"  {p}" for p in problems))
        return _("rubric {ref}").format(ref=rubric.ref)
    if kind == "zone-scheme":
        return _("zone scheme {ref}").format(ref=api.load_zone_scheme(document).ref)
    if kind == "overlay":
        api.load_overlay(document)
        return _("overlay")
    if kind == "evidence":
        found = api.load_evidence(document)
        count = len(found.evidence)
        return ngettext("evidence, {count} item", "evidence, {count} items", count).format(
            count=count
        )
    if kind == "result":
        assessment = api.load_assessment(document)
        p = assessment.provenance
        return _("result of {ref}").format(ref=f"{p.rubric_id}@{p.rubric_version}")
    known = ", ".join(schemas.uri(name) for name in schemas.DOCUMENT_KINDS)
    raise CliError(
        "  "
        + _("{file}: (root): no known $schema; a document declares one of {known}").format(
            file=path, known=known
        )
    )


def run_validate(args: argparse.Namespace, console: Console) -> int:
    """Validate every file; report each; fail if any is invalid."""
    registry = cli_registry(console)
    failed = 0
    for path in args.files:
        if not Path(path).is_file():
            console.warn(_("FAIL {file}: no such file").format(file=path))
            failed += 1
            continue
        try:
            what = _validate(path, registry)
        except DocumentError as error:
            failed += 1
            console.warn(
                _("FAIL {file}").format(file=path)
                + "\n"
                + "\n".join(f"  {p}" for p in error.problems)
            )
            continue
        except CliError as error:
            failed += 1
            console.warn(_("FAIL {file}").format(file=path) + f"\n{error.message}")
            continue
        console.print(_("ok   {file} ({what})").format(file=path, what=what))
    if failed:
        total = len(args.files)
        console.warn(
            ngettext(
                "{failed} of {total} file failed validation",
                "{failed} of {total} files failed validation",
                total,
            ).format(failed=failed, total=total)
        )
        return EXIT_INVALID
    return EXIT_OK


def run_schema(args: argparse.Namespace, console: Console) -> int:
    """Print a bundled schema."""
    try:
        schema = schemas.get(args.name)
    except KeyError:
        hint = did_you_mean(args.name, schemas.DOCUMENT_KINDS)
        raise CliError(_("no schema '{name}'; {hint}").format(name=args.name, hint=hint)) from None
    write_json(console, schema, args.output)
    return EXIT_OK

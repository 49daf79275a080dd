"""``pelayanan classify``: the band and zone of scores under a zone scheme."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from pelayanan._cli.common import (
    EXIT_OK,
    CliError,
    Console,
    add_format,
    add_lang,
    choose_lang,
    write_json,
)
from pelayanan._cli.sources import cli_registry, scheme_ref
from pelayanan._i18n import decimal_text
from pelayanan._i18n import gettext as _
from pelayanan._model.zones import Classification, ZoneScheme
from pelayanan._reports.figures import colour_of, fmt_score
from pelayanan._reports.i18n import words
from pelayanan._reports.tables import Cell, Table, render_text

__all__ = ["add_classify"]


def add_classify(commands: Any) -> None:
    """Register ``classify``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "classify",
        help="the band and zone of each score under a zone scheme",
        description="Round each score as published (half-up, two decimals) and place it "
        "in its band.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--scheme",
        metavar="ID[@VERSION]|FILE",
        help="zone scheme id from the registry or a file (this or --year is required)",
    )
    which.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="use the Ombudsman zone scheme in force that year (2015 needs --level)",
    )
    parser.add_argument(
        "--level",
        metavar="LEVEL",
        help="with --year: the kind of agency (pemda, provinsi, kota, kabupaten, kementerian, "
        "lembaga); needed for 2015, whose tables differ by level",
    )
    add_format(parser, "table", "json", output=False)
    add_lang(parser)
    parser.add_argument(
        "scores",
        nargs="+",
        metavar="SCORE",
        help="scores to classify, with a decimal point or comma (83.19 or 83,19)",
    )
    parser.set_defaults(handler=run_classify)


def _outside(given: str, scheme: ZoneScheme) -> bool:
    """Whether ``given`` is a number outside the scale of ``scheme``."""
    try:
        value = Decimal(given)
    except ArithmeticError:
        return False
    return not scheme.minimum <= value <= scheme.maximum


def run_classify(args: argparse.Namespace, console: Console) -> int:
    """Classify every score; any score that cannot be classified makes it fail (exit 1)."""
    registry = cli_registry(console)
    if args.year is not None:
        scheme = registry.scheme_for_year(args.year, args.level)
    else:
        if args.level is not None:
            raise CliError(_("--level goes with --year (a --scheme is already one table)"))
        scheme = scheme_ref(args.scheme, registry)
    lang = choose_lang(args.lang, scheme.metadata.language)
    found: list[tuple[str, Classification]] = []
    problems: list[str] = []
    for given in args.scores:
        try:
            found.append((given, scheme.classify(decimal_text(given), clamp=False)))
        except ValueError as error:
            note = (
                " "
                + _(
                    "(this scheme clamps the scores pelayanan computes into its end bands, "
                    "not scores given by hand)"
                )
                if scheme.clamp and _outside(decimal_text(given), scheme)
                else ""
            )
            problems.append(f"{given}: {error}{note}")
    if problems:
        raise CliError("\n".join(problems))
    if args.format == "json":
        data = [
            {
                "score": c.score,
                "scheme": scheme.ref,
                "given": given,
                "band": c.band.code,
                "band_label": c.band.label.get(lang),
                "zone": c.zone.id,
                "zone_label": c.zone.label.get(lang),
            }
            for given, c in found
        ]
        write_json(console, data)
        return EXIT_OK
    w = words(lang)
    rows = [
        (
            given,
            fmt_score(c.score),
            f"{c.band.code} ({c.band.label.get(lang)})",
            Cell(c.zone.label.get(lang), colour_of(c.zone, c.band)),
        )
        for given, c in found
    ]
    title = f"{scheme.title.get(lang)} [{scheme.ref}]"
    table = Table((_("Given"), w["score"], w["band"], w["zone"]), rows, {0, 1}, title)
    console.print(render_text(table, colour=console.colour))
    return EXIT_OK

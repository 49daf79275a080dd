"""``pelayanan score`` and ``pelayanan rank``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pelayanan.cli.common import (
    EXIT_OK,
    CliError,
    Console,
    UsageError,
    choose_lang,
    write_output,
)
from pelayanan.cli.pipeline import add_scoring_options, score_files, setup
from pelayanan.cli.sources import get_registry, load_result, rubric_for
from pelayanan.documents import api
from pelayanan.model.results import Assessment
from pelayanan.reports.i18n import level_name, words
from pelayanan.reports.tables import (
    Cell,
    Table,
    assessment_csv,
    assessment_table,
    band_text,
    render_csv,
    render_markdown,
    render_text,
    zone_cell,
)
from pelayanan.reports.view import Row, by_level, colour_of, fmt_score, rank

__all__ = ["add_rank", "add_score", "assessment_from_args"]

FORMATS = ("table", "json", "csv", "markdown")


def add_score(commands: Any) -> None:
    """Register ``score``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "score",
        help="score evidence against a rubric",
        description="Score evidence files against a rubric. JSON output is an "
        "assessment-result document (it can be given to report, badge, rank and compare).",
    )
    add_scoring_options(parser)
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    parser.set_defaults(handler=run_score)


def run_score(args: argparse.Namespace, console: Console) -> int:
    """Score and write the result in the chosen format."""
    chosen = setup(args, console)
    assessment = score_files(chosen, args.evidence, console, assessed_on=args.assessed_on)
    lang = chosen.lang
    if args.format == "json":
        text = api.dump(assessment, "json")
    elif args.format == "csv":
        text = assessment_csv(assessment, lang)
    elif args.format == "markdown":
        text = render_markdown(assessment_table(assessment, lang))
    else:
        to_terminal = args.output in (None, "-")
        text = render_text(
            assessment_table(assessment, lang), colour=to_terminal and console.colour
        )
    write_output(console, text, args.output)
    return EXIT_OK


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """A saved result, or the scoring options to make one."""
    parser.add_argument(
        "result", nargs="?", metavar="RESULT", help="a result file (from score --format json)"
    )
    add_scoring_options(parser, required=False)


def assessment_from_args(args: argparse.Namespace, console: Console) -> tuple[Assessment, str]:
    """The assessment a command works on (a result file, or scored now) and its language."""
    if args.result is not None and args.rubric is not None:
        raise UsageError("give a RESULT file or --rubric with --evidence, not both")
    if args.result is not None:
        assessment = load_result(args.result)
        rubric = rubric_for(assessment, get_registry(console))
        default = None if rubric is None else rubric.metadata.language
        return assessment, choose_lang(args.lang, default)
    if args.rubric is None:
        raise UsageError("give a RESULT file, or --rubric and --evidence to score")
    chosen = setup(args, console)
    return score_files(chosen, args.evidence, console, assessed_on=args.assessed_on), chosen.lang


def add_rank(commands: Any) -> None:
    """Register ``rank``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "rank",
        help="rank the units of one level (e.g. all service units)",
        description="Rank units within a level by published score; equal scores share a "
        "rank (1, 2, 2, 4).",
    )
    add_source_options(parser)
    parser.add_argument("--level", help="the level to rank (default: the top level with 2+ units)")
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("--output", "-o", metavar="FILE")
    parser.set_defaults(handler=run_rank)


def _level(levels: dict[str, list[Row]], wanted: str | None) -> str:
    if wanted is not None:
        if wanted not in levels:
            raise CliError(f"no units at level {wanted!r}; levels: {', '.join(levels)}")
        return wanted
    for level, rows in levels.items():
        if len(rows) > 1:
            return level
    return next(iter(levels))


def run_rank(args: argparse.Namespace, console: Console) -> int:
    """Rank and write."""
    assessment, lang = assessment_from_args(args, console)
    levels = by_level(assessment)
    level = _level(levels, args.level)
    ranked = rank(levels[level])
    w = words(lang)
    if args.format == "json":
        data = {
            "level": level,
            "units": [
                {
                    "rank": place,
                    "unit": row.card.unit_id,
                    "name": row.card.name,
                    "parent": None if row.parent is None else row.parent.unit_id,
                    "score": None if row.card.published is None else str(row.card.published),
                    "band": None if row.card.band is None else row.card.band.code,
                    "zone": None if row.card.zone is None else row.card.zone.id,
                }
                for place, row in ranked
            ],
        }
        write_output(console, json.dumps(data, indent=2, ensure_ascii=False) + "\n", args.output)
        return EXIT_OK
    rows = [
        (
            "-" if place is None else str(place),
            row.card.name,
            "" if row.parent is None else row.parent.name,
            Cell(fmt_score(row.card.published), colour_of(row.card.zone, row.card.band)),
            band_text(row.card, lang),
            zone_cell(row.card, lang),
        )
        for place, row in ranked
    ]
    title = f"{w['ranking']}: {level_name(level, lang)}"
    table = Table(
        (w["rank"], w["unit"], w["parent"], w["score"], w["band"], w["zone"]), rows, {0, 3}, title
    )
    if args.format == "csv":
        text = render_csv(table)
    elif args.format == "markdown":
        text = render_markdown(table)
    else:
        text = render_text(table, colour=args.output in (None, "-") and console.colour)
    write_output(console, text, args.output)
    return EXIT_OK

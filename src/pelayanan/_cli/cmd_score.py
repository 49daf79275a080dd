"""``pelayanan score`` and ``pelayanan rank``."""

from __future__ import annotations

import argparse
from typing import Any

from pelayanan._cli.cmd_practice import (
    add_award_options,
    add_target_options,
    award_rules,
    awards_json,
    card_json,
    previous_periods,
    with_targets,
)
from pelayanan._cli.common import (
    EXIT_OK,
    CliError,
    Console,
    UsageError,
    add_format,
    choose_lang,
    write_json,
    write_output,
    write_tables,
)
from pelayanan._cli.pipeline import add_scoring_options, score_files, setup
from pelayanan._cli.sources import cli_registry, load_result, result_scheme, rubric_for
from pelayanan._documents import api
from pelayanan._i18n import did_you_mean
from pelayanan._i18n import gettext as _
from pelayanan._model.results import Assessment
from pelayanan._reports.awards import award
from pelayanan._reports.figures import colour_of, fmt_score, machine_number
from pelayanan._reports.i18n import level_name, words
from pelayanan._reports.practice import awards_table, targets_table
from pelayanan._reports.tables import (
    Cell,
    Table,
    assessment_csv,
    assessment_table,
    band_text,
    render_csv,
    zone_cell,
)
from pelayanan._reports.view import Period, Row, by_level, rank

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
    add_target_options(parser)
    add_format(parser, *FORMATS)
    parser.set_defaults(handler=run_score)


def run_score(args: argparse.Namespace, console: Console) -> int:
    """Score and write the result in the chosen format."""
    assessment, lang = _scored(args, console)
    if args.format in ("json", "csv"):
        text = api.dump(assessment, "json") if args.format == "json" else None
        write_output(console, text or assessment_csv(assessment, lang), args.output)
    else:
        tables = [assessment_table(assessment, lang), targets_table(assessment, lang)]
        write_tables(console, tables, args.format, args.output)
    return EXIT_OK


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """A saved result, or the scoring options to make one."""
    parser.add_argument(
        "result", nargs="?", metavar="RESULT", help="a result file (from score --format json)"
    )
    add_scoring_options(parser, required=False)


def assessment_from_args(args: argparse.Namespace, console: Console) -> tuple[Assessment, str]:
    """The assessment a command works on (a result file, or scored now) and its language;
    with ``--targets`` (when the command has it) the targets are set on its cards."""
    if args.result is not None and args.rubric is not None:
        raise UsageError(_("give a RESULT file or --rubric with --evidence, not both"))
    if args.result is not None:
        assessment = load_result(args.result)
        registry = cli_registry(console)
        rubric = rubric_for(assessment, registry)
        default = None if rubric is None else rubric.metadata.language
        if getattr(args, "targets", None) is not None:
            assessment = with_targets(assessment, args, result_scheme(assessment, registry))
        return assessment, choose_lang(args.lang, default)
    if args.rubric is None:
        raise UsageError(_("give a RESULT file, or --rubric and --evidence to score"))
    return _scored(args, console)


def _scored(args: argparse.Namespace, console: Console) -> tuple[Assessment, str]:
    """The evidence scored now, with its ``--targets`` (when the command has them)."""
    chosen = setup(args, console)
    scored = score_files(chosen, args.evidence, console)
    return with_targets(scored, args, chosen.scheme), chosen.lang


def add_rank(commands: Any) -> None:
    """Register ``rank``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "rank",
        help="rank the units of one level (e.g. all service units)",
        description="Rank units within a level by published score; equal scores share a "
        "rank (1, 2, 2, 4).",
    )
    add_source_options(parser)
    add_target_options(parser)
    add_award_options(parser, previous=True)
    parser.add_argument("--level", help="the level to rank (default: the top level with 2+ units)")
    add_format(parser, *FORMATS)
    parser.set_defaults(handler=run_rank)


RANK_CSV_COLUMNS = (
    "rank",
    "unit",
    "name",
    "parent",
    "score",
    "band",
    "band_label",
    "zone",
    "zone_label",
)
"""The columns of ``pelayanan rank --format csv``: ids and dot-decimal numbers, for machines."""


def _rank_csv(ranked: list[tuple[int | None, Row]], lang: str) -> Table:
    rows = [
        (
            "" if place is None else str(place),
            row.card.unit_id,
            row.card.name,
            "" if row.parent is None else row.parent.unit_id,
            machine_number(row.card.published),
            "" if row.card.band is None else row.card.band.code,
            "" if row.card.band is None else row.card.band.label.get(lang),
            "" if row.card.zone is None else row.card.zone.id,
            "" if row.card.zone is None else row.card.zone.label.get(lang),
        )
        for place, row in ranked
    ]
    return Table(RANK_CSV_COLUMNS, rows)


def _level(levels: dict[str, list[Row]], wanted: str | None) -> str:
    if wanted is not None:
        if wanted not in levels:
            message = _("no units at level '{level}'").format(level=wanted)
            raise CliError(f"{message}; {did_you_mean(wanted, levels)}")
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
    periods = [*previous_periods(args.previous), Period("current", assessment)]
    awards = award(periods, award_rules(args.award), level) if args.award else []
    if args.format == "json":
        data = {
            "level": level,
            "awards": awards_json(awards),
            "units": [
                {
                    "rank": place,
                    "unit": row.card.unit_id,
                    "name": row.card.name,
                    "parent": None if row.parent is None else row.parent.unit_id,
                    **card_json(row.card),
                }
                for place, row in ranked
            ],
        }
        write_json(console, data, args.output)
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
        write_output(console, render_csv(_rank_csv(ranked, lang)), args.output)
    else:
        write_tables(console, [table, awards_table(awards, lang)], args.format, args.output)
    return EXIT_OK

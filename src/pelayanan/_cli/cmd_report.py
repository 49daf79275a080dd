"""``pelayanan report``, ``pelayanan badge`` and ``pelayanan compare``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pelayanan._cli.cmd_practice import (
    DEFAULT_RULES,
    add_award_options,
    add_target_options,
    award_rules,
    calibrate_files,
    card_json,
    labelled,
    load_history,
    previous_periods,
    with_targets,
)
from pelayanan._cli.cmd_score import add_source_options, assessment_from_args
from pelayanan._cli.common import (
    EXIT_OK,
    CliError,
    Console,
    UsageError,
    add_format,
    add_lang,
    choose_lang,
    write_json,
    write_output,
    write_tables,
)
from pelayanan._cli.pipeline import add_scoring_options, score_files, setup
from pelayanan._cli.sources import (
    cli_registry,
    load_result,
    result_scheme,
    rubric_for,
    unknown_unit,
)
from pelayanan._i18n import gettext as _
from pelayanan._model.results import ScoreCard
from pelayanan._model.text import Text
from pelayanan._model.zones import ZoneScheme
from pelayanan._reports.awards import award
from pelayanan._reports.badge import render_badge
from pelayanan._reports.compare import UnitChange, compare, comparison_table, transitions_table
from pelayanan._reports.document import to_html
from pelayanan._reports.figures import colour_of, fmt_score
from pelayanan._reports.html import render_html
from pelayanan._reports.i18n import is_colour_zone, words
from pelayanan._reports.markdown import markdown_page
from pelayanan._reports.practice import (
    Practice,
    awards_table,
    calibration_tables,
    practice_sections,
    targets_table,
)
from pelayanan._reports.report import trend_tables
from pelayanan._reports.tables import Table, assessment_table, render_csv, render_text
from pelayanan._reports.view import Period, Report

__all__ = ["add_badge", "add_compare", "add_report"]


def add_report(commands: Any) -> None:
    """Register ``report``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "report",
        help="write an HTML (or Markdown) report, with a trend over several periods",
        description="Write a self-contained report. Give saved results (oldest first; "
        "LABEL=FILE to name a period), and/or score now with --rubric and --evidence, or "
        "score one period per file with --series LABEL=FILE ...",
    )
    parser.add_argument("results", nargs="*", metavar="[LABEL=]RESULT", help="result files")
    add_scoring_options(parser, required=False)
    parser.add_argument(
        "--series",
        nargs="+",
        default=[],
        metavar="[LABEL=]FILE",
        help="evidence files scored one period each, oldest first (needs --rubric)",
    )
    parser.add_argument("--label", help="the period label of the evidence scored now")
    parser.add_argument("--output", "-o", metavar="FILE", help="report.html or report.md")
    parser.add_argument("--format", choices=("html", "markdown"), help="default: by suffix")
    parser.add_argument("--title", help="the report's heading")
    parser.add_argument("--fixes", type=int, default=5, metavar="N", help="fixes per unit")
    parser.add_argument("--quiet", "-q", action="store_true", help="print no summary")
    add_target_options(parser)
    practice = parser.add_argument_group("practice")
    practice.add_argument(
        "--history",
        metavar="FILE",
        help="published scores of past years (unit, year, score, ...): shown as zones per "
        "year under each year's method, with every method change marked",
    )
    practice.add_argument(
        "--self-assessment",
        action="append",
        default=[],
        metavar="FILE",
        help="the units' self-assessment evidence (kind self_assessment) for the latest "
        "period, set beside the assessor's (needs --rubric)",
    )
    add_award_options(parser, previous=False)
    parser.add_argument(
        "--no-awards",
        action="store_true",
        help="list no awards (default: top:3, most-improved, first:hijau)",
    )
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace, console: Console) -> int:
    """Gather the periods, render the report, write it, print the summary."""
    periods = previous_periods(args.results)
    last_path = labelled(args.results[-1])[1] if args.results else None
    if (args.series or args.evidence) and args.rubric is None:
        raise UsageError(_("--series and --evidence need --rubric"))
    lang_default: str | None = None
    scheme: ZoneScheme | None = None
    title: Text | None = None
    current_files: list[str] = []
    if args.self_assessment and args.rubric is None:
        raise UsageError(_("--self-assessment needs --rubric (and the evidence scored now)"))
    if args.rubric is not None:
        if not args.series and not args.evidence:
            raise UsageError(_("give the evidence with --evidence FILE or --series LABEL=FILE ..."))
        chosen = setup(args, console)
        scheme, title = chosen.scheme, chosen.rubric.title
        lang_default = chosen.rubric.metadata.language
        for value in args.series:
            label, path = labelled(value)
            scored = score_files(chosen, [path], console)
            periods.append(Period(label or Path(path).stem, scored))
            current_files = [path]
        if args.evidence:
            current_files = list(args.evidence)
            scored = score_files(chosen, args.evidence, console)
            stem = Path(args.evidence[0]).stem
            periods.append(Period(args.label or scored.provenance.assessed_on or stem, scored))
    if not periods:
        raise UsageError(_("give result files, or --rubric with --evidence or --series"))
    registry = cli_registry(console)
    current = periods[-1].assessment
    rubric = rubric_for(current, registry)
    if rubric is not None:
        title = title or rubric.title
        lang_default = lang_default or rubric.metadata.language
    if scheme is None:  # the current period is the last result file given
        scheme = result_scheme(current, registry, last_path)
    lang = choose_lang(args.lang, lang_default)
    if args.targets is not None or args.period is not None:
        current = with_targets(current, args, scheme)
        periods[-1] = Period(periods[-1].label, current)
    calibration = None
    if args.self_assessment:
        calibration = calibrate_files(chosen, console, [*current_files, *args.self_assessment])
    history = None if args.history is None else load_history(args.history, console)
    rules = [] if args.no_awards else award_rules(args.award, DEFAULT_RULES)
    awards = tuple(award(periods, rules)) if rules else ()
    practice = Practice(calibration=calibration, history=history, awards=awards)
    report = Report(periods, scheme, title, lang, args.title, max(args.fixes, 0))
    kind = args.format or _format_of(args.output)
    extra = practice_sections(practice, current, lang)
    markdown = kind == "markdown"
    text = markdown_page(report, extra) if markdown else render_html(report, to_html(extra))
    write_output(console, text, args.output)
    if args.output not in (None, "-") and not args.quiet:
        summary: list[Table | None] = [assessment_table(current, lang)]
        summary += trend_tables(report) if len(periods) > 1 else []
        summary.append(targets_table(current, lang))
        if calibration is not None:
            tables = calibration_tables(calibration, lang, calibration.first_shared_level())
            summary += [tables[0], tables[2]]  # the summary and the over-raters
        summary.append(awards_table(awards, lang) if awards else None)
        for table in summary:
            if table is not None:
                console.print(render_text(table, colour=console.colour))
        console.print(f"{words(lang)['report_title']}: {args.output}")
    return EXIT_OK


def _format_of(output: str | None) -> str:
    if output is not None and Path(output).suffix.lower() in (".md", ".markdown"):
        return "markdown"
    return "html"


def add_badge(commands: Any) -> None:
    """Register ``badge``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "badge",
        help="an SVG badge such as 'Kepatuhan | 83.19 | Zona Hijau'",
        description="Write an SVG badge for one unit (default: the only top unit).",
    )
    add_source_options(parser)
    parser.add_argument("--unit", metavar="ID", help="the unit (default: the only top unit)")
    parser.add_argument("--label", help="left text (default: Kepatuhan, or IKM for surveys)")
    parser.add_argument("--output", "-o", metavar="FILE", help="badge.svg (default: stdout)")
    parser.set_defaults(handler=run_badge)


def run_badge(args: argparse.Namespace, console: Console) -> int:
    """Render and write the badge."""
    assessment, lang = assessment_from_args(args, console)
    if args.unit is not None:
        try:
            card = assessment[args.unit]
        except KeyError:
            known = [card.unit_id for card in assessment.walk()]
            raise CliError(unknown_unit(args.unit, known)) from None
    elif len(assessment.cards) == 1:
        card = assessment.cards[0]
    else:
        roots = ", ".join(card.unit_id for card in assessment.cards[:20])
        raise UsageError(_("name the unit with --unit (one of: {units})").format(units=roots))
    w = words(lang)
    label = args.label or (
        "IKM" if assessment.provenance.scoring_model == "survey_index" else w["compliance"]
    )
    status = ""
    if card.zone is not None:
        status = card.zone.label.get(lang)
        if not is_colour_zone(card.zone.id) and card.band is not None:
            status = card.band.label.get(lang)
    svg = render_badge(label, fmt_score(card.published), status, colour_of(card.zone, card.band))
    write_output(console, svg, args.output)
    return EXIT_OK


def add_compare(commands: Any) -> None:
    """Register ``compare``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "compare",
        help="two results side by side: score changes and zone transitions",
        description="Compare two saved results unit by unit (units matched by id).",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier result file")
    parser.add_argument("new", metavar="NEW", help="the later result file")
    parser.add_argument("--level", help="only units of this level")
    add_format(parser, "table", "json", "csv", "markdown")
    add_lang(parser)
    add_target_options(parser)
    parser.set_defaults(handler=run_compare)


def run_compare(args: argparse.Namespace, console: Console) -> int:
    """Compare and write."""
    old, new = load_result(args.old), load_result(args.new)
    registry = cli_registry(console)
    new = with_targets(new, args, result_scheme(new, registry))
    rubric = rubric_for(new, registry)
    lang = choose_lang(args.lang, None if rubric is None else rubric.metadata.language)
    result = compare(old, new, args.level)
    changes = result.changes
    if args.format == "json":
        write_json(console, _compare_json(result.notes, changes, result.transitions), args.output)
        return EXIT_OK
    table = comparison_table(result, lang)
    labels = {}
    for assessment in (old, new):
        for card in assessment.walk():
            if card.zone is not None:
                labels[card.zone.id] = card.zone.label.get(lang)
    moves = transitions_table(result, labels, lang)
    targets = targets_table(new, lang)
    for note in result.notes:
        console.warn(_("note: {note}").format(note=note))
    if args.format == "csv":
        write_output(console, render_csv(table), args.output)
    else:
        write_tables(console, [table, moves, targets], args.format, args.output)
    return EXIT_OK


def _compare_json(
    notes: Sequence[str],
    changes: Sequence[UnitChange],
    transitions: Sequence[tuple[str, str, int]],
) -> dict[str, Any]:
    def side(card: ScoreCard | None) -> dict[str, Any] | None:
        return None if card is None else card_json(card)

    return {
        "units": [
            {
                "unit": change.unit_id,
                "name": change.name,
                "level": change.level,
                "old": side(change.old),
                "new": side(change.new),
                "change": change.delta,
                "rank": {"old": change.old_rank, "new": change.new_rank},
                "comparable": change.comparable,
                "direction": change.direction,
            }
            for change in changes
        ],
        "transitions": [{"from": a, "to": b, "count": n} for a, b, n in transitions],
        "notes": list(notes),
    }

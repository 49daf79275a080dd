"""The practice around the scores on the command line: ``--targets`` and ``--period`` (for
score, rank, compare and report), award options for rank and report, ``pelayanan calibrate``
and ``pelayanan history``."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

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
from pelayanan._cli.pipeline import EvidenceFeed, Setup, add_scoring_options, setup
from pelayanan._cli.sources import cli_registry, load_file, load_result
from pelayanan._i18n import current_language, gettext
from pelayanan._model.history import History
from pelayanan._model.results import Assessment, ScoreCard
from pelayanan._model.targets import Target, TargetError, apply_targets
from pelayanan._model.zones import ZoneScheme
from pelayanan._readers.practice import read_history, read_targets
from pelayanan._reports.awards import DEFAULT_RULES, Award, AwardRule, parse_rule
from pelayanan._reports.practice import calibration_tables, history_tables, method_marks, term
from pelayanan._reports.tables import render_tables
from pelayanan._reports.view import Period
from pelayanan._scoring import ScoringError
from pelayanan._scoring.calibration import Calibration, calibrate

__all__ = [
    "DEFAULT_RULES",
    "add_award_options",
    "add_calibrate",
    "add_history",
    "add_target_options",
    "award_rules",
    "awards_json",
    "calibrate_files",
    "calibration_json",
    "card_json",
    "history_json",
    "labelled",
    "load_history",
    "period_targets",
    "previous_periods",
    "with_targets",
]


def add_target_options(parser: argparse.ArgumentParser) -> None:
    """``--targets FILE`` and ``--period P``."""
    group = parser.add_argument_group("targets")
    group.add_argument(
        "--targets",
        metavar="FILE",
        help="performance targets: CSV (unit, period, target or target_band, agreed_by, "
        "agreed_at) or a targets YAML/JSON document",
    )
    group.add_argument(
        "--period", metavar="P", help="the targets' period (needed when the file holds several)"
    )


def period_targets(args: argparse.Namespace) -> dict[str, Target]:
    """The ``--targets`` of ``--period``, by unit."""
    targets = load_file(args.targets, read_targets)
    with _target_errors(args.targets):
        return targets.for_period(args.period)


def with_targets(
    assessment: Assessment,
    args: argparse.Namespace,
    scheme: ZoneScheme | None,
    *,
    present: bool = False,
) -> Assessment:
    """``assessment`` with the ``--targets`` of ``--period`` set on its cards (if given);
    with ``present``, only the targets of its units (others in the file are left out)."""
    if getattr(args, "targets", None) is None:
        if getattr(args, "period", None) is not None:
            raise UsageError(gettext("--period goes with --targets"))
        return assessment
    if present:
        units = {card.unit_id for card in assessment.walk()}
        mine = [target for unit, target in period_targets(args).items() if unit in units]
        with _target_errors(args.targets):
            return apply_targets(assessment, mine, scheme) if mine else assessment
    targets = load_file(args.targets, read_targets)
    with _target_errors(args.targets):
        return apply_targets(assessment, targets, scheme, period=args.period)


@contextlib.contextmanager
def _target_errors(path: str) -> Iterator[None]:
    """A problem of the targets as a command-line error naming their file."""
    try:
        yield
    except TargetError as error:
        raise CliError(f"{path}: {error}") from None


def add_award_options(parser: argparse.ArgumentParser, *, previous: bool) -> None:
    """``--award RULE`` (repeatable), and for rank ``--previous RESULT`` (repeatable)."""
    group = parser.add_argument_group("awards")
    group.add_argument(
        "--award",
        action="append",
        default=[],
        metavar="RULE",
        help="an award rule: top:N (per level; ties share a rank), most-improved, "
        "first:ZONE (repeatable)",
    )
    if previous:
        group.add_argument(
            "--previous",
            action="append",
            default=[],
            metavar="[LABEL=]RESULT",
            help="earlier result files, oldest first (for most-improved and first:ZONE)",
        )


def award_rules(values: Sequence[str], default: Sequence[AwardRule] = ()) -> list[AwardRule]:
    """The parsed ``--award`` rules (``default`` when none is given)."""
    try:
        return [parse_rule(value) for value in values] or list(default)
    except ValueError as error:
        raise UsageError(str(error)) from None


def awards_json(awards: Sequence[Award]) -> list[dict[str, Any]]:
    """Awards as JSON-ready data."""
    return [
        {
            "rule": a.rule,
            "level": a.level,
            "unit": a.unit_id,
            "name": a.name,
            "period": a.period,
            "place": a.place,
            "score": a.score,
            "detail": a.describe(machine=True),
            "count": a.count,
            "rise": a.rise,
            "since": a.since,
        }
        for a in awards
    ]


def card_json(card: ScoreCard) -> dict[str, Any]:
    """A card's published score, band and zone, and its target when it has one, as JSON data
    (what rank, compare and calibrate write of each unit)."""
    data: dict[str, Any] = {
        "score": card.published,
        "band": None if card.band is None else card.band.code,
        "zone": None if card.zone is None else card.zone.id,
    }
    return data if card.target is None else {**data, "target": card.target}


def labelled(value: str) -> tuple[str | None, str]:
    """``LABEL=FILE`` as its label and file; a value that is a file, or whose "label" is
    empty or holds a ``/``, is a file without a label."""
    label, sep, path = value.partition("=")
    if sep and label and "/" not in label and not Path(value).is_file():
        return label, path
    return None, value


def previous_periods(values: Sequence[str]) -> list[Period]:
    """Result files (``[LABEL=]FILE``) as periods, labelled by the label given, else the
    assessment date, else the file's name."""
    periods = []
    for value in values:
        label, path = labelled(value)
        assessment = load_result(path)
        periods.append(
            Period(label or assessment.provenance.assessed_on or Path(path).stem, assessment)
        )
    return periods


# ----------------------------------------------------------------------------- calibrate


def add_calibrate(commands: Any) -> None:
    """Register ``calibrate``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "calibrate",
        help="self-assessment beside the assessor's scores: differences per unit and indicator",
        description="Score the evidence of kind self_assessment and the assessor's evidence "
        "(every other kind) apart, with the same rubric, and set them side by side: per unit "
        "and indicator the difference (self minus assessor), the units that over-rate "
        "themselves most, and a summary.",
    )
    add_scoring_options(parser)
    parser.add_argument("--level", help="only units of this level (summary and over-raters)")
    parser.add_argument("--top", type=int, default=5, metavar="N", help="over-raters listed")
    add_format(parser, "table", "json", "markdown")
    parser.set_defaults(handler=run_calibrate)


def calibrate_files(chosen: Setup, console: Console, files: Sequence[str]) -> Calibration:
    """Read ``files`` (with the scoring options of ``chosen``) and calibrate."""
    feed = EvidenceFeed(chosen, files, console)
    items = list(feed.evidence())
    try:
        return calibrate(
            chosen.rubric,
            items,
            feed.units,
            zone_scheme=chosen.scheme,
            missing=chosen.args.missing,
            models=chosen.registry.scoring_models(),
        )
    except (ScoringError, ValueError) as error:
        raise CliError(str(error)) from None


def calibration_json(found: Calibration, level: str | None, top: int) -> dict[str, Any]:
    """The calibration as JSON-ready data."""
    return {
        "summary": found.summary(level),
        "units": [
            {
                "unit": u.unit_id,
                "name": u.name,
                "level": u.level,
                "self": card_json(u.self_card),
                "external": card_json(u.external_card),
                "difference": u.difference,
            }
            for u in found.units
            if level is None or u.level == level
        ],
        "over_raters": [u.unit_id for u in found.over_raters(level, top)],
        "indicators": [
            {
                "unit": g.unit_id,
                "indicator": g.indicator_id,
                "self": g.self_value,
                "external": g.external_value,
                "difference": g.difference,
            }
            for g in found.indicators
        ],
    }


def run_calibrate(args: argparse.Namespace, console: Console) -> int:
    """Calibrate and write."""
    found = calibrate_files(setup(args, console), console, args.evidence)
    if args.format == "json":
        write_json(console, calibration_json(found, args.level, max(args.top, 0)), args.output)
    else:
        # setup() chose the language (--lang, PELAYANAN_LANG, the locale, the rubric's)
        tables = calibration_tables(found, current_language(), args.level, max(args.top, 0))
        write_tables(console, tables, args.format, args.output)
    return EXIT_OK


# ------------------------------------------------------------------------------- history


def load_history(path: str, console: Console) -> History:
    """The history file classified year by year, problems as a command-line error."""
    schemes = cli_registry(console).zone_schemes()
    return load_file(path, lambda file: read_history(file, schemes))


def add_history(commands: Any) -> None:
    """Register ``history``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "history",
        help="published scores of past years, each under the zone table of its year",
        description="Classify each published score under the Ombudsman method of its year "
        "(2015 by level, 2016-2019, 2021, 2022-2024) and show the zones across the years, "
        "marking every method change. Scores of two methods are never set on one scale.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="history CSV (unit, year, score, ...) or YAML/JSON"
    )
    add_format(parser, "table", "json", "markdown")
    add_lang(parser)
    parser.set_defaults(handler=run_history)


def history_json(history: History) -> dict[str, Any]:
    """The classified history as JSON-ready data."""
    return {
        "series": history.series,
        "scores": [
            {
                "unit": p.entry.unit,
                "year": p.entry.year,
                "level": p.entry.level,
                "score": p.classification.score,
                "scheme": p.scheme.ref,
                "band": p.classification.band.code,
                "zone": p.classification.zone.id,
            }
            for p in history.points
        ],
        "method_changes": [
            {"before": c.before, "after": c.after, "from": c.old, "to": c.new}
            for c in history.changes()
        ],
    }


def run_history(args: argparse.Namespace, console: Console) -> int:
    """Classify and write."""
    lang = choose_lang(args.lang, None)  # before reading, so its problems speak it too
    history = load_history(args.file, console)
    if args.format == "json":
        write_json(console, history_json(history), args.output)
        return EXIT_OK
    note = "\n".join([term("history_note", lang), *method_marks(history, lang)])
    colour = args.output in (None, "-") and console.colour
    blocks = [  # one block per method, each titled
        attrs.evolve(table, title=f"{term('history', lang)} · {table.title}")
        for table in history_tables(history, lang)
    ]
    text = render_tables(blocks, args.format, colour) + "\n" + note + "\n"
    write_output(console, text, args.output)
    return EXIT_OK

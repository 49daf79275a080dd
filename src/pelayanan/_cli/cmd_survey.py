"""``pelayanan survey``: the SKM (or IKM) report of one unit's survey export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import attrs

from pelayanan._cli.common import EXIT_OK, CliError, Console, UsageError, write_file, write_output
from pelayanan._cli.pipeline import Setup, add_scoring_options, reading_options, setup
from pelayanan._i18n import gettext, ngettext
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.survey import Response
from pelayanan._readers import CsvReader, ReaderUnavailableError, XlsxReader
from pelayanan._reports.survey import render_survey_json, survey_data
from pelayanan._reports.survey_pages import (
    render_survey_html,
    render_survey_markdown,
    render_survey_xlsx,
)
from pelayanan._scoring import ScoringError
from pelayanan._scoring.survey import DEFAULT_MIN_SEGMENT, SurveyAnalysis, analyse_survey

__all__ = ["add_survey"]

_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json", ".xlsx": "xlsx"}


def add_survey(commands: Any) -> None:
    """Register ``survey``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "survey",
        help="the SKM/IKM report of a survey export (HTML, Markdown, JSON or XLSX)",
        description="Process one unit's survey (PermenPANRB 14/2017 SKM, or KepmenPAN "
        "25/2004 IKM) from its export as it comes: respondent count, per-element totals, "
        "NRR, weighted NRR, the index and its mutu and kinerja, the respondent profile, the "
        "index per segment, the lowest elements with a follow-up plan table, sample "
        "adequacy and the change from a previous period.",
    )
    add_scoring_options(parser, required=False)
    report = parser.add_argument_group("report")
    report.add_argument("--output", "-o", metavar="FILE", help=".html, .md, .json or .xlsx")
    report.add_argument(
        "--format", choices=("html", "markdown", "json", "xlsx"), help="output format"
    )
    report.add_argument("--title", help="the report's heading")
    report.add_argument("--period", metavar="LABEL", help="the survey's period, e.g. 2024-I")
    report.add_argument(
        "--segment-by",
        metavar="ATTRIBUTE",
        help="the index per value of this respondent attribute (default: jenis_layanan "
        "when the export has it; 'none' for no segments)",
    )
    report.add_argument(
        "--min-segment",
        type=int,
        default=DEFAULT_MIN_SEGMENT,
        metavar="N",
        help=f"warn on segments with fewer respondents (default {DEFAULT_MIN_SEGMENT})",
    )
    report.add_argument(
        "--lowest", type=int, default=3, metavar="N", help="lowest elements listed (default 3)"
    )
    report.add_argument(
        "--population",
        type=int,
        metavar="N",
        help="the unit's service users in the period: checks the sample (Krejcie-Morgan)",
    )
    report.add_argument(
        "--previous", metavar="FILE", help="the previous period's export, read the same way"
    )
    report.add_argument("--previous-label", metavar="LABEL", help="the previous period's name")
    parser.set_defaults(handler=run_survey, rubric_default="skm-2017")


def _read(chosen: Setup, path: str, console: Console) -> tuple[list[Response], list[str]]:
    """The respondents of one export and its warnings (problems raise)."""
    file = Path(path)
    if not file.is_file():
        raise CliError(gettext("no such survey file: {file}").format(file=path))
    suffix = file.suffix.lower()
    reader: CsvReader | XlsxReader
    if suffix in XlsxReader.suffixes:
        reader = XlsxReader()
    elif suffix in CsvReader.suffixes or suffix == ".txt":
        reader = CsvReader()
    else:
        raise CliError(
            gettext("{file}: a survey export is .csv, .tsv or .xlsx, not {suffix}").format(
                file=path, suffix=suffix or "?"
            )
        )
    options: dict[str, Any] = {
        key: value for key, value in reading_options(chosen.args).items() if key in reader.options
    }
    options.update(rubric=chosen.rubric, units=chosen.units, max_problems=chosen.args.max_problems)
    try:
        responses, log = reader.read_responses(file, **options)
    except ReaderUnavailableError as error:
        raise CliError(f"{path}: {error}") from None
    except (TypeError, ValueError) as error:
        raise UsageError(f"{path}: {error}") from None
    if log.count:
        problems = log.error()
        raise CliError(
            f"{problems}\n" + gettext("nothing was reported: correct the problems above")
        )
    warnings = [str(warning) for warning in log.warnings]
    for warning in warnings:
        console.warn(gettext("warning: {warning}").format(warning=warning))
    return responses, warnings


def _analyse(chosen: Setup, responses: list[Response], **options: Any) -> SurveyAnalysis:
    rubric = chosen.rubric.resolve()
    if chosen.args.missing is not None:  # the policy --missing names, as score applies it
        rubric = attrs.evolve(rubric, missing=MissingPolicy(chosen.args.missing))
    try:
        return analyse_survey(
            rubric,
            responses,
            zone_scheme=chosen.scheme,
            models=chosen.registry.scoring_models(),
            **options,
        )
    except ScoringError as error:
        hint = ""
        if any(problem.missing for problem in error.problems):
            hint = "\n" + gettext(
                "an element nobody answered: check the columns, or use --missing exclude"
            )
        raise CliError(f"{error}{hint}") from None
    except ValueError as error:
        raise CliError(str(error)) from None


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output in (None, "-"):
        return "json"
    suffix = Path(args.output).suffix.lower()
    if suffix not in _FORMATS:
        raise UsageError(
            gettext("--output {file}: give --format (html, markdown, json, xlsx)").format(
                file=args.output
            )
        )
    return _FORMATS[suffix]


def run_survey(args: argparse.Namespace, console: Console) -> int:
    """Read the export(s), process the survey, write the report."""
    if args.rubric is None:
        args.rubric = args.rubric_default
    if len(args.evidence) != 1:
        raise UsageError(gettext("give the survey export with --evidence FILE (one file)"))
    for name in ("min_segment", "lowest"):
        if getattr(args, name) < 0:
            raise UsageError(
                gettext("{option}: expected 0 or more").format(option="--" + name.replace("_", "-"))
            )
    if args.population is not None and args.population < 1:
        raise UsageError(gettext("--population: expected a whole number of 1 or more"))
    kind = _format(args)
    chosen = setup(args, console)
    responses, warnings = _read(chosen, args.evidence[0], console)
    segment_by = args.segment_by
    if segment_by is None:
        present = any(r.attribute("jenis_layanan") is not None for r in responses)
        segment_by = "jenis_layanan" if present else None
    elif segment_by.lower() == "none":
        segment_by = None
    else:
        present_attributes = sorted({name for r in responses for name, _ in r.attributes})
        if segment_by not in present_attributes:
            known = ", ".join(present_attributes) or "-"
            raise UsageError(
                gettext(
                    "--segment-by {attribute}: no respondent has that attribute; "
                    "the attributes are: {known}"
                ).format(attribute=segment_by, known=known)
            )
    previous = None
    if args.previous is not None:
        earlier, _ = _read(chosen, args.previous, console)
        previous = _analyse(chosen, earlier, lowest=0)
    analysis = _analyse(
        chosen,
        responses,
        segment_by=segment_by,
        min_segment=args.min_segment,
        lowest=args.lowest,
        population=args.population,
        previous=previous,
        previous_label=args.previous_label,
    )
    data = survey_data(
        analysis, lang=chosen.lang, period=args.period, title=args.title, warnings=warnings
    )
    if analysis.sample is not None and analysis.sample.short:
        console.warn(
            gettext(
                "warning: {received} respondents, fewer than the {required} the "
                "Krejcie-Morgan table asks for a population of {population}"
            ).format(
                received=analysis.sample.received,
                required=analysis.sample.required,
                population=analysis.sample.population,
            )
        )
    for segment in analysis.segments:
        if segment.too_few and not segment.missing:
            console.warn(
                gettext(
                    "warning: segment {attribute}='{value}' has {count} respondents, fewer "
                    "than {minimum}: too few to report its index"
                ).format(
                    attribute=segment.attribute,
                    value=segment.value,
                    count=segment.result.respondents,
                    minimum=analysis.min_segment,
                )
            )
    if kind == "xlsx":
        if args.output in (None, "-"):
            raise UsageError(gettext("an XLSX workbook needs --output FILE.xlsx"))
        write_file(render_survey_xlsx(data), args.output)
    else:
        render = {
            "html": render_survey_html,
            "markdown": render_survey_markdown,
            "json": render_survey_json,
        }[kind]
        write_output(console, render(data), args.output)
    if args.output not in (None, "-"):
        overall = analysis.overall
        summary = ngettext(
            "{unit}: {count} respondent, IKM {index} ({band}) -> {file}",
            "{unit}: {count} respondents, IKM {index} ({band}) -> {file}",
            overall.respondents,
        )
        console.print(
            summary.format(
                unit=analysis.unit,
                count=overall.respondents,
                index="-" if overall.published is None else overall.published,
                band=overall.band.code if overall.band else "-",
                file=args.output,
            )
        )
    return EXIT_OK

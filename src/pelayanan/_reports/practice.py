"""Tables for the practice around the scores: targets, self-assessment against the assessor,
the history across methods, awards and the records of the evidence.

Each function returns a :class:`~pelayanan._reports.tables.Table` (rendered for terminals,
Markdown and CSV by :mod:`pelayanan._reports.tables`); :func:`practice_sections` lays the same
tables out as sections of the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import partial
from itertools import groupby

import attrs

from pelayanan._i18n import N_, pgettext
from pelayanan._model.history import History
from pelayanan._model.results import Assessment
from pelayanan._reports.awards import Award
from pelayanan._reports.document import Block, Box, Heading, Para, Section
from pelayanan._reports.figures import fmt_number, fmt_score
from pelayanan._reports.i18n import catalog, level_name
from pelayanan._reports.tables import DOWN, UP, Cell, Table, score_cell, signed_cell
from pelayanan._reports.view import rows_of
from pelayanan._scoring.calibration import Calibration

__all__ = [
    "Practice",
    "awards_table",
    "calibration_tables",
    "history_tables",
    "method_marks",
    "practice_sections",
    "records_table",
    "targets_table",
    "term",
]

_TERMS: dict[str, str] = {
    "targets": N_("Performance targets (agreements)"),
    "unit": N_("Unit"),
    "level": N_("Level"),
    "target": N_("Target"),
    "actual": N_("Actual"),
    "gap": N_("Gap"),
    "met": N_("Met"),
    "yes": N_("yes"),
    "no": N_("no"),
    "agreed": N_("Agreed"),
    "calibration": N_("Self-assessment and external assessment"),
    "self": N_("Self"),
    "external": N_("Assessor"),
    "difference": N_("Difference (self - assessor)"),
    "zones": N_("Zones self / assessor"),
    "over": N_("Most over-rating units"),
    "summary": N_("Calibration summary"),
    "indicator": N_("Indicator"),
    "value": N_("Value"),
    "history": N_("History across methods"),
    "method_change": N_("method changed"),
    "history_block": N_("{years} · method {method}"),
    "zone_table": N_("Zone table"),
    "awards": N_("Awards"),
    "rule": N_("Rule"),
    "period": N_("Period"),
    "place": N_("Place"),
    "why": N_("Detail"),
    "records": N_("Evidence notes and references"),
    "kind": N_("Kind"),
    "reference": N_("Reference"),
    "note": N_("Note"),
    "units": N_("units compared"),
    "records_note": N_(
        "{shown} of {total} evidence items with a note or reference are shown (those with"
        " a note); all of them are kept in the JSON result."
    ),
    "over_rated": N_("rated themselves higher"),
    "under_rated": N_("rated themselves lower"),
    "equal": N_("equal"),
    "mean_difference": N_("mean difference"),
    "mean_absolute_difference": N_("mean absolute difference"),
    "same_zone": N_("same zone"),
    "zoned": N_("units with zones"),
    "history_note": N_(
        "Each year's score is classified under that year's zone table; scores of "
        "different methods are not on one scale, so across a method change only the zones"
        " compare."
    ),
}


def term(key: str, lang: str) -> str:
    """A word of these tables in ``lang`` (``id`` or ``en``), from the gettext catalogs."""
    if key == "target":  # a performance agreement's target, not the fix plan's "Sasaran"
        return catalog(lang).pgettext("performance agreement", _TERMS[key])
    return catalog(lang).gettext(_TERMS[key])


def _contexts() -> None:  # pragma: no cover - never called: marks the words with a context
    pgettext("performance agreement", "Target")


def _summary_value(value: object, lang: str) -> str:
    """A calibration summary figure (a count, or a mean given as decimal text)."""
    if isinstance(value, int):
        return fmt_number(value, lang)
    if isinstance(value, str):
        try:
            return fmt_number(Decimal(value), lang)
        except ArithmeticError:
            return value
    return "-" if value is None else str(value)


def _signed(value: Decimal | Fraction | None, lang: str) -> Cell:
    text = "-" if value is None else fmt_number(value, lang)
    return signed_cell(value, f"+{text}" if value is not None and value > 0 else text)


def targets_table(assessment: Assessment, lang: str = "id") -> Table | None:
    """Target, actual, gap and met per targeted unit and level; ``None`` without targets."""
    rows = []
    for row in rows_of(assessment):
        card, target = row.card, row.card.target
        if target is None:
            continue
        wanted = "-" if target.score is None else fmt_number(target.score, lang)
        if target.band is not None:
            wanted += f" ({target.band})"
        met = "-" if target.met is None else term("yes" if target.met else "no", lang)
        agreed = " · ".join(x for x in (target.agreed_by, target.agreed_at) if x)
        rows.append(
            (
                "  " * row.depth + card.name,
                level_name(card.level, lang),
                wanted,
                score_cell(card),
                _signed(target.gap, lang),
                Cell(met, UP if target.met else DOWN),
                agreed or "-",
            )
        )
    if not rows:
        return None
    headers = tuple(term(k, lang) for k in ("unit", "level", "target", "actual", "gap", "met"))
    return Table((*headers, term("agreed", lang)), rows, {2, 3, 4}, term("targets", lang))


def calibration_tables(
    calibration: Calibration, lang: str = "id", level: str | None = None, limit: int = 5
) -> list[Table]:
    """The summary, every unit side by side, the most over-rating units, and the indicators
    the two disagree on."""
    summary = calibration.summary(level)
    summary_rows = [
        (term(key, lang), _summary_value(value, lang)) for key, value in summary.items()
    ]
    units = []
    for gap in calibration.units:
        if level is not None and gap.level != level:
            continue
        cards = (gap.self_card, gap.external_card)
        zones = " / ".join("-" if c.zone is None else c.zone.label.get(lang) for c in cards)
        units.append(
            (
                gap.name,
                level_name(gap.level, lang),
                score_cell(gap.self_card),
                score_cell(gap.external_card),
                _signed(gap.difference, lang),
                zones,
            )
        )
    over = [
        (str(i), gap.name, level_name(gap.level, lang), _signed(gap.difference, lang))
        for i, gap in enumerate(calibration.over_raters(level, limit), start=1)
    ]
    indicators = [
        (
            g.unit_id,
            g.indicator_id,
            "-" if g.self_value is None else fmt_number(g.self_value, lang),
            "-" if g.external_value is None else fmt_number(g.external_value, lang),
            _signed(g.difference, lang),
        )
        for g in calibration.indicators
        if g.difference
    ]

    t = partial(term, lang=lang)

    return [
        Table((t("summary"), t("value")), summary_rows, {1}, t("calibration")),
        Table(
            (t("unit"), t("level"), t("self"), t("external"), t("difference"), t("zones")),
            units,
            {2, 3, 4},
        ),
        Table(("#", t("unit"), t("level"), t("difference")), over, {0, 3}, t("over")),
        Table(
            (t("unit"), t("indicator"), t("self"), t("external"), t("difference")),
            indicators,
            {2, 3, 4},
        ),
    ]


def _method_runs(history: History) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """The years in runs that classify under the same zone schemes, with those schemes
    (``id@version``; a year may have several, one per level)."""
    per_year = {
        year: tuple(sorted({p.scheme.ref for p in history.points if p.entry.year == year}))
        for year in history.years
    }
    runs = groupby(per_year, key=lambda year: per_year[year])
    return [(tuple(years), schemes) for schemes, years in runs]


def history_tables(history: History, lang: str = "id") -> list[Table]:
    """Units by year, one table per method (the years in a row classified under the same
    zone schemes): the zone and the score under that year's scheme. Scores of two methods are
    not on one scale, so they never share a row (the report's terminal trend does the same).
    Each table is titled with its years and method; a unit without a score in those years is
    left out, and where the years' units were classified under several schemes (by level)
    a column names each unit's."""
    tables = []
    for years, schemes in _method_runs(history):
        several = len(schemes) > 1
        headers = [term("unit", lang)]
        if several:
            headers.append(term("zone_table", lang))
        headers += [str(year) for year in years]
        rows = []
        for unit in history.units:
            points = {p.entry.year: p for p in history.of(unit) if p.entry.year in years}
            if not points:
                continue
            cells: list[Cell | str] = [history.of(unit)[0].entry.name or unit]
            if several:
                cells.append(" / ".join(sorted({p.scheme.ref for p in points.values()})))
            for year in years:
                point = points.get(year)
                if point is None:
                    cells.append("")
                    continue
                c = point.classification
                code = "" if c.band.code == c.zone.id else f" {c.band.code}"
                cells.append(Cell(f"{c.zone.id}{code} {fmt_number(c.score, lang)}", c.colour))
            rows.append(cells)
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        title = term("history_block", lang).format(years=span, method=" / ".join(schemes))
        tables.append(Table(headers, rows, set(), title))
    return tables


def method_marks(history: History, lang: str = "id") -> list[str]:
    """One line per method change: ``2019 → 2021: method changed (a → b)``."""
    return [
        f"{c.before} → {c.after}: {term('method_change', lang)} ({c.old} → {c.new})"
        for c in history.changes()
    ]


def awards_table(awards: Sequence[Award], lang: str = "id") -> Table:
    """One row per award."""
    rows = [
        (
            a.rule,
            level_name(a.level, lang),
            str(a.place),
            a.name,
            a.period,
            fmt_score(a.score),
            a.describe(lang),
        )
        for a in awards
    ]

    t = partial(term, lang=lang)

    headers = (t("rule"), t("level"), t("place"), t("unit"), t("period"), t("actual"), t("why"))
    return Table(headers, rows, {2, 5}, t("awards"))


def records_table(
    assessment: Assessment,
    lang: str = "id",
    unit: str | None = None,
    *,
    noted: bool = False,
    limit: int | None = None,
) -> Table:
    """The notes and references of the evidence (of the units below ``unit``, when given;
    only those with a note when ``noted``; the first ``limit``)."""
    names = {card.unit_id: card.name for card in assessment.walk()}
    keep: set[str] | None = None
    if unit is not None:
        keep = {c.unit_id for c in assessment[unit].walk()} if unit in names else {unit}
    rows = [
        (
            names.get(r.unit, r.unit),
            r.indicator,
            r.kind or "-",
            r.reference or "-",
            r.note or "-",
        )
        for r in assessment.records
        if (keep is None or r.unit in keep) and (r.note or not noted)
    ][:limit]

    t = partial(term, lang=lang)

    headers = (t("unit"), t("indicator"), t("kind"), t("reference"), t("note"))
    return Table(headers, rows, set(), t("records"))


@attrs.frozen
class Practice:
    """What the report shows beyond the scores (each part optional)."""

    targets: bool = True
    calibration: Calibration | None = None
    history: History | None = None
    awards: tuple[Award, ...] = ()
    records: bool = True


def _section(
    anchor: str, lang: str, tables: list[Table], note: str = "", *, titled: bool = False
) -> Section:
    """A practice section: its note (a paragraph a line), then each table that has rows,
    under its title as a sub-heading when ``titled``."""
    blocks: list[Block] = [Para(line) for line in note.splitlines()]
    for table in tables:
        if table.rows:
            blocks += [Heading(table.title)] if titled and table.title else []
            blocks.append(Box("scroll", (attrs.evolve(table, title=None),)))
    return Section(anchor, term(anchor, lang), tuple(blocks))


def practice_sections(
    practice: Practice, assessment: Assessment, lang: str = "id"
) -> list[Section]:
    """The practice sections of the report (HTML and Markdown), for every part there is."""
    sections = []
    targets = targets_table(assessment, lang) if practice.targets else None
    if targets is not None:
        sections.append(_section("targets", lang, [targets]))
    if practice.calibration is not None:
        level = practice.calibration.first_shared_level()
        summary, *tables = calibration_tables(practice.calibration, lang, level)
        summary = attrs.evolve(summary, title=term("summary", lang))
        sections.append(_section("calibration", lang, [summary, *tables], titled=True))
    if practice.history is not None:
        note = "\n".join([term("history_note", lang), *method_marks(practice.history, lang)])
        tables = history_tables(practice.history, lang)
        sections.append(_section("history", lang, tables, note, titled=True))
    if practice.awards:
        sections.append(_section("awards", lang, [awards_table(practice.awards, lang)]))
    if practice.records and assessment.records:
        noted = any(r.note for r in assessment.records)
        table = records_table(assessment, lang, noted=noted, limit=None if noted else 30)
        total = len(assessment.records)
        note = term("records_note", lang).format(shown=len(table.rows), total=total)
        sections.append(_section("records", lang, [table], note))
    return sections

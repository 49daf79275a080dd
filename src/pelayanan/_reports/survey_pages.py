"""The SKM report as a self-contained HTML page and as Markdown, from :func:`survey_data`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pelayanan._reports.document import (
    Block,
    Box,
    Figure,
    Heading,
    Items,
    Para,
    Section,
    to_html,
    to_markdown,
)
from pelayanan._reports.safe import Html, Md
from pelayanan._reports.style import CSS
from pelayanan._reports.survey import shown, survey_words
from pelayanan._reports.tables import Cell, Table
from pelayanan._version import __version__

__all__ = [
    "answer_levels",
    "comparison_table",
    "distribution_table",
    "element_headers",
    "element_rows",
    "lowest_table",
    "profile_rows",
    "render_survey_html",
    "render_survey_markdown",
    "respondent_table",
    "sample_verdict",
    "segment_flag",
    "segment_table",
]

_SURVEY_CSS = """
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
  gap: 14px; margin-bottom: 22px; }
.kpi { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 14px 18px; border-top: 6px solid var(--zone, var(--band)); }
.kpi .label { color: var(--muted); font-size: 13px; }
.kpi .big { font-size: 34px; font-weight: 800; font-variant-numeric: tabular-nums; }
.warn { background: #fdf2e9; border-left: 6px solid #e67e22; padding: 8px 12px;
  margin: 8px 0; border-radius: 6px; }
.profiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
  gap: 8px 28px; }
tr.sum td { font-weight: 700; border-top: 2px solid var(--ink); }
td.blank { background: #fbfcfc; min-width: 120px; }
"""


def element_rows(
    data: Mapping[str, Any],
    number: Callable[[Any], object] = shown,
    total: Callable[[str], object] = str,
    missing: object = "-",
) -> list[list[object]]:
    """The element table's rows (see :func:`element_headers`) and its sum row last; each
    writer gives how it writes a number (``number``), an element's total (``total``) and a
    missing mutu or kinerja (``missing``)."""
    rows: list[list[object]] = [
        [
            e["code"],
            e["title"],
            e["answered"],
            total(e["total"]),
            number(e["nrr"]),
            number(e["weight"]),
            number(e["weighted_nrr"]),
            number(e["converted_nrr"]),
            e["mutu"] or missing,
            e["kinerja"] or missing,
        ]
        for e in data["elements"]
    ]
    overall = data["overall"]
    blank = None if missing is None else ""
    rows.append(
        [
            "",
            survey_words_for(data)["sum"],
            data["respondents"],
            blank,
            blank,
            blank,
            number(overall["index"]),
            number(overall["converted"]),
            overall["mutu"] or missing,
            overall["kinerja"] or missing,
        ]
    )
    return rows


def survey_words_for(data: Mapping[str, Any]) -> dict[str, str]:
    """The words of the report's language (recorded in the data as ``lang``)."""
    return survey_words(str(data.get("lang", "id")))


def element_headers(w: Mapping[str, str]) -> list[str]:
    """The columns of the element table (HTML, Markdown and the workbook)."""
    return [
        w["code"],
        w["element"],
        w["answered"],
        w["total"],
        w["nrr"],
        w["weight"],
        w["weighted_nrr"],
        w["converted_nrr"],
        w["mutu"],
        w["kinerja"],
    ]


def segment_flag(row: Mapping[str, Any], segments: Mapping[str, Any], w: Mapping[str, str]) -> str:
    """Why a segment's index is not comparable (elements missing, too few respondents), or
    ``""``."""
    if row["missing"]:
        return w["missing_elements"].format(elements=", ".join(row["missing"]))
    if row["too_few"]:
        return w["too_few"].format(n=segments["minimum"])
    return ""


def answer_levels(data: Mapping[str, Any]) -> list[str]:
    """The answer levels found in any element's distribution, in the order first met."""
    levels: list[str] = []
    for element in data["elements"]:
        for level in element["distribution"]:
            if level not in levels:
                levels.append(level)
    return levels


Grid = tuple[list[str], list[list[object]]]
"""A table as its headers and rows, written by each of the HTML, Markdown and XLSX writers."""


def distribution_table(data: Mapping[str, Any], w: Mapping[str, str]) -> Grid:
    """How many respondents gave each answer level, per element (numbers from column 2)."""
    levels = answer_levels(data)
    rows: list[list[object]] = [
        [e["code"], e["title"], *(e["distribution"].get(lv, 0) for lv in levels), e["answered"]]
        for e in data["elements"]
    ]
    return [w["code"], w["element"], *levels, w["answered"]], rows


def profile_rows(
    table: Mapping[str, Any],
    w: Mapping[str, str],
    share: Callable[[Any], object] = lambda value: shown(value) + " %",
    blank: object = "",
) -> list[list[object]]:
    """One profile table's rows (value, count, share) and the count of "not given" last."""
    rows: list[list[object]] = [
        [row["value"], row["count"], share(row["share"])] for row in table["rows"]
    ]
    if table["not_given"]:
        rows.append([w["not_given"], table["not_given"], blank])
    return rows


def segment_table(
    segments: Mapping[str, Any],
    w: Mapping[str, str],
    number: Callable[[Any], object] = shown,
    missing: object = "-",
) -> Grid:
    """The index per segment, with why a segment is not comparable in the last column."""
    headers = [
        w["segment"],
        w["respondents"],
        w["index_1_4"],
        w["index_converted"],
        w["mutu"],
        w["kinerja"],
        w["notes"],
    ]
    rows: list[list[object]] = [
        [
            row["value"],
            row["respondents"],
            number(row["index"]),
            number(row["converted"]),
            row["mutu"] or missing,
            row["kinerja"] or missing,
            segment_flag(row, segments, w),
        ]
        for row in segments["rows"]
    ]
    return headers, rows


def lowest_table(
    data: Mapping[str, Any],
    w: Mapping[str, str],
    number: Callable[[Any], object] = shown,
    blank: object = "",
) -> Grid:
    """The lowest elements with the empty follow-up plan (action, owner, deadline)."""
    headers = [
        w["code"],
        w["element"],
        w["nrr"],
        w["action"],
        w["owner"],
        w["deadline"],
    ]
    rows: list[list[object]] = [
        [row["code"], row["title"], number(row["nrr"]), blank, blank, blank]
        for row in data["lowest"]
    ]
    return headers, rows


def sample_verdict(sample: Mapping[str, Any], w: Mapping[str, str]) -> str:
    """Whether enough respondents answered, in words."""
    return str(w["short"].format(n=sample["short"]) if sample["short"] else w["enough"])


def comparison_table(
    comparison: Mapping[str, Any], w: Mapping[str, str], number: Callable[[Any], object] = shown
) -> Grid:
    """Each element's value in the previous and this period, and the converted index last."""
    label = comparison["previous_period"] or w["previous"]
    headers = [
        w["code"],
        w["element"],
        f"{w['previous']} ({label})",
        w["current"],
        w["change"],
    ]
    rows: list[list[object]] = [
        [r["code"], r["title"], number(r["previous"]), number(r["current"]), number(r["change"])]
        for r in comparison["elements"]
    ]
    over = comparison["overall"]
    rows.append(
        [
            "",
            w["index_converted"],
            number(over["previous"]["converted"]),
            number(over["current"]["converted"]),
            number(over["change"]),
        ]
    )
    return headers, rows


def respondent_table(
    data: Mapping[str, Any],
    number: Callable[[Any], object] = shown,
    exact: Callable[[str], object] = str,
    missing: object = "",
) -> Grid:
    """Each respondent's answers per element, then four sum rows (total, answered, NRR,
    weighted NRR); each writer gives how it writes a rounded number, an exact one and an
    unanswered question."""
    w = survey_words_for(data)
    elements = data["elements"]
    rows: list[list[object]] = [
        [
            r["no"],
            r["row"],
            *(missing if (v := r["answers"][e["id"]]) is None else exact(v) for e in elements),
        ]
        for r in data["per_respondent"]
    ]
    rows.append(["", w["total"], *(exact(e["total"]) for e in elements)])
    rows.append(["", w["answered"], *(e["answered"] for e in elements)])
    rows.append(["", w["nrr"], *(number(e["nrr"]) for e in elements)])
    rows.append(["", w["weighted_nrr"], *(number(e["weighted_nrr"]) for e in elements)])
    return [w["no"], w["row"], *(e["code"] for e in elements)], rows


def _grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    right: Iterable[int],
    *,
    anchor: str = "",
    totals: int = 0,
) -> Box:
    """A table of the report in a box that scrolls sideways on a narrow screen."""
    cells = [[Cell("", html=v) if isinstance(v, Html) else str(v) for v in row] for row in rows]
    return Box("scroll", (Table(headers, cells, right, anchor=anchor, totals=totals),))


def _kpi(label: str, value: str, colour: str | None = None) -> Html:
    style = Html("") if colour is None else Html(" style='--zone:{}'").format(colour)
    return Html(
        "<div class='kpi'{}><div class='label'>{}</div><div class='big'>{}</div></div>"
    ).format(style, label, value)


def survey_document(data: Mapping[str, Any]) -> tuple[str, str, list[Block | Section]]:
    """The report's title, subtitle and blocks: the key figures (cards in HTML, a table in
    Markdown), then a section per part of the report."""
    w = survey_words_for(data)
    overall, colour = data["overall"], data.get("colour")
    title = data.get("title") or f"{w['title']} · {data['unit']}"
    sub = f"{data['rubric']['title']} ({data['rubric']['id']}@{data['rubric']['version']})"
    facts: list[tuple[str, object]] = [
        (w["respondents"], data["respondents"]),
        (w["index_1_4"], shown(overall["index"])),
        (w["index_converted"], shown(overall["converted"])),
        (w["mutu"], overall["mutu_label"] or "-"),
        (w["kinerja"], overall["kinerja"] or "-"),
    ]
    if data.get("period"):
        sub = f"{w['period']}: {data['period']} · {sub}"
        facts.insert(0, (w["period"], data["period"]))
    kpis = Html("<div class='kpis'>{}{}{}{}</div>").format(
        _kpi(w["respondents"], str(data["respondents"])),
        _kpi(w["index_converted"], shown(overall["converted"]), colour),
        _kpi(w["index_1_4"], shown(overall["index"])),
        _kpi(
            f"{w['mutu']} · {w['kinerja']}",
            f"{overall['mutu'] or '-'} · {overall['kinerja'] or '-'}",
            colour,
        ),
    )
    blocks: list[Block | Section] = [
        Figure(kpis, (_grid([w["summary"], w["summary_value"]], facts, ()),))
    ]
    weight = ", ".join(f"{k} = {v}" for k, v in data["parameters"].items())
    note = (f"{w['weight']}: {weight}. " if weight else "") + w["exact_note"]
    rows = element_rows(data)
    table = _grid(element_headers(w), rows, range(2, 8), anchor="element-table", totals=1)
    blocks.append(Section("elements", w["elements"], (Para(note, "note"), table)))
    headers, rows = distribution_table(data, w)
    grid = _grid(headers, rows, range(2, len(headers)))
    blocks.append(Section("distribution", w["distribution"], (grid,)))
    if data["profile"]:
        profiles = tuple(
            Box(
                "",
                (
                    Heading(table["title"]),
                    _grid([w["value"], w["count"], w["share"]], profile_rows(table, w), {1, 2}),
                ),
            )
            for table in data["profile"]
        )
        blocks.append(Section("profile", w["profile"], (Box("profiles", profiles),)))
    segments = data.get("segments")
    if segments:
        headers, rows = segment_table(segments, w)
        notes = [Para(f"{row[0]}: {row[-1]}", "warn", "div") for row in rows if row[-1]]
        title_ = f"{w['segments']} ({segments['title']})"
        blocks.append(Section("segments", title_, (_grid(headers, rows, {1, 2, 3}), *notes)))
    if data["lowest"]:
        headers, rows = lowest_table(data, w, blank=Html("&nbsp;"))
        grid = _grid(headers, rows, {2}, anchor="follow-up-table")
        blocks.append(Section("follow-up", w["lowest"], (grid,)))
    sample = data.get("sample")
    if sample:
        grid = _grid(
            [w["population"], w["required"], w["received"]],
            [[sample["population"], sample["required"], sample["received"]]],
            {0, 1, 2},
        )
        verdict = sample_verdict(sample, w)
        box = Para(verdict, "warn", "div") if sample["short"] else Para(verdict, "")
        blocks.append(Section("sample", w["sample"], (grid, box)))
    comparison = data.get("comparison")
    if comparison:
        headers, rows = comparison_table(comparison, w)
        grid = _grid(headers, rows, {2, 3, 4}, totals=1)
        blocks.append(Section("comparison", w["comparison"], (grid,)))
    headers, rows = respondent_table(data)
    grid = _grid(headers, rows, range(len(headers)), anchor="respondent-table", totals=4)
    blocks.append(Section("per-respondent", w["per_respondent"], (grid,)))
    if data["warnings"]:
        blocks.append(Section("notes", w["notes"], (Items(tuple(data["warnings"])),)))
    return title, sub, blocks


def render_survey_html(data: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no network)."""
    title, sub, blocks = survey_document(data)
    page = Html(
        "<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>{title}</title><style>{css}</style></head><body>"
        "<header class='top'><h1>{title}</h1><p>{sub}</p></header><main>{body}</main>"
        "<footer>pelayanan {version}</footer></body></html>\n"
    ).format(
        lang=data.get("lang", "id"),
        title=title,
        sub=sub,
        css=Html(CSS + _SURVEY_CSS),
        body=to_html(blocks),
        version=__version__,
    )
    return str(page)


def render_survey_markdown(data: Mapping[str, Any]) -> str:
    """The report as Markdown (tables), every value escaped."""
    title, sub, blocks = survey_document(data)
    return str(Md("# {}\n\n{}\n\n{}\n").format(title, sub, to_markdown(blocks)))

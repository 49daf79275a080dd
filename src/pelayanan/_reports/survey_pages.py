"""The SKM report as one document (:func:`survey_document`, from
:func:`~pelayanan._reports.survey.survey_data`), written as a self-contained HTML page, as
Markdown and as an XLSX workbook: every format shows the same tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
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
    to_xlsx,
)
from pelayanan._reports.safe import Html, Md
from pelayanan._reports.style import CSS
from pelayanan._reports.survey import (
    RESPONDENT_SHEET,
    SUMMARY_SHEET,
    shown,
    shown_number,
    survey_words,
)
from pelayanan._reports.tables import Cell, Table
from pelayanan._version import __version__

__all__ = ["render_survey_html", "render_survey_markdown", "render_survey_xlsx", "survey_document"]

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
"""


def _number(value: Mapping[str, str] | None) -> Cell:
    """A rounded number of the data: shown as the language writes it, a number in a
    workbook."""
    return Cell(shown(value), value=shown_number(value))


def _share(value: Mapping[str, str]) -> Cell:
    """A share in percent (``50,00 %``), a number in a workbook."""
    return Cell(shown(value) + " %", value=shown_number(value))


def _count(value: int) -> Cell:
    return Cell(str(value), value=value)


def _exact(text: str | None) -> Cell:
    """An exact number of the data as written (``41``, ``3.5``, ``41/12``; empty for
    ``None``), a number in a workbook unless it is a fraction."""
    if text is None or "/" in text:
        return Cell(text or "")
    number = Decimal(text)
    return Cell(text, value=int(number) if number == number.to_integral_value() else number)


_BLANK = Cell("", html=Html("&nbsp;"))
"""An empty cell to fill in by hand (a follow-up plan's), kept open in HTML."""


def _table(
    headers: Iterable[str],
    rows: Iterable[Iterable[Cell | str]],
    right: Iterable[int],
    *,
    anchor: str = "",
    totals: int = 0,
) -> Box:
    """A table of the report in a box that scrolls sideways on a narrow screen."""
    return Box("scroll", (Table(headers, rows, right, anchor=anchor, totals=totals),))


def _elements(data: Mapping[str, Any], w: Mapping[str, str]) -> Box:
    """Each element's answers, total, NRR, weight, weighted and converted NRR, mutu and
    kinerja, and the sum row (the index) last."""
    keys = ("nrr", "weight", "weighted_nrr", "converted_nrr")
    rows: list[list[Cell | str]] = [
        [
            e["code"],
            e["title"],
            _count(e["answered"]),
            _exact(e["total"]),
            *(_number(e[key]) for key in keys),
            e["mutu"] or "-",
            e["kinerja"] or "-",
        ]
        for e in data["elements"]
    ]
    overall = data["overall"]
    rows.append(
        [
            "",
            w["sum"],
            _count(data["respondents"]),
            "",
            "",
            "",
            _number(overall["index"]),
            _number(overall["converted"]),
            overall["mutu"] or "-",
            overall["kinerja"] or "-",
        ]
    )
    headers = [w[k] for k in ("code", "element", "answered", "total", *keys, "mutu", "kinerja")]
    return _table(headers, rows, range(2, 8), anchor="element-table", totals=1)


def _distribution(data: Mapping[str, Any], w: Mapping[str, str]) -> Box:
    """How many respondents gave each answer level (in the order first met), per element."""
    levels: list[str] = []
    for element in data["elements"]:
        levels += [level for level in element["distribution"] if level not in levels]
    rows = [
        [
            e["code"],
            e["title"],
            *(_count(e["distribution"].get(level, 0)) for level in levels),
            _count(e["answered"]),
        ]
        for e in data["elements"]
    ]
    headers = [w["code"], w["element"], *levels, w["answered"]]
    return _table(headers, rows, range(2, len(headers)))


def _profile(table: Mapping[str, Any], w: Mapping[str, str]) -> Box:
    """One attribute's values, counts and shares, and the count of "not given" last."""
    rows: list[list[Cell | str]] = [
        [row["value"], _count(row["count"]), _share(row["share"])] for row in table["rows"]
    ]
    if table["not_given"]:
        rows.append([w["not_given"], _count(table["not_given"]), ""])
    grid = _table([w["value"], w["count"], w["share"]], rows, {1, 2})
    return Box("", (Heading(table["title"]), grid))


def _segments(segments: Mapping[str, Any], w: Mapping[str, str]) -> Section:
    """The index per segment; why a segment is not comparable (elements missing, too few
    respondents) in the last column and in a note under the table."""
    rows = []
    for row in segments["rows"]:
        if row["missing"]:
            flag = w["missing_elements"].format(elements=", ".join(row["missing"]))
        else:
            flag = w["too_few"].format(n=segments["minimum"]) if row["too_few"] else ""
        rows.append(
            [
                row["value"],
                _count(row["respondents"]),
                _number(row["index"]),
                _number(row["converted"]),
                row["mutu"] or "-",
                row["kinerja"] or "-",
                flag,
            ]
        )
    keys = ("segment", "respondents", "index_1_4", "index_converted", "mutu", "kinerja", "notes")
    notes = [Para(f"{row[0]}: {row[-1]}", "warn", "div") for row in rows if row[-1]]
    grid = _table([w[key] for key in keys], rows, {1, 2, 3})
    return Section("segments", f"{w['segments']} ({segments['title']})", (grid, *notes))


def _comparison(comparison: Mapping[str, Any], w: Mapping[str, str]) -> Box:
    """Each element's NRR in the previous and this period, and the converted index last."""
    label = comparison["previous_period"] or w["previous"]
    headers = [w["code"], w["element"], f"{w['previous']} ({label})", w["current"], w["change"]]
    rows: list[list[Cell | str]] = [
        [r["code"], r["title"], *(_number(r[key]) for key in ("previous", "current", "change"))]
        for r in comparison["elements"]
    ]
    over = comparison["overall"]
    previous, current = over["previous"]["converted"], over["current"]["converted"]
    changed = [_number(previous), _number(current), _number(over["change"])]
    rows.append(["", w["index_converted"], *changed])
    return _table(headers, rows, {2, 3, 4}, totals=1)


def _respondents(data: Mapping[str, Any], w: Mapping[str, str]) -> Box:
    """Each respondent's answers per element ("pengolahan data per responden per unsur"),
    then the sums the regulation's table ends with: total, answered, NRR and weighted NRR
    per element, and the index on both scales."""
    elements, overall = data["elements"], data["overall"]
    rows: list[list[Cell | str]] = [
        [_count(r["no"]), _count(r["row"]), *(_exact(r["answers"][e["id"]]) for e in elements)]
        for r in data["per_respondent"]
    ]
    rows.append(["", w["total"], *(_exact(e["total"]) for e in elements)])
    rows.append(["", w["answered"], *(_count(e["answered"]) for e in elements)])
    rows.append(["", w["nrr"], *(_number(e["nrr"]) for e in elements)])
    rows.append(["", w["weighted_nrr"], *(_number(e["weighted_nrr"]) for e in elements)])
    padding = [""] * (len(elements) - 1)
    rows.append(["", w["index_1_4"], _number(overall["index"]), *padding])
    rows.append(["", w["index_converted"], _number(overall["converted"]), *padding])
    headers = [w["no"], w["row"], *(e["code"] for e in elements)]
    return _table(headers, rows, range(len(headers)), anchor="respondent-table", totals=6)


def _kpi(label: str, value: str, colour: str | None = None) -> Html:
    style = Html("") if colour is None else Html(" style='--zone:{}'").format(colour)
    return Html(
        "<div class='kpi'{}><div class='label'>{}</div><div class='big'>{}</div></div>"
    ).format(style, label, value)


def survey_document(data: Mapping[str, Any]) -> tuple[str, str, list[Block | Section]]:
    """The report's title, subtitle and blocks: the key figures (cards in HTML, a table
    elsewhere), then a section per part of the report."""
    w = survey_words(str(data.get("lang", "id")))
    overall, colour = data["overall"], data.get("colour")
    title = data.get("title") or f"{w['title']} · {data['unit']}"
    sub = f"{data['rubric']['title']} ({data['rubric']['id']}@{data['rubric']['version']})"
    facts: list[list[Cell | str]] = [
        [w["respondents"], _count(data["respondents"])],
        [w["index_1_4"], _number(overall["index"])],
        [w["index_converted"], _number(overall["converted"])],
        [w["mutu"], overall["mutu_label"] or "-"],
        [w["kinerja"], overall["kinerja"] or "-"],
    ]
    if data.get("period"):
        sub = f"{w['period']}: {data['period']} · {sub}"
        facts.insert(0, [w["period"], data["period"]])
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
        Figure(kpis, (_table([w["summary"], w["summary_value"]], facts, ()),))
    ]
    weight = ", ".join(f"{k} = {v}" for k, v in data["parameters"].items())
    note = (f"{w['weight']}: {weight}. " if weight else "") + w["exact_note"]
    blocks.append(Section("elements", w["elements"], (Para(note, "note"), _elements(data, w))))
    blocks.append(Section("distribution", w["distribution"], (_distribution(data, w),)))
    if data["profile"]:
        profiles = tuple(_profile(table, w) for table in data["profile"])
        blocks.append(Section("profile", w["profile"], (Box("profiles", profiles),)))
    if data.get("segments"):
        blocks.append(_segments(data["segments"], w))
    if data["lowest"]:
        rows = [[r["code"], r["title"], _number(r["nrr"]), *[_BLANK] * 3] for r in data["lowest"]]
        headers = [w[key] for key in ("code", "element", "nrr", "action", "owner", "deadline")]
        grid = _table(headers, rows, {2}, anchor="follow-up-table")
        blocks.append(Section("follow-up", w["lowest"], (grid,)))
    sample = data.get("sample")
    if sample:
        keys = ("population", "required", "received")
        grid = _table([w[k] for k in keys], [[_count(sample[k]) for k in keys]], {0, 1, 2})
        if sample["short"]:
            verdict = Para(w["short"].format(n=sample["short"]), "warn", "div")
        else:
            verdict = Para(w["enough"], "")
        blocks.append(Section("sample", w["sample"], (grid, verdict)))
    if data.get("comparison"):
        grid = _comparison(data["comparison"], w)
        blocks.append(Section("comparison", w["comparison"], (grid,)))
    grid = _respondents(data, w)
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


def render_survey_xlsx(data: Mapping[str, Any]) -> bytes:
    """The report as an XLSX workbook officials can open (needs ``openpyxl``): the results on
    the first sheet, the processing table per respondent per element ("pengolahan data per
    responden per unsur") on the second, as units publish it (sheet names are short: Excel
    allows 31 characters; the sheet's first row has the full title).

    Raises:
        ReaderUnavailableError: openpyxl is not installed (the message says how to get it).
    """
    lang = str(data.get("lang", "id"))
    title, sub, blocks = survey_document(data)
    [table] = [b for b in blocks if isinstance(b, Section) and b.anchor == "per-respondent"]
    results = [Para(sub), *(block for block in blocks if block is not table)]
    return to_xlsx(
        [
            (SUMMARY_SHEET.get(lang, SUMMARY_SHEET["id"]), title, results),
            (RESPONDENT_SHEET.get(lang, RESPONDENT_SHEET["id"]), table.title, table.blocks),
        ]
    )

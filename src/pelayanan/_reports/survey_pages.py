"""The SKM report as a self-contained HTML page and as Markdown, from :func:`survey_data`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pelayanan._reports.safe import Html, Md, md_escape
from pelayanan._reports.style import CSS
from pelayanan._reports.survey import shown, survey_words
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


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: set[int],
    *,
    classes: Sequence[str] = (),
    table_id: str | None = None,
) -> Html:
    def cell(tag: str, index: int, value: object) -> Html:
        css = "num" if index in numeric else ""
        return Html("<{0} class='{1}'>{2}</{0}>").format(Html(tag), css, value)

    head = Html("").join(cell("th", i, h) for i, h in enumerate(headers))
    body = []
    for number, row in enumerate(rows):
        css = classes[number] if number < len(classes) else ""
        cells = Html("").join(cell("td", i, v) for i, v in enumerate(row))
        body.append(Html("<tr class='{}'>{}</tr>").format(css, cells))
    ident = Html("") if table_id is None else Html(" id='{}'").format(table_id)
    return Html(
        "<div class='scroll'><table{}><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>"
    ).format(ident, head, Html("").join(body))


def _kpi(label: str, value: str, colour: str | None = None) -> Html:
    style = Html("") if colour is None else Html(" style='--zone:{}'").format(colour)
    return Html(
        "<div class='kpi'{}><div class='label'>{}</div><div class='big'>{}</div></div>"
    ).format(style, label, value)


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


def _element_rows(data: Mapping[str, Any]) -> tuple[list[list[object]], list[str]]:
    rows = element_rows(data)
    return rows, [""] * (len(rows) - 1) + ["sum"]


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


def render_survey_html(data: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no network)."""
    w = survey_words_for(data)
    overall = data["overall"]
    colour = data.get("colour")
    heading = data.get("title") or f"{w['title']} · {data['unit']}"
    sub = f"{data['rubric']['title']} ({data['rubric']['id']}@{data['rubric']['version']})"
    if data.get("period"):
        sub = f"{w['period']}: {data['period']} · {sub}"
    parts: list[Html] = []
    parts.append(
        Html("<div class='kpis'>{}{}{}{}</div>").format(
            _kpi(w["respondents"], str(data["respondents"])),
            _kpi(w["index_converted"], shown(overall["converted"]), colour),
            _kpi(w["index_1_4"], shown(overall["index"])),
            _kpi(
                f"{w['mutu']} · {w['kinerja']}",
                f"{overall['mutu'] or '-'} · {overall['kinerja'] or '-'}",
                colour,
            ),
        )
    )
    rows, css = _element_rows(data)
    weight = ", ".join(f"{k} = {v}" for k, v in data["parameters"].items())
    parts.append(
        Html("<section id='elements'><h2>{}</h2><p class='note'>{}{}</p>{}</section>").format(
            w["elements"],
            f"{w['weight']}: {weight}. " if weight else "",
            w["exact_note"],
            _table(
                element_headers(w), rows, {2, 3, 4, 5, 6, 7}, classes=css, table_id="element-table"
            ),
        )
    )
    headers, rows = distribution_table(data, w)
    parts.append(
        Html("<section id='distribution'><h2>{}</h2>{}</section>").format(
            w["distribution"], _table(headers, rows, set(range(2, len(headers))))
        )
    )
    profiles = []
    for table in data["profile"]:
        profiles.append(
            Html("<div><h3>{}</h3>{}</div>").format(
                table["title"],
                _table([w["value"], w["count"], w["share"]], profile_rows(table, w), {1, 2}),
            )
        )
    if profiles:
        parts.append(
            Html(
                "<section id='profile'><h2>{}</h2><div class='profiles'>{}</div></section>"
            ).format(w["profile"], Html("").join(profiles))
        )
    segments = data.get("segments")
    if segments:
        headers, rows = segment_table(segments, w)
        notes = [
            Html("<div class='warn'>{}: {}</div>").format(row[0], row[-1])
            for row in rows
            if row[-1]
        ]
        parts.append(
            Html("<section id='segments'><h2>{} ({})</h2>{}{}</section>").format(
                w["segments"],
                segments["title"],
                _table(headers, rows, {1, 2, 3}),
                Html("").join(notes),
            )
        )
    if data["lowest"]:
        headers, rows = lowest_table(data, w, blank=Html("&nbsp;"))
        parts.append(
            Html("<section id='follow-up'><h2>{}</h2>{}</section>").format(
                w["lowest"], _table(headers, rows, {2}, table_id="follow-up-table")
            )
        )
    sample = data.get("sample")
    if sample:
        verdict = sample_verdict(sample, w)
        box = (
            Html("<div class='warn'>{}</div>").format(verdict)
            if sample["short"]
            else Html("<p>{}</p>").format(verdict)
        )
        parts.append(
            Html("<section id='sample'><h2>{}</h2>{}{}</section>").format(
                w["sample"],
                _table(
                    [w["population"], w["required"], w["received"]],
                    [[sample["population"], sample["required"], sample["received"]]],
                    {0, 1, 2},
                ),
                box,
            )
        )
    comparison = data.get("comparison")
    if comparison:
        headers, rows = comparison_table(comparison, w)
        parts.append(
            Html("<section id='comparison'><h2>{}</h2>{}</section>").format(
                w["comparison"],
                _table(headers, rows, {2, 3, 4}, classes=[""] * (len(rows) - 1) + ["sum"]),
            )
        )
    headers, r_rows = respondent_table(data)
    r_css = [""] * (len(r_rows) - 4) + ["sum"] * 4
    parts.append(
        Html("<section id='per-respondent'><h2>{}</h2>{}</section>").format(
            w["per_respondent"],
            _table(
                headers,
                r_rows,
                set(range(0, len(headers))),
                classes=r_css,
                table_id="respondent-table",
            ),
        )
    )
    if data["warnings"]:
        items = Html("").join(Html("<li>{}</li>").format(text) for text in data["warnings"])
        parts.append(
            Html("<section id='notes'><h2>{}</h2><ul>{}</ul></section>").format(w["notes"], items)
        )
    page = Html(
        "<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>{title}</title><style>{css}</style></head><body>"
        "<header class='top'><h1>{title}</h1><p>{sub}</p></header><main>{body}</main>"
        "<footer>pelayanan {version}</footer></body></html>\n"
    ).format(
        lang=data.get("lang", "id"),
        title=heading,
        sub=sub,
        css=Html(CSS + _SURVEY_CSS),
        body=Html("").join(parts),
        version=__version__,
    )
    return str(page)


def _md_table(
    headers: Sequence[object], rows: Sequence[Sequence[object]], numeric: set[int]
) -> str:
    line = Md("| {} |").format(Md(" | ").join(headers))
    align = (
        Md("|")
        + Md("|").join(Md("---:") if i in numeric else Md("---") for i in range(len(headers)))
        + Md("|")
    )
    body = [Md("| {} |").format(Md(" | ").join(str(cell) for cell in row)) for row in rows]
    return "\n".join([line, align, *body])


def render_survey_markdown(data: Mapping[str, Any]) -> str:
    """The report as Markdown (tables), every value escaped."""
    w = survey_words_for(data)
    overall = data["overall"]
    lines = [
        str(Md("# {}").format(data.get("title") or f"{w['title']} · {data['unit']}")),
        "",
        str(
            md_escape(
                f"{data['rubric']['title']} ({data['rubric']['id']}@{data['rubric']['version']})"
            )
        ),
        "",
    ]
    facts = [
        (w["respondents"], data["respondents"]),
        (w["index_1_4"], shown(overall["index"])),
        (w["index_converted"], shown(overall["converted"])),
        (w["mutu"], overall["mutu_label"] or "-"),
        (w["kinerja"], overall["kinerja"] or "-"),
    ]
    if data.get("period"):
        facts.insert(0, (w["period"], data["period"]))
    lines += [_md_table([w["summary"], w["summary_value"]], facts, set()), ""]
    rows, _ = _element_rows(data)
    lines += [
        str(Md("## {}").format(w["elements"])),
        "",
        str(md_escape(w["exact_note"])),
        "",
        _md_table(element_headers(w), rows, {2, 3, 4, 5, 6, 7}),
        "",
    ]
    headers, rows = distribution_table(data, w)
    lines += [
        str(Md("## {}").format(w["distribution"])),
        "",
        _md_table(headers, rows, set(range(2, len(headers)))),
        "",
    ]
    if data["profile"]:
        lines += [str(Md("## {}").format(w["profile"])), ""]
        for table in data["profile"]:
            lines += [
                str(Md("### {}").format(table["title"])),
                "",
                _md_table([w["value"], w["count"], w["share"]], profile_rows(table, w), {1, 2}),
                "",
            ]
    segments = data.get("segments")
    if segments:
        headers, rows = segment_table(segments, w)
        # the Markdown table leaves the kinerja column out (the HTML page and workbook have it)
        headers = headers[:5] + headers[6:]
        rows = [row[:5] + row[6:] for row in rows]
        lines += [
            str(Md("## {} ({})").format(w["segments"], segments["title"])),
            "",
            _md_table(headers, rows, {1, 2, 3}),
            "",
        ]
    if data["lowest"]:
        headers, rows = lowest_table(data, w)
        lines += [str(Md("## {}").format(w["lowest"])), "", _md_table(headers, rows, {2}), ""]
    sample = data.get("sample")
    if sample:
        verdict = sample_verdict(sample, w)
        lines += [
            str(Md("## {}").format(w["sample"])),
            "",
            _md_table(
                [w["population"], w["required"], w["received"]],
                [[sample["population"], sample["required"], sample["received"]]],
                {0, 1, 2},
            ),
            "",
            str(md_escape(verdict)),
            "",
        ]
    comparison = data.get("comparison")
    if comparison:
        headers, rows = comparison_table(comparison, w)
        lines += [
            str(Md("## {}").format(w["comparison"])),
            "",
            _md_table(headers, rows, {2, 3, 4}),
            "",
        ]
    headers, r_rows = respondent_table(data)
    lines += [
        str(Md("## {}").format(w["per_respondent"])),
        "",
        _md_table(headers, r_rows, set(range(len(headers)))),
        "",
    ]
    if data["warnings"]:
        lines += [str(Md("## {}").format(w["notes"])), ""]
        lines += [str(Md("- {}").format(text)) for text in data["warnings"]]
        lines.append("")
    return "\n".join(lines)

"""A small neutral document model: what a report says, built once, written as HTML, Markdown
and XLSX.

A report is a list of :class:`Section` objects; a section holds blocks (a paragraph, a
sub-heading, a :class:`~pelayanan._reports.tables.Table`, a numbered list, facts, a box that
groups blocks, a figure). :func:`to_html`, :func:`to_markdown` and :func:`to_xlsx` write the
same blocks; a :class:`Figure` (an SVG chart) is HTML only and gives the others its plain
blocks instead. Every value is escaped by the :class:`~pelayanan._reports.safe.Html` and
:class:`~pelayanan._reports.safe.Md` templates that write it, and made formula-safe in a
workbook (:func:`~pelayanan._reports.safe.spreadsheet_text`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any, Union

import attrs

from pelayanan._reports.safe import Html, Md, md_code, spreadsheet_text
from pelayanan._reports.tables import Cell, Table, render_markdown

__all__ = [
    "Block",
    "Box",
    "Facts",
    "Figure",
    "Heading",
    "Items",
    "Losses",
    "Para",
    "Section",
    "html_table",
    "to_html",
    "to_markdown",
    "to_xlsx",
]


@attrs.frozen
class Para:
    """A paragraph; ``css`` is its HTML class (``meta``, ``note``), ``tag`` its HTML element.
    An empty paragraph is written in HTML only (it keeps the layout of a card)."""

    text: str
    css: str = "meta"
    tag: str = "p"
    strong: bool = False


@attrs.frozen
class Heading:
    """A sub-heading (``<h3>``, ``###``)."""

    text: str


@attrs.frozen
class Losses:
    """A numbered list of what lost points: ``(title, points)``, with the word for a loss."""

    items: tuple[tuple[str, str], ...]
    word: str


@attrs.frozen
class Items:
    """A bulleted list."""

    items: tuple[str, ...]


@attrs.frozen
class Facts:
    """Names and exact values (a definition list in HTML, code spans in Markdown)."""

    pairs: tuple[tuple[str, str], ...]


@attrs.frozen
class Box:
    """Blocks grouped for the page's layout (a grid, a card coloured by its zone); Markdown
    writes the blocks one after another."""

    css: str
    blocks: tuple[Block, ...]
    colour: str | None = None


@attrs.frozen
class Figure:
    """HTML only (an SVG chart, a legend); Markdown writes ``text`` instead."""

    html: Html
    text: tuple[Block, ...] = ()


Block = Union[Para, Heading, Losses, Items, Facts, Box, Figure, Table]  # noqa: UP007 - a runtime alias


@attrs.frozen
class Section:
    """A titled part of a report (``<section id=anchor>``, ``## title``)."""

    anchor: str
    title: str
    blocks: tuple[Block, ...]


def html_table(table: Table) -> Html:
    """``table`` as an HTML table: right-aligned columns get class ``num``, unless
    ``table.classes`` names each column's class; a cell's own HTML, class and style win."""
    heads = []
    for index, header in enumerate(table.headers):
        css = table.classes[index] if table.classes else ("num" if index in table.right else "")
        heads.append(_tag("th", css, "", header))
    rows = []
    totals = len(table.rows) - table.totals
    for number, row in enumerate(table.rows):
        cells = Html("").join(
            _tag(
                "td",
                cell.css or ("num" if index in table.right else ""),
                cell.style or (f"border-left:4px solid {cell.colour}" if cell.colour else ""),
                cell.text if cell.html is None else cell.html,
            )
            for index, cell in enumerate(row)
        )
        rows.append(_tag("tr", "sum" if number >= totals else "", "", cells))
    head = Html("<thead><tr>{}</tr></thead>").format(Html("").join(heads)) if heads else Html()
    ident = Html(" id='{}'").format(table.anchor) if table.anchor else Html()
    css = Html(" class='{}'").format(table.css) if table.css else Html()
    return Html("<table{}{}>{}<tbody>{}</tbody></table>").format(
        ident, css, head, Html("").join(rows)
    )


def _tag(tag: str, css: str, style: str, content: object) -> Html:
    css_attr = Html(" class='{}'").format(css) if css else Html()
    style_attr = Html(" style='{}'").format(style) if style else Html()
    return Html("<{0}{1}{2}>{3}</{0}>").format(Html(tag), css_attr, style_attr, content)


def to_html(blocks: Iterable[Block | Section]) -> Html:
    """The blocks (or sections) as HTML."""
    return Html("").join(_html(block) for block in blocks)


def _html(block: Block | Section) -> Html:
    if isinstance(block, Section):
        return Html("<section id='{}'><h2>{}</h2>{}</section>").format(
            block.anchor, block.title, to_html(block.blocks)
        )
    if isinstance(block, Para):
        text = Html("<strong>{}</strong>").format(block.text) if block.strong else block.text
        return _tag(block.tag, block.css, "", text)
    if isinstance(block, Heading):
        return Html("<h3>{}</h3>").format(block.text)
    if isinstance(block, Losses):
        return Html("<table class='fixlist'>{}</table>").format(
            Html("").join(
                Html(
                    "<tr><td class='n'>{}.</td><td>{}</td><td class='lost'>&minus;{}</td></tr>"
                ).format(number, title, points)
                for number, (title, points) in enumerate(block.items, start=1)
            )
        )
    if isinstance(block, Items):
        return Html("<ul>{}</ul>").format(
            Html("").join(Html("<li>{}</li>").format(item) for item in block.items)
        )
    if isinstance(block, Facts):
        return Html("<dl class='prov'>{}</dl>").format(
            Html("").join(
                Html("<dt>{}</dt><dd><code>{}</code></dd>").format(k, v) for k, v in block.pairs
            )
        )
    if isinstance(block, Box):
        style = Html(" style='--zone:{}'").format(block.colour) if block.colour else Html()
        css = Html(" class='{}'").format(block.css) if block.css else Html()
        return Html("<div{}{}>{}</div>").format(css, style, to_html(block.blocks))
    if isinstance(block, Figure):
        return block.html
    return html_table(block)


def to_markdown(blocks: Iterable[Block | Section]) -> Md:
    """The blocks (or sections) as Markdown, a blank line between blocks."""
    return Md("\n\n").join(md for md in (_markdown(block) for block in blocks) if md)


def _markdown(block: Block | Section) -> Md:
    if isinstance(block, Section):
        return Md("## {}\n\n{}").format(block.title, to_markdown(block.blocks))
    if isinstance(block, Para):
        return Md("**{}**").format(block.text) if block.strong else Md("{}").format(block.text)
    if isinstance(block, Heading):
        return Md("### {}").format(block.text)
    if isinstance(block, Losses):
        return Md("\n").join(
            Md("{}. {} — {} {}").format(number, title, block.word, points)
            for number, (title, points) in enumerate(block.items, start=1)
        )
    if isinstance(block, Items):
        return Md("\n").join(Md("- {}").format(item) for item in block.items)
    if isinstance(block, Facts):
        return Md("\n").join(Md("- {}: {}").format(k, md_code(v)) for k, v in block.pairs)
    if isinstance(block, Box | Figure):
        return to_markdown(block.blocks if isinstance(block, Box) else block.text)
    return Md(render_markdown(_plain(block)).rstrip("\n"))


def _plain(table: Table) -> Table:
    """``table`` without its HTML-only columns (those without a header)."""
    keep = [i for i, header in enumerate(table.headers) if header]
    if len(keep) == len(table.headers):
        return table
    return attrs.evolve(
        table,
        headers=[table.headers[i] for i in keep],
        rows=[[row[i] for i in keep] for row in table.rows],
        right={keep.index(i) for i in table.right if i in keep},
        classes=(),
    )


def to_xlsx(sheets: Iterable[tuple[str, str, Sequence[Block | Section]]]) -> bytes:
    """The bytes of a workbook (needs ``openpyxl``) with a sheet per ``(name, title,
    blocks)``: the title in large type in its first row, then a row per paragraph, heading,
    list item or fact, a table's headers and rows (headers and totals in bold; as in
    Markdown, without the HTML-only columns, those without a header), a section's
    title in large type after an empty row; a figure gives its plain blocks. A cell's number
    (:attr:`~pelayanan._reports.tables.Cell.value`) is written as a number, any other text
    formula-safe; an empty or ``-`` cell is left empty.

    Raises:
        ReaderUnavailableError: openpyxl is not installed (the message says how to get it).
    """
    from pelayanan._readers.xlsx_reader import load_openpyxl  # only a workbook needs it

    openpyxl = load_openpyxl()
    book = openpyxl.Workbook()
    book.remove(book.active)
    fonts = openpyxl.styles.Font(bold=True, size=14), openpyxl.styles.Font(bold=True)
    for name, title, blocks in sheets:
        sheet = book.create_sheet(name)
        _row(sheet, [title], fonts[0])
        for block in blocks:
            _sheet(sheet, block, fonts)
        sheet.column_dimensions["A"].width = 16
        sheet.column_dimensions["B"].width = 44
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet: Any, block: Block | Section, fonts: tuple[Any, Any]) -> None:
    big, bold = fonts
    if isinstance(block, Section):
        _row(sheet, [])
        _row(sheet, [block.title], big)
        for inner in block.blocks:
            _sheet(sheet, inner, fonts)
    elif isinstance(block, Para | Heading):
        _row(sheet, [block.text], bold if isinstance(block, Heading) or block.strong else None)
    elif isinstance(block, Items):
        for item in block.items:
            _row(sheet, [item])
    elif isinstance(block, Facts):
        for pair in block.pairs:
            _row(sheet, pair)
    elif isinstance(block, Losses):
        for title, points in block.items:
            _row(sheet, [title, points])
    elif isinstance(block, Box | Figure):
        for inner in block.blocks if isinstance(block, Box) else block.text:
            _sheet(sheet, inner, fonts)
    else:
        table = _plain(block)
        _row(sheet, table.headers, bold)
        totals = len(table.rows) - table.totals
        for number, row in enumerate(table.rows):
            _row(sheet, row, bold if number >= totals else None)


def _row(sheet: Any, values: Iterable[Cell | str], font: Any = None) -> None:
    """One row of ``sheet``, its cells in ``font`` when given."""
    row = [_value(value) for value in values]
    sheet.append(row)
    for cell in sheet[sheet.max_row][: len(row)] if font is not None else ():
        cell.font = font


def _value(cell: Cell | str) -> object:
    if isinstance(cell, Cell):
        if cell.value is not None:
            return cell.value
        cell = cell.text
    return None if cell in ("", "-") else spreadsheet_text(cell)

"""A structural check of an ``.xlsx`` workbook before openpyxl reads its values.

openpyxl reads values well, but in read-only mode it fills missing rows one by one (a sheet
whose only row is numbered 20,000,000 takes minutes and gigabytes), it drops or reorders rows
whose numbers are out of order, it reads a formula without a saved value as an empty cell,
it does not show merged cells, and a bad shared-string index, a chart sheet or an unreadable
number or date ends in a raw Python message. This module reads the workbook's parts with the
standard library first, in one streaming pass bounded by the limits in force
(:class:`~pelayanan._model.limits.Limits`: ``max_xlsx_bytes``, ``max_rows``,
``max_cell_chars``), and reports each of these with its row and column, so the reader
refuses such a workbook instead of guessing.
"""

from __future__ import annotations

import importlib
import math
import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

import attrs

from pelayanan._i18n import format_integer
from pelayanan._i18n import gettext as _
from pelayanan._model.limits import Limits, long_cell
from pelayanan._readers.problems import TableProblem

__all__ = ["SheetPlan", "XlsxRefused", "audit_workbook", "clip"]

_CLIP = 60
_MAX_REPORTED = 20


def clip(text: str, limit: int = _CLIP) -> str:
    """``text`` cut to ``limit`` characters for a message (``...`` and the full length when
    cut), so a 50 MB cell is never echoed."""
    if len(text) <= limit:
        return text
    return _("{start}... ({count} characters)").format(
        start=text[:limit], count=format_integer(len(text))
    )


class XlsxRefused(Exception):
    """The workbook cannot be read safely; :attr:`problems` say where and why."""

    def __init__(self, problems: list[TableProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@attrs.frozen
class SheetPlan:
    """What the check found: the worksheet to read and its highest row number."""

    name: str
    rows: int


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _attr(element: Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _column_number(ref: str) -> int | None:
    number = 0
    for char in ref:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        else:
            break
    return number or None


class _Reader:
    def __init__(self, path: Path, limits: Limits) -> None:
        self.source = str(path)
        self.limits = limits
        self.problems: list[TableProblem] = []
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            self.refuse(1, _unreadable(error))
        self.names = set(self.zip.namelist())
        total = sum(info.file_size for info in self.zip.infolist())
        if total > limits.max_xlsx_bytes:
            self.zip.close()
            self.refuse(
                1,
                _(
                    "the workbook's content is {size} bytes uncompressed, more than the "
                    "max_xlsx_bytes limit of {limit} (a zip bomb, or raise the limit with "
                    "--limit max_xlsx_bytes=N)"
                ).format(size=format_integer(total), limit=format_integer(limits.max_xlsx_bytes)),
            )

    def refuse(self, row: int, message: str, column: int | None = None) -> Any:
        raise XlsxRefused([TableProblem.at(self.source, row, message, column=column, fatal=True)])

    def note(self, row: int, message: str, column: int | None = None) -> None:
        self.problems.append(TableProblem.at(self.source, row, message, column=column, fatal=True))
        if len(self.problems) >= _MAX_REPORTED:
            raise XlsxRefused(self.problems)

    def open(self, name: str) -> IO[bytes]:
        return self.zip.open(name)

    def elements(self, name: str, *tags: str) -> Iterator[Element]:
        """The elements named ``tags`` of part ``name``, each when complete (then cleared)."""
        stack: list[Element] = []
        try:
            with self.open(name) as stream:
                for event, element in iterparse(stream, events=("start", "end")):
                    if event == "start":
                        stack.append(element)
                        continue
                    stack.pop()
                    if _local(element.tag) in tags:
                        yield element
                        element.clear()
                        if stack:  # keep memory flat: nothing read stays in the tree
                            stack[-1].remove(element)
        except (ParseError, zipfile.BadZipFile, EOFError, OSError) as error:
            self.refuse(1, _unreadable(f"{name}: {error}"))

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if name not in self.names:
            return found
        for rel in self.elements(name, "Relationship"):
            target = rel.get("Target", "")
            if target.startswith("/"):
                full = target.lstrip("/")
            else:
                full = posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], full)
        return found


def _workbook_part(reader: _Reader) -> str:
    for kind, target in reader.rels("").values():
        if kind == "officeDocument":
            return target
    return "xl/workbook.xml"


def _date_styles(reader: _Reader, styles: str | None) -> set[int]:
    """Indexes of the cell styles that show numbers as dates or times."""
    if styles is None or styles not in reader.names:
        return set()
    numbers = importlib.import_module("openpyxl.styles.numbers")
    builtin, is_date_format = numbers.BUILTIN_FORMATS, numbers.is_date_format
    custom: dict[int, str] = {}
    found: set[int] = set()
    index = 0
    in_cell_xfs = False
    try:
        with reader.open(styles) as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    in_cell_xfs = in_cell_xfs or tag == "cellXfs"
                    continue
                if tag == "numFmt":
                    custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
                elif tag == "cellXfs":
                    in_cell_xfs = False
                elif tag == "xf" and in_cell_xfs:
                    number = int(element.get("numFmtId", "0"))
                    code = custom.get(number, builtin.get(number, "General"))
                    if is_date_format(code):
                        found.add(index)
                    index += 1
    except (ParseError, ValueError, zipfile.BadZipFile, OSError) as error:
        reader.refuse(1, _unreadable(f"{styles}: {error}"))
    return found


def _shared_strings(reader: _Reader, part: str | None) -> tuple[int, dict[int, int]]:
    """How many shared strings there are, and the lengths of those too long for a cell."""
    if part is None or part not in reader.names:
        return 0, {}
    count = 0
    long: dict[int, int] = {}
    for item in reader.elements(part, "si"):
        length = sum(len(text) for text in item.itertext())
        if length > reader.limits.max_cell_chars:
            long[count] = length
        count += 1
    return count, long


def _unreadable(reason: object) -> str:
    return _("not a readable XLSX workbook: {reason}").format(reason=clip(str(reason), 200))


def _datetimes() -> Any:
    return importlib.import_module("openpyxl.utils.datetime")


def _number_problem(text: str, date: bool) -> str | None:
    try:
        value = float(text)
    except ValueError:
        return _("'{value}' is not a number").format(value=clip(text))
    if not math.isfinite(value):
        return _("'{value}' is not a finite number").format(value=clip(text))
    if date:
        try:
            _datetimes().from_excel(value)
        except (ValueError, OverflowError):
            return _("{value} is formatted as a date but is not one (out of range)").format(
                value=clip(text)
            )
    return None


def _cell(
    reader: _Reader,
    cell: Element,
    row: int,
    strings: tuple[int, dict[int, int]],
    dates: set[int],
) -> None:
    ref = cell.get("r", "")
    column = _column_number(ref)
    kind = cell.get("t", "n")
    value: str | None = None
    formula: str | None = None
    inline: list[str] = []
    for child in cell:
        tag = _local(child.tag)
        if tag == "v":
            value = child.text or ""
        elif tag == "f":
            formula = child.text or ""
        elif tag == "is":
            inline.extend(child.itertext())
    limit = reader.limits.max_cell_chars
    if formula is not None and not value and not inline:
        shown = f" (={clip(formula, 40)})" if formula else ""
        reader.note(
            row,
            _(
                "a formula{formula} without a saved value: the workbook was not recalculated "
                "and saved by a spreadsheet program, so the answer is unknown (open and save "
                "it, or paste the values)"
            ).format(formula=shown),
            column,
        )
        return
    text = "".join(inline) if kind == "inlineStr" else value
    if text is not None and len(text) > limit:
        reader.note(row, long_cell(len(text), limit) + f" ('{clip(text)}')", column)
        return
    if value is None:
        return
    if kind == "s":
        count, long = strings
        if not value.isdigit() or int(value) >= count:
            reader.note(
                row,
                _("shared string '{index}' does not exist (the workbook has {count})").format(
                    index=clip(value), count=format_integer(count)
                ),
                column,
            )
        elif int(value) in long:
            reader.note(row, long_cell(long[int(value)], limit), column)
    elif kind == "n":
        style = cell.get("s", "0")
        is_date = style.isdigit() and int(style) in dates
        problem = _number_problem(value, is_date)
        if problem is not None:
            reader.note(row, problem, column)
    elif kind == "b" and value not in ("0", "1"):
        reader.note(row, _("'{value}' is not a boolean (0 or 1)").format(value=clip(value)), column)
    elif kind == "d":
        try:
            _datetimes().from_ISO8601(value)
        except (ValueError, TypeError):
            reader.note(row, _("'{value}' is not a date").format(value=clip(value)), column)


def _sheet(reader: _Reader, part: str, strings: tuple[int, dict[int, int]], dates: set[int]) -> int:
    """Check one worksheet's rows, cells and merges; its highest row number."""
    if part not in reader.names:
        reader.refuse(1, _unreadable(_("the sheet part {part} is missing").format(part=part)))
    previous = 0
    limit = reader.limits.max_rows
    for element in reader.elements(part, "row", "mergeCell"):
        if _local(element.tag) == "mergeCell":
            where = element.get("ref", "?")
            first = where.split(":")[0]
            digits = "".join(ch for ch in first if ch.isdigit())
            reader.note(
                int(digits) if digits else 1,
                _(
                    "cells {cells} are merged: only the first holds the value, so the rows "
                    "below it would be read as empty or given to the wrong unit; unmerge them "
                    "and fill every cell"
                ).format(cells=where),
                _column_number(first),
            )
            continue
        number_text = element.get("r")
        number = previous + 1 if number_text is None else _row_number(number_text)
        if number is None or number < 1:
            reader.note(
                max(previous, 1),
                _("a row numbered '{number}' (rows are numbered from 1)").format(
                    number=clip(str(number_text))
                ),
            )
            continue
        if number <= previous:
            message = (
                _(
                    "row {number} repeats row {previous} in the file: a repeated row would be "
                    "dropped or mixed up (save the workbook again in a spreadsheet program)"
                )
                if number == previous
                else _(
                    "row {number} comes after row {previous} in the file: rows out of order "
                    "would be dropped or mixed up (save the workbook again in a spreadsheet "
                    "program)"
                )
            )
            reader.note(number, message.format(number=number, previous=previous))
            continue
        if number > limit:
            reader.refuse(
                number,
                _(
                    "the sheet has a row numbered {number}, more than the max_rows limit of "
                    "{limit} (raise it with --limit max_rows=N)"
                ).format(number=format_integer(number), limit=format_integer(limit)),
            )
        previous = number
        for cell in element:
            if _local(cell.tag) == "c":
                _cell(reader, cell, number, strings, dates)
    return previous


def _row_number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None


def audit_workbook(path: Path, sheet: str | None, limits: Limits) -> SheetPlan:
    """Check the workbook at ``path`` and its worksheet ``sheet`` (default: the first).

    Raises:
        XlsxRefused: the workbook is not a readable XLSX file, is too large uncompressed,
            has no worksheets, ``sheet`` is a chart sheet, or the sheet has rows over the
            limit, rows out of order, formulas without values, merged cells, bad shared
            strings, cells too long, or numbers, dates or booleans that cannot be read.
            Each problem names the row and, for a cell, the column.
    """
    reader = _Reader(path, limits)
    try:
        workbook = _workbook_part(reader)
        if workbook not in reader.names:
            reader.refuse(1, _unreadable(_("it has no workbook part")))
        rels = reader.rels(workbook)
        sheets: list[tuple[str, str, str]] = []
        for element in reader.elements(workbook, "sheet"):
            kind, target = rels.get(_attr(element, "id") or "", ("", ""))
            sheets.append((element.get("name", ""), kind, target))
        worksheets = [(name, target) for name, kind, target in sheets if kind == "worksheet"]
        others = [name for name, kind, _ in sheets if kind != "worksheet"]
        if sheet is not None:
            kinds = {name: kind for name, kind, _ in sheets}
            if kinds.get(sheet) == "chartsheet":
                reader.refuse(
                    1, _("sheet '{sheet}' is a chart, not a table of evidence").format(sheet=sheet)
                )
            if sheet in kinds and kinds[sheet] != "worksheet":
                reader.refuse(
                    1,
                    _("sheet '{sheet}' is not a worksheet ({kind})").format(
                        sheet=sheet, kind=kinds[sheet]
                    ),
                )
        if not worksheets:
            message = _("the workbook has no worksheets")
            if others:
                names = ", ".join(f"'{name}'" for name in others)
                message += " " + _("(only {sheets})").format(sheets=names)
            reader.refuse(1, message)
        chosen = worksheets[0]
        if sheet is not None:
            chosen = next((item for item in worksheets if item[0] == sheet), chosen)
            if chosen[0] != sheet:
                return SheetPlan(sheet, 0)  # the reader names the sheets that exist
        parts = dict(rels.values())
        strings = _shared_strings(reader, parts.get("sharedStrings"))
        dates = _date_styles(reader, parts.get("styles"))
        rows = _sheet(reader, chosen[1], strings, dates)
        if reader.problems:
            raise XlsxRefused(reader.problems)
        return SheetPlan(chosen[0], rows)
    finally:
        reader.zip.close()

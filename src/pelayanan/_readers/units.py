"""Reading a units file: the tree of agencies, service units and service products.

Two forms are read:

* CSV with the columns ``id``, ``name``, ``level``, ``parent`` and ``weight`` (only ``id`` is
  required; ``name`` defaults to the id, ``level`` to ``service_product``, ``weight`` to 1);
* YAML or JSON: a list of units (``{id, name, level, parent, weight}``), or a mapping whose
  ``units`` key holds that list (an evidence document, for example).

Every problem is reported at once, with the file and the row (CSV) or the line and JSON
pointer (YAML, JSON).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from pelayanan._documents.checks import Report
from pelayanan._documents.errors import DocumentError, Problem
from pelayanan._documents.loading import load_document
from pelayanan._i18n import format_integer, gettext
from pelayanan._model.convert import ConversionError, from_data
from pelayanan._model.limits import Limits, current_limits, long_cell
from pelayanan._model.units import Unit, UnitTree, unit_findings
from pelayanan._readers.csv_reader import guess_delimiter
from pelayanan._readers.problems import TableProblem

__all__ = ["UNIT_COLUMNS", "Row", "csv_table", "read_units"]

UNIT_COLUMNS = ("id", "name", "level", "parent", "weight")
"""The columns of a units CSV file."""


Row = dict[str, tuple[str, int]]
"""A CSV row: column name -> (cell text, 1-based column number)."""


def csv_table(
    path: Path, columns: Sequence[str], unknown: str | None, problems: list[Problem]
) -> tuple[list[str], list[tuple[int, Row]]]:
    """The header (lower case) and the non-blank rows of a units, targets, history or
    Ombudsman CSV, read by the csv module like every other table; an unknown column is a
    problem in ``problems`` (``unknown`` says so, with ``{name}`` and ``{known}``), or is
    ignored when ``unknown`` is ``None``.

    Only CR and LF end a row (``str.splitlines`` also split on U+0085, U+2028 and other
    characters that may sit inside a name); quoted cells may hold line breaks. The file,
    its rows and cells are bounded by :class:`~pelayanan._model.limits.Limits`.
    """
    source = str(path)
    limits = current_limits()
    size = path.stat().st_size
    if size > limits.max_bytes:
        message = gettext("the file has {size} bytes, more than the limit max_bytes={limit}")
        raise DocumentError(
            [TableProblem.at(source, 1, message.format(size=size, limit=limits.max_bytes))]
        )
    records = _records(path, source, limits)
    if not records:
        raise DocumentError([TableProblem.at(source, 1, gettext("the file is empty"))])
    header = [cell.strip().lower() for cell in records[0]]
    for position, name in enumerate(header, start=1):
        if unknown is not None and name and name not in columns:
            message = unknown.format(name=name, known=", ".join(columns))
            problems.append(TableProblem.at(source, 1, message, column=position))
    rows: list[tuple[int, Row]] = []
    for number, cells in enumerate(records[1:], start=2):
        row = {
            name: (cells[i].strip(), i + 1)
            for i, name in enumerate(header)
            if i < len(cells) and cells[i].strip() and name in columns
        }
        if any(cell.strip() for cell in cells):
            rows.append((number, row))
    return header, rows


def _records(path: Path, source: str, limits: Limits) -> list[list[str]]:
    rows: list[list[str]] = []

    def refused(message: str, column: int | None = None) -> DocumentError:
        return DocumentError([TableProblem.at(source, len(rows) + 1, message, column=column)])

    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            first = file.readline()
            file.seek(0)
            if first.startswith("\ufeff"):
                first = first[1:]
            reader = csv.reader(file, delimiter=guess_delimiter(first))
            for cells in reader:
                if len(rows) >= limits.max_rows:
                    message = gettext("the file has more than {limit} rows (Limits.max_rows)")
                    raise refused(message.format(limit=format_integer(limits.max_rows)))
                for column, cell in enumerate(cells, start=1):
                    if len(cell) > limits.max_cell_chars:
                        raise refused(long_cell(len(cell), limits.max_cell_chars), column)
                rows.append(cells)
    except UnicodeDecodeError:
        raise refused(gettext("save the file as 'CSV UTF-8'")) from None
    except csv.Error as error:
        raise refused(gettext("unreadable CSV: {problem}").format(problem=error)) from None
    return rows


def _csv_units(path: Path) -> UnitTree:
    source = str(path)
    problems: list[Problem] = []
    units: list[tuple[int, Unit]] = []
    unknown = gettext("unknown column '{name}'; a units file has {known}")
    header, rows = csv_table(path, UNIT_COLUMNS, unknown, problems)
    if "id" not in header:
        message = gettext("the header has no '{column}' column").format(column="id")
        problems.append(TableProblem.at(source, 1, message))
        raise DocumentError(problems)
    for number, row in rows:
        values = {name: text for name, (text, _) in row.items()}
        unit_id = values.get("id")
        if unit_id is None:
            problems.append(
                TableProblem.at(source, number, gettext("the id is empty"), header="id")
            )
            continue
        given = {name: values[name] for name in ("level", "parent", "weight") if name in values}
        try:
            unit = Unit(unit_id, values.get("name", unit_id), **given)  # else the model's defaults
        except ValueError as error:
            problems.append(TableProblem.at(source, number, str(error)))
            continue
        units.append((number, unit))
    # The tree's rules (ids used once, parents in the file, no cycle, depth) are the model's:
    # its findings point into the list of units, placed here at their row and column.
    found = unit_findings([unit for _, unit in units])
    for finding in sorted(found, key=lambda finding: _place(finding.pointer)):
        index, field = _place(finding.pointer)
        see = None if finding.see is None else units[_place(finding.see)[0]][0]
        where = None if see is None else gettext("row {row}").format(row=see)
        problems.append(
            TableProblem.at(
                source,
                units[index][0],
                finding.text(where),
                column=header.index(field) + 1 if field in header else None,
                header=field if field in header else None,
            )
        )
    if problems:
        raise DocumentError(problems)
    return UnitTree(unit for _, unit in units)


def _place(pointer: str) -> tuple[int, str]:
    """``/3/parent`` -> ``(3, "parent")``: the unit's index in the list and its field."""
    _, index, *field = pointer.split("/")
    return int(index), "/".join(field)


def _document_units(path: Path) -> UnitTree:
    document = load_document(str(path))
    data = document.data
    base = ""
    if isinstance(data, dict):
        if "units" not in data:
            raise DocumentError(
                [
                    document.problem(
                        "", gettext("expected a list of units, or a mapping with 'units'")
                    )
                ]
            )
        data, base = data["units"], "/units"
    try:
        return from_data(UnitTree, data)
    except ConversionError as error:
        report = Report(document)  # every finding, each place it refers to with its line
        report.place(error.findings, base, rules_only=False)
        raise DocumentError(report.problems) from None


def read_units(path: str | Path) -> UnitTree:
    """The unit tree in ``path`` (``.csv``, ``.yaml``, ``.yml`` or ``.json``).

    Raises:
        DocumentError: every problem found, with file and row or line.
        FileNotFoundError: ``path`` does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(gettext("no such units file: {file}").format(file=path))
    if path.suffix.lower() in (".csv", ".tsv"):
        return _csv_units(path)
    return _document_units(path)

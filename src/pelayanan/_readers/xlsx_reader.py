"""The built-in XLSX evidence reader (needs the optional ``openpyxl`` package).

Install it with ``pip install 'pelayanan[xlsx]'``. Workbooks are opened read-only, so rows
are streamed from the file rather than loaded at once. Before openpyxl reads a value, the
workbook's structure is checked (:mod:`pelayanan._readers.xlsx_audit`): its size, rows, cells,
formulas, merged cells, shared strings, numbers and dates, each bounded by the limits in force
and reported with its row and column.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pelayanan._i18n import N_, gettext
from pelayanan._i18n import gettext as _
from pelayanan._model.limits import current_limits
from pelayanan._readers.problems import ProblemLog, TableProblem
from pelayanan._readers.stream import (
    TABLE_OPTIONS,
    ReaderUnavailableError,
    ReadOptions,
    TableReader,
)
from pelayanan._readers.table import Cell
from pelayanan._readers.xlsx_audit import XlsxRefused, audit_workbook, clip

__all__ = ["XlsxReader", "load_openpyxl"]

_EVERY = 4096

MISSING_OPENPYXL = N_(
    "reading .xlsx files needs the optional package openpyxl; install it with "
    "pip install 'pelayanan[xlsx]' (or pip install openpyxl), or save the sheet as CSV UTF-8"
)


def load_openpyxl() -> Any:
    """The ``openpyxl`` module.

    Raises:
        ReaderUnavailableError: it is not installed; the message says how to install it.
    """
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise ReaderUnavailableError(gettext(MISSING_OPENPYXL)) from None


def _rows(path: Path, options: ReadOptions, log: ProblemLog) -> Iterator[tuple[int, list[Cell]]]:
    openpyxl = load_openpyxl()
    source = str(path)
    try:
        audit_workbook(path, options.sheet, current_limits())
    except XlsxRefused as refused:
        for problem in refused.problems:
            log.add(problem)
        return
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        message = _("not a readable XLSX workbook: {reason}").format(reason=clip(str(error), 200))
        log.add(TableProblem.at(source, 1, message, fatal=True))
        return
    try:
        if options.sheet is None:
            sheet = workbook.worksheets[0]
        elif options.sheet in workbook.sheetnames:
            sheet = workbook[options.sheet]
        else:
            names = ", ".join(repr(name) for name in workbook.sheetnames)
            log.add(
                TableProblem.at(
                    source,
                    1,
                    _("no sheet '{sheet}'; the sheets are {names}").format(
                        sheet=options.sheet, names=names
                    ),
                    fatal=True,
                )
            )
            return
        total = int(sheet.max_row or 0)
        progress = options.progress
        number = 0
        rows = sheet.iter_rows(values_only=True)
        while True:
            try:
                cells = next(rows, None)
            except Exception as error:  # a value openpyxl cannot convert (checked above)
                message = _("a cell that cannot be read: {reason}").format(reason=clip(str(error)))
                log.add(TableProblem.at(source, number + 1, message, fatal=True))
                return
            if cells is None:
                break
            number += 1
            yield number, list(cells)
            if progress is not None and number % _EVERY == 0:
                progress(number, max(total, number))
        if progress is not None:
            progress(total, total)
    finally:
        workbook.close()


class XlsxReader(TableReader):
    """Reads ``.xlsx`` workbooks (one sheet) in the long or the survey layout.

    The layouts and the options are those of the CSV reader, plus ``sheet`` (default: the
    first sheet). Numbers, dates and booleans are read as typed in the sheet.
    """

    name = "xlsx"
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")
    options: tuple[str, ...] = (
        *TABLE_OPTIONS,
        "sheet",
        "header_row",
        "ignore_columns",
        "profile_columns",
    )
    rows = staticmethod(_rows)

    def settle(self, path: Path, options: ReadOptions) -> ReadOptions:
        """The options as given, once openpyxl is found (else ReaderUnavailableError)."""
        load_openpyxl()
        return options

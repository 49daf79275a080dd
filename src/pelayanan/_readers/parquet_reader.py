"""The built-in Parquet evidence reader (needs pyarrow: ``pip install 'pelayanan[duckdb]'``).

A Parquet file is a table: its column names are the header (row 1) and its rows are rows
2, 3, ... as a spreadsheet would number them, so problems are reported as for a CSV file.
Typed cells (integers, decimals, booleans, dates) are read like the cells of a workbook.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pelayanan._i18n import format_integer
from pelayanan._i18n import gettext as _
from pelayanan._model.limits import current_limits, long_cell
from pelayanan._readers.problems import ProblemLog, TableProblem
from pelayanan._readers.stream import (
    TABLE_OPTIONS,
    ReaderUnavailableError,
    ReadOptions,
    TableReader,
)
from pelayanan._readers.table import Cell

__all__ = ["ParquetReader", "parquet_rows"]

_BATCH = 65_536


def load_pyarrow_parquet() -> Any:
    """``pyarrow.parquet``, or a :class:`ReaderUnavailableError` saying how to install it."""
    try:
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ReaderUnavailableError(
            "reading Parquet needs pyarrow: pip install 'pelayanan[duckdb]'"
        ) from None
    return pq


def parquet_rows(
    path: Path, options: ReadOptions, log: ProblemLog
) -> Iterator[tuple[int, list[Cell]]]:
    """``(row number, cells)`` of a Parquet file: the column names first, as row 1."""
    pq = load_pyarrow_parquet()
    try:
        handle = pq.ParquetFile(str(path))
    except Exception as error:  # pyarrow raises its own ArrowInvalid, OSError, ...
        log.add(TableProblem.at(str(path), 1, f"unreadable Parquet file: {error}", fatal=True))
        return
    limits = current_limits()
    largest = max(
        (handle.metadata.row_group(g).total_byte_size for g in range(handle.num_row_groups)),
        default=0,
    )
    if largest > limits.max_xlsx_bytes:
        # a row group is read whole: its uncompressed size is what reading it costs
        message = _(
            "a row group of {size} bytes uncompressed, "
            "more than the max_xlsx_bytes limit of {limit}"
        ).format(size=format_integer(largest), limit=format_integer(limits.max_xlsx_bytes))
        log.add(TableProblem.at(str(path), 1, message, fatal=True))
        return
    names: list[Cell] = list(handle.schema_arrow.names)
    yield 1, names
    number = 1
    for batch in handle.iter_batches(batch_size=_BATCH):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        if not _cells_fit(batch, columns, number, str(path), names, log, limits.max_cell_chars):
            return
        for cells in zip(*columns, strict=True):
            number += 1
            yield number, list(cells)
    if options.progress is not None:
        size = path.stat().st_size
        options.progress(size, size)


def _cells_fit(
    batch: Any,
    columns: list[list[Any]],
    before: int,
    source: str,
    names: list[Cell],
    log: ProblemLog,
    limit: int,
) -> bool:
    """Whether every text cell of ``batch`` is within ``max_cell_chars``; the first one that
    is not is reported with its row and column, and the file is refused (as for a workbook)."""
    for index in range(batch.num_columns):
        kind = str(batch.schema.field(index).type)
        if kind not in {"string", "large_string", "binary", "large_binary"}:
            continue
        for offset, cell in enumerate(columns[index]):
            if cell is not None and len(cell) > limit:
                message = long_cell(len(cell), limit)
                row = before + offset + 1
                header = str(names[index])
                log.add(
                    TableProblem.at(
                        source, row, message, column=index + 1, header=header, fatal=True
                    )
                )
                return False
    return True


class ParquetReader(TableReader):
    """Reads ``.parquet`` files in the long or the survey layout (guessed from the header)."""

    name = "parquet"
    suffixes: tuple[str, ...] = (".parquet",)
    options: tuple[str, ...] = (*TABLE_OPTIONS,)
    rows = staticmethod(parquet_rows)

"""Fuzz the table readers: CSV in the long and survey layouts, units CSV, XLSX workbooks
written by openpyxl and Parquet files written by pyarrow, with hostile cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelayanan._documents import DocumentError
from pelayanan._readers import CsvReader, ParquetReader, XlsxReader, read_units
from pelayanan.plugins import get_registry

from ._inputs import CELLS
from ._law import LONG, SHORT, obey

LONG_RUBRIC = get_registry().get_rubric("standar-pelayanan-2009")
SURVEY_RUBRIC = get_registry().get_rubric("skm-2017")
LONG_HEADERS = ["unit", "indicator", "value", "not_applicable", "kind", "collected_at", "note"]
SURVEY_HEADERS = ["unit", "respondent", "persyaratan", "prosedur", "waktu", "biaya", "x"]
UNIT_HEADERS = ["id", "name", "level", "parent", "weight"]


@st.composite
def tables(draw: st.DrawFn, headers: list[str]) -> list[list[Any]]:
    """A header (some columns dropped, doubled or garbled) and up to 12 rows of cells."""
    header = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=len(headers) + 1))
    if draw(st.booleans()):
        header.append(draw(CELLS))
    width = len(header)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), min_size=0, max_size=12))
    return [header, *rows]


def _csv_text(table: list[list[Any]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    return out.getvalue()


def _drain(reader: Any, path: Path, **options: Any) -> int:
    return sum(1 for _ in reader.read(path, **options))


def _check_csv(table: list[list[Any]], delimiter: str, layout: str, raw: bytes | None) -> None:
    rubric = LONG_RUBRIC if layout == "long" else SURVEY_RUBRIC
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.csv"
        data = raw if raw is not None else _csv_text(table, delimiter).encode("utf-8")
        path.write_bytes(data)
        obey(
            f"csv:{layout}",
            len(data),
            lambda: _drain(CsvReader(), path, rubric=rubric, layout=layout),
            (DocumentError,),
        )


def _check_units(table: list[list[Any]], delimiter: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "units.csv"
        data = _csv_text(table, delimiter).encode("utf-8")
        path.write_bytes(data)
        obey("csv:units", len(data), lambda: read_units(path), (DocumentError,))


XLSX_CELLS: st.SearchStrategy[Any] = st.one_of(
    CELLS.map(lambda text: text[:1000]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["=1+1", "=A1", "=1/0", "=SUM(A1:A3)"]),
)


def _check_xlsx(table: list[list[Any]], layout: str) -> None:
    from openpyxl import Workbook

    rubric = LONG_RUBRIC if layout == "long" else SURVEY_RUBRIC
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in table:
        sheet.append([_xlsx_safe(cell) for cell in row])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.xlsx"
        book.save(path)
        size = path.stat().st_size
        obey(
            f"xlsx:{layout}",
            size,
            lambda: _drain(XlsxReader(), path, rubric=rubric, layout=layout),
            (DocumentError,),
        )


def _xlsx_safe(cell: Any) -> Any:
    """openpyxl refuses control characters in strings; such cells are written without them."""
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch in "\t\n\r" or ord(ch) >= 32)
    return cell


def _xlsx_tables(headers: list[str]) -> st.SearchStrategy[list[list[Any]]]:
    row = st.lists(XLSX_CELLS, max_size=len(headers) + 1)
    return st.tuples(
        st.lists(st.sampled_from(headers), min_size=1, max_size=len(headers)),
        st.lists(row, max_size=8),
    ).map(lambda pair: [pair[0], *pair[1]])


# One type per Parquet column (a column is typed), nulls anywhere.
PARQUET_KINDS: dict[str, st.SearchStrategy[Any]] = {
    "text": CELLS.map(lambda text: text[:1000]),
    "int": st.integers(-(2**63), 2**63 - 1),
    "float": st.floats(allow_nan=True, allow_infinity=True),
    "bool": st.booleans(),
    "date": st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    "decimal": st.decimals(-(10**12), 10**12, places=4, allow_nan=False),
}


@st.composite
def parquet_tables(draw: st.DrawFn, headers: list[str]) -> tuple[list[str], list[list[Any]]]:
    """Column names (some dropped, doubled or unknown) and typed columns of up to 8 rows."""
    names = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=len(headers) + 1))
    if draw(st.booleans()):
        names.append(draw(CELLS.map(lambda text: text[:50])))
    length = draw(st.integers(0, 8))
    columns = []
    for _ in names:
        values = st.one_of(st.none(), PARQUET_KINDS[draw(st.sampled_from(sorted(PARQUET_KINDS)))])
        columns.append(draw(st.lists(values, min_size=length, max_size=length)))
    return names, columns


def _check_parquet(
    names: list[str], columns: list[list[Any]], layout: str, raw: bytes | None
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rubric = LONG_RUBRIC if layout == "long" else SURVEY_RUBRIC
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.parquet"
        if raw is None:
            arrays = [pa.array(column) for column in columns]
            pq.write_table(pa.Table.from_arrays(arrays, names=names), path)
        else:
            path.write_bytes(raw)
        obey(
            f"parquet:{layout}",
            path.stat().st_size,
            lambda: _drain(ParquetReader(), path, rubric=rubric, layout=layout),
            (DocumentError,),
        )


def _one_parquet(data: st.DataObject) -> None:
    pytest.importorskip("pyarrow")
    layout = data.draw(LAYOUTS)
    names, columns = data.draw(parquet_tables(LONG_HEADERS if layout == "long" else SURVEY_HEADERS))
    raw = data.draw(RAW.filter(bool)) if data.draw(st.integers(0, 9)) == 0 else None
    _check_parquet(names, columns, layout, raw)


DELIMITERS = st.sampled_from([",", ";", "\t"])
LAYOUTS = st.sampled_from(["long", "survey"])
RAW = st.one_of(st.none(), st.binary(max_size=200), st.sampled_from([b"\xff\xfe", b"\x00" * 9]))


def _one_csv(data: st.DataObject) -> None:
    layout = data.draw(LAYOUTS)
    table = data.draw(tables(LONG_HEADERS if layout == "long" else SURVEY_HEADERS))
    raw = data.draw(RAW) if data.draw(st.integers(0, 9)) == 0 else None
    _check_csv(table, data.draw(DELIMITERS), layout, raw)


def _one_xlsx(data: st.DataObject) -> None:
    layout = data.draw(LAYOUTS)
    headers = LONG_HEADERS if layout == "long" else SURVEY_HEADERS
    _check_xlsx(data.draw(_xlsx_tables(headers)), layout)


@given(data=st.data())
@SHORT
def test_csv_short(data: st.DataObject) -> None:
    _one_csv(data)


@given(table=tables(UNIT_HEADERS), delimiter=DELIMITERS)
@SHORT
def test_units_short(table: list[list[Any]], delimiter: str) -> None:
    _check_units(table, delimiter)


@given(data=st.data())
@SHORT
def test_xlsx_short(data: st.DataObject) -> None:
    _one_xlsx(data)


@given(data=st.data())
@SHORT
def test_parquet_short(data: st.DataObject) -> None:
    _one_parquet(data)


@pytest.mark.fuzz_long
@given(data=st.data())
@LONG
def test_csv_long(data: st.DataObject) -> None:
    _one_csv(data)


@pytest.mark.fuzz_long
@given(table=tables(UNIT_HEADERS), delimiter=DELIMITERS)
@LONG
def test_units_long(table: list[list[Any]], delimiter: str) -> None:
    _check_units(table, delimiter)


@pytest.mark.fuzz_long
@given(data=st.data())
@LONG
def test_xlsx_long(data: st.DataObject) -> None:
    _one_xlsx(data)


@pytest.mark.fuzz_long
@given(data=st.data())
@LONG
def test_parquet_long(data: st.DataObject) -> None:
    _one_parquet(data)

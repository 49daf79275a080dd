"""XLSX evidence in both layouts (openpyxl is an optional extra), and the message without it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ._helpers import COMPONENTS, SKM_COLUMNS, Runner

openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, rows: list[list[object]], sheet: str = "Bukti") -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Catatan"
    book.active.append(["this sheet is not evidence"])
    data = book.create_sheet(sheet, 0)
    for row in rows:
        data.append(row)
    book.save(path)
    return path


def test_long_layout_with_typed_cells(run: Runner, tmp_path: Path) -> None:
    # Booleans, a date and numbers arrive typed from the sheet; 11 of 14 components met:
    # 100 x 11 / 14 = 78.5714... -> 78.57.
    rows: list[list[object]] = [["unit", "indicator", "value", "collected_at"]]
    for index, component in enumerate(COMPONENTS):
        rows.append(["ktp", component, index < 11, dt.datetime(2024, 3, 1)])
    path = _workbook(tmp_path / "bukti.xlsx", rows)
    result = run(
        "score", "--rubric", "standar-pelayanan-2009", "--evidence", path, "--format", "csv"
    )
    assert result.code == 0, result.err
    assert ",78.57," in result.out


def test_survey_layout_matches_the_csv_result(run: Runner, tmp_path: Path) -> None:
    # Same numbers as test_skm: NRRs sum to 32, so 0.11 gives 25 x 0.11 x 32 = 88.00.
    rows: list[list[object]] = [["respondent", *(f"U{i}" for i in range(1, 10))]]
    rows += [
        [1, 4, 4, 4, 4, 4, 4, 4, 4, 3],
        [2, 4, 4, 4, 4, 3, 3, 3, 3, 3],
        [3, 3, 3, 3, 3, 4, 4, 4, 4, 3],
        [4, 3, 3, 3, 3, 4, 4, 4, 4, 3],
        [5, None, None, None, None, None, None, None, None, 3],
    ]
    path = _workbook(tmp_path / "survei.xlsx", rows, sheet="Jawaban")
    result = run(
        "score",
        "--rubric",
        "skm-2017",
        "--param",
        "weight=0.11",
        "--evidence",
        path,
        "--columns",
        SKM_COLUMNS,
        "--sheet",
        "Jawaban",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    card = json.loads(result.out)["cards"][0]
    assert card["published"] == "88.00"
    assert card["unit"]["id"] == "survei"


@pytest.mark.usefixtures("english")
def test_bad_cells_name_row_and_column_letter(run: Runner, tmp_path: Path) -> None:
    rows: list[list[object]] = [["unit", "indicator", "value"], ["ktp", "persyaratan", 7]]
    path = _workbook(tmp_path / "bukti.xlsx", rows)
    result = run("score", "--rubric", "standar-pelayanan-2009", "--evidence", path)
    assert result.code == 1
    assert "bukti.xlsx: row 2, column C (value): expected true/false" in result.err


def test_unknown_sheet(run: Runner, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bukti.xlsx", [["unit", "indicator", "value"]])
    result = run(
        "score", "--rubric", "standar-pelayanan-2009", "--evidence", path, "--sheet", "Nope"
    )
    assert result.code == 1
    assert "tidak ada lembar 'Nope'; lembar yang ada: 'Bukti', 'Catatan'" in result.err

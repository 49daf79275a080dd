"""Hostile Parquet evidence: every cell and the size read at once are bounded, as for XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

RUBRIC = ("--rubric", "standar-pelayanan-2009")


def _file(path: Path, values: list[str]) -> Path:
    table = pa.table(
        {
            "unit": ["ktp"] * len(values),
            "indicator": ["persyaratan"] * len(values),
            "value": values,
        }
    )
    pq.write_table(table, path)
    return path


def _score(path: Path, *before: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = [*before, "score", *RUBRIC, "--evidence", str(path), "--missing", "zero"]
    code = main([*argv, "--format", "csv"], Console(out, err))
    return code, out.getvalue(), err.getvalue()


def test_a_well_formed_file_is_read(tmp_path: Path) -> None:
    # one answered component out of 14, missing zero: 100 x 1/14 = 7.142... -> 7.14
    code, out, err = _score(_file(tmp_path / "ok.parquet", ["ya"]))
    assert code == 0, err
    assert ",7.14," in out


def test_long_cell_is_refused_with_its_place_and_not_echoed(tmp_path: Path) -> None:
    # row 3 is the second data row (the column names are row 1); column C is "value"
    path = _file(tmp_path / "l.parquet", ["ya", "x" * 40_000])
    code, out, err = _score(path)
    assert code == 1
    assert out == ""
    assert (
        "baris 3, kolom C (value): sel berisi 40.000 karakter, melebihi batas max_cell_chars" in err
    )
    assert "xxxxxxxxxx" not in err


def test_the_cell_limit_follows_the_setting(tmp_path: Path) -> None:
    # each batch is checked column by column: column B ("persyaratan", 11) is found first
    path = _file(tmp_path / "s.parquet", ["ya", "tidak"])
    code, _, err = _score(path, "--limit", "max_cell_chars=3")
    assert code == 1
    assert "baris 2, kolom B (indicator): sel berisi 11 karakter" in err


def test_a_row_group_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # 2,000 rows of "ya" are more than 100 bytes uncompressed in their one row group
    path = _file(tmp_path / "g.parquet", ["ya"] * 2_000)
    code, out, err = _score(path, "--limit", "max_xlsx_bytes=100")
    assert code == 1
    assert out == ""
    assert "baris 1:" in err
    assert "melebihi batas max_xlsx_bytes sebesar 100" in err


def test_a_long_bad_csv_cell_is_not_echoed_whole(tmp_path: Path) -> None:
    # 40,000 characters where a yes/no is expected: the message quotes the start only
    path = tmp_path / "long.csv"
    path.write_text("unit,indicator,value\nktp,persyaratan," + "x" * 40_000 + "\n")
    code, out, err = _score(path)
    assert code == 1
    assert out == ""
    assert "baris 2, kolom C (value):" in err
    assert "karakter)" in err  # the cut message says how long it was (in Indonesian)
    assert max(len(line) for line in err.splitlines()) < 600


@pytest.mark.parametrize("number", [float("inf"), float("nan")])
def test_a_survey_answer_that_is_no_finite_number_is_a_problem(
    tmp_path: Path, number: float
) -> None:
    # A typed survey cell (row 2, column B) went to the number parser outside the reader's
    # check and escaped as a traceback; now it is a problem at its place.
    path = tmp_path / "survei.parquet"
    pq.write_table(pa.table({"unit": ["ktp"], "persyaratan": [number]}), path)
    out, err = io.StringIO(), io.StringIO()
    code = main(["score", "--rubric", "skm-2017", "--evidence", str(path)], Console(out, err))
    assert code == 1
    assert "baris 2, kolom B (persyaratan): " in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_every_table_reader_refuses_a_long_cell_in_the_same_words(tmp_path: Path) -> None:
    # A units file (the bounded CSV table reader) and Parquet evidence: one limit, one
    # message (issue 10); both at their row and column.
    from pelayanan import DocumentError, use_limits
    from pelayanan._model.limits import Limits
    from pelayanan._readers import read_units

    words = "sel berisi 11 karakter, melebihi batas max_cell_chars sebesar 10"
    units = tmp_path / "units.csv"
    units.write_text("id,name,level,parent\nkota,Persyaratan,agency,\n", "utf-8")
    with use_limits(Limits(max_cell_chars=10)), pytest.raises(DocumentError) as caught:
        read_units(units)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 2)
    assert problem.message == words
    code, _, err = _score(_file(tmp_path / "s.parquet", ["ya"]), "--limit", "max_cell_chars=10")
    assert code == 1
    assert f"baris 2, kolom B (indicator): {words}" in err

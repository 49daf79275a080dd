"""Issue 9, item 10: the units CSV is read with the csv module, so only CR and LF end rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelayanan import Limits, use_limits
from pelayanan._documents import DocumentError
from pelayanan._readers import read_units


@pytest.mark.parametrize("separator", ["\u0085", "\u2028", "\u2029", "\x1c", "\x0b", "\x0c"])
def test_line_separators_inside_a_name_stay_in_the_name(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "id,name,level,parent\n"
        "kota,Kota Contoh,agency,\n"
        f"ktp,Penerbitan{separator}KTP-el,service_product,kota\n"
        "kk,Kartu Keluarga,service_product,kota\n",
        encoding="utf-8",
    )
    tree = read_units(path)
    assert [unit.id for unit in tree] == ["kota", "ktp", "kk"]
    assert tree["ktp"].name == f"Penerbitan{separator}KTP-el"
    assert tree["ktp"].parent == "kota"


def test_quoted_line_breaks_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(b'\xef\xbb\xbfid;name;parent\r\nkota;"Kota\r\nContoh";\r\nktp;KTP;kota\r\n')
    tree = read_units(path)
    assert [(unit.id, unit.name) for unit in tree] == [("kota", "Kota\r\nContoh"), ("ktp", "KTP")]


@pytest.mark.usefixtures("english")
def test_rows_and_cells_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("id,name\n" + "".join(f"u{i},U\n" for i in range(20)), encoding="utf-8")
    with use_limits(Limits(max_rows=10)), pytest.raises(DocumentError) as caught:
        read_units(path)
    assert "more than 10 rows (Limits.max_rows)" in str(caught.value)
    path.write_text("id,name\nu," + "x" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_units(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 2)
    assert "40,000 characters" in problem.message
    assert "x" * 100 not in str(caught.value)  # the cell is not echoed

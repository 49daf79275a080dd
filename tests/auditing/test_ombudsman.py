"""Ombudsman lists: each printed zone (and 2022-24 category) against the table of its year and
level, chosen by the one year-to-scheme mapping (Registry.scheme_for_year)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelayanan._auditing import audit_ombudsman
from pelayanan._readers.problems import BadRowsError

from ._helpers import run, run_json

# A fictional list, one row per method, with levels mixed. Tables (reference section 2.1):
# 2015 regional governments 0-110: hijau 89-110, kuning 56-88; 2015 ministries: hijau 81-100;
# 2016-2019: kuning 51-80, hijau 81-100 (80.50 and 80.99 are kuning); 2021: hijau from 81.00;
# 2022-2024: A 88.00-, B 78.00-87.99 (hijau), C 54.00-77.99 (kuning), D 32.00-53.99 (merah).
LIST = """unit,year,level,score,zone,category
Kabupaten Contoh,2015,kabupaten,88.00,kuning,
Kementerian Contoh,2015,kementerian,88.00,hijau,
Kota Contoh,2016,,50.99,merah,
Kota Contoh,2019,,80.50,kuning,
Kota Contoh,2021,,81.00,hijau,
Kota Contoh,2018,,81.00,kuning,
Kota Contoh,2022,,78.00,hijau,B
Kota Contoh,2023,,53.99,merah,D
Kota Contoh,2024,,77.99,hijau,C
Kota Contoh,2024,,88.00,hijau,A
"""
# Deliberately wrong: row 7 (2018, 81.00 is hijau under 81-100, printed kuning) and row 10
# (2024, 77.99 is C, whose zone is kuning, printed hijau). Row 2 and row 3 show the level
# matters: 88.00 is kuning on the 2015 regional scale (hijau from 89) and hijau for a ministry.


def test_exactly_the_two_wrong_rows_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(LIST)
    listing = audit_ombudsman(path)
    assert len(listing.rows) == 10
    assert [(row.row, row.expected_zone) for row in listing.disagreeing] == [
        (7, "hijau"),
        (10, "kuning"),
    ]
    schemes = [row.scheme.split("@")[0] for row in listing.rows]
    assert schemes[:2] == ["ombudsman-2015-pemda", "ombudsman-2015-kementerian"]
    assert schemes[2:6] == ["ombudsman-2016", "ombudsman-2016", "ombudsman-2021", "ombudsman-2016"]
    assert listing.exit_code == 3


@pytest.mark.usefixtures("english")
def test_the_command_prints_a_summary_and_each_disagreeing_row(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(LIST)
    code, out, _ = run("audit", "--ombudsman", path)
    assert code == 3
    lines = out.splitlines()
    assert lines[0].endswith("10 rows, 8 agree, 2 disagree (inconsistent)")
    assert lines[1].startswith("  row 7: Kota Contoh 2018 (ombudsman-2016@2016), score 81.00")
    assert lines[1].endswith("zone kuning, but 81.00 gives hijau")
    assert lines[2].endswith("zone hijau, but 77.99 gives kuning")
    assert len(lines) == 3


def test_json_names_the_counts_and_the_zone_each_score_gives(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(LIST)
    code, data = run_json("audit", "--ombudsman", path)
    assert code == 3
    assert (data["rows"], data["agree"], data["disagree"]) == (10, 8, 2)
    assert [(r["row"], r["zone"], r["expected_zone"]) for r in data["disagreeing"]] == [
        (7, "kuning", "hijau"),
        (10, "hijau", "kuning"),
    ]


def test_a_wrong_category_is_flagged_even_when_the_zone_agrees(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    # 87.99 is B (78.00-87.99), hijau: the zone agrees, the printed A does not.
    path.write_text("unit;year;score;zone;category\nKota Contoh;2023;87,99;hijau;A\n")
    listing = audit_ombudsman(path)
    (row,) = listing.disagreeing
    assert row.zone_agrees
    assert row.expected_category == "B"


def test_an_agreeing_list_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text("unit,year,score,zone\nKota Contoh,2017,80.99,kuning\n")
    assert run("audit", "--ombudsman", path)[0] == 0


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("Kota Contoh,2020,,70,kuning", "year", "no ombudsman method is known for 2020"),
        ("Kota Contoh,2025,,70,kuning", "year", "known years: 2015"),
        ("Kota Contoh,2015,,70,kuning", "level", "give the level"),
        ("Kota Contoh,2017,,tujuh,kuning", "score", "expected a score"),
        ("Kota Contoh,2017,,70,biru", "zone", "expected one of the zones merah, kuning, hijau"),
        ("Kota Contoh,2017,,170,hijau", "score", "outside the scale"),
        ("Kota Contoh,2017,,70,kuning,B", "category", "has zones only"),
        ("Kota Contoh,2023,,70,kuning,F", "category", "expected one of the categories"),
    ],
)
@pytest.mark.usefixtures("english")
def test_invalid_rows_are_reported_by_row_and_column(
    tmp_path: Path, row: str, column: str, message: str
) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(f"unit,year,level,score,zone,category\n{row}\n")
    with pytest.raises(BadRowsError) as caught:
        audit_ombudsman(path)
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert f"({column})" in str(problem)
    assert message in problem.message
    code, _, err = run("audit", "--ombudsman", path)
    assert code == 1
    assert "row 2" in err


@pytest.mark.usefixtures("english")
def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text("unit,year,score\nKota Contoh,2017,70\n")
    code, _, err = run("audit", "--ombudsman", path)
    assert code == 1
    assert "the header lacks 'zone'" in err

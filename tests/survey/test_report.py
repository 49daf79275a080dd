"""``pelayanan survey``: the regulation's report from a raw export, in every format.

The export is the realistic one of :mod:`._exports` (eight fictional respondents, three
unanswered cells). Its NRRs by hand (total / respondents who answered):

    U1 persyaratan 4+3+4+3+4+3+2+4 = 27 / 8 = 3.375
    U2 prosedur    4+3+3+2+4+3+2+3 = 24 / 8 = 3.000
    U3 waktu       3+3+.+2+4+2+1+3 = 18 / 7 = 2.571
    U4 biaya       4+4+4+4+4+4+3+4 = 31 / 8 = 3.875
    U5 produk      4+3+4+3+4+3+2+4 = 27 / 8 = 3.375
    U6 kompetensi  3+3+4+3+4+4+3+3 = 27 / 8 = 3.375
    U7 perilaku    4+4+4+3+4+4+3+3 = 29 / 8 = 3.625
    U8 pengaduan   3+2+3+.+4+3+1+3 = 19 / 7 = 2.714
    U9 sarana      3+3+4+2+4+3+2+. = 21 / 7 = 3.000
Sum = (27+24+31+27+27+29)/8 + (18+19+21)/7 = 165/8 + 58/7 = (1155 + 464)/56 = 1619/56.
IKM = 1619/504 = 3.212 (1-4); converted 25 x 1619/504 = 40475/504 = 80.307... -> 80.31,
mutu B (Baik). Lowest three: waktu 2.571, pengaduan 2.714, then prosedur and sarana tie at
3.000 (rubric order: prosedur).
"""

from __future__ import annotations

import json
import os
import struct
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reports.chromium import browser as browser  # the fixture
from reports.chromium import open_page as _open

from ._exports import numeric_csv, raw_export, run_cli

PREVIOUS = [(("L", "30", "S1", "PNS", "KTP-el"), (3,) * 9)] * 2
"""The previous period: two respondents answering 3 everywhere (NRR 3, index 75.00)."""


def _survey(tmp_path: Path, output: str, *extra: str) -> tuple[int, str, str]:
    raw = raw_export(tmp_path / "skm-dinas-contoh.csv")
    return run_cli(
        "survey",
        "--rubric",
        "skm-2017",
        "--evidence",
        raw,
        "--header-row",
        "2",
        "--period",
        "2024 semester I",
        "--min-segment",
        "3",
        "--population",
        "1000",
        "--output",
        tmp_path / output,
        *extra,
    )


def _json(tmp_path: Path, *extra: str) -> dict[str, Any]:
    code, _, err = _survey(tmp_path, "skm.json", *extra)
    assert code == 0, err
    data: dict[str, Any] = json.loads((tmp_path / "skm.json").read_text(encoding="utf-8"))
    return data


def test_the_report_numbers_by_hand(tmp_path: Path) -> None:
    data = _json(tmp_path)
    assert data["respondents"] == 8
    nrr = {e["id"]: e["nrr"] for e in data["elements"]}
    assert nrr["waktu"] == {"exact": "18/7", "shown": "2.571"}
    assert nrr["persyaratan"] == {"exact": "3.375", "shown": "3.375"}  # 27/8, terminating
    assert nrr["pengaduan"] == {"exact": "19/7", "shown": "2.714"}
    answered = {e["id"]: e["answered"] for e in data["elements"]}
    assert answered["waktu"] == answered["pengaduan"] == answered["sarana"] == 7
    assert data["overall"]["index"] == {"exact": "1619/504", "shown": "3.212"}
    assert data["overall"]["converted"] == {"exact": "40475/504", "shown": "80.31"}
    assert data["overall"]["mutu"] == "B"
    assert data["overall"]["kinerja"] == "Baik"
    assert [row["id"] for row in data["lowest"]] == ["waktu", "pengaduan", "prosedur"]
    assert all(row["action"] == row["owner"] == row["deadline"] == "" for row in data["lowest"])
    assert data["sample"] == {
        "population": 1000,
        "required": 278,
        "received": 8,
        "short": 270,
        "method": "Krejcie-Morgan (X^2 = 3.841, P = 0.5, d = 0.05), rounded up",
    }
    gender = next(t for t in data["profile"] if t["attribute"] == "jenis_kelamin")
    assert {r["value"]: r["count"] for r in gender["rows"]} == {"L": 4, "P": 4}
    assert gender["rows"][0]["share"]["shown"] == "50.00"
    # KTP-el: rows 1, 2, 6 of the export; 3 respondents, not fewer than --min-segment 3
    segments = {row["value"]: row for row in data["segments"]["rows"]}
    assert segments["KTP-el"]["respondents"] == 3
    assert not segments["KTP-el"]["too_few"]
    assert segments["Akta Kelahiran"]["too_few"]  # 2 respondents
    assert len(data["per_respondent"]) == 8
    assert data["per_respondent"][2]["answers"]["waktu"] is None
    assert any("ada pertanyaan yang tidak dijawab" in w for w in data["warnings"])


def test_the_same_answers_as_clean_numbers_report_the_same(tmp_path: Path) -> None:
    raw = _json(tmp_path)
    clean = numeric_csv(tmp_path / "clean.csv")
    code, out, err = run_cli(
        "survey", "--rubric", "skm-2017", "--evidence", clean, "--format", "json"
    )
    assert code == 0, err
    numeric = json.loads(out)
    for key in ("respondents", "overall", "elements", "lowest"):
        assert numeric[key] == raw[key], key


def test_ikm_2004_report(tmp_path: Path) -> None:
    path = tmp_path / "ikm.csv"
    header = ",".join(f"U{i}" for i in range(1, 15))
    path.write_text(f"{header}\n{','.join('4' * 14)}\n{','.join('c' * 14)}\n", encoding="utf-8")
    code, out, err = run_cli("survey", "--rubric", "ikm-2004", "--evidence", path)
    assert code == 0, err
    data = json.loads(out)
    assert len(data["elements"]) == 14
    # every NRR (4 + 3)/2 = 3.5; 25 x 14 x 3.5/14 = 87.50, band A under 25/2004 (81.26-100)
    assert data["overall"]["converted"]["shown"] == "87.50"
    assert data["overall"]["mutu"] == "A"


def test_comparison_with_the_previous_period(tmp_path: Path) -> None:
    before = raw_export(tmp_path / "2023.csv", PREVIOUS)
    data = _json(tmp_path, "--previous", str(before), "--previous-label", "2023")
    comparison = data["comparison"]
    assert comparison["previous_period"] == "2023"
    waktu = next(row for row in comparison["elements"] if row["id"] == "waktu")
    assert waktu["previous"]["shown"] == "3.000"
    assert waktu["change"] == {"exact": "-3/7", "shown": "-0.429"}  # 18/7 - 3
    # converted 80.307... - 75 = 5.307... -> 5.31
    assert comparison["overall"]["change"]["shown"] == "5.31"


def test_the_workbook_holds_the_json_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = _json(tmp_path)
    code, out, err = _survey(tmp_path, "skm.xlsx")
    assert code == 0, err
    assert "80.31" in out
    book = openpyxl.load_workbook(tmp_path / "skm.xlsx")
    assert book.sheetnames == ["Hasil SKM", "Pengolahan per responden"]
    summary, sheet = book["Hasil SKM"], book["Pengolahan per responden"]
    rows = [list(row) for row in summary.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row[:2] == ["Kode", "Unsur pelayanan"])
    by_code = {row[0]: row for row in rows[start + 1 : start + 10]}
    for element in data["elements"]:
        row = by_code[element["code"]]
        assert row[2] == element["answered"]
        assert Decimal(str(row[4])) == Decimal(element["nrr"]["shown"])
        assert Decimal(str(row[6])) == Decimal(element["weighted_nrr"]["shown"])
        assert row[8] == element["mutu"]
    labels = {row[0]: row[1] for row in rows if row and row[1] is not None}
    assert Decimal(str(labels["Indeks konversi (25-100)"])) == Decimal("80.31")
    assert labels["Jumlah responden"] == 8
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == "Pengolahan data per responden per unsur"
    assert cells[1][:3] == ["No.", "Baris", "U1"]
    answers = cells[2:10]
    assert [row[2] for row in answers] == [4, 3, 4, 3, 4, 3, 2, 4]
    assert answers[2][4] is None  # row 3 left waktu (U3) unanswered
    totals = cells[10]
    assert totals[2:] == [int(e["total"]) for e in data["elements"]]
    nrrs = cells[12]
    assert [Decimal(str(v)) for v in nrrs[2:]] == [
        Decimal(e["nrr"]["shown"]) for e in data["elements"]
    ]
    # the table ends as the regulation's does: the index on both scales (1619/504, 80.31)
    assert [row[1:3] for row in cells[14:16]] == [
        ["Indeks (skala 1-4)", 3.212],
        ["Indeks konversi (25-100)", 80.31],
    ]


def test_text_cells_cannot_become_formulas(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "skm.csv"
    path.write_text(
        "Jenis Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
        '"=HYPERLINK(""http://x.invalid"",""klik"")",4,4,4,4,4,4,4,4,4\n',
        encoding="utf-8",
    )
    out = tmp_path / "skm.xlsx"
    code, _, err = run_cli(
        "survey", "--rubric", "skm-2017", "--evidence", path, "--output", out, "--min-segment", "1"
    )
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    values = [c for row in book["Hasil SKM"].iter_rows(values_only=True) for c in row if c]
    texts = [v for v in values if isinstance(v, str) and "HYPERLINK" in v]
    assert texts
    assert all(v.startswith("'=") for v in texts)
    for row in book["Hasil SKM"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_markdown_report(tmp_path: Path) -> None:
    code, _, err = _survey(tmp_path, "skm.md", "--lang", "en")
    assert code == 0, err
    text = (tmp_path / "skm.md").read_text(encoding="utf-8")
    assert "## Respondent profile" in text
    assert "| U3 | Completion time | 7 | 18 | 2.571 |" in text
    assert "|   | Converted index (25-100) | 80.31 |" in text  # the processing table's end
    assert "## Lowest elements and follow-up plan" in text
    assert "270 respondents short" in text


def test_missing_policy_of_the_command_line_is_applied(tmp_path: Path) -> None:
    # Two respondents, eight elements answered (4 and 2: NRR 3 each), U9 sarana absent.
    # exclude: the eight share sarana's weight, 8 x 1/9 x 9/8 x 3 = 3, x 25 = 75.00.
    # zero: sarana counts at the bottom of its scale, (8 x 3 + 1) / 9 = 25/9, x 25 = 69.44.
    # Without --missing the rubric's policy (error) refuses, naming --missing exclude.
    rows = [
        ["respondent", "unit", *(f"U{number}" for number in range(1, 9))],
        ["R1", "u", *["4"] * 8],
        ["R2", "u", *["2"] * 8],
    ]
    export = tmp_path / "delapan.csv"
    export.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    shown = {}
    for policy in ("exclude", "zero"):
        code, out, err = run_cli("survey", "--evidence", export, "--missing", policy)
        assert code == 0, err
        shown[policy] = json.loads(out)["overall"]["converted"]["shown"]
    assert shown == {"exclude": "75.00", "zero": "69.44"}
    code, _, err = run_cli("survey", "--evidence", export)
    assert code == 1
    assert "--missing exclude" in err


def test_usage_errors(tmp_path: Path) -> None:
    raw = raw_export(tmp_path / "skm.csv")
    code, _, err = run_cli("survey", "--evidence", raw)
    assert code == 1
    assert "--header-row 2" in err
    code, _, err = run_cli("survey", "--evidence", raw, "--header-row", "2", "--format", "xlsx")
    assert code == 2
    assert "memerlukan --output" in err  # Indonesian by default
    code, _, err = run_cli("survey", "--evidence", raw, "--population", "0")
    assert code == 2
    code, _, err = run_cli(
        "survey", "--evidence", raw, "--header-row", "2", "--segment-by", "kecamatan"
    )
    assert code == 2
    assert "atribut yang ada: jenis_kelamin, jenis_layanan, pekerjaan, pendidikan" in err


@pytest.mark.slow
def test_the_html_report_in_chromium(browser: str, tmp_path: Path) -> None:
    code, _, err = _survey(
        tmp_path,
        "skm.html",
        "--previous",
        str(raw_export(tmp_path / "2023.csv", PREVIOUS)),
        "--previous-label",
        "2023",
    )
    assert code == 0, err
    page = tmp_path / "skm.html"
    dom = _open(browser, tmp_path / "profile", page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr
    assert [line for line in dom.stderr.splitlines() if ":CONSOLE" in line] == []
    html = dom.stdout
    for section in (
        "elements",
        "distribution",
        "profile",
        "segments",
        "follow-up",
        "sample",
        "comparison",
        "per-respondent",
    ):
        assert f'id="{section}"' in html
    assert 'id="element-table"' in html
    assert "Profil responden" in html
    assert "Jenis kelamin" in html
    assert "80,31" in html  # Indonesian decimal comma
    shot = Path(os.environ.get("PELAYANAN_SHOT_DIR", tmp_path)) / "skm-report.png"
    done = _open(
        browser, tmp_path / "profile", page, f"--screenshot={shot}", "--window-size=1280,2400"
    )
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line] == []
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, 2400)
    assert len(png) > 50_000


def test_the_report_percentage_agrees_with_its_points(tmp_path: Path) -> None:
    # Two respondents answering 4 and 3 everywhere: every NRR is 3.5, worth
    # 25 x 1/9 x 3.5 = 9.72 of 25 x 1/9 x 4 = 11.11 points, i.e. 3.5/4 = 87.5% -> 88%.
    # (The old report printed the place on the 1-4 scale, (3.5 - 1)/3 = 83%.)
    path = numeric_csv(tmp_path / "survei.csv", [((), (4,) * 9), ((), (3,) * 9)])
    out = tmp_path / "r.md"
    code, _, err = run_cli(
        "report", "--rubric", "skm-2017", "--evidence", path, "--output", out, "--quiet"
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "| Persyaratan | 88% | 9,72 / 11,11 |" in text  # Indonesian decimal commas
    assert "83%" not in text

"""History across methods: the published scores of the fictional Kota Contoh, 2015-2024, each
classified under the Ombudsman table of its year and the agency's level (reference 2.1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pelayanan._documents import DocumentError
from pelayanan._readers.practice import read_history
from pelayanan.plugins import Registry

from .conftest import EXAMPLES, Cli

HISTORY = EXAMPLES / "history.csv"

# (unit, year, scheme, band, zone), checked by hand against reference 2.1:
EXPECTED = [
    # 2015, regional government (kota): 0-110, merah 0-55 -> 52.00 merah.
    ("kota-contoh", 2015, "ombudsman-2015-pemda@2015", "merah", "merah"),
    # 2016-2019: merah 0-50, kuning 51-80, hijau 81-100.
    ("kota-contoh", 2016, "ombudsman-2016@2016", "merah", "merah"),  # 48.30
    ("kota-contoh", 2017, "ombudsman-2016@2016", "kuning", "kuning"),  # 55.75
    ("kota-contoh", 2018, "ombudsman-2016@2016", "kuning", "kuning"),  # 63.40
    ("kota-contoh", 2019, "ombudsman-2016@2016", "kuning", "kuning"),  # 71.20
    # 2021: kuning 51.00-80.99 -> 76.05 kuning.
    ("kota-contoh", 2021, "ombudsman-2021@2021", "kuning", "kuning"),
    # 2022-2024: D 32.00-53.99 merah, C 54.00-77.99 kuning, B 78.00-87.99 hijau.
    ("kota-contoh", 2022, "ombudsman-2022@2022", "D", "merah"),  # 38.87
    ("kota-contoh", 2023, "ombudsman-2022@2022", "C", "kuning"),  # 64.51
    ("kota-contoh", 2024, "ombudsman-2022@2022", "B", "hijau"),  # 83.30
    # 2015, a vertical agency office (lembaga): the ministries' table, hijau 81-100, so
    # 88.50 is hijau (it would be kuning, 56-88, in the regional governments' table).
    ("kantah-contoh", 2015, "ombudsman-2015-kementerian@2015", "hijau", "hijau"),
    ("kantah-contoh", 2017, "ombudsman-2016@2016", "kuning", "kuning"),  # 80.50 < 81
    ("kantah-contoh", 2019, "ombudsman-2016@2016", "hijau", "hijau"),  # 84.00
    ("kantah-contoh", 2021, "ombudsman-2021@2021", "kuning", "kuning"),  # 80.99
    # 80.00: kuning in every table up to 2021, hijau (B, from 78.00) in 2023.
    ("kantah-contoh", 2023, "ombudsman-2022@2022", "B", "hijau"),
]


def test_each_year_under_its_scheme() -> None:
    history = read_history(HISTORY, Registry(strict=True).zone_schemes())
    found = [
        (
            p.entry.unit,
            p.entry.year,
            p.scheme.ref,
            p.classification.band.code,
            p.classification.zone.id,
        )
        for p in history.points
    ]
    assert found == EXPECTED
    assert 2020 not in history.years  # no round in 2020


def test_the_trend_marks_each_method_change() -> None:
    history = read_history(HISTORY, Registry(strict=True).zone_schemes())
    marks = [(c.before, c.after, c.old, c.new) for c in history.changes()]
    assert marks == [
        (2015, 2016, "ombudsman-2015-pemda@2015", "ombudsman-2016@2016"),
        (2019, 2021, "ombudsman-2016@2016", "ombudsman-2021@2021"),
        (2021, 2022, "ombudsman-2021@2021", "ombudsman-2022@2022"),
    ]
    # The land office has no 2016, 2018 or 2022 score: its own changes fall between the
    # years it was assessed.
    own = [(c.before, c.after) for c in history.changes("kantah-contoh")]
    assert own == [(2015, 2017), (2019, 2021), (2021, 2023)]


def _blocks(text: str) -> list[tuple[str, list[str], int, list[str]]]:
    """Each titled table of a terminal text: (title, header cells, columns ruled, rows)."""
    found = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if i + 3 < len(lines) and lines[i + 1] == "" and set(lines[i + 3]) <= {"-", " "}:
            rule = lines[i + 3]
            if not rule.strip():
                continue
            end = lines.index("", i + 4) if "" in lines[i + 4 :] else len(lines)
            headers = [cell for cell in re.split(r"\s{2,}", lines[i + 2].strip()) if cell]
            found.append((line, headers, len(rule.split()), lines[i + 4 : end]))
    return found


@pytest.mark.parametrize(
    ("lang", "history", "method", "unit", "zone_table", "changed"),
    [
        ("id", "Riwayat lintas metode", "metode", "Unit", "Tabel zona", "metode berubah"),
        ("en", "History across methods", "method", "Unit", "Zone table", "method changed"),
    ],
)
def test_history_command_has_one_block_per_method(
    cli: Cli, lang: str, history: str, method: str, unit: str, zone_table: str, changed: str
) -> None:
    # Scores of two methods are not on one scale: each method's years are a table of their
    # own, titled with the method, every column headed; no "‖" mark inside a row.
    table = cli("--lang", lang, "history", HISTORY)
    assert table.code == 0, table.err
    assert "‖" not in table.out
    blocks = _blocks(table.out)
    assert [title for title, *_ in blocks] == [
        f"{history} · 2015 · {method} ombudsman-2015-kementerian@2015 / ombudsman-2015-pemda@2015",
        f"{history} · 2016-2019 · {method} ombudsman-2016@2016",
        f"{history} · 2021 · {method} ombudsman-2021@2021",
        f"{history} · 2022-2024 · {method} ombudsman-2022@2022",
    ]
    assert [headers for _, headers, _, _ in blocks] == [
        [unit, zone_table, "2015"],  # 2015 had a table per level: each unit's is named
        [unit, "2016", "2017", "2018", "2019"],
        [unit, "2021"],
        [unit, "2022", "2023", "2024"],
    ]
    for _, headers, ruled, _ in blocks:
        assert ruled == len(headers)  # a header on every column
    # The city's 2022-2024 climb, the land office's 2015 under the ministries' table.
    city = "merah D 38,87  kuning C 64,51  hijau B 83,30"
    if lang == "en":
        city = city.replace(",", ".")
    assert any(city in row for row in blocks[3][3])
    assert "ombudsman-2015-kementerian@2015" in blocks[0][3][1]
    assert f"2019 → 2021: {changed} (ombudsman-2016@2016 → ombudsman-2021@2021)" in table.out


def test_history_command(cli: Cli) -> None:
    table = cli("history", HISTORY)
    assert table.code == 0, table.err
    assert "2019 → 2021" in table.out
    data = json.loads(cli("history", HISTORY, "--format", "json").out)
    assert data["method_changes"][1] == {
        "before": 2019,
        "after": 2021,
        "from": "ombudsman-2016@2016",
        "to": "ombudsman-2021@2021",
    }
    assert {(s["unit"], s["year"]): s["zone"] for s in data["scores"]}[("kantah-contoh", 2015)] == (
        "hijau"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "kota-contoh,kota,2020,60.00,",
            "row 2, column C (year): no ombudsman method is known for 2020",
        ),
        ("kota-contoh,kota,2025,60.00,", "known years: 2015 (ombudsman-2015-kementerian"),
        ("kota-contoh,,2015,60.00,", "2015 has one ombudsman zone table per level"),
        # at the score's cell, not the year's (column C before)
        (
            "kota-contoh,kota,2018,101,",
            "row 2, column D (score): score 101.00 is outside the scale",
        ),
        ("kota-contoh,kota,2018,80.50,hijau", "column E (zone): the published zone is 'hijau'"),
        ("kota-contoh,kota,18,80,", "expected a year such as 2019"),
        (
            "kota-contoh,kota,2018,lots,",
            "column D (score): score: expected a decimal number such as '80.95', got 'lots'",
        ),
    ],
)
@pytest.mark.usefixtures("english")
def test_bad_history_rows_are_clear_errors(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "history.csv"
    path.write_text("unit,level,year,score,zone\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_history(path, Registry(strict=True).zone_schemes())
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.usefixtures("english")
def test_a_huge_quoted_cell_is_a_clear_error(tmp_path: Path) -> None:
    # A quoted cell longer than the csv module's field limit (131072 characters) made
    # read_targets and read_history raise the csv module's own Error; they now read through
    # the units reader's bounded csv_records, which names the file and the row.
    path = tmp_path / "history.csv"
    path.write_text('unit,year,score\nkota,2018,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_history(path, Registry(strict=True).zone_schemes())
    assert f"{path}: row 2" in str(caught.value)


@pytest.mark.usefixtures("english")
def test_a_year_without_method_through_the_command(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("unit,year,score\nkota,2016,50\nkota,2020,60\n", encoding="utf-8")
    done = cli("history", path)
    assert done.code == 1
    assert "row 3" in done.err
    assert "no ombudsman method is known for 2020" in done.err
    assert "2016-2019 (ombudsman-2016)" in done.err
    assert "Traceback" not in done.err


def test_history_document(tmp_path: Path) -> None:
    path = tmp_path / "history.yaml"
    path.write_text(
        "$schema: https://schemas.pelayanan.invalid/v1/history.json\n"
        "scores:\n"
        "  - {unit: kota, year: 2019, score: '80.99'}\n"
        "  - {unit: kota, year: 2021, score: '80.99'}\n"
        "  - {unit: kota, year: 2020, score: '70'}\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        read_history(path, Registry(strict=True).zone_schemes())
    assert "/scores/2/year" in str(caught.value)
    assert "history.yaml:5:" in str(caught.value)  # line 5
    path.write_text(path.read_text(encoding="utf-8").rsplit("  - {unit: kota, year: 2020", 1)[0])
    history = read_history(path, Registry(strict=True).zone_schemes())
    assert [p.classification.zone.id for p in history.points] == ["kuning", "kuning"]


def test_a_score_outside_its_scale_is_placed_at_the_score(tmp_path: Path) -> None:
    # The year has a method; the score is what is wrong (it was placed at /scores/0/year).
    path = tmp_path / "history.yaml"
    path.write_text(
        "$schema: https://schemas.pelayanan.invalid/v1/history.json\n"
        "scores:\n"
        "  - {unit: kota, year: 2019, score: '101'}\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        read_history(path, Registry(strict=True).zone_schemes())
    [problem] = caught.value.problems
    assert problem.pointer == "/scores/0/score"
    assert problem.line == 3


def test_history_speaks_the_language_of_the_variable(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # history chose its words from --lang alone (else Indonesian), unlike every other
    # command: PELAYANAN_LANG=en gave Indonesian tables.
    monkeypatch.setenv("PELAYANAN_LANG", "en")
    table = cli("history", HISTORY)
    assert table.code == 0, table.err
    assert "History across methods" in table.out
    assert "Riwayat" not in table.out
    assert "Riwayat lintas metode" in cli("--lang", "id", "history", HISTORY).out


def test_a_history_score_that_is_no_decimal_is_refused_in_indonesian(tmp_path: Path) -> None:
    # The one decimal reader (the same rule as target and published scores), in Indonesian.
    path = tmp_path / "history.csv"
    path.write_text("unit,level,year,score,zone\nkota-contoh,kota,2018,1/3,\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_history(path, Registry(strict=True).zone_schemes())
    assert (
        "baris 2, kolom D (score): nilai: yang diharapkan bilangan desimal seperti '80.95', "
        "diterima '1/3'"
    ) in str(caught.value)

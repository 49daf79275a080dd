"""The practice on the command line (in process, through ``main(argv)``): targets on score,
rank, compare and report; explain --target; calibrate; rank awards; the library's assess."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pelayanan import assess
from pelayanan._documents import DocumentError
from pelayanan._model import Assessment
from pelayanan._readers import CsvReader, read_units
from pelayanan._readers.practice import read_targets
from pelayanan.plugins import Registry

from .conftest import EXAMPLES, Cli

UNITS = EXAMPLES / "units.csv"
TARGETS = EXAMPLES / "targets.csv"
BASE = ("--rubric", "ombudsman-2022", "--units", UNITS)


def year(y: int) -> tuple[str | Path, ...]:
    return (*BASE, "--evidence", EXAMPLES / f"evidence-{y}.csv")


def test_score_json_carries_the_target(cli: Cli) -> None:
    done = cli("score", *year(2024), "--targets", TARGETS, "--period", "2024", "--format", "json")
    assert done.code == 0, done.err
    cards = {}
    stack = json.loads(done.out)["cards"]
    while stack:
        card = stack.pop()
        cards[card["unit"]["id"]] = card
        stack.extend(card["children"])
    # The city's target is band B (from 78.00); it scored 83.30: 83.30 - 78.00 = +5.30.
    assert cards["kota-contoh"]["published"] == "83.30"
    assert cards["kota-contoh"]["target"] == {
        "score": "78.00",
        "band": "B",
        "gap": "5.30",
        "met": True,
        "period": "2024",
        "agreed_by": "Wali Kota Contoh",
        "agreed_at": "2024-01-15",
    }
    # Dishub: 77.02 against 80.00 -> -2.98, not met; 80.00 is band B.
    assert cards["dishub"]["published"] == "77.02"
    assert {k: cards["dishub"]["target"][k] for k in ("score", "band", "gap", "met")} == {
        "score": "80.00",
        "band": "B",
        "gap": "-2.98",
        "met": False,
    }
    assert "target" not in cards["dishub-kir"]  # products have no target in the file
    # Notes and references of the evidence are in the result.
    records = json.loads(done.out)["records"]
    noted = [r for r in records if r.get("note")]
    assert noted[0]["reference"] == "Notulen uji publik NUP-100/2024"


def test_score_table_and_period_errors(cli: Cli) -> None:
    table = cli("score", *year(2024), "--targets", TARGETS, "--period", "2024")
    assert "Target kinerja" in table.out
    assert "-2,98" in table.out  # the table speaks Indonesian: decimal comma
    several = cli("score", *year(2024), "--targets", TARGETS)
    assert several.code == 1
    assert "beberapa periode (2022, 2023, 2024)" in several.err  # Indonesian by default
    assert "--period" in several.err
    assert cli("score", *year(2024), "--period", "2024").code == 2  # --period needs --targets


def test_rank_compare_report_take_targets(cli: Cli, tmp_path: Path) -> None:
    ranked = json.loads(
        cli(
            "rank",
            *year(2024),
            "--level",
            "service_unit",
            "--targets",
            TARGETS,
            "--period",
            "2024",
            "--format",
            "json",
        ).out
    )
    disnaker = next(u for u in ranked["units"] if u["unit"] == "disnaker")
    assert disnaker["target"]["gap"] == "-3.01"  # 71.99 - 75.00
    old, new = tmp_path / "2023.json", tmp_path / "2024.json"
    for y, path in ((2023, old), (2024, new)):
        assert cli("score", *year(y), "--format", "json", "--output", path).code == 0
    compared = cli(
        "compare", old, new, "--targets", TARGETS, "--period", "2024", "--format", "json"
    )
    units = {u["unit"]: u for u in json.loads(compared.out)["units"]}
    assert units["kota-contoh"]["new"]["target"]["met"] is True
    assert units["kota-contoh"]["change"] == "18.79"  # 83.30 - 64.51, one method


def test_compare_across_methods_gives_zones_not_score_changes(cli: Cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert cli("score", *year(2024), "--format", "json", "--output", new).code == 0
    # The same evidence under another zone table stands for an earlier method.
    done = cli(
        "score", *year(2023), "--scheme", "ombudsman-2021", "--format", "json", "--output", old
    )
    assert done.code == 0, done.err
    compared = json.loads(cli("compare", old, new, "--format", "json").out)
    city = next(u for u in compared["units"] if u["unit"] == "kota-contoh")
    assert city["change"] is None
    assert city["comparable"] is False
    assert city["direction"] == "up"  # 64.51 kuning (2021 table) -> 83.30 hijau (B)
    assert any("pergantian metode" in note for note in compared["notes"])  # Indonesian default


def test_explain_target(cli: Cli) -> None:
    # Dishub scored 77.02 against its 2024 target of 80.00: plan the fixes to reach it.
    done = cli(
        "explain",
        *year(2024),
        "--unit",
        "dishub",
        "--targets",
        TARGETS,
        "--period",
        "2024",
        "--target",
        "--format",
        "json",
    )
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["plan"]["target_lower"] == "80"
    assert Decimal(data["plan"]["projected"]) >= Decimal("80.00")
    assert data["plan"]["reachable"] is True
    assert data["card"]["target"]["gap"] == "-2.98"
    by_band = json.loads(
        cli("explain", *year(2024), "--unit", "dishub", "--target", "A", "--format", "json").out
    )
    assert by_band["plan"]["target_lower"] == "88"
    assert Decimal(by_band["plan"]["projected"]) >= Decimal("88.00")
    text = cli("explain", *year(2024), "--unit", "dinsos", "--target", "85")
    assert "target 85" in text.out
    assert "Uji publik standar pelayanan" in text.out  # the unit's evidence notes
    bad = cli("explain", *year(2024), "--unit", "dishub", "--target", "Z")
    assert bad.code == 2
    assert "kode pita" in bad.err


def test_explain_shows_the_units_own_target(cli: Cli) -> None:
    # --targets without --target: dinsos's row (80.00) is set on its card; the rows of the
    # other units in the file are left out (the result holds dinsos and its product only).
    # Dinsos scored 81.79: 81.79 - 80.00 = +1.79, met; the plan still aims at the next band.
    args = ("--unit", "dinsos", "--targets", TARGETS, "--period", "2024", "--format", "json")
    done = cli("explain", *year(2024), *args)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["card"]["published"] == "81.79"
    target = data["card"]["target"]
    assert (target["score"], target["gap"], target["met"]) == ("80.00", "1.79", True)
    assert data["plan"]["target"] == "A"


def test_calibrate_command(cli: Cli) -> None:
    done = cli(
        "calibrate",
        *year(2024),
        "--evidence",
        EXAMPLES / "self-assessment-2024.csv",
        "--level",
        "service_unit",
        "--format",
        "json",
    )
    assert done.code == 0, done.err
    data = json.loads(done.out)
    units = {u["unit"]: u for u in data["units"]}
    # The assessor's 2024 scores are those of 'score' on the same file.
    assert units["dishub"]["external"]["score"] == "77.02"
    assert units["disdukcapil"]["difference"] == "0.00"  # its self-assessment matches
    first = units[data["over_raters"][0]]
    assert Decimal(first["difference"]) == max(Decimal(u["difference"]) for u in data["units"])
    assert data["summary"]["units"] == 6
    table = cli("calibrate", *year(2024), "--evidence", EXAMPLES / "self-assessment-2024.csv")
    assert "Paling melebih-lebihkan diri" in table.out
    alone = cli("calibrate", *year(2024))
    assert alone.code == 1
    assert "tidak ada bukti berjenis 'self_assessment'" in alone.err


def test_rank_awards(cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "2023.json"
    assert cli("score", *year(2023), "--format", "json", "--output", old).code == 0
    done = cli(
        "rank",
        *year(2024),
        "--level",
        "service_unit",
        "--previous",
        f"2023={old}",
        "--award",
        "top:2",
        "--award",
        "most-improved",
        "--award",
        "first:hijau",
        "--format",
        "json",
    )
    assert done.code == 0, done.err
    awards = json.loads(done.out)["awards"]
    assert [(a["rule"], a["unit"], a["place"]) for a in awards] == [
        ("top:2", "disdukcapil", 1),
        ("top:2", "dpmptsp", 2),
        ("most-improved", "dinkes", 1),  # 85.01 - 64.07 = +20.94, the largest rise
        ("first:hijau", "disdukcapil", 1),  # 78.05 (B) already in 2023
    ]
    # JSON keeps a dot in the rise even in Indonesian; the structured fields carry the numbers
    assert awards[2]["detail"] == "+20.94 sejak 2023"
    assert (awards[2]["rise"], awards[2]["since"]) == ("20.94", "2023")
    assert cli("rank", *year(2024), "--award", "best").code == 2


@pytest.mark.usefixtures("english")
def test_targets_files_report_their_places(tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(
        "unit,period,target,target_band,wrong\na,2024,80,,\nb,2024,,,\nc,2024,1/3,,\na,2024,70,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        read_targets(path)
    text = str(caught.value)
    assert "row 1, column E: unknown column 'wrong'" in text
    path.write_text(path.read_text(encoding="utf-8").replace(",wrong", "").replace(",\n", "\n"))
    with pytest.raises(DocumentError) as caught:
        read_targets(path)
    text = str(caught.value)
    assert "row 3: give 'target' (a score) or 'target_band'" in text
    assert "row 4, column C (target): target score: expected a decimal number" in text
    assert "row 5, column A (unit): unit 'a' already has a target for 2024 in row 2" in text


def test_targets_document(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(
        "$schema: https://schemas.pelayanan.invalid/v1/targets.json\n"
        "zone_scheme: ombudsman-2022\n"
        "period: 2024\n"
        "agreed_by: Wali Kota Contoh\n"
        "targets:\n"
        "  - {unit: kota-contoh, target_band: B}\n"
        "  - {unit: dishub, target: '80.00', agreed_at: '2024-01-15'}\n",
        encoding="utf-8",
    )
    found = read_targets(path)
    assert found.periods == ("2024",)
    assert found.zone_scheme == "ombudsman-2022"
    assert found.targets[1].agreed_by == "Wali Kota Contoh"
    path.write_text(
        path.read_text(encoding="utf-8").replace("target: '80.00'", "target: lots"),
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        read_targets(path)
    assert "/targets/1/target" in str(caught.value)


def test_assess_takes_targets() -> None:
    registry = Registry(strict=True)
    rubric = registry.get_rubric("ombudsman-2022")
    units = read_units(UNITS)
    stream = CsvReader().read(EXAMPLES / "evidence-2024.csv", rubric=rubric, units=units)
    result = assess(
        rubric, stream, units, registry=registry, targets=read_targets(TARGETS), period="2024"
    )
    target = result["disnaker"].target
    assert target is not None
    assert (target.score, target.gap, target.met) == (Decimal("75.00"), Decimal("-3.01"), False)
    assert any(r.note for r in result.records)


def test_a_saved_result_keeps_targets_and_records(cli: Cli, tmp_path: Path) -> None:
    saved = tmp_path / "2024.json"
    done = cli(
        "score", *year(2024), "--targets", TARGETS, "--period", "2024", "--format", "json",
        "--output", saved,
    )  # fmt: skip
    assert done.code == 0, done.err
    from pelayanan._documents import load_assessment
    from pelayanan._model import from_data, to_data

    result = load_assessment(str(saved))  # validated against result.json
    assert result["dishub"].target is not None
    assert result["dishub"].target.gap == Decimal("-2.98")
    assert len(result.records) == 560  # every item of the file carries a reference
    assert from_data(Assessment, to_data(result)) == result
    page = tmp_path / "report.html"
    assert cli("report", saved, "--quiet", "--output", page).code == 0
    html = page.read_text(encoding="utf-8")
    assert "id='targets'" in html
    assert "id='records'" in html
    ranked = json.loads(cli("rank", saved, "--format", "json").out)
    assert ranked["level"] == "service_unit"


def test_targets_in_another_scheme_are_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(
        "$schema: https://schemas.pelayanan.invalid/v1/targets.json\n"
        "zone_scheme: ombudsman-2016\n"
        "period: 2024\n"
        "targets:\n"
        "  - {unit: kota-contoh, target_band: hijau}\n",
        encoding="utf-8",
    )
    done = cli("score", *year(2024), "--targets", path)
    assert done.code == 1
    assert "ditetapkan dalam skema zona 'ombudsman-2016'" in done.err  # Indonesian by default


def test_report_trend_never_puts_two_methods_on_one_scale(cli: Cli, tmp_path: Path) -> None:
    results = []
    for y, scheme in ((2022, "ombudsman-2021"), (2023, "ombudsman-2021"), (2024, None)):
        path = tmp_path / f"{y}.json"
        extra = () if scheme is None else ("--scheme", scheme)
        assert cli("score", *year(y), *extra, "--format", "json", "--output", path).code == 0
        results.append(f"{y}={path}")
    page = tmp_path / "report.html"
    done = cli("report", *results, "--output", page)
    assert done.code == 0, done.err
    trend = page.read_text(encoding="utf-8").split("<section id='trend'>")[1].split("</section>")[0]
    # 2022-2023 (one method) get a chart; the change to 2024 is marked; 2024 alone has none.
    assert trend.count("<svg") == 1
    assert (
        "‖ 2023 → 2024: ombudsman-2022 / ombudsman-2021 → ombudsman-2022 / ombudsman-2022" in trend
    )
    # The terminal trend: one block per method, so no row puts two methods on one scale.
    lines = done.out.splitlines()
    titles = [i for i, line in enumerate(lines) if line.startswith("Tren nilai · metode")]
    assert [lines[i] for i in titles] == [
        "Tren nilai · metode ombudsman-2022 / ombudsman-2021",
        "Tren nilai · metode ombudsman-2022 / ombudsman-2022",
    ]
    # each block's header row names only its own periods
    assert lines[titles[0] + 2].split()[-2:] == ["2022", "2023"]
    assert lines[titles[1] + 2].split()[-1] == "2024"
    assert "2023" not in lines[titles[1] + 2]
    # No "most improved" across the change.
    assert "most-improved" not in page.read_text(encoding="utf-8")


def test_calibrate_speaks_the_language_of_the_variable(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # calibrate took English only from --lang en; PELAYANAN_LANG=en gave Indonesian tables.
    monkeypatch.setenv("PELAYANAN_LANG", "en")
    evidence = ("--evidence", EXAMPLES / "self-assessment-2024.csv")
    table = cli("calibrate", *year(2024), *evidence)
    assert table.code == 0, table.err
    assert "Most over-rating units" in table.out
    assert (
        "Paling melebih-lebihkan diri"
        in cli("calibrate", *year(2024), *evidence, "--lang", "id").out
    )

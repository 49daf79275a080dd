"""``rubrics``, ``plugins`` and ``classify`` through ``main(argv)``; one subprocess smoke
test runs ``python -m pelayanan`` itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ._helpers import REPO, Runner


def test_rubrics_list(run: Runner) -> None:
    result = run("rubrics", "list")
    assert result.code == 0, result.err
    for rubric in ("skm-2017", "ikm-2004", "ombudsman-2022", "pekppp-2022"):
        assert rubric in result.out
    data = json.loads(run("rubrics", "list", "--format", "json").out)
    found = {(r["id"], r["version"]) for r in data["rubrics"]}
    assert ("skm-2017", "2017") in found
    skm = next(r for r in data["rubrics"] if r["id"] == "skm-2017")
    assert skm["zone_scheme"] == "skm-2017"
    assert skm["plugin"] == "builtin"
    assert "ombudsman-2016" in {s["id"] for s in data["zone_schemes"]}


def test_rubrics_show(run: Runner) -> None:
    result = run("rubrics", "show", "skm-2017")
    assert result.code == 0, result.err
    # the choice names are ids; their numbers are written as the language writes them
    assert "parameter weight: exact=1/9, 0.11=0,11, 0.111=0,111 (bawaan exact)" in result.out
    assert "- persyaratan: Persyaratan (skala 1/2/3/4, bobot parameter weight)" in result.out
    in_english = run("rubrics", "show", "skm-2017", "--lang", "en").out
    assert "parameter weight: exact=1/9, 0.11=0.11, 0.111=0.111 (default exact)" in in_english
    assert "- persyaratan: Requirements (scale 1/2/3/4, weight parameter weight)" in in_english
    assert "A    88,31 - 100,00  Mutu A (Sangat baik)" in result.out
    english = run("rubrics", "show", "ombudsman-2022", "--lang", "en")
    assert "B    78.00 - 87.99   High quality (High compliance)" in english.out
    as_json = json.loads(run("rubrics", "show", "skm-2017", "--format", "json").out)
    assert as_json["$schema"] == "https://schemas.pelayanan.invalid/v1/rubric.json"
    missing = run("rubrics", "show", "skm-1999", "--lang", "en")
    assert missing.code == 1
    assert "unknown rubric 'skm-1999'; did you mean 'skm-2017'?" in missing.err


def test_rubrics_validate(run: Runner, tmp_path: Path) -> None:
    good = REPO / "rubrics" / "rubrics" / "skm-2017.yaml"
    scheme = REPO / "rubrics" / "zone-schemes" / "ombudsman-2022.yaml"
    result = run("rubrics", "validate", good, scheme)
    assert result.code == 0, result.err
    assert "ok" in result.out
    assert "rubrik skm-2017@2017" in result.out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace('version: "2017"', "version: [2017]"),
        encoding="utf-8",
    )
    failed = run("rubrics", "validate", good, bad)
    assert failed.code == 1
    assert "GAGAL" in failed.err
    assert "bad.yaml:" in failed.err
    assert "/version" in failed.err
    assert "1 dari 2 berkas gagal validasi" in failed.err  # plural-aware, in Indonesian
    nothing = tmp_path / "plain.yaml"
    nothing.write_text("a: 1\n", encoding="utf-8")
    assert run("rubrics", "validate", nothing).code == 1
    assert run("rubrics", "validate").code == 2


def test_rubrics_schema(run: Runner) -> None:
    result = run("rubrics", "schema", "result")
    assert result.code == 0, result.err
    assert json.loads(result.out)["$id"] == "https://schemas.pelayanan.invalid/v1/result.json"
    unknown = run("rubrics", "schema", "nope")
    assert unknown.code == 1
    assert "zone-scheme" in unknown.err
    assert run("rubrics").code == 2


def test_plugins(run: Runner) -> None:
    result = run("plugins")
    assert result.code == 0, result.err
    assert "builtin" in result.out
    data = json.loads(run("plugins", "--json").out)
    builtin = next(p for p in data["plugins"] if p["name"] == "builtin")
    assert builtin["distribution"] == "pelayanan"
    assert builtin["version"]
    assert {"csv", "xlsx", "document"} <= set(builtin["provides"]["evidence_readers"])
    assert "skm-2017@2017" in builtin["provides"]["rubrics"]
    assert data["problems"] == []


def test_plugins_blocked_by_environment(run: Runner) -> None:
    data = json.loads(run("plugins", "--json", env={"PELAYANAN_DISABLE_PLUGINS": "builtin"}).out)
    assert [p["name"] for p in data["blocked"]] == ["builtin"]
    result = run(
        "score",
        "--rubric",
        "skm-2017",
        "--evidence",
        "x.csv",
        env={"PELAYANAN_DISABLE_PLUGINS": "builtin"},
    )
    assert result.code == 1
    assert "instrumen 'skm-2017' tidak dikenal" in result.err


# Band edges from the reference tables: each lower bound, and 0.01 below it. Scores are
# rounded half-up to two decimals first (77.995 -> 78.00).
@pytest.mark.parametrize(
    ("scheme", "score", "published", "band", "zone"),
    [
        ("ombudsman-2022", "77.99", "77.99", "C", "kuning"),
        ("ombudsman-2022", "78.00", "78.00", "B", "hijau"),
        ("ombudsman-2022", "77.995", "78.00", "B", "hijau"),
        ("ombudsman-2022", "31.99", "31.99", "E", "merah"),
        ("ombudsman-2022", "88", "88.00", "A", "hijau"),
        ("skm-2017", "88.30", "88.30", "B", "baik"),
        ("skm-2017", "88.31", "88.31", "A", "sangat_baik"),
        ("ombudsman-2021", "80.99", "80.99", "kuning", "kuning"),
    ],
)
def test_classify_json(
    run: Runner, scheme: str, score: str, published: str, band: str, zone: str
) -> None:
    result = run("classify", "--scheme", scheme, "--format", "json", score)
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)
    assert item["given"] == score
    assert item["score"] == published
    assert item["band"] == band
    assert item["zone"] == zone
    assert item["band_label"]


def test_classify_table_and_errors(run: Runner) -> None:
    result = run("classify", "--scheme", "ombudsman-2022", "83.19", "50")
    assert result.code == 0, result.err
    assert "83,19  B (Kualitas Tinggi)" in result.out  # Indonesian decimal comma
    assert "Kepatuhan tinggi" in result.out
    assert "Kepatuhan rendah" in result.out
    outside = run("classify", "--scheme", "ombudsman-2022", "101", "abc", "70")
    assert outside.code == 1
    assert "101: nilai 101.00 berada di luar skala" in outside.err
    assert "abc: nilai: yang diharapkan angka" in outside.err
    assert run("classify", "--scheme", "nope", "50").code == 1
    assert run("classify", "50").code == 2  # --scheme is required
    assert run("classify", "--scheme", "ombudsman-2022").code == 2  # no score


def test_python_dash_m_runs_the_same_program(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pelayanan", "classify", "--scheme", "ombudsman-2016", "80.995"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "81,00" in done.stdout  # 80.995 rounds half-up to 81.00: hijau from 81
    assert "Kepatuhan tinggi" in done.stdout
    version = subprocess.run(
        [sys.executable, "-m", "pelayanan", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.stdout.startswith("pelayanan ")


@pytest.mark.parametrize(
    ("args", "scheme", "band", "zone"),
    [
        (("--year", "2017", "80.5"), "ombudsman-2016@2016", "kuning", "kuning"),
        (("--year", "2021", "80.99"), "ombudsman-2021@2021", "kuning", "kuning"),
        (("--year", "2023", "80"), "ombudsman-2022@2022", "B", "hijau"),
        (
            ("--year", "2015", "--level", "kota", "88.50"),
            "ombudsman-2015-pemda@2015",
            "kuning",
            "kuning",
        ),
        (
            ("--year", "2015", "--level", "kementerian", "81"),
            "ombudsman-2015-kementerian@2015",
            "hijau",
            "hijau",
        ),
    ],
)
def test_classify_by_year(
    run: Runner, args: tuple[str, ...], scheme: str, band: str, zone: str
) -> None:
    result = run("classify", "--format", "json", *args)
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)
    assert (item["scheme"], item["band"], item["zone"]) == (scheme, band, zone)
    by_scheme = run("classify", "--format", "json", "--scheme", scheme, args[-1])
    assert json.loads(by_scheme.out) == [item]  # the same JSON as --scheme
    table = run("classify", *args)
    assert f"[{scheme}]" in table.out


def test_classify_by_year_errors(run: Runner) -> None:
    none = run("classify", "--year", "2020", "50")
    assert none.code == 1
    assert "tidak ada metode ombudsman yang dikenal untuk 2020" in none.err
    assert "2016-2019 (ombudsman-2016)" in none.err
    assert "Traceback" not in none.err
    assert "sebutkan tingkatnya" in run("classify", "--year", "2015", "50").err
    english = run("--lang", "en", "classify", "--year", "2020", "50").err
    assert "no ombudsman method is known for 2020" in english
    assert run("classify", "--year", "2017", "--scheme", "ombudsman-2016", "50").code == 2
    assert (
        "--level dipakai bersama --year"
        in run("classify", "--scheme", "ombudsman-2016", "--level", "kota", "50").err
    )

"""``pelayanan score`` through ``main(argv)``: formats, bad rows, and the error paths.

Expected numbers are worked by hand. ``standar-pelayanan-2009`` scores with
``flat_unweighted``: the share of the 14 components met, times 100. Under the 2016-2019
Ombudsman zones (``ombudsman-2016``: merah 0-50, kuning 51-80, hijau 81-100):

* 10 of 14 met: 100 x 10 / 14 = 71.4285... -> 71.43, kuning;
* 12 of 14 met: 100 x 12 / 14 = 85.7142... -> 85.71, hijau;
* their parent (plain mean of the exact scores): (1000/14 + 1200/14) / 2 = 1100/14
  = 78.5714... -> 78.57, kuning.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from pelayanan._documents import api

from ._helpers import COMPONENTS, Runner, checklist, command

RUBRIC = ("--rubric", "standar-pelayanan-2009", "--scheme", "ombudsman-2016")


def _units(path: Path) -> Path:
    path.write_text(
        "id,name,level,parent\n"
        "kota,Kota Contoh,agency,\n"
        "ktp,Penerbitan KTP-el,service_product,kota\n"
        "kk,Kartu Keluarga,service_product,kota\n",
        encoding="utf-8",
    )
    return path


def test_table_shows_every_unit_with_score_band_and_zone(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10, "kk": 12})
    result = run("score", *RUBRIC, "--evidence", evidence, "--units", _units(tmp_path / "u.csv"))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    kota = next(line for line in lines if line.startswith("Kota Contoh"))
    ktp = next(line for line in lines if "Penerbitan KTP-el" in line)
    kk = next(line for line in lines if "Kartu Keluarga" in line)
    assert "78,57" in kota  # Indonesian decimal comma
    assert "Kepatuhan sedang" in kota
    assert "71,43" in ktp
    assert "Kepatuhan sedang" in ktp
    assert "85,71" in kk
    assert "Kepatuhan tinggi" in kk
    assert ktp.startswith("  ")  # indented below its agency
    assert result.err == ""  # no progress bar when stderr is not a terminal


def test_json_is_a_result_document(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10, "kk": 12})
    out = tmp_path / "out" / "result.json"
    result = run("score", *RUBRIC, "--evidence", evidence, "--format", "json", "--output", out)
    assert result.code == 0, result.err
    assert result.out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["$schema"] == "https://schemas.pelayanan.invalid/v1/result.json"
    assessment = api.load_assessment(out)  # validates against the result schema
    assert str(assessment["ktp"].published) == "71.43"
    assert assessment["ktp"].score * 14 == 1000  # exact: 1000/14
    assert assessment["kk"].zone is not None
    assert assessment["kk"].zone.id == "hijau"
    assert assessment.provenance.rubric_id == "standar-pelayanan-2009"
    assert assessment.provenance.zone_scheme_id == "ombudsman-2016"
    assert assessment.provenance.evidence_count == 28
    checked = run("rubrics", "validate", out)
    assert checked.code == 0, checked.err


def test_csv_and_markdown(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    result = run("score", *RUBRIC, "--evidence", evidence, "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert rows == [
        {
            "unit": "ktp",
            "name": "ktp",
            "level": "service_product",
            "parent": "",
            "score": "71.43",
            "exact_score": "71.4285714286",  # 500/7 to ten places, half-up: a number
            "band": "kuning",
            "band_label": rows[0]["band_label"],
            "zone": "kuning",
            "zone_label": rows[0]["zone_label"],
            "coverage": "1",
            "evidence_count": "14",
        }
    ]
    markdown = run("score", *RUBRIC, "--evidence", evidence, "--format", "markdown", "--lang", "en")
    assert markdown.code == 0, markdown.err
    assert markdown.out.startswith("| Unit | Level | Score |")
    assert "| ktp | Service product | 71.43 |" in markdown.out


def _bad_file(path: Path) -> Path:
    good = [f"a,{c},{'ya' if i < 10 else 'tidak'}" for i, c in enumerate(COMPONENTS)]
    bad = [
        "a,prosedur,mungkin",  # row 16: not a yes/no value
        ",waktu,ya",  # row 17: no unit
        "a,bogus,ya",  # row 18: not an indicator of the rubric
        "a,biaya,",  # row 19: empty value
    ]
    path.write_text("\n".join(["unit,indicator,value", *good, *bad]) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("english")
def test_bad_rows_are_all_listed_and_nothing_is_scored(run: Runner, tmp_path: Path) -> None:
    evidence = _bad_file(tmp_path / "bad.csv")
    out = tmp_path / "result.json"
    result = run("score", *RUBRIC, "--evidence", evidence, "--format", "json", "-o", out)
    assert result.code == 1
    assert result.out == ""
    assert not out.exists()
    assert "4 problems in" in result.err
    assert "bad.csv: row 16, column C (value): expected true/false" in result.err
    assert "bad.csv: row 17, column A (unit): the unit is empty" in result.err
    assert (
        "bad.csv: row 18, column B (indicator): 'bogus' is no indicator in "
        "standar-pelayanan-2009@2009" in result.err
    )
    assert "bad.csv: row 19, column C (value): the value is empty" in result.err
    assert "--skip-bad-rows" in result.err


@pytest.mark.usefixtures("english")
def test_bad_rows_of_every_file_are_listed(run: Runner, tmp_path: Path) -> None:
    first = _bad_file(tmp_path / "first.csv")
    second = tmp_path / "second.csv"
    second.write_text("unit,indicator,value\nb,persyaratan,2\n", encoding="utf-8")
    result = run("score", *RUBRIC, "--evidence", first, "--evidence", second)
    assert result.code == 1
    assert "first.csv: row 16" in result.err
    assert "second.csv: row 2, column C (value): expected true/false" in result.err


def test_skip_bad_rows_scores_the_good_ones_and_still_lists_the_bad(
    run: Runner, tmp_path: Path
) -> None:
    evidence = _bad_file(tmp_path / "bad.csv")
    result = run("score", *RUBRIC, "--evidence", evidence, "--skip-bad-rows", "--format", "csv")
    assert result.code == 0, result.err
    assert "71.43" in result.out  # the 14 good rows: 10 met
    assert "4 masalah; baris berikut dilewati" in result.err
    assert "baris 18, kolom B (indicator)" in result.err


@pytest.mark.usefixtures("english")
def test_a_bad_header_is_never_skipped(run: Runner, tmp_path: Path) -> None:
    evidence = tmp_path / "e.csv"
    evidence.write_text("unit,indikator,value\na,persyaratan,ya\n", encoding="utf-8")
    result = run("score", *RUBRIC, "--evidence", evidence, "--skip-bad-rows")
    assert result.code == 1
    assert "row 1, column B (indikator)" in result.err


def test_unknown_rubric(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    result = run("score", "--rubric", "no-such-rubric", "--evidence", evidence)
    assert result.code == 1
    assert "instrumen 'no-such-rubric' tidak dikenal" in result.err  # Indonesian by default
    assert "yang valid: ikm-2004, " in result.err  # the known ones are listed


def test_invalid_parameter_choice_and_name(run: Runner, tmp_path: Path) -> None:
    evidence = tmp_path / "s.csv"
    evidence.write_text("persyaratan\n4\n", encoding="utf-8")
    wrong = run("score", "--rubric", "skm-2017", "--param", "weight=0.5", "--evidence", evidence)
    assert wrong.code == 1
    assert "parameter tidak sah" in wrong.err
    assert "exact, 0.11, 0.111" in wrong.err
    unknown = run("score", "--rubric", "skm-2017", "--param", "bobot=0.11", "--evidence", evidence)
    assert unknown.code == 1
    assert "tidak mendeklarasikan parameter 'bobot'" in unknown.err


def test_usage_errors_exit_2(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    assert run("score", *RUBRIC, "--evidence", evidence, "--param", "weight").code == 2
    assert run("score", "--evidence", evidence).code == 2  # --rubric is required
    assert run("score", *RUBRIC, "--evidence", evidence, "--format", "pdf").code == 2
    assert run("score", *RUBRIC, "--no-such-option").code == 2
    assert run("score", *RUBRIC).code == 2  # no evidence
    assert run().code == 2
    assert run("frobnicate").code == 2


def test_missing_files_and_missing_evidence(run: Runner, tmp_path: Path) -> None:
    gone = run("score", *RUBRIC, "--evidence", tmp_path / "nope.csv")
    assert gone.code == 1
    assert "berkas bukti tidak ditemukan" in gone.err
    partial = tmp_path / "partial.csv"
    partial.write_text("unit,indicator,value\na,persyaratan,ya\n", encoding="utf-8")
    result = run("score", *RUBRIC, "--evidence", partial)
    assert result.code == 1
    assert "a/prosedur: tidak ada bukti" in result.err
    assert "--missing zero" in result.err
    # Under 'zero', the 13 missing components count as not met: 100 x 1 / 14 = 7.14.
    zero = run("score", *RUBRIC, "--evidence", partial, "--missing", "zero", "--format", "csv")
    assert zero.code == 0, zero.err
    assert ",7.14," in zero.out


def test_evidence_document_with_its_own_units(run: Runner, tmp_path: Path) -> None:
    items = [{"unit": "ktp", "indicator": c, "value": i < 12} for i, c in enumerate(COMPONENTS)]
    document = {
        "$schema": "https://schemas.pelayanan.invalid/v1/evidence.json",
        "units": [
            {"id": "kota", "name": "Kota Contoh", "level": "agency"},
            {"id": "ktp", "name": "KTP-el", "level": "service_product", "parent": "kota"},
        ],
        "evidence": items,
    }
    path = tmp_path / "evidence.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("score", *RUBRIC, "--evidence", path, "--format", "csv")
    assert result.code == 0, result.err
    rows = {row["unit"]: row for row in csv.DictReader(io.StringIO(result.out))}
    assert rows["kota"]["score"] == "85.71"  # the agency's only product: 12 of 14
    assert rows["ktp"]["parent"] == "kota"


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {f"u{i}": 7 for i in range(600)})  # 8,400 rows
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [*command(), "score", *RUBRIC, "--evidence", str(evidence), "--format", "csv"],
            stdout=subprocess.PIPE,
            stderr=slave,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=300,
            check=False,
        )
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert done.returncode == 0
    text = shown.decode()
    assert "e.csv  100% [##############################]" in text
    assert "\r" in text
    assert b"[###" not in done.stdout  # standard output carries only the result


@pytest.mark.usefixtures("english")
def test_clear_message_without_openpyxl(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bukti.xlsx"  # never opened: the import fails first
    path.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # "import openpyxl" raises ImportError
    result = run("score", "--rubric", "standar-pelayanan-2009", "--evidence", path)
    assert result.code == 1
    assert "needs the optional package openpyxl" in result.err
    assert "pip install 'pelayanan[xlsx]'" in result.err

"""``explain``, ``rank``, ``compare``, ``badge`` and ``report`` through ``main(argv)``.

Hand-worked numbers use ``standar-pelayanan-2009`` (share of the 14 components met, x 100)
under ``ombudsman-2016`` (merah 0-50, kuning 51-80, hijau 81-100): each component is worth
100/14 = 7.142857... points; 10 met = 71.43 (kuning), 11 = 78.57, 12 = 85.71 (hijau),
14 = 100.00 (hijau).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ._helpers import EXAMPLES, Runner, checklist

RUBRIC = ("--rubric", "standar-pelayanan-2009", "--scheme", "ombudsman-2016")
SVG = "{http://www.w3.org/2000/svg}"


def _result(run: Runner, path: Path, units: dict[str, int]) -> Path:
    evidence = checklist(path.with_suffix(".csv"), units)
    done = run("score", *RUBRIC, "--evidence", evidence, "--format", "json", "-o", path)
    assert done.code == 0, done.err
    return path


def test_explain_plans_the_fixes_to_the_next_band(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    result = run("explain", *RUBRIC, "--evidence", evidence, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["card"]["published"] == "71.43"
    plan = data["plan"]
    # 71.43 -> hijau needs 81.00: one fix gives 78.57, two give 85.71.
    assert plan["target"] == "hijau"
    assert len(plan["fixes"]) == 2
    assert {fix["gain"] for fix in plan["fixes"]} == {"50/7"}  # 100/14 each
    assert {fix["indicator"] for fix in plan["fixes"]} <= {
        "jumlah_pelaksana",
        "jaminan_pelayanan",
        "jaminan_keamanan",
        "evaluasi_kinerja",
    }
    assert plan["projected"] == "85.71"
    assert plan["exact"] is True
    table = run("explain", *RUBRIC, "--evidence", evidence)
    assert table.code == 0, table.err
    assert "Rincian nilai" in table.out
    assert "Rencana perbaikan" in table.out
    assert "Nilai setelah perbaikan: 85,71" in table.out


def test_explain_needs_a_known_unit(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10, "kk": 12})
    ambiguous = run("explain", *RUBRIC, "--evidence", evidence)
    assert ambiguous.code == 2
    assert "--unit" in ambiguous.err
    chosen = run("explain", *RUBRIC, "--evidence", evidence, "--unit", "kk", "--lang", "en")
    assert chosen.code == 0, chosen.err
    assert "Score 85.71" in chosen.out


def test_explain_an_example_service_unit(run: Runner) -> None:
    result = run(
        "explain",
        "--rubric",
        "ombudsman-2022",
        "--units",
        EXAMPLES / "units.csv",
        "--evidence",
        EXAMPLES / "evidence-2024.csv",
        "--unit",
        "disnaker",
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Dinas Tenaga Kerja (disnaker) - Unit layanan")
    # each competence item weighs 1 (the rubric's weight); Indonesian wrote it "1,"
    assert re.search(r"Kompetensi - mengetahui Ombudsman +1 +- ", result.out)
    assert "Rencana perbaikan: sasaran B (Kualitas Tinggi) >= 78,00" in result.out


def test_rank_with_ties(run: Runner, tmp_path: Path) -> None:
    result_file = _result(run, tmp_path / "r.json", {"a": 10, "b": 12, "c": 10, "d": 14})
    done = run("rank", result_file, "--format", "json")
    assert done.code == 0, done.err
    ranked = [(u["rank"], u["unit"], u["score"]) for u in json.loads(done.out)["units"]]
    assert ranked == [
        (1, "d", "100.00"),
        (2, "b", "85.71"),
        (3, "a", "71.43"),
        (3, "c", "71.43"),
    ]
    table = run("rank", result_file)
    assert table.code == 0
    assert re.search(r"^\s+3\s+c\s", table.out, re.MULTILINE)
    assert run("rank", result_file, "--level", "agency").code == 1
    assert run("rank").code == 2
    assert run("rank", result_file, *RUBRIC).code == 2


def test_rank_csv_is_for_machines(run: Runner, tmp_path: Path) -> None:
    # The same ties as above: ids, dot decimals and codes, labels in the language chosen.
    result_file = _result(run, tmp_path / "r.json", {"a": 10, "b": 12, "c": 10, "d": 14})
    done = run("rank", result_file, "--format", "csv", "--lang", "en")
    assert done.code == 0, done.err
    rows = [line.split(",") for line in done.out.splitlines()]
    assert rows[0] == [
        "rank",
        "unit",
        "name",
        "parent",
        "score",
        "band",
        "band_label",
        "zone",
        "zone_label",
    ]
    assert [(row[0], row[1], row[4], row[5], row[7]) for row in rows[1:]] == [
        ("1", "d", "100.00", "hijau", "hijau"),
        ("2", "b", "85.71", "hijau", "hijau"),
        ("3", "a", "71.43", "kuning", "kuning"),
        ("3", "c", "71.43", "kuning", "kuning"),
    ]
    assert rows[1][6] == "Green zone (81-100)"  # the band's label, in English
    assert rows[1][8] == "High compliance"


def test_compare_scores_and_zone_transitions(run: Runner, tmp_path: Path) -> None:
    old = _result(run, tmp_path / "old.json", {"a": 10, "b": 12})
    new = _result(run, tmp_path / "new.json", {"a": 12, "b": 10, "c": 14})
    done = run("compare", old, new, "--format", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    units = {u["unit"]: u for u in data["units"]}
    assert units["a"]["change"] == "14.28"  # 85.71 - 71.43
    assert units["a"]["direction"] == "up"
    assert units["b"]["change"] == "-14.28"
    assert units["b"]["direction"] == "down"
    assert units["c"]["direction"] == "new"
    assert sorted((t["from"], t["to"], t["count"]) for t in data["transitions"]) == [
        ("hijau", "kuning", 1),
        ("kuning", "hijau", 1),
    ]
    table = run("compare", old, new)
    assert table.code == 0
    assert "Kepatuhan sedang -> Kepatuhan tinggi" in table.out
    assert "+14,28" in table.out
    assert run("compare", old).code == 2
    assert run("compare", old, tmp_path / "missing.json").code == 1


def test_badge_is_valid_svg_with_score_and_zone(run: Runner, tmp_path: Path) -> None:
    result_file = _result(run, tmp_path / "r.json", {"ktp": 12})
    out = tmp_path / "badge.svg"
    done = run("badge", result_file, "-o", out)
    assert done.code == 0, done.err
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Kepatuhan" in texts
    assert "85,71" in texts
    assert "Kepatuhan tinggi" in texts
    assert root.attrib["aria-label"] == "Kepatuhan: 85,71, Kepatuhan tinggi"
    english = run("badge", result_file, "--lang", "en", "--label", "Standard")
    texts = [t.text for t in ET.fromstring(english.out).iter(f"{SVG}text")]
    assert {"Standard", "85.71", "High compliance"} <= set(texts)


def test_badge_scored_now_and_errors(run: Runner, tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"a": 10, "b": 12})
    several = run("badge", *RUBRIC, "--evidence", evidence)
    assert several.code == 2
    done = run("badge", *RUBRIC, "--evidence", evidence, "--unit", "a")
    assert done.code == 0, done.err
    assert "71,43" in done.out
    assert "Kepatuhan sedang" in done.out
    assert run("badge", *RUBRIC, "--evidence", evidence, "--unit", "zz").code == 1


def test_report_of_three_years(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "site" / "report.html"
    series = [f"{year}={EXAMPLES / f'evidence-{year}.csv'}" for year in (2022, 2023, 2024)]
    done = run(
        "report",
        "--rubric",
        "ombudsman-2022",
        "--units",
        EXAMPLES / "units.csv",
        "--series",
        *series,
        "--output",
        out,
    )
    assert done.code == 0, done.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Pemerintah Kota Contoh" in page
    assert "Tren nilai" in page
    assert page.count("<svg") >= 3
    assert "<script" not in page
    assert not re.search(r"(src|href)=", page)  # nothing to fetch: self-contained
    assert "sha256:" in page
    # The terminal gets the summary table and the trend of the upper levels.
    assert "Pemerintah Kota Contoh" in done.out
    assert re.search(r"Pemerintah Kota Contoh\s+\d+,\d\d\s+\d+,\d\d\s+\d+,\d\d", done.out)
    assert "report.html" in done.out


def test_report_from_result_files_as_markdown(run: Runner, tmp_path: Path) -> None:
    old = _result(run, tmp_path / "2023.json", {"a": 10, "b": 12})
    new = _result(run, tmp_path / "2024.json", {"a": 12, "b": 12})
    out = tmp_path / "report.md"
    done = run("report", f"2023={old}", f"2024={new}", "-o", out, "--lang", "en", "-q")
    assert done.code == 0, done.err
    assert done.out == ""
    text = out.read_text(encoding="utf-8")
    assert "## Score trend" in text
    assert "| a | 71.43 | 85.71 |" in text
    assert "## Technical appendix: provenance" in text


def test_report_usage_errors(run: Runner, tmp_path: Path) -> None:
    assert run("report", "-o", tmp_path / "r.html").code == 2
    evidence = checklist(tmp_path / "e.csv", {"a": 10})
    assert run("report", "--evidence", evidence, "-o", tmp_path / "r.html").code == 2
    assert run("report", tmp_path / "missing.json").code == 1


def _markdown_tables(text: str) -> list[str]:
    """The header lines of the Markdown tables in ``text`` (a header is followed by its rule)."""
    lines = text.splitlines()
    return [line for line, rule in itertools.pairwise(lines) if rule.startswith("|---")]


def test_markdown_tables_after_the_first_stay_markdown(run: Runner, tmp_path: Path) -> None:
    # A second table (zone moves, awards, evidence notes) used to be joined as "\n" + Md:
    # the newline and all the text before it were escaped as Markdown, one line of "\|".
    old = _result(run, tmp_path / "old.json", {"a": 10, "b": 12})
    new = _result(run, tmp_path / "new.json", {"a": 12, "b": 10, "c": 14})
    compared = run("compare", old, new, "--format", "markdown", "--lang", "en")
    assert compared.code == 0, compared.err
    assert "\\|" not in compared.out
    assert _markdown_tables(compared.out) == [
        "| Unit | Level | Old | New | Change | Rank | Zone (old) | Zone (new) | Direction |",
        "| Zone transitions | Count |",
    ]
    ranked = run("rank", new, "--format", "markdown", "--award", "top:1", "--lang", "en")
    assert ranked.code == 0, ranked.err
    assert "\\|" not in ranked.out
    assert len(_markdown_tables(ranked.out)) == 2  # the ranking, then the awards
    assert "\n**Awards**\n" in ranked.out
    explained = run(
        "explain",
        "--rubric",
        "ombudsman-2022",
        "--units",
        EXAMPLES / "units.csv",
        "--evidence",
        EXAMPLES / "evidence-2024.csv",
        "--unit",
        "disdukcapil",
        "--format",
        "markdown",
    )
    assert explained.code == 0, explained.err
    assert explained.out.startswith(
        "Dinas Kependudukan dan Pencatatan Sipil (disdukcapil) - Unit layanan\n"
    )
    assert "\\*\\*" not in explained.out
    assert "\\|" not in explained.out
    assert "\n**Catatan dan rujukan bukti**\n" in explained.out


def test_output_is_written_whole_or_not_at_all(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    target = tmp_path / "out" / "score.csv"
    done = run("score", *RUBRIC, "--evidence", evidence, "--format", "csv", "-o", target)
    assert done.code == 0, done.err
    before = target.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    # the disk fills while the new file is written: the old file stays, no temporary is left
    monkeypatch.setattr("pelayanan._cli.common.os.replace", fail)
    again = run("score", *RUBRIC, "--evidence", evidence, "--format", "json", "-o", target)
    assert again.code == 1
    assert f"tidak dapat menulis {target}: No space left on device" in again.err
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["score.csv"]


def test_output_has_the_mode_an_ordinary_write_gives(run: Runner, tmp_path: Path) -> None:
    # The whole-or-nothing write goes through a temporary file, which mkstemp makes 0600:
    # a new output gets 0666 less the umask, a replaced one keeps its own mode.
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    umask = os.umask(0o022)
    os.umask(umask)
    new = tmp_path / "baru.csv"
    assert run("score", *RUBRIC, "--evidence", evidence, "--format", "csv", "-o", new).code == 0
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "lama.csv"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    assert run("score", *RUBRIC, "--evidence", evidence, "--format", "csv", "-o", kept).code == 0
    assert kept.stat().st_mode & 0o777 == 0o640

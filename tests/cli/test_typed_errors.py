"""Crashes that became typed errors (issue 9, item 8): an empty assessment, and a saved
result whose zones disagree with its zone scheme. In-process through ``main``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console

from ._helpers import checklist

RUBRIC = ("--rubric", "standar-pelayanan-2009", "--scheme", "ombudsman-2016")


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in argv], Console(out, err))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", ["report", "rank", "badge", "explain", "score"])
def test_header_only_evidence_is_an_error_naming_the_file(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "kosong.csv"
    empty.write_text("unit,indicator,value\n", encoding="utf-8")
    out = ("-o", tmp_path / "out.html") if command == "report" else ()
    code, _, err = _run(command, *RUBRIC, "--evidence", empty, *out)
    assert code == 1
    assert err.startswith(f"galat: {empty}: tidak ada baris bukti")
    assert "Traceback" not in err
    assert not (tmp_path / "out.html").exists()


def _saved(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 14})
    saved = tmp_path / "r.json"
    code, _, err = _run("score", *RUBRIC, "--evidence", evidence, "--format", "json", "-o", saved)
    assert code == 0, err
    return saved, json.loads(saved.read_text(encoding="utf-8"))


def test_saved_result_with_a_zone_not_in_its_scheme(tmp_path: Path) -> None:
    saved, data = _saved(tmp_path)
    card = data["cards"][0]  # type: ignore[index]
    card["band"]["zone"] = card["zone"]["id"] = "ungu"
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _run("report", saved, "-o", tmp_path / "r.html")
    assert code == 1
    assert err == (
        f"galat: {saved}: /cards/0/zone/id: zone 'ungu' of unit 'ktp' is not a zone of "
        "ombudsman-2016@2016 (its zones: hijau, kuning, merah)\n"
    )
    assert not (tmp_path / "r.html").exists()


def test_saved_result_whose_band_and_zone_disagree(tmp_path: Path) -> None:
    saved, data = _saved(tmp_path)
    data["cards"][0]["zone"]["id"] = "ungu"  # type: ignore[index]
    saved.write_text(json.dumps(data), encoding="utf-8")
    for command in ("report", "rank", "badge"):
        code, _, err = _run(command, saved, "-o", tmp_path / "out")
        assert code == 1
        assert "/cards/0" in err
        # The card's rule, in the CLI's default language (Indonesian).
        assert "pita 'hijau' termasuk zona 'hijau', tetapi zona kartu ini 'ungu" in err


def test_saved_result_with_no_cards(tmp_path: Path) -> None:
    saved, data = _saved(tmp_path)
    data["cards"] = []
    saved.write_text(json.dumps(data), encoding="utf-8")
    for command in ("report", "rank", "badge"):
        code, _, err = _run(command, saved, "-o", tmp_path / "out")
        assert code == 1
        assert err == (
            f"galat: {saved}: /cards: hasil ini tidak memuat kartu nilai (tidak ada yang dinilai)\n"
        )

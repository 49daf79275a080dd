"""Hostile names and colours through the commands, in-process (issue 9, items 1-3): a zone
colour that would be live markup is refused by ``rubrics validate`` and by ``badge`` and
``report`` reading a saved result; a unit id that is a spreadsheet formula is neutralised in
``score --format csv``; escape sequences in unit ids are shown, not sent, on a terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console

from ._helpers import COMPONENTS

RUBRIC = ("--rubric", "standar-pelayanan-2009", "--scheme", "ombudsman-2016")
FORMULA = "=cmd|' /C calc'!A0"
ESC = "x\x1b[2J\x1b]0;judul\x07y"
SCRIPT = '"/><script>alert(1)</script><rect x="'
HANDLER = '#2e7d32" onmouseover="alert(1)'


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(*argv: str | Path, tty: bool = False) -> tuple[int, str, str]:
    out = _Terminal() if tty else io.StringIO()
    err = _Terminal() if tty else io.StringIO()
    code = main([str(arg) for arg in argv], Console(out, err))
    return code, out.getvalue(), err.getvalue()


def _evidence(path: Path, units: dict[str, int]) -> Path:
    """Unit ``u`` meets the first ``units[u]`` of the 14 components (CSV, quoted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["unit", "indicator", "value"])
    for unit, met in units.items():
        for index, component in enumerate(COMPONENTS):
            writer.writerow([unit, component, "ya" if index < met else "tidak"])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_score_csv_neutralises_formulas(tmp_path: Path) -> None:
    evidence = _evidence(tmp_path / "e.csv", {FORMULA: 14, "+1": 7, "-2": 0})
    code, out, err = _run("score", *RUBRIC, "--evidence", evidence, "--format", "csv")
    assert code == 0, err
    rows = {row["unit"]: row for row in csv.DictReader(io.StringIO(out))}
    # 14/14 -> 100.00, 7/14 -> 50.00, 0/14 -> 0.00 (x 100, two decimals).
    assert rows["'" + FORMULA]["name"] == "'" + FORMULA
    assert rows["'" + FORMULA]["score"] == "100.00"
    # '+1' and '-2' are unit ids (text), yet plain numbers: a spreadsheet reads them as the
    # numbers 1 and -2, which cannot run anything, so they are written as they are.
    assert rows["+1"]["score"] == "50.00"
    assert rows["-2"]["score"] == "0.00"


def test_terminal_output_shows_escape_sequences(tmp_path: Path) -> None:
    evidence = _evidence(tmp_path / "e.csv", {ESC: 14})
    code, out, err = _run("score", *RUBRIC, "--evidence", evidence, tty=True)
    assert code == 0, err
    assert "\x1b" not in out.replace("\x1b[0m", "").replace("\x1b[1;38;2;", "")
    assert "\x07" not in out
    assert "x\\x1b[2J\\x1b]0;judul\\x07y" in out
    # CSV to a terminal too; written to a file (or a pipe) it is kept exactly.
    code, out, _ = _run("score", *RUBRIC, "--evidence", evidence, "--format", "csv", tty=True)
    assert code == 0
    assert "\x1b" not in out
    assert "\\x1b[2J" in out
    _run("score", *RUBRIC, "--evidence", evidence, "--format", "csv", "-o", tmp_path / "s.csv")
    assert ESC in (tmp_path / "s.csv").read_text(encoding="utf-8")


def test_error_messages_show_escape_sequences(tmp_path: Path) -> None:
    evidence = tmp_path / "e.csv"
    evidence.write_text(f"unit,indicator,value\nu1,{ESC},ya\n", encoding="utf-8")
    code, _, err = _run("score", *RUBRIC, "--evidence", evidence)
    assert code == 1
    assert "\x1b" not in err
    assert "\x07" not in err
    # A file name is echoed as it is given: its control characters are shown too.
    missing = tmp_path / f"bukti {ESC}.csv"
    code, _, err = _run("score", *RUBRIC, "--evidence", missing)
    assert code == 1
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "bukti x\\x1b[2J\\x1b]0;judul\\x07y.csv" in err


def _scheme(path: Path, colour: str) -> Path:
    path.write_text(
        json.dumps(
            {
                "$schema": "https://schemas.pelayanan.invalid/v1/zone-scheme.json",
                "id": "skema",
                "version": "1",
                "title": "Skema",
                "minimum": 0,
                "maximum": 100,
                "zones": [{"id": "merah", "label": "Merah", "colour": colour}],
                "bands": [{"lower": 0, "code": "E", "label": "E", "zone": "merah"}],
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("colour", [SCRIPT, HANDLER, "red"])
def test_rubrics_validate_refuses_a_colour_that_is_not_a_colour(
    tmp_path: Path, colour: str
) -> None:
    code, out, err = _run("rubrics", "validate", _scheme(tmp_path / "z.json", colour))
    assert code == 1
    assert "colour" in err
    assert "'#2e7d32'" in err  # what was expected
    assert "/zones/0/colour" in err  # where
    assert "ok" not in out


@pytest.mark.parametrize("command", ["badge", "report"])
@pytest.mark.parametrize("colour", [SCRIPT, HANDLER])
def test_saved_result_with_a_hostile_colour_is_refused(
    tmp_path: Path, command: str, colour: str
) -> None:
    evidence = _evidence(tmp_path / "e.csv", {"ktp": 14})
    saved = tmp_path / "r.json"
    code, _, err = _run("score", *RUBRIC, "--evidence", evidence, "--format", "json", "-o", saved)
    assert code == 0, err
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["cards"][0]["zone"]["colour"] = colour
    saved.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / ("b.svg" if command == "badge" else "r.html")
    code, _, err = _run(command, saved, "-o", target)
    assert code == 1
    assert "colour" in err
    assert "/cards/0/zone/colour" in err
    assert not target.exists()

"""Every command of docs/skm.md runs as the page says, on the example exports."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from ._exports import run_cli

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "skm.md"
EXAMPLES = REPO / "examples" / "data" / "kota-contoh"
FILES = ("skm-formulir-2024-1.csv", "skm-formulir-2023-2.csv")
_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def _commands() -> list[list[str]]:
    found = []
    for block in _BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("pelayanan "):
                found.append(shlex.split(line)[1:])
    return found


def test_the_page_has_every_command_twice() -> None:
    commands = _commands()
    half = len(commands) // 2
    assert len(commands) == 2 * half
    assert commands[:half] == commands[half:]  # Indonesian and English walk the same path
    assert {c[0] for c in commands} == {"survey", "score"}


@pytest.mark.usefixtures("english")
@pytest.mark.slow
def test_every_command_of_the_walk_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in FILES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    commands = _commands()
    commands = commands[: len(commands) // 2]
    results = [run_cli(*args) for args in commands]
    (code, _, err), (code2, _, err2) = results[0], results[1]
    assert code == 1
    assert "--header-row 2" in err
    assert code2 == 1
    assert "column 'Saran dan masukan'" in err2
    assert "--ignore-columns 'Saran dan masukan'" in err2
    for args, (code, _, err) in zip(commands[2:], results[2:], strict=True):
        assert code == 0, (args, err)
    for name in ("laporan-skm.html", "laporan-skm.xlsx", "laporan-skm.md", "per-pendidikan.md"):
        assert (tmp_path / name).stat().st_size > 1000, name
    data = json.loads((tmp_path / "laporan-skm.json").read_text(encoding="utf-8"))
    assert data["respondents"] == 120
    assert data["overall"]["mutu"] in {"A", "B", "C", "D"}

"""Uninstalling pelayanan leaves nothing in site-packages, after commands that keep parsed
built-in files and number symbols: those live in the user's cache, which pip does not own.

pip removes what the wheel's RECORD lists (and the bytecode of its modules); anything
pelayanan wrote inside its package would have been left behind, as the JSON copies once kept
under ``__pycache__`` beside the shipped files were. Builds a fresh venv (runtime
dependencies from ``$PELAYANAN_WHEELHOUSE`` with ``--no-index`` when set, else the package
index and pip's cache) and installs this checkout with ``--no-deps --no-build-isolation``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pip-builds")]

REPO = Path(__file__).resolve().parents[2]


def _runtime() -> list[str]:
    """pelayanan's dependencies, at the versions this suite runs with (pip's cache has them)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0] for spec in project["dependencies"]]
    return [f"{name}=={version(name)}" for name in names]


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def test_uninstall_leaves_nothing_behind_after_commands_ran(tmp_path: Path) -> None:
    if not (REPO / "pyproject.toml").is_file():
        pytest.skip("not running from a source checkout")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PELAYANAN_"))}
    env.pop("XDG_CACHE_HOME", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["HOME"] = str(tmp_path / "home")  # the default cache: ~/.cache/pelayanan
    _run([sys.executable, "-m", "venv", str(tmp_path / "venv")], env)
    python = str(tmp_path / "venv" / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--no-input"]
    wheelhouse = os.environ.get("PELAYANAN_WHEELHOUSE")
    source = ["--no-index", "--find-links", wheelhouse] if wheelhouse else []
    needed = [*_runtime(), "hatchling>=1.18"]
    _run([*pip, *source, *needed], env)
    _run([*pip, "--no-deps", "--no-build-isolation", str(REPO)], env)
    site = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], env
        ).stdout.strip()
    )
    package = site / "pelayanan"
    assert (package / "_rubrics" / "zone-schemes" / "ombudsman-2022.yaml").is_file()

    for _ in range(2):  # the first run keeps the zone scheme and the symbols, the second reads
        done = _run(
            [python, "-m", "pelayanan", "classify", "--scheme", "ombudsman-2022", "80"], env
        )
        assert "80,00" in done.stdout
    kept = sorted(p.name for p in (tmp_path / "home" / ".cache" / "pelayanan").rglob("*.json"))
    assert len(kept) == 2, kept  # ombudsman-2022.<hash>.json and numbers.id.<babel>.json
    assert kept[0].startswith("numbers.id.")
    assert kept[1].startswith("ombudsman-2022.")

    _run([python, "-m", "pip", "uninstall", "--yes", "--quiet", "pelayanan"], env)
    left = sorted(str(p.relative_to(site)) for p in package.rglob("*")) if package.exists() else []
    assert left == []
    assert not package.exists()

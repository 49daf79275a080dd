"""The wheel carries every built-in file, and an installed wheel finds them.

Builds a wheel of this checkout with ``pip wheel --no-build-isolation`` (hatchling must be
installed: the build must not download anything), so it takes a couple of seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# builds a wheel of the checkout and installs it; on the xdist worker of the other pip builds
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pip-builds")]

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    if not (REPO / "pyproject.toml").is_file() or not (REPO / "rubrics").is_dir():
        pytest.skip("not running from a source checkout")
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    command += ["--no-index", "--quiet", "-w", str(out), str(REPO)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("pelayanan-*.whl")
    return built


def _source_files() -> list[str]:
    base = REPO / "rubrics"
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.yaml"))


def test_wheel_lists_every_rubric_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = {f"pelayanan/_rubrics/{name}" for name in _source_files()}
    assert expected <= names, sorted(expected - names)
    assert "pelayanan/_documents/builtin.py" in names
    # the catalogs, compiled from the checked-in .po files by the build hook
    for lang in ("id", "en"):
        assert f"pelayanan/_i18n/locale/{lang}/LC_MESSAGES/pelayanan.mo" in names


def test_installed_wheel_finds_its_packaged_files(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = (
        "import json; from pelayanan._documents import builtin as b; "
        "print(json.dumps([str(b.root()), [p.name for p in b.rubric_paths()], "
        "[p.name for p in b.zone_scheme_paths()]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    found_root, rubrics, schemes = json.loads(done.stdout)
    assert found_root == str(site / "pelayanan" / "_rubrics")
    source = _source_files()
    assert rubrics == [n.split("/", 1)[1] for n in source if n.startswith("rubrics/")]
    assert schemes == [n.split("/", 1)[1] for n in source if n.startswith("zone-schemes/")]

"""The example plugin (examples/plugin-kota-contoh) runs ``pytest --pelayanan-laws`` green
in its own test folder.

The built-in rubrics' law items are collected next to the plugin's but deselected with
``-k "not builtin"``: tests/testing/test_builtin_laws.py checks those laws already, and running
them again here took most of this test's minutes.

The example is installed with pip into a temporary folder (no dependencies, no build
isolation: offline) that goes on ``PYTHONPATH``, so its entry point is found like that of
any installed plugin; pytest then runs in the example's folder with this interpreter, which
has pelayanan, pytest and Hypothesis. Nothing is written into the example's folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from pelayanan.testing import LAWS

# pip installs the example, then a second pytest runs; like every pip build of the checkout
# or the example, on one xdist worker (one at a time)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pip-builds")]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plugin-kota-contoh"

INSTALLED = any(ep.name == "pelayanan" for ep in entry_points(group="pytest11"))
PLUGIN = [] if INSTALLED else ["-p", "pelayanan.testing._pytest_plugin"]
"""pelayanan's pytest plugin comes from its entry point once pelayanan is installed."""


def _run(command: list[str], **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **options)  # type: ignore[call-overload, no-any-return]


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="the example plugin is not in this checkout")
def test_the_example_plugin_passes_pytest_with_the_laws(tmp_path: Path) -> None:
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-input", "--no-deps"]
    installed = _run([*pip, "--no-build-isolation", "--target", str(target), str(EXAMPLE)])
    assert installed.returncode == 0, installed.stdout + installed.stderr
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HYPOTHESIS_STORAGE_DIRECTORY": str(tmp_path / "hypothesis"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    command = [sys.executable, "-m", "pytest", *PLUGIN, "-p", "no:cacheprovider"]
    done = _run([*command, "--pelayanan-laws", "-v", "-k", "not builtin"], cwd=EXAMPLE, env=env)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    # the plugin's own rubric was checked law by law ...
    for law in LAWS:
        assert f"pelayanan-laws::kota-contoh::skm-kota-contoh@2024::{law} PASSED" in report
    # ... next to the built-in ones, collected as whole sets of laws and left out by -k
    deselected = int(re.search(r"(\d+) deselected", report).group(1))  # type: ignore[union-attr]
    assert deselected > 0
    assert deselected % len(LAWS) == 0
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (passed|xfailed|failed)", report)}
    assert counts.get("failed", 0) == 0
    assert counts["passed"] >= 2 * len(LAWS)  # the plugin's law items and its own law tests

"""The example plugin, built and installed into a fresh virtual environment, is found
through its real entry point (nothing patched): checked from a subprocess in that venv.

The venv is plain (no system site-packages). Runtime dependencies come from
``$PELAYANAN_WHEELHOUSE`` with ``--no-index`` when that is set, else from the package index
(pip's cache makes repeat runs quick). pelayanan and the example are then built from this
checkout and installed with ``--no-deps --no-build-isolation``. One venv serves the session;
the example's own tests also run there, with its ``test`` extra installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from pelayanan._cache import ENV_VARIABLE as CACHE_VARIABLE

# builds a venv (once per session, so its tests stay on one xdist worker) and pip-installs
# the checkout and the example into it
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pip-builds")]

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "plugin-kota-contoh"
RUNTIME = ("attrs", "pluggy", "jsonschema", "referencing", "PyYAML", "babel")


def _run(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=cwd)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PELAYANAN_"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if CACHE_VARIABLE in os.environ:  # the suite's own cache folder (tests/conftest.py)
        env[CACHE_VARIABLE] = os.environ[CACHE_VARIABLE]
    return env


@pytest.fixture(scope="session")
def venv_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with pelayanan and the example plugin installed from this checkout."""
    root = tmp_path_factory.mktemp("example-venv")
    _run([sys.executable, "-m", "venv", str(root / "venv")])
    python = root / "venv" / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--no-input"]
    # the versions this test suite runs with, so pip's cache can serve them
    pinned = [f"{name}=={version(name)}" for name in RUNTIME]
    needed = [*pinned, "hatchling>=1.18"]
    wheelhouse = os.environ.get("PELAYANAN_WHEELHOUSE")
    source = ["--no-index", "--find-links", wheelhouse] if wheelhouse else []
    _run([*pip, *source, *needed], env=_clean_env())
    _run(
        [*pip, "--no-deps", "--no-build-isolation", str(REPO), str(EXAMPLE)],
        env=_clean_env(),
        cwd=root,
    )
    return python


CHECK = textwrap.dedent(
    """
    import json, sys
    import pelayanan, pelayanan_kota_contoh
    from pelayanan._model.evidence import Evidence
    from pelayanan.plugins import Registry, assess

    registry = Registry()  # strict: any broken plugin would raise here
    kota = registry.plugin("kota-contoh")
    rubric = registry.get_rubric("skm-kota-contoh")
    scheme = registry.get_zone_scheme(rubric.zone_scheme)
    elements = [i.id for i in rubric.indicators()]
    evidence = [Evidence("kelurahan-a", e, v) for v in (4, 3) for e in elements]
    card = assess("skm-kota-contoh", evidence, registry=registry).cards[0]
    print(json.dumps({
        "pelayanan_file": pelayanan.__file__,
        "example_file": pelayanan_kota_contoh.__file__,
        "plugins": [[p.name, p.distribution, p.version] for p in registry.plugins],
        "provides": [list(kota.provides.rubrics), list(kota.provides.zone_schemes)],
        "validates": kota.provides.validates_rubrics,
        "rubric": rubric.ref,
        "scheme": scheme.ref,
        "published": str(card.published),
        "zone": card.zone.id,
        "problems": [str(p) for p in registry.problems],
        "sys_path": sys.path,
    }))
    """
)


def test_the_installed_example_is_found_through_its_entry_point(
    venv_python: Path, tmp_path: Path
) -> None:
    done = _run([str(venv_python), "-c", CHECK], env=_clean_env(), cwd=tmp_path)
    found = json.loads(done.stdout)
    venv = str(venv_python.parent.parent)
    # both come from the venv's site-packages, not from this checkout
    assert found["pelayanan_file"].startswith(venv)
    assert found["example_file"].startswith(venv)
    assert not any(entry.startswith(str(REPO)) for entry in found["sys_path"])
    assert ["kota-contoh", "pelayanan-kota-contoh", "0.1.0"] in found["plugins"]
    assert found["plugins"][0][:2] == ["builtin", "pelayanan"]
    assert found["provides"] == [["skm-kota-contoh@2024"], ["zona-skm-kota-contoh@2024"]]
    assert found["validates"] is True
    assert (found["rubric"], found["scheme"]) == (
        "skm-kota-contoh@2024",
        "zona-skm-kota-contoh@2024",
    )
    # 4 and 3 on every element: 3.5 x 25 = 87.50, band B, hijau in Kota Contoh's scheme
    assert (found["published"], found["zone"]) == ("87.50", "hijau")
    assert found["problems"] == []


def test_the_examples_own_tests_pass_in_the_installed_venv(venv_python: Path) -> None:
    extra = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = extra["project"]["optional-dependencies"]["test"]
    _run([str(venv_python), "-m", "pip", "install", "--quiet", *wanted], env=_clean_env())
    env = {**_clean_env(), "PYTHONDONTWRITEBYTECODE": "1"}
    done = _run(
        [str(venv_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        env=env,
        cwd=EXAMPLE,
    )
    # the test extra brings pelayanan[kit], so the law tests run rather than skip
    assert " passed" in done.stdout, done.stdout
    assert "skipped" not in done.stdout, done.stdout


def test_the_example_can_be_disabled_by_name_in_the_installed_venv(
    venv_python: Path, tmp_path: Path
) -> None:
    script = (
        "from pelayanan.plugins import Registry; r = Registry();"
        "print([p.name for p in r.plugins], [p.name for p in r.blocked])"
    )
    env = {**_clean_env(), "PELAYANAN_DISABLE_PLUGINS": "pelayanan-kota-contoh"}
    done = _run([str(venv_python), "-c", script], env=env, cwd=tmp_path)
    assert done.stdout.strip() == "['builtin'] ['kota-contoh']"

"""Finding plugins without importing :mod:`importlib.metadata` when pelayanan alone declares
the ``pelayanan`` entry-point group (issue 10, startup): the shortcut gives what the standard
library's scan gives, and any installed plugin (or anything unusual on ``sys.path``) sends
discovery back to the standard library, so a plugin that replaces a built-in still wins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pelayanan.plugins import Registry
from pelayanan.plugins._discovery import builtin_only, discover
from pelayanan.plugins._markers import ENTRY_POINT_GROUP

from ._helpers import zone_data

COMPARE = """
import json, sys
import attrs
from pelayanan.plugins._discovery import builtin_only, scan
alone = builtin_only("pelayanan")
infos = lambda found: [attrs.asdict(candidate.info) for candidate in found]
loaded = alone[0].load() is sys.modules["pelayanan.plugins._builtin"] if alone else None
print(json.dumps([None if alone is None else infos(alone), infos(scan("pelayanan")), loaded]))
"""


def test_the_shortcut_gives_what_the_standard_library_finds() -> None:
    # A fresh interpreter: other tests put folders on this process's sys.path.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PELAYANAN_")}
    done = subprocess.run(
        [sys.executable, "-c", COMPARE], capture_output=True, text=True, check=True, env=env
    )
    alone, scanned, loaded = json.loads(done.stdout)
    assert alone is not None  # this environment has no plugin but the built-in
    assert alone == scanned
    assert [info["name"] for info in alone] == ["builtin"]
    assert loaded is True


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder first on ``sys.path``, as a second site-packages."""
    monkeypatch.syspath_prepend(str(tmp_path))  # also invalidates importlib's caches
    yield tmp_path
    for name in [name for name in sys.modules if name.startswith("kota_pengganti")]:
        del sys.modules[name]


def _install(site: Path, dist: str, entry_points: str, module: str = "", code: str = "") -> None:
    """A distribution's metadata folder (and its module) as an installer leaves them."""
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n\n")
    (info / "entry_points.txt").write_text(entry_points)
    if module:
        (site / f"{module}.py").write_text(code)


PLUGIN = """
from pelayanan.plugins import hookimpl

{replaces}

@hookimpl
def pelayanan_zone_schemes():
    return [{scheme!r}]
"""


@pytest.mark.parametrize("replaces", [True, False])
def test_an_installed_plugin_is_found_and_replaces_a_builtin_only_on_purpose(
    site: Path, replaces: bool
) -> None:
    module = f"kota_pengganti_{int(replaces)}"
    code = PLUGIN.format(
        replaces='PELAYANAN_REPLACES = ["pelayanan"]' if replaces else "",
        scheme=zone_data("ombudsman-2022", "2022"),  # the built-in's id@version
    )
    _install(site, "kota-pengganti", f"[pelayanan]\nkota = {module}\n", module, code)
    assert builtin_only(ENTRY_POINT_GROUP) is None
    assert [c.info.name for c in discover(ENTRY_POINT_GROUP)] == ["builtin", "kota"]
    registry = Registry(strict=False, environ={})
    scheme = registry.get_zone_scheme("ombudsman-2022@2022")
    if replaces:  # the plugin declared it replaces the built-in: its scheme is used
        assert scheme.title.get("id") == "Zona contoh"
        assert registry.provider("zone_scheme", "ombudsman-2022@2022").name == "kota"
        assert registry.problems == ()
    else:  # built-ins win, and the problem names the plugin
        assert scheme.title.get("id").startswith("Kategori opini Ombudsman RI 2022")
        assert [problem.plugin for problem in registry.problems] == ["kota"]


@pytest.mark.parametrize(
    "layout",
    ["another distribution mentions the group", "a second pelayanan", "a zip on the path"],
)
def test_anything_but_pelayanan_alone_asks_the_standard_library(
    site: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    if layout == "another distribution mentions the group":
        _install(site, "alat", "[console_scripts]\npelayanan-alat = alat:main\n")
    elif layout == "a second pelayanan":
        _install(site, "pelayanan", "[console_scripts]\nx = y:z\n")
    else:
        archive = site / "paket.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("paket.py", "")
        monkeypatch.syspath_prepend(str(archive))
    assert builtin_only(ENTRY_POINT_GROUP) is None

"""The Python examples of every docs page run (README and quick start: tests/test_readme.py).

A ```pycon block (an interactive session) runs as a doctest: what it shows printed must be
what the code prints.

Each ```python block of ``docs/*.md`` runs in a fresh folder holding what the pages name: the
built-in ``rubrics/`` folder, the fictional Kota Contoh's ``units.csv`` and
``evidence-<year>.csv``, a ``rubric.yaml`` (the built-in SKM rubric) and a ``survey.json``
/ ``survey.yaml`` evidence document. ``data`` is the YAML block just above the example on its
page, and ``skm`` the built-in SKM rubric. The example plugin (Kota Contoh) is importable and
registered as if installed (:data:`EXAMPLE_PLUGIN`). A block that defines ``test_*``
functions has them run, given the pytest fixtures they name. A block that cannot run on its
own is listed in :data:`NOT_RUN` with the reason, so a new example is run unless someone
says why not.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import inspect
import io
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"```(python|pycon|yaml)\n(.*?)```", re.DOTALL)

NOT_RUN = {
    "testing.md#1": "imports the reader's own plugin module",
}

TESTS_NOT_RUN = {
    "testing.md": "its test functions name the reader's own files (my-rubric.yaml, MY_RUBRIC)",
}
"""Pages whose blocks define ``test_*`` functions that are compiled and defined, not run."""

EXAMPLE_PLUGIN = ROOT / "examples" / "plugin-kota-contoh" / "src"
"""The example plugin's source: on the path of every example, and handed to the registry
:func:`pelayanan.plugins.get_registry` returns (as if installed), so the pages about writing
a plugin run as their reader would run them."""


def _examples() -> list[Any]:
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        data: Any = None
        number = 0
        for kind, body in FENCE.findall(page.read_text(encoding="utf-8")):
            if kind == "yaml":
                with contextlib.suppress(yaml.YAMLError):
                    data = yaml.safe_load(body)
                continue
            number += 1
            name = f"{page.name}#{number}"
            marks = [pytest.mark.skip(reason=NOT_RUN[name])] if name in NOT_RUN else []
            run_tests = page.name not in TESTS_NOT_RUN
            if kind == "pycon":  # an interactive session: its printed results are checked
                name = f"{page.name}#{number} (session)"
            found.append(pytest.param(body, data, run_tests, id=name, marks=marks))
    return found


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from pelayanan._documents import EvidenceSet, dump
    from pelayanan._model import Evidence

    shutil.copytree(ROOT / "rubrics", tmp_path / "rubrics")
    for item in (ROOT / "examples" / "data" / "kota-contoh").glob("*.csv"):
        shutil.copy(item, tmp_path / item.name)
    shutil.copy(ROOT / "rubrics" / "rubrics" / "skm-2017.yaml", tmp_path / "rubric.yaml")
    answers = EvidenceSet(tuple(Evidence("ktp", "persyaratan", 4) for _ in range(2)))
    (tmp_path / "survey.json").write_text(dump(answers, "json"), encoding="utf-8")
    (tmp_path / "survey.yaml").write_text(dump(answers), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(EXAMPLE_PLUGIN))
    return tmp_path


@pytest.mark.parametrize(("block", "data", "run_tests"), _examples())
def test_the_docs_example_runs(
    block: str,
    data: Any,
    run_tests: bool,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    pelayanan_registry_factory: Callable[..., Any],
) -> None:
    from pelayanan import Evidence
    from pelayanan.plugins import Plugin, get_registry

    kota = importlib.import_module("pelayanan_kota_contoh.plugin")
    pelayanan_registry_factory(Plugin(kota, "kota-contoh", "pelayanan-kota-contoh", "0.1.0"))
    skm = get_registry().get_rubric("skm-2017")
    given = {
        "__name__": "docs_example",
        "data": {k: v for k, v in data.items() if k != "$schema"}
        if isinstance(data, dict)
        else data,
        "skm": skm,
        "evidence": [Evidence("ktp", ind.id, 4) for ind in skm.indicators()],
    }
    if block.startswith(">>> "):  # a pycon block: run as a doctest, its output compared
        session = doctest.DocTestParser().get_doctest(block, given, "docs session", None, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        shown = io.StringIO()
        runner.run(session, out=shown.write)
        assert runner.failures == 0, shown.getvalue()
        return
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block, "<docs example>", "exec"), given)
        # A block showing a test runs it, with the fixtures it names.
        fixtures = {"pelayanan_registry_factory": pelayanan_registry_factory}
        for name, test in list(given.items()):
            if run_tests and name.startswith("test_") and callable(test):
                test(**{p: fixtures[p] for p in inspect.signature(test).parameters})
    assert os.getcwd() == str(folder)

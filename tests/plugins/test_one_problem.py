"""One kind of problem (issue 10): a plugin's fault and a document's mistake are the same
object, :class:`pelayanan.Problem`, carried by a :class:`pelayanan.ProblemError`, and the
command line reports them the same way.

The plugin's problem is the document's problem with the plugin to blame filled in: same
file, line, column, JSON pointer and message, plus plugin, distribution, version and hook.
"""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest

from pelayanan import DocumentError, NotFoundError, PluginError, ProblemError, load_rubric
from pelayanan._cli.app import main
from pelayanan._cli.common import Console
from pelayanan._documents import Problem
from pelayanan.plugins import Plugin, ProblemKind, Registry

from ._helpers import module, providing, registry

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")

BAD_RUBRIC = (
    "$schema: https://schemas.pelayanan.invalid/v1/rubric.json\n"
    "id: contoh\n"
    'version: "1"\n'
    "title: Contoh\n"
    "children:\n"
    "  - id: loket\n"
    "    title: Loket\n"
    "    weight: banyak\n"  # line 8, column 13: not a number
)


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "rubrik.yaml"
    path.write_text(BAD_RUBRIC, encoding="utf-8")
    return path


def test_a_plugins_document_fault_is_the_documents_problem_with_the_plugin_added(
    bad_file: Path,
) -> None:
    with pytest.raises(DocumentError) as as_file:
        load_rubric(bad_file)
    with pytest.raises(PluginError) as from_plugin:
        registry(providing("berkas", bad_file)).load()
    document, plugin = as_file.value.problems[0], from_plugin.value.problems[0]
    assert type(document) is Problem
    assert type(plugin) is Problem
    assert isinstance(as_file.value, ProblemError)
    assert isinstance(from_plugin.value, ProblemError)
    where = ("source", "pointer", "line", "column", "kind")
    assert [getattr(plugin, name) for name in where] == [getattr(document, name) for name in where]
    assert (document.source, document.line, document.kind) == (
        str(bad_file),
        8,
        ProblemKind.INVALID,
    )
    assert (document.plugin, document.distribution, document.version) == (None, None, None)
    assert (plugin.plugin, plugin.distribution, plugin.version, plugin.hook) == (
        "berkas",
        "dist-berkas",
        "1.0",
        "pelayanan_rubrics",
    )
    # the same place and pointer, printed the same way; the plugin's names who is to blame
    assert plugin.message == f"invalid rubric (item 0): {document.message}"
    assert str(plugin) == (
        "plugin 'berkas' (distribution dist-berkas 1.0): pelayanan_rubrics: "
        + str(attrs.evolve(document, message=plugin.message))
    )


def test_a_plugin_fault_outside_any_document_has_no_place() -> None:
    def pelayanan_rubrics() -> list[object]:
        return [{}["x"]]

    plugin = Plugin(
        module("rapuh", pelayanan_rubrics=pelayanan_rubrics), "rapuh", "dist-rapuh", "1.0"
    )
    with pytest.raises(PluginError) as error:
        registry(plugin).load()
    problem = error.value.problems[0]
    assert type(problem) is Problem
    assert (problem.source, problem.pointer, problem.kind) == (None, None, ProblemKind.RAISED)
    assert isinstance(problem.cause, KeyError)
    assert error.value.__cause__ is problem.cause
    assert str(problem).startswith("plugin 'rapuh' (distribution dist-rapuh 1.0): ")


def test_an_unknown_name_is_a_problem_too_and_still_a_key_error() -> None:
    found = Registry(discover=False, builtin=True, environ={})
    with pytest.raises(KeyError) as error:
        found.get_rubric("tidak-ada")
    assert isinstance(error.value, NotFoundError)
    assert isinstance(error.value, ProblemError)
    (problem,) = error.value.problems
    assert problem.kind is ProblemKind.NOT_FOUND
    assert (problem.source, problem.pointer, problem.plugin) == (None, None, None)
    assert str(error.value) == problem.message == str(problem)
    assert str(error.value).startswith("no rubric 'tidak-ada' is registered; known: ")


def test_the_command_line_reports_a_file_and_a_plugin_the_same_way(
    bad_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rubrics validate`` of the bad file, and ``plugins`` with a plugin providing the same
    file: both print the problem with its file, line and pointer."""
    err = io.StringIO()
    code = main(["rubrics", "validate", str(bad_file)], Console(io.StringIO(), err))
    assert code == 1
    assert f"{bad_file}:8:5: /children/0/weight:" in err.getvalue()

    from pelayanan.plugins import _registry

    lenient = registry(providing("berkas", bad_file), strict=False)
    monkeypatch.setitem(_registry._DEFAULTS, False, lenient)
    out, err = io.StringIO(), io.StringIO()
    assert main(["plugins"], Console(out, err)) == 0
    shown = out.getvalue() + err.getvalue()
    assert f"{bad_file}:8:5: /children/0/weight:" in shown
    assert "plugin 'berkas' (distribution dist-berkas 1.0)" in shown

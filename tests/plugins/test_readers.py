"""What the command line relies on from a plugin's reader is declared, and used as declared:
the reader's ``options``, and the ``RowReport`` its ``read`` may return."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pelayanan import Evidence, PluginError
from pelayanan._cli.app import main
from pelayanan._cli.common import Console
from pelayanan._readers import BadRowsError, TableProblem
from pelayanan.plugins import Plugin, ProblemKind, Registry, _registry
from pelayanan.plugins._readers import EvidenceReader, RowReport

from ._helpers import module, registry, rubric_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")


class Report:
    """Evidence of the good rows, and one bad row (row 3, column B)."""

    def __init__(self, path: Path, skip_bad_rows: bool) -> None:
        self.bad = TableProblem.at(str(path), 3, "expected 0 or 1, got 'ya'", column=2)
        self.skip = skip_bad_rows

    @property
    def problems(self) -> tuple[TableProblem, ...]:
        return (self.bad,)

    @property
    def problem_count(self) -> int:
        return 1

    @property
    def warnings(self) -> tuple[TableProblem, ...]:
        return (TableProblem.at(self.bad.source, 4, "row 4 is empty"),)

    def __iter__(self) -> Iterator[Evidence]:
        yield Evidence("ktp", "papan_informasi", True)
        yield Evidence("ktp", "loket", False)
        if not self.skip:
            raise BadRowsError([self.bad])


class SurveyToolReader:
    name = "alat-survei"
    suffixes = (".survei",)
    options = ("rubric", "skip_bad_rows")
    given: ClassVar[dict[str, Any]] = {}

    def read(self, path: Path, **options: Any) -> Report:
        SurveyToolReader.given = dict(options)
        return Report(path, bool(options.get("skip_bad_rows")))


def _plugin() -> Plugin:
    hooks = module(
        "alat",
        pelayanan_rubrics=lambda: [rubric_data("papan")],
        pelayanan_evidence_readers=lambda: [SurveyToolReader()],
    )
    return Plugin(hooks, "alat", "pelayanan-alat", "1.2")


def _cli(monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    lenient = Registry(plugins=[_plugin()], discover=False, builtin=True, strict=False)
    monkeypatch.setitem(_registry._DEFAULTS, False, lenient)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", "en", *argv], Console(out, err))
    return code, out.getvalue(), err.getvalue()


def test_the_reader_and_what_it_returns_follow_the_declared_protocols() -> None:
    assert isinstance(SurveyToolReader(), EvidenceReader)
    assert isinstance(Report(Path("x.survei"), False), RowReport)
    assert not isinstance((), RowReport)  # a plain iterable is fine too, but reports nothing


def test_the_cli_passes_only_the_options_the_reader_declares(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "jawaban.survei"
    path.write_text("whatever the tool wrote", encoding="utf-8")
    code, out, err = _cli(
        monkeypatch, "score", "--rubric", "papan", "--evidence", str(path), "--skip-bad-rows"
    )
    assert code == 0, err
    assert sorted(SurveyToolReader.given) == ["rubric", "skip_bad_rows"]
    assert SurveyToolReader.given["rubric"].ref == "papan@1"
    # the RowReport's warning, then its problem as the row left out
    assert f"warning: {path}: row 4: row 4 is empty" in err
    assert f"{path}: row 3, column B: expected 0 or 1, got 'ya'" in err
    assert "ktp" in out


def test_without_skip_bad_rows_the_bad_row_stops_the_score(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "jawaban.survei"
    path.write_text("whatever the tool wrote", encoding="utf-8")
    code, _, err = _cli(monkeypatch, "score", "--rubric", "papan", "--evidence", str(path))
    assert code == 1
    assert f"{path}: row 3, column B: expected 0 or 1, got 'ya'" in err
    assert "nothing was scored" in err


def test_a_reader_without_options_is_refused_naming_what_is_missing() -> None:
    class OldReader:
        name = "lama"
        suffixes = (".lama",)

        def read(self, path: Path, **options: Any) -> list[Evidence]:
            return []

    plugin = Plugin(module("lama", pelayanan_evidence_readers=lambda: [OldReader()]), "lama")
    with pytest.raises(PluginError) as error:
        registry(plugin).load()
    (problem,) = error.value.problems
    assert problem.kind is ProblemKind.WRONG_TYPE
    assert "expected an object following the EvidenceReader protocol (missing: options)" in str(
        problem
    )


def test_builtin_true_puts_the_built_in_plugin_beside_given_plugins_only() -> None:
    found = Registry(plugins=[_plugin()], discover=False, builtin=True, environ={})
    assert [info.name for info in found.plugins] == ["builtin", "alat"]
    assert found.get_rubric("skm-2017").id == "skm-2017"
    assert [info.name for info in registry(_plugin()).plugins] == ["alat"]
    without = Registry(builtin=False, environ={})
    assert "builtin" not in [info.name for info in without.plugins]

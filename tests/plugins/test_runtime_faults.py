"""A plugin's code that raises, while loading or while in use, is named with where it raised.

The message names the plugin, its distribution and version and the file and line of the
raising frame; the original exception is kept as the cause, and the command line shows the
full traceback only with ``--debug`` or ``PELAYANAN_DEBUG=1``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from pelayanan import Evidence, PluginError, assess
from pelayanan._cli.app import main
from pelayanan._cli.common import Console
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._scoring.base import IndicatorInput, ModelResult
from pelayanan._scoring.models import WeightedMean
from pelayanan.plugins import Plugin, ProblemKind, _registry

from ._helpers import module, registry, rubric_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")

HERE = Path(__file__).resolve()


def _line_of(marker: str) -> int:
    """The line of this file holding ``marker`` (where the plugin code below raises)."""
    lines = HERE.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.endswith(f"# {marker}"))


class BrittleError(Exception):
    """An exception that was never raised."""


class Brittle(WeightedMean):
    """A scoring model that fails on every unit (a bug in a plugin)."""

    name = "rapuh"

    def score(self, rubric: Rubric, inputs: Mapping[str, IndicatorInput]) -> ModelResult:
        table: dict[str, int] = {}
        return ModelResult(table["x"], 0, ())  # MODEL-RAISES


class BrittleReader:
    """A reader that fails after the first item."""

    name = "rapuh-csv"
    suffixes = (".rapuh",)
    options = ()

    def read(self, path: Path, **options: Any) -> Iterator[Evidence]:
        yield Evidence("ktp", "papan_informasi", True)
        raise ZeroDivisionError("division by zero in the reader")  # READER-RAISES


def _plugin() -> Plugin:
    return Plugin(
        module(
            "rapuh",
            pelayanan_scoring_models=lambda: [Brittle()],
            pelayanan_evidence_readers=lambda: [BrittleReader()],
            pelayanan_rubrics=lambda: [rubric_data("rapuh", scoring={"model": "rapuh"})],
        ),
        "rapuh",
        "pelayanan-rapuh",
        "0.3.1",
    )


def test_a_hook_that_raises_while_loading_keeps_its_cause_and_location() -> None:
    def pelayanan_rubrics() -> list[object]:
        return [{}["x"]]  # HOOK-RAISES

    with pytest.raises(PluginError) as caught:
        registry(
            Plugin(module("kunci", pelayanan_rubrics=pelayanan_rubrics), "kunci", "d", "2")
        ).load()
    [problem] = caught.value.problems
    assert problem.kind is ProblemKind.RAISED
    assert isinstance(problem.cause, KeyError)
    assert caught.value.__cause__ is problem.cause
    assert str(problem) == (
        "plugin 'kunci' (distribution d 2): pelayanan_rubrics: raised KeyError: 'x' "
        f"(at {HERE}:{_line_of('HOOK-RAISES')})"
    )


def test_assess_names_the_plugin_whose_model_raised() -> None:
    found = registry(_plugin(), strict=True)
    with pytest.raises(PluginError) as caught:
        assess(
            "rapuh",
            [Evidence("ktp", "papan_informasi", True), Evidence("ktp", "loket", 1)],
            registry=found,
        )
    [problem] = caught.value.problems
    assert problem.plugin == "rapuh"
    assert str(problem) == (
        "plugin 'rapuh' (distribution pelayanan-rapuh 0.3.1): scoring model 'rapuh' raised "
        f"KeyError: 'x' (at {HERE}:{_line_of('MODEL-RAISES')})"
    )
    assert isinstance(caught.value.__cause__, KeyError)


def _cli(monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str]:
    monkeypatch.setitem(_registry._DEFAULTS, False, registry(_plugin(), strict=False))
    err = io.StringIO()
    code = main(list(argv), Console(io.StringIO(), err))
    return code, err.getvalue()


@pytest.fixture
def evidence_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bukti.csv"
    path.write_text("unit,indicator,value\nktp,papan_informasi,1\nktp,loket,0\n", encoding="utf-8")
    return path


def test_the_cli_names_the_plugin_whose_model_raised_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, evidence_csv: Path
) -> None:
    monkeypatch.delenv("PELAYANAN_DEBUG", raising=False)
    monkeypatch.delenv("PELAYANAN_LANG")  # this one test speaks the default, Indonesian
    code, err = _cli(monkeypatch, "score", "--rubric", "rapuh", "--evidence", str(evidence_csv))
    assert code == 1
    assert "Traceback" not in err
    # "plugin 'rapuh' (distribution ...): scoring model 'rapuh' raised KeyError ... (at ...)"
    assert (
        "plugin 'rapuh' (distribusi pelayanan-rapuh 0.3.1): model penskoran 'rapuh' memunculkan "
        f"KeyError: 'x' (di {HERE}:{_line_of('MODEL-RAISES')})"
    ) in err
    # the hint in the default language, Indonesian: "run with --debug ... full traceback"
    assert "jalankan dengan --debug atau PELAYANAN_DEBUG=1" in err


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_shows_the_full_traceback_with_the_cause(
    monkeypatch: pytest.MonkeyPatch, evidence_csv: Path, how: str
) -> None:
    argv = ["score", "--rubric", "rapuh", "--evidence", str(evidence_csv)]
    if how == "option":
        argv.insert(0, "--debug")
    else:
        monkeypatch.setenv("PELAYANAN_DEBUG", "1")
    code, err = _cli(monkeypatch, *argv)
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert f'File "{HERE}", line {_line_of("MODEL-RAISES")}, in score' in err
    assert "The above exception was the direct cause of the following exception" in err


def test_the_cli_names_the_plugin_whose_reader_raised(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PELAYANAN_DEBUG", raising=False)
    path = tmp_path / "bukti.rapuh"
    path.write_text("anything", encoding="utf-8")
    code, err = _cli(
        monkeypatch, "score", "--rubric", "rapuh", "--evidence", str(path), "--missing", "zero"
    )
    assert code == 1
    assert "Traceback" not in err
    assert (
        "plugin 'rapuh' (distribution pelayanan-rapuh 0.3.1): reader 'rapuh-csv' raised "
        "ZeroDivisionError: division by zero in the reader "
        f"(at {HERE}:{_line_of('READER-RAISES')})"
    ) in err


def test_a_fault_of_pelayanan_itself_is_not_blamed_on_a_plugin() -> None:
    found = registry(_plugin(), strict=True)
    with pytest.raises(ValueError, match="weight") as caught:
        Indicator("i", "I", weight=-1)
    # Leave out this test's own frame (this file also defines the plugin's classes): what
    # remains runs only pelayanan's code.
    error = caught.value
    assert error.__traceback__ is not None
    error = error.with_traceback(error.__traceback__.tb_next)
    assert found.blame(error) is None
    assert found.blame(BrittleError()) is None  # never raised: no traceback at all

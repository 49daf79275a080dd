"""Hooks are called once, through pluggy, for all plugins; every answer keeps its plugin."""

from __future__ import annotations

import pytest

from pelayanan.plugins import Plugin, ProblemKind, hookimpl

from ._helpers import module, providing, registry, rubric_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")


def test_each_hook_is_called_once_for_every_plugin_and_answers_stay_attributed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    calls: list[str] = []

    def validate(rubric: object) -> list[str]:
        calls.append(f"validate {getattr(rubric, 'ref', '?')}")
        return []

    def broken() -> list[object]:
        calls.append("broken rubrics")
        raise LookupError("no rubric table")

    def nothing() -> None:
        calls.append("empty zone schemes")

    satu = providing("satu", rubric_data("satu"))
    dua = providing("dua", rubric_data("dua"), pelayanan_validate_rubric=validate)
    tiga = Plugin(module("tiga", pelayanan_zone_schemes=nothing), "tiga", "dist-tiga", "3.0")
    # Registered last, so pluggy calls it first: its exception must not stop the others.
    rusak = Plugin(module("rusak", pelayanan_rubrics=broken), "rusak", "dist-rusak", "0.9")
    found = registry(satu, dua, tiga, rusak, strict=False, trace=True)
    found.load()

    trace = capsys.readouterr().err.splitlines()
    hook_calls = [line.strip() for line in trace if line.endswith("[hook]")]
    started = [line.removesuffix(" [hook]") for line in hook_calls if " " not in line[:-7]]
    # One pluggy call per hook (before: one per plugin), one validation per rubric.
    assert started == [
        "pelayanan_scoring_models",
        "pelayanan_evidence_readers",
        "pelayanan_zone_schemes",
        "pelayanan_rubrics",
        "pelayanan_validate_rubric",
        "pelayanan_validate_rubric",
    ]
    assert calls == [
        "empty zone schemes",
        "broken rubrics",
        "validate satu@1",
        "validate dua@1",
    ]
    assert [r.ref for r in found.rubrics()] == ["dua@1", "satu@1"]
    assert found.provider("rubric", "satu").name == "satu"
    assert found.provider("rubric", "dua@1").distribution == "dist-dua"
    assert [info.name for info in found.plugins] == ["satu", "dua", "tiga"]
    (problem,) = found.problems
    assert problem.kind is ProblemKind.RAISED
    assert (problem.plugin, problem.distribution, problem.version) == (
        "rusak",
        "dist-rusak",
        "0.9",
    )
    assert problem.hook == "pelayanan_rubrics"
    assert "raised LookupError: no rubric table (at " in problem.message
    assert f"{__file__}:" in problem.message  # the line in the plugin that raised
    assert isinstance(problem.cause, LookupError)


def test_a_validator_that_raises_is_named_and_the_other_validators_still_answer() -> None:
    def strict_house_rules(rubric: object) -> list[str]:
        raise ValueError("rules file missing")

    def titles(rubric: object) -> list[str]:
        return ["every title needs an English text"]

    rules = providing("aturan", pelayanan_validate_rubric=strict_house_rules)
    judul = providing("judul", pelayanan_validate_rubric=titles)
    found = registry(providing("satu", rubric_data("satu")), rules, judul, strict=False)
    kinds = sorted((p.plugin, p.kind.value) for p in found.problems)
    assert kinds == [("aturan", "raised"), ("judul", "check")]
    checked = next(p for p in found.problems if p.kind is ProblemKind.CHECK)
    assert checked.other == "plugin 'satu' (distribution dist-satu 1.0)"
    assert "rubric satu@1 (from plugin 'satu' (distribution dist-satu 1.0)) fails a check" in str(
        checked
    )


def test_a_plugin_object_with_methods_and_hookimpl_options_is_called_once() -> None:
    class Hooks:
        def __init__(self) -> None:
            self.calls = 0

        @hookimpl
        def pelayanan_rubrics(self) -> list[object]:
            self.calls += 1
            return [rubric_data("kelas")]

        @hookimpl(tryfirst=True)
        def pelayanan_validate_rubric(self, rubric: object) -> list[str]:
            return []

    hooks = Hooks()
    found = registry(Plugin(hooks, "kelas", "dist-kelas", "1"))
    assert [r.ref for r in found.rubrics()] == ["kelas@1"]
    assert hooks.calls == 1
    assert found.plugin("kelas").provides.validates_rubrics

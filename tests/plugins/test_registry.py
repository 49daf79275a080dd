"""The registry: lazy, finds the built-ins through the entry point, looks things up."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import pelayanan.plugins
from pelayanan import NotFoundError
from pelayanan._model import Rubric
from pelayanan._model.refs import find_ref, version_key
from pelayanan._model.tailoring import Overlay
from pelayanan._scoring import BUILTIN_MODELS, WeightedMean
from pelayanan.plugins import Plugin, Registry, get_registry, hookimpl
from pelayanan.plugins._hookspecs import HOOK_NAMES

from ._helpers import module, providing, registry, rubric_data, zone_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")


def test_creating_a_registry_calls_nothing_until_first_use() -> None:
    calls: list[str] = []

    def pelayanan_rubrics() -> list[object]:
        calls.append("rubrics")
        return [rubric_data()]

    found = registry(Plugin(module("lazy", pelayanan_rubrics=pelayanan_rubrics), "lazy"))
    assert calls == []
    assert "not loaded yet" in repr(found)
    found.rubrics()
    found.rubrics()
    assert calls == ["rubrics"]
    assert "plugins=1" in repr(found)


def test_the_builtin_plugin_comes_through_the_real_entry_point() -> None:
    found = Registry(environ={})
    builtin = found.plugin("builtin")
    assert builtin.distribution == "pelayanan"
    assert builtin.version == pelayanan.__version__
    assert builtin.target == "pelayanan.plugins._builtin"
    assert "skm-2017@2017" in builtin.provides.rubrics
    assert "skm-2017@2017" in builtin.provides.zone_schemes
    assert set(builtin.provides.scoring_models) == set(BUILTIN_MODELS)
    assert found.problems == ()


def test_rubrics_by_id_and_by_id_at_version() -> None:
    found = Registry(environ={})
    latest = found.get_rubric("skm-2017")
    assert (latest.id, latest.version) == ("skm-2017", "2017")
    assert found.get_rubric("skm-2017@2017") is latest
    assert found.get_zone_scheme(latest.zone_scheme or "").id == "skm-2017"
    with pytest.raises(NotFoundError, match="no rubric 'skm-2017@1999' is registered; known: "):
        found.get_rubric("skm-2017@1999")


def test_the_highest_version_is_the_default() -> None:
    found = registry(
        providing("a", rubric_data("r", "9"), rubric_data("r", "10"), rubric_data("r", "2.5"))
    )
    assert found.versions("rubric", "r") == ("2.5", "9", "10")
    assert found.get_rubric("r").version == "10"
    assert [r.ref for r in found.rubrics()] == ["r@2.5", "r@9", "r@10"]


def test_version_order_compares_numbers_as_numbers() -> None:
    assert sorted(["2022.1", "2017", "2022", "v2", "v10"], key=version_key) == [
        "2017",
        "2022",
        "2022.1",
        "v2",
        "v10",
    ]


def test_rubric_objects_are_validated_and_kept() -> None:
    from pelayanan._model.convert import from_data

    given = from_data(Rubric, {k: v for k, v in rubric_data("obyek").items() if k != "$schema"})
    found = registry(providing("obj", given))
    assert found.get_rubric("obyek") == given


def test_scoring_models_and_readers_from_plugins() -> None:
    class Doubled(WeightedMean):
        name = "doubled"

    class CsvReader:
        name = "csv"
        suffixes = (".csv",)
        options = ()

        def read(self, path: Path, **options: object) -> list[object]:
            return []

    plugin = Plugin(
        module(
            "alat",
            pelayanan_scoring_models=lambda: [Doubled()],
            pelayanan_evidence_readers=lambda: [CsvReader()],
        ),
        "alat",
    )
    found = registry(plugin)
    assert isinstance(found.get_scoring_model("doubled"), Doubled)
    assert found.reader_for("survei.CSV").name == "csv"
    assert found.get_evidence_reader("csv").suffixes == (".csv",)
    assert found.plugin("alat").provides.evidence_readers == ("csv",)
    with pytest.raises(NotFoundError, match=r"no evidence reader reads '\.xlsx'"):
        found.reader_for("data.xlsx")


def test_builtin_reader_is_found_by_suffix() -> None:
    assert Registry(environ={}).reader_for("bukti.yaml").name == "document"


def test_check_rubric_runs_every_validator_on_any_rubric() -> None:
    def pelayanan_validate_rubric(rubric: object) -> list[str]:
        return ["every rubric needs a source"]

    checker = Plugin(
        module("aturan", pelayanan_validate_rubric=pelayanan_validate_rubric), "aturan"
    )
    found = registry(checker)
    other = Registry(environ={}).get_rubric("skm-2017")
    [problem] = found.check_rubric(other)
    assert problem.plugin == "aturan"
    assert "rubric skm-2017@2017 fails a check: every rubric needs a source" in problem.message
    assert found.plugin("aturan").provides.validates_rubrics


def test_plugin_lookup_by_distribution_name() -> None:
    found = registry(providing("kota", rubric_data()))
    assert found.plugin("Dist_Kota").name == "kota"
    with pytest.raises(NotFoundError, match="no plugin 'desa' is loaded; loaded: kota"):
        found.plugin("desa")


def test_class_instances_work_as_plugins() -> None:
    class Publisher:
        @hookimpl
        def pelayanan_zone_schemes(self) -> list[object]:
            return [zone_data("zona-kelas")]

    found = registry(Plugin(Publisher(), "kelas"))
    assert found.get_zone_scheme("zona-kelas@1").maximum == Fraction(100)


def test_tracing_writes_hook_calls_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    found = registry(providing("jejak", rubric_data()), environ={"PELAYANAN_TRACE_PLUGINS": "1"})
    found.load()
    err = capsys.readouterr().err
    assert "pelayanan_rubrics" in err
    assert "plugin 'jejak'" in err
    assert "[hook]" in err  # pluggy's own call tracing


def test_no_tracing_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    registry(providing("sunyi", rubric_data())).load()
    assert capsys.readouterr().err == ""


def test_get_registry_is_shared_and_strict() -> None:
    first = get_registry()
    assert get_registry() is first
    assert first.strict
    assert get_registry(refresh=True) is not first


def test_every_hook_is_specified_with_a_docstring() -> None:
    from pelayanan.plugins import hookspecs

    found = Registry(discover=False, environ={})
    for name in HOOK_NAMES:
        assert name.startswith("pelayanan_")
        caller = getattr(found.plugin_manager.hook, name)
        assert caller.has_spec()
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "When it is called" in doc
        assert "How results combine" in doc


def test_one_get_registry_strict_or_lenient() -> None:
    strict, lenient = get_registry(), get_registry(strict=False)
    assert strict.strict
    assert not lenient.strict
    assert get_registry(strict=False) is lenient
    assert get_registry(strict=False, refresh=True) is not lenient
    assert get_registry() is strict


def test_one_lookup_of_id_or_id_at_version() -> None:
    keys = ["skm@9", "skm@10", "skm@2017.1", "ikm@2004"]
    assert find_ref(keys, "skm") == "skm@2017.1"  # 9 < 10 < 2017.1, as numbers
    assert find_ref(keys, "skm@9") == "skm@9"
    assert find_ref(keys, "skm@8") is None
    assert find_ref(keys, "pekppp") is None
    overlay = Overlay(id="o", version="1", base="skm-2017@2017")
    assert (overlay.base_id, overlay.base_version) == ("skm-2017", "2017")

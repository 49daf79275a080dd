"""Every fault is blamed on the plugin, its distribution and version (strict registries)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelayanan import NotFoundError, PluginError
from pelayanan.plugins import Plugin, ProblemKind, Registry
from pelayanan.testing._fixtures import isolated_registry

from ._helpers import module, providing, registry, rubric_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")


def test_a_plugin_that_raises_is_named_with_distribution_and_version() -> None:
    def pelayanan_rubrics() -> list[object]:
        raise RuntimeError("database of rubrics is down")

    broken = Plugin(module("kota", pelayanan_rubrics=pelayanan_rubrics), "kota", "dist-kota", "2.1")
    with pytest.raises(PluginError) as error:
        registry(broken).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.RAISED
    assert (problem.plugin, problem.distribution, problem.version) == ("kota", "dist-kota", "2.1")
    assert problem.hook == "pelayanan_rubrics"
    text = str(error.value)
    assert "plugin 'kota' (distribution dist-kota 2.1)" in text
    assert "RuntimeError: database of rubrics is down" in text


def test_a_plugin_returning_a_non_document_item() -> None:
    with pytest.raises(PluginError) as error:
        registry(providing("angka", 42)).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.WRONG_TYPE
    assert problem.plugin == "angka"
    assert problem.distribution == "dist-angka"
    assert "item 0 is int 42" in problem.message
    assert "expected a Rubric, an Overlay, a mapping or a path" in problem.message


def test_a_plugin_returning_something_other_than_a_list() -> None:
    plugin = Plugin(module("tunggal", pelayanan_zone_schemes=lambda: 7), "tunggal", "d", "1")
    with pytest.raises(PluginError) as error:
        registry(plugin).load()
    assert error.value.problems[0].kind is ProblemKind.WRONG_TYPE
    assert "returned int 7; expected a list" in str(error.value)


def test_a_scoring_model_that_does_not_follow_the_protocol() -> None:
    plugin = Plugin(module("model", pelayanan_scoring_models=lambda: ["mean"]), "model", "d", "1")
    with pytest.raises(PluginError) as error:
        registry(plugin).load()
    assert error.value.problems[0].kind is ProblemKind.WRONG_TYPE
    assert "ScoringModel protocol" in str(error.value)


def test_a_schema_invalid_rubric_mapping_shows_plugin_distribution_and_pointer() -> None:
    bad = rubric_data()
    bad["children"][1]["weight"] = "banyak"  # not a number
    with pytest.raises(PluginError) as error:
        registry(providing("salah", bad)).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.INVALID
    assert (problem.plugin, problem.distribution, problem.version) == ("salah", "dist-salah", "1.0")
    assert problem.pointer is not None
    assert problem.pointer.startswith("/children/1/weight")
    assert "plugin 'salah' (distribution dist-salah 1.0)" in str(error.value)
    assert "/children/1/weight" in str(error.value)


def test_a_schema_invalid_rubric_file_shows_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "rubrik.yaml"
    path.write_text(
        "$schema: https://schemas.pelayanan.invalid/v1/rubric.json\n"
        "id: contoh\n"
        'version: "1"\n'
        "title: Contoh\n"
        "children:\n"
        "  - id: loket\n"
        "    title: Loket\n"
        "    weight: banyak\n",  # line 8
        encoding="utf-8",
    )
    with pytest.raises(PluginError) as error:
        registry(providing("berkas", path)).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.INVALID
    assert problem.source == str(path)
    assert problem.pointer is not None
    assert problem.pointer.startswith("/children/0/weight")
    assert problem.line == 8
    assert f"{path}:8" in str(error.value)


def test_a_missing_file_is_blamed_on_the_plugin(tmp_path: Path) -> None:
    with pytest.raises(PluginError) as error:
        registry(providing("hilang", tmp_path / "tidak-ada.yaml")).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.INVALID
    assert problem.plugin == "hilang"
    assert problem.source == str(tmp_path / "tidak-ada.yaml")


def test_two_plugins_with_the_same_rubric_conflict_naming_both() -> None:
    first = providing("provinsi", rubric_data("skm-daerah", "2024"))
    second = providing("kota", rubric_data("skm-daerah", "2024"))
    with pytest.raises(PluginError) as error:
        registry(first, second).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.CONFLICT
    text = str(problem)
    assert "skm-daerah@2024" in text
    assert "plugin 'provinsi' (distribution dist-provinsi 1.0)" in text
    assert "plugin 'kota' (distribution dist-kota 1.0)" in text
    assert "PELAYANAN_REPLACES" in text


def test_a_different_version_of_the_same_rubric_is_no_conflict() -> None:
    found = registry(
        providing("lama", rubric_data("skm-daerah", "2023")),
        providing("baru", rubric_data("skm-daerah", "2024")),
    )
    assert found.get_rubric("skm-daerah").version == "2024"
    assert found.provider("rubric", "skm-daerah@2023").name == "lama"


def test_a_plugin_that_declares_it_replaces_the_other_wins() -> None:
    base = providing("provinsi", rubric_data("skm-daerah", "2024", title="Lama"))
    newer = providing(
        "kota",
        rubric_data("skm-daerah", "2024", title="Baru"),
        PELAYANAN_REPLACES=["dist-provinsi"],
    )
    found = registry(base, newer)
    assert found.get_rubric("skm-daerah@2024").title.get("id") == "Baru"
    assert found.provider("rubric", "skm-daerah@2024").name == "kota"
    [(kind, key, kept, replaced)] = found.replacements
    assert (kind, key, kept.name, replaced.name) == (
        "rubric",
        "skm-daerah@2024",
        "kota",
        "provinsi",
    )


def test_plugins_that_replace_each_other_still_conflict() -> None:
    one = providing("satu", rubric_data("r"), PELAYANAN_REPLACES=["dua"])
    two = providing("dua", rubric_data("r"), PELAYANAN_REPLACES=["satu"])
    with pytest.raises(PluginError) as error:
        registry(one, two).load()
    assert error.value.problems[0].kind is ProblemKind.CONFLICT


def test_a_blocked_plugin_is_not_loaded_through_the_api() -> None:
    calls: list[str] = []

    def pelayanan_rubrics() -> list[object]:
        calls.append("called")
        raise RuntimeError("must not be called")

    blocked = Plugin(module("diblokir", pelayanan_rubrics=pelayanan_rubrics), "diblokir", "d", "1")
    found = registry(blocked, providing("baik", rubric_data()), disabled=["diblokir"])
    assert [info.name for info in found.plugins] == ["baik"]
    assert [info.name for info in found.blocked] == ["diblokir"]
    assert calls == []


def test_a_blocked_plugin_is_not_loaded_through_the_environment() -> None:
    blocked = providing("diblokir", 42)
    found = registry(
        blocked,
        providing("baik", rubric_data()),
        environ={"PELAYANAN_DISABLE_PLUGINS": " x, dist-diblokir"},
    )
    assert [info.name for info in found.plugins] == ["baik"]
    assert [info.distribution for info in found.blocked] == ["dist-diblokir"]


def test_blocking_an_entry_point_by_name_skips_its_import() -> None:
    found = Registry(environ={"PELAYANAN_DISABLE_PLUGINS": "builtin"})
    assert "builtin" not in [info.name for info in found.plugins]
    assert "builtin" in [info.name for info in found.blocked]
    with pytest.raises(NotFoundError):
        found.get_rubric("skm-2017")


def test_a_misspelt_hook_name_is_reported_with_a_suggestion() -> None:
    typo = Plugin(module("typo", pelayanan_rubric=lambda: []), "typo", "dist-typo", "0.3")
    with pytest.raises(PluginError) as error:
        registry(typo).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.UNKNOWN_HOOK
    assert problem.hook == "pelayanan_rubric"
    assert "did you mean 'pelayanan_rubrics'" in problem.message
    assert "plugin 'typo' (distribution dist-typo 0.3)" in str(error.value)


def test_a_hook_without_the_hookimpl_mark_is_reported() -> None:
    plugin = Plugin(module("lupa", _unmarked_pelayanan_rubrics=lambda: []), "lupa", "d", "1")
    with pytest.raises(PluginError) as error:
        registry(plugin).load()
    assert error.value.problems[0].kind is ProblemKind.UNKNOWN_HOOK
    assert "not marked with @hookimpl" in str(error.value)


def test_a_hook_with_a_wrong_argument_is_reported() -> None:
    plugin = Plugin(
        module("argumen", pelayanan_validate_rubric=lambda rubrik: []), "argumen", "d", "1"
    )
    with pytest.raises(PluginError) as error:
        registry(plugin).load()
    assert error.value.problems[0].kind is ProblemKind.LOAD
    assert "rubrik" in str(error.value)


def test_a_failed_check_refuses_the_rubric_and_names_both_plugins() -> None:
    checker = Plugin(
        module("aturan", pelayanan_validate_rubric=lambda rubric: ["needs a source"]),
        "aturan",
        "dist-aturan",
        "1.0",
    )
    with pytest.raises(PluginError) as error:
        registry(providing("penerbit", rubric_data()), checker).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.CHECK
    assert problem.plugin == "aturan"
    assert problem.other == "plugin 'penerbit' (distribution dist-penerbit 1.0)"
    assert "rubric contoh@1" in problem.message
    assert "needs a source" in problem.message


def test_a_validator_returning_the_wrong_type_is_reported() -> None:
    checker = Plugin(
        module("aneh", pelayanan_validate_rubric=lambda rubric: "bad"), "aneh", "d", "1"
    )
    with pytest.raises(PluginError) as error:
        registry(providing("penerbit", rubric_data()), checker).load()
    assert error.value.problems[0].kind is ProblemKind.WRONG_TYPE
    assert error.value.problems[0].plugin == "aneh"


def test_a_broken_import_is_blamed_on_the_entry_point() -> None:
    from pelayanan.plugins._discovery import Candidate, PluginInfo
    from pelayanan.plugins._manager import Manager

    def load() -> object:
        raise ImportError("No module named 'kota_hilang'")

    info = PluginInfo("hilang", "dist-hilang", "0.1", "kota_hilang.plugin")
    problem = Manager().register(Candidate(info, load))
    assert problem is not None
    assert problem.kind is ProblemKind.LOAD
    assert "could not load kota_hilang.plugin: ImportError" in str(problem)
    assert "plugin 'hilang' (distribution dist-hilang 0.1)" in str(problem)


def test_a_rubric_naming_an_unregistered_zone_scheme_is_refused() -> None:
    with pytest.raises(PluginError) as error:
        registry(providing("kota", rubric_data(zone_scheme="zona-tidak-ada"))).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.INVALID
    assert problem.pointer == "/zone_scheme"
    assert "zona-tidak-ada" in problem.message


def test_a_rubric_may_use_a_scoring_model_from_another_plugin() -> None:
    from pelayanan._scoring import WeightedMean

    class House(WeightedMean):
        name = "house_mean"

    models = Plugin(module("model", pelayanan_scoring_models=lambda: [House()]), "model")
    rubric = rubric_data(scoring={"model": "house_mean"})
    found = registry(providing("kota", rubric), models)
    assert found.get_rubric("contoh").scoring.model == "house_mean"
    with pytest.raises(PluginError, match="house_mean"):
        registry(providing("kota", rubric)).load()


def _skm_copy(title: str) -> dict[str, object]:
    """A rubric document reusing the built-in ``skm-2017@2017`` id and version."""
    return rubric_data("skm-2017", "2017", title=title)


def test_a_plugin_reusing_a_built_in_id_leaves_the_built_in_in_place_and_is_blamed() -> None:
    shadow = providing("bayangan", _skm_copy("Tiruan"), rubric_data("milik-bayangan"))
    found = isolated_registry(shadow, strict=False)
    # The national rubric is still there, the built-in one (not the plugin's copy).
    assert found.provider("rubric", "skm-2017@2017").name == "builtin"
    assert found.get_rubric("skm-2017@2017").title.get("id") != "Tiruan"
    [problem] = found.problems
    assert problem.kind is ProblemKind.CONFLICT
    assert problem.plugin == "bayangan"  # the plugin to fix, not the built-in
    assert str(problem) == (
        "plugin 'bayangan' (distribution dist-bayangan 1.0): provides rubric skm-2017@2017, "
        "which pelayanan has built in; the built-in is used and this one is left out. Give it "
        "its own id or version, or declare PELAYANAN_REPLACES = ['pelayanan'] in the plugin "
        "to replace the built-in on purpose"
    )
    # A strict registry raises that same problem.
    with pytest.raises(PluginError) as error:
        isolated_registry(shadow).load()
    assert error.value.problems[0].plugin == "bayangan"


def test_a_plugin_declaring_it_replaces_the_built_in_does() -> None:
    replacing = providing("pengganti", _skm_copy("Pengganti"), PELAYANAN_REPLACES=["pelayanan"])
    found = isolated_registry(replacing)
    assert found.get_rubric("skm-2017@2017").title.get("id") == "Pengganti"
    assert found.provider("rubric", "skm-2017@2017").name == "pengganti"

"""Overlays among a plugin's rubrics are applied to their base from the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pelayanan import PluginError
from pelayanan._model.tailoring import Overlay
from pelayanan.plugins import ProblemKind

from ._helpers import providing, registry, rubric_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")

OVERLAY_SCHEMA = "https://schemas.pelayanan.invalid/v1/overlay.json"


def overlay_data(overlay_id: str, base: str, **changes: Any) -> dict[str, Any]:
    return {"$schema": OVERLAY_SCHEMA, "id": overlay_id, "version": "1", "base": base, **changes}


def test_an_overlay_is_applied_to_a_base_from_another_plugin() -> None:
    found = registry(
        providing("pusat", rubric_data("nasional", "2024")),
        providing("kota", overlay_data("kota", "nasional", drop=["loket"])),
    )
    tailored = found.get_rubric("kota")
    assert [i.id for i in tailored.indicators()] == ["papan_informasi"]
    assert tailored.metadata.base == "nasional@2024"
    assert found.provider("rubric", "kota@1").name == "kota"
    assert found.plugin("kota").provides.rubrics == ("kota@1",)


def test_overlays_chain_in_any_order() -> None:
    found = registry(
        providing("desa", overlay_data("desa", "kota", rename={"loket": "Meja layanan"})),
        providing("kota", overlay_data("kota", "nasional@2024", drop=["papan_informasi"])),
        providing("pusat", rubric_data("nasional", "2024")),
    )
    desa = found.get_rubric("desa")
    assert [i.title.get("id") for i in desa.indicators()] == ["Meja layanan"]
    assert desa.metadata.base == "nasional@2024"  # the first base of the chain


def test_an_overlay_object_is_accepted() -> None:
    found = registry(
        providing("pusat", rubric_data("nasional")),
        providing("kota", Overlay("kota", "1", "nasional", drop=["loket"])),
    )
    assert found.get_rubric("kota@1").metadata.changes[0].action == "drop"


def test_an_overlay_without_its_base_is_blamed_on_its_plugin() -> None:
    with pytest.raises(PluginError) as error:
        registry(providing("kota", overlay_data("kota", "tidak-ada"))).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.INVALID
    assert problem.plugin == "kota"
    assert "base rubric 'tidak-ada' is not registered" in problem.message


def test_an_overlay_naming_an_unknown_indicator_is_blamed_on_its_plugin() -> None:
    found = registry(
        providing("pusat", rubric_data("nasional")),
        providing("kota", overlay_data("kota", "nasional", drop=["tidak_ada"])),
        strict=False,
    )
    [problem] = found.problems
    assert (problem.kind, problem.plugin, problem.distribution) == (
        ProblemKind.INVALID,
        "kota",
        "dist-kota",
    )
    assert "overlay kota@1 does not fit nasional@1" in problem.message
    assert "tidak_ada" in problem.message
    assert [r.ref for r in found.rubrics()] == ["nasional@1"]


def test_a_schema_invalid_overlay_shows_the_pointer() -> None:
    with pytest.raises(PluginError) as error:
        registry(providing("kota", overlay_data("kota", "nasional", drop="loket"))).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.INVALID
    assert problem.pointer is not None
    assert problem.pointer.startswith("/drop")


def test_an_overlay_result_conflicting_with_a_rubric_is_a_conflict() -> None:
    with pytest.raises(PluginError) as error:
        registry(
            providing("pusat", rubric_data("nasional"), rubric_data("kota")),
            providing("kota", overlay_data("kota", "nasional", drop=["loket"])),
        ).load()
    problem = error.value.problems[0]
    assert problem.kind is ProblemKind.CONFLICT
    assert "kota@1" in problem.message


def test_an_overlay_file_that_does_not_fit_shows_its_line(tmp_path: Path) -> None:
    path = tmp_path / "kota.yaml"
    path.write_text(
        f"$schema: {OVERLAY_SCHEMA}\n"
        "id: kota\n"
        'version: "1"\n'
        "base: nasional\n"
        "drop:\n"
        "  - tidak_ada\n",  # line 6: no such indicator in the base
        encoding="utf-8",
    )
    found = registry(
        providing("pusat", rubric_data("nasional")), providing("kota", path), strict=False
    )
    [problem] = found.problems
    assert problem.plugin == "kota"
    assert problem.source == str(path)
    assert problem.line == 6
    assert "tidak_ada" in problem.message

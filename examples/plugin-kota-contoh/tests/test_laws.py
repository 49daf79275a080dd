"""Kota Contoh's tailored SKM obeys pelayanan's rubric laws (fixtures of pelayanan's pytest
plugin; the plugin is given to a fresh registry, so nothing else installed interferes)."""

from __future__ import annotations

from collections.abc import Callable

import pelayanan_kota_contoh.plugin as kota
import pytest

from pelayanan.plugins import Plugin, Registry

pytest.importorskip("hypothesis", reason="the rubric laws need pelayanan[kit]")

from pelayanan.testing import LAWS, RubricLaws


@pytest.fixture
def registry(pelayanan_registry_factory: Callable[..., Registry]) -> Registry:
    """pelayanan's built-ins (the base rubric) and this plugin, nothing else."""
    return pelayanan_registry_factory(Plugin(kota, "kota-contoh", "pelayanan-kota-contoh"))


@pytest.mark.parametrize("law", LAWS)
def test_the_tailored_skm_obeys_the_law(
    law: str, registry: Registry, rubric_laws: RubricLaws
) -> None:
    # the zone scheme the rubric declares (zona-skm-kota-contoh) is taken from the registry
    rubric_laws.run(law, "skm-kota-contoh@2024")


def test_the_zone_scheme_alone_obeys_the_zones_law(
    registry: Registry, rubric_laws: RubricLaws
) -> None:
    rubric = registry.get_rubric("skm-kota-contoh")
    rubric_laws.run("zones", rubric, zone_scheme="zona-skm-kota-contoh@2024")


def test_the_registry_holds_only_what_this_test_gave_it(registry: Registry) -> None:
    assert [info.name for info in registry.plugins] == ["builtin", "kota-contoh"]

"""Tests of the Kota Contoh plugin, run with the plugin installed (entry point in place)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pelayanan import Evidence, assess
from pelayanan.plugins import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    """A strict registry: any fault in this plugin fails the tests."""
    return Registry(environ={})


def test_the_plugin_is_found_through_its_entry_point(registry: Registry) -> None:
    info = registry.plugin("kota-contoh")
    assert info.distribution == "pelayanan-kota-contoh"
    assert info.provides.rubrics == ("skm-kota-contoh@2024",)
    assert info.provides.zone_schemes == ("zona-skm-kota-contoh@2024",)
    assert registry.problems == ()


def test_one_element_is_substituted(registry: Registry) -> None:
    rubric = registry.get_rubric("skm-kota-contoh")
    ids = [indicator.id for indicator in rubric.indicators()]
    assert len(ids) == 9
    assert "sarana_digital" in ids
    assert "sarana" not in ids
    assert rubric.metadata.base == "skm-2017@2017"
    done = {(change.target, change.action) for change in rubric.metadata.changes}
    assert ("sarana", "substitute") in done
    assert ("zone_scheme", "zone_scheme") in done


def test_a_good_unit_is_green(registry: Registry) -> None:
    # 4 and 3 from two respondents on every element: NRR 3.5, IKM 3.5, x25 = 87.50 (B, hijau)
    ids = [indicator.id for indicator in registry.get_rubric("skm-kota-contoh").indicators()]
    evidence = [Evidence("kelurahan-a", element, v) for v in (4, 3) for element in ids]
    card = assess("skm-kota-contoh", evidence, registry=registry).cards[0]
    assert card.published == Decimal("87.50")
    assert card.zone is not None
    assert card.zone.id == "hijau"

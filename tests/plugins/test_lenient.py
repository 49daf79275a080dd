"""Lenient registries leave broken plugins out, load the rest and list the problems."""

from __future__ import annotations

import pytest

from pelayanan.plugins import Plugin, ProblemKind

from ._helpers import module, providing, registry, rubric_data, zone_data

# These tests read the English wording of plugin problems (tests/i18n checks Indonesian).
pytestmark = pytest.mark.usefixtures("english")


def test_one_broken_plugin_among_three_the_other_two_load() -> None:
    def pelayanan_zone_schemes() -> list[object]:
        raise ValueError("cannot read the city archive")

    broken = Plugin(
        module(
            "rusak",
            pelayanan_rubrics=lambda: [rubric_data("rusak-rubric")],
            pelayanan_zone_schemes=pelayanan_zone_schemes,
        ),
        "rusak",
        "dist-rusak",
        "0.9",
    )
    first = providing("provinsi", rubric_data("skm-provinsi"))
    third = Plugin(
        module("zona", pelayanan_zone_schemes=lambda: [zone_data("zona-kota")]), "zona", "z", "1"
    )
    found = registry(first, broken, third, strict=False)

    assert [info.name for info in found.plugins] == ["provinsi", "zona"]
    assert found.get_rubric("skm-provinsi").id == "skm-provinsi"
    assert found.get_zone_scheme("zona-kota").id == "zona-kota"
    # the broken plugin is left out whole, including the rubric it did return
    assert [r.id for r in found.rubrics()] == ["skm-provinsi"]
    [problem] = found.problems
    assert problem.kind is ProblemKind.RAISED
    assert (problem.plugin, problem.distribution, problem.version) == ("rusak", "dist-rusak", "0.9")
    assert "ValueError: cannot read the city archive" in str(problem)


def test_lenient_conflicts_drop_the_contested_entry_only() -> None:
    found = registry(
        providing(
            "a",
            rubric_data("sama"),
        ),
        providing("b", rubric_data("sama"), rubric_data("milik-b")),
        strict=False,
    )
    assert [r.id for r in found.rubrics()] == ["milik-b"]
    assert [p.kind for p in found.problems] == [ProblemKind.CONFLICT]
    assert [info.name for info in found.plugins] == ["a", "b"]
    assert found.plugin("b").provides.rubrics == ("milik-b@1",)


def test_lenient_lookup_of_a_missing_rubric_points_at_the_problems() -> None:
    found = registry(providing("x", 3), strict=False)
    with pytest.raises(KeyError) as error:
        found.get_rubric("apa-saja")
    assert "no rubric 'apa-saja' is registered" in str(error.value)
    assert "(1 plugin problem: see registry.problems)" in str(error.value)


def test_every_problem_of_every_broken_plugin_is_collected() -> None:
    typo = Plugin(module("typo", pelayanan_zone_scheme=lambda: []), "typo", "d", "1")
    found = registry(providing("angka", 1, 2), typo, providing("baik", rubric_data()), strict=False)
    kinds = sorted((p.plugin, p.kind.value) for p in found.problems)
    assert kinds == [("angka", "wrong-type"), ("angka", "wrong-type"), ("typo", "unknown-hook")]
    assert [info.name for info in found.plugins] == ["baik"]

"""pelayanan's pytest plugin: isolated registries, the rubric_laws fixture, --pelayanan-laws."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

import pytest

from pelayanan.plugins import Registry

INSTALLED = any(ep.name == "pelayanan" for ep in entry_points(group="pytest11"))
"""Whether the ``pytest11`` entry point is installed (else the plugin is named with -p)."""

PLUGIN = [] if INSTALLED else ["-p", "pelayanan.testing._pytest_plugin"]


@pytest.fixture(autouse=True, scope="module")
def _warm_modules() -> None:
    """Import everything an inner run uses before it starts: pytester drops the modules an
    inner run imported once it ends, and a second copy of a module (a second class of the
    same name) would then confuse the next inner run."""
    importlib.import_module("pelayanan.testing._law_items")
    importlib.import_module("pelayanan.testing._fixtures")
    importlib.import_module("pelayanan.testing.laws")
    Registry(strict=False).load()


A_PLUGIN = textwrap.dedent(
    """
    from pelayanan._model import Indicator, Rubric
    from pelayanan.plugins import hookimpl


    class Mine:
        @hookimpl
        def pelayanan_rubrics(self):
            return [Rubric("mine", "1", "Mine", [Indicator("i0", "I0"), Indicator("i1", "I1")])]
    """
)


def test_each_test_gets_a_fresh_registry_that_get_registry_returns(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        plugin_mine=A_PLUGIN,
        test_isolation="""
        from pelayanan.plugins import get_registry
        from plugin_mine import Mine

        def test_with_my_plugin(pelayanan_registry_factory):
            registry = pelayanan_registry_factory(Mine())
            assert get_registry() is registry
            assert "mine@1" in [r.ref for r in registry.rubrics()]
            assert "skm-2017@2017" in [r.ref for r in registry.rubrics()]

        def test_the_next_test_does_not_see_it(pelayanan_registry):
            assert get_registry() is pelayanan_registry
            assert "mine@1" not in [r.ref for r in pelayanan_registry.rubrics()]

        def test_without_builtins(pelayanan_registry_factory):
            registry = pelayanan_registry_factory(Mine(), builtin=False)
            assert [r.ref for r in registry.rubrics()] == ["mine@1"]
        """,
    )
    result = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_the_rubric_laws_fixture_passes_a_good_rubric_and_reports_a_broken_model(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        plugin_mine=A_PLUGIN,
        test_laws="""
        import attrs
        from pelayanan._model import ScoringSpec
        from pelayanan._scoring import WeightedMean
        from plugin_mine import Mine

        class Upside(WeightedMean):
            name = "upside"

            def score(self, rubric, inputs):
                result = super().score(rubric, inputs)
                if result.score is None:
                    return result
                return attrs.evolve(result, score=100 - result.score)

        def test_good(rubric_laws, pelayanan_registry_factory):
            pelayanan_registry_factory(Mine())
            rubric_laws.check("mine@1")

        def test_broken(rubric_laws, pelayanan_registry_factory):
            pelayanan_registry_factory(Mine())
            rubric = attrs.evolve(rubric_laws.rubric("mine"), scoring=ScoringSpec("upside"))
            rubric_laws.run("monotone", rubric, models={"upside": Upside()})
        """,
    )
    result = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*law 'monotone' does not hold for rubric mine@1*"])


def test_the_option_adds_a_test_per_law_and_rubric(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_nothing="def test_one(): pass")
    plain = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider", "--collect-only", "-q")
    assert "pelayanan-laws" not in plain.stdout.str()
    result = pytester.runpytest(
        *PLUGIN, "-p", "no:cacheprovider", "--pelayanan-laws", "--collect-only", "-q"
    )
    lines = result.stdout.str().splitlines()
    assert "pelayanan-laws::plugins" in lines
    assert "pelayanan-laws::builtin::skm-2017@2017::monotone" in lines
    assert "pelayanan-laws::builtin::ombudsman-2022@2022::round_trip" in lines


def test_law_items_run_and_a_conftest_can_expect_a_failure(pytester: pytest.Pytester) -> None:
    # The conftest expects the bounds law to fail for SKM. It holds, so the strict
    # expectation turns into a failure (XPASS(strict)): proof the hook marked the item.
    pytester.makeconftest(
        """
        def pytest_pelayanan_laws_xfail(rubric, law):
            if law == "bounds" and rubric.scoring.model == "survey_index":
                return "expected to fail for survey rubrics"
            return None
        """
    )
    result = pytester.runpytest(
        *PLUGIN,
        "-p",
        "no:cacheprovider",
        "--pelayanan-laws",
        "--pelayanan-laws-examples",
        "5",
        "-k",
        "plugins or (skm-2017 and (bounds or monotone))",
        "-rxs",
    )
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*XPASS(strict)*expected to fail for survey rubrics*"])


def test_loading_the_plugin_imports_neither_hypothesis_nor_the_kit() -> None:
    code = (
        "import sys, pelayanan.testing._pytest_plugin;"
        "print(sorted(m for m in sys.modules if m.startswith(('hypothesis', 'pelayanan.testing'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['pelayanan.testing', 'pelayanan.testing._pytest_plugin']"


def test_with_k_the_counts_include_the_law_items(pytester: pytest.Pytester) -> None:
    # The law items used to be added without a collection report: "collected 0 items / 64
    # deselected / -64 selected" while the one selected item ran.
    pytester.makepyfile(test_nothing="def test_one(): pass")
    result = pytester.runpytest(
        *PLUGIN, "-p", "no:cacheprovider", "--pelayanan-laws", "-k", "plugins"
    )
    result.assert_outcomes(passed=1)
    [line] = [text for text in result.outlines if text.startswith("collected")]
    collected, deselected, selected = map(int, re.findall(r"-?\d+", line))
    assert selected == 1
    assert deselected > 1
    assert collected == deselected + selected  # test_one is deselected too


BROKEN_PLUGIN_TEST = """
from pelayanan.plugins import hookimpl


class Broken:
    @hookimpl
    def pelayanan_rubrics(self):
        return [{}["x"]]


def test_my_plugin(pelayanan_registry_factory):
    pelayanan_registry_factory(Broken()).rubrics()
"""


@pytest.mark.usefixtures("english")  # the plugin problem's English wording is read
@pytest.mark.parametrize("debug", [False, True])
def test_a_plugin_problem_in_a_test_is_shown_in_a_few_lines(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    if debug:
        monkeypatch.setenv("PELAYANAN_DEBUG", "1")
    else:
        monkeypatch.delenv("PELAYANAN_DEBUG", raising=False)
    pytester.makepyfile(test_broken=BROKEN_PLUGIN_TEST)
    result = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    text = result.stdout.str()
    assert "pelayanan_rubrics: raised KeyError: 'x' (at " in text
    internals = "pelayanan/plugins/_build.py" in text
    if debug:
        assert internals
    else:
        # The test's own line, the problem and a hint: no frames of pelayanan or pluggy.
        assert not internals
        assert "test_broken.py:11 in test_my_plugin: pelayanan_registry_factory(Broken())" in text
        assert "set PELAYANAN_DEBUG=1 to see them" in text
        failure = text[text.index("___ test_my_plugin ___") : text.index("short test summary")]
        assert len(failure.splitlines()) < 15


BRITTLE_MODEL_TEST = """
from pelayanan._model import Indicator, Rubric, ScoringSpec
from pelayanan.plugins import Plugin, hookimpl
from pelayanan._scoring.models import WeightedMean


class Brittle(WeightedMean):
    name = "rapuh"

    def score(self, rubric, inputs):
        return {}["x"]


class Mine:
    @hookimpl
    def pelayanan_scoring_models(self):
        return [Brittle()]

    @hookimpl
    def pelayanan_rubrics(self):
        children = [Indicator("i0", "I0"), Indicator("i1", "I1")]
        return [Rubric("mine", "1", "Mine", children, scoring=ScoringSpec("rapuh"))]


def test_laws(rubric_laws, pelayanan_registry_factory):
    pelayanan_registry_factory(Plugin(Mine(), "mine", "pelayanan-mine", "0.2"))
    rubric_laws.check("mine@1")
"""


@pytest.mark.usefixtures("english")  # the plugin problem's English wording is read
def test_a_plugin_model_raising_in_a_law_is_named_in_a_few_lines(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the hook: the engine's, the laws' and Hypothesis's frames, and no plugin named.
    monkeypatch.delenv("PELAYANAN_DEBUG", raising=False)
    pytester.makepyfile(test_brittle=BRITTLE_MODEL_TEST)
    result = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    text = result.stdout.str()
    assert (
        "plugin 'mine' (distribution pelayanan-mine 0.2): scoring model 'rapuh' raised "
        "KeyError: 'x' (at "
    ) in text
    assert "test_brittle.py:10)" in text  # the line of the model that raised
    assert "pelayanan/_scoring/engine.py" not in text
    failure = text[text.index("___ test_laws ___") : text.index("short test summary")]
    assert len(failure.splitlines()) < 15

"""pytest plugin for rubric authors (registered through the ``pytest11`` entry point).

Loaded in every pytest run once pelayanan is installed, so it imports nothing heavy until a
fixture or the option is used, and it works without Hypothesis settings (or Hypothesis)
until then. Disable it with ``-p no:pelayanan``.

Fixtures:

``pelayanan_registry``
    a fresh :class:`~pelayanan.plugins.Registry` holding only the built-in plugin; it is
    also what :func:`~pelayanan.plugins.get_registry` (and so ``assess``) returns during the
    test, so no plugin leaks into or out of the test.
``pelayanan_registry_factory``
    ``make(*plugins, builtin=True, discover=False, strict=True)`` builds such a registry
    with your plugin objects (modules, objects or :class:`~pelayanan.plugins.Plugin`); the
    last one made is the test's :func:`~pelayanan.plugins.get_registry`.
``rubric_laws``
    a :class:`~pelayanan.testing._fixtures.RubricLaws`: ``rubric_laws.check(rubric)`` runs
    every law, ``rubric_laws.run("monotone", "skm-2017")`` one of them.

Option ``--pelayanan-laws`` adds a test per law for every rubric of every installed plugin
(node ids ``pelayanan-laws::<plugin>::<rubric>@<version>::<law>``, plus
``pelayanan-laws::plugins`` which fails when a plugin cannot be loaded);
``--pelayanan-laws-examples N`` sets the examples per law (default 20). A ``conftest.py`` can
expect a law to fail (strict xfail) by implementing the hook
``pytest_pelayanan_laws_xfail(config, plugin, rubric, law)`` and returning a reason.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pelayanan.plugins import Registry
    from pelayanan.testing._fixtures import RubricLaws

__all__ = [
    "pelayanan_registry",
    "pelayanan_registry_factory",
    "pytest_addhooks",
    "pytest_addoption",
    "pytest_collection_modifyitems",
    "pytest_runtest_makereport",
    "rubric_laws",
]

DEFAULT_EXAMPLES = 20
"""Examples per law for ``--pelayanan-laws`` unless ``--pelayanan-laws-examples`` says."""


class _Hooks:
    """The hook this plugin adds for ``conftest.py`` files."""

    @pytest.hookspec(firstresult=True)
    def pytest_pelayanan_laws_xfail(
        self, config: pytest.Config, plugin: str, rubric: Any, law: str
    ) -> str | None:
        """Return a reason to expect ``law`` to fail for ``rubric`` of ``plugin`` (a strict
        xfail: the test fails once the law holds, so the expectation gets removed), or
        ``None``."""


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    """Add the ``pytest_pelayanan_laws_xfail`` hook."""
    pluginmanager.add_hookspecs(_Hooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--pelayanan-laws`` and ``--pelayanan-laws-examples``."""
    group = parser.getgroup("pelayanan", "pelayanan rubric laws")
    group.addoption(
        "--pelayanan-laws",
        action="store_true",
        default=False,
        help="also run the rubric laws on every rubric of every installed pelayanan plugin",
    )
    group.addoption(
        "--pelayanan-laws-examples",
        type=int,
        default=DEFAULT_EXAMPLES,
        metavar="N",
        help=f"Hypothesis examples per law with --pelayanan-laws (default {DEFAULT_EXAMPLES})",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """With ``--pelayanan-laws``, add the law items (before ``-k``/``-m`` select)."""
    if not config.getoption("pelayanan_laws", default=False):
        return
    from pelayanan.testing._law_items import LawsCollector

    examples = int(config.getoption("pelayanan_laws_examples") or DEFAULT_EXAMPLES)
    collector = LawsCollector.from_parent(
        session, name="pelayanan-laws", nodeid="pelayanan-laws", examples=examples
    )
    found: list[pytest.Item] = list(collector.collect())
    # Report the collection like pytest's own collectors do, so the terminal's "collected N
    # items" counts these items (else "-k" prints "collected 0 items / 64 deselected / -64
    # selected").
    config.hook.pytest_collectreport(
        report=pytest.CollectReport(collector.nodeid, "passed", None, [*found])
    )
    items.extend(found)


DEBUG_ENV = "PELAYANAN_DEBUG"
"""Set to ``1`` to see pelayanan's full traceback for a plugin problem in a test."""


def _plugin_error(error: BaseException) -> BaseException | None:
    """``error`` if it is a plugin error, else one naming the plugin whose code raised it
    (asked of the test's registry, when it was built), else ``None``."""
    errors = sys.modules.get("pelayanan.plugins._errors")  # never imported just to check
    if errors is None:
        return None
    if isinstance(error, errors.PluginError):
        found: BaseException = error
        return found
    defaults = getattr(sys.modules.get("pelayanan.plugins._registry"), "_DEFAULTS", {})
    registry = defaults.get(True)
    if registry is None or getattr(registry, "_built", None) is None:
        return None
    try:
        blamed: BaseException | None = registry.blame(error)
    except Exception:  # never hide the test's own failure behind another
        return None
    return blamed


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A test failing on a plugin problem, or on an exception a plugin's scoring model or
    reader raised (found with the test registry's ``blame``), shows the problem, naming the
    plugin and where it raised, and the test's line, not the internals of pelayanan,
    Hypothesis or pluggy (``PELAYANAN_DEBUG=1`` shows everything)."""
    report = yield
    excinfo = call.excinfo
    if excinfo is None or not report.failed or os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        return report
    error = _plugin_error(excinfo.value)
    if error is None:
        return report
    lines = [f"{type(error).__name__}: {error}"]
    own = [entry for entry in excinfo.traceback if Path(entry.path) == item.path]
    if own:
        entry = own[-1]
        statement = str(entry.statement).strip()
        lines.append(f"raised by {entry.path}:{entry.lineno + 1} in {entry.name}: {statement}")
    lines.append(f"(pelayanan's own frames are hidden; set {DEBUG_ENV}=1 to see them)")
    report.longrepr = "\n".join(lines)
    return report


@pytest.fixture
def pelayanan_registry_factory(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Registry]:
    """``make(*plugins, builtin=True, discover=False, strict=True)``: a fresh registry with
    these plugins, which :func:`~pelayanan.plugins.get_registry` (strict or not, so also the
    command line run in process) returns until the test ends."""
    from pelayanan.plugins import _registry as registry_module
    from pelayanan.testing._fixtures import isolated_registry

    def make(
        *plugins: object, builtin: bool = True, discover: bool = False, strict: bool = True
    ) -> Registry:
        made = isolated_registry(*plugins, builtin=builtin, discover=discover, strict=strict)
        monkeypatch.setattr(registry_module, "_DEFAULTS", {True: made, False: made})
        return made

    return make


@pytest.fixture
def pelayanan_registry(pelayanan_registry_factory: Callable[..., Registry]) -> Registry:
    """A fresh registry with only the built-in plugin, also returned by ``get_registry()``."""
    return pelayanan_registry_factory()


@pytest.fixture
def rubric_laws() -> RubricLaws:
    """Runs the rubric laws under the loaded Hypothesis profile (see ``RubricLaws``)."""
    from pelayanan.testing._fixtures import RubricLaws

    return RubricLaws()

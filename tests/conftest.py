"""Suite-wide configuration.

Every Hypothesis test runs under the ``pelayanan-ci`` profile: the example counts and
deadlines are stated once, in :mod:`pelayanan.testing._profiles` (run a longer search with
``pytest --hypothesis-profile=pelayanan-thorough``). The suite derandomizes it: each test
draws the same examples on every run, so a test that must find a counterexample (the laws
fed a broken model) or a rare example (``find``) cannot pass on one run and fail on the
next; a wider, random search is the thorough profile's or the long fuzz profile's job.
``pytester`` runs pytest inside tests, for the tests of pelayanan's own pytest plugin.

Slow tests carry ``@pytest.mark.slow``: they install into a venv or a target folder, stream a
million rows, or start headless chromium or a Dask cluster (every test that takes the
``browser`` or ``dask_scheduler`` fixture is marked here, so a new one cannot forget it).
``make test`` and ``.ci/run`` run them; ``make quick`` (``-m "not slow"``) leaves them out
while developing.

The suite keeps pelayanan's user cache (parsed built-in files, number symbols) in a
temporary folder of its own (``PELAYANAN_CACHE_DIR``), never in the developer's.
"""

import collections
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from hypothesis import settings

from pelayanan._cache import ENV_VARIABLE as CACHE_VARIABLE
from pelayanan._i18n import use_language
from pelayanan.testing._profiles import CI_PROFILE, load_profile

pytest_plugins = ["pytester"]

load_profile()
settings.register_profile(
    "pelayanan-suite", parent=settings.get_profile(CI_PROFILE), derandomize=True
)
settings.load_profile("pelayanan-suite")

_OWN_CACHE: list[tuple[str, str | None]] = []
"""The suite's cache folder, and the value of ``PELAYANAN_CACHE_DIR`` before it."""


def pytest_configure(config: pytest.Config) -> None:
    folder = tempfile.mkdtemp(prefix="pelayanan-test-cache-")
    _OWN_CACHE.append((folder, os.environ.get(CACHE_VARIABLE)))
    os.environ[CACHE_VARIABLE] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    while _OWN_CACHE:
        folder, before = _OWN_CACHE.pop()
        if before is None:
            os.environ.pop(CACHE_VARIABLE, None)
        else:
            os.environ[CACHE_VARIABLE] = before
        shutil.rmtree(folder, ignore_errors=True)


SLOW_FIXTURES = frozenset({"browser", "dask_scheduler"})
"""Fixtures that start something slow: ``browser`` (headless chromium, tests/reports) and
``dask_scheduler`` (a Dask LocalCluster, tests/batch)."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many inputs the fuzz tests generated. tests/fuzz/conftest.py puts each test's
    counts on its report; they are read here, from the reports, so that the sum is right
    under pytest-xdist too."""
    counts: collections.Counter[str] = collections.Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, value in getattr(report, "user_properties", ()):
                if name == "fuzz_inputs":
                    counts.update(value)
    if counts:
        parts = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
        terminalreporter.write_line(f"fuzz: {sum(counts.values())} generated inputs ({parts})")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _neutral_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with no language chosen by the environment (a developer's
    ``LANG=en_US.UTF-8`` or ``PELAYANAN_LANG`` would change the CLI's words and numbers)."""
    for name in ("PELAYANAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Speak English inside the test: library messages follow the language in force, and the
    command line the ``PELAYANAN_LANG`` variable, both Indonesian unless chosen; tests that
    read the English text of a message ask for this (tests/i18n checks the Indonesian)."""
    monkeypatch.setenv("PELAYANAN_LANG", "en")
    with use_language("en"):
        yield

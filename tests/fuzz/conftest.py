"""The fuzz suite's markers, and the count of generated inputs of each test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from ._law import COUNTS, FUZZ_PROPERTY


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fuzz_long: the long fuzz profile (many more generated inputs; run in CI too, "
        "deselect with -m 'not fuzz_long')",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long profile runs when asked for (``-m fuzz_long``, ``make fuzz``) or when
    ``PELAYANAN_FUZZ_LONG=1`` (for CI); the normal run keeps to the short one."""
    wanted = "fuzz_long" in (config.getoption("markexpr") or "")
    if wanted or os.environ.get("PELAYANAN_FUZZ_LONG") == "1":
        return
    skip = pytest.mark.skip(reason="long fuzz profile: run with -m fuzz_long or make fuzz")
    for item in items:
        if item.get_closest_marker("fuzz_long"):
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Put the inputs a test generated on its report: tests/conftest.py adds them up at the
    end (under pytest-xdist the reports are what reaches the controller, which loads no
    conftest below tests/)."""
    before = COUNTS.copy()
    yield
    tried = COUNTS - before
    if tried:
        item.user_properties.append((FUZZ_PROPERTY, dict(tried)))

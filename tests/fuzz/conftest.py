"""The fuzz suite's markers, and the count of generated inputs printed after the run."""

from __future__ import annotations

import os

import pytest

from ._law import COUNTS


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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COUNTS:
        return
    total = sum(COUNTS.values())
    parts = ", ".join(f"{kind} {count}" for kind, count in sorted(COUNTS.items()))
    terminalreporter.write_line(f"fuzz: {total} generated inputs ({parts})")

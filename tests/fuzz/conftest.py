"""The fuzz suite's markers, and the count of generated inputs printed after the run."""

from __future__ import annotations

import pytest

from ._law import COUNTS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fuzz_long: the long fuzz profile (many more generated inputs; run in CI too, "
        "deselect with -m 'not fuzz_long')",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COUNTS:
        return
    total = sum(COUNTS.values())
    parts = ", ".join(f"{kind} {count}" for kind, count in sorted(COUNTS.items()))
    terminalreporter.write_line(f"fuzz: {total} generated inputs ({parts})")

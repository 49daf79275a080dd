"""Headless chromium for the page tests, in one place: how it is found, the flags that keep it
off the network, how a page is opened and how its console is read.

The browser loads a page from a file with networking switched off, writes its console to
standard error (``--enable-logging=stderr --v=0``: every console message or page error is a
``CONSOLE`` line), and dumps the DOM or takes a screenshot as asked. Without chromium the
tests are skipped, except under CI (``CI`` set), where they fail: install it with
``apt-get install -y chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)


@pytest.fixture(scope="module")
def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def open_page(
    browser: str, profile: Path, page: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]

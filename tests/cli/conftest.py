"""The ``run`` fixture: the real ``pelayanan`` console script, in a subprocess."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ._helpers import Result, Runner, command


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    """``run("score", "--rubric", ...)`` runs the command in ``tmp_path`` and returns a Result."""

    def _run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
        done = subprocess.run(
            [*command(), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=environment,
            timeout=600,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return _run

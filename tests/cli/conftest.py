"""The ``run`` fixture: ``pelayanan`` through ``main(argv)``, in this process.

Each call is a fresh program as far as the command line can tell: it runs in ``tmp_path``,
with ``NO_COLOR`` and the call's own environment variables, standard output and error
captured (argparse's ``--help`` and usage errors too), and the process-wide plugin
registries (``pelayanan.plugins._registry._DEFAULTS``) replaced by an empty table for the
call, so a call with ``PELAYANAN_DISABLE_PLUGINS`` does not leak into the next. A handful of
tests still start the real console script in a subprocess (``test_commands.py``,
``test_score.py``): they check the entry point itself.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from unittest import mock

import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console
from pelayanan.plugins import _registry

from ._helpers import Result, Runner


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runner:
    """``run("score", "--rubric", ...)`` runs the command in ``tmp_path`` and returns a Result."""
    monkeypatch.chdir(tmp_path)

    def _run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, {"NO_COLOR": "1", **(env or {})}),
            mock.patch.object(_registry, "_DEFAULTS", {}),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main([str(arg) for arg in args], Console(out, err))
            except SystemExit as exit_:  # pragma: no cover - main returns its code
                code = exit_.code if isinstance(exit_.code, int) else 1
        return Result(code, out.getvalue(), err.getvalue())

    return _run

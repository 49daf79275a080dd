"""In-process command line for the practice tests: ``cli("score", ...)`` runs ``main(argv)``."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data" / "kota-contoh"


@attrs.frozen
class Ran:
    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)

    def run(*args: str | Path) -> Ran:
        out, err = io.StringIO(), io.StringIO()
        code = main([str(a) for a in args], Console(out, err))
        return Ran(code, out.getvalue(), err.getvalue())

    return run

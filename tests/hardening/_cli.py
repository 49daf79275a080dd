"""Run the command line in-process and capture what it prints."""

from __future__ import annotations

import io

import attrs

from pelayanan._cli import main
from pelayanan._cli.common import Console


@attrs.frozen
class Ran:
    """The exit code and the text of one in-process run."""

    code: int
    out: str
    err: str


def cli(*argv: str) -> Ran:
    """``pelayanan *argv`` through :func:`pelayanan._cli.main`, in this process."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Console(out, err))
    return Ran(code, out.getvalue(), err.getvalue())

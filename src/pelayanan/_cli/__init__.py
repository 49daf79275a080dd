"""The ``pelayanan`` command line (``pelayanan --help``; see ``docs/cli.md``).

:func:`main` is the console script's entry point; it returns the exit code (0 success,
1 invalid input or failed validation, 2 usage error).
"""

from __future__ import annotations

from pelayanan._cli.app import build_parser, main

__all__ = ["build_parser", "main"]

"""Helpers of the audit tests: writing report documents and running the command in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import yaml

from pelayanan._cli.app import main
from pelayanan._cli.common import Console

SCHEMA = "https://schemas.pelayanan.invalid/v1/published-report.json"


def write_report(path: Path, report: dict[str, Any]) -> Path:
    """Write ``report`` as YAML (strings stay strings, so printed decimals are kept)."""
    path.write_text(yaml.safe_dump({"$schema": SCHEMA, **report}, sort_keys=False))
    return path


def run(*argv: str | Path) -> tuple[int, str, str]:
    """``pelayanan ARGV`` in-process: (exit code, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in argv], Console(out, err))
    return code, out.getvalue(), err.getvalue()


def run_json(*argv: str | Path) -> tuple[int, dict[str, Any]]:
    """``pelayanan ARGV --format json`` in-process: (exit code, the parsed output)."""
    code, out, err = run(*argv, "--format", "json")
    assert out, err
    data: dict[str, Any] = json.loads(out)
    return code, data

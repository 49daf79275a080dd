"""How much does checking a workbook's structure add to reading it?

Before openpyxl reads an ``.xlsx`` file, :func:`pelayanan._readers.xlsx_audit.audit_workbook`
streams its parts once to refuse formulas without values, rows out of order, merged cells,
bad shared strings and anything over the limits. This script writes a workbook of ``--rows``
evidence rows (default 50,000; long layout, four columns) and times, interleaved
(``--repeat``, default 3), the check and openpyxl's own read-only read of every row. It prints
the medians and the ratio of the check to the read, both measured in this run, and the time
the check takes to refuse a 180 KB-sized sheet whose only row is numbered 20,000,000 (which
openpyxl alone would fill row by row). Nothing is asserted.

Usage::

    python benchmarks/xlsx_check_cost.py [--rows N] [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pelayanan._model.limits import Limits
from pelayanan._readers.xlsx_audit import XlsxRefused, audit_workbook


def _openpyxl() -> Any:
    return importlib.import_module("openpyxl")


def _write(path: Path, rows: int) -> None:
    book = _openpyxl().Workbook(write_only=True)
    sheet = book.create_sheet("Bukti")
    sheet.append(["unit", "indicator", "value", "collected_at"])
    for index in range(rows):
        sheet.append([f"u{index % 500}", "persyaratan", "ya" if index % 3 else "tidak", 3.5])
    book.save(path)


def _read(path: Path) -> None:
    book = _openpyxl().load_workbook(path, read_only=True, data_only=True)
    try:
        for _ in book.worksheets[0].iter_rows(values_only=True):
            pass
    finally:
        book.close()


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    limits = Limits()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bukti.xlsx"
        _write(path, args.rows)
        checks, reads = [], []
        for _ in range(args.repeat):
            checks.append(_time(lambda: audit_workbook(path, None, limits)))
            reads.append(_time(lambda: _read(path)))
        check, read = statistics.median(checks), statistics.median(reads)
        print(f"{args.rows:,} rows ({path.stat().st_size:,} bytes), median of {args.repeat}:")
        print(f"  structure check  {check:8.3f} s")
        print(f"  openpyxl read    {read:8.3f} s")
        print(f"  check / read     {check / read:8.2f}")

        huge = Path(folder) / "huge.xlsx"
        _write(huge, 1)
        with zipfile.ZipFile(huge) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        sheet = next(name for name in parts if name.startswith("xl/worksheets/"))
        parts[sheet] = parts[sheet].replace(b'r="2"', b'r="20000000"')
        with zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)

        def refuse() -> None:
            try:
                audit_workbook(huge, None, limits)
            except XlsxRefused:
                return
            raise SystemExit("the huge row was not refused")

        print(f"  refusing a row numbered 20,000,000: {_time(refuse):.3f} s")


if __name__ == "__main__":
    main()

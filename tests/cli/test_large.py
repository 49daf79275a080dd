"""A 1,000,000-row long CSV is scored as a stream: peak memory stays small.

The rows are never all held as Python objects: the reader yields one evidence item at a
time and the engine keeps one running sum per (unit, indicator). The measurement runs the
console script under a fresh Python parent, so ``RUSAGE_CHILDREN`` sees only that process.
Nothing here is timed. Set ``PELAYANAN_SKIP_LARGE=1`` to leave this test out (it takes
about 10-40 seconds).

The data: 1000 units, nine SKM elements, row ``i`` is unit ``i mod 1000``, element
``(i div 1000) mod 9`` and answer ``1 + (unit mod 4)``. Every answer of a unit is the same,
so its index is 25 x answer (weights 1/9 sum to 1): unit-0000 25.00, unit-0001 50.00,
unit-0002 75.00, unit-0003 100.00.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ._helpers import command

ROWS = 1_000_000
LIMIT_MB = 400
ELEMENTS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("PELAYANAN_SKIP_LARGE") == "1", reason="PELAYANAN_SKIP_LARGE=1"
    ),
]

MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _generate(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("unit,indicator,value\n")
        for start in range(0, ROWS, 100_000):
            handle.write(
                "".join(
                    f"unit-{i % 1000:04d},{ELEMENTS[(i // 1000) % 9]},{1 + (i % 1000) % 4}\n"
                    for i in range(start, start + 100_000)
                )
            )


def test_a_million_rows_stream_in_little_memory(tmp_path: Path) -> None:
    evidence = tmp_path / "big.csv"
    _generate(evidence)
    out = tmp_path / "scores.csv"
    args = [
        *command(),
        "score",
        "--rubric",
        "skm-2017",
        "--evidence",
        str(evidence),
        "--format",
        "csv",
        "--output",
        str(out),
    ]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    code, peak_kb = (int(value) for value in done.stdout.split())
    assert code == 0, done.stderr
    peak_mb = peak_kb / 1024  # Linux reports kilobytes
    print(f"\npeak RSS scoring {ROWS:,} rows: {peak_mb:.1f} MB")
    assert peak_mb < LIMIT_MB
    with out.open(encoding="utf-8") as handle:
        rows = {row["unit"]: row for row in csv.DictReader(handle)}
    assert len(rows) == 1000
    assert [rows[f"unit-000{i}"]["score"] for i in range(4)] == [
        "25.00",
        "50.00",
        "75.00",
        "100.00",
    ]
    assert {row["evidence_count"] for row in rows.values()} == {"1000"}

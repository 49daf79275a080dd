"""The Python API example in examples/demo.py keeps working (it is documentation)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo.py"


def test_the_python_demo_prints_every_level_with_a_zone() -> None:
    done = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if "Zona " in line]
    # the city, three service units and six products, each with a score and a zone
    assert len(rows) == 10
    assert rows[0].startswith("Pemerintah Kota Contoh")
    assert "What " in done.stdout
    assert "projected score:" in done.stdout

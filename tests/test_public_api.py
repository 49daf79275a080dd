"""Importing the public face stays cheap (what the faces hold: tests/test_faces.py)."""

from __future__ import annotations

import subprocess
import sys

import pelayanan


def test_importing_pelayanan_loads_neither_jsonschema_nor_pluggy() -> None:
    # nor the scoring engine, the document parser or YAML: the model alone
    lazy = (
        "jsonschema",
        "pluggy",
        "hypothesis",
        "pelayanan._scoring",
        "pelayanan._documents",
        "yaml",
    )
    code = f"import sys, pelayanan; print(sorted(m for m in {lazy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_lazy_names_are_the_objects_of_their_modules() -> None:
    from pelayanan import assess
    from pelayanan._documents import load_rubric

    assert pelayanan.load_rubric is load_rubric
    assert pelayanan.assess is assess

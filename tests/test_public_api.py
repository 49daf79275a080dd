"""The public face: ``pelayanan.__all__`` resolves, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pelayanan


@pytest.mark.parametrize("name", pelayanan.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(pelayanan, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = pelayanan.nope  # type: ignore[attr-defined]


def test_importing_pelayanan_loads_neither_jsonschema_nor_pluggy() -> None:
    code = (
        "import sys, pelayanan; "
        "print(sorted(m for m in ('jsonschema', 'pluggy', 'hypothesis') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_lazy_names_are_the_objects_of_their_modules() -> None:
    from pelayanan.documents import load_rubric
    from pelayanan.plugins import assess

    assert pelayanan.load_rubric is load_rubric
    assert pelayanan.assess is assess

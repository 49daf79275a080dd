"""The public face: ``pelayanan.__all__`` resolves, and importing it stays cheap."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import pelayanan


@pytest.mark.parametrize("name", [n for n in pelayanan.__all__ if n != "__version__"])
def test_every_public_name_is_the_object_its_home_module_defines(name: str) -> None:
    # (This replaces "getattr(pelayanan, name) is not None", which could not fail.) The
    # public name is the very object of the module that defines it, under the same name.
    value = getattr(pelayanan, name)
    if not hasattr(value, "__qualname__"):  # an instance such as the hookimpl marker
        lazy = pelayanan._LAZY[name]  # type: ignore[attr-defined]
        assert getattr(importlib.import_module(lazy), name) is value
        return
    home = importlib.import_module(value.__module__)
    assert value.__module__.startswith("pelayanan.")
    assert getattr(home, value.__name__) is value
    assert value.__name__ == name


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
    from pelayanan._documents import load_rubric
    from pelayanan.plugins import assess

    assert pelayanan.load_rubric is load_rubric
    assert pelayanan.assess is assess

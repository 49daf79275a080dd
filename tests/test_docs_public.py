"""The docs and the example plugin use only the public faces (issue 10).

A user copies what the docs show: an import from a private module there
(``from pelayanan._model import ...``, ``pelayanan.plugins._registry``) would teach what is
not promised. The changelog (docs/changelog.md includes CHANGELOG.md) names the old and
private homes on purpose and is not checked.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRIVATE = re.compile(r"\bpelayanan(?:\.[a-z]\w*)*\._(?!_)\w+")
"""A dotted path through a private module: ``pelayanan._model``, ``pelayanan.testing._laws``
(``pelayanan.__version__`` and ``pelayanan.__all__`` are public)."""


def _mentions(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PRIVATE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_the_pattern_finds_private_paths_and_only_those() -> None:
    assert PRIVATE.search("from pelayanan._model import Rubric")
    assert PRIVATE.search(":class:`~pelayanan.plugins._readers.EvidenceReader`")
    assert PRIVATE.search("python -m pelayanan._cli.catalogs update")
    assert not PRIVATE.search("pelayanan.__version__, pelayanan.__all__")
    assert not PRIVATE.search("from pelayanan.plugins import Registry; pelayanan.testing.laws")


def test_the_docs_pages_and_the_readme_use_only_the_public_faces() -> None:
    pages = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    assert len(pages) > 10
    assert _mentions(pages) == []


def test_the_example_plugin_uses_only_the_public_faces() -> None:
    files = sorted(
        path
        for path in (ROOT / "examples").rglob("*")
        if path.is_file() and path.suffix in {".py", ".md", ".toml", ".yaml", ".yml", ".cfg"}
    )
    assert any(path.name == "plugin.py" for path in files)
    assert _mentions(files) == []

"""Where the built-in rubric and zone-scheme files are.

The files live in the repository's ``rubrics/`` folder (``rubrics/rubrics/*.yaml`` and
``rubrics/zone-schemes/*.yaml``). A wheel carries the same folder inside the package as
``pelayanan/_rubrics`` (see ``[tool.hatch.build.targets.wheel.force-include]`` in
``pyproject.toml``). :func:`root` looks for the packaged copy first and falls back to the
source checkout, so an editable install always reads the files you are editing.

This module only finds files; reading and validating them is
:mod:`pelayanan.documents.api`'s job.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = [
    "PACKAGED_DIR",
    "RUBRICS_DIR",
    "ZONE_SCHEMES_DIR",
    "root",
    "rubric_paths",
    "zone_scheme_paths",
]

PACKAGED_DIR = "_rubrics"
"""The folder name of the built-in files inside an installed ``pelayanan`` package."""

RUBRICS_DIR = "rubrics"
"""The sub-folder holding rubric files."""

ZONE_SCHEMES_DIR = "zone-schemes"
"""The sub-folder holding zone-scheme files."""

_SUFFIXES = (".yaml", ".yml", ".json")


def _source_root() -> Path:
    """``rubrics/`` of the source checkout (``src/pelayanan/documents/`` is three levels in)."""
    return Path(__file__).resolve().parents[3] / "rubrics"


def root() -> Traversable:
    """The folder holding the built-in files.

    Returns the packaged ``pelayanan/_rubrics`` when it exists (an installed wheel), else the
    source checkout's ``rubrics/`` (an editable install or a plain checkout on ``sys.path``).

    Raises:
        FileNotFoundError: naming both places, when neither exists (a broken install).
    """
    packaged = files("pelayanan") / PACKAGED_DIR
    if packaged.is_dir():
        return packaged
    source = _source_root()
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"built-in rubrics not found: neither {packaged} (installed wheel) nor {source} "
        "(source checkout) is a folder; reinstall pelayanan"
    )


def _listing(folder: str) -> list[Traversable]:
    place = root() / folder
    if not place.is_dir():
        return []
    found = [
        entry
        for entry in place.iterdir()
        if entry.is_file() and entry.name.endswith(_SUFFIXES) and not entry.name.startswith(".")
    ]
    return sorted(found, key=lambda entry: entry.name)


def rubric_paths() -> list[Traversable]:
    """Every built-in rubric file, sorted by file name.

    For a package installed on the file system (the usual case) and for a source checkout the
    entries are :class:`pathlib.Path` objects; from a zip import they are other
    :class:`~importlib.resources.abc.Traversable` objects, readable with ``read_text()``.
    """
    return _listing(RUBRICS_DIR)


def zone_scheme_paths() -> list[Traversable]:
    """Every built-in zone-scheme file, sorted by file name (see :func:`rubric_paths`)."""
    return _listing(ZONE_SCHEMES_DIR)

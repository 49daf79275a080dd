"""Where the built-in rubric and zone-scheme files are.

The files live in the repository's ``rubrics/`` folder (``rubrics/rubrics/*.yaml`` and
``rubrics/zone-schemes/*.yaml``). A wheel carries the same folder inside the package as
``pelayanan/_rubrics`` (see ``[tool.hatch.build.targets.wheel.force-include]`` in
``pyproject.toml``). :func:`root` looks for the packaged copy first and falls back to the
source checkout, so an editable install always reads the files you are editing.

The folder also holds ``manifest.json``: the kind, id, version and SHA-256 of every shipped
file. The registry uses it to list the built-ins without reading them and to load one only
when it is asked for (:func:`load_builtin`); a file whose content still has the recorded hash
is trusted (the test suite validates every shipped file and checks the manifest), so it is
parsed and built without the JSON Schema and the semantic checks. A file edited without
updating the manifest is validated in full when loaded, and fails the test suite until the
manifest is regenerated with ``python -m pelayanan._documents.builtin``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

import attrs

from pelayanan import _cache

__all__ = [
    "MANIFEST",
    "PACKAGED_DIR",
    "RUBRICS_DIR",
    "ZONE_SCHEMES_DIR",
    "BuiltinFile",
    "builtin_files",
    "load_builtin",
    "manifest_text",
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
    """``rubrics/`` of the source checkout (``src/pelayanan/_documents/`` is three levels in)."""
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


MANIFEST = "manifest.json"
"""The file, beside ``rubrics/`` and ``zone-schemes/``, recording every shipped file's hash."""

Kind = Literal["rubric", "zone_scheme"]

_FOLDERS: dict[Kind, str] = {"rubric": RUBRICS_DIR, "zone_scheme": ZONE_SCHEMES_DIR}


@attrs.frozen
class BuiltinFile:
    """A shipped rubric or zone-scheme file as the manifest records it (nothing read yet)."""

    path: Traversable
    kind: Kind
    id: str
    version: str
    sha256: str

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest() -> Mapping[str, Any]:
    place = root() / MANIFEST
    if not place.is_file():
        return {}
    data: Mapping[str, Any] = json.loads(place.read_text(encoding="utf-8"))
    return data


def builtin_files(kind: Kind) -> tuple[list[BuiltinFile], list[Traversable]]:
    """The shipped files of ``kind``: those the manifest records, and any it does not know
    (a file added without regenerating the manifest; the caller loads those in full)."""
    recorded = _manifest()
    known: list[BuiltinFile] = []
    unknown: list[Traversable] = []
    paths = rubric_paths() if kind == "rubric" else zone_scheme_paths()
    for path in paths:
        entry = recorded.get(f"{_FOLDERS[kind]}/{path.name}")
        if isinstance(entry, Mapping) and entry.get("kind") == kind:
            known.append(
                BuiltinFile(path, kind, str(entry["id"]), str(entry["version"]), entry["sha256"])
            )
        else:
            unknown.append(path)
    return known, unknown


def load_builtin(file: BuiltinFile, **context: Any) -> Any:
    """Load a shipped file: trusted (parsed and built, no schema or checks) while its content
    has the recorded hash, else validated in full like any document (``context`` goes to the
    loader: ``models`` and ``zone_schemes`` for rubrics).

    Raises:
        DocumentError: a file edited into an invalid document.
    """
    raw = file.path.read_bytes()
    data = _trusted_data(file, raw) if _digest(raw) == file.sha256 else None
    if isinstance(data, Mapping):
        from pelayanan._model.convert import from_data
        from pelayanan._model.rubric import Rubric
        from pelayanan._model.zones import ZoneScheme

        body = {key: value for key, value in data.items() if key != "$schema"}
        if file.kind == "rubric":
            return from_data(Rubric, body)
        return from_data(ZoneScheme, body)
    from pelayanan._documents import api
    from pelayanan._documents.loading import load_text

    document = load_text(raw, name=str(file.path))
    if file.kind == "rubric":
        return api.load_rubric(document, **context)
    return api.load_zone_scheme(document)


def _trusted_data(file: BuiltinFile, raw: bytes) -> object:
    """The data of a shipped file whose content has the recorded hash.

    It is parsed once and kept as JSON in the user's cache (:mod:`pelayanan._cache`), keyed
    by pelayanan's version, the file's name and hash and the source of the document reader,
    so later runs read it with the standard library's JSON reader and never import PyYAML.
    The copy is kept only when JSON gives back exactly the parsed data (plain text, integers,
    booleans, null, lists and mappings; a number with a fraction is a Decimal, which JSON
    would not give back, so such a file is parsed every time). A kept copy of another key, or
    one that is damaged, is never used; with no cache to write the file is parsed every time.
    """
    place, key = _cache_entry(file)
    kept = None if place is None else _cache.read(place, key)
    if kept is not None:
        try:
            return json.loads(kept)
        except ValueError:  # pragma: no cover - the digest matched what was written
            pass
    from pelayanan._documents.loading import load_text

    data = load_text(raw, name=str(file.path)).data
    if place is None:
        return data
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data
    if json.loads(text) == data:
        stale = f"{Path(file.path.name).stem}.*.json"
        _cache.write(place, key, text.encode("utf-8"), stale, _cache_root(place))
    return data


_READER_MODULES = ("loading.py", "_parser.py", "_yaml.py", "_context.py", "_mapping.py")
"""The modules (beside this one) that turn a document's text into data: their source is
part of a kept copy's key, so a checkout whose reader reads differently (same version,
other code) never uses another's copies."""


@functools.cache
def _reader_digest() -> str | None:
    digest = hashlib.sha256()
    for name in _READER_MODULES:
        try:
            digest.update(Path(__file__).with_name(name).read_bytes())
        except OSError:  # not on a file system (a zip import): nothing is kept
            return None
        digest.update(b"\0")
    return digest.hexdigest()


def _cache_root(place: Path) -> Path:
    """The cache folder an entry of :func:`_cache_entry` is in (five folders up)."""
    return place.parents[4]


def _cache_entry(file: BuiltinFile) -> tuple[Path | None, dict[str, str]]:
    """Where the parsed data of ``file`` is kept, and the key it is kept under."""
    from pelayanan._version import __version__

    name = f"{_FOLDERS[file.kind]}/{file.path.name}"
    reader = _reader_digest()
    key = {
        "kept": "built-in document data",
        "pelayanan": __version__,
        "file": name,
        "sha256": file.sha256,
        "reader": reader or "",
    }
    folder = _cache.cache_dir()
    if folder is None or reader is None:
        return None, key
    stem = Path(file.path.name).stem
    # under the reader too: two checkouts of one version whose readers differ keep a copy
    # each instead of replacing each other's on every other run
    inside = folder / "documents" / __version__ / reader[:16] / _FOLDERS[file.kind]
    return inside / f"{stem}.{file.sha256[:16]}.json", key


def manifest_text() -> str:
    """The manifest for the files as they are now (each one validated in full to read it)."""
    from pelayanan._documents import api
    from pelayanan._documents.loading import load_text

    entries: dict[str, dict[str, str]] = {}
    for kind, folder in _FOLDERS.items():
        paths = rubric_paths() if kind == "rubric" else zone_scheme_paths()
        for path in paths:
            raw = path.read_bytes()
            document = load_text(raw, name=str(path))
            loaded = (
                api.load_rubric(document) if kind == "rubric" else api.load_zone_scheme(document)
            )
            entries[f"{folder}/{path.name}"] = {
                "kind": kind,
                "id": loaded.id,
                "version": loaded.version,
                "sha256": _digest(raw),
            }
    return json.dumps(entries, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m pelayanan._documents.builtin: regenerate the manifest
    target = _source_root() / MANIFEST
    target.write_text(manifest_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")

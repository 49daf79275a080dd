"""The manifest of the shipped files: kept up to date, trusted only while it matches.

The registry lists the built-in rubrics and zone schemes from ``rubrics/manifest.json``
without reading them, loads one when it is asked for, and skips the JSON Schema and the
semantic checks for a file whose content still has the recorded SHA-256. These tests are
what makes that safe: every shipped file is validated in full here (``manifest_text`` loads
each one through the document loader) and must match the manifest.
"""

from __future__ import annotations

import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import pelayanan
from pelayanan import _cache, _i18n
from pelayanan._documents import DocumentError, builtin, loading, schemas
from pelayanan._documents.builtin import (
    MANIFEST,
    BuiltinFile,
    Kind,
    builtin_files,
    load_builtin,
    manifest_text,
    root,
)
from pelayanan._version import __version__
from pelayanan.plugins import Registry
from pelayanan.plugins import _collect as collect


def test_the_manifest_records_every_shipped_file_as_it_is() -> None:
    recorded = (root() / MANIFEST).read_text(encoding="utf-8")
    assert recorded == manifest_text(), (
        "rubrics/manifest.json is out of date (a built-in file was added or edited); "
        "regenerate it with: python -m pelayanan._documents.builtin"
    )
    for kind in ("rubric", "zone_scheme"):
        _, unknown = builtin_files(kind)  # type: ignore[arg-type]
        assert unknown == []


def test_a_file_matching_the_manifest_is_built_without_the_schema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a trusted built-in file must not be validated again")

    monkeypatch.setattr(schemas, "validate", refuse)
    [file] = [f for f in builtin_files("zone_scheme")[0] if f.ref == "ombudsman-2022@2022"]
    scheme = load_builtin(file)
    assert scheme.band("B").lower == 78  # rubrics/zone-schemes/ombudsman-2022.yaml


@pytest.mark.usefixtures("english")
def test_an_edited_file_is_validated_in_full_when_loaded(tmp_path: Path) -> None:
    [file] = [f for f in builtin_files("zone_scheme")[0] if f.ref == "ombudsman-2022@2022"]
    text = file.path.read_text(encoding="utf-8").replace('lower: "78.00"', 'lower: "78.005"')
    edited = tmp_path / "ombudsman-2022.yaml"
    edited.write_text(text, encoding="utf-8")
    assert hashlib.sha256(edited.read_bytes()).hexdigest() != file.sha256
    with pytest.raises(DocumentError) as error:
        load_builtin(attrs.evolve(file, path=edited))
    [problem] = error.value.problems
    assert problem.pointer == "/bands/3/lower"
    assert "78.005 has more decimals than the 2" in problem.message
    assert problem.line is not None


def test_the_registry_loads_a_built_in_document_only_when_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[str] = []
    real = collect.load_builtin

    def counting(file: object, **context: object) -> object:
        loaded.append(str(getattr(file, "ref", file)))
        return real(file, **context)  # type: ignore[arg-type]

    monkeypatch.setattr(collect, "load_builtin", counting)
    registry = Registry(environ={})
    assert "ombudsman-2022@2022" in [
        f"{k}@{v}" for k in ["ombudsman-2022"] for v in registry.versions("zone_scheme", k)
    ]
    assert loaded == []  # listed from the manifest, nothing read
    assert registry.get_zone_scheme("ombudsman-2022").ref == "ombudsman-2022@2022"
    assert registry.get_rubric("skm-2017").ref == "skm-2017@2017"
    assert loaded == ["ombudsman-2022@2022", "skm-2017@2017"]
    registry.get_zone_scheme("ombudsman-2022@2022")
    assert len(loaded) == 2  # loaded once


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.ENV_VARIABLE, str(folder))
    return folder


def _shipped(kind: Kind, ref: str) -> BuiltinFile:
    [file] = [f for f in builtin_files(kind)[0] if f.ref == ref]
    return file


def _kept(cache: Path) -> list[Path]:
    return sorted(path for path in cache.rglob("*") if path.is_file())


def test_a_trusted_file_is_kept_as_json_and_read_back_without_the_yaml_parser(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _shipped("rubric", "skm-2017@2017")
    first = load_builtin(file)
    [kept] = _kept(cache)
    # in the user's cache, under pelayanan's version, named by the content hash
    reader = builtin._reader_digest()
    assert reader is not None
    where = cache / "documents" / __version__ / reader[:16] / "rubrics"
    assert kept == where / f"skm-2017.{file.sha256[:16]}.json"

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the kept copy must be read, not the YAML file")

    monkeypatch.setattr(loading, "load_text", refuse)
    assert load_builtin(file) == first  # the same rubric, from the JSON copy


def test_a_kept_copy_that_cannot_be_read_is_made_again(cache: Path) -> None:
    file = _shipped("zone_scheme", "ombudsman-2022@2022")
    expected = load_builtin(file)
    [kept] = _kept(cache)
    kept.write_bytes(kept.read_bytes()[:-40])  # cut short
    assert load_builtin(file) == expected
    data = kept.read_bytes().partition(b"\n")[2]
    assert json.loads(data)["id"] == "ombudsman-2022"  # written whole again


def test_an_edited_file_is_not_kept_and_an_old_copy_is_not_used(
    tmp_path: Path, cache: Path
) -> None:
    shipped = _shipped("zone_scheme", "ombudsman-2022@2022")
    edited = tmp_path / shipped.path.name
    edited.write_bytes(shipped.path.read_bytes())
    file = attrs.evolve(shipped, path=edited)
    load_builtin(file)
    text = edited.read_text(encoding="utf-8").replace('lower: "78.00"', 'lower: "77.00"')
    edited.write_text(text, encoding="utf-8")  # the manifest still has the old hash
    scheme = load_builtin(file)  # validated in full: a valid edit, read from the file
    assert scheme.band("B").lower == 77
    assert len(_kept(cache)) == 1  # nothing kept for it


def _planted(genuine: bytes, change: str) -> bytes:
    """A kept copy of ombudsman-2022 whose data says band B starts at 70 (the file says 78),
    made unusable in one way: each must be ignored, never trusted."""
    head, _, data = genuine.partition(b"\n")
    header = json.loads(head)
    doctored = json.loads(data)
    assert doctored["bands"][3] == {**doctored["bands"][3], "code": "B", "lower": "78.00"}
    doctored["bands"][3]["lower"] = "70.00"
    body = json.dumps(doctored, ensure_ascii=False).encode("utf-8")

    def entry(**key: str) -> bytes:
        digest = hashlib.sha256(body).hexdigest()
        made = {"key": {**header["key"], **key}, "sha256": digest}
        return json.dumps(made).encode("utf-8") + b"\n" + body

    other = _shipped("zone_scheme", "ombudsman-2021@2021")
    return {
        "another version": lambda: entry(pelayanan="0.0.1"),
        "another file": lambda: entry(file="zone-schemes/ombudsman-2021.yaml", sha256=other.sha256),
        "another reader": lambda: entry(reader="0" * 64),
        "another kind of entry": lambda: entry(kept="Babel number symbols"),
        "data changed after it was written": lambda: head + b"\n" + body,
        "no key (the JSON alone, as kept beside the file before)": lambda: body,
        "not JSON": lambda: b"\x00\xff" + body,
        "a header that is no mapping": lambda: b"[1, 2]\n" + body,
        "a header nested too deep to read": lambda: b"[" * 100_000 + b"\n" + body,
    }[change]()


CHANGES = [
    "another version",
    "another file",
    "another reader",
    "another kind of entry",
    "data changed after it was written",
    "no key (the JSON alone, as kept beside the file before)",
    "not JSON",
    "a header that is no mapping",
    "a header nested too deep to read",
]


@pytest.mark.parametrize("change", CHANGES)
def test_a_stale_damaged_or_foreign_kept_copy_is_never_trusted(cache: Path, change: str) -> None:
    file = _shipped("zone_scheme", "ombudsman-2022@2022")
    assert load_builtin(file).band("B").lower == 78  # rubrics/zone-schemes/ombudsman-2022.yaml
    [kept] = _kept(cache)
    genuine = kept.read_bytes()
    kept.write_bytes(_planted(genuine, change))
    assert load_builtin(file).band("B").lower == 78  # read from the file, not the copy
    assert kept.read_bytes() == genuine  # and the copy made anew


def test_two_checkouts_of_one_version_keep_their_own_copies(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two checkouts of one version whose document readers differ share a user's cache: each
    # keeps its copy (the reader is part of the key). Kept under one name, each replaced the
    # other's, so every other run parsed the YAML file again.
    file = _shipped("zone_scheme", "ombudsman-2022@2022")
    written: list[Path] = []
    real = _cache.write

    def counting(path: Path, *args: Any) -> None:
        written.append(path)
        real(path, *args)

    monkeypatch.setattr(_cache, "write", counting)
    for round_, reader in enumerate(["a" * 64, "b" * 64, "a" * 64, "b" * 64]):
        monkeypatch.setattr(builtin, "_reader_digest", lambda reader=reader: reader)
        written.clear()
        assert load_builtin(file).band("B").lower == 78
        assert len(written) == (1 if round_ < 2 else 0)  # made by each reader once, then read
    assert len(_kept(cache)) == 2


def test_nothing_is_written_beside_the_shipped_files(cache: Path) -> None:
    """The cache is the user's: an uninstaller removes only what it installed, so the
    copies once kept under ``__pycache__`` beside the shipped files were left behind."""

    def tree() -> list[str]:
        # bytecode and a checkout's compiled catalogs (a wheel ships its .mo) aside
        places = (Path(str(root())), Path(pelayanan.__file__).parent)
        found = [path for place in places for path in place.rglob("*")]
        return sorted(str(path) for path in found if path.suffix not in (".pyc", ".mo"))

    before = tree()
    shipped = [*builtin_files("rubric")[0], *builtin_files("zone_scheme")[0]]
    for file in shipped:
        load_builtin(file)
    _i18n.number_locale.cache_clear()
    assert _i18n.format_decimal(Decimal("1234.5"), 2, "id") == "1.234,50"
    assert tree() == before
    assert len(_kept(cache)) == len(shipped) + 1  # every shipped file, the Indonesian symbols


def test_where_the_cache_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sys, "platform", "linux")
    given = str(tmp_path / "mine")
    assert _cache.cache_dir({_cache.ENV_VARIABLE: given, "XDG_CACHE_HOME": "/x"}) == Path(given)
    assert _cache.cache_dir({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/pelayanan")
    # a relative XDG_CACHE_HOME is ignored, as the XDG specification says
    home_cache = tmp_path / "home" / ".cache" / "pelayanan"
    assert _cache.cache_dir({"XDG_CACHE_HOME": "cache"}) == home_cache
    assert _cache.cache_dir({}) == home_cache
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _cache.cache_dir({}) == tmp_path / "home" / "Library" / "Caches" / "pelayanan"
    monkeypatch.setattr(sys, "platform", "win32")
    local = str(tmp_path / "AppData" / "Local")
    assert _cache.cache_dir({"LOCALAPPDATA": local}) == Path(local) / "pelayanan" / "Cache"
    assert _cache.cache_dir({}) is None  # nowhere to keep anything: nothing is kept


def test_with_no_cache_folder_every_file_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(_cache.ENV_VARIABLE, str(blocked / "cache"))
    file = _shipped("zone_scheme", "ombudsman-2022@2022")
    assert load_builtin(file).band("B").lower == 78
    assert load_builtin(file).band("B").lower == 78

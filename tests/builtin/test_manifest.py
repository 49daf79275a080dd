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
from pathlib import Path

import attrs
import pytest

from pelayanan._documents import DocumentError, loading, schemas
from pelayanan._documents.builtin import (
    MANIFEST,
    BuiltinFile,
    Kind,
    builtin_files,
    load_builtin,
    manifest_text,
    root,
)
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


def _copy_of(tmp_path: Path, kind: Kind, ref: str) -> BuiltinFile:
    """A shipped file copied to ``tmp_path`` (its manifest entry with the new path)."""
    [file] = [f for f in builtin_files(kind)[0] if f.ref == ref]
    copy = tmp_path / file.path.name
    copy.write_bytes(file.path.read_bytes())
    return attrs.evolve(file, path=copy)


def test_a_trusted_file_is_kept_as_json_and_read_back_without_the_yaml_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _copy_of(tmp_path, "rubric", "skm-2017@2017")
    first = load_builtin(file)
    [kept] = (tmp_path / "__pycache__").iterdir()
    assert kept.name == f"skm-2017.{file.sha256[:16]}.json"  # named by the content hash

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the kept copy must be read, not the YAML file")

    monkeypatch.setattr(loading, "load_text", refuse)
    assert load_builtin(file) == first  # the same rubric, from the JSON copy


def test_a_kept_copy_that_cannot_be_read_is_made_again(tmp_path: Path) -> None:
    file = _copy_of(tmp_path, "zone_scheme", "ombudsman-2022@2022")
    expected = load_builtin(file)
    [kept] = (tmp_path / "__pycache__").iterdir()
    kept.write_text('{"id": "ombudsman-2022", "bands": [', encoding="utf-8")  # cut short
    assert load_builtin(file) == expected
    assert json.loads(kept.read_text(encoding="utf-8"))["id"] == "ombudsman-2022"


def test_an_edited_file_is_not_kept_and_an_old_copy_is_not_used(tmp_path: Path) -> None:
    file = _copy_of(tmp_path, "zone_scheme", "ombudsman-2022@2022")
    load_builtin(file)
    text = file.path.read_text(encoding="utf-8").replace('lower: "78.00"', 'lower: "77.00"')
    file.path.write_text(text, encoding="utf-8")  # the manifest still has the old hash
    scheme = load_builtin(file)  # validated in full: a valid edit, read from the file
    assert scheme.band("B").lower == 77
    assert len(list((tmp_path / "__pycache__").iterdir())) == 1  # nothing kept for it

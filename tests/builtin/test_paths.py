"""Finding the built-in files: packaged copy first, source checkout otherwise."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from pelayanan._documents import builtin


def test_root_is_the_packaged_copy_or_the_source_checkout() -> None:
    packaged = files("pelayanan") / builtin.PACKAGED_DIR
    expected = packaged if packaged.is_dir() else builtin._source_root()
    assert str(builtin.root()) == str(expected)


def test_paths_are_sorted_yaml_files() -> None:
    for listing in (builtin.rubric_paths(), builtin.zone_scheme_paths()):
        names = [path.name for path in listing]
        assert names == sorted(names)
        assert names
        assert all(name.endswith(".yaml") for name in names)


def _fake_package(tmp_path: Path) -> Path:
    package = tmp_path / "pelayanan"
    rubrics = package / builtin.PACKAGED_DIR / builtin.RUBRICS_DIR
    schemes = package / builtin.PACKAGED_DIR / builtin.ZONE_SCHEMES_DIR
    rubrics.mkdir(parents=True)
    schemes.mkdir(parents=True)
    (rubrics / "b.yaml").write_text("id: b\n", encoding="utf-8")
    (rubrics / "a.json").write_text("{}", encoding="utf-8")
    (rubrics / "README.md").write_text("not a rubric", encoding="utf-8")
    (rubrics / ".hidden.yaml").write_text("id: hidden\n", encoding="utf-8")
    (schemes / "z.yml").write_text("id: z\n", encoding="utf-8")
    return package


def test_packaged_copy_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _fake_package(tmp_path)
    monkeypatch.setattr(builtin, "files", lambda name: package)
    assert [p.name for p in builtin.rubric_paths()] == ["a.json", "b.yaml"]
    assert [p.name for p in builtin.zone_scheme_paths()] == ["z.yml"]


def test_missing_folder_lists_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pelayanan"
    (package / builtin.PACKAGED_DIR).mkdir(parents=True)
    monkeypatch.setattr(builtin, "files", lambda name: package)
    assert builtin.rubric_paths() == []


def test_neither_place_is_an_error_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtin, "files", lambda name: tmp_path / "pelayanan")
    monkeypatch.setattr(builtin, "_source_root", lambda: tmp_path / "checkout" / "rubrics")
    with pytest.raises(FileNotFoundError) as info:
        builtin.root()
    message = str(info.value)
    assert str(tmp_path / "pelayanan" / builtin.PACKAGED_DIR) in message
    assert str(tmp_path / "checkout" / "rubrics") in message

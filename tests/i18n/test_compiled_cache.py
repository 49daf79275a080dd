"""A source checkout compiles each ``.po`` once and keeps the result, named by the ``.po``'s
hash, under ``__pycache__`` beside it: a later run reads it instead of running Babel's parser,
and an edited catalog is compiled anew (its old copy removed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pelayanan import _i18n


@pytest.fixture
def locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the Indonesian catalog (no ``.mo``) as the locale folder."""
    folder = tmp_path / "locale" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(_i18n.LOCALE_DIR / "id" / "LC_MESSAGES" / "pelayanan.po", folder)
    monkeypatch.setattr(_i18n, "LOCALE_DIR", tmp_path / "locale")
    return folder


def _translation(lang: str) -> object:
    return _i18n.translation.__wrapped__(lang)  # type: ignore[attr-defined]


def test_compiled_once_then_read_back(locale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _translation("id")
    assert first.gettext("interrupted") == "dihentikan"  # type: ignore[attr-defined]
    cached = list((locale / "__pycache__").glob("pelayanan.*.mo"))
    assert len(cached) == 1

    def no_babel(po: bytes, lang: str) -> bytes:
        raise AssertionError("compiled again although the cached copy is current")

    monkeypatch.setattr(_i18n, "_compile", no_babel)
    again = _translation("id")
    assert again.gettext("interrupted") == "dihentikan"  # type: ignore[attr-defined]


def test_an_edited_catalog_is_compiled_anew(locale: Path) -> None:
    _translation("id")
    po = locale / "pelayanan.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "dihentikan"', 'msgstr "berhenti"'),
        encoding="utf-8",
    )
    edited = _translation("id")
    assert edited.gettext("interrupted") == "berhenti"  # type: ignore[attr-defined]
    assert len(list((locale / "__pycache__").glob("pelayanan.*.mo"))) == 1  # old one removed


def test_a_read_only_folder_compiles_in_memory(locale: Path) -> None:
    (locale / "__pycache__").write_text("not a folder", encoding="utf-8")  # cannot be created
    assert _translation("id").gettext("interrupted") == "dihentikan"  # type: ignore[attr-defined]


@pytest.mark.parametrize("damage", ["cut short", "not a catalog", "a bad encoding"])
def test_a_damaged_compiled_copy_is_compiled_anew(locale: Path, damage: str) -> None:
    # It raised struct.error (cut short) or UnicodeDecodeError out of every command.
    _translation("id")
    [cached] = (locale / "__pycache__").glob("pelayanan.*.mo")
    data = cached.read_bytes()
    damaged = {
        "cut short": data[:2000],
        "not a catalog": b"not a catalog",
        "a bad encoding": data.replace(b"dihentikan", b"dihent\xffkan"),
    }[damage]
    cached.write_bytes(damaged)
    assert _translation("id").gettext("interrupted") == "dihentikan"  # type: ignore[attr-defined]
    assert cached.read_bytes() == data  # and kept whole again

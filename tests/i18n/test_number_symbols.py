"""Numbers are written by Babel's own pattern code with Babel's own symbols, read from a
small cache (named by Babel's version) instead of Babel's whole locale data: the result is
the same as Babel formatting with the full locale, for every language pelayanan speaks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import babel
import babel.localedata
import babel.numbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelayanan import _i18n


def _babel(value: Decimal, places: int, lang: str) -> str:
    """Babel with its full locale data, as format_decimal called it before the cache."""
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    step = Decimal(1).scaleb(-places)
    return babel.numbers.format_decimal(
        value.quantize(step, rounding=ROUND_HALF_UP),
        format=pattern,
        locale=lang,
        decimal_quantization=True,
    )


@given(
    value=st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=6),
    places=st.integers(min_value=0, max_value=4),
    lang=st.sampled_from(_i18n.LANGUAGES),
)
def test_same_text_as_babel_with_the_full_locale(value: Decimal, places: int, lang: str) -> None:
    assert _i18n.format_decimal(value, places, lang) == _babel(value, places, lang)


def test_known_texts() -> None:
    # Indonesian: '.' groups, ',' decimals; English the reverse
    assert _i18n.format_decimal(Decimal("1234.5"), 2, "id") == "1.234,50"
    assert _i18n.format_decimal(Decimal("-1234.5"), 2, "en") == "-1,234.50"
    assert _i18n.format_integer(1234567, "id") == "1.234.567"


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty locale folder (one sub-folder per language, as shipped)."""
    for lang in _i18n.LANGUAGES:
        (tmp_path / lang).mkdir()
    monkeypatch.setattr(_i18n, "LOCALE_DIR", tmp_path)
    _i18n.number_locale.cache_clear()
    yield tmp_path
    _i18n.number_locale.cache_clear()


def _cached(folder: Path, lang: str) -> Path:
    return folder / lang / "__pycache__" / f"numbers.babel-{babel.__version__}.json"


def test_symbols_are_babels_and_read_back_from_the_cache(
    locale_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _i18n.number_locale("id")
    cached = _cached(locale_dir, "id")
    symbols = json.loads(cached.read_text(encoding="utf-8"))
    full = babel.Locale.parse("id").number_symbols["latn"]
    assert symbols["decimal"] == full["decimal"] == ","
    assert symbols["group"] == full["group"] == "."
    assert symbols["minusSign"] == full["minusSign"]

    # a later process reads the cache: Babel's locale data is not asked again
    def no_locale_data(*args: object, **kwargs: object) -> object:
        raise AssertionError("Babel's locale data loaded although the cache is current")

    _i18n.number_locale.cache_clear()
    monkeypatch.setattr(babel.localedata, "load", no_locale_data)
    assert _i18n.format_decimal(Decimal("1234.5"), 2, "id") == "1.234,50"


def test_a_damaged_cache_is_computed_anew(locale_dir: Path) -> None:
    cached = _cached(locale_dir, "en")
    cached.parent.mkdir(parents=True)
    cached.write_text('{"decimal": 1', encoding="utf-8")  # cut short
    stale = cached.with_name("numbers.babel-0.0.json")
    stale.write_text("{}", encoding="utf-8")
    assert _i18n.format_decimal(Decimal("1234.5"), 2, "en") == "1,234.50"
    assert json.loads(cached.read_text(encoding="utf-8"))["decimal"] == "."
    assert not stale.exists()  # another Babel's copy removed


def test_an_unwritable_folder_still_formats(locale_dir: Path) -> None:
    (locale_dir / "id" / "__pycache__").write_text("not a folder", encoding="utf-8")
    assert _i18n.format_decimal(Decimal("80"), 2, "id") == "80,00"

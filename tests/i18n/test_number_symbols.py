"""Numbers are written by Babel's own pattern code with Babel's own symbols, read from a
small cache (keyed by Babel's version) instead of Babel's whole locale data: the result is
the same as Babel formatting with the full locale, for every language pelayanan speaks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import babel
import babel.localedata
import babel.numbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelayanan import _cache, _i18n
from pelayanan._version import __version__


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
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty user cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.ENV_VARIABLE, str(folder))
    _i18n.number_locale.cache_clear()
    yield folder
    _i18n.number_locale.cache_clear()


def _cached(folder: Path, lang: str) -> Path:
    return folder / "babel" / __version__ / f"numbers.{lang}.{babel.__version__}.json"


def _data(kept: Path) -> object:
    """The symbols in a kept copy (after its line of key and digest)."""
    return json.loads(kept.read_bytes().partition(b"\n")[2])


def test_symbols_are_babels_and_read_back_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _i18n.number_locale("id")
    cached = _cached(cache, "id")
    symbols = _data(cached)
    assert isinstance(symbols, dict)
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


def test_a_damaged_cache_is_computed_anew(cache: Path) -> None:
    cached = _cached(cache, "en")
    cached.parent.mkdir(parents=True)
    cached.write_text('{"decimal": 1', encoding="utf-8")  # cut short
    stale = cached.with_name("numbers.en.0.0.json")
    stale.write_text("{}", encoding="utf-8")
    assert _i18n.format_decimal(Decimal("1234.5"), 2, "en") == "1,234.50"
    assert _data(cached)["decimal"] == "."  # type: ignore[index]
    assert not stale.exists()  # another Babel's copy removed


def test_symbols_kept_for_another_babel_are_not_used(cache: Path) -> None:
    """A copy whose key names another Babel (its digest intact) is ignored."""
    _i18n.number_locale("en")
    cached = _cached(cache, "en")
    head, _, _ = cached.read_bytes().partition(b"\n")
    header = json.loads(head)
    doctored = json.dumps({"decimal": ",", "group": "."}).encode("utf-8")
    header["key"]["babel"] = "0.0"
    header["sha256"] = hashlib.sha256(doctored).hexdigest()
    cached.write_bytes(json.dumps(header).encode("utf-8") + b"\n" + doctored)
    _i18n.number_locale.cache_clear()
    assert _i18n.format_decimal(Decimal("1234.5"), 2, "en") == "1,234.50"


def test_two_installed_versions_keep_their_own_symbols(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two pelayanan versions sharing one cache (two environments of one user): each keeps
    # its copy. Kept under one name, each run of one replaced the other's (their keys
    # differ), so every other run computed the symbols from Babel's locale data again.
    written: list[Path] = []
    real = _cache.write

    def counting(path: Path, *args: Any) -> None:
        written.append(path)
        real(path, *args)

    monkeypatch.setattr(_cache, "write", counting)
    for round_, version in enumerate(["1.0", "2.0", "1.0", "2.0"]):
        monkeypatch.setattr("pelayanan._version.__version__", version)
        _i18n.number_locale.cache_clear()
        written.clear()
        assert _i18n.format_decimal(Decimal("1234.5"), 2, "id") == "1.234,50"
        assert len(written) == (1 if round_ < 2 else 0)  # made by each version once, then read
    assert len(list(cache.rglob("numbers.id.*.json"))) == 2


def test_an_unwritable_folder_still_formats(cache: Path) -> None:
    cache.write_text("not a folder", encoding="utf-8")
    assert _i18n.format_decimal(Decimal("80"), 2, "id") == "80,00"

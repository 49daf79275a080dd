"""The HTML page: self-contained, escaped, Indonesian by default, every section present."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pelayanan._reports import Period, Report, render_html

from ._factories import RUBRIC, SCHEME, round_one, round_two


class _Checker(HTMLParser):
    """Collects tags and checks that every opened element is closed in order."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})
    SVG_LEAVES = frozenset({"rect", "line", "circle", "path", "stop", "polyline"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids += [value or "" for name, value in attrs if name == "id"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()


def _parse(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == ["html"] or checker.stack == []
    return checker


def test_sections_and_self_containment() -> None:
    report = Report(
        [Period("2023", round_one()), Period("2024", round_two())], SCHEME, RUBRIC.title
    )
    page = render_html(report)
    checker = _parse(page)
    assert {"trend", "components", "summary", "ranking", "heatmap", "provenance"} <= set(
        checker.ids
    )
    assert "script" not in checker.tags
    assert "link" not in checker.tags
    assert "img" not in checker.tags
    assert not re.search(r"(src|href)\s*=", page)
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * (
        page.count("<svg")
    )
    assert '<html lang="id">' in page
    assert "Ringkasan per tingkat" in page
    assert "Tren nilai" in page
    assert "Kota &lt;Contoh&gt; &amp; Co" in page  # names are escaped
    assert "Kota <Contoh>" not in page
    assert "93,75" in page  # the city in 2024, with an Indonesian decimal comma
    assert "Kepatuhan tinggi" in page
    assert "sha256:" in page


def test_fixes_need_a_band_below_the_top() -> None:
    page = render_html(Report([Period("2023", round_one())], SCHEME))
    assert "Yang perlu diperbaiki" in page
    # kota (46.88, D) needs 54.00 - 46.88 = 7.12 more for C.
    assert "perlu +7,12 poin untuk mencapai C (Kualitas Sedang)" in page
    assert "Tren nilai" not in page  # one period: no trend
    top = render_html(Report([Period("2024", round_two())], SCHEME))
    assert "Yang perlu diperbaiki" in top  # dinas-a (87.50, B) is below A
    assert "sudah di kategori tertinggi" in top  # the city's gauge: 93.75 is A


def test_english_labels() -> None:
    page = render_html(Report([Period("2024", round_two())], SCHEME, RUBRIC.title, lang="en"))
    assert '<html lang="en">' in page
    assert "Summary per level" in page
    assert "High compliance" in page
    assert "Example rubric" in page
    assert "Ringkasan" not in page


def test_without_a_scheme() -> None:
    page = render_html(Report([Period("2024", round_one())]))
    _parse(page)
    assert "46,88" in page  # Indonesian, the default language

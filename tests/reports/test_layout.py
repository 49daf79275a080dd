"""The HTML report laid out by a real browser at desktop (1280 px) and phone (390 px) width:
no console errors, no text box overlapping another text box, a gridline, a data line or the
gauge marker, no text cut off (outside its chart, or clipped by its box), and badge colours
that pass WCAG AA.

A copy of the report gets a small script that measures the rendered boxes
(``getBoundingClientRect``, line segments through ``getScreenCTM``) and writes what it found
into the page; chromium's ``--dump-dom`` returns it. The report itself stays script-free.
A control page with overlapping labels proves the measurement can fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pelayanan._model.zones import ZoneScheme
from pelayanan._reports.badge import darker
from pelayanan._reports.figures import colour_of, contrast, ink_for, readable
from pelayanan.plugins import Registry

from .chromium import browser as browser  # the fixture
from .chromium import console as _console
from .chromium import open_page as _open
from .test_browser import _report

MEASURE = (Path(__file__).parent / "measure_layout.js").read_text(encoding="utf-8")
"""The measuring script (plain JavaScript, kept in its own file)."""


def _measure(browser: str, tmp_path: Path, page: Path, width: int) -> dict[str, list[object]]:
    probe = tmp_path / f"measured-{width}.html"
    html = page.read_text(encoding="utf-8")
    script = f"<script>{MEASURE}</script>"
    probe.write_text(html.replace("</body>", script + "</body>"), encoding="utf-8")
    done = _open(browser, tmp_path / "profile", probe, "--dump-dom", f"--window-size={width},3000")
    assert done.returncode == 0, done.stderr
    assert _console(done.stderr) == []
    match = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert match is not None, done.stdout[-2000:]
    text = match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    data: dict[str, list[object]] = json.loads(text.replace("&amp;", "&"))
    return data


def test_the_measurement_sees_overlaps(browser: str, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html><body><svg width="200" height="50" viewBox="0 0 200 50">'
        '<text x="10" y="20">first label</text><text x="14" y="22">second</text>'
        '<line x1="0" y1="18" x2="200" y2="18" stroke="#000"/>'
        '<text x="190" y="40">cut off at the edge</text></svg>'
        '<div style="width:40px;overflow:hidden;white-space:nowrap">a long clipped text</div>'
        "</body></html>",
        encoding="utf-8",
    )
    found = _measure(browser, tmp_path, page, 1280)
    assert ["text", "first label", "second"] in found["overlaps"]
    assert ["gridline", "first label"] in found["overlaps"]
    assert ["outside its chart", "cut off at the edge"] in found["cut"]
    assert ["clipped", "a long clipped text"] in found["cut"]


@pytest.mark.parametrize("width", [1280, 390])
def test_no_label_overlaps_or_cuts(browser: str, tmp_path: Path, width: int) -> None:
    page = _report(tmp_path)
    found = _measure(browser, tmp_path, page, width)
    assert found["texts"] > 300  # the whole report was measured
    assert found["overlaps"] == []
    assert found["cut"] == []
    shot = tmp_path / f"report-{width}.png"
    done = _open(
        browser, tmp_path / "profile", page, f"--screenshot={shot}", f"--window-size={width},2400"
    )
    assert done.returncode == 0, done.stderr
    assert _console(done.stderr) == []
    assert shot.stat().st_size > 20_000


def _schemes() -> list[ZoneScheme]:
    return list(Registry(strict=False).zone_schemes())


def test_badge_and_pill_colours_pass_wcag_aa() -> None:
    # WCAG 2: white on black is 21:1; a colour against itself 1:1
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
    # #767676 on white is the classic AA limit, 4.54:1
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    pairs = [("#4a4a4a", ink_for("#4a4a4a"))]  # the badge's grey label part
    colours = {
        colour_of(zone, band)
        for s in _schemes()
        for band in s.bands
        for zone in [s.zone(band.zone)]
    }
    colours |= {"#f9a825", "#e5a50a", "#808080", "#ffff00", "#00ff00", "#c0392b"}
    for colour in sorted(colours):
        for background in (readable(colour), readable(darker(colour))):
            pairs.append((background, ink_for(background)))
    for background, ink in pairs:
        assert contrast(background, ink) >= 4.5, (background, ink)


def test_rendered_badges_pass_wcag_aa() -> None:
    from pelayanan._reports.badge import render_badge

    for colour in ("#f9a825", "#2e7d32", "#c62828", "#ffff00", "#808080"):
        svg = render_badge("Kepatuhan", "83,19", "Kepatuhan tinggi", colour)
        fills = re.findall(
            r'<rect x="[\d.]+" width="[\d.]+" height="20" fill="(#[0-9a-f]{6})"', svg
        )
        inks = re.findall(r'<text x="[\d.]+" y="14" fill="(#[0-9a-f]{6})"', svg)
        assert len(fills) == len(inks) == 3
        for background, ink in zip(fills, inks, strict=True):
            assert contrast(background, ink) >= 4.5, (colour, background, ink)

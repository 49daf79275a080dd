"""The SVG badge: valid SVG, showing the label, the score and the zone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pelayanan._reports.badge import darker, render_badge, text_width

SVG = "{http://www.w3.org/2000/svg}"


def test_three_parts_parse_and_show_score_and_zone() -> None:
    svg = render_badge("Kepatuhan", "83.19", "Kepatuhan tinggi", "#2e7d32")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.attrib["height"] == "20"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    # Each text is drawn twice (shadow, then the text itself).
    assert texts == ["Kepatuhan"] * 2 + ["83.19"] * 2 + ["Kepatuhan tinggi"] * 2
    assert root.find(f"{SVG}title").text == "Kepatuhan: 83.19, Kepatuhan tinggi"  # type: ignore[union-attr]
    fills = [r.attrib["fill"] for r in root.iter(f"{SVG}rect") if "x" in r.attrib]
    assert fills == ["#4a4a4a", "#2e7d32", darker("#2e7d32")]
    # The parts tile the badge exactly.
    width = float(root.attrib["width"])
    assert (
        abs(width - sum(text_width(t) + 12 for t in ("Kepatuhan", "83.19", "Kepatuhan tinggi"))) < 1
    )


def test_two_parts_and_escaping() -> None:
    root = ET.fromstring(render_badge("A&B <x>", "99.00", "", "#f9a825"))
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert texts == {"A&B <x>", "99.00"}
    dark_text = [t.attrib["fill"] for t in root.iter(f"{SVG}text") if t.text == "99.00"]
    assert "#1a1a1a" in dark_text  # dark text on the light yellow


def test_helpers() -> None:
    assert darker("#ffffff", 0.5) == "#808080"
    assert darker("not a colour") == "not a colour"
    assert text_width("WWW") > text_width("iii")

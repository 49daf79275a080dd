"""Hostile text in every text and attribute position of the HTML report, the SVG badge, the
Markdown report, CSV output and terminal tables (issue 9, items 1-3).

The payloads are the ones an outside tester used: a colour that closes its attribute and
opens a ``<script>``, an event handler, Markdown links and raw HTML, a spreadsheet formula,
and terminal escape sequences.
"""

from __future__ import annotations

import ast
import csv
import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from pelayanan import Band, Evidence, Group, Unit, UnitTree, Zone, score
from pelayanan._reports import Period, Report, render_html, render_markdown_report
from pelayanan._reports.badge import render_badge
from pelayanan._reports.safe import Md, md_escape, spreadsheet_text, visible
from pelayanan._reports.tables import Table, assessment_csv, assessment_table, render_text

from ._factories import RUBRIC, SCHEME, UNITS

SCRIPT = '"/><script>alert(1)</script><rect x="'
HANDLER = '#2e7d32" onmouseover="alert(1)'
SINGLE = "' onmouseover='alert(2)' x='"
IMG = "<img src=x onerror=alert(3)>"
MD_LINK = "[klik](javascript:alert(4)) ![i](http://example.invalid/x.png) <b>tebal</b> | x |"
FORMULA = "=cmd|' /C calc'!A0"
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m\u202egnp.exe"
HOSTILE = (SCRIPT, HANDLER, SINGLE, IMG, MD_LINK, FORMULA, ESCAPES)
# How the HTML report and the badge show ESCAPES: the characters XML forbids as escapes.
ESCAPES_SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07\x9b31m\u202egnp.exe"
REPORTS = Path(__file__).resolve().parents[2] / "src" / "pelayanan" / "_reports"


def _force(obj: object, **changes: object) -> object:
    """``obj`` with attributes changed behind the validators' back: a stand-in for a
    future field or a model check that has been bypassed, so the writers' escaping is tested
    on its own."""
    for name, value in changes.items():
        object.__setattr__(obj, name, value)
    return obj


def _hostile(payload: str, *, first: bool = False) -> Report:
    """The report of ``_factories`` with ``payload`` in every name, id, title, label, colour
    and period label (colours forced past the model's check)."""
    zones = [
        _force(attrs.evolve(zone, label=f"{zone.label.get()} {payload}"), colour=payload)
        for zone in SCHEME.zones
    ]
    bands = [
        _force(attrs.evolve(band, label=f"{band.label.get()} {payload}"), colour=payload)
        for band in SCHEME.bands
    ]
    scheme = attrs.evolve(SCHEME, title=f"skema {payload}", bands=bands, zones=zones)
    rubric = attrs.evolve(
        RUBRIC,
        title=f"rubrik {payload}",
        children=[
            attrs.evolve(
                group,
                title=f"{group.title.get()} {payload}",
                children=[
                    attrs.evolve(node, title=f"{node.title.get()} {payload}")
                    for node in group.children
                ],
            )
            for group in RUBRIC.children
            if isinstance(group, Group)
        ],
    )

    def uid(value: str) -> str:
        return f"{payload}{value}" if first else f"{value}{payload}"

    def name(value: str) -> str:
        return f"{payload} {value}" if first else f"{value} {payload}"

    units = UnitTree(
        Unit(uid(u.id), name(u.name), u.level, None if u.parent is None else uid(u.parent))
        for u in UNITS
    )
    answers = {"p1": (True, True, 3), "p2": (True, False, 0), "p3": (False, False, 3)}
    evidence = [
        Evidence(uid(unit), indicator, value)
        for unit, values in answers.items()
        for indicator, value in zip(
            ("persyaratan", "prosedur", "ruang_tunggu"), values, strict=True
        )
    ]
    periods = []
    for label in ("2023", f"2024 {payload}"):
        result = score(rubric, evidence, units, zone_scheme=scheme, assessed_on=payload)
        periods.append(Period(label, result))
    return Report(periods, scheme, rubric.title, "id", title=f"judul {payload}")


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _structure(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _shape(parsed: _Tags) -> list[tuple[str, tuple[str, ...]]]:
    """Elements and their attribute names, in order. A long label is wrapped onto more
    ``<tspan>`` lines than a short one, so those are checked apart: only ``x`` and ``y``."""
    spans = {tuple(sorted(a)) for tag, a in parsed.tags if tag == "tspan"}
    assert spans <= {("x", "y")}
    return [(tag, tuple(sorted(a))) for tag, a in parsed.tags if tag != "tspan"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_html_report_shows_hostile_text_as_text(payload: str) -> None:
    page = render_html(_hostile(payload))
    hostile = _structure(page)
    benign = _structure(render_html(_hostile("x")))
    # The same elements with the same attribute names as a report of harmless names: no
    # field added a script, an image, an event handler or any other element or attribute.
    assert _shape(hostile) == _shape(benign)
    assert "script" not in {tag for tag, _ in hostile.tags}
    assert not any(name.startswith("on") for _, a in hostile.tags for name in a)
    # And the text is shown as it is (escaped in the source, intact once parsed).
    shown = "".join(hostile.text)
    payload = ESCAPES_SHOWN if payload == ESCAPES else payload
    assert f"Dinas A {payload}" in shown
    assert f"Persyaratan {payload}" in shown
    assert f"judul {payload}" in shown


@pytest.mark.parametrize("payload", HOSTILE)
def test_badge_shows_hostile_text_as_text(payload: str) -> None:
    svg = render_badge(f"Kepatuhan {payload}", "83.19", f"Zona {payload}", payload)
    root = ET.fromstring(svg)  # still well-formed XML
    names = {element.tag.rpartition("}")[2] for element in root.iter()}
    assert names <= {"svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text"}
    assert not any(key.startswith("on") for element in root.iter() for key in element.attrib)
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    payload = ESCAPES_SHOWN if payload == ESCAPES else payload
    assert texts.count(f"Kepatuhan {payload}") == 2
    assert texts.count(f"Zona {payload}") == 2


@pytest.mark.parametrize("payload", HOSTILE)
def test_markdown_report_renders_hostile_text_as_text(payload: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = render_markdown_report(_hostile(payload))
    benign = render_markdown_report(_hostile("x"))
    # Rendered by a CommonMark renderer that passes raw HTML through (the worst case):
    # no element, link or image comes from the data, and tables keep their columns.
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    hostile, harmless = _structure(renderer.render(text)), _structure(renderer.render(benign))
    assert _shape(hostile) == _shape(harmless)
    shown = "".join(hostile.text)
    assert f"Dinas A {payload}".replace("\x1b", "") in shown or payload == ESCAPES
    for code in ("`", "<", "&"):
        assert md_escape(code) == "\\" + code


def test_markdown_escaping_by_construction() -> None:
    assert Md("**{}**").format("*a* [b](c)") == "**\\*a\\* \\[b\\](c)**"
    assert Md(" | ").join(["a|b", Md("`x`")]) == "a\\|b | `x`"
    assert Md("# ") + "<b>" == "# \\<b\\>"
    assert md_escape("line\nbreak") == "line break"


def test_report_modules_build_markup_only_from_templates() -> None:
    """No f-string or plain string literal in the HTML, SVG, badge and Markdown writers
    holds markup: markup is written only as ``Html``/``Md`` templates, which escape every
    value given to them, so a new field cannot be added unescaped."""
    offenders = []
    names = sorted(path.name for path in REPORTS.glob("*.py") if path.name != "safe.py")
    assert {"html.py", "svg.py", "badge.py", "markdown.py", "survey_pages.py"} <= set(names)
    for name in names:
        tree = ast.parse((REPORTS / name).read_text(encoding="utf-8"))
        # The standard library's html.escape is not used: a value escaped by hand is one
        # a future field can forget.
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "html":
                offenders.append(f"{name}:{node.lineno} imports from html")
            if isinstance(node, ast.Import) and any(a.name == "html" for a in node.names):
                offenders.append(f"{name}:{node.lineno} imports html")
        templates = {
            id(arg)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("Html", "Md")
            for arg in node.args
        }
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if "<" in parts or "&" in parts:
                    offenders.append(f"{name}:{node.lineno}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "<" in node.value
                and id(node) not in templates | docstrings
            ):
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []


def test_hostile_colours_are_refused_by_the_model() -> None:
    for colour in (SCRIPT, HANDLER, "red", "#12345", "#1234567", "#ggg", " #fff", "#fff\n"):
        with pytest.raises(ValueError, match="colour"):
            Zone("hijau", "Hijau", colour)
        with pytest.raises(ValueError, match="colour"):
            Band(0, "A", "A", "hijau", colour)
    assert Zone("hijau", "Hijau", "#2E7D32").colour == "#2E7D32"
    assert Band(0, "A", "A", "hijau", "#abc").colour == "#abc"
    assert Band(0, "A", "A", "hijau").colour is None


def test_csv_cells_cannot_start_a_formula() -> None:
    text = assessment_csv(_hostile(FORMULA, first=True).current)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["unit"] == "'=cmd|' /C calc'!A0kota"
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0 Kota <Contoh> & Co"
    assert rows[1]["parent"] == "'=cmd|' /C calc'!A0kota"
    # 68.75 (dinas-a in _factories) is written as a number, untouched.
    assert rows[1]["score"] == "68.75"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+62 21 555", "'+62 21 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.50", "-12.50"),  # a number we wrote stays a number
        ("+3", "+3"),
        ("1e-3", "1e-3"),
        ("Dinas = A", "Dinas = A"),
        ("", ""),
    ],
)
def test_spreadsheet_text_rule(cell: str, written: str) -> None:
    assert spreadsheet_text(cell) == written


def test_terminal_table_shows_control_characters() -> None:
    table = render_text(assessment_table(_hostile(ESCAPES).current))
    assert "\x1b" not in table
    for control in ("\x07", "\x9b", "\u202e"):
        assert control not in table
    assert "\\x1b[2J" in table
    assert "\\u202e" in table
    assert visible("a\tb\nc\x1b") == "a\\tb\\nc\\x1b"
    assert visible("a\tb\nc\x1b", lines=True) == "a\tb\nc\\x1b"
    coloured = render_text(Table(("a",), [["x\x1b]0;t\x07"]]), colour=True)
    assert "\x07" not in coloured

"""Terminal, CSV and Markdown tables, the Markdown report and the comparison."""

from __future__ import annotations

import csv
import io
import re

import attrs

from pelayanan._i18n import use_language
from pelayanan._reports import Period, Report, render_markdown_report
from pelayanan._reports.compare import compare, comparison_table
from pelayanan._reports.tables import (
    Cell,
    Table,
    assessment_table,
    render_csv,
    render_markdown,
    render_text,
)

from ._factories import RUBRIC, SCHEME, round_one, round_two


def test_text_alignment_and_colour() -> None:
    table = Table(("Unit", "Nilai"), [("a", "9.50"), ("bbb", Cell("100.00", "#2e7d32"))], {1})
    plain = render_text(table)
    assert plain.splitlines() == ["Unit   Nilai", "----  ------", "a       9.50", "bbb   100.00"]
    coloured = render_text(table, colour=True)
    assert "\x1b[1;38;2;46;125;50m100.00\x1b[0m" in coloured


def test_csv_and_markdown_escaping() -> None:
    table = Table(("name", "note"), [("a,b", 'say "hi"'), ("x|y", "")])
    assert list(csv.reader(io.StringIO(render_csv(table)))) == [
        ["name", "note"],
        ["a,b", 'say "hi"'],
        ["x|y", ""],
    ]
    markdown = render_markdown(table)
    assert "| x\\|y |   |" in markdown


def test_assessment_table_in_tree_order() -> None:
    text = render_text(assessment_table(round_one(), "en"))
    lines = text.splitlines()
    assert lines[0].split() == ["Unit", "Level", "Score", "Band", "Zone", "Coverage", "Evidence"]
    assert lines[2].startswith("Kota <Contoh> & Co")
    assert "46.88  D (Low quality)" in lines[2]
    assert lines[3].startswith("  Dinas A")
    assert lines[4].startswith("    Produk 1")


def test_markdown_report() -> None:
    report = Report(
        [Period("2023", round_one()), Period("2024", round_two())], SCHEME, RUBRIC.title
    )
    text = render_markdown_report(report)
    # The name's '<', '>' and '&' are escaped: Markdown renderers would pass '<Contoh>' on as
    # raw HTML (see test_injection).
    assert text.startswith("# Kota \\<Contoh\\> \\& Co\n")
    assert "## Tren nilai" in text
    assert "| Kota \\<Contoh\\> \\& Co | 46,88 | 93,75 |" in text
    assert "## Lampiran teknis: asal-usul hasil" in text


def test_compare_changes_and_transitions() -> None:
    old, new = round_one(), round_two()
    result = compare(old, new)
    change = {c.unit_id: c for c in result.changes}
    assert str(change["kota"].delta) == "46.87"  # 93.75 - 46.88
    assert change["kota"].direction == "up"
    assert change["p1"].direction == "same"
    # merah -> hijau: kota (D -> A), dinas-b (E -> A), p3 (E -> A); merah -> kuning: p2
    # (D -> C); kuning -> hijau: dinas-a (C -> B).
    moves = {(a, b): n for a, b, n in result.transitions}
    assert moves == {("merah", "hijau"): 3, ("merah", "kuning"): 1, ("kuning", "hijau"): 1}
    only = compare(old, new, "service_unit")
    assert [c.unit_id for c in only.changes] == ["dinas-a", "dinas-b"]
    table = render_text(comparison_table(only, "id"))
    # ranks within the level: dinas-a 68.75 > 25.00 was 1st, 87.50 < 100.00 is now 2nd
    assert re.search(
        r"Dinas A .* 68,75 +87,50 +\+18,75 +1 → 2 \(▼1\) +Kepatuhan sedang +Kepatuhan tinggi", table
    )
    assert re.search(r"Dinas B .* 2 → 1 \(▲1\)", table)
    assert [(c.old_rank, c.new_rank, c.rank_change) for c in only.changes] == [
        (1, 2, -1),
        (2, 1, 1),
    ]
    assert result.notes == ()
    other = attrs.evolve(new, provenance=attrs.evolve(new.provenance, rubric_version="2"))
    with use_language("en"):
        assert compare(old, other).notes == ("different rubrics: contoh@1 -> contoh@2",)
    assert compare(old, other).notes == ("rubrik berbeda: contoh@1 -> contoh@2",)  # by default
    rescheme = attrs.evolve(new.provenance, zone_scheme_id="lain", zone_scheme_version="1")
    with use_language("en"):
        notes = compare(old, attrs.evolve(new, provenance=rescheme)).notes
    assert notes[0].startswith("method change: the two results come from different methods")
    assert notes[1] == (
        "different zone schemes: ombudsman-2022@2022 -> lain@1; zones are not comparable one to one"
    )

"""What every report shows: levels, rankings, summaries, losses and gaps (hand-worked)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from pelayanan._reports.figures import colour_of, ink_for
from pelayanan._reports.html import render_html
from pelayanan._reports.view import (
    Period,
    Report,
    by_level,
    gap_to_next,
    losses,
    rank,
    rows_of,
    series,
    summarize,
)

from ._factories import HIJAU, KUNING, MERAH, SCHEME, assess, round_one, round_two


def test_rows_and_levels_follow_the_tree() -> None:
    assessment = round_one()
    assert [row.card.unit_id for row in rows_of(assessment)] == [
        "kota",
        "dinas-a",
        "p1",
        "p2",
        "dinas-b",
        "p3",
    ]
    levels = by_level(assessment)
    assert list(levels) == ["agency", "service_unit", "service_product"]
    assert [row.card.unit_id for row in levels["service_product"]] == ["p1", "p2", "p3"]
    assert [str(row.card.published) for row in levels["service_unit"]] == ["68.75", "25.00"]


def test_rank_shares_places_on_equal_scores() -> None:
    # p1 100, p2 100, p3 25: competition ranking 1, 1, 3.
    assessment = assess({"p1": (True, True, 3), "p2": (True, True, 3), "p3": (False, False, 3)})
    ranked = rank(by_level(assessment)["service_product"])
    assert [(place, row.card.unit_id) for place, row in ranked] == [(1, "p1"), (1, "p2"), (3, "p3")]


def test_summary_counts_every_zone_lowest_first() -> None:
    levels = by_level(round_one())
    summary = summarize("service_product", levels["service_product"], SCHEME)
    assert summary.count == 3
    # Mean of 100.00, 37.50 and 25.00 = 162.5 / 3 = 54.1666... -> 54.17.
    assert summary.mean == Decimal("54.17")
    assert [(zone.id, count) for zone, count in summary.zones] == [
        ("merah", 2),
        ("kuning", 0),
        ("hijau", 1),
    ]


def test_losses_largest_first_and_merged_up_the_tree() -> None:
    assessment = round_one()
    p2 = losses(assessment["p2"])
    assert [(loss.node.id, str(loss.node.lost)) for loss in p2] == [
        ("prosedur", "75/2"),
        ("ruang_tunggu", "25"),
    ]
    assert [node.id for node in p2[0].path] == ["layanan"]
    # dinas-a is the mean of p1 (no loss) and p2: half of each loss.
    assert [(loss.node.id, str(loss.node.lost)) for loss in losses(assessment["dinas-a"])] == [
        ("prosedur", "75/4"),
        ("ruang_tunggu", "25/2"),
    ]
    assert losses(assessment["p1"]) == []
    assert len(losses(assessment["kota"], limit=1)) == 1


def test_gap_to_the_next_band() -> None:
    assessment = round_one()
    gap = gap_to_next(assessment["kota"], SCHEME)
    assert gap is not None
    assert gap.target is not None
    assert gap.target.code == "C"
    assert gap.points == Decimal("7.12")  # 54.00 - 46.88
    top = gap_to_next(assessment["p1"], SCHEME)
    assert top is not None
    assert top.target is None
    assert gap_to_next(assessment["p1"], None) is None


def test_changes_and_series_across_periods() -> None:
    report = Report([Period("2023", round_one()), Period("2024", round_two())], SCHEME)
    assert report.change(report.current["kota"]) == Decimal("46.87")  # 93.75 - 46.88
    assert series(report.periods, "p2") == [Decimal("37.50"), Decimal("75.00")]
    assert Report([Period("2024", round_two())]).change(round_two()["kota"]) is None


def test_colours() -> None:
    assert colour_of(HIJAU) == "#2e7d32"
    assert colour_of(None) == "#808080"
    grey_red = MERAH.__class__("merah", "Merah")  # no colour given: the usual red
    assert colour_of(grey_red) == "#c0392b"
    assert ink_for("#2e7d32") == "#ffffff"
    assert ink_for(KUNING.colour) == "#1a1a1a"


def test_no_change_across_a_method_change() -> None:
    # Scores of two methods are not on one scale: the report gives no change between them
    # (as compare and the most-improved award do), in the ranking nor under the headline.
    before = round_one()
    other = attrs.evolve(before.provenance, zone_scheme_id="another-scheme")
    periods = [Period("2023", attrs.evolve(before, provenance=other)), Period("2024", round_two())]
    report = Report(periods, SCHEME)
    assert report.change(report.current["kota"]) is None
    page = render_html(report)
    assert "▲" not in page
    assert "46,87" not in page  # 93.75 - 46.88 on the same method (see above)
    # zones compare across methods: the headline still says where the unit was and is
    assert "sebelumnya (2023) · Kepatuhan rendah → Kepatuhan tinggi" in page
    same = render_html(Report([Period("2023", before), Period("2024", round_two())], SCHEME))
    assert "▲ +46,87</span> sebelumnya (2023) · Kepatuhan rendah → Kepatuhan tinggi" in same

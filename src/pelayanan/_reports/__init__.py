"""Reports: a self-contained HTML page, Markdown, an SVG badge, and terminal/CSV tables.

Every report is made from one or more assessments (results), so a result file saved years
ago can still be reported on. Build a :class:`Report` from :class:`Period` objects (oldest
first) and render it::

    from pelayanan._reports import Period, Report, render_html

    page = render_html(Report([Period("2024", assessment)], scheme=zone_scheme))

Labels are Indonesian by default (``lang="en"`` for English).
"""

from __future__ import annotations

from pelayanan._reports.badge import render_badge
from pelayanan._reports.compare import Comparison, UnitChange, compare, comparison_table
from pelayanan._reports.html import render_html
from pelayanan._reports.i18n import LANGUAGES, level_name, words, zone_name
from pelayanan._reports.markdown import render_markdown_report
from pelayanan._reports.tables import (
    Cell,
    Table,
    assessment_csv,
    assessment_table,
    render_csv,
    render_markdown,
    render_text,
)
from pelayanan._reports.view import Period, Report, by_level, gap_to_next, losses, rank

__all__ = [
    "LANGUAGES",
    "Cell",
    "Comparison",
    "Period",
    "Report",
    "Table",
    "UnitChange",
    "assessment_csv",
    "assessment_table",
    "by_level",
    "compare",
    "comparison_table",
    "gap_to_next",
    "level_name",
    "losses",
    "rank",
    "render_badge",
    "render_csv",
    "render_html",
    "render_markdown",
    "render_markdown_report",
    "render_text",
    "words",
    "zone_name",
]

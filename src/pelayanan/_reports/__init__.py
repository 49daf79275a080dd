"""Reports: a self-contained HTML page, Markdown, an SVG badge, and terminal/CSV tables.

Every report is made from one or more assessments (results), so a result file saved years
ago can still be reported on. Build a :class:`Report` from :class:`Period` objects (oldest
first) and render it::

    from pelayanan._reports import Period, Report, render_html

    page = render_html(Report([Period("2024", assessment)], scheme=zone_scheme))

Labels are Indonesian by default (``lang="en"`` for English).
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
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

_LAZY: dict[str, str] = {
    "Cell": "pelayanan._reports.tables",
    "Comparison": "pelayanan._reports.compare",
    "LANGUAGES": "pelayanan._reports.i18n",
    "Period": "pelayanan._reports.view",
    "Report": "pelayanan._reports.view",
    "Table": "pelayanan._reports.tables",
    "UnitChange": "pelayanan._reports.compare",
    "assessment_csv": "pelayanan._reports.tables",
    "assessment_table": "pelayanan._reports.tables",
    "by_level": "pelayanan._reports.view",
    "compare": "pelayanan._reports.compare",
    "comparison_table": "pelayanan._reports.compare",
    "gap_to_next": "pelayanan._reports.view",
    "level_name": "pelayanan._reports.i18n",
    "losses": "pelayanan._reports.view",
    "rank": "pelayanan._reports.view",
    "render_badge": "pelayanan._reports.badge",
    "render_csv": "pelayanan._reports.tables",
    "render_html": "pelayanan._reports.html",
    "render_markdown": "pelayanan._reports.tables",
    "render_markdown_report": "pelayanan._reports.markdown",
    "render_text": "pelayanan._reports.tables",
    "words": "pelayanan._reports.i18n",
    "zone_name": "pelayanan._reports.i18n",
}
"""Each public name and its module, imported on first use: the command line needs only a
few of them (terminal tables, the zone words) and the HTML and badge renderers cost time."""


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pelayanan._reports' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


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

"""Reports: a self-contained HTML page, Markdown, an SVG badge, and terminal/CSV tables.

Every report is made from one or more assessments (results), so a result file saved years
ago can still be reported on. Build a :class:`~pelayanan._reports.view.Report` from
:class:`~pelayanan._reports.view.Period` objects (oldest first) and render it with
:func:`~pelayanan._reports.html.render_html`. Labels are Indonesian by default
(``lang="en"`` for English). The names the public face takes from here are imported on
first use: the command line needs only a few modules, and the HTML renderer costs time.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from pelayanan._reports.html import render_html
    from pelayanan._reports.markdown import render_markdown_report
    from pelayanan._reports.view import Period, Report

_LAZY = {
    "Period": "view",
    "Report": "view",
    "render_html": "html",
    "render_markdown_report": "markdown",
}


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'pelayanan._reports' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"pelayanan._reports.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


__all__ = ["Period", "Report", "render_html", "render_markdown_report"]

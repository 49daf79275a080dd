"""Making data safe for where it is written: Markdown, spreadsheets and terminals.

Every value written by the reports comes from files that may have been made by someone else
(unit names, rubric titles, zone labels, saved results). Each output has one function that
makes a value harmless there, used by every writer of that output:

* HTML and SVG: :class:`Html` templates (MarkupSafe's ``Markup``), which escape every
  value they are given;
* Markdown: :class:`Md`, the same idea for Markdown (backslash escapes, no raw HTML);
* CSV: :func:`spreadsheet_text`, which stops a cell being read as a formula;
* terminals: :func:`visible`, which shows control characters instead of sending them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

import markupsafe

__all__ = [
    "FORMULA_STARTS",
    "Html",
    "Md",
    "TerminalText",
    "for_terminal",
    "md_code",
    "md_escape",
    "spreadsheet_text",
    "visible",
]

# --- HTML and SVG --------------------------------------------------------------------------

# Characters XML 1.0 does not allow even as references (the SVG badge would not parse, HTML
# parsers report them) and lone surrogates (which cannot be written as UTF-8).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Html(markupsafe.Markup):
    """HTML or SVG written by this package: :class:`markupsafe.Markup` whose escaping also
    shows the characters XML does not allow (``ESC`` as ``\\x1b``), so the page and the
    badge stay well-formed whatever the data holds.

    ``Html("<td>{}</td>").format(name)`` and ``Html("").join(parts)`` escape every value that
    is not itself markup; the writers build markup only this way.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(markupsafe.escape(_NOT_XML.sub(lambda m: _shown(m.group()), str(s))))


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
_MD_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")


def md_escape(value: object) -> Md:
    """``value`` as Markdown text that renders as itself: Markdown's special characters
    (``\\ ` * _ [ ] < > & | ~ #``) are backslash-escaped, so no emphasis, link, image, code span,
    table cell or raw HTML can start inside it, and line breaks become spaces, so it cannot
    start a heading, list or table row. :class:`Md` values are already safe and pass as they
    are."""
    if isinstance(value, Md):
        return value
    text = _MD_BREAKS.sub(" ", str(value))
    return Md(_MD_SPECIAL.sub(r"\\\1", text))


def md_code(value: object) -> Md:
    """``value`` as a Markdown code span (shown literally, never as HTML): backticks are
    replaced by apostrophes and line breaks by spaces, so the span cannot be closed early."""
    text = _MD_BREAKS.sub(" ", str(value)).replace("`", "'")
    return Md(f"`{text}`")


class _MdFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Md):
            return str(value)
        return str(md_escape(super().format_field(value, format_spec)))


class Md(str):
    """Markdown written by this package (trusted), like :class:`markupsafe.Markup` for HTML.

    ``Md("**{}**").format(name)`` and ``Md(" | ").join(cells)`` escape every value that is
    not itself :class:`Md` with :func:`md_escape`, so a report built only from ``Md``
    templates cannot forget to escape a field.
    """

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> Md:
        return Md(_MdFormatter().vformat(self, args, kwargs))

    def join(self, iterable: Iterable[object]) -> Md:
        return Md(str.join(self, (md_escape(item) for item in iterable)))

    def __add__(self, other: str) -> Md:
        return Md(str.__add__(str(self), str(md_escape(other))))

    def __radd__(self, other: str) -> Md:
        return Md(str.__add__(str(md_escape(other)), str(self)))


# --- Spreadsheets ---------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (or hide a formula
after a tab or carriage return)."""

_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def spreadsheet_text(text: str) -> str:
    """``text`` as a CSV or XLSX cell that no spreadsheet evaluates.

    A cell starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe
    (``'=cmd|...`` is shown as text, as OWASP and spreadsheet exporters advise). A cell that
    is a plain decimal number as a whole (``-12.5``, ``+3``, ``1e-3``) is left as it is: a
    spreadsheet reads it as a number, which cannot run anything, and scores stay numbers.
    """
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


# --- Terminals ------------------------------------------------------------------------------


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _shown(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


# C0 and C1 controls and DEL (ESC starts terminal commands), line and paragraph separators,
# and the bidirectional overrides and isolates that reorder what is shown.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_CONTROLS_AND_BREAKS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters are shown as escapes
    (``ESC`` as ``\\x1b``) instead of being sent, so data cannot clear the screen, set the
    window title or hide text. With ``lines``, line feeds and tabs are kept (messages);
    without, they are shown too (table cells, names)."""
    pattern = _CONTROLS if lines else _CONTROLS_AND_BREAKS
    return pattern.sub(lambda match: _shown(match.group()), text)


class TerminalText(str):
    """Text for a terminal whose data parts have already been made :func:`visible` (a table
    from :func:`~pelayanan._reports.tables.render_text`, which may colour its zone cells):
    printed as it is. Any other text is passed through :func:`visible` when printed."""

    __slots__ = ()


def for_terminal(text: str) -> str:
    """``text`` ready to print: :class:`TerminalText` as it is, anything else :func:`visible`
    (keeping line feeds and tabs). The one function every terminal message goes through."""
    if isinstance(text, TerminalText):
        return str(text)
    return visible(text, lines=True)

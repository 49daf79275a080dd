"""Escaping for the survey report's writers (HTML, Markdown, spreadsheet cells).

A stand-in until the package's shared escaping layer is in place: the writers build markup
only through :class:`Html` and :class:`Md` templates, whose ``format`` and ``join`` escape
every value that is not already markup, and write spreadsheet text only through
:func:`spreadsheet_text`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["Html", "Md", "md_escape", "spreadsheet_text"]


class Html(str):
    """Trusted HTML; ``format`` and ``join`` escape whatever is not :class:`Html`."""

    __slots__ = ()

    @staticmethod
    def _safe(value: object) -> str:
        if isinstance(value, Html):
            return str(value)
        return html.escape(str(value), quote=True)

    def format(self, *args: object, **kwargs: object) -> Html:
        return Html(
            str.format(
                self,
                *(self._safe(arg) for arg in args),
                **{key: self._safe(value) for key, value in kwargs.items()},
            )
        )

    def join(self, iterable: Iterable[object]) -> Html:
        return Html(str.join(self, (self._safe(item) for item in iterable)))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")


def md_escape(value: object) -> Md:
    """``value`` as Markdown text shown as itself (special characters backslash-escaped,
    line breaks as spaces, so no markup, table cell or heading can start inside it)."""
    if isinstance(value, Md):
        return value
    return Md(_MD_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", str(value))))


class Md(str):
    """Trusted Markdown; ``format`` and ``join`` escape whatever is not :class:`Md`."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> Md:
        return Md(
            str.format(
                self,
                *(md_escape(arg) for arg in args),
                **{key: md_escape(value) for key, value in kwargs.items()},
            )
        )

    def join(self, iterable: Iterable[object]) -> Md:
        return Md(str.join(self, (md_escape(item) for item in iterable)))

    def __add__(self, other: str) -> Md:
        return Md(str.__add__(str(self), str(md_escape(other))))


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def spreadsheet_text(text: str) -> str:
    """``text`` as a cell no spreadsheet evaluates: a leading apostrophe before ``= + - @``,
    tab or carriage return (a plain signed number is left as it is)."""
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text

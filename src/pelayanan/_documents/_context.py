"""Bookkeeping shared by the readers: problems, positions, node and depth limits."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn

from pelayanan._documents.errors import Problem
from pelayanan._i18n import format_integer, gettext
from pelayanan._model.numbers import to_exact

if TYPE_CHECKING:
    from pelayanan._documents.loading import Limits

Position = tuple[int, int]


def number_too_large(literal: str) -> str:
    """Message for a well-formed number that cannot be represented."""
    shown = literal if len(literal) <= 40 else literal[:37] + "..."
    return f"the number {shown} is too large to read"


def read_number(literal: str, *, integer: bool) -> tuple[int | Decimal | None, str | None]:
    """A well-formed number literal through the one bounded parser of the model.

    Returns:
        ``(value, None)``: an ``int`` when ``integer``, else an exact ``Decimal``; or
        ``(None, message)`` when the number is beyond the limits in force.
    """
    if integer and len(literal) <= 15:  # the common case: nothing to bound
        return int(literal), None
    try:
        exact = to_exact(literal, what="")
    except ValueError as error:
        return None, str(error)
    if integer:
        return exact.numerator, None
    return Decimal(literal), None


class Stop(Exception):
    """Internal signal: reading cannot go on (syntax error or a limit was reached)."""


class LineIndex:
    """Turns a character offset in a text into a 1-based ``(line, column)``."""

    def __init__(self, text: str) -> None:
        self._newlines = [match.start() for match in re.finditer("\n", text)]

    def locate(self, offset: int) -> Position:
        """Return the 1-based line and column of the character at ``offset``."""
        index = bisect.bisect_left(self._newlines, offset)
        line_start = self._newlines[index - 1] + 1 if index else 0
        return index + 1, offset - line_start + 1


class Collector:
    """Collects problems and node positions while one document is read.

    Args:
        source: Name of the document, copied into every problem.
        limits: The limits to enforce.
    """

    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.problems: list[Problem] = []
        self.positions: dict[str, Position] = {}
        self._nodes = 0

    def restart(self) -> None:
        """Forget everything collected so far, to read the same document again."""
        self.problems.clear()
        self.positions.clear()
        self._nodes = 0

    def report(self, pointer: str, message: str, position: Position | None = None) -> None:
        """Record a problem and carry on, unless too many problems were found already."""
        line, column = position if position is not None else (None, None)
        self.problems.append(Problem(self.source, pointer, message, line, column))
        limit = self.limits.max_problems
        if len(self.problems) >= limit:
            self.problems.append(
                Problem(
                    self.source,
                    "",
                    gettext(
                        "stopped after {limit} problems; fix these first (or raise the limit "
                        "Limits.max_problems to see more)"
                    ).format(limit=format_integer(limit)),
                )
            )
            raise Stop

    def stop(self, pointer: str, message: str, position: Position | None = None) -> NoReturn:
        """Record a problem that ends reading."""
        line, column = position if position is not None else (None, None)
        self.problems.append(Problem(self.source, pointer, message, line, column))
        raise Stop

    def node(self, pointer: str, position: Position | None) -> None:
        """Count one value (scalar or collection) against ``limits.max_nodes``."""
        self._nodes += 1
        if self._nodes > self.limits.max_nodes:
            self.stop(
                pointer,
                gettext(
                    "the document has more than {limit} values; raise the limit "
                    "Limits.max_nodes if this is intended"
                ).format(limit=format_integer(self.limits.max_nodes)),
                position,
            )

    def open_collection(self, pointer: str, depth: int, position: Position | None) -> None:
        """Check that a mapping or list opened at nesting ``depth`` is within the limit."""
        if depth > self.limits.max_depth:
            self.stop(
                pointer,
                gettext(
                    "mappings and lists are nested more than {limit} levels deep; raise the "
                    "limit Limits.max_depth if this is intended"
                ).format(limit=self.limits.max_depth),
                position,
            )

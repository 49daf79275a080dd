"""Problems found while reading a document, and the error that carries them.

A :class:`Problem` says *where* something is wrong (file, JSON pointer, line and column)
and *what* is wrong.  A :class:`DocumentError` bundles every problem found in one go, so an
author can fix a file in one pass instead of one mistake per run.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pelayanan._i18n import gettext, ngettext
from pelayanan._model.problems import pointer_join

__all__ = ["DocumentError", "Problem", "pointer_join"]


@attrs.frozen
class Problem:
    """One mistake in a document, with its location.

    Attributes:
        source: The file path as given, or ``"<string>"`` / ``"<mapping>"`` / a name chosen
            by the caller.
        pointer: RFC 6901 JSON pointer to the offending value; ``""`` is the document root.
        message: What was found and what was expected, e.g.
            ``"expected a number, got 'abc'"``.
        line: 1-based line number, when the format provides it.
        column: 1-based column number, when the format provides it.
    """

    source: str
    pointer: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """Render as ``source:line:column: pointer: message``.

        Missing line or column numbers are left out, and the root pointer ``""`` is shown
        as ``(root)``.
        """
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.pointer or gettext('(root)')}: {self.message}"


class DocumentError(ValueError):
    """A document could not be accepted; carries every :class:`Problem` found.

    ``str(error)`` starts with a summary line such as ``"2 problems in rubric.yaml:"``,
    followed by one line per problem.

    Args:
        problems: The problems found; there must be at least one.

    Raises:
        ValueError: If ``problems`` is empty.

    Attributes:
        problems: The problems, in the order they were found.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = tuple(problems)
        if not found:
            msg = "DocumentError needs at least one problem"
            raise ValueError(msg)
        super().__init__(found)
        self.problems = found

    def __str__(self) -> str:
        """List every problem, one per line, after a summary line."""
        sources = ", ".join(dict.fromkeys(problem.source for problem in self.problems))
        count = len(self.problems)
        head = ngettext("{count} problem in {file}:", "{count} problems in {file}:", count)
        lines = [head.format(count=count, file=sources)]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

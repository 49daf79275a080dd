"""Problems found in tabular evidence files, and the log that collects all of them.

Spreadsheet users think in rows and column letters, so a :class:`TableProblem` prints as
``evidence.csv: row 7, column C (value): expected a number ...``. It is a
:class:`~pelayanan._documents.errors.Problem` (``line`` is the row, ``column`` the column
number, ``pointer`` is ``/<row>/<header>``), so it travels inside a
:class:`~pelayanan._documents.errors.DocumentError` like any document problem.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pelayanan._documents.errors import DocumentError, Problem, pointer_join
from pelayanan._i18n import format_integer, gettext

__all__ = ["BadRowsError", "ProblemLog", "TableProblem", "column_letter"]


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column number.

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    if index < 1:
        raise ValueError(f"column numbers start at 1, got {index}")
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_MESSAGE_CHARS = 400
_HEADER_CHARS = 80


def _cut(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters and how long it was.

    >>> _cut("abc", 4)
    'abc'
    """
    if len(text) <= limit:
        return text
    return gettext("{start}... ({count} characters)").format(
        start=text[:limit], count=format_integer(len(text))
    )


@attrs.frozen
class TableProblem(Problem):
    """A problem at a row (and column) of a CSV file or a worksheet.

    Attributes:
        header: the column's header text, when the problem is in one cell or column.
        fatal: a problem with the file or its header row, which no ``skip_bad_rows``
            can step over (a row problem is not fatal).
    """

    header: str | None = None
    fatal: bool = False

    @classmethod
    def at(
        cls,
        source: str,
        row: int,
        message: str,
        *,
        column: int | None = None,
        header: str | None = None,
        fatal: bool = False,
    ) -> TableProblem:
        """A problem in ``row`` (1-based, the header is row 1), optionally in one column.

        A message or header longer than a few hundred characters (it quotes a huge cell) is
        cut, so a long cell is never echoed whole into a message."""
        message = _cut(message, _MESSAGE_CHARS)
        header = None if header is None else _cut(header, _HEADER_CHARS)
        pointer = pointer_join("", row) if header is None else pointer_join("", row, header)
        return cls(source, pointer, message, row, column, header, fatal)

    def __str__(self) -> str:
        """``file: row 7, column C (value): message``."""
        where = self.source or ""
        if self.line is not None:
            where += ": " + gettext("row {row}").format(row=self.line)
        if self.column is not None:
            where += ", " + gettext("column {column}").format(column=column_letter(self.column))
            if self.header:
                where += f" ({self.header})"
        elif self.header:
            where += ", " + gettext("column '{header}'").format(header=self.header)
        return f"{where}: {self.message}"


class BadRowsError(DocumentError):
    """A file had problems; nothing from it should be scored.

    Attributes:
        problems: the problems kept (at most the log's limit).
        total: how many problems were found in all, which may exceed ``len(problems)``.
    """

    total: int

    def __init__(self, problems: Iterable[Problem], total: int | None = None) -> None:
        super().__init__(problems)
        self.total = len(self.problems) if total is None else max(total, len(self.problems))

    def __str__(self) -> str:
        """The total, every kept problem, and how many more were found but not kept."""
        lines = super().__str__().split("\n")
        hidden = self.total - len(self.problems)
        if hidden:
            sources = ", ".join(dict.fromkeys(str(problem.source) for problem in self.problems))
            lines[0] = gettext("{total} problems in {files} (the first {kept}):").format(
                total=self.total, files=sources, kept=len(self.problems)
            )
            lines.append(
                "  "
                + gettext("... and {count} more (raise the problem limit to list them all)").format(
                    count=hidden
                )
            )
        return "\n".join(lines)


class ProblemLog:
    """Collects problems as a file is read, keeping at most ``limit`` (0: keep all).

    The count of problems is always exact; only the number kept in memory is bounded, so
    a million bad rows cannot exhaust memory.
    """

    def __init__(self, limit: int = 1000) -> None:
        if limit < 0:
            raise ValueError(f"problem limit: expected 0 (no limit) or more, got {limit}")
        self.limit = limit
        self.problems: list[Problem] = []
        self.count = 0
        self.fatal = False
        self.bad_rows = 0
        self.warnings: list[Problem] = []

    def warn(self, problem: Problem) -> None:
        """Record a warning: something the reader did that the user should know about (such
        as rows shorter than the header), which does not stop anything being scored."""
        if not self.limit or len(self.warnings) < self.limit:
            self.warnings.append(problem)

    def add(self, problem: Problem) -> None:
        """Record ``problem``."""
        self.count += 1
        if isinstance(problem, TableProblem) and problem.fatal:
            self.fatal = True
        if not self.limit or len(self.problems) < self.limit:
            self.problems.append(problem)

    def error(self) -> BadRowsError:
        """The error carrying every kept problem (call only when ``count`` is positive)."""
        return BadRowsError(self.problems, self.count)

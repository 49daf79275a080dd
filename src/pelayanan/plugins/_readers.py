"""The protocol an evidence reader follows, and the reader for evidence documents.

A reader turns one file of some format (a CSV export, a spreadsheet, a survey tool's dump)
into :class:`~pelayanan.Evidence` items. Plugins offer readers through the
``pelayanan_evidence_readers`` hook; the registry finds one by name or by file suffix.
Everything the command line relies on is declared here: the reader's :class:`EvidenceReader`
members, and, for a reader that reports bad rows instead of stopping at the first,
the :class:`RowReport` members of what its ``read`` returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pelayanan._model.evidence import Evidence

if TYPE_CHECKING:  # the documents layer loads on first use
    from pelayanan._documents.errors import Problem

__all__ = ["DocumentEvidenceReader", "EvidenceReader", "RowReport"]


@runtime_checkable
class EvidenceReader(Protocol):
    """Reads evidence from files of one format.

    Attributes:
        name: the format's name, unique among readers (``"csv"``, ``"kobo-xlsx"``); letters,
            digits, ``_ . -``.
        suffixes: the file suffixes it reads, lower case with the dot (``(".csv",)``); may be
            empty for readers chosen only by name.
        options: the names of the keyword options ``read`` takes (empty if none). The
            command line passes those of ``rubric``, ``units``, ``skip_bad_rows``,
            ``max_problems`` and ``progress`` listed here, and the reading options a user
            gives (``--columns`` as ``columns``, ``--delimiter``, ...) to any reader;
            ``read`` refuses those it does not take.
    """

    name: str
    suffixes: tuple[str, ...]
    options: tuple[str, ...]

    def read(self, path: Path, **options: Any) -> Iterable[Evidence]:
        """Read ``path`` and give its evidence items (a generator is fine for large files).

        ``options`` are format specific (a column mapping, a delimiter, an encoding); a
        reader must reject options it does not know with :class:`TypeError` or
        :class:`ValueError`. Problems in the file are raised as
        :class:`~pelayanan.DocumentError` naming file, line and column (a
        :class:`~pelayanan.BadRowsError` of :class:`~pelayanan.plugins.TableProblem` for tables);
        a reader may instead return a :class:`RowReport`, which raises once iterated.
        """
        ...


@runtime_checkable
class RowReport(Protocol):
    """What ``read`` may return to report every bad row instead of stopping at the first
    (the built-in table readers return one, an ``EvidenceStream``).

    Iterating gives the evidence of the good rows and ends by raising a
    :class:`~pelayanan.DocumentError` listing the problems, unless ``skip_bad_rows`` was
    asked for. Once the iteration has ended, the command line prints :attr:`warnings` and,
    under ``--skip-bad-rows``, lists :attr:`problems` as the rows left out.
    """

    @property
    def problems(self) -> Sequence[Problem]:
        """The problems found (at most ``max_problems`` of them are kept)."""
        ...

    @property
    def problem_count(self) -> int:
        """How many problems there were, including any beyond those kept."""
        ...

    @property
    def warnings(self) -> Sequence[Problem]:
        """Things worth saying that did not leave a row out (an unanswered question)."""
        ...

    def __iter__(self) -> Iterator[Evidence]:
        """The evidence of the good rows."""
        ...


class DocumentEvidenceReader:
    """Reads evidence documents (YAML or JSON with the evidence schema), the built-in format."""

    name = "document"
    suffixes: tuple[str, ...] = (".yaml", ".yml", ".json")
    options: tuple[str, ...] = ()

    def read(self, path: Path, **options: Any) -> Iterable[Evidence]:
        """Load ``path`` with :func:`pelayanan.load_evidence` (no options)."""
        if options:
            raise TypeError(f"the document reader takes no options, got {sorted(options)}")
        from pelayanan._documents.api import load_evidence  # type: ignore[import-not-found,unused-ignore]

        evidence: tuple[Evidence, ...] = load_evidence(path).evidence
        return evidence

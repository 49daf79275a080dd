"""The protocol an evidence reader follows, and the reader for evidence documents.

A reader turns one file of some format (a CSV export, a spreadsheet, a survey tool's dump)
into :class:`~pelayanan._model.evidence.Evidence` items. Plugins offer readers through the
``pelayanan_evidence_readers`` hook; the registry finds one by name or by file suffix.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pelayanan._model.evidence import Evidence

__all__ = ["DocumentEvidenceReader", "EvidenceReader"]


@runtime_checkable
class EvidenceReader(Protocol):
    """Reads evidence from files of one format.

    Attributes:
        name: the format's name, unique among readers (``"csv"``, ``"kobo-xlsx"``); letters,
            digits, ``_ . -``.
        suffixes: the file suffixes it reads, lower case with the dot (``(".csv",)``); may be
            empty for readers chosen only by name.
    """

    name: str
    suffixes: tuple[str, ...]

    def read(self, path: Path, **options: Any) -> Iterable[Evidence]:
        """Read ``path`` and give its evidence items (a generator is fine for large files).

        ``options`` are format specific (a column mapping, a delimiter, an encoding); a
        reader must reject options it does not know with :class:`TypeError` or
        :class:`ValueError`. Problems in the file are raised as
        :class:`~pelayanan._documents.errors.DocumentError` naming file, line and column.
        """
        ...


class DocumentEvidenceReader:
    """Reads evidence documents (YAML or JSON with the evidence schema), the built-in format."""

    name = "document"
    suffixes: tuple[str, ...] = (".yaml", ".yml", ".json")

    def read(self, path: Path, **options: Any) -> Iterable[Evidence]:
        """Load ``path`` with :func:`pelayanan._documents.api.load_evidence` (no options)."""
        if options:
            raise TypeError(f"the document reader takes no options, got {sorted(options)}")
        from pelayanan._documents.api import load_evidence  # type: ignore[import-not-found,unused-ignore]

        evidence: tuple[Evidence, ...] = load_evidence(path).evidence
        return evidence

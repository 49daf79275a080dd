"""Evidence readers: turning CSV exports, spreadsheets and survey forms into evidence.

The built-in readers are offered to the plugin registry through the
``pelayanan_evidence_readers`` hook (see :func:`builtin_readers`); plugins add more formats
the same way. Each reader has a ``name``, the file ``suffixes`` it reads, and
``read(path, **options)`` returning an iterable of
:class:`~pelayanan._model.evidence.Evidence`. The built-in ones return an
:class:`~pelayanan._readers.stream.EvidenceStream`, which reads the file lazily, row by row,
and lists every bad row with its file, row and column.
"""

from __future__ import annotations

from pelayanan._readers.csv_reader import CsvReader, guess_delimiter
from pelayanan._readers.parquet_reader import ParquetReader
from pelayanan._readers.problems import BadRowsError, ProblemLog, TableProblem, column_letter
from pelayanan._readers.stream import (
    EvidenceStream,
    ReaderUnavailableError,
    ReadOptions,
)
from pelayanan._readers.survey_columns import (
    answer_level,
    classify_header,
    element_for_header,
    profile_attribute,
)
from pelayanan._readers.units import read_units
from pelayanan._readers.xlsx_reader import XlsxReader

__all__ = [
    "BadRowsError",
    "CsvReader",
    "EvidenceStream",
    "ParquetReader",
    "ProblemLog",
    "ReadOptions",
    "ReaderUnavailableError",
    "TableProblem",
    "XlsxReader",
    "answer_level",
    "builtin_readers",
    "classify_header",
    "column_letter",
    "element_for_header",
    "guess_delimiter",
    "profile_attribute",
    "read_units",
]


def builtin_readers() -> list[CsvReader | XlsxReader | ParquetReader]:
    """The built-in tabular readers, for the built-in plugin's ``pelayanan_evidence_readers``.

    (The evidence-document reader for YAML and JSON lives with the plugins, in
    :class:`pelayanan.plugins._readers.DocumentEvidenceReader`.) The XLSX reader is listed even
    without openpyxl, and the Parquet reader without pyarrow; reading such a file then fails
    with a message saying how to install what it needs.
    """
    return [CsvReader(), XlsxReader(), ParquetReader()]

"""The built-in plugin: the rubrics, zone schemes, scoring models and reader shipped with
pelayanan, registered through the same hooks and the same entry point as any other plugin.

Its entry point is ``builtin`` in the ``pelayanan`` group of the ``pelayanan`` distribution,
so it can be disabled like any plugin (``PELAYANAN_DISABLE_PLUGINS=builtin``) and a plugin
can replace one of its entries by declaring ``PELAYANAN_REPLACES = ["pelayanan"]``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.models import BUILTIN_MODELS
from pelayanan.plugins._hookspecs import RubricSource, ZoneSchemeSource
from pelayanan.plugins._markers import hookimpl
from pelayanan.plugins._readers import DocumentEvidenceReader, EvidenceReader

if TYPE_CHECKING:
    from pelayanan._documents.builtin import BuiltinFile

__all__ = [
    "TABLE_READERS",
    "BuiltinReader",
    "pelayanan_evidence_readers",
    "pelayanan_rubrics",
    "pelayanan_scoring_models",
    "pelayanan_zone_schemes",
]


@hookimpl
def pelayanan_rubrics() -> Sequence[RubricSource | BuiltinFile]:
    """The rubric files in the package, each loaded when first asked for (see
    :func:`pelayanan._documents.builtin.builtin_files`)."""
    from pelayanan._documents.builtin import builtin_files

    known, unknown = builtin_files("rubric")
    return [*known, *unknown]


@hookimpl
def pelayanan_zone_schemes() -> Sequence[ZoneSchemeSource | BuiltinFile]:
    """The zone-scheme files in the package, each loaded when first asked for."""
    from pelayanan._documents.builtin import builtin_files

    known, unknown = builtin_files("zone_scheme")
    return [*known, *unknown]


@hookimpl
def pelayanan_scoring_models() -> Sequence[ScoringModel]:
    """The built-in scoring models (:data:`pelayanan._scoring.models.BUILTIN_MODELS`)."""
    return list(BUILTIN_MODELS.values())


@attrs.frozen
class BuiltinReader:
    """A shipped table reader, named without importing it: the registry imports it the first
    time a reader is asked for, so a command that reads no evidence (``pelayanan classify``)
    does not import the CSV, XLSX and Parquet readers.

    ``target`` is ``module:class``; the class is built without arguments and must carry the
    same ``name`` (tests/plugins/test_calls.py checks every built-in reader).
    """

    name: str
    target: str

    def load(self) -> EvidenceReader:
        """Import and build the reader."""
        module, _, cls = self.target.partition(":")
        reader: EvidenceReader = getattr(importlib.import_module(module), cls)()
        return reader


TABLE_READERS: tuple[BuiltinReader, ...] = (
    BuiltinReader("csv", "pelayanan._readers.csv_reader:CsvReader"),
    BuiltinReader("xlsx", "pelayanan._readers.xlsx_reader:XlsxReader"),
    BuiltinReader("parquet", "pelayanan._readers.parquet_reader:ParquetReader"),
)
"""The tabular readers of :func:`pelayanan._readers.builtin_readers`, by name and place."""


@hookimpl
def pelayanan_evidence_readers() -> Sequence[EvidenceReader | BuiltinReader]:
    """Evidence documents (YAML or JSON), then the tabular readers of :mod:`pelayanan._readers`,
    each imported when first asked for."""
    return [DocumentEvidenceReader(), *TABLE_READERS]

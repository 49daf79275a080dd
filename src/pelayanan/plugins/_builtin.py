"""The built-in plugin: the rubrics, zone schemes, scoring models and reader shipped with
pelayanan, registered through the same hooks and the same entry point as any other plugin.

Its entry point is ``builtin`` in the ``pelayanan`` group of the ``pelayanan`` distribution,
so it can be disabled like any plugin (``PELAYANAN_DISABLE_PLUGINS=builtin``) and a plugin
can replace one of its entries by declaring ``PELAYANAN_REPLACES = ["pelayanan"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.models import BUILTIN_MODELS
from pelayanan.plugins._hookspecs import RubricSource, ZoneSchemeSource
from pelayanan.plugins._markers import hookimpl
from pelayanan.plugins._readers import DocumentEvidenceReader, EvidenceReader

if TYPE_CHECKING:
    from pelayanan._documents.builtin import BuiltinFile

__all__ = [
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


@hookimpl
def pelayanan_evidence_readers() -> Sequence[EvidenceReader]:
    """Evidence documents (YAML or JSON), then the tabular readers of :mod:`pelayanan._readers`."""
    from pelayanan._readers import builtin_readers

    return [DocumentEvidenceReader(), *builtin_readers()]

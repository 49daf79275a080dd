"""Safe reading of YAML and JSON documents, with precise problem reports.

The loaders of :mod:`pelayanan._documents.api` (and with them the JSON Schemas and the
document checks) are imported on first use: a shipped file trusted by its hash needs only
the parser.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from pelayanan._documents.api import (
        EvidenceSet,
        dump,
        load_assessment,
        load_evidence,
        load_overlay,
        load_rubric,
        load_zone_scheme,
        resolve_rubric,
    )
from pelayanan._documents.errors import (
    DocumentError,
    Problem,
    ProblemError,
    ProblemKind,
    pointer_join,
)
from pelayanan._documents.loading import Document, Limits, load_document, load_text

__all__ = [
    "Document",
    "DocumentError",
    "EvidenceSet",
    "Limits",
    "Problem",
    "ProblemError",
    "ProblemKind",
    "dump",
    "load_assessment",
    "load_document",
    "load_evidence",
    "load_overlay",
    "load_rubric",
    "load_text",
    "load_zone_scheme",
    "pointer_join",
    "resolve_rubric",
]


def __getattr__(name: str) -> object:
    """Import the loaders on first use (PEP 562): every name of ``__all__`` not defined
    above comes from :mod:`pelayanan._documents.api`."""
    if name != "api" and name not in __all__:
        raise AttributeError(f"module 'pelayanan._documents' has no attribute {name!r}")
    api = _importlib.import_module("pelayanan._documents.api")
    value = api if name == "api" else getattr(api, name)
    globals()[name] = value
    return value

"""Safe reading of YAML and JSON documents, with precise problem reports.

The loaders of :mod:`pelayanan._documents.api` (and with them the JSON Schemas and the
document checks) and the parser of :mod:`pelayanan._documents.loading` are imported on
first use: a shipped file trusted by its hash needs only the parser, and none once its
parsed data is kept in the user's cache.
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
    from pelayanan._documents.loading import Document, Limits, load_document, load_text
from pelayanan._documents.errors import (
    DocumentError,
    Problem,
    ProblemError,
    ProblemKind,
    pointer_join,
)

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


_LOADING = frozenset({"Document", "Limits", "load_document", "load_text"})
"""The names that come from :mod:`pelayanan._documents.loading`."""


def __getattr__(name: str) -> object:
    """Import the parser and the loaders on first use (PEP 562): the names of
    :data:`_LOADING` come from :mod:`pelayanan._documents.loading`, every other name of
    ``__all__`` not defined above from :mod:`pelayanan._documents.api`."""
    if name != "api" and name not in __all__:
        raise AttributeError(f"module 'pelayanan._documents' has no attribute {name!r}")
    home = "loading" if name in _LOADING else "api"
    module = _importlib.import_module(f"pelayanan._documents.{home}")
    value = module if name == "api" else getattr(module, name)
    globals()[name] = value
    return value

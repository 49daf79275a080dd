"""Safe reading of YAML and JSON documents, with precise problem reports."""

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
from pelayanan._documents.errors import DocumentError, Problem, pointer_join
from pelayanan._documents.loading import Document, Limits, load_document, load_text

__all__ = [
    "Document",
    "DocumentError",
    "EvidenceSet",
    "Limits",
    "Problem",
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

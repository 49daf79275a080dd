"""Safe reading of YAML and JSON documents, with precise problem reports."""

from pelayanan.documents.errors import DocumentError, Problem, pointer_join
from pelayanan.documents.loading import Document, Limits, load_document, load_text

__all__ = [
    "Document",
    "DocumentError",
    "Limits",
    "Problem",
    "load_document",
    "load_text",
    "pointer_join",
]

"""The bundled JSON Schemas of pelayanan's documents (a short path to them).

>>> import pelayanan.schemas
>>> pelayanan.schemas.get("rubric")["$id"]
'https://schemas.pelayanan.invalid/v1/rubric.json'

A documented namespace beside the three faces (see the page *Documents*).
"""

from __future__ import annotations

from pelayanan._documents.schemas import (
    SchemaReferenceError,
    get,
    kind_of,
    names,
    registry,
    uri,
    validate,
)

__all__ = ["SchemaReferenceError", "get", "kind_of", "names", "registry", "uri", "validate"]

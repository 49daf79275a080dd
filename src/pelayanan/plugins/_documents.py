"""The one place the plugins layer calls the documents layer (an adapter, kept small).

Every rubric, overlay or zone scheme a plugin returns is read into a
:class:`~pelayanan._documents.loading.Document` (a file, or plain data; a model object is
turned back into plain data first) and built by :mod:`pelayanan._documents.api`, exactly like
a file given by a user: schema first, then the model's checks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pelayanan._documents import Document, load_document
from pelayanan._model.convert._fields import plain
from pelayanan._model.rubric import Rubric
from pelayanan._model.tailoring import Overlay
from pelayanan._model.zones import ZoneScheme

__all__ = ["OVERLAY_SCHEMA", "build", "is_overlay", "read", "to_data"]

OVERLAY_SCHEMA = "https://schemas.pelayanan.invalid/v1/overlay.json"
"""The ``$schema`` that marks an overlay document among a plugin's rubrics."""

Source = Mapping[str, Any] | str | os.PathLike[str]


def read(source: Source, *, name: str) -> Document:
    """Read a file, or check plain data, into a document (safe loading, positions).

    Raises:
        DocumentError: the text or data breaks a loading rule.
        OSError: the file cannot be read.
    """
    return load_document(source, name=name)


def to_data(obj: Rubric | ZoneScheme | Overlay) -> dict[str, Any]:
    """A model object as the plain data of its document, ready to be validated."""
    return plain(obj)  # type: ignore[no-any-return]


def is_overlay(document: Document) -> bool:
    """Whether the document declares the overlay schema."""
    data = document.data
    return isinstance(data, Mapping) and data.get("$schema") == OVERLAY_SCHEMA


def build(kind: str, document: Document, **context: Any) -> Any:
    """Validate ``document`` and build the ``kind`` (rubric, zone_scheme or overlay) object.

    ``context`` goes to the loader: ``models`` and ``zone_schemes`` for rubrics (what the
    registry knows), ``base`` for overlays (the rubric it will be applied to).

    Raises:
        DocumentError: every problem found, with file, pointer and line.
    """
    from pelayanan._documents import api  # with the JSON Schemas: only for plugins' documents

    if kind == "rubric":
        return api.load_rubric(document, **context)
    if kind == "zone_scheme":
        return api.load_zone_scheme(document, **context)
    return api.load_overlay(document, **context)

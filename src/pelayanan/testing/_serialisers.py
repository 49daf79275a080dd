"""Ways to write model objects to a document and read them back, for the round-trip law.

A :class:`Serialiser` has a ``dump`` (object to document) and a ``load`` (kind and document
back to an object of that kind). :func:`default_serialisers` gives the plain-data and JSON
forms of :mod:`pelayanan._model.convert` and the YAML and JSON documents
:mod:`pelayanan._documents.api` writes and reads (schema validation included).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

from pelayanan._model.convert import from_data, to_data
from pelayanan._model.results import Assessment
from pelayanan._model.rubric import Rubric
from pelayanan._model.zones import ZoneScheme

__all__ = ["KINDS", "Serialiser", "default_serialisers"]

KINDS: tuple[type, ...] = (Rubric, ZoneScheme, Assessment)
"""The kinds of object the round-trip law sends through a serialiser."""


@attrs.frozen
class Serialiser:
    """A named way to write an object and read it back.

    Attributes:
        name: shown in failure messages.
        dump: turns a :class:`Rubric`, :class:`ZoneScheme` or :class:`Assessment` into a
            document (any value: data, text, bytes).
        load: ``load(kind, document)`` reads the document back into an object of ``kind``.
    """

    name: str
    dump: Callable[[Any], Any]
    load: Callable[[type, Any], Any]


def _json_dump(obj: object) -> str:
    return json.dumps(to_data(obj), ensure_ascii=False)


def _json_load(kind: type, text: Any) -> Any:
    return from_data(kind, json.loads(text))


def _documents(models: Mapping[str, Any] | None) -> list[Serialiser]:
    from pelayanan._documents.api import dump, load_assessment, load_rubric, load_zone_scheme
    from pelayanan._documents.loading import load_text

    loaders: dict[type, Callable[..., Any]] = {
        Rubric: functools.partial(load_rubric, models=dict(models or {})),
        ZoneScheme: load_zone_scheme,
        Assessment: load_assessment,
    }

    def make(fmt: Literal["yaml", "json"]) -> Serialiser:
        def read(kind: type, text: Any) -> Any:
            return loaders[kind](load_text(text, format=fmt, name=f"<{fmt} round trip>"))

        return Serialiser(f"documents.api {fmt}", functools.partial(dump, format=fmt), read)

    return [make("yaml"), make("json")]


def default_serialisers(models: Mapping[str, Any] | None = None) -> tuple[Serialiser, ...]:
    """Plain data, JSON text, and the YAML and JSON documents.

    ``models`` are the custom scoring models the documents' rubric loader must know.
    """
    plain = Serialiser("model.convert data", to_data, from_data)
    text = Serialiser("model.convert JSON", _json_dump, _json_load)
    return (plain, text, *_documents(models))

"""The JSON Schemas of pelayanan's documents, bundled with the package, and validation.

The schemas (JSON Schema draft 2020-12) live beside this module as ``rubric.json``,
``zone-scheme.json``, ``overlay.json``, ``evidence.json``, ``result.json``,
``published-report.json`` and ``common.json``
(shared definitions). Each has a stable ``$id`` under ``https://schemas.pelayanan.invalid/v1/``;
``.invalid`` is a reserved domain, so the address names a schema and can never be fetched.
The schemas refer to each other by relative file names (``common.json#/$defs/text``), which
resolve both against those ids and, in an editor, against the files on disk.

:func:`registry` holds only the bundled schemas. Any other reference (``https://...`` in a
schema of your own) is refused with :class:`SchemaReferenceError`: nothing is ever read
from the network.

>>> from pelayanan._documents import schemas
>>> schemas.validate("zone-scheme", {"id": "x"})[0].message
"missing required key 'version'"
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from pelayanan._documents.errors import Problem
from pelayanan._documents.loading import Document
from pelayanan._model.problems import PelayananError

if TYPE_CHECKING:  # jsonschema and referencing are imported when a document is validated
    from jsonschema.protocols import Validator
    from referencing import Registry, Resource

    from pelayanan._documents.schemas._inline import Inliner

__all__ = [
    "BASE_URI",
    "DOCUMENT_KINDS",
    "SchemaReferenceError",
    "get",
    "kind_of",
    "names",
    "registry",
    "uri",
    "validate",
    "validator",
]

BASE_URI = "https://schemas.pelayanan.invalid/v1/"
"""The common prefix of every bundled schema's ``$id``."""

DOCUMENT_KINDS = (
    "evidence",
    "history",
    "overlay",
    "published-report",
    "result",
    "rubric",
    "targets",
    "zone-scheme",
)
"""The schemas that describe whole documents (``common`` only holds shared definitions)."""

_NAMES = ("common", *DOCUMENT_KINDS)
"""Every bundled schema."""


class SchemaReferenceError(PelayananError, LookupError):
    """A schema refers to a schema that is not bundled with pelayanan; it is never fetched.

    Attributes:
        reference: The URI that was asked for.
    """

    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(
            f"the schema refers to {reference!r}, which is not one of the bundled pelayanan "
            f"schemas ({', '.join(_NAMES)} under {BASE_URI}); pelayanan never fetches "
            "schemas from the network"
        )


def names() -> tuple[str, ...]:
    """The names of the bundled schemas, e.g. ``"rubric"`` and ``"zone-scheme"``."""
    return _NAMES


def uri(name: str) -> str:
    """The ``$id`` of the bundled schema ``name``.

    Raises:
        KeyError: if ``name`` is not a bundled schema.
    """
    return BASE_URI + _name(name) + ".json"


def _name(name: str) -> str:
    """``name`` given as a name, a file name (``rubric.json``) or a schema id."""
    short = name.removeprefix(BASE_URI).removesuffix(".json")
    if short not in _NAMES:
        raise KeyError(f"no bundled schema {name!r}; the schemas are: {', '.join(_NAMES)}")
    return short


@functools.cache
def _load(name: str) -> Mapping[str, Any]:
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    schema: Mapping[str, Any] = json.loads(text)
    return schema


def get(name: str) -> dict[str, Any]:
    """A deep copy of the bundled schema ``name`` (a name, file name or ``$id``)."""
    return copy.deepcopy(dict(_load(_name(name))))


def _refuse(reference: str) -> Resource[Any]:
    raise SchemaReferenceError(reference)


@functools.cache
def registry() -> Registry[Any]:
    """A :class:`referencing.Registry` of the bundled schemas only.

    Looking up anything else raises (its cause is a :class:`SchemaReferenceError`); nothing
    is retrieved from files or the network.
    """
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    bundled = [(uri(name), DRAFT202012.create_resource(_load(name))) for name in _NAMES]
    empty: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]  # attrs field
    return empty.with_resources(bundled).crawl()


@functools.cache
def _inliner() -> Inliner:
    from pelayanan._documents.schemas._inline import Inliner

    return Inliner(lambda schema_id: _load(_name(schema_id)))


@functools.cache
def _bundled_validator(name: str) -> Validator:
    from jsonschema import Draft202012Validator

    schema = _inliner().schema(uri(name))
    return Draft202012Validator(schema, registry=registry())


def validator(schema: str | Mapping[str, Any]) -> Validator:
    """A validator for a bundled schema (by name) or for a schema of your own.

    A schema of your own may ``$ref`` the bundled ones by their ids (for example
    ``https://schemas.pelayanan.invalid/v1/common.json#/$defs/text``); it is checked against
    its meta-schema first.

    Raises:
        KeyError: an unknown bundled schema name.
        jsonschema.exceptions.SchemaError: a schema of your own that is not a valid schema.
    """
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    if isinstance(schema, str):
        return _bundled_validator(_name(schema))
    cls = validator_for(schema, default=Draft202012Validator)
    cls.check_schema(dict(schema))
    built: Validator = cls(schema, registry=registry())
    return built


def validate(
    schema: str | Mapping[str, Any],
    data: Any,
    document: Document | None = None,
) -> list[Problem]:
    """Every way ``data`` breaks ``schema``, as problems with pointers (and lines).

    Args:
        schema: A bundled schema's name (``"rubric"``) or a schema of your own.
        data: The data to check, or a :class:`~pelayanan._documents.loading.Document`.
        document: Where ``data`` came from, to name the file and give line numbers; taken
            from ``data`` when it is a document.

    Returns:
        The problems, in document order when positions are known; empty when valid.

    Raises:
        SchemaReferenceError: the schema refers to a schema that is not bundled.
    """
    from referencing.exceptions import Unresolvable

    from pelayanan._documents.schemas._messages import explain_all

    if isinstance(data, Document):
        document, data = data, data.data
    checker = validator(schema)
    try:
        errors = list(checker.iter_errors(data))
    except Unresolvable as error:
        raise SchemaReferenceError(str(getattr(error, "ref", error))) from None
    source = document.source if document is not None else "<data>"
    problems = []
    for message in explain_all(errors):
        line, column = document.locate(message.pointer) if document else (None, None)
        problems.append(Problem(source, message.pointer, message.text, line, column))
    return sorted(problems, key=_position)


def _position(problem: Problem) -> tuple[int, int]:
    """Sort key: document order when lines are known; otherwise the order found."""
    if problem.line is None:
        return (1 << 62, 0)
    return (problem.line, problem.column or 0)


def kind_of(data: object) -> str | None:
    """The document kind named by ``data["$schema"]`` (``"rubric"``, ...), else ``None``."""
    if isinstance(data, Document):
        data = data.data
    if not isinstance(data, Mapping):
        return None
    declared = data.get("$schema")
    for name in DOCUMENT_KINDS:
        if declared == uri(name):
            return name
    return None

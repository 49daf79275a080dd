"""Turn what a plugin's hook returned into checked entries, or into attributed problems.

Documents are read into a :class:`~pelayanan._documents.loading.Document` (a model object
turned back into plain data first) and built by :mod:`pelayanan._documents.api` exactly like
a file given by a user (:func:`build`); an overlay among the rubrics is kept as an
:class:`~pelayanan._model.tailoring.Overlay`, applied later to its base by the registry;
scoring models and readers are checked against their protocols. Nothing here raises for a
plugin's mistake: every fault becomes a :class:`~pelayanan._documents.errors.Problem`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from importlib.resources import as_file
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from pelayanan._documents.builtin import BuiltinFile, load_builtin
from pelayanan._documents.errors import DocumentError, Problem, ProblemKind
from pelayanan._i18n import N_, gettext
from pelayanan._model.convert._fields import plain
from pelayanan._model.rubric import Rubric
from pelayanan._model.tailoring import Overlay
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan.plugins._builtin import BuiltinReader
from pelayanan.plugins._discovery import PluginInfo
from pelayanan.plugins._readers import EvidenceReader

if TYPE_CHECKING:  # the parser is imported for plugins' documents only
    from pelayanan._documents.loading import Document

__all__ = ["OVERLAY_SCHEMA", "Collected", "Entry", "build", "collect"]

T = TypeVar("T")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

OVERLAY_SCHEMA = "https://schemas.pelayanan.invalid/v1/overlay.json"
"""The ``$schema`` that marks an overlay document among a plugin's rubrics."""


@attrs.define
class Entry(Generic[T]):
    """One thing a plugin provides: its key (``id@version`` or a name), value and origin.

    A built-in document's or table reader's entry is made from its key alone and ``load``
    builds the value the first time :attr:`value` is read.
    """

    key: str
    _value: T | None
    plugin: str
    source: str
    document: Document | None = None
    """For overlays: the document, so faults found when applying it can give lines."""
    load: Callable[[], T] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def deferred(self) -> bool:
        """Whether the value is still to be loaded."""
        return self.load is not None

    @property
    def value(self) -> T:
        """The rubric, zone scheme, model or reader (loaded now if it was deferred)."""
        if self._value is None:
            assert self.load is not None
            self._value = self.load()
            self.load = None
        return self._value


@attrs.frozen
class Collected(Generic[T]):
    """The entries and problems from one plugin's call of one hook."""

    entries: list[Entry[T]]
    problems: list[Problem]


def _items(info: PluginInfo, hook: str, returned: object) -> list[object] | Problem:
    if returned is None:
        return []
    if isinstance(returned, list | tuple):
        return list(returned)
    return info.problem(
        ProblemKind.WRONG_TYPE,
        gettext("returned {type} {value}; expected a list").format(
            type=type(returned).__name__, value=_short(returned)
        ),
        hook=hook,
    )


_INVALID = {
    "rubric": N_("invalid rubric (item {index}): {message}"),
    "zone_scheme": N_("invalid zone scheme (item {index}): {message}"),
    "overlay": N_("invalid overlay (item {index}): {message}"),
}


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def build(kind: str, document: Document, **context: Any) -> Any:
    """Validate ``document`` and build the ``kind`` (rubric, zone_scheme or overlay) object;
    ``context`` goes to the loader (``models`` and ``zone_schemes`` for rubrics).

    Raises:
        DocumentError: every problem found, with file, pointer and line.
    """
    from pelayanan._documents import api  # with the JSON Schemas: only for plugins' documents

    if kind == "rubric":
        return api.load_rubric(document, **context)
    if kind == "zone_scheme":
        return api.load_zone_scheme(document, **context)
    return api.load_overlay(document, **context)


def _read(item: object, label: str) -> tuple[Document, str] | None:
    """The item as a document and its label; ``None`` for an item of the wrong type."""
    from pelayanan._documents.loading import load_document

    if isinstance(item, Rubric | ZoneScheme | Overlay):
        return load_document(plain(item), name=label), label
    if isinstance(item, Mapping):
        return load_document(item, name=label), label
    if isinstance(item, str | os.PathLike):
        return load_document(item, name=os.fspath(item)), os.fspath(item)
    if isinstance(item, Traversable):
        with as_file(item) as path:
            return load_document(path, name=str(path)), str(path)
    return None


def _deferred(info: PluginInfo, item: BuiltinFile, context: Mapping[str, Any]) -> Entry[Any]:
    """A shipped file, keyed from the manifest and loaded when first asked for."""

    def load() -> Any:
        return load_builtin(item, **(context if item.kind == "rubric" else {}))

    return Entry(item.ref, None, info.name, str(item.path), load=load)


def _document(
    info: PluginInfo, hook: str, index: int, item: object, context: Mapping[str, Any]
) -> Entry[Any] | list[Problem]:
    if isinstance(item, BuiltinFile):
        return _deferred(info, item, context)
    kind = "rubric" if hook == "pelayanan_rubrics" else "zone_scheme"
    what = gettext("a Rubric, an Overlay") if kind == "rubric" else gettext("a ZoneScheme")
    label = f"{info.name}:{hook}[{index}]"
    if isinstance(item, str | os.PathLike):
        label = os.fspath(item)
    try:
        found = _read(item, label)
        if found is None:
            message = gettext(
                "item {index} is {type} {value}; expected {what}, a mapping or a path"
            ).format(index=index, type=type(item).__name__, value=_short(item), what=what)
            return [info.problem(ProblemKind.WRONG_TYPE, message, hook=hook)]
        document, label = found
        data = document.data
        declared = isinstance(data, Mapping) and data.get("$schema") == OVERLAY_SCHEMA
        if kind == "rubric" and (isinstance(item, Overlay) or declared):
            kind = "overlay"
            overlay = build(kind, document)
            return Entry(overlay.ref, overlay, info.name, label, document)
        value = build(kind, document, **context)
    except DocumentError as error:
        template = gettext(_INVALID[kind])
        return [
            info.blame(p, hook=hook, message=template.format(index=index, message=p.message))
            for p in error.problems
        ]
    except OSError as error:
        message = gettext("cannot read item {index}: {reason}").format(
            index=index, reason=error.strerror or error
        )
        return [info.problem(ProblemKind.INVALID, message, hook=hook, source=label)]
    return Entry(value.ref, value, info.name, label)


def _named(
    info: PluginInfo, hook: str, index: int, item: object, protocol: type[T]
) -> Entry[T] | list[Problem]:
    what = protocol.__name__
    name = getattr(item, "name", None)
    if not isinstance(item, protocol):  # runtime_checkable: every member is present
        missing = [member for member in _MEMBERS[protocol] if not hasattr(item, member)]
        message = gettext(
            "item {index} is {type} {value}; expected an object following the {protocol}"
            " protocol (missing: {missing})"
        ).format(
            index=index,
            type=type(item).__name__,
            value=_short(item),
            protocol=what,
            missing=", ".join(missing),
        )
        return [info.problem(ProblemKind.WRONG_TYPE, message, hook=hook)]
    if not isinstance(name, str) or not _NAME.match(name):
        message = gettext(
            "item {index}: {protocol}.name must be a name of letters, digits, '_ . -'; got {name!r}"
        ).format(index=index, protocol=what, name=name)
        return [info.problem(ProblemKind.WRONG_TYPE, message, hook=hook)]
    if protocol is EvidenceReader:
        suffixes, options = getattr(item, "suffixes", None), getattr(item, "options", None)
        if not isinstance(suffixes, tuple | list) or not all(
            isinstance(s, str) and s.startswith(".") for s in suffixes
        ):
            message = gettext(
                "reader {name!r}: suffixes must be a tuple like ('.csv',); got {suffixes!r}"
            ).format(name=name, suffixes=suffixes)
            return [info.problem(ProblemKind.WRONG_TYPE, message, hook=hook)]
        if not isinstance(options, tuple | list) or not all(isinstance(o, str) for o in options):
            message = gettext(
                "reader {name!r}: options must be a tuple of option names; got {options!r}"
            ).format(name=name, options=options)
            return [info.problem(ProblemKind.WRONG_TYPE, message, hook=hook)]
    return Entry(name, item, info.name, f"{info.name}:{hook}[{index}]")


_DOCUMENTS = ("pelayanan_zone_schemes", "pelayanan_rubrics")

_PROTOCOLS: dict[str, type[Any]] = {
    "pelayanan_scoring_models": ScoringModel,
    "pelayanan_evidence_readers": EvidenceReader,
}

_MEMBERS: dict[type[Any], tuple[str, ...]] = {
    ScoringModel: ("name", "additive", "check", "bounds", "score"),
    EvidenceReader: ("name", "suffixes", "options", "read"),
}


def collect(
    info: PluginInfo,
    hook: str,
    returned: object,
    context: Mapping[str, Any] | None = None,
) -> Collected[Any]:
    """Check what plugin ``info`` returned from ``hook``.

    ``context`` is passed to the rubric loader (``models``, ``zone_schemes``).
    """
    items = _items(info, hook, returned)
    if isinstance(items, Problem):
        return Collected([], [items])
    entries: list[Entry[Any]] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        if hook in _DOCUMENTS:
            found = _document(info, hook, index, item, context or {})
        elif isinstance(item, BuiltinReader):  # shipped: named now, imported when asked for
            found = Entry(item.name, None, info.name, item.target, load=item.load)
        else:
            found = _named(info, hook, index, item, _PROTOCOLS[hook])
        if isinstance(found, Entry):
            entries.append(found)
        else:
            problems.extend(found)
    return Collected(entries, problems)

"""Every hook a ``pelayanan`` plugin can implement (the one place hook specifications live).

A plugin is a module (or any object) with functions named after these hooks and decorated
with :data:`pelayanan.plugins.hookimpl`. A plugin implements only the hooks it needs.

How results combine: the :class:`~pelayanan.plugins.Registry` calls each hook once through
pluggy, for every plugin at once; each plugin's answer comes back with the plugin's name (an
implementation that raises is caught and blamed on its plugin, and the others still answer).
It then merges what the plugins returned: documents and named objects are keyed by id and version
(or by name), and two plugins providing the same key conflict unless one of them declares
that it replaces the other (see ``docs/hooks.md``). Returning ``None`` is the same as
returning an empty list.

The reference with examples is ``docs/hooks.md``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from typing import Any

from pelayanan._model.rubric import Rubric
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan.plugins._markers import hookspec
from pelayanan.plugins._readers import EvidenceReader

__all__ = [
    "HOOK_NAMES",
    "RubricSource",
    "ZoneSchemeSource",
    "pelayanan_evidence_readers",
    "pelayanan_rubrics",
    "pelayanan_scoring_models",
    "pelayanan_validate_rubric",
    "pelayanan_zone_schemes",
]

PathSource = str | os.PathLike[str] | Traversable
"""A file: a path, or a :class:`~importlib.resources.abc.Traversable` from a package."""

RubricSource = Rubric | Mapping[str, Any] | PathSource
"""What :func:`pelayanan_rubrics` may list: an object, plain data, or a file."""

ZoneSchemeSource = ZoneScheme | Mapping[str, Any] | PathSource
"""What :func:`pelayanan_zone_schemes` may list: an object, plain data, or a file."""


@hookspec
def pelayanan_rubrics() -> Sequence[RubricSource] | None:
    """The rubrics this plugin provides.

    When called: once per registry, the first time anything asks it for a rubric, a zone
    scheme, a scoring model, a reader or the plugin list.

    Returns:
        A list whose items are :class:`~pelayanan._model.rubric.Rubric` objects, mappings in
        the shape of a rubric document, or files (paths, or ``importlib.resources``
        traversables, YAML or JSON). Every item is validated exactly like a file given on
        the command line (schema, then the model's own checks, then every plugin's
        :func:`pelayanan_validate_rubric`).

    How results combine: all plugins' rubrics are pooled and keyed by ``id@version``. The
    same key from two plugins is a conflict naming both, unless one plugin replaces the
    other; a rubric id with several versions is fine (the highest is the default).
    """


@hookspec
def pelayanan_zone_schemes() -> Sequence[ZoneSchemeSource] | None:
    """The zone schemes (band tables) this plugin provides.

    When called: once per registry, together with :func:`pelayanan_rubrics`.

    Returns:
        A list of :class:`~pelayanan._model.zones.ZoneScheme` objects, mappings in the shape
        of a zone-scheme document, or files; each validated like a file.

    How results combine: pooled and keyed by ``id@version``, with the same conflict rule as
    rubrics. A rubric names its default scheme by id (latest version) or ``id@version``.
    """


@hookspec
def pelayanan_scoring_models() -> Sequence[ScoringModel] | None:
    """Named scoring models a rubric's ``scoring.model`` can refer to.

    When called: once per registry, when it is built.

    Returns:
        A list of objects following the :class:`~pelayanan._scoring.base.ScoringModel`
        protocol (``name``, ``additive``, ``check``, ``bounds`` and ``score``).

    How results combine: pooled by ``name``; the same name from two plugins is a conflict
    unless one replaces the other. The built-in models come from the built-in plugin, so a
    plugin that wants to change ``weighted_mean`` must declare that it replaces ``pelayanan``.
    """


@hookspec
def pelayanan_evidence_readers() -> Sequence[EvidenceReader] | None:
    """Readers for evidence file formats (a CSV export of a survey tool, say).

    When called: once per registry, when it is built.

    Returns:
        A list of objects following :class:`~pelayanan.plugins._readers.EvidenceReader`
        (``name``, ``suffixes`` and ``read(path, **options)``).

    How results combine: pooled by ``name`` with the same conflict rule. When a file is
    read by suffix and several readers claim the suffix, the one registered first wins;
    naming the reader explicitly always works.
    """


@hookspec
def pelayanan_validate_rubric(rubric: Rubric) -> Sequence[str] | None:
    """Extra checks this plugin applies to every rubric (an agency's house rules).

    When called: once for every rubric a plugin provides, after it has passed the schema
    and model checks, while the registry is built; and whenever
    :meth:`~pelayanan.plugins.Registry.check_rubric` is asked about another rubric (one read
    from a file, say).

    Args:
        rubric: the rubric, fully built.

    Returns:
        A list of problems in words (empty or ``None`` when the rubric is fine).

    How results combine: the problems of every plugin are concatenated, each blamed on the
    plugin that reported it. A rubric with any problem is refused like an invalid file.
    """


HOOK_NAMES: tuple[str, ...] = (
    "pelayanan_rubrics",
    "pelayanan_zone_schemes",
    "pelayanan_scoring_models",
    "pelayanan_evidence_readers",
    "pelayanan_validate_rubric",
)
"""The name of every hook, in the order the registry calls them."""

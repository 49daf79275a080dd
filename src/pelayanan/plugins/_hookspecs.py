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

The docstrings below are the reference: ``docs/hooks.md`` shows them (Sphinx autodoc on
:mod:`pelayanan.plugins.hookspecs`, the public name of this module), each followed by an
example that runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from typing import Any

from pelayanan._model.rubric import Rubric
from pelayanan._model.tailoring import Overlay
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

RubricSource = Rubric | Overlay | Mapping[str, Any] | PathSource
"""What :func:`pelayanan_rubrics` may list: a rubric or an overlay, plain data, or a file."""

ZoneSchemeSource = ZoneScheme | Mapping[str, Any] | PathSource
"""What :func:`pelayanan_zone_schemes` may list: an object, plain data, or a file."""


@hookspec
def pelayanan_rubrics() -> Sequence[RubricSource] | None:
    """The rubrics this plugin provides.

    **When it is called:** once per registry, after the zone schemes and scoring models,
    the first time the registry is asked for anything.

    **What it returns:** any mix of files (paths, or :mod:`importlib.resources` traversables
    for files inside the package; YAML or JSON rubric documents), mappings in the shape of a
    rubric document, :class:`~pelayanan.Rubric` objects, and **overlays**: overlay documents
    (``$schema: https://schemas.pelayanan.invalid/v1/overlay.json``) or
    :class:`~pelayanan.Overlay` objects. The registry applies each overlay to its ``base``
    rubric (any plugin's, also another overlay's result; ``id`` means the highest version)
    and registers the result under the overlay's ``id@version``.

    Every item is validated **exactly like a file** a user gives: safe loading, the JSON
    Schema, the model's rules (a rubric's ``zone_scheme`` must be a registered zone scheme
    and its ``scoring.model`` a registered model), then every plugin's
    :func:`pelayanan_validate_rubric`. Objects are turned back into plain data and validated
    the same way. A mistake is a :class:`Problem` naming the plugin, its
    distribution and version, the file and line (for files) and the JSON pointer.

    **How results combine:** keyed by ``id@version``; the same key from two plugins is a
    conflict naming both, unless one replaces the other. Several versions of one id are
    fine: the highest (numeric parts compared as numbers, so ``"10"`` is above ``"9"``) is
    what ``registry.get_rubric("id")`` returns; ``get_rubric("id@version")`` picks one.
    """


@hookspec
def pelayanan_zone_schemes() -> Sequence[ZoneSchemeSource] | None:
    """The zone schemes (band tables) this plugin provides.

    **When it is called:** once per registry, before the rubrics are read.

    **What it returns:** files, mappings in the shape of a zone-scheme document, or
    :class:`~pelayanan.ZoneScheme` objects; each validated like a file.

    **How results combine:** keyed by ``id@version``, with the same conflict rule as
    rubrics. A rubric names its default scheme in ``zone_scheme`` (``id`` for the highest
    version, or ``id@version``); :func:`pelayanan.assess` uses it when no scheme is
    given.
    """


@hookspec
def pelayanan_scoring_models() -> Sequence[ScoringModel] | None:
    """Named scoring models a rubric's ``scoring.model`` can refer to.

    **When it is called:** once per registry, first of all hooks.

    **What it returns:** objects following the :class:`~pelayanan.plugins.ScoringModel` protocol
    (``name``, ``additive``, ``check``, ``bounds`` and ``score``); a rubric selects one by
    its ``name``.

    **How results combine:** keyed by ``name``; the same name from two plugins is a
    conflict unless one replaces the other. The built-in models (``weighted_mean``,
    ``points``, ``flat``, ``flat_unweighted``, ``absolute``, ``survey_index``) come from the
    built-in plugin, so a plugin that wants to change one must declare
    ``PELAYANAN_REPLACES = ["pelayanan"]``. ``registry.scoring_models()`` is what
    :func:`~pelayanan.assess` passes to :func:`pelayanan.score`.
    """


@hookspec
def pelayanan_evidence_readers() -> Sequence[EvidenceReader] | None:
    """Readers for evidence file formats (a CSV export of a survey tool, say).

    **When it is called:** once per registry, after the scoring models.

    **What it returns:** objects following :class:`~pelayanan.plugins.EvidenceReader`
    (``name``, ``suffixes``, ``options`` and ``read(path, **options)``). The built-in plugin
    provides ``document`` (evidence documents, ``.yaml``, ``.yml``, ``.json``) and the
    tabular readers ``csv``, ``xlsx`` and ``parquet``.

    **How results combine:** keyed by ``name``, with the same conflict rule.
    ``registry.get_evidence_reader(name)`` picks by name; ``registry.reader_for(path)`` by
    suffix, the first reader in plugin order that claims it.
    """


@hookspec
def pelayanan_validate_rubric(rubric: Rubric) -> Sequence[str] | None:
    """Extra checks this plugin applies to rubrics (an agency's house rules).

    **When it is called:** for every rubric any plugin provides (after it passed the schema
    and the model's rules, and after an overlay was applied), while the registry is built;
    and for any other rubric through :meth:`~pelayanan.plugins.Registry.check_rubric` (a file
    a user gives, say).

    Args:
        rubric: the rubric, fully built.

    Returns:
        Problems in words; an empty list or ``None`` when the rubric is fine.

    **How results combine:** the problems of all plugins are concatenated. A rubric with
    any problem is refused like an invalid file; each problem is blamed on the plugin that
    reported it and names the plugin that provided the rubric. Check only what is yours to
    judge: this hook sees every publisher's rubrics.
    """


HOOK_NAMES: tuple[str, ...] = (
    "pelayanan_rubrics",
    "pelayanan_zone_schemes",
    "pelayanan_scoring_models",
    "pelayanan_evidence_readers",
    "pelayanan_validate_rubric",
)
"""The name of every hook, in the order the registry calls them."""

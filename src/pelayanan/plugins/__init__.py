"""Plugins: how agencies publish rubrics, zone schemes, scoring models and evidence readers.

A plugin is an installed distribution that lists a module in the ``pelayanan`` entry-point
group; the module implements some of the hooks in :mod:`pelayanan.plugins._hookspecs`,
decorated with :data:`hookimpl`. The :class:`Registry` finds the plugins, validates what
they provide like files, and blames every fault on the plugin, distribution and version at
fault. :func:`assess` scores against a rubric from the registry. See ``docs/plugins.md`` and
``docs/hooks.md``, which documents each hook of :mod:`pelayanan.plugins.hookspecs`.

What a reader author needs beside the :class:`EvidenceReader` protocol (the options a table
reader is given, :class:`ReadOptions`; the lazy stream the built-in readers return,
:class:`EvidenceStream`; how a bad row is reported, :class:`TableProblem` in a
:class:`BadRowsError`) is importable from here too, on first use. What a scoring-model
author needs (:class:`pelayanan.ScoringModel`, :class:`pelayanan.IndicatorInput`,
:class:`pelayanan.ModelResult`, ...) is in :mod:`pelayanan`, because :func:`pelayanan.score`
takes scoring models without any plugin.
"""

import typing as _typing

from pelayanan._lazy import lazy_names as _lazy_names
from pelayanan.plugins import hookspecs
from pelayanan.plugins._assess import assess
from pelayanan.plugins._discovery import (
    DISABLE_ENV,
    REPLACES_ATTRIBUTE,
    TRACE_ENV,
    Plugin,
    PluginInfo,
    Provides,
)
from pelayanan.plugins._errors import PluginError, ProblemKind
from pelayanan.plugins._hookspecs import HOOK_NAMES
from pelayanan.plugins._markers import ENTRY_POINT_GROUP, PROJECT, hookimpl, hookspec
from pelayanan.plugins._readers import DocumentEvidenceReader, EvidenceReader, RowReport
from pelayanan.plugins._registry import NotFoundError, Registry, get_registry

if _typing.TYPE_CHECKING:
    from pelayanan._readers import (
        BadRowsError,
        EvidenceStream,
        ProblemLog,
        ReaderUnavailableError,
        ReadOptions,
        TableProblem,
    )
    from pelayanan._readers.cells import TableContext

_LAZY = dict.fromkeys(
    (
        "BadRowsError",
        "EvidenceStream",
        "ProblemLog",
        "ReadOptions",
        "ReaderUnavailableError",
        "TableProblem",
    ),
    "pelayanan._readers",
)
_LAZY["TableContext"] = "pelayanan._readers.cells"
"""Public names imported on first use (the table readers), and the module of each."""


__all__ = [
    "DISABLE_ENV",
    "ENTRY_POINT_GROUP",
    "HOOK_NAMES",
    "PROJECT",
    "REPLACES_ATTRIBUTE",
    "TRACE_ENV",
    "BadRowsError",
    "DocumentEvidenceReader",
    "EvidenceReader",
    "EvidenceStream",
    "NotFoundError",
    "Plugin",
    "PluginError",
    "PluginInfo",
    "ProblemKind",
    "ProblemLog",
    "Provides",
    "ReadOptions",
    "ReaderUnavailableError",
    "Registry",
    "RowReport",
    "TableContext",
    "TableProblem",
    "assess",
    "get_registry",
    "hookimpl",
    "hookspec",
    "hookspecs",
]

__getattr__, __dir__ = _lazy_names(__name__, globals(), _LAZY, __all__)

"""Plugins: how agencies publish rubrics, zone schemes, scoring models and evidence readers.

A plugin is an installed distribution that lists a module in the ``pelayanan`` entry-point
group; the module implements some of the hooks in :mod:`pelayanan.plugins._hookspecs`,
decorated with :data:`hookimpl`. The :class:`Registry` finds the plugins, validates what
they provide like files, and blames every fault on the plugin, distribution and version at
fault. :func:`assess` scores against a rubric from the registry. See ``docs/plugins.md`` and
``docs/hooks.md``.
"""

from pelayanan.plugins._assess import assess
from pelayanan.plugins._discovery import (
    DISABLE_ENV,
    REPLACES_ATTRIBUTE,
    TRACE_ENV,
    Plugin,
    PluginInfo,
    Provides,
)
from pelayanan.plugins._errors import PluginError, PluginProblem, ProblemKind
from pelayanan.plugins._hookspecs import HOOK_NAMES
from pelayanan.plugins._markers import ENTRY_POINT_GROUP, PROJECT, hookimpl, hookspec
from pelayanan.plugins._readers import DocumentEvidenceReader, EvidenceReader
from pelayanan.plugins._registry import NotFoundError, Registry, get_registry

__all__ = [
    "DISABLE_ENV",
    "ENTRY_POINT_GROUP",
    "HOOK_NAMES",
    "PROJECT",
    "REPLACES_ATTRIBUTE",
    "TRACE_ENV",
    "DocumentEvidenceReader",
    "EvidenceReader",
    "NotFoundError",
    "Plugin",
    "PluginError",
    "PluginInfo",
    "PluginProblem",
    "ProblemKind",
    "Provides",
    "Registry",
    "assess",
    "get_registry",
    "hookimpl",
    "hookspec",
]

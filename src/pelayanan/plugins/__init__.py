"""Plugins: how agencies publish rubrics, zone schemes, scoring models and evidence readers.

The face for whoever extends pelayanan. A plugin is an installed distribution that lists a
module in the ``pelayanan`` entry-point group; the module implements some of the hooks in
:mod:`pelayanan.plugins.hookspecs`, decorated with :data:`hookimpl`. The :class:`Registry`
finds the plugins, validates what they provide like files, and blames every fault on the
plugin, distribution and version at fault. See ``docs/plugins.md`` and ``docs/hooks.md``,
which documents each hook.

What a scoring-model author needs: the :class:`ScoringModel` protocol, what ``score``
receives (:class:`IndicatorInput`) and returns (:class:`ModelResult`), and how it reports
what cannot be scored (:class:`ScoringProblem` in a :class:`pelayanan.ScoringError`). What a
reader author needs beside the :class:`EvidenceReader` protocol: the options a table reader
is given (:class:`ReadOptions`), the lazy stream the built-in readers return
(:class:`EvidenceStream`), how a bad row is reported (:class:`TableProblem` in a
:class:`pelayanan.BadRowsError`); these are imported on first use.

The errors the registry raises (:class:`pelayanan.PluginError`,
:class:`pelayanan.NotFoundError`) are on the ``pelayanan`` face, because :func:`pelayanan.assess`
raises them too; each name lives in one face.
"""

import typing as _typing

from pelayanan._documents.errors import ProblemKind
from pelayanan._lazy import lazy_names as _lazy_names
from pelayanan.plugins import hookspecs
from pelayanan.plugins._discovery import Plugin
from pelayanan.plugins._markers import hookimpl
from pelayanan.plugins._readers import DocumentEvidenceReader, EvidenceReader, RowReport
from pelayanan.plugins._registry import Registry, get_registry

if _typing.TYPE_CHECKING:
    from pelayanan._readers import (
        EvidenceStream,
        ProblemLog,
        ReaderUnavailableError,
        ReadOptions,
        TableProblem,
    )
    from pelayanan._readers.cells import TableContext
    from pelayanan._scoring import IndicatorInput, ModelResult, ScoringModel, ScoringProblem

_LAZY = {
    **dict.fromkeys(
        ("EvidenceStream", "ProblemLog", "ReadOptions", "ReaderUnavailableError", "TableProblem"),
        "pelayanan._readers",
    ),
    "TableContext": "pelayanan._readers.cells",
    **dict.fromkeys(
        ("IndicatorInput", "ModelResult", "ScoringModel", "ScoringProblem"), "pelayanan._scoring"
    ),
}
"""Public names imported on first use (the readers' and the scoring models' parts), and the
module of each."""


__all__ = [
    "DocumentEvidenceReader",
    "EvidenceReader",
    "EvidenceStream",
    "IndicatorInput",
    "ModelResult",
    "Plugin",
    "ProblemKind",
    "ProblemLog",
    "ReadOptions",
    "ReaderUnavailableError",
    "Registry",
    "RowReport",
    "ScoringModel",
    "ScoringProblem",
    "TableContext",
    "TableProblem",
    "get_registry",
    "hookimpl",
    "hookspecs",
]

_DEPRECATED = {
    # On both faces before 0.2: each name now lives in one face.
    **dict.fromkeys(
        ("BadRowsError", "NotFoundError", "PluginError", "assess"),
        ("pelayanan", "import it from pelayanan"),
    ),
    # Names written as text where they are used (pyproject.toml, the environment, a plugin
    # module's attribute), so no one imports them.
    "ENTRY_POINT_GROUP": ("pelayanan.plugins._markers", "write 'pelayanan'"),
    "DISABLE_ENV": ("pelayanan.plugins._discovery", "write 'PELAYANAN_DISABLE_PLUGINS'"),
    "TRACE_ENV": ("pelayanan.plugins._discovery", "write 'PELAYANAN_TRACE_PLUGINS'"),
    "REPLACES_ATTRIBUTE": ("pelayanan.plugins._discovery", "write 'PELAYANAN_REPLACES'"),
    # pelayanan's own hook machinery: a plugin implements hooks, it never declares them.
    "PROJECT": ("pelayanan.plugins._markers", "hookimpl is the marker of this project"),
    "hookspec": ("pelayanan.plugins._markers", "plugins implement hooks (hookimpl)"),
    "HOOK_NAMES": ("pelayanan.plugins._hookspecs", "the hooks are hookspecs.__all__"),
    # Received, never constructed.
    "PluginInfo": ("pelayanan.plugins._discovery", "it is what Registry.plugins() lists"),
    "Provides": ("pelayanan.plugins._discovery", "it is PluginInfo.provides"),
}
"""Names this face exported before 0.2 and no longer does: their module and where they went
(the CHANGELOG lists them too). Looking one up works until 0.3, with a DeprecationWarning."""

__getattr__, __dir__ = _lazy_names(__name__, globals(), _LAZY, __all__, deprecated=_DEPRECATED)

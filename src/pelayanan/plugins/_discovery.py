"""Finding plugins: entry points, directly given plugin objects, blocking and replacing.

Plugins are found in the entry-point group ``pelayanan``. Each entry point names a module
(or any object) holding hook implementations; the entry point's name is the plugin's name,
and the distribution that declares it is what errors blame.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from pelayanan._documents.errors import Problem, ProblemKind, describe_plugin

__all__ = [
    "DISABLE_ENV",
    "REPLACES_ATTRIBUTE",
    "TRACE_ENV",
    "Candidate",
    "Plugin",
    "PluginInfo",
    "Provides",
    "disabled_from_env",
    "discover",
    "given",
    "normalize",
    "trace_from_env",
]

DISABLE_ENV = "PELAYANAN_DISABLE_PLUGINS"
"""Comma-separated plugin (entry-point) or distribution names that are not loaded."""

TRACE_ENV = "PELAYANAN_TRACE_PLUGINS"
"""Set to ``1`` to write every hook call and its result to standard error."""

REPLACES_ATTRIBUTE = "PELAYANAN_REPLACES"
"""A plugin's list of plugin or distribution names whose conflicting entries it replaces."""

BUILTIN_DISTRIBUTION = "pelayanan"
"""The distribution of the built-in plugin, which is loaded before any other."""


def normalize(name: str) -> str:
    """Compare names the way package installers do: case-insensitive, ``-_.`` alike.

    >>> normalize("Pelayanan_Kota.Contoh")
    'pelayanan-kota-contoh'
    """
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


@attrs.frozen
class Plugin:
    """A plugin object handed to a registry directly instead of through an entry point.

    Meant for applications that bundle their own hooks, and for tests.

    Attributes:
        obj: a module, class instance or any object with hook implementations.
        name: the plugin's name (must be unique in the registry).
        distribution: the distribution to blame in messages, if any.
        version: its version.
    """

    obj: object
    name: str
    distribution: str | None = None
    version: str | None = None


@attrs.frozen
class Provides:
    """What one plugin contributed to a registry (refs are ``id@version``)."""

    rubrics: tuple[str, ...] = ()
    zone_schemes: tuple[str, ...] = ()
    scoring_models: tuple[str, ...] = ()
    evidence_readers: tuple[str, ...] = ()
    validates_rubrics: bool = False
    """Whether it implements ``pelayanan_validate_rubric``."""


@attrs.frozen
class PluginInfo:
    """A plugin known to a registry.

    Attributes:
        name: the entry-point name (or the name given with :class:`Plugin`).
        distribution: the distribution declaring it, or ``None``.
        version: the distribution's version.
        target: what the entry point points at (``pelayanan_kota_contoh.plugin``).
        replaces: names of plugins or distributions whose entries this one replaces.
        provides: what it contributed (filled in once the registry is built).
    """

    name: str
    distribution: str | None
    version: str | None
    target: str
    replaces: tuple[str, ...] = ()
    provides: Provides = attrs.field(factory=Provides)

    def describe(self) -> str:
        """The plugin, its distribution and version, in words."""
        return describe_plugin(self.name, self.distribution, self.version)

    def problem(
        self,
        kind: ProblemKind,
        message: str,
        *,
        source: str | None = None,
        pointer: str | None = None,
        **more: Any,
    ) -> Problem:
        """A problem of ``kind`` blamed on this plugin (``more``: hook, line, cause...)."""
        return self.blame(Problem(source, pointer, message, kind=kind, **more))

    def blame(self, problem: Problem, **more: Any) -> Problem:
        """``problem`` (a document's, say) with this plugin to blame (``more``: hook...)."""
        return attrs.evolve(
            problem,
            plugin=self.name,
            distribution=self.distribution,
            version=self.version,
            **more,
        )

    def known_as(self, name: str) -> bool:
        """Whether ``name`` is this plugin's name or its distribution's (normalised)."""
        wanted = normalize(name)
        own = [self.name] + ([self.distribution] if self.distribution else [])
        return any(normalize(candidate) == wanted for candidate in own)

    def replaces_plugin(self, other: PluginInfo) -> bool:
        """Whether this plugin declares that it replaces ``other``."""
        return any(other.known_as(name) for name in self.replaces)


@attrs.frozen
class Candidate:
    """A plugin found but not loaded yet; :attr:`load` imports it."""

    info: PluginInfo
    load: Callable[[], object]


def discover(group: str) -> list[Candidate]:
    """Every entry point in ``group``: the built-in distribution first, then by name.

    Nothing is imported here; :attr:`Candidate.load` does that.
    """
    from importlib.metadata import entry_points  # costly to import; needed on first use only

    found: list[Candidate] = []
    for point in entry_points(group=group):
        # the distribution's metadata parsed once (its name and version each parse it anew)
        metadata = None if point.dist is None else point.dist.metadata
        info = PluginInfo(
            name=point.name,
            distribution=None if metadata is None else metadata["Name"],
            version=None if metadata is None else metadata["Version"],
            target=point.value,
        )
        found.append(Candidate(info, point.load))

    def order(candidate: Candidate) -> tuple[bool, str, str]:
        dist = normalize(candidate.info.distribution or "")
        return dist != BUILTIN_DISTRIBUTION, dist, candidate.info.name

    return sorted(found, key=order)


def given(plugins: Iterable[Plugin | object]) -> list[Candidate]:
    """Candidates for plugin objects handed over directly (named by ``__name__`` if bare)."""
    found = []
    for item in plugins:
        plugin = item if isinstance(item, Plugin) else Plugin(item, _name_of(item))
        info = PluginInfo(plugin.name, plugin.distribution, plugin.version, _name_of(plugin.obj))
        found.append(Candidate(info, _constant(plugin.obj)))
    return found


def _name_of(obj: object) -> str:
    name = getattr(obj, "__name__", None)
    return name if isinstance(name, str) else type(obj).__name__


def _constant(obj: object) -> Callable[[], object]:
    return lambda: obj


def disabled_from_env(environ: Mapping[str, str]) -> tuple[str, ...]:
    """The names listed in :data:`DISABLE_ENV` (comma separated, blanks ignored)."""
    raw = environ.get(DISABLE_ENV, "")
    return tuple(name.strip() for name in raw.split(",") if name.strip())


def trace_from_env(environ: Mapping[str, str]) -> bool:
    """Whether :data:`TRACE_ENV` asks for tracing (``1``, ``true``, ``yes`` or ``on``)."""
    return environ.get(TRACE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}

"""The registry: every rubric, zone scheme, scoring model and reader the plugins provide.

Creating a :class:`Registry` costs nothing; it finds, loads and checks the plugins the first
time it is asked anything (see :mod:`pelayanan.plugins._build`). Strict registries (the
default for library code) raise :class:`~pelayanan.plugins._errors.PluginError` at the first
broken plugin; lenient ones (what the command line uses) leave broken plugins out and list
what went wrong in :attr:`Registry.problems`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pluggy

from pelayanan._documents.errors import Problem, ProblemError, ProblemKind
from pelayanan._i18n import gettext, ngettext
from pelayanan._model.refs import find_ref, split_ref, version_key
from pelayanan._model.rubric import Rubric
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan.plugins._discovery import (
    BUILTIN_DISTRIBUTION,
    Plugin,
    PluginInfo,
    disabled_from_env,
    trace_from_env,
)
from pelayanan.plugins._errors import PluginError
from pelayanan.plugins._readers import EvidenceReader

if TYPE_CHECKING:  # the build machinery (and the documents layer) loads on first use
    from pelayanan.plugins._build import Built

__all__ = ["Kind", "NotFoundError", "Registry", "get_registry"]

Kind = Literal["rubric", "zone_scheme", "scoring_model", "evidence_reader"]
"""The kinds of things a registry holds."""


class NotFoundError(ProblemError, KeyError):
    """The registry holds nothing under the name asked for; the message lists what it has.

    A :class:`KeyError` (``except KeyError`` still catches it) and a
    :class:`~pelayanan._documents.errors.ProblemError` with one problem of kind
    ``not-found``, reported like any other problem.

    Args:
        message: what was asked for and what the registry holds.
    """

    def __init__(self, message: str) -> None:
        super().__init__([Problem(None, None, message, kind=ProblemKind.NOT_FOUND)])
        self.args = (message,)

    def __str__(self) -> str:
        """The message itself (a plain :class:`KeyError` would show its quoted repr)."""
        return self.problems[0].message


class Registry:
    """Plugins and what they provide, found through the ``pelayanan`` entry points.

    Args:
        strict: raise :class:`~pelayanan.plugins._errors.PluginError` at the first broken
            plugin (default); ``False`` leaves broken plugins out and lists the problems in
            ``problems``.
        disabled: plugin (entry-point) or distribution names not to load, in addition to
            those in the ``PELAYANAN_DISABLE_PLUGINS`` environment variable.
        plugins: extra plugin objects to register, each a :class:`Plugin` (with a name and
            optionally a distribution to blame) or a bare module.
        discover: look for entry points (``False`` registers only ``plugins``, and the
            built-in plugin if ``builtin``).
        builtin: include pelayanan's built-in plugin (its rubrics, zone schemes, models
            and readers); by default as ``discover`` says. ``Registry(plugins=[mine],
            discover=False, builtin=True)`` is a plugin tested in isolation, beside the
            built-ins every installation has.
        trace: write each hook call to standard error; by default set by
            ``PELAYANAN_TRACE_PLUGINS=1``.
        environ: where to read the environment variables (``os.environ`` by default).

    Nothing is imported or called until the registry is first used.
    """

    def __init__(
        self,
        *,
        strict: bool = True,
        disabled: Iterable[str] = (),
        plugins: Iterable[Plugin | object] = (),
        discover: bool = True,
        builtin: bool | None = None,
        trace: bool | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self.strict = strict
        self.disabled: tuple[str, ...] = (*disabled_from_env(env), *disabled)
        self.trace = trace_from_env(env) if trace is None else trace
        self._plugins = tuple(plugins)
        self._discover = discover
        self._builtin = discover if builtin is None else builtin
        self._built: Built | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        """Whether it is built yet, and how many plugins it holds."""
        if self._built is None:
            return f"<Registry strict={self.strict} (not loaded yet)>"
        count = len(self._built.plugins)
        return f"<Registry strict={self.strict} plugins={count} problems={len(self.problems)}>"

    def load(self) -> Registry:
        """Find, load and check every plugin now (otherwise done on first use)."""
        self._state()
        return self

    def _state(self) -> Built:
        if self._built is None:
            from pelayanan.plugins._build import build

            with self._lock:
                if self._built is None:
                    self._built = build(
                        strict=self.strict,
                        disabled=self.disabled,
                        plugins=self._plugins,
                        discover=self._discover,
                        builtin=self._builtin,
                        trace=self.trace,
                    )
        return self._built

    # ------------------------------------------------------------------ plugins and problems

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """The loaded plugins, in load order, each with what it provides."""
        return self._state().plugins

    @property
    def blocked(self) -> tuple[PluginInfo, ...]:
        """Plugins found but not loaded because they were disabled by name."""
        return self._state().blocked

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem found while loading (always empty for a strict registry)."""
        return self._state().problems

    @property
    def replacements(self) -> tuple[tuple[Kind, str, PluginInfo, PluginInfo], ...]:
        """``(kind, key, kept, replaced)`` for each entry one plugin replaced in another."""
        return self._state().replacements

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        """The underlying :class:`pluggy.PluginManager` (for advanced use).

        What it registers for each plugin are the plugin's hook implementations wrapped to
        answer with their plugin's name, so a hook called through it gives one answer per
        plugin (with ``plugin``, ``value`` and ``error``), not the bare return values.
        """
        return self._state().manager.pm

    def plugin(self, name: str) -> PluginInfo:
        """The loaded plugin called ``name`` (or from distribution ``name``)."""
        for info in self.plugins:
            if info.known_as(name):
                return info
        known = ", ".join(info.name for info in self.plugins) or gettext("none")
        message = gettext("no plugin {name!r} is loaded; loaded: {known}")
        raise NotFoundError(message.format(name=name, known=known))

    def provider(self, kind: Kind, key: str) -> PluginInfo:
        """The plugin that provides the ``kind`` entry ``key`` (``id@version`` or name)."""
        return self._state().by_name[self._entry(kind, key).plugin]

    # ------------------------------------------------------------------ documents

    def rubrics(self) -> tuple[Rubric, ...]:
        """Every rubric, by id then version."""
        return tuple(entry.value for entry in self._sorted("rubric"))

    def zone_schemes(self) -> tuple[ZoneScheme, ...]:
        """Every zone scheme, by id then version."""
        return tuple(entry.value for entry in self._sorted("zone_scheme"))

    def scheme_for_year(self, year: int, level: str | None = None) -> ZoneScheme:
        """The Ombudsman zone scheme in force in ``year`` (and for ``level`` in 2015).

        The registry's schemes given to :func:`pelayanan._model.methods.scheme_for_year`.

        Raises:
            pelayanan._model.methods.NoMethodError: no scheme for that year (the message
                names the known years) or a level is needed.
        """
        from pelayanan._model.methods import scheme_for_year

        return scheme_for_year(self.zone_schemes(), year, level)

    def get_rubric(self, ref: str) -> Rubric:
        """The rubric ``"id@version"``, or the highest version of ``"id"``.

        Raises:
            NotFoundError: no such rubric; the message lists the known ones.
        """
        rubric: Rubric = self._entry("rubric", ref).value
        return rubric

    def get_zone_scheme(self, ref: str) -> ZoneScheme:
        """The zone scheme ``"id@version"``, or the highest version of ``"id"``.

        Raises:
            NotFoundError: no such zone scheme; the message lists the known ones.
        """
        scheme: ZoneScheme = self._entry("zone_scheme", ref).value
        return scheme

    def versions(self, kind: Literal["rubric", "zone_scheme"], doc_id: str) -> tuple[str, ...]:
        """The versions of rubric or zone scheme ``doc_id``, lowest first."""
        keys = [split_ref(str(entry.key)) for entry in self._sorted(kind)]
        return tuple(version for found, version in keys if found == doc_id and version)

    def _sorted(self, kind: Kind) -> list[Any]:
        # By key (id@version): built-in documents are listed without being loaded.
        entries = self._state().tables[kind].values()

        def order(entry: Any) -> tuple[str, Any]:
            doc_id, version = split_ref(str(entry.key))
            return doc_id, version_key(version or "")

        return sorted(entries, key=order)

    def _entry(self, kind: Kind, key: str) -> Any:
        """The table entry ``key`` of ``kind`` (for documents ``id@version``, or the highest
        version of ``id``); the one lookup behind every ``get_*`` and :meth:`provider`."""
        table = self._state().tables[kind]
        found = find_ref(table, key) if kind in ("rubric", "zone_scheme") else key
        if found not in table:
            raise self._missing(kind, key)
        return table[found]

    def _missing(self, kind: Kind, key: str) -> NotFoundError:
        state = self._state()
        from pelayanan.plugins._conflicts import kind_word

        known = ", ".join(sorted(state.tables[kind])) or gettext("none")
        message = gettext("no {what} {key!r} is registered; known: {known}").format(
            what=kind_word(kind), key=key, known=known
        )
        if state.problems:
            count = len(state.problems)
            more = ngettext(
                "{count} plugin problem: see registry.problems",
                "{count} plugin problems: see registry.problems",
                count,
            )
            message += f" ({more.format(count=count)})"
        return NotFoundError(message)

    # ------------------------------------------------------------------ models and readers

    def scoring_models(self) -> Mapping[str, ScoringModel]:
        """Every scoring model by name (the built-ins come from the built-in plugin)."""
        return {key: entry.value for key, entry in self._state().tables["scoring_model"].items()}

    def get_scoring_model(self, name: str) -> ScoringModel:
        """The scoring model ``name``."""
        model: ScoringModel = self._entry("scoring_model", name).value
        return model

    def evidence_readers(self) -> Mapping[str, EvidenceReader]:
        """Every evidence reader by name, in load order."""
        return {key: entry.value for key, entry in self._state().tables["evidence_reader"].items()}

    def get_evidence_reader(self, name: str) -> EvidenceReader:
        """The evidence reader ``name``."""
        reader: EvidenceReader = self._entry("evidence_reader", name).value
        return reader

    def reader_for(self, path: str | os.PathLike[str]) -> EvidenceReader:
        """The first reader (in load order) whose suffixes include ``path``'s suffix."""
        suffix = Path(path).suffix.lower()
        for reader in self.evidence_readers().values():
            if suffix in tuple(s.lower() for s in reader.suffixes):
                return reader
        if suffix:
            message = gettext("no evidence reader reads {suffix!r}").format(suffix=suffix)
        else:
            message = gettext("no evidence reader reads files without a suffix")
        raise NotFoundError(message)

    def blame(self, error: BaseException) -> PluginError | None:
        """A :class:`PluginError` naming the plugin whose code raised ``error``, if any.

        For an exception raised while a plugin's scoring model or evidence reader was in use:
        the innermost frame of its traceback that runs a plugin's model, reader or plugin
        module decides (the built-in plugin is never blamed). The problem names the plugin,
        its distribution and version, and the file and line of the raising frame; ``error``
        is kept as the cause. ``None`` when no plugin's code is on the traceback.
        """
        from pelayanan.plugins._faults import blame

        state = self._state()
        suspects: dict[str, tuple[PluginInfo, list[tuple[str, object]]]] = {}
        for info in state.plugins:
            if info.distribution != BUILTIN_DISTRIBUTION:
                code = (gettext("plugin code"), state.manager.objects[info.name])
                suspects[info.name] = (info, [code])
        kinds: tuple[tuple[Kind, str], ...] = (
            ("scoring_model", gettext("scoring model {name!r}")),
            ("evidence_reader", gettext("reader {name!r}")),
        )
        for kind, what in kinds:
            for key, entry in state.tables[kind].items():
                if entry.plugin in suspects:
                    suspects[entry.plugin][1].append((what.format(name=key), entry.value))
        return blame(error, suspects)

    # ------------------------------------------------------------------ checks

    def check_rubric(self, rubric: Rubric) -> tuple[Problem, ...]:
        """Every loaded plugin's ``pelayanan_validate_rubric`` problems with ``rubric``.

        Meant for rubrics that did not come from a plugin (a file given by a user). A
        validator that raises or returns the wrong type is reported as such.
        """
        from pelayanan.plugins._build import run_checks

        return tuple(run_checks(self._state().manager, rubric, None))


_DEFAULTS: dict[bool, Registry] = {}
"""The process-wide registries by strictness (the testing fixtures replace them)."""
_DEFAULT_LOCK = threading.Lock()


def get_registry(*, strict: bool = True, refresh: bool = False) -> Registry:
    """The process-wide registry, created on first call.

    Args:
        strict: the strict one (the default, for library code: a broken plugin raises
            :class:`~pelayanan.PluginError`), or the lenient one (what the command
            line uses: broken plugins are left out and listed in
            :attr:`Registry.problems`).
        refresh: start that registry anew (plugins installed since are found).
    """
    with _DEFAULT_LOCK:
        if refresh or strict not in _DEFAULTS:
            _DEFAULTS[strict] = Registry(strict=strict)
        return _DEFAULTS[strict]

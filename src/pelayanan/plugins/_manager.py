"""A pluggy plugin manager that knows who every plugin is, and blames faults on it.

:class:`Manager` registers candidates one at a time, checks hook names (pluggy's
``check_pending`` plus a look for unmarked ``pelayanan_*`` functions), and calls a hook of
one plugin at a time so an exception is attributed to the plugin that raised it.
"""

from __future__ import annotations

import difflib
import sys
from typing import Any

import attrs
import pluggy

from pelayanan.plugins import _hookspecs as hookspecs
from pelayanan.plugins._discovery import REPLACES_ATTRIBUTE, Candidate, PluginInfo
from pelayanan.plugins._errors import PluginProblem, ProblemKind
from pelayanan.plugins._faults import raised
from pelayanan.plugins._hookspecs import HOOK_NAMES
from pelayanan.plugins._markers import PROJECT

__all__ = ["Manager"]


def _write_stderr(text: str) -> None:
    sys.stderr.write(text)


def _problem(info: PluginInfo, kind: ProblemKind, message: str, **where: Any) -> PluginProblem:
    return PluginProblem(kind, info.name, info.distribution, info.version, message, **where)


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, HOOK_NAMES, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{hint}known hooks: {', '.join(HOOK_NAMES)}"


class Manager:
    """A :class:`pluggy.PluginManager` for the ``pelayanan`` hooks, with attribution.

    Args:
        trace: write every hook call and its result to standard error.
    """

    def __init__(self, *, trace: bool = False) -> None:
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.objects: dict[str, object] = {}
        self._log = self.pm.trace.root.get("registry")
        if trace:
            self.pm.trace.root.setwriter(_write_stderr)
            self.pm.enable_tracing()

    def log(self, *message: object) -> None:
        """Write a line to the trace (only when tracing is on)."""
        self._log(*message)

    def register(self, candidate: Candidate) -> PluginProblem | None:
        """Import and register one plugin; a problem instead if that fails."""
        info = candidate.info
        self.log("loading", info.describe(), "from", info.target)
        try:
            obj = candidate.load()
        except Exception as error:
            return raised(
                info, error, doing=f"could not load {info.target}:", kind=ProblemKind.LOAD
            )
        replaces = getattr(obj, REPLACES_ATTRIBUTE, ())
        if not isinstance(replaces, list | tuple) or not all(
            isinstance(name, str) for name in replaces
        ):
            return _problem(
                info,
                ProblemKind.WRONG_TYPE,
                f"{REPLACES_ATTRIBUTE} must be a list of plugin or distribution names, "
                f"got {replaces!r}",
            )
        info = attrs.evolve(info, replaces=tuple(replaces))
        try:
            self.pm.register(obj, name=info.name)
        except pluggy.PluginValidationError as error:
            return _problem(info, ProblemKind.LOAD, " ".join(str(error).split()))
        except ValueError as error:  # the name or the object is registered already
            return _problem(info, ProblemKind.LOAD, f"could not register: {error}")
        self.infos[info.name] = info
        self.objects[info.name] = obj
        unmarked = self._unmarked(obj)
        if unmarked:
            self.unregister(info.name)
        return unmarked

    def _unmarked(self, obj: object) -> PluginProblem | None:
        """A problem for a ``pelayanan_*`` function that pluggy will silently ignore."""
        name = self.pm.get_name(obj)
        assert name is not None
        info = self.infos[name]
        implemented = {caller.name for caller in self.pm.get_hookcallers(obj) or ()}
        for attribute in sorted(dir(obj)):
            if not attribute.startswith("pelayanan_") or attribute in implemented:
                continue
            if not callable(getattr(obj, attribute, None)):
                continue
            if attribute in HOOK_NAMES:
                message = f"{attribute} is not marked with @hookimpl, so it would never be called"
            else:
                message = f"{attribute} is not a pelayanan hook; {_suggest(attribute)}"
            return _problem(info, ProblemKind.UNKNOWN_HOOK, message, hook=attribute)
        return None

    def unregister(self, name: str) -> None:
        """Remove plugin ``name`` again (after it turned out to be broken)."""
        obj = self.objects.pop(name, None)
        self.infos.pop(name, None)
        if obj is not None:
            self.pm.unregister(obj)

    def check_pending(self) -> list[PluginProblem]:
        """Run pluggy's ``check_pending``; each plugin with an unknown hook is removed.

        Returns one problem per such plugin, naming the hook and the closest real one.
        """
        problems: list[PluginProblem] = []
        while True:
            try:
                self.pm.check_pending()
            except pluggy.PluginValidationError as error:
                name = self.pm.get_name(error.plugin)
                assert name is not None
                problems.append(self._unknown_hook(name, error.plugin))
                self.unregister(name)
            else:
                return problems

    def _unknown_hook(self, name: str, obj: object) -> PluginProblem:
        unknown = sorted(
            caller.name for caller in self.pm.get_hookcallers(obj) or () if not caller.has_spec()
        )
        hook = unknown[0] if unknown else None
        message = (
            f"implements unknown hook {hook!r}; {_suggest(hook)}"
            if hook
            else "implements an unknown hook"
        )
        return _problem(self.infos[name], ProblemKind.UNKNOWN_HOOK, message, hook=hook)

    def implements(self, hook: str, name: str) -> bool:
        """Whether plugin ``name`` implements ``hook``."""
        obj = self.objects[name]
        caller: pluggy.HookCaller = getattr(self.pm.hook, hook)
        return any(impl.plugin is obj for impl in caller.get_hookimpls())

    def call(self, hook: str, name: str, **kwargs: object) -> list[object] | PluginProblem | None:
        """Call ``hook`` of plugin ``name`` alone.

        Returns:
            pluggy's result list (one item, or none when the plugin returned ``None``),
            ``None`` if the plugin does not implement the hook, or a problem if the
            implementation raised.
        """
        if not self.implements(hook, name):
            return None
        obj = self.objects[name]
        others = [other for other in self.objects.values() if other is not obj]
        caller = self.pm.subset_hook_caller(hook, remove_plugins=others)
        self.log("calling", hook, "of", self.infos[name].describe())
        try:
            results: list[object] = caller(**kwargs)
        except Exception as error:
            return raised(self.infos[name], error, hook=hook)
        return results

"""A pluggy plugin manager whose hook calls say which plugin gave, or raised, what.

Every hook is called once, through pluggy, for all plugins together. What pluggy registers
for a plugin is a namespace of the plugin's own hook implementations, each wrapped so that
it answers with a :class:`Provided`: the plugin's name and what the implementation
returned or raised. So pluggy keeps the calling (order, ``tryfirst``/``trylast``, tracing,
monitoring), one plugin's exception does not stop the others, a ``None`` answer is not
lost, and every result and fault is attributed without a call per plugin.
"""

from __future__ import annotations

import difflib
import functools
import sys
from collections.abc import Callable

import attrs
import pluggy

from pelayanan._documents.errors import Problem, ProblemKind
from pelayanan._i18n import gettext
from pelayanan.plugins import _hookspecs as hookspecs
from pelayanan.plugins._discovery import REPLACES_ATTRIBUTE, Candidate, PluginInfo
from pelayanan.plugins._faults import raised
from pelayanan.plugins._hookspecs import HOOK_NAMES
from pelayanan.plugins._markers import PROJECT

__all__ = ["Manager", "Provided"]


def _write_stderr(text: str) -> None:
    sys.stderr.write(text)


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, HOOK_NAMES, n=1, cutoff=0.6)
    known = gettext("known hooks: {hooks}").format(hooks=", ".join(HOOK_NAMES))
    if not close:
        return known
    return gettext("did you mean {hook!r}? {known}").format(hook=close[0], known=known)


@attrs.frozen
class Provided:
    """One plugin's answer to a hook call: what it returned, or the exception it raised."""

    plugin: str
    value: object = None
    error: Exception | None = attrs.field(default=None, eq=False)


def _answering(plugin: str, function: Callable[..., object]) -> Callable[..., Provided]:
    """``function`` answering with a :class:`Provided` (same signature and hook marks, so
    pluggy validates and calls it like the original)."""

    @functools.wraps(function)
    def answer(*args: object, **kwargs: object) -> Provided:
        try:
            return Provided(plugin, function(*args, **kwargs))
        except Exception as error:
            return Provided(plugin, error=error)

    return answer


class _Answering:
    """What pluggy registers for a plugin: its hook implementations, answering."""

    def __init__(self, name: str, obj: object, pm: pluggy.PluginManager) -> None:
        self.__name__ = name
        for attribute in dir(obj):
            opts = pm.parse_hookimpl_opts(obj, attribute)
            if opts is None:
                continue
            function = getattr(obj, attribute)
            if not (opts.get("wrapper") or opts.get("hookwrapper")):
                function = _answering(name, function)
            setattr(self, attribute, function)


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

    def register(self, candidate: Candidate) -> Problem | None:
        """Import and register one plugin; a problem instead if that fails."""
        info = candidate.info
        self.log("loading", info.describe(), "from", info.target)
        try:
            obj = candidate.load()
        except Exception as error:
            return raised(
                info,
                error,
                doing=gettext("could not load {target}:").format(target=info.target),
                kind=ProblemKind.LOAD,
            )
        replaces = getattr(obj, REPLACES_ATTRIBUTE, ())
        if not isinstance(replaces, list | tuple) or not all(
            isinstance(name, str) for name in replaces
        ):
            message = gettext(
                "{attribute} must be a list of plugin or distribution names, got {value!r}"
            ).format(attribute=REPLACES_ATTRIBUTE, value=replaces)
            return info.problem(ProblemKind.WRONG_TYPE, message)
        info = attrs.evolve(info, replaces=tuple(replaces))
        try:
            self.pm.register(_Answering(info.name, obj, self.pm), name=info.name)
        except pluggy.PluginValidationError as error:
            return info.problem(ProblemKind.LOAD, " ".join(str(error).split()))
        except ValueError as error:  # the name is registered already
            return info.problem(
                ProblemKind.LOAD, gettext("could not register: {reason}").format(reason=error)
            )
        self.infos[info.name] = info
        self.objects[info.name] = obj
        unmarked = self._unmarked(info, obj)
        if unmarked:
            self.unregister(info.name)
        return unmarked

    def _hook_names(self, name: str) -> set[str]:
        registered = self.pm.get_plugin(name)
        return {caller.name for caller in self.pm.get_hookcallers(registered) or ()}

    def _unmarked(self, info: PluginInfo, obj: object) -> Problem | None:
        """A problem for a ``pelayanan_*`` function that pluggy will silently ignore."""
        implemented = self._hook_names(info.name)
        for attribute in sorted(dir(obj)):
            if not attribute.startswith("pelayanan_") or attribute in implemented:
                continue
            if not callable(getattr(obj, attribute, None)):
                continue
            if attribute in HOOK_NAMES:
                message = gettext(
                    "{hook} is not marked with @hookimpl, so it would never be called"
                ).format(hook=attribute)
            else:
                message = gettext("{hook} is not a pelayanan hook; {hint}").format(
                    hook=attribute, hint=_suggest(attribute)
                )
            return info.problem(ProblemKind.UNKNOWN_HOOK, message, hook=attribute)
        return None

    def unregister(self, name: str) -> None:
        """Remove plugin ``name`` again (after it turned out to be broken)."""
        self.infos.pop(name, None)
        if self.objects.pop(name, None) is not None:
            self.pm.unregister(name=name)

    def check_pending(self) -> list[Problem]:
        """Run pluggy's ``check_pending``; each plugin with an unknown hook is removed.

        Returns one problem per such plugin, naming the hook and the closest real one.
        """
        problems: list[Problem] = []
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

    def _unknown_hook(self, name: str, obj: object) -> Problem:
        unknown = sorted(
            caller.name for caller in self.pm.get_hookcallers(obj) or () if not caller.has_spec()
        )
        hook = unknown[0] if unknown else None
        message = (
            gettext("implements unknown hook {hook!r}; {hint}").format(
                hook=hook, hint=_suggest(hook)
            )
            if hook
            else gettext("implements an unknown hook")
        )
        return self.infos[name].problem(ProblemKind.UNKNOWN_HOOK, message, hook=hook)

    def implements(self, hook: str, name: str) -> bool:
        """Whether plugin ``name`` implements ``hook``."""
        return hook in self._hook_names(name)

    def call(self, hook: str, **kwargs: object) -> list[tuple[PluginInfo, object, Problem | None]]:
        """Call ``hook`` once, through pluggy, for every plugin that implements it.

        Returns:
            ``(plugin, returned value, None)`` for each implementation, in load order, or
            ``(plugin, None, problem)`` for one that raised (a problem of kind ``raised``
            naming the hook and keeping the exception as its cause).
        """
        self.log("calling", hook)
        caller: pluggy.HookCaller = getattr(self.pm.hook, hook)
        answers = [answer for answer in caller(**kwargs) if isinstance(answer, Provided)]
        order = list(self.infos)
        answers.sort(key=lambda answer: order.index(answer.plugin))
        found: list[tuple[PluginInfo, object, Problem | None]] = []
        for answer in answers:
            info = self.infos[answer.plugin]
            if answer.error is None:
                found.append((info, answer.value, None))
            else:
                found.append((info, None, raised(info, answer.error, hook=hook)))
        return found

"""Building a registry: load plugins, call their hooks, check, and resolve conflicts.

The steps, each blaming faults on the plugin at fault:

1. find entry points (and plugins handed over directly), skip the disabled ones;
2. import and register each; run pluggy's ``check_pending`` (misspelt hook names);
3. call ``pelayanan_scoring_models``, ``pelayanan_evidence_readers`` and
   ``pelayanan_zone_schemes`` (each once, for all plugins: every answer says whose it is,
   see :mod:`pelayanan.plugins._manager`) and check what they return; merge by key;
4. call ``pelayanan_rubrics`` and validate the rubrics against the models and
   zone schemes known by then (a plugin with any fault in steps 3-4 is left out whole);
5. run every ``pelayanan_validate_rubric`` over every rubric (a refused rubric is left out)
   and merge by key;
6. apply the overlays among the rubrics to their bases, check and merge the results too.

Merging: the same key from two plugins is a conflict (both left out) unless one plugin
declares ``PELAYANAN_REPLACES`` naming the other (:mod:`pelayanan.plugins._conflicts`).

A strict build raises :class:`~pelayanan.plugins._errors.PluginError` at the first fault.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from pelayanan._documents.errors import Problem, ProblemKind
from pelayanan._i18n import gettext
from pelayanan._model.rubric import Rubric
from pelayanan._model.tailoring import Overlay
from pelayanan.plugins._collect import Entry, collect
from pelayanan.plugins._conflicts import KindName, merge_entries
from pelayanan.plugins._discovery import (
    BUILTIN_DISTRIBUTION,
    Candidate,
    Plugin,
    PluginInfo,
    Provides,
    discover,
    given,
)
from pelayanan.plugins._errors import PluginError
from pelayanan.plugins._manager import Manager
from pelayanan.plugins._markers import ENTRY_POINT_GROUP
from pelayanan.plugins._overlays import apply_all

__all__ = ["Built", "build", "run_checks"]

KIND_OF_HOOK: dict[str, KindName] = {
    "pelayanan_rubrics": "rubric",
    "pelayanan_zone_schemes": "zone_scheme",
    "pelayanan_scoring_models": "scoring_model",
    "pelayanan_evidence_readers": "evidence_reader",
}

VALIDATE = "pelayanan_validate_rubric"


@attrs.define
class Built:
    """Everything a registry knows once built (internal; read through the Registry)."""

    manager: Manager
    plugins: tuple[PluginInfo, ...]
    blocked: tuple[PluginInfo, ...]
    problems: tuple[Problem, ...]
    replacements: tuple[tuple[KindName, str, PluginInfo, PluginInfo], ...]
    tables: dict[KindName, dict[str, Entry[Any]]]

    @property
    def by_name(self) -> dict[str, PluginInfo]:
        """Loaded plugins by name."""
        return {info.name: info for info in self.plugins}


class _Report:
    """Collects problems; in strict mode the first report raises."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[Problem] = []

    def __call__(self, found: Sequence[Problem]) -> None:
        if not found:
            return
        if self.strict:
            raise PluginError(found)
        self.problems.extend(found)


def build(
    *,
    strict: bool,
    disabled: Sequence[str],
    plugins: Iterable[Plugin | object],
    discover: bool,
    builtin: bool,
    trace: bool,
) -> Built:
    """Build a registry's state (see the module docstring for the steps)."""
    manager = Manager(trace=trace)
    report = _Report(strict)
    if discover:  # the built-in plugin comes with its entry point
        located = [c for c in _discover() if builtin or c.info.distribution != BUILTIN_DISTRIBUTION]
    else:
        located = [_builtin()] if builtin else []
    candidates = [*located, *given(plugins)]
    blocked = []
    for candidate in candidates:
        if any(candidate.info.known_as(name) for name in disabled):
            manager.log("blocked", candidate.info.describe())
            blocked.append(candidate.info)
            continue
        problem = manager.register(candidate)
        report([problem] if problem else [])
    report(manager.check_pending())

    found: dict[str, list[Entry[Any]]] = {kind: [] for kind in (*KIND_OF_HOOK.values(), "overlay")}

    def gather(hooks: tuple[str, ...], context: dict[str, Any]) -> None:
        entries, problems = _provided(manager, hooks, context)
        for name in [name for name in manager.infos if problems.get(name)]:
            report(problems[name])  # a plugin with any fault is left out whole
            manager.unregister(name)
        for hook, entry in entries:
            if entry.plugin in manager.infos:
                overlay = not entry.deferred and isinstance(entry.value, Overlay)
                found["overlay" if overlay else KIND_OF_HOOK[hook]].append(entry)

    def live(entries: Iterable[Entry[Any]]) -> list[Entry[Any]]:
        return [entry for entry in entries if entry.plugin in manager.infos]

    replacements: list[tuple[KindName, str, PluginInfo, PluginInfo]] = []

    def merge(kind: KindName, entries: Iterable[Entry[Any]]) -> dict[str, Entry[Any]]:
        table, conflicts, replaced = merge_entries(kind, live(entries), manager.infos)
        report(conflicts)
        replacements.extend(replaced)
        return table

    # Rubrics come last: they are checked against the models and zone schemes known by then.
    gather(("pelayanan_scoring_models", "pelayanan_evidence_readers", "pelayanan_zone_schemes"), {})
    tables: dict[KindName, dict[str, Entry[Any]]] = {}
    others: tuple[KindName, ...] = ("zone_scheme", "scoring_model", "evidence_reader")
    for kind in others:
        tables[kind] = merge(kind, found[kind])
    context: dict[str, Any] = {
        "models": {key: entry.value for key, entry in tables["scoring_model"].items()},
        "zone_schemes": list(tables["zone_scheme"]),  # id@version keys: nothing loaded
    }
    gather(("pelayanan_rubrics",), context)
    plain = merge("rubric", _checked(manager, report, found["rubric"]))
    tailored = apply_all(plain, live(found["overlay"]), manager.infos, report, context)
    tables["rubric"] = merge("rubric", [*plain.values(), *_checked(manager, report, tailored)])
    for kind in others:  # plugins found broken while their rubrics were read are left out
        tables[kind] = {k: e for k, e in tables[kind].items() if e.plugin in manager.infos}

    infos = tuple(_with_provides(manager, info, tables) for info in manager.infos.values())
    return Built(
        manager,
        infos,
        tuple(blocked),
        tuple(report.problems),
        tuple(replacements),
        tables,
    )


def _checked(manager: Manager, report: _Report, entries: Iterable[Entry[Any]]) -> list[Entry[Any]]:
    """The rubrics every validator accepts; a validator that fails is left out whole."""
    if not any(manager.implements(VALIDATE, name) for name in manager.infos):
        # Nothing to ask: keep deferred built-ins unloaded.
        return [entry for entry in entries if entry.plugin in manager.infos]
    accepted = []
    for entry in entries:
        if entry.plugin not in manager.infos:
            continue
        faults = run_checks(manager, entry.value, manager.infos[entry.plugin])
        report(faults)
        for fault in faults:
            if fault.kind is not ProblemKind.CHECK and fault.plugin is not None:
                manager.unregister(fault.plugin)
        if not any(fault.kind is ProblemKind.CHECK for fault in faults):
            accepted.append(entry)
    return accepted


def _discover() -> list[Any]:
    return discover(ENTRY_POINT_GROUP)


def _builtin() -> Candidate:
    """The built-in plugin, as its entry point would give it."""
    from pelayanan._version import __version__
    from pelayanan.plugins import _builtin as module

    return given([Plugin(module, "builtin", BUILTIN_DISTRIBUTION, __version__)])[0]


def _provided(
    manager: Manager, hooks: tuple[str, ...], context: dict[str, Any]
) -> tuple[list[tuple[str, Entry[Any]]], dict[str, list[Problem]]]:
    """Each hook called once for every plugin: the entries, and the problems by plugin."""
    found: list[tuple[str, Entry[Any]]] = []
    problems: dict[str, list[Problem]] = {}
    for hook in hooks:
        for info, returned, fault in manager.call(hook):
            if fault is not None:
                problems.setdefault(info.name, []).append(fault)
                continue
            collected = collect(info, hook, returned, context)
            problems.setdefault(info.name, []).extend(collected.problems)
            found.extend((hook, entry) for entry in collected.entries)
    return found, problems


def run_checks(manager: Manager, rubric: Rubric, provider: PluginInfo | None) -> list[Problem]:
    """Ask every plugin's ``pelayanan_validate_rubric`` about ``rubric`` (one hook call).

    Returns problems of kind ``check`` (blamed on the plugin that reported them, with the
    rubric's provider as ``other``) and faults of the validators themselves.
    """
    found: list[Problem] = []
    for info, returned, fault in manager.call(VALIDATE, rubric=rubric):
        if fault is not None:
            found.append(fault)
        elif returned is None:
            continue
        elif not isinstance(returned, list | tuple) or not all(
            isinstance(item, str) for item in returned
        ):
            message = gettext("returned {value!r}; expected a list of problems in words").format(
                value=returned
            )
            found.append(info.problem(ProblemKind.WRONG_TYPE, message, hook=VALIDATE))
        else:
            template = (
                gettext("rubric {ref} fails a check: {problem}")
                if provider is None
                else gettext("rubric {ref} (from {provider}) fails a check: {problem}")
            )
            found.extend(
                info.problem(
                    ProblemKind.CHECK,
                    template.format(
                        ref=rubric.ref,
                        provider=None if provider is None else provider.describe(),
                        problem=text,
                    ),
                    hook=VALIDATE,
                    other=None if provider is None else provider.describe(),
                )
                for text in returned
            )
    return found


def _with_provides(
    manager: Manager, info: PluginInfo, tables: dict[KindName, dict[str, Entry[Any]]]
) -> PluginInfo:
    def mine(kind: KindName) -> tuple[str, ...]:
        return tuple(key for key, entry in tables[kind].items() if entry.plugin == info.name)

    provides = Provides(
        rubrics=mine("rubric"),
        zone_schemes=mine("zone_scheme"),
        scoring_models=mine("scoring_model"),
        evidence_readers=mine("evidence_reader"),
        validates_rubrics=manager.implements(VALIDATE, info.name),
    )
    return attrs.evolve(info, provides=provides)

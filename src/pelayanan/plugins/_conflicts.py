"""Merging what several plugins provide: conflicts, and plugins that replace others."""

from __future__ import annotations

from typing import Any, Literal

from pelayanan._documents.errors import Problem, ProblemKind
from pelayanan._i18n import N_, gettext
from pelayanan.plugins._collect import Entry
from pelayanan.plugins._discovery import BUILTIN_DISTRIBUTION, REPLACES_ATTRIBUTE, PluginInfo

__all__ = ["KindName", "kind_word", "merge_entries"]

KindName = Literal["rubric", "zone_scheme", "scoring_model", "evidence_reader"]
"""The kinds of entries a registry keys."""

_WORDS: dict[str, str] = {
    "rubric": N_("rubric"),
    "zone_scheme": N_("zone scheme"),
    "scoring_model": N_("scoring model"),
    "evidence_reader": N_("evidence reader"),
}


def kind_word(kind: str) -> str:
    """The kind of entry in words, in the language in force (``zone scheme``)."""
    word = _WORDS.get(kind)
    return gettext(word) if word is not None else kind.replace("_", " ")


def merge_entries(
    kind: KindName, entries: list[Entry[Any]], infos: dict[str, PluginInfo]
) -> tuple[
    dict[str, Entry[Any]],
    list[Problem],
    list[tuple[KindName, str, PluginInfo, PluginInfo]],
]:
    """Key ``entries``: the table, the conflicts, and ``(kind, key, kept, replaced)`` rows.

    An entry whose plugin replaces every other plugin providing the same key wins. Else a
    built-in entry wins over the plugins that reuse its key (each of them gets a problem
    naming it); any other clash is a conflict and the key is left out.
    """
    groups: dict[str, list[Entry[Any]]] = {}
    for entry in entries:
        groups.setdefault(entry.key, []).append(entry)
    table: dict[str, Entry[Any]] = {}
    problems: list[Problem] = []
    replaced: list[tuple[KindName, str, PluginInfo, PluginInfo]] = []
    what = kind_word(kind)
    for key, group in groups.items():
        if len(group) == 1:
            table[key] = group[0]
            continue
        owners = [infos[entry.plugin] for entry in group]
        winners = [
            entry
            for entry, owner in zip(group, owners, strict=True)
            if all(owner.replaces_plugin(o) for o in owners if o.name != owner.name)
            and sum(o.name == owner.name for o in owners) == 1
        ]
        if len(winners) == 1:
            table[key] = winner = winners[0]
            kept = infos[winner.plugin]
            replaced.extend((kind, key, kept, o) for o in owners if o.name != kept.name)
            continue
        builtin = [e for e, o in zip(group, owners, strict=True) if _is_builtin(o)]
        if len(builtin) == 1 and len(owners) == len({o.name for o in owners}):
            # A plugin that reuses a built-in id@version without declaring that it replaces
            # the built-in does not take it away from everyone: the built-in stays and the
            # plugin's entry is left out, with the problem blamed on the plugin.
            table[key] = builtin[0]
            problems.extend(_shadowing(what, key, o) for o in owners if not _is_builtin(o))
            continue
        problems.append(_conflict(what, key, group, owners))
    return table, problems, replaced


def _is_builtin(info: PluginInfo) -> bool:
    return info.distribution == BUILTIN_DISTRIBUTION


def _shadowing(what: str, key: str, owner: PluginInfo) -> Problem:
    message = gettext(
        "provides {what} {key}, which pelayanan has built in; the built-in is used and this "
        "one is left out. Give it its own id or version, or declare "
        "{attribute} = [{builtin!r}] in the plugin to replace the built-in on purpose"
    ).format(what=what, key=key, attribute=REPLACES_ATTRIBUTE, builtin=BUILTIN_DISTRIBUTION)
    other = gettext("pelayanan's built-in {what}").format(what=what)
    return owner.problem(ProblemKind.CONFLICT, message, other=other)


def _conflict(what: str, key: str, group: list[Entry[Any]], owners: list[PluginInfo]) -> Problem:
    first, second = owners[0], owners[1]
    if first.name == second.name:
        message = gettext("provides {what} {key} twice ({first} and {second})").format(
            what=what, key=key, first=group[0].source, second=group[1].source
        )
        return first.problem(ProblemKind.CONFLICT, message)
    names = gettext(" and ").join(o.describe() for o in owners)
    message = gettext(
        "{what} {key} is provided by both {names}; neither is used. Uninstall or disable "
        "one, or let {first!r} declare {attribute} = [{second!r}] (or the reverse)"
    ).format(
        what=what,
        key=key,
        names=names,
        first=first.name,
        attribute=REPLACES_ATTRIBUTE,
        second=second.distribution or second.name,
    )
    return first.problem(ProblemKind.CONFLICT, message, other=second.describe())

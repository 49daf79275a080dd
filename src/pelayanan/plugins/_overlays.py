"""Overlays among a plugin's rubrics: applied to their base rubric from the registry.

A plugin may publish only its tailoring (an overlay document, or an
:class:`~pelayanan._model.tailoring.Overlay`) instead of a whole rubric. Once every plain
rubric is known, each overlay is applied to its base (``id`` meaning the highest version, or
``id@version``); an overlay may build on another plugin's tailored rubric. The result is
validated like a file. A base that never turns up, or an overlay that does not fit its base,
is a document fault blamed on the overlay's plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pelayanan._documents import DocumentError
from pelayanan._documents.errors import Problem, ProblemKind
from pelayanan._i18n import gettext
from pelayanan._model.convert._fields import plain
from pelayanan._model.refs import find_ref
from pelayanan._model.rubric import Rubric
from pelayanan._model.tailoring import Overlay, TailoringError, apply_overlay
from pelayanan.plugins._collect import Entry, build
from pelayanan.plugins._discovery import PluginInfo

__all__ = ["apply_all"]

HOOK = "pelayanan_rubrics"


def _problem(info: PluginInfo, entry: Entry[Overlay], message: str, **where: Any) -> Problem:
    where.setdefault("source", entry.source)
    return info.problem(ProblemKind.INVALID, message, hook=HOOK, **where)


def _apply(
    info: PluginInfo, entry: Entry[Overlay], base: Rubric, context: Mapping[str, Any]
) -> Entry[Rubric] | list[Problem]:
    overlay = entry.value
    try:
        tailored = apply_overlay(base, overlay)
    except TailoringError as error:  # the model's findings, placed in the overlay's file
        from pelayanan._documents.checks import place_tailoring

        found = (
            place_tailoring(entry.document, error)
            if entry.document is not None
            else [Problem(entry.source, f.pointer, f.text()) for f in error.findings]
        )
        template = gettext("overlay {overlay} does not fit {base}: {message}")
        return [
            info.blame(
                p,
                hook=HOOK,
                message=template.format(overlay=overlay.ref, base=base.ref, message=p.message),
            )
            for p in found
        ]
    try:
        from pelayanan._documents.loading import load_document  # only with overlays

        document = load_document(plain(tailored), name=entry.source)
        rubric: Rubric = build("rubric", document, **context)
    except DocumentError as error:
        return [
            _problem(
                info,
                entry,
                gettext("overlay {overlay} gives an invalid rubric: {message}").format(
                    overlay=overlay.ref, message=p.message
                ),
                pointer=p.pointer,
            )
            for p in error.problems
        ]
    return Entry(rubric.ref, rubric, entry.plugin, entry.source)


def apply_all(
    rubrics: Mapping[str, Entry[Rubric]],
    overlays: Sequence[Entry[Overlay]],
    infos: Mapping[str, PluginInfo],
    report: Callable[[Sequence[Problem]], None],
    context: Mapping[str, Any],
) -> list[Entry[Rubric]]:
    """Apply every overlay whose base is known, in as many rounds as chains need.

    Returns the tailored rubrics, validated with ``context`` like any rubric; each fault is
    passed to ``report``.
    """
    available: dict[str, Entry[Rubric]] = dict(rubrics)  # bases are loaded when used
    pending = list(overlays)
    done: list[Entry[Rubric]] = []
    while pending:
        ready = [entry for entry in pending if find_ref(available, entry.value.base) is not None]
        if not ready:
            break
        for entry in ready:
            pending.remove(entry)
            key = find_ref(available, entry.value.base)
            assert key is not None
            result = _apply(infos[entry.plugin], entry, available[key].value, context)
            if isinstance(result, list):
                report(result)
                continue
            done.append(result)
            available.setdefault(result.key, result)
    for entry in pending:
        known = ", ".join(sorted(available)) or gettext("none")
        message = gettext(
            "overlay {overlay}: base rubric {base!r} is not registered; known: {known}"
        ).format(overlay=entry.value.ref, base=entry.value.base, known=known)
        report([_problem(infos[entry.plugin], entry, message)])
    return done

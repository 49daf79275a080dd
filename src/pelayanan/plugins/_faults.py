"""Blaming exceptions on plugins: where one was raised, and whose code raised it.

A hook that raises while the registry is built, and a plugin's scoring model or evidence
reader that raises while in use, become a :class:`~pelayanan._documents.errors.Problem`
naming the plugin, its distribution and version and the file and line of the raising frame;
the original exception is kept as the problem's ``cause`` and as the ``__cause__`` of the
:class:`~pelayanan.plugins._errors.PluginError` raised for it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

from pelayanan._documents.errors import Problem, ProblemKind
from pelayanan._i18n import gettext
from pelayanan.plugins._discovery import PluginInfo
from pelayanan.plugins._errors import PluginError

__all__ = ["blame", "location", "raised"]


def location(error: BaseException) -> str | None:
    """``file:line`` of the frame that raised ``error`` (the innermost of its traceback)."""
    import traceback  # only when something went wrong

    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    return f"{last.filename}:{last.lineno}"


def raised(
    info: PluginInfo,
    error: BaseException,
    *,
    hook: str | None = None,
    doing: str | None = None,
    kind: ProblemKind = ProblemKind.RAISED,
) -> Problem:
    """The problem "``doing`` ``Type: message`` (at ``file:line``)", keeping ``error``.

    ``doing`` is in words already (the language in force); ``raised`` when not given.
    """
    where = location(error)
    doing = gettext("raised") if doing is None else doing
    message = f"{doing} {type(error).__name__}: {error}"
    if where is not None:
        message = gettext("{message} (at {where})").format(message=message, where=where)
    return info.problem(kind, message, hook=hook, cause=error)


def _files(obj: object) -> set[str]:
    """The source files of ``obj``: a module's own file, and the module of its class
    (pelayanan's own modules excepted: a plugin may use or subclass them)."""
    names = {type(obj).__module__}
    if isinstance(getattr(obj, "__file__", None), str):
        names.add(str(getattr(obj, "__name__", "")))
    files = set()
    for name in names:
        path = getattr(sys.modules.get(name), "__file__", None)
        if isinstance(path, str) and name != "pelayanan" and not name.startswith("pelayanan."):
            files.add(path)
    return files


def blame(
    error: BaseException, suspects: Mapping[str, tuple[PluginInfo, Iterable[tuple[str, object]]]]
) -> PluginError | None:
    """A :class:`PluginError` for ``error`` if a suspect's code is on its traceback.

    ``suspects`` maps plugin names to the plugin's info and its ``(what, object)`` pairs
    (``("scoring model 'x'", model)``, ``("plugin", module)``). The innermost frame that
    belongs to a suspect object (its ``self``) or to the file defining it decides.
    """
    by_object: dict[int, tuple[PluginInfo, str]] = {}
    by_file: dict[str, tuple[PluginInfo, str]] = {}
    for info, objects in suspects.values():
        for what, obj in objects:
            by_object[id(obj)] = (info, what)
            for path in _files(obj):
                by_file.setdefault(path, (info, what))
    import traceback

    frames = [frame for frame, _ in traceback.walk_tb(error.__traceback__)]
    for frame in reversed(frames):
        owner: Any = by_object.get(id(frame.f_locals.get("self")))
        owner = owner or by_file.get(frame.f_code.co_filename)
        if owner is not None:
            info, what = owner
            return PluginError(
                [raised(info, error, doing=gettext("{what} raised").format(what=what))]
            )
    return None

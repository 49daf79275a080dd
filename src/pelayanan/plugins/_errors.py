"""Problems caused by plugins, each blamed on a plugin, its distribution and version.

Every answer to a hook call carries the plugin that gave it (see
:mod:`pelayanan.plugins._manager`), so whatever goes wrong becomes a :class:`PluginProblem`
naming the plugin; strict registries
raise them as a :class:`PluginError`, lenient ones keep them in ``registry.problems``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = ["PluginError", "PluginProblem", "ProblemKind", "describe_plugin"]


class ProblemKind(enum.StrEnum):
    """What kind of fault a plugin problem is."""

    LOAD = "load"
    """The entry point could not be imported, or the plugin could not be registered."""
    UNKNOWN_HOOK = "unknown-hook"
    """The plugin implements a hook that does not exist (a misspelt name)."""
    RAISED = "raised"
    """A hook implementation raised an exception."""
    WRONG_TYPE = "wrong-type"
    """A hook returned something of the wrong type."""
    INVALID = "invalid-document"
    """A returned rubric or zone scheme failed validation."""
    CONFLICT = "conflict"
    """Two plugins provide the same rubric, zone scheme, model or reader."""
    CHECK = "check"
    """A ``pelayanan_validate_rubric`` implementation found a problem in a rubric."""


def describe_plugin(name: str, distribution: str | None, version: str | None) -> str:
    """``plugin 'kota' (distribution pelayanan-kota-contoh 0.1.0)``, or without a distribution.

    >>> describe_plugin("kota", "pelayanan-kota-contoh", "0.1.0")
    "plugin 'kota' (distribution pelayanan-kota-contoh 0.1.0)"
    >>> describe_plugin("local", None, None)
    "plugin 'local' (not from an installed distribution)"
    """
    if distribution is None:
        return f"plugin {name!r} (not from an installed distribution)"
    return f"plugin {name!r} (distribution {distribution} {version or '(unknown version)'})"


@attrs.frozen
class PluginProblem:
    """One fault, with the plugin to blame and, for documents, where in the document.

    Attributes:
        kind: what went wrong.
        plugin: the plugin's name (its entry-point name).
        distribution: the installed distribution that declared it, if any.
        version: that distribution's version.
        message: what was found and what was expected.
        hook: the hook being called, if the fault happened in a hook.
        source: the document's file (or ``<mapping>``/``<object>``) for document faults.
        pointer: the JSON pointer of the offending value in the document.
        line: 1-based line in ``source``, when known.
        column: 1-based column in ``source``, when known.
        other: for conflicts, the description of the other plugin involved.
        cause: the exception a plugin's code raised, if that is the fault (its traceback
            included); not compared and not shown in the repr.
    """

    kind: ProblemKind = attrs.field(converter=ProblemKind)
    plugin: str
    distribution: str | None
    version: str | None
    message: str
    hook: str | None = None
    source: str | None = None
    pointer: str | None = None
    line: int | None = None
    column: int | None = None
    other: str | None = None
    cause: BaseException | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def origin(self) -> str:
        """The plugin, its distribution and version, in words."""
        return describe_plugin(self.plugin, self.distribution, self.version)

    def __str__(self) -> str:
        """``<origin>: <hook>: <file>:<line>:<column>: <pointer>: <message>``, as known."""
        parts = [self.origin]
        if self.hook:
            parts.append(self.hook)
        if self.source is not None:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.pointer is not None:
            parts.append(self.pointer or "(root)")
        parts.append(self.message)
        return ": ".join(parts)


class PluginError(Exception):
    """One or more plugins are broken; ``problems`` says which and how.

    When a plugin's code raised, the first such exception is the error's ``__cause__``, so
    a full traceback shows where it happened.

    Args:
        problems: at least one problem.

    Attributes:
        problems: the problems, in the order they were found.
    """

    problems: tuple[PluginProblem, ...]

    def __init__(self, problems: Iterable[PluginProblem]) -> None:
        found = tuple(problems)
        if not found:
            raise ValueError("PluginError needs at least one problem")
        super().__init__(found)
        self.problems = found
        self.__cause__ = next((p.cause for p in found if p.cause is not None), None)

    def __str__(self) -> str:
        """A summary line, then one line per problem."""
        count = len(self.problems)
        lines = [f"{count} plugin problem{'s' if count != 1 else ''}:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

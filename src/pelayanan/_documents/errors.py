"""Problems, and the errors that carry them: one kind of problem for every fault.

A :class:`Problem` says *what* is wrong and *where*: in a document (file, JSON pointer, line
and column), and, when a plugin is to blame, which plugin, distribution and version, in
which hook, with the exception its code raised as the cause. A document's mistake and a
plugin's fault are the same kind of object, printed the same way::

    rubric.yaml:12:5: /children/1/weight: expected a positive number ...
    plugin 'kota' (distribution pelayanan-kota 0.1.0): pelayanan_rubrics: data/r.yaml:12:5:
      /children/1/weight: invalid rubric (item 0): expected a positive number ...

Every error that reports problems is a :class:`ProblemError` with ``problems``: a
:class:`DocumentError` (a document could not be accepted; every problem found in one go, so
an author can fix a file in one pass), :class:`pelayanan.PluginError` (plugins are
broken) and :class:`pelayanan.NotFoundError` (the registry holds no such name).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from pelayanan._i18n import gettext, ngettext
from pelayanan._model.problems import PelayananError, pointer_join

__all__ = [
    "DocumentError",
    "Problem",
    "ProblemError",
    "ProblemKind",
    "describe_plugin",
    "pointer_join",
]


class ProblemKind(enum.StrEnum):
    """What kind of fault a problem is."""

    INVALID = "invalid-document"
    """A document (a file, or one a plugin returned) breaks the schema or a rule."""
    LOAD = "load"
    """A plugin's entry point could not be imported, or the plugin could not be registered."""
    UNKNOWN_HOOK = "unknown-hook"
    """A plugin implements a hook that does not exist (a misspelt name)."""
    RAISED = "raised"
    """A plugin's code (a hook, a scoring model, a reader) raised an exception."""
    WRONG_TYPE = "wrong-type"
    """A hook returned something of the wrong type."""
    CONFLICT = "conflict"
    """Two plugins provide the same rubric, zone scheme, model or reader."""
    CHECK = "check"
    """A ``pelayanan_validate_rubric`` implementation found a problem in a rubric."""
    NOT_FOUND = "not-found"
    """The registry holds nothing under the name asked for."""


def describe_plugin(name: str, distribution: str | None, version: str | None) -> str:
    """``plugin 'kota' (distribution pelayanan-kota-contoh 0.1.0)``, or without a distribution.

    >>> describe_plugin("kota", "pelayanan-kota-contoh", "0.1.0")
    "plugin 'kota' (distribution pelayanan-kota-contoh 0.1.0)"
    >>> describe_plugin("local", None, None)
    "plugin 'local' (not from an installed distribution)"
    """
    if distribution is None:
        return gettext("plugin {name!r} (not from an installed distribution)").format(name=name)
    return gettext("plugin {name!r} (distribution {distribution} {version})").format(
        name=name, distribution=distribution, version=version or gettext("(unknown version)")
    )


@attrs.frozen
class Problem:
    """One fault: what is wrong, where, and who is to blame.

    Attributes:
        source: The file as given (or ``"<string>"``, ``"<mapping>"``, a name the caller
            chose); ``None`` for a fault that is in no document (a plugin that fails to load).
        pointer: RFC 6901 JSON pointer to the offending value (``""`` is the document's
            root); ``None`` when the fault is in no document.
        message: What was found and what was expected, e.g. ``"expected a number, got 'abc'"``.
        line: 1-based line in ``source``, when the format provides it.
        column: 1-based column in ``source``, when the format provides it.
        kind: What kind of fault (:attr:`ProblemKind.INVALID` for a document's mistake).
        plugin: The plugin to blame (its entry-point name), if a plugin is at fault.
        distribution: The installed distribution that declared that plugin, if any.
        version: That distribution's version.
        hook: The hook being called, if the fault happened in a hook.
        other: For a conflict, the other plugin involved, in words.
        cause: The exception a plugin's code raised, if that is the fault (its traceback
            included); not compared and not shown in the repr.
    """

    source: str | None
    pointer: str | None
    message: str
    line: int | None = None
    column: int | None = None
    kind: ProblemKind = attrs.field(
        default=ProblemKind.INVALID, converter=ProblemKind, kw_only=True
    )
    plugin: str | None = attrs.field(default=None, kw_only=True)
    distribution: str | None = attrs.field(default=None, kw_only=True)
    version: str | None = attrs.field(default=None, kw_only=True)
    hook: str | None = attrs.field(default=None, kw_only=True)
    other: str | None = attrs.field(default=None, kw_only=True)
    cause: BaseException | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def origin(self) -> str | None:
        """The plugin to blame, its distribution and version, in words (``None``: no plugin)."""
        if self.plugin is None:
            return None
        return describe_plugin(self.plugin, self.distribution, self.version)

    @property
    def where(self) -> str | None:
        """``file:line:column`` as far as known (``None``: in no file)."""
        if self.source is None:
            return None
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        """``[<plugin>: [<hook>: ]][<file>:<line>:<column>: ][<pointer>: ]<message>``, as
        known; the root pointer ``""`` is shown as ``(root)``."""
        parts = [part for part in (self.origin, self.origin and self.hook, self.where) if part]
        if self.pointer is not None:
            parts.append(self.pointer or gettext("(root)"))
        parts.append(self.message)
        return ": ".join(parts)


class ProblemError(PelayananError):
    """An error that carries :class:`Problem` objects: what went wrong, where, and whose fault.

    When a plugin's code raised, the first such exception is the error's ``__cause__``, so a
    full traceback shows where it happened.

    Args:
        problems: The problems found; there must be at least one.

    Raises:
        ValueError: If ``problems`` is empty.

    Attributes:
        problems: The problems, in the order they were found.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = tuple(problems)
        if not found:
            msg = f"{type(self).__name__} needs at least one problem"
            raise ValueError(msg)
        super().__init__(found)
        self.problems = found
        cause = next((p.cause for p in found if p.cause is not None), None)
        if cause is not None:
            self.__cause__ = cause

    def __str__(self) -> str:
        """A summary line, then one line per problem."""
        count = len(self.problems)
        head = ngettext("{count} problem:", "{count} problems:", count).format(count=count)
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])


class DocumentError(ProblemError, ValueError):
    """A document could not be accepted; carries every :class:`Problem` found.

    ``str(error)`` starts with a summary line such as ``"2 problems in rubric.yaml:"``,
    followed by one line per problem.
    """

    def __str__(self) -> str:
        """List every problem, one per line, after a summary line."""
        sources = ", ".join(dict.fromkeys(str(p.source) for p in self.problems))
        count = len(self.problems)
        head = ngettext("{count} problem in {file}:", "{count} problems in {file}:", count)
        lines = [head.format(count=count, file=sources)]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

"""The error a broken plugin raises: :class:`PluginError`, carrying problems.

A plugin's fault is a :class:`~pelayanan._documents.errors.Problem` like a document's
mistake, with the plugin, distribution, version and hook to blame filled in (and the
exception its code raised as the cause); every answer to a hook call carries the plugin
that gave it (see :mod:`pelayanan.plugins._manager`), so nothing goes unblamed. Strict
registries raise the problems as a :class:`PluginError`, lenient ones keep them in
``registry.problems``.
"""

from __future__ import annotations

from pelayanan._documents.errors import Problem, ProblemError, ProblemKind, describe_plugin
from pelayanan._i18n import ngettext

__all__ = ["PluginError", "Problem", "ProblemKind", "describe_plugin"]


class PluginError(ProblemError):
    """One or more plugins are broken; ``problems`` says which and how.

    When a plugin's code raised, the first such exception is the error's ``__cause__``, so
    a full traceback shows where it happened.

    Args:
        problems: at least one problem.

    Attributes:
        problems: the problems, in the order they were found.
    """

    def __str__(self) -> str:
        """A summary line, then one line per problem."""
        count = len(self.problems)
        head = ngettext("{count} plugin problem:", "{count} plugin problems:", count)
        lines = [head.format(count=count)]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

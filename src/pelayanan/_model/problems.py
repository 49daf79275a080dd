"""What the model's validators report: every broken rule, placed by a JSON pointer.

A validator that finds problems raises one :class:`RuleError` listing each :class:`Finding`
with a pointer relative to the object it validates (``/bands/2/lower`` of a zone scheme).
The converters extend the pointer to where the object sits in its document, and the document
layer turns it into a file, line and column. So a rule is written once, here in the model,
and reported as precisely from a file as from code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import attrs

__all__ = ["Finding", "RuleError", "listing", "pointer_join", "suggest"]


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer (RFC 6901) by one or more reference tokens.

    Each part is escaped as the RFC requires (``~`` becomes ``~0``, ``/`` becomes ``~1``);
    integers are list indexes.

    Args:
        pointer: The pointer to extend; ``""`` is the document root.
        *parts: Mapping keys or list indexes to append, outermost first.

    Returns:
        The extended pointer, e.g. ``pointer_join("/groups", 0, "a/b")`` is
        ``"/groups/0/a~1b"``.
    """
    for part in parts:
        token = str(part).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{token}"
    return pointer


def listing(names: Iterable[str], limit: int = 12) -> str:
    """Names quoted and joined, shortened after ``limit``."""
    shown = [repr(name) for name in names]
    if len(shown) > limit:
        shown = [*shown[:limit], f"... ({len(shown) - limit} more)"]
    return ", ".join(shown) or "none"


def suggest(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for a close known name, else ``""``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


@attrs.frozen
class Finding:
    """One broken rule.

    Attributes:
        pointer: Where, relative to the object validated (``""``: the object itself).
        message: What is wrong and what is expected.
        see: Another place the message refers to (the first use of an id used twice),
            shown after the message in parentheses.
        rule: Whether a rule of the model is broken; ``False`` for data that could not be
            read at all (a wrong shape or type, which a document's schema reports too).
    """

    pointer: str
    message: str
    see: str | None = None
    rule: bool = True

    def under(self, prefix: str) -> Finding:
        """The same finding, its pointers placed below ``prefix``."""
        see = None if self.see is None else prefix + self.see
        return attrs.evolve(self, pointer=prefix + self.pointer, see=see)

    def text(self, where: str | None = None) -> str:
        """The message, followed by ``where`` (default: the ``see`` pointer) if any."""
        where = self.see if where is None else where
        return self.message if where is None else f"{self.message} ({where})"

    def __str__(self) -> str:
        return f"{self.pointer or '(root)'}: {self.text()}"


class RuleError(ValueError):
    """An object that breaks the model's rules; ``findings`` lists each broken rule.

    ``str(error)`` names the object (``zone scheme 'x'``) and lists the findings.
    """

    def __init__(self, subject: str, findings: Iterable[Finding]) -> None:
        self.subject = subject
        self.findings = tuple(findings)
        super().__init__(f"{subject}: " + "; ".join(str(f) for f in self.findings))

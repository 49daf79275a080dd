"""What the model's validators report: every broken rule, placed by a JSON pointer.

A validator that finds problems raises one :class:`RuleError` listing each :class:`Finding`
with a pointer relative to the object it validates (``/bands/2/lower`` of a zone scheme).
The converters extend the pointer to where the object sits in its document, and the document
layer turns it into a file, line and column. So a rule is written once, here in the model,
and reported as precisely from a file as from code.

The wording is lazy: a finding carries an English template (marked for extraction with
``N_``) and the values to fill in, and is translated where it is shown (``str()`` of the
finding or the error, a document problem, the command line), in the language in force then
(:func:`pelayanan._i18n.use_language`). So the same error reads in English under
``use_language("en")`` and in Indonesian under ``use_language("id")``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import attrs

from pelayanan._i18n import N_, gettext

__all__ = [
    "Finding",
    "InvalidValueError",
    "Listing",
    "Message",
    "PelayananError",
    "RuleError",
    "listing",
    "pointer_join",
    "shown",
    "suggest",
]


class PelayananError(Exception):
    """The base of every exception class pelayanan defines: the errors about what it is given
    (a document, a file's rows, a rubric's rules, a limit, a plugin), so ``except
    PelayananError`` catches them all.

    Each also keeps the built-in base it has always had (:class:`ValueError` for bad input,
    :class:`KeyError` for a name the registry does not hold, ...), so code that catches
    those still works. A call that is itself wrong (an argument of the wrong type, an unknown
    option value) raises Python's own :class:`TypeError` or :class:`ValueError`.
    """


class InvalidValueError(PelayananError, ValueError):
    """A value in the data pelayanan is given that it cannot take: a number written in a way
    it does not read, an id of the wrong form, an answer that is no level of its scale, a
    score outside a zone scheme's range, ... The message says what was expected, in the
    language in force when it is shown (it may be a lazy message, translated then).

    A call that is itself wrong (an argument of the wrong type, an unknown option) raises
    Python's own :class:`TypeError` or :class:`ValueError` instead.
    """


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


Values = tuple[tuple[str, object], ...]


def _values(value: Mapping[str, object] | Iterable[tuple[str, object]]) -> Values:
    """Template values as sorted pairs: hashable and compared in a fixed order."""
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(((str(name), item) for name, item in pairs), key=lambda pair: pair[0]))


def _render(template: str, values: Values) -> str:
    """``template`` in the language in force, ``values`` filled in (each lazy value, such
    as a :class:`Listing` or a nested :class:`Message`, translated too)."""
    if not template:
        return ""  # gettext("") is the catalog's header
    text = gettext(template)
    if not values:
        return text  # a message given ready-made may contain braces
    return text.format(**dict(values))


@attrs.frozen
class Message:
    """Text translated when shown: an English ``template`` (``str.format`` syntax, marked
    with ``N_`` so that it is extracted into the catalogs) and the ``values`` it names.

    A value may itself be lazy (a :class:`Message` or a :class:`Listing`): ``str.format``
    shows it with ``str()``, in the same language.
    """

    template: str
    values: Values = attrs.field(default=(), converter=_values)

    def __str__(self) -> str:
        return _render(self.template, self.values)


def shown(text: str | Message) -> str:
    """``text`` in the language in force (a plain string is looked up in the catalogs too,
    so a marked constant passed as ``str`` is translated)."""
    return str(text) if isinstance(text, Message) else _render(text, ())


def _strings(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(names)


@attrs.frozen
class Listing:
    """Names quoted and joined when shown, shortened after ``limit`` (``'a', 'b', ... (3
    more)``); ``none`` when there are none, in the language in force."""

    names: tuple[str, ...] = attrs.field(converter=_strings)
    limit: int = 12

    def __str__(self) -> str:
        shown_names = [repr(name) for name in self.names[: self.limit]]
        extra = len(self.names) - self.limit
        if extra > 0:
            shown_names.append(gettext("... ({count} more)").format(count=extra))
        return ", ".join(shown_names) or gettext("none")


def listing(names: Iterable[str], limit: int = 12) -> Listing:
    """Names quoted and joined, shortened after ``limit`` (see :class:`Listing`)."""
    return Listing(tuple(names), limit)


def suggest(name: str, known: Iterable[str]) -> Message:
    """``"; did you mean 'x'?"`` for a close known name, else an empty message (each shown
    in the language in force)."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    if not close:
        return Message("")
    return Message(N_("; did you mean {choice!r}?"), {"choice": close[0]})


@attrs.frozen
class Finding:
    """One broken rule.

    Attributes:
        pointer: Where, relative to the object validated (``""``: the object itself).
        message: What is wrong and what is expected: an English template marked with
            ``N_`` (``"zone id {id!r} is used twice"``), translated when shown.
        see: Another place the message refers to (the first use of an id used twice),
            shown after the message in parentheses.
        rule: Whether a rule of the model is broken; ``False`` for data that could not be
            read at all (a wrong shape or type, which a document's schema reports too).
        values: The values the template names (a mapping when given; kept as sorted
            pairs, so that findings compare, hash and pickle as plain data).
    """

    pointer: str
    message: str
    see: str | None = None
    rule: bool = True
    values: Values = attrs.field(default=(), converter=_values)

    def under(self, prefix: str) -> Finding:
        """The same finding, its pointers placed below ``prefix``."""
        see = None if self.see is None else prefix + self.see
        return attrs.evolve(self, pointer=prefix + self.pointer, see=see)

    def text(self, where: str | None = None) -> str:
        """The message in the language in force, followed by ``where`` (default: the
        ``see`` pointer) if any."""
        where = self.see if where is None else where
        message = _render(self.message, self.values)
        return message if where is None else f"{message} ({where})"

    def __str__(self) -> str:
        return f"{self.pointer or gettext('(root)')}: {self.text()}"


class RuleError(PelayananError, ValueError):
    """An object that breaks the model's rules; ``findings`` lists each broken rule.

    ``str(error)`` names the object (``zone scheme 'x'``) and lists the findings, in the
    language in force when it is shown. ``subject`` is the name of the object: a text
    (looked up in the catalogs) or a lazy message.
    """

    def __init__(self, subject: object, findings: Iterable[Finding]) -> None:
        self.subject = subject
        self.findings = tuple(findings)
        super().__init__(subject, self.findings)  # the arguments pickling rebuilds it from

    def __str__(self) -> str:
        subject = shown(self.subject) if isinstance(self.subject, str) else str(self.subject)
        return f"{subject}: " + "; ".join(str(f) for f in self.findings)
